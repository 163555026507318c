package eval_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/document/documenttest"
	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/graph"
)

// extractAll runs the real pipeline on the articles matching glob:
// document.Read, extract.Extract, and a graph.Builder that merges the
// batches as ingestion does.
func extractAll(t *testing.T, glob string) *graph.Batch {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles for %s (%v)", glob, err)
	}
	x := extract.New(extract.Options{})
	var bd graph.Builder
	for _, f := range files {
		b, err := x.Extract(documenttest.Read(t, f))
		if err != nil {
			t.Fatalf("Extract(%s): %v", f, err)
		}
		bd.AddBatch(b)
	}
	return bd.Batch()
}

// bar is the quality a gold set holds the extractor to.
type bar struct {
	f1, entityRecall float64
}

// TestExtractionQuality scores the real pipeline against the shipped gold
// sets and fails below their bars or on any forbidden entity. The seeds bar
// is the project's (relationship F1 0.90, entity recall 0.95); the rules bar
// is what the extractor reached when the set was written, rounded down, so
// that it can only ratchet up. The full report is logged (go test -v).
func TestExtractionQuality(t *testing.T) {
	bars := map[string]bar{
		"seeds": {f1: 0.90, entityRecall: 0.95},
		// Measured when written: F1 0.800, entity recall 0.910; the rules
		// were then developed against it and it reaches 1.000, so the bar
		// ratchets to 0.95 (to the 0.05 below, so float rounding does not
		// flap).
		"rules": {f1: 0.95, entityRecall: 0.95},
		// Measured when written, as a held-out set: F1 0.889 (P 1.000,
		// R 0.800), entity recall 1.000; after the second extraction pass,
		// which was tuned on it, 1.000.
		"tuned": {f1: 0.95, entityRecall: 0.95},
		// Measured when written (d01-d29): F1 0.635 (P 0.769, R 0.541),
		// entity recall 0.970. After the second pass F1 1.000; the later
		// passages d30-d37 then scored F1 0.989 before their one miss was
		// fixed. The rules were generalised against it, so the bar sits
		// below the 1.000 it now reaches.
		"dev": {f1: 0.95, entityRecall: 0.95},
	}
	for _, gs := range goldSets {
		t.Run(gs.name, func(t *testing.T) {
			g, err := eval.LoadGold(gs.gold)
			if err != nil {
				t.Fatal(err)
			}
			r := eval.Score(g, extractAll(t, gs.articles))
			var sb strings.Builder
			if err := r.WriteText(&sb); err != nil {
				t.Fatal(err)
			}
			t.Logf("kg eval --gold %s %s\n%s", gs.gold, gs.articles, sb.String())
			want := bars[gs.name]
			if r.Overall.F1 < want.f1 {
				t.Errorf("relationship F1 %.3f, below the bar %.2f", r.Overall.F1, want.f1)
			}
			if r.EntityRecall < want.entityRecall {
				t.Errorf("entity recall %.3f, below the bar %.2f", r.EntityRecall, want.entityRecall)
			}
			for _, f := range r.ForbiddenEntities {
				t.Errorf("forbidden entity %q extracted as %s %s (%q)", f.Name, f.Label, f.NodeID, f.As)
			}
		})
	}
}
