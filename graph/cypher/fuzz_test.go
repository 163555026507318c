package cypher_test

import (
	"bufio"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
)

// FuzzParse checks that arbitrary input never panics the parser and that
// every error is an *Error carrying a position or one of the positionless
// kinds.
func FuzzParse(f *testing.F) {
	file, err := os.Open(filepath.Join("testdata", "queries.cypher"))
	if err != nil {
		f.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, err := cypher.Parse(q)
		if err == nil {
			return
		}
		e, ok := cypher.IsError(err)
		if !ok {
			t.Fatalf("Parse(%q) returned %T %v, want *cypher.Error", q, err, err)
		}
		if e.Line <= 0 || e.Column <= 0 {
			t.Fatalf("Parse(%q): error without position: %v", q, e)
		}
	})
}
