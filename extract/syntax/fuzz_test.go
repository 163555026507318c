package syntax_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract/syntax"
)

// FuzzReadCoNLLU checks that reading never panics and that whatever reads
// is written, read back and written again to the same bytes.
func FuzzReadCoNLLU(f *testing.F) {
	var seed bytes.Buffer
	if err := syntax.WriteCoNLLU(&seed, mustTestSplit(f)[:3]); err != nil {
		f.Fatalf("WriteCoNLLU: %v", err)
	}
	f.Add(seed.String())
	f.Add("1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\t_\t_\t_\t_\t0\troot\t_\t_\n2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n")
	f.Add("# only a comment\n\n\n")
	f.Fuzz(func(t *testing.T, doc string) {
		sents, err := syntax.ReadCoNLLU(strings.NewReader(doc))
		if err != nil {
			return
		}
		var first, second bytes.Buffer
		if err := syntax.WriteCoNLLU(&first, sents); err != nil {
			t.Fatalf("WriteCoNLLU: %v", err)
		}
		again, err := syntax.ReadCoNLLU(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("reading what was written: %v\n%s", err, first.Bytes())
		}
		if err := syntax.WriteCoNLLU(&second, again); err != nil {
			t.Fatalf("WriteCoNLLU: %v", err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("round trip changed\n%q\ninto\n%q", first.Bytes(), second.Bytes())
		}
	})
}

// FuzzParse checks that any words parse into a well-formed tree.
func FuzzParse(f *testing.F) {
	f.Add("China slapped 25 % tariffs on U.S. goods worth $11bn .")
	f.Add("“ We will not back down , ” he said – and left .")
	f.Add("\x00 \xff\xfe '' `` -LRB- -RRB- ’s n't")
	m := syntax.Default()
	f.Fuzz(func(t *testing.T, text string) {
		words := strings.Split(text, " ")
		if len(words) > 400 {
			words = words[:400]
		}
		checkTree(t, words, m.Parse(words))
		checkTree(t, syntax.SplitClitics(words), m.Parse(syntax.SplitClitics(words)))
	})
}

// FuzzLoad checks that Load never panics on a damaged model, and that a
// model it accepts saves to bytes that load back into the same model. It
// fuzzes the decompressed contents, which the decoder reads.
func FuzzLoad(f *testing.F) {
	m, err := syntax.Train(mustTestSplit(f)[:20], syntax.TrainOptions{TagEpochs: 1, ParseEpochs: 1, Folds: 2, HashBits: 8})
	if err != nil {
		f.Fatalf("Train: %v", err)
	}
	var saved bytes.Buffer
	if err := m.Save(&saved); err != nil {
		f.Fatalf("Save: %v", err)
	}
	zr, err := gzip.NewReader(&saved)
	if err != nil {
		f.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add(raw[:len(raw)/2])
	f.Add([]byte("kg-syntax-model/1\n\x01\x04root\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var in bytes.Buffer
		zw := gzip.NewWriter(&in)
		zw.Write(raw)
		zw.Close()
		m, err := syntax.Load(&in)
		if err != nil {
			return
		}
		var first, second bytes.Buffer
		if err := m.Save(&first); err != nil {
			t.Fatalf("Save: %v", err)
		}
		again, err := syntax.Load(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("loading what was saved: %v", err)
		}
		if err := again.Save(&second); err != nil {
			t.Fatalf("Save: %v", err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("save, load, save changed the model file")
		}
	})
}
