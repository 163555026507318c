package syntax_test

import (
	"testing"

	"github.com/kgnews/kg/extract/syntax"
)

// benchWords returns the words of the test split's sentences.
func benchWords(b *testing.B) ([][]string, int) {
	var out [][]string
	n := 0
	for _, s := range mustTestSplit(b) {
		w := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			w[i] = t.Form
		}
		out = append(out, w)
		n += len(w)
	}
	return out, n
}

func BenchmarkTag(b *testing.B) { benchmarkWords(b, syntax.Default().TagInto) }

func BenchmarkParse(b *testing.B) { benchmarkWords(b, syntax.Default().ParseInto) }

// benchmarkWords runs analyse over the test split, reporting words/s.
func benchmarkWords(b *testing.B, analyse func(*syntax.Sentence, []string)) {
	sents, n := benchWords(b)
	var s syntax.Sentence
	b.ResetTimer()
	for b.Loop() {
		for _, w := range sents {
			analyse(&s, w)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
