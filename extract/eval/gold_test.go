package eval_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract/eval"
)

func TestReadGold(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		field string // want a *GoldError naming this field; "" with wantErr for field-less errors
		err   bool
	}{
		{name: "design example", in: `{"entities": [{"type": "Actor", "name": "Xi Jinping", "aliases": ["Xi"], "country": "China", "required": true}],
			"not_entities": ["Haiyun Jiang"],
			"relations": [
			  {"type": "SPOKE_WITH", "from": "Donald Trump", "to": "Xi Jinping", "required": true, "evidence": "…"},
			  {"type": "PLEDGED", "from_any": ["China", "Xi Jinping"], "keywords": ["soy", "25 million"], "required": true},
			  {"type": "SANCTIONED", "from_any": ["United States"], "to_any": ["Iran"], "required": true}],
			"affiliations": [["Xi Jinping", "China"]]}`},
		{name: "extensions", in: `{"note": "n", "entities": [{"type": "Agreement", "name": "truce", "keywords": ["truce"], "note": "x"}],
			"relations": [{"type": "SPOKE_WITH", "from_any": ["A"], "to_any": ["B"], "date": "2025-10", "medium": "phone",
			"topics": ["Iran"], "claimed_by": ["C"], "source": "a.txt", "note": "n"}]}`},
		{name: "unknown field", in: `{"entities": [{"type": "Actor", "name": "X", "nick": "y"}]}`, field: "nick", err: true},
		{name: "bad type", in: `{"entities": [{"type": "Actor", "name": "X", "required": "yes"}]}`, field: "entities.required", err: true},
		{name: "bad entity type", in: `{"entities": [{"type": "Person", "name": "X"}]}`, field: "entities[0].type", err: true},
		{name: "entity without name", in: `{"entities": [{"type": "Actor", "name": " "}]}`, field: "entities[0].name", err: true},
		{name: "bad relation type", in: `{"relations": [{"type": "MET", "from": "A", "to": "B"}]}`, field: "relations[0].type", err: true},
		{name: "missing from", in: `{"relations": [{"type": "PLEDGED", "keywords": ["x"]}]}`, field: "relations[0].from", err: true},
		{name: "missing to", in: `{"relations": [{"type": "SANCTIONED", "from": "A"}]}`, field: "relations[0].to", err: true},
		{name: "spoke with keywords", in: `{"relations": [{"type": "SPOKE_WITH", "from": "A", "to": "B", "keywords": ["x"]}]}`, field: "relations[0].keywords", err: true},
		{name: "pledged without keywords or to", in: `{"relations": [{"type": "PLEDGED", "from": "A"}]}`, field: "relations[0].keywords", err: true},
		{name: "shared dev gold fields", in: `{"note": "n", "corpus": "dev-bbc",
			"entities": [{"type": "Actor", "name": "EU", "aliases": [], "types": ["Actor", "Country"], "role": "bloc", "kind": "organization", "country": "", "required": true},
			{"type": "Commitment", "name": "wheat purchase"}],
			"not_entities": [],
			"relations": [{"type": "PLEDGED", "from": "EU", "to": "wheat purchase", "evidence": "e", "claimed_by": null, "optional": true},
			{"type": "PLEDGED", "from_any": ["EU"], "keywords": ["wheat"], "claimed_by": "EU", "article": "01", "required": false},
			{"type": "SANCTIONED", "from_any": ["EU"], "to_any": ["B"], "source": "bbc/01", "required": true, "optional": false}]}`},
		{name: "misspelt field", in: `{"relations": [{"type": "SPOKE_WITH", "from": "A", "to": "B", "optinal": true}]}`, field: "optinal", err: true},
		{name: "misspelt entity field", in: `{"entities": [{"type": "Actor", "name": "A", "type_": ["Actor"]}]}`, field: "type_", err: true},
		{name: "bad types", in: `{"entities": [{"type": "Actor", "name": "A", "types": ["Actor", "Person"]}]}`, field: "entities[0].types[1]", err: true},
		{name: "optional contradicts required", in: `{"relations": [{"type": "SPOKE_WITH", "from": "A", "to": "B", "required": true, "optional": true}]}`, field: "relations[0].optional", err: true},
		{name: "claimed_by number", in: `{"relations": [{"type": "SPOKE_WITH", "from": "A", "to": "B", "claimed_by": 3}]}`, field: "relations.claimed_by", err: true},
		{name: "bad keyword", in: `{"relations": [{"type": "PLEDGED", "from": "A", "keywords": ["ok", "(unclosed"]}]}`, field: "relations[0].keywords[1]", err: true},
		{name: "bad date", in: `{"relations": [{"type": "SPOKE_WITH", "from": "A", "to": "B", "date": "Feb 5"}]}`, field: "relations[0].date", err: true},
		{name: "bad affiliation", in: `{"affiliations": [["A", "B"], ["C"]]}`, field: "affiliations[1]", err: true},
		{name: "empty not_entity", in: `{"not_entities": ["..."]}`, field: "not_entities[0]", err: true},
		{name: "trailing data", in: `{} {}`, err: true},
		{name: "empty", in: ``, err: true},
		{name: "syntax", in: `{"entities": [}`, err: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := eval.ReadGold(strings.NewReader(tc.in))
			if !tc.err {
				if err != nil {
					t.Fatalf("ReadGold: %v", err)
				}
				if g == nil {
					t.Fatal("ReadGold returned nil gold without error")
				}
				return
			}
			if err == nil {
				t.Fatalf("ReadGold succeeded, want an error naming %q", tc.field)
			}
			var ge *eval.GoldError
			if !errors.As(err, &ge) {
				t.Fatalf("error %v is %T, want *eval.GoldError", err, err)
			}
			if ge.Field != tc.field {
				t.Errorf("Field = %q, want %q (error: %v)", ge.Field, tc.field, err)
			}
		})
	}
}

func TestRequiredDefaultsToTrue(t *testing.T) {
	g, err := eval.ReadGold(strings.NewReader(`{"entities": [{"type": "Actor", "name": "A"}, {"type": "Actor", "name": "B", "required": false}],
		"relations": [{"type": "SPOKE_WITH", "from": "A", "to": "B"}, {"type": "SPOKE_WITH", "from": "A", "to": "B", "required": false},
		{"type": "SPOKE_WITH", "from": "A", "to": "B", "optional": true}, {"type": "SPOKE_WITH", "from": "A", "to": "B", "optional": false}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !g.Entities[0].IsRequired() || g.Entities[1].IsRequired() {
		t.Errorf("entity required = %v, %v; want true, false", g.Entities[0].IsRequired(), g.Entities[1].IsRequired())
	}
	var got []bool
	for i := range g.Relations {
		got = append(got, g.Relations[i].IsRequired())
	}
	if fmt.Sprint(got) != "[true false false true]" {
		t.Errorf("relation required = %v; want [true false false true]", got)
	}
}

func TestLoadGoldNamesFile(t *testing.T) {
	_, err := eval.LoadGold("testdata/no-such.gold.json")
	if err == nil {
		t.Fatal("LoadGold of a missing file succeeded")
	}
	_, err = eval.LoadGold("testdata/invalid.gold.json")
	var ge *eval.GoldError
	if !errors.As(err, &ge) || ge.Path != "testdata/invalid.gold.json" {
		t.Fatalf("LoadGold error = %v, want a *GoldError with the path", err)
	}
	if !strings.Contains(err.Error(), "relations[0].type") {
		t.Errorf("error %q does not name the field", err)
	}
}
