package graph

import (
	"slices"
	"strings"
	"testing"
)

// TestWithRelSpecs adds a fact type and a structural one: every list and
// lookup derived from the table sees them in their places until restore,
// and then the model is exactly as before.
func TestWithRelSpecs(t *testing.T) {
	rel, facts, core := slices.Clone(RelTypes), slices.Clone(FactTypes), slices.Clone(CoreTypes)
	accused := RelSpec{Type: "ACCUSED", From: parties, To: parties, Fact: true,
		Key: []string{"charge"}, Details: []string{"charge"}, Gold: GoldMatch{Keywords: KeywordsOnDetails}}
	cites := RelSpec{Type: "CITES", From: []string{LabelArticle}, To: []string{LabelArticle}}
	restore := WithRelSpecs(accused, cites)

	wantFacts := append(slices.Clone(facts), "ACCUSED")
	if !slices.Equal(FactTypes, wantFacts) {
		t.Errorf("FactTypes = %v, want %v", FactTypes, wantFacts)
	}
	wantRel := slices.Concat(wantFacts, rel[len(facts):], []string{"CITES"})
	if !slices.Equal(RelTypes, wantRel) {
		t.Errorf("RelTypes = %v, want %v", RelTypes, wantRel)
	}
	if !slices.Equal(CoreTypes, core) {
		t.Errorf("CoreTypes = %v, want %v unchanged", CoreTypes, core)
	}
	if !IsFactType("ACCUSED") || IsFactType("CITES") {
		t.Errorf("IsFactType: ACCUSED %v, CITES %v", IsFactType("ACCUSED"), IsFactType("CITES"))
	}
	if s, ok := SpecOf("ACCUSED"); !ok || s.Details[0] != "charge" {
		t.Errorf("SpecOf(ACCUSED) = %+v, %v", s, ok)
	}
	// the key property makes the id: two charges, two relationships
	r1 := NewRelationship("ACCUSED", "a", "b", Props{"charge": "espionage"})
	r2 := NewRelationship("ACCUSED", "a", "b", Props{"charge": "fraud"})
	if r1.ID == r2.ID || r1.ID != RelID("ACCUSED", "a", "b", "espionage") {
		t.Errorf("ids %s, %s: not made from the spec's key", r1.ID, r2.ID)
	}
	b := &Batch{Nodes: []Node{{ID: "a", Label: LabelCountry}, {ID: "b", Label: LabelActor}}, Relationships: []Relationship{r1}}
	if err := b.CheckSpecs(); err != nil {
		t.Errorf("CheckSpecs: %v", err)
	}

	restore()
	if !slices.Equal(RelTypes, rel) || !slices.Equal(FactTypes, facts) || !slices.Equal(CoreTypes, core) {
		t.Errorf("after restore: RelTypes %v, FactTypes %v, CoreTypes %v", RelTypes, FactTypes, CoreTypes)
	}
	if _, ok := SpecOf("ACCUSED"); ok {
		t.Error("ACCUSED still has a spec after restore")
	}
	if err := b.CheckSpecs(); err == nil {
		t.Error("CheckSpecs accepts ACCUSED after restore")
	}
}

// TestWithRelSpecsRefuses: a type already in the model, one given twice,
// and an invalid spec panic, naming the problem, and leave the model as it
// was.
func TestWithRelSpecsRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		specs []RelSpec
		want  string
	}{
		{"existing", []RelSpec{{Type: Sanctioned, From: parties, To: parties}}, "already in the model"},
		{"twice", []RelSpec{{Type: "X_Y", From: parties, To: parties}, {Type: "X_Y", From: parties, To: parties}}, "already in the model"},
		{"lower case", []RelSpec{{Type: "accused", From: parties, To: parties}}, "UPPER_SNAKE_CASE"},
		{"unknown label", []RelSpec{{Type: "X_Y", From: []string{"Person"}, To: parties}}, `label "Person"`},
		{"core structure", []RelSpec{{Type: "X_Y", From: parties, To: parties, Core: true}}, "core but not a fact type"},
		{"provenance detail", []RelSpec{{Type: "X_Y", From: parties, To: parties, Fact: true, Details: []string{PropSources}}}, "provenance"},
		{"odd detail", []RelSpec{{Type: "X_Y", From: parties, To: parties, Fact: true, Details: []string{"the charge"}}}, "lowerCamelCase"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := slices.Clone(RelTypes)
			defer func() {
				r := recover()
				if msg, _ := r.(string); !strings.Contains(msg, tc.want) {
					t.Errorf("panic %v, want one mentioning %q", r, tc.want)
				}
				if !slices.Equal(RelTypes, before) {
					t.Errorf("RelTypes changed to %v", RelTypes)
				}
			}()
			restore := WithRelSpecs(tc.specs...)
			restore()
		})
	}
}
