package graph_test

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/kgnews/kg/graph"
)

func TestMergeProps(t *testing.T) {
	tests := []struct {
		name        string
		dst, src    graph.Props
		want        graph.Props
		wantChanged bool
	}{
		{"new key", graph.Props{}, graph.Props{"name": "China"}, graph.Props{"name": "China"}, true},
		{"longer scalar kept", graph.Props{"role": "President"}, graph.Props{"role": "Leader"}, graph.Props{"role": "President"}, false},
		{"longer scalar wins", graph.Props{"role": "Secretary"}, graph.Props{"role": "Treasury Secretary"},
			graph.Props{"role": "Treasury Secretary"}, true},
		{"same length: smaller wins", graph.Props{"name": "Plaza agreement"}, graph.Props{"name": "Plaza Agreement"},
			graph.Props{"name": "Plaza Agreement"}, true},
		{"empty scalar replaced", graph.Props{"role": ""}, graph.Props{"role": "President"}, graph.Props{"role": "President"}, true},
		{"empty src ignored", graph.Props{"role": "President"}, graph.Props{"role": "", "x": nil}, graph.Props{"role": "President"}, false},
		{"list union sorted", graph.Props{"sources": []string{"b"}}, graph.Props{"sources": []string{"a", "b"}},
			graph.Props{"sources": []string{"a", "b"}}, true},
		{"list no change", graph.Props{"sources": []string{"a", "b"}}, graph.Props{"sources": []string{"b", "a"}},
			graph.Props{"sources": []string{"a", "b"}}, false},
		{"scalar joins list", graph.Props{"aliases": []string{"Xi"}}, graph.Props{"aliases": "President Xi"},
			graph.Props{"aliases": []string{"President Xi", "Xi"}}, true},
		{"greater number wins", graph.Props{"quantity": int64(20)}, graph.Props{"quantity": int64(25)}, graph.Props{"quantity": int64(25)}, true},
		{"greater number kept", graph.Props{"quantity": 2.5}, graph.Props{"quantity": int64(2)}, graph.Props{"quantity": 2.5}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.dst.Clone()
			changed := graph.MergeProps(got, tc.src)
			if !reflect.DeepEqual(got, tc.want) || changed != tc.wantChanged {
				t.Fatalf("MergeProps = %v (changed %v), want %v (changed %v)", got, changed, tc.want, tc.wantChanged)
			}
			// Merging the same source again is idempotent.
			if graph.MergeProps(got, tc.src) {
				t.Fatalf("second MergeProps changed %v", got)
			}
		})
	}
}

// TestMergePropsOrderIndependent merges every permutation of a set of
// property maps and checks that the result is always the same: the merge is
// commutative and associative, so a graph does not depend on the order in
// which articles are loaded or on how they are split into batches.
func TestMergePropsOrderIndependent(t *testing.T) {
	srcs := []graph.Props{
		{"role": "Secretary", "sources": []string{"b"}, "n": int64(3), "ok": false},
		{"role": "Treasury Secretary", "name": "Chun Doo-hwan", "n": 2.5},
		{"role": "", "name": "Chun Doo Hwan", "sources": []string{"a", "c"}, "n": math.NaN(), "ok": true},
		{"role": "Assistant Secretary", "name": "chun doo hwan", "n": int64(3), "country": "Kenya"},
		{"country": "Ghana", "n": 3.0, "ok": "yes"},
	}
	var want graph.Props
	var permute func(order []int, rest []int)
	permute = func(order, rest []int) {
		if len(rest) == 0 {
			got := graph.Props{}
			for _, i := range order {
				graph.MergeProps(got, srcs[i].Clone())
			}
			if want == nil {
				want = got
			} else if !reflect.DeepEqual(got, want) {
				t.Fatalf("order %v: %v, want %v", order, got, want)
			}
			return
		}
		for i := range rest {
			next := append(slices.Clone(rest[:i]), rest[i+1:]...)
			permute(append(slices.Clone(order), rest[i]), next)
		}
	}
	permute(nil, []int{0, 1, 2, 3, 4})
	if want["role"] != "Assistant Secretary" || want["name"] != "Chun Doo Hwan" || want["n"] != 3.0 ||
		want["ok"] != "yes" || want["country"] != "Ghana" {
		t.Errorf("merged %v", want)
	}
}

func TestBuilderMergesSameFact(t *testing.T) {
	var bd graph.Builder
	id := graph.RelID(graph.SpokeWith, "actor-a", "actor-b", "2026-02-04")
	if rev := graph.RelID(graph.SpokeWith, "actor-b", "actor-a", "2026-02-04"); rev != id {
		t.Fatalf("SPOKE_WITH id depends on direction: %s vs %s", id, rev)
	}
	for _, src := range []string{"art-2", "art-1", "art-2"} {
		bd.AddRelationship(graph.Relationship{ID: id, Type: graph.SpokeWith, Start: "actor-a", End: "actor-b",
			Props: graph.Props{graph.PropSources: []string{src}, graph.PropEvidence: []string{"sentence of " + src}}})
	}
	b := bd.Batch()
	if len(b.Relationships) != 1 {
		t.Fatalf("got %d relationships, want 1", len(b.Relationships))
	}
	if got, want := b.Relationships[0].Props[graph.PropSources], []string{"art-1", "art-2"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sources = %v, want %v", got, want)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Xi Jinping": "xi-jinping", "  Côte d'Ivoire ": "cote-d-ivoire", "U.S.": "u-s", "": "",
	} {
		if got := graph.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	got := graph.Normalize(graph.Props{"topics": []string{"Taiwan", "China", "Taiwan", ""}, "role": "", "rate": "25%"})
	want := graph.Props{"topics": []string{"China", "Taiwan"}, "rate": "25%"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Normalize = %v, want %v", got, want)
	}
	var bd graph.Builder
	bd.AddNode(graph.Node{ID: "x", Label: graph.LabelCountry, Props: graph.Props{"aliases": []string{"b", "a"}}})
	if got := bd.Batch().Nodes[0].Props["aliases"]; !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Fatalf("a new node's list is %v, want it sorted", got)
	}
}
