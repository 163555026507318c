package syntax_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kgnews/kg/extract/syntax"
)

// testSplit returns the vendored EWT test split.
var testSplit = sync.OnceValues(func() ([]syntax.Sentence, error) {
	f, err := os.Open("testdata/en_ewt-ud-test.conllu.gz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return syntax.ReadCoNLLU(zr)
})

func mustTestSplit(t testing.TB) []syntax.Sentence {
	t.Helper()
	sents, err := testSplit()
	if err != nil {
		t.Fatalf("failed to read the test split: %v", err)
	}
	return sents
}

// The shipped model, on EWT test with predicted tags and gold tokens.
const (
	minUPOS = 93
	minUAS  = 80
	minLAS  = 76
)

func TestAccuracy(t *testing.T) {
	sents := mustTestSplit(t)
	got := syntax.Default().Evaluate(sents)
	t.Logf("EWT test, %d sentences, %d words: UPOS %.2f lemma %.2f UAS %.2f LAS %.2f",
		len(sents), got.Words, got.UPOS, got.Lemma, got.UAS, got.LAS)
	if got.Words < 25000 {
		t.Errorf("scored %d words, want the whole test split", got.Words)
	}
	if got.UPOS < minUPOS || got.UAS < minUAS || got.LAS < minLAS {
		t.Errorf("UPOS %.2f UAS %.2f LAS %.2f, want at least %d, %d, %d", got.UPOS, got.UAS, got.LAS, minUPOS, minUAS, minLAS)
	}
}

// checkTree fails unless s is a well-formed projective tree over words.
func checkTree(t *testing.T, words []string, s syntax.Sentence) {
	t.Helper()
	if len(s.Tokens) != len(words) {
		t.Fatalf("%d tokens for %d words", len(s.Tokens), len(words))
	}
	roots := 0
	for i, tok := range s.Tokens {
		if tok.Form != words[i] {
			t.Errorf("token %d Form=%q, want %q", i+1, tok.Form, words[i])
		}
		if tok.Head < 0 || tok.Head > len(words) || tok.Head == i+1 {
			t.Fatalf("token %d has head %d", i+1, tok.Head)
		}
		if (tok.Head == 0) != (tok.Rel == "root") {
			t.Errorf("token %d: head %d with relation %q", i+1, tok.Head, tok.Rel)
		}
		if tok.Head == 0 {
			roots++
		}
		if tok.UPOS == "" || tok.Rel == "" {
			t.Errorf("token %d has no tag or relation: %+v", i+1, tok)
		}
		for x, steps := i+1, 0; x != 0; x = s.Tokens[x-1].Head {
			if steps++; steps > len(words) {
				t.Fatalf("token %d is on a cycle", i+1)
			}
		}
	}
	if len(words) > 0 && roots != 1 {
		t.Errorf("%d roots, want 1", roots)
	}
}

func TestParseNews(t *testing.T) {
	m := syntax.Default()
	tests := []struct {
		name  string
		text  string
		want  map[string]string // form -> "LEMMA UPOS REL"; "*" skips a field
		heads map[string]string // dependent form -> head form
	}{
		{
			name:  "active sanction",
			text:  "China slapped 25 % tariffs on U.S. goods worth $ 11bn on Monday .",
			want:  map[string]string{"slapped": "slap VERB root", "China": "China PROPN nsubj", "tariffs": "tariff NOUN obj"},
			heads: map[string]string{"China": "slapped", "tariffs": "slapped"},
		},
		{
			name:  "passive",
			text:  "Huawei was blacklisted by Washington in May .",
			want:  map[string]string{"blacklisted": "blacklist VERB root", "Huawei": "Huawei PROPN nsubj:pass", "Washington": "Washington PROPN obl:agent"},
			heads: map[string]string{"Washington": "blacklisted", "by": "Washington"},
		},
		{
			name: "progressive",
			text: "The government is banning exports of rare earths , officials said .",
			want: map[string]string{"banning": "ban VERB *", "is": "be AUX aux", "exports": "export NOUN obj", "said": "say VERB *"},
		},
		{
			name:  "possessive and quotes",
			text:  "India ’s foreign minister said “ talks will continue ” – and they did .",
			want:  map[string]string{"’s": "* PART case", "minister": "minister NOUN nsubj", "will": "will AUX aux"},
			heads: map[string]string{"India": "minister"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			words := strings.Fields(tc.text)
			s := m.Parse(words)
			checkTree(t, words, s)
			byForm := map[string]syntax.Token{}
			for _, tok := range s.Tokens {
				byForm[tok.Form] = tok
			}
			for form, want := range tc.want {
				tok := byForm[form]
				w := strings.Fields(want)
				for i, got := range []string{tok.Lemma, tok.UPOS, tok.Rel} {
					if w[i] != "*" && got != w[i] {
						t.Errorf("%q: got %s %s %s, want %s", form, tok.Lemma, tok.UPOS, tok.Rel, want)
						break
					}
				}
			}
			for dep, head := range tc.heads {
				if h := byForm[dep].Head; h < 1 || s.Tokens[h-1].Form != head {
					t.Errorf("head of %q is %d, want %q", dep, h, head)
				}
			}
		})
	}
}

func TestParseEdgeCases(t *testing.T) {
	long := make([]string, 3000)
	for i := range long {
		long[i] = []string{"the", "minister", "said", ",", "and", "“", "$11bn", "25%", "—"}[i%9]
	}
	tests := []struct {
		name  string
		words []string
	}{
		{"empty", nil},
		{"one word", []string{"Hello"}},
		{"empty strings", []string{"", "", " "}},
		{"symbols", []string{"U.S.", "$11bn", "25%", "“", "”", "–", "—", "'s", "\x00", "\xff"}},
		{"very long", long},
	}
	m := syntax.Default()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkTree(t, tc.words, m.Parse(tc.words))
			if got := m.Tag(tc.words); len(got.Tokens) != len(tc.words) {
				t.Errorf("Tag gave %d tokens, want %d", len(got.Tokens), len(tc.words))
			}
		})
	}
}

