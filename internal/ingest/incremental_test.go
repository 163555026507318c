package ingest_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/internal/ingest"
)

// countingExtractor is fakeExtractor counting the documents it extracts.
type countingExtractor struct{ n atomic.Int64 }

func (c *countingExtractor) Extract(doc *document.Document) (*graph.Batch, error) {
	c.n.Add(1)
	return fakeExtractor{}.Extract(doc)
}

// TestIncrementalIngestSkipsWhatTheStoreHolds runs ingests one after the
// other on one store and checks what each extracted: only inputs whose
// content, path or extractor stamp is new.
func TestIncrementalIngestSkipsWhatTheStoreHolds(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		write(t, filepath.Join(dir, name), "article "+name)
	}
	s := embeddedtest.Open(t)
	ctx := context.Background()
	steps := []struct {
		name          string
		before        func()
		paths         []string
		stamp         string
		wantExtracted int64
		wantUnchanged int
	}{
		{name: "first ingest", paths: []string{dir}, stamp: "v1", wantExtracted: 3},
		{name: "unchanged", paths: []string{dir}, stamp: "v1", wantExtracted: 0, wantUnchanged: 3},
		{name: "one file changed", before: func() { write(t, filepath.Join(dir, "b.txt"), "article b, revised") },
			paths: []string{dir}, stamp: "v1", wantExtracted: 1, wantUnchanged: 2},
		{name: "one file added", before: func() { write(t, filepath.Join(dir, "d.txt"), "article d") },
			paths: []string{dir}, stamp: "v1", wantExtracted: 1, wantUnchanged: 4 - 1},
		{name: "same content at another path", before: func() { write(t, filepath.Join(dir, "sub", "a.txt"), "article a.txt") },
			paths: []string{dir}, stamp: "v1", wantExtracted: 1, wantUnchanged: 4},
		{name: "another extractor", paths: []string{dir}, stamp: "v2", wantExtracted: 5},
		{name: "no stamp: no skipping", paths: []string{dir}, stamp: "", wantExtracted: 5},
		{name: "the other extractor again", paths: []string{dir}, stamp: "v2", wantUnchanged: 5},
	}
	for _, st := range steps {
		if st.before != nil {
			st.before()
		}
		x := &countingExtractor{}
		sum, err := ingest.Run(ctx, x, s, st.paths, ingest.Options{Stamp: st.stamp, Workers: 2, FlushEvery: 2})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := x.n.Load(); got != st.wantExtracted || sum.Unchanged != st.wantUnchanged {
			t.Errorf("%s: extracted %d, unchanged %d; want %d and %d", st.name, got, sum.Unchanged, st.wantExtracted, st.wantUnchanged)
		}
		if sum.Articles != int(st.wantExtracted) {
			t.Errorf("%s: %d articles in the summary, want %d", st.name, sum.Articles, st.wantExtracted)
		}
	}
	// Both versions of b.txt stay: an article is its content.
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Nodes[graph.LabelArticle]; got != 5 {
		t.Errorf("%d Article nodes, want 5 (a, b, b revised, c, d)", got)
	}
}

// TestIncrementalDryRunSkipsNothing checks that a dry run extracts every
// input, even one the store holds.
func TestIncrementalDryRunSkipsNothing(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "article a")
	s := embeddedtest.Open(t)
	ctx := context.Background()
	if _, err := ingest.Run(ctx, fakeExtractor{}, s, []string{dir}, ingest.Options{Stamp: "v1"}); err != nil {
		t.Fatal(err)
	}
	x := &countingExtractor{}
	sum, err := ingest.Run(ctx, x, s, []string{dir}, ingest.Options{Stamp: "v1", DryRun: true})
	if err != nil || x.n.Load() != 1 || sum.Unchanged != 0 {
		t.Fatalf("dry run: err %v, extracted %d, unchanged %d; want 1 and 0", err, x.n.Load(), sum.Unchanged)
	}
}
