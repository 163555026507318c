package extract_test

import (
	"slices"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/document/documenttest"
	"github.com/kgnews/kg/graph"
)

// TestCitationsAlign checks, on every seed article, that each fact
// relationship carries one citation per statement and that the citations
// agree with the flat provenance lists: every citation's article is a
// source, its sentence an evidence, its rule a rule and its claimants
// claimants of the fact; and every evidence sentence is some citation's.
func TestCitationsAlign(t *testing.T) {
	x := extract.New(extract.Options{})
	facts := 0
	for _, p := range seedPaths(t) {
		b, err := x.Extract(documenttest.Read(t, p))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Relationships {
			if !graph.IsFactType(r.Type) {
				if _, ok := r.Props[graph.PropCitations]; ok {
					t.Errorf("%s %s: citations on a type that is not a fact", r.Type, r.ID)
				}
				continue
			}
			facts++
			checkCitations(t, r)
		}
	}
	if facts == 0 {
		t.Fatal("the seeds gave no facts")
	}
}

func checkCitations(t *testing.T, r graph.Relationship) {
	t.Helper()
	list := func(k string) []string { l, _ := r.Props[k].([]string); return l }
	cites := list(graph.PropCitations)
	if len(cites) == 0 {
		t.Errorf("%s %s: no citations", r.Type, r.ID)
		return
	}
	cited := map[string]bool{}
	for _, s := range cites {
		c, err := graph.DecodeCitation(s)
		if err != nil {
			t.Errorf("%s %s: %v", r.Type, r.ID, err)
			continue
		}
		if c.Encode() != s {
			t.Errorf("%s %s: citation %s re-encodes as %s", r.Type, r.ID, s, c.Encode())
		}
		cited[c.Sentence] = true
		if !slices.Contains(list(graph.PropSources), c.Article) {
			t.Errorf("%s %s: citation article %s not in sources %v", r.Type, r.ID, c.Article, list(graph.PropSources))
		}
		if !slices.Contains(list(graph.PropEvidence), c.Sentence) {
			t.Errorf("%s %s: citation sentence %q not in evidence", r.Type, r.ID, c.Sentence)
		}
		if c.Rule == "" || !slices.Contains(list(graph.PropRules), c.Rule) {
			t.Errorf("%s %s: citation rule %q not in rules %v", r.Type, r.ID, c.Rule, list(graph.PropRules))
		}
		for _, who := range c.ClaimedBy {
			if !slices.Contains(list(graph.PropClaimedBy), who) {
				t.Errorf("%s %s: citation claimant %q not in claimedBy %v", r.Type, r.ID, who, list(graph.PropClaimedBy))
			}
		}
	}
	for _, e := range list(graph.PropEvidence) {
		if !cited[e] {
			t.Errorf("%s %s: evidence %q has no citation", r.Type, r.ID, e)
		}
	}
}
