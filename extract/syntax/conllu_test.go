package syntax_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract/syntax"
)

func TestReadCoNLLU(t *testing.T) {
	const doc = "# sent_id = 1\n" +
		"# text = Don't go.\n" +
		"1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t3:aux\t_\n" +
		"2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t3:advmod\t_\n" +
		"3\tgo\tgo\tVERB\tVB\t_\t0\troot\t0:root\t_\n" +
		"3.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t3:conj\t_\n" +
		"4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t3:punct\t_\n" +
		"\n" +
		"1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n"
	got, err := syntax.ReadCoNLLU(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("ReadCoNLLU: %v", err)
	}
	if len(got) != 2 || len(got[0].Tokens) != 4 || len(got[1].Tokens) != 1 {
		t.Fatalf("ReadCoNLLU gave %+v, want sentences of 4 and 1 words", got)
	}
	want := syntax.Token{Form: "n't", Lemma: "not", UPOS: "PART", Head: 3, Rel: "advmod"}
	if got[0].Tokens[1] != want {
		t.Errorf("word 2=%+v, want %+v", got[0].Tokens[1], want)
	}
	if want := (syntax.Token{Form: "Hi", Head: -1}); got[1].Tokens[0] != want {
		t.Errorf("unparsed word=%+v, want %+v", got[1].Tokens[0], want)
	}
}

func TestReadCoNLLUErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		line      int
	}{
		{"columns", "1\tHi\t_\n", 1},
		{"id order", "1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n3\tb\t_\t_\t_\t_\t1\tdep\t_\t_\n", 2},
		{"bad head", "# c\n1\ta\t_\t_\t_\t_\tx\troot\t_\t_\n", 2},
		{"head beyond", "1\ta\t_\t_\t_\t_\t2\troot\t_\t_\n\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := syntax.ReadCoNLLU(strings.NewReader(tc.doc))
			var fe *syntax.FormatError
			if !errors.As(err, &fe) || fe.Line != tc.line {
				t.Errorf("ReadCoNLLU error %v, want a FormatError on line %d", err, tc.line)
			}
		})
	}
}

func TestWriteCoNLLURoundTrip(t *testing.T) {
	sents := mustTestSplit(t)[:50]
	var first, second bytes.Buffer
	if err := syntax.WriteCoNLLU(&first, sents); err != nil {
		t.Fatalf("WriteCoNLLU: %v", err)
	}
	again, err := syntax.ReadCoNLLU(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatalf("ReadCoNLLU: %v", err)
	}
	for i := range sents {
		for j := range sents[i].Tokens {
			if again[i].Tokens[j] != sents[i].Tokens[j] {
				t.Fatalf("sentence %d word %d: %+v after a round trip, want %+v", i+1, j+1, again[i].Tokens[j], sents[i].Tokens[j])
			}
		}
	}
	if err := syntax.WriteCoNLLU(&second, again); err != nil {
		t.Fatalf("WriteCoNLLU: %v", err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("writing what was read changed the output")
	}
}