func TestTagMatchesParse(t *testing.T) {
	m := syntax.Default()
	words := strings.Fields("Xi Jinping and Joe Biden held a call on trade .")
	tagged, parsed := m.Tag(words), m.Parse(words)
	for i := range words {
		a, b := tagged.Tokens[i], parsed.Tokens[i]
		if a.UPOS != b.UPOS || a.Lemma != b.Lemma || a.Head != -1 {
			t.Errorf("word %d: Tag gave %+v, Parse %+v", i+1, a, b)
		}
	}
}

func TestTrainDeterministic(t *testing.T) {
	sents := mustTestSplit(t)[:120]
	opts := syntax.TrainOptions{TagEpochs: 2, ParseEpochs: 2, Folds: 2, HashBits: 14}
	var saved [2][]byte
	for i := range saved {
		m, err := syntax.Train(sents, opts)
		if err != nil {
			t.Fatalf("Train: %v", err)
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatalf("Save: %v", err)
		}
		saved[i] = buf.Bytes()
	}
	if !bytes.Equal(saved[0], saved[1]) {
		t.Fatalf("two trainings gave different model files (%d and %d bytes)", len(saved[0]), len(saved[1]))
	}
	m, err := syntax.Load(bytes.NewReader(saved[0]))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var again bytes.Buffer
	if err := m.Save(&again); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if !bytes.Equal(again.Bytes(), saved[0]) {
		t.Errorf("Load then Save changed the model file")
	}
	words := strings.Fields("The talks will continue .")
	checkTree(t, words, m.Parse(words))
}

func TestLoadRejects(t *testing.T) {
	var good bytes.Buffer
	if err := syntax.Default().Save(&good); err != nil {
		t.Fatalf("Save: %v", err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("hello")},
		{"truncated", good.Bytes()[:good.Len()/2]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := syntax.Load(bytes.NewReader(tc.data)); err == nil {
				t.Errorf("Load succeeded, want an error")
			}
		})
	}
}

func TestSplitClitics(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Iran's minister", "Iran 's minister"},
		{"China’s tariffs", "China ’s tariffs"},
		{"they don't know", "they do n't know"},
		{"the leaders' talks", "the leaders ' talks"},
		{"(the U.S. said, \"no\")", "( the U.S. said , \" no \" )"},
		{"a $11bn deal at 25%", "a $ 11bn deal at 25 %"},
		{"he left.", "he left ."},
		{"the U.S.", "the U.S."},
		{"'s", "'s"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := syntax.SplitClitics(strings.Fields(tc.in))
			if want := strings.Fields(tc.want); !slices.Equal(got, want) {
				t.Errorf("SplitClitics(%q)=%q, want %q", tc.in, got, want)
			}
		})
	}
}
