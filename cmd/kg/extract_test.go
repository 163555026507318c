package main

import (
	"path/filepath"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

// TestExtractTraceGolden holds the trace of `kg extract --trace` on an
// article that exercises each rule and its drops: the mentions of every
// sentence, every candidate with its outcome, and the facts with their rule.
func TestExtractTraceGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "extract", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no trace fixtures in testdata/extract: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			code, out, errOut := kg(t, "", "extract", "--trace", file)
			if code != exitOK {
				t.Fatalf("kg extract --trace %s: exit %d, stderr %s", file, code, errOut)
			}
			testutil.Golden(t, file[:len(file)-len(".txt")]+".golden", []byte(out))
		})
	}
}

func TestExtractUsage(t *testing.T) {
	if code, _, errOut := kg(t, "", "extract"); code != exitUsage {
		t.Errorf("kg extract with no path: exit %d, want %d (%s)", code, exitUsage, errOut)
	}
	if code, _, errOut := kg(t, "", "extract", "--format", "xml", "x.txt"); code != exitUsage {
		t.Errorf("kg extract --format xml: exit %d, want %d (%s)", code, exitUsage, errOut)
	}
	if code, _, errOut := kg(t, "", "extract", filepath.Join(t.TempDir(), "missing.txt")); code != exitPartial {
		t.Errorf("kg extract of a missing file: exit %d, want %d (%s)", code, exitPartial, errOut)
	}
}
