package extract_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph"
)

// actorNames returns the names of the Actor nodes of b, sorted.
func actorNames(b *graph.Batch) []string {
	var out []string
	for _, n := range b.Nodes {
		if n.Label == graph.LabelActor {
			out = append(out, n.Props[graph.PropName].(string))
		}
	}
	slices.Sort(out)
	return out
}

func TestResolver(t *testing.T) {
	full := "Published On: Mar 4, 2025\n\nBrazilian President Joana Ferraz met Chinese Premier Wang Liqiang in Brasilia on Monday."
	tests := []struct {
		name  string
		known [][3]string // name, country, one alias
		texts []string
		want  []string // facts "TYPE|from|to" that must be in the last batch
		not   []string // actor names that must not be in the last batch
		keep  []string // actor names that must stay
	}{
		{
			name: "surname and family-name-first short forms",
			texts: []string{full,
				"Published On: Mar 6, 2025\n\nPresident Ferraz spoke with Premier Wang by phone on Wednesday, Ferraz's office said."},
			want: []string{"SPOKE_WITH|Joana Ferraz|Wang Liqiang"},
			not:  []string{"Ferraz", "Wang"},
		},
		{
			name:  "known from the store",
			known: [][3]string{{"Joana Ferraz", "Brazil", "Ferraz"}, {"Wang Liqiang", "China", "Wang"}},
			texts: []string{"Published On: Mar 6, 2025\n\nPresident Ferraz spoke with Premier Wang by phone on Wednesday."},
			want:  []string{"SPOKE_WITH|Joana Ferraz|Wang Liqiang"},
			not:   []string{"Ferraz", "Wang"},
		},
		{
			name:  "two full names share the surname",
			known: [][3]string{{"Joana Ferraz", "Brazil", ""}, {"Paulo Ferraz", "Brazil", ""}},
			texts: []string{"Published On: Mar 6, 2025\n\nPresident Ferraz spoke with Chinese Premier Wang Liqiang by phone on Wednesday."},
			keep:  []string{"Ferraz"},
		},
		{
			name:  "countries conflict",
			known: [][3]string{{"Joana Ferraz", "Portugal", ""}},
			texts: []string{"Published On: Mar 6, 2025\n\nBrazilian President Ferraz spoke with Chinese Premier Wang Liqiang by phone on Wednesday."},
			keep:  []string{"Ferraz"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := extract.NewResolver()
			for _, k := range tc.known {
				var aliases []string
				if k[2] != "" {
					aliases = []string{k[2]}
				}
				r.Know(k[0], k[1], aliases)
			}
			var last *graph.Batch
			for _, text := range tc.texts {
				last = r.Resolve(extractText(t, text))
			}
			es := edges(last)
			for _, w := range tc.want {
				typ, from, to := fact(w).parts()
				if !has(es, typ, from, to) {
					t.Errorf("missing %s; got %v", w, es)
				}
			}
			names := actorNames(last)
			for _, n := range tc.not {
				if slices.Contains(names, n) {
					t.Errorf("actor %q left unresolved; actors %v", n, names)
				}
			}
			for _, n := range tc.keep {
				if !slices.Contains(names, n) {
					t.Errorf("actor %q resolved though it must not be; actors %v", n, names)
				}
			}
			// every relationship points at a node of the batch or an
			// article, and ids are the extractor's own
			ids := map[string]bool{}
			for _, n := range last.Nodes {
				ids[n.ID] = true
			}
			for _, rel := range last.Relationships {
				if rel.Type != graph.Mentions && (!ids[rel.Start] || !ids[rel.End]) {
					t.Errorf("%s %s→%s dangles", rel.Type, rel.Start, rel.End)
				}
				if id := extract.RelationshipID(rel.Type, rel.Start, rel.End, rel.Props); id != rel.ID {
					t.Errorf("%s %s→%s has id %s, want %s", rel.Type, rel.Start, rel.End, rel.ID, id)
				}
			}
		})
	}
}

// TestRelationshipIDMatchesExtractor checks that RelationshipID recomputes
// the id the extractor gives every relationship, so that resolved
// relationships merge with those other articles yield.
func TestRelationshipIDMatchesExtractor(t *testing.T) {
	paths, _ := filepath.Glob("testdata/gold/dev/*.txt")
	more, _ := filepath.Glob("testdata/gold/rules/*.txt")
	paths = append(paths, more...)
	if len(paths) == 0 {
		t.Skip("no passages")
	}
	x := extract.New(extract.Options{})
	for _, p := range paths {
		b, err := x.Extract(readDoc(t, p))
		if err != nil {
			t.Fatal(err)
		}
		for _, rel := range b.Relationships {
			if id := extract.RelationshipID(rel.Type, rel.Start, rel.End, rel.Props); id != rel.ID {
				t.Errorf("%s: %s %s→%s: RelationshipID %s, extractor %s", p, rel.Type, rel.Start, rel.End, id, rel.ID)
			}
		}
	}
}
