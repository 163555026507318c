package ingest_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/storetest"
	"github.com/kgnews/kg/internal/ingest"
)

// ingestRuns ingests each run (a list of paths) in turn into a new embedded
// store and returns its JSON export and what the last run loaded.
func ingestRuns(t *testing.T, runs [][]string, opts ingest.Options) ([]byte, graph.LoadStats) {
	t.Helper()
	s, err := embedded.Open(filepath.Join(t.TempDir(), "kg.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	x := extract.New(extract.Options{})
	var last graph.LoadStats
	for _, paths := range runs {
		sum, err := ingest.Run(context.Background(), x, s, paths, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Skipped) > 0 {
			t.Fatalf("skipped %+v", sum.Skipped)
		}
		last = sum.Load
	}
	return storetest.ExportJSON(t, s), last
}

// TestShortFormsDoNotDependOnOrder ingests articles that name people in
// full and by short forms, in every order and split: the short forms stay
// their own actors, so the graph is the same whichever article came first,
// and a role stated differently by two articles merges to one value.
func TestShortFormsDoNotDependOnOrder(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	c := filepath.Join(dir, "c.txt")
	write(t, a, "Published On: Mar 4, 2025\n\nBrazilian President Joana Ferraz met Chinese Premier Wang Liqiang in Brasilia on Monday.")
	write(t, b, "Published On: Mar 6, 2025\n\nPresident Ferraz spoke with Premier Wang by phone on Wednesday.")
	write(t, c, "Published On: Mar 7, 2025\n\nGerman Chancellor Brandt met Brazilian Foreign Minister Joana Ferraz in Berlin on Friday.")
	want, _ := ingestRuns(t, [][]string{{a, b, c}}, ingest.Options{})
	for _, tc := range []struct {
		name string
		runs [][]string
		opts ingest.Options
	}{
		{"reversed", [][]string{{c, b, a}}, ingest.Options{}},
		{"one per load", [][]string{{b, c, a}}, ingest.Options{FlushEvery: 1, Workers: 3}},
		{"short forms first, own run", [][]string{{b}, {a, c}}, ingest.Options{}},
		{"full names first, own run", [][]string{{a}, {c}, {b}}, ingest.Options{}},
		{"twice", [][]string{{a, b, c}, {c, a, b}}, ingest.Options{}},
	} {
		got, _ := ingestRuns(t, tc.runs, tc.opts)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: export differs from ingesting a, b, c in one run:\n%s\nwant\n%s", tc.name, got, want)
		}
	}
	// The short form is its own actor; of the two roles stated for Joana
	// Ferraz the longer wins (graph.PreferScalar), whatever came first.
	for _, frag := range []string{`"id":"actor-ferraz"`, `"name":"Joana Ferraz","role":"Foreign Minister"`} {
		if !bytes.Contains(want, []byte(frag)) {
			t.Errorf("export lacks %s:\n%s", frag, want)
		}
	}
}
