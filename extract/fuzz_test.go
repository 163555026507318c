package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/document"
)

// FuzzExtract feeds arbitrary bytes through document.Read and Extract: no
// panic (Extract reports a recovered rule bug as an "internal error"), no
// error for a document Read accepted, and a closed batch.
func FuzzExtract(f *testing.F) {
	for _, glob := range []string{"../seeds/*.txt", "testdata/gold/rules/*.txt"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	for _, s := range []string{
		"", "“", "X said", "Mr. . said “", "and and and, the the", "President", "President President X Y said.",
		"‘’’s’s", "U.S.-China", "25% 25 per cent $11bn 1,000,000", "Q: ?", "Photograph: A/B",
		"A and B agreed to to to", "imposed tariffs on on on", "between and", "— — —", "Xi’s’s call with",
		"\x00\x01\x02", "\xff\xfe", strings.Repeat("Trump met Xi. ", 50),
	} {
		f.Add([]byte(s))
	}
	x := extract.New(extract.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := document.Read("fuzz.txt", data)
		if err != nil {
			return
		}
		b, err := x.Extract(doc)
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		checkClosed(t, "fuzz input", b)
	})
}
