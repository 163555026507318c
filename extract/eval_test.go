package extract_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/graph"
)

// scoreCorpus extracts every article matching glob, merges the batches as an
// ingest would, and scores the result against the gold file.
func scoreCorpus(t *testing.T, glob, goldPath string) *eval.Report {
	t.Helper()
	paths, err := filepath.Glob(glob)
	if err != nil || len(paths) == 0 {
		t.Skipf("no articles match %s", glob)
	}
	gold, err := eval.LoadGold(goldPath)
	if err != nil {
		t.Skipf("gold set unavailable: %v", err)
	}
	x := extract.New(extract.Options{})
	var bd graph.Builder
	for _, p := range paths {
		b, err := x.Extract(readDoc(t, p))
		if err != nil {
			t.Fatal(err)
		}
		bd.AddBatch(b)
	}
	r := eval.Score(gold, bd.Batch())
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	return r
}

// TestSeedsQuality holds the extraction quality on the five seed articles.
func TestSeedsQuality(t *testing.T) {
	r := scoreCorpus(t, "../seeds/*.txt", "testdata/gold/seeds.gold.json")
	if r.Overall.F1 < 0.90 {
		t.Errorf("relationship F1 = %.3f, want >= 0.90", r.Overall.F1)
	}
	if r.EntityRecall < 0.95 {
		t.Errorf("entity recall = %.3f, want >= 0.95", r.EntityRecall)
	}
	if len(r.ForbiddenEntities) > 0 {
		t.Errorf("forbidden entities: %v", r.ForbiddenEntities)
	}
}

// TestRulesQuality holds the extraction quality on the rule passages: short
// articles written to exercise every rule and negative case.
func TestRulesQuality(t *testing.T) {
	r := scoreCorpus(t, "testdata/gold/rules/*.txt", "testdata/gold/rules.gold.json")
	if r.Overall.F1 < 0.80 {
		t.Errorf("relationship F1 = %.3f, want >= 0.80", r.Overall.F1)
	}
	if len(r.ForbiddenEntities) > 0 {
		t.Errorf("forbidden entities: %v", r.ForbiddenEntities)
	}
}
