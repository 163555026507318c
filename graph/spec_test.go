package graph

import (
	"strings"
	"testing"
)

// TestRelSpecs checks the table of relationship types: every type once,
// fact types first, and each spec as RelSpec.check does (endpoints among
// the model's labels, key and detail properties no provenance, gold
// matching settled for every fact type).
func TestRelSpecs(t *testing.T) {
	seen := map[string]bool{}
	facts := true
	for _, s := range RelSpecs() {
		if seen[s.Type] {
			t.Errorf("%s: specified twice", s.Type)
		}
		seen[s.Type] = true
		if s.Fact && !facts {
			t.Errorf("%s: a fact type after a structural one (fact types come first)", s.Type)
		}
		facts = s.Fact
		if err := s.check(); err != nil {
			t.Error(err)
		}
	}
	if len(RelTypes) != len(seen) || len(FactTypes) == 0 || len(CoreTypes) == 0 {
		t.Errorf("RelTypes %v, FactTypes %v, CoreTypes %v: not derived from the specs", RelTypes, FactTypes, CoreTypes)
	}
}

// TestRelIDs pins the relationship ids: they are the identity of stored
// facts (re-ingest merges on them), so the specs must make exactly the ids
// earlier releases made. The ids are taken from an export made before the
// specs existed.
func TestRelIDs(t *testing.T) {
	for _, tc := range []struct {
		typ, start, end string
		props           Props
		id, wantStart   string
	}{
		// stored once per pair: either direction gives the same id
		{SpokeWith, "USA", "FRA", Props{PropDate: "1987-03-31", PropMedium: "phone"}, "spoke_with-01704fde0e00aef9", "FRA"},
		{SpokeWith, "FRA", "USA", Props{PropDate: "1987-03-31"}, "spoke_with-01704fde0e00aef9", "FRA"},
		{Pledged, "actor-clayton-yeutter", "commitment-84f7512b621a3911", Props{PropDate: "1987-03-11"}, "pledged-002b0d19ec8cac0b", "actor-clayton-yeutter"},
		{Sanctioned, "USA", "actor-nicolas-maduro", Props{PropMeasure: "sanctions"}, "sanctioned-01d8e55f31417b43", "USA"},
		// symmetric in meaning, but stored in the direction of the text
		{TradesWith, "KOR", "USA", Props{PropDate: "1987-04-08"}, "trades_with-053fbf7337f02574", "KOR"},
		{Represents, "actor-gavyn-davies", "GBR", Props{PropRole: "economist"}, "represents-00b190004da90a2d", "actor-gavyn-davies"},
		{PartyTo, "ARG", "agreement-argentina-agreement", Props{}, "party_to-00a8d9bec4e4894d", "ARG"},
		{PartOf, "commitment-deace5d0931a05f9", "agreement-india-deal", Props{}, "part_of-08e42f254b94f738", "commitment-deace5d0931a05f9"},
		{Mentions, "article-989e2ec2ccdbd0f7", "actor-charles-kennedy", Props{}, "mentions-0000253a387a796d", "article-989e2ec2ccdbd0f7"},
	} {
		r := NewRelationship(tc.typ, tc.start, tc.end, tc.props)
		if r.ID != tc.id || r.Start != tc.wantStart || r.Type != tc.typ {
			t.Errorf("NewRelationship(%s, %s, %s, %v) = %s from %s, want %s from %s", tc.typ, tc.start, tc.end, tc.props,
				r.ID, r.Start, tc.id, tc.wantStart)
		}
	}
	// a type without a spec: its ends alone, in the order given
	if r := NewRelationship("NO_SUCH_TYPE", "b", "a", Props{PropDate: "2026"}); r.ID != RelID("NO_SUCH_TYPE", "b", "a") || r.Start != "b" {
		t.Errorf("NewRelationship of an unspecified type = %s from %s", r.ID, r.Start)
	}
}

// TestCheckSpecs checks that Batch.CheckSpecs finds each kind of breach.
func TestCheckSpecs(t *testing.T) {
	nodes := []Node{{ID: "CHN", Label: LabelCountry}, {ID: "USA", Label: LabelCountry},
		{ID: "article-1", Label: LabelArticle}, {ID: "commitment-1", Label: LabelCommitment}}
	good := NewRelationship(SpokeWith, "USA", "CHN", Props{PropDate: "2026"})
	for _, tc := range []struct {
		name string
		rel  Relationship
		want string // in the error; "" for none
	}{
		{"good", good, ""},
		{"good pledge", NewRelationship(Pledged, "CHN", "commitment-1", Props{}), ""},
		{"no spec", Relationship{ID: "x-1", Type: "NO_SUCH_TYPE", Start: "CHN", End: "USA"}, "has no spec"},
		{"label", NewRelationship(Sanctioned, "article-1", "CHN", Props{}), "the spec allows Actor|Country → Actor|Country"},
		{"missing end", NewRelationship(Pledged, "CHN", "commitment-2", Props{}), "not in the batch"},
		{"order", Relationship{ID: good.ID, Type: SpokeWith, Start: "USA", End: "CHN", Props: good.Props}, "not in id order"},
		{"key", Relationship{ID: good.ID, Type: SpokeWith, Start: "CHN", End: "USA", Props: Props{PropDate: "2025"}}, "id should be"},
	} {
		err := (&Batch{Nodes: nodes, Relationships: []Relationship{tc.rel}}).CheckSpecs()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: CheckSpecs = %v, want nil", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: CheckSpecs = %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}
