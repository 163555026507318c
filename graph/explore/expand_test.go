package explore_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/explore"
)

// ids returns the "id" of every object in l.
func ids(l any) []string {
	var out []string
	for _, x := range list(l) {
		out = append(out, str(obj(x)["id"]))
	}
	return out
}

// TestExpand: one expand call answers, for every node, the page
// /neighbours answers, merged without repeats; unknown ids are listed.
func TestExpand(t *testing.T) {
	srv := server(t, seedStore(t), nil)
	tests := []struct {
		name    string
		ids     []string
		filters string // query string of the shared filters
	}{
		{"one", []string{xi}, "limit=500"},
		{"pair sharing edges", []string{xi, trump}, "limit=500"},
		{"small pages", []string{"CHN", xi, trump, "IRN"}, "limit=3"},
		{"types and dates", []string{xi, trump, "CHN"}, "type=SPOKE_WITH&type=PLEDGED&from=2025-10&to=2026"},
		{"provenance", []string{xi, "IRN"}, "provenance=true&type=MENTIONS&limit=7"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{"id": tc.ids}
			v := get(t, srv, "/api/expand?"+q.Encode()+"&"+tc.filters)
			if v["truncated"] != false || len(list(v["missing"])) != 0 {
				t.Fatalf("truncated %v, missing %v", v["truncated"], v["missing"])
			}
			nodes, edges := ids(v["nodes"]), ids(v["edges"])
			if !slices.Equal(nodes[:len(tc.ids)], tc.ids) {
				t.Errorf("nodes start %v, want the expanded ones %v", nodes[:len(tc.ids)], tc.ids)
			}
			for _, l := range [][]string{nodes, edges} {
				if c := slices.Clone(l); len(slices.Compact(slices.Sorted(slices.Values(c)))) != len(l) {
					t.Errorf("repeats in %v", l)
				}
			}
			pages := list(v["expanded"])
			if len(pages) != len(tc.ids) {
				t.Fatalf("%d pages for %d ids", len(pages), len(tc.ids))
			}
			var union []string
			for i, p := range pages {
				p := obj(p)
				one := get(t, srv, "/api/nodes/"+url.PathEscape(tc.ids[i])+"/neighbours?"+tc.filters)
				got, want := list(p["edges"]), ids(one["edges"])
				if p["id"] != tc.ids[i] || p["total"] != one["total"] || len(got) != len(want) {
					t.Fatalf("page %d: %v, neighbours: total %v, %d edges", i, p, one["total"], len(want))
				}
				for j := range got {
					if got[j] != want[j] {
						t.Fatalf("page %d edge %d: %v, neighbours %v", i, j, got[j], want[j])
					}
					union = append(union, want[j])
				}
				for _, n := range ids(one["nodes"]) {
					if !slices.Contains(nodes, n) {
						t.Errorf("neighbour %s of %s is not among the nodes", n, tc.ids[i])
					}
				}
			}
			if len(slices.Compact(slices.Sorted(slices.Values(union)))) != len(edges) {
				t.Errorf("%d edges, the pages hold %d distinct", len(edges), len(slices.Compact(slices.Sorted(slices.Values(union)))))
			}
			for _, e := range list(v["edges"]) {
				e := obj(e)
				if !slices.Contains(nodes, str(e["start"])) || !slices.Contains(nodes, str(e["end"])) {
					t.Errorf("edge %v: an end is not among the nodes", e["id"])
				}
			}
		})
	}

	t.Run("unknown and repeated ids", func(t *testing.T) {
		v := get(t, srv, "/api/expand?id=nobody&id="+xi+"&id="+xi+"&id=nobody-else")
		if m := strings.Join(stringsOf(v["missing"]), ","); m != "nobody,nobody-else" {
			t.Errorf("missing %q", m)
		}
		if p := list(v["expanded"]); len(p) != 1 || obj(p[0])["id"] != xi {
			t.Errorf("expanded %v", p)
		}
		if v["limit"] != float64(explore.DefaultNeighbourLimit) {
			t.Errorf("limit %v", v["limit"])
		}
		none := get(t, srv, "/api/expand?id=nobody")
		if len(list(none["nodes"])) != 0 || len(list(none["edges"])) != 0 || len(list(none["expanded"])) != 0 {
			t.Errorf("expand of nobody: %v", none)
		}
	})
}

// TestExpandTruncated: Config.MaxExpandEdges bounds the pages over all
// the nodes; the answer says it cut them.
func TestExpandTruncated(t *testing.T) {
	srv := server(t, seedStore(t), func(c *explore.Config) { c.MaxExpandEdges = 10 })
	v := get(t, srv, "/api/expand?id="+xi+"&id="+trump+"&id=CHN&limit=6")
	pages := list(v["expanded"])
	sizes := []int{}
	for _, p := range pages {
		sizes = append(sizes, len(list(obj(p)["edges"])))
	}
	if v["truncated"] != true || !slices.Equal(sizes, []int{6, 4, 0}) {
		t.Fatalf("truncated %v, page sizes %v, want [6 4 0]", v["truncated"], sizes)
	}
	if obj(pages[2])["total"].(float64) == 0 {
		t.Errorf("a cut page still counts its total: %v", pages[2])
	}
	if v := get(t, srv, "/api/expand?id="+xi+"&limit=6"); v["truncated"] != false {
		t.Errorf("6 of 10 edges: truncated %v", v["truncated"])
	}
}

func stringsOf(v any) []string {
	var out []string
	for _, x := range list(v) {
		out = append(out, str(x))
	}
	return out
}
