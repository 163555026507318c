package memgraph_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kgnews/kg/graph/memgraph"
)

// checkAnyLabel requires LookupNodes with label "" to find, for each
// value, the nodes a scan of every node finds (each once after sorting),
// and UnlabelledCount to count the nodes without a label.
func checkAnyLabel(t *testing.T, g *memgraph.Graph, vals []any, when string) {
	t.Helper()
	for _, key := range []string{"id", "name"} {
		for _, v := range vals {
			var got, want []int64
			if !g.LookupNodes("", key, v, func(id int64) bool { got = append(got, id); return true }) {
				t.Fatalf("%s: LookupNodes(\"\", %s, %v) reports no index", when, key, v)
			}
			slices.Sort(got)
			got = slices.Compact(got)
			g.ScanNodes("", func(id int64) bool {
				if p, _ := g.NodeProp(id, key); p == v {
					want = append(want, id)
				}
				return true
			})
			if !slices.Equal(got, want) {
				t.Fatalf("%s: LookupNodes(\"\", %s, %v) = %v, the scan finds %v", when, key, v, got, want)
			}
		}
	}
	bare := 0
	g.ScanNodes("", func(id int64) bool {
		if len(g.NodeLabels(id)) == 0 {
			bare++
		}
		return true
	})
	if n := g.UnlabelledCount(); n != bare {
		t.Fatalf("%s: UnlabelledCount() = %d, the scan counts %d", when, n, bare)
	}
}

// TestLookupAnyLabelFollowsWrites applies random writes — nodes created
// with no, one or two labels, labels added and removed, ids and names set
// and removed, nodes deleted — some of them rolled back, and checks after
// each step that the lookup of every label and none agrees with a scan.
func TestLookupAnyLabelFollowsWrites(t *testing.T) {
	vals := []any{"a", "b", "c"}
	labels := []string{"A", "B"}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs []any) any { return xs[rng.IntN(len(xs))] }
	g := memgraph.New()
	var nodes []int64
	for round := range 40 {
		sp := g.Savepoint()
		for range 8 {
			switch op := rng.IntN(6); {
			case op == 0 || len(nodes) == 0:
				var ls []string
				for _, l := range labels {
					if rng.IntN(3) == 0 {
						ls = append(ls, l)
					}
				}
				nodes = append(nodes, g.CreateNode(ls, map[string]any{"id": pick(vals), "name": pick(vals)}))
			case op == 1:
				g.AddLabel(nodes[rng.IntN(len(nodes))], labels[rng.IntN(2)])
			case op == 2:
				g.RemoveLabel(nodes[rng.IntN(len(nodes))], labels[rng.IntN(2)])
			case op == 3:
				g.SetNodeProp(nodes[rng.IntN(len(nodes))], []string{"id", "name"}[rng.IntN(2)], pick(append(vals, nil)))
			case op == 4:
				n := nodes[rng.IntN(len(nodes))]
				if g.Degree(n) == 0 {
					g.DeleteNode(n)
				}
			default:
				a, b := nodes[rng.IntN(len(nodes))], nodes[rng.IntN(len(nodes))]
				g.CreateRel("R", a, b, nil)
			}
			checkAnyLabel(t, g, vals, "after a write")
		}
		if round%3 == 0 {
			g.Rollback(sp)
			checkAnyLabel(t, g, vals, "after a rollback")
		}
	}
	if g.UnlabelledCount() == 0 || g.NodeCount() == g.UnlabelledCount() {
		t.Fatalf("%d nodes, %d without a label: the test exercises too little", g.NodeCount(), g.UnlabelledCount())
	}
}

// TestLookupAnyLabelLoaded checks the lookup on nodes loaded by id, as an
// embedded store builds its graph, and that numbers meet as Cypher
// equality has them.
func TestLookupAnyLabelLoaded(t *testing.T) {
	g := memgraph.New()
	for id, ls := range [][]string{nil, {"A"}, {"A", "B"}, nil} {
		if err := g.LoadNode(int64(id), ls, map[string]any{"id": int64(7)}); err != nil {
			t.Fatal(err)
		}
	}
	var got []int64
	g.LookupNodes("", "id", 7.0, func(id int64) bool { got = append(got, id); return true })
	slices.Sort(got)
	if want := []int64{0, 1, 2, 2, 3}; !slices.Equal(got, want) {
		t.Fatalf("LookupNodes(\"\", id, 7.0) = %v, want %v (a node of two labels once per label)", got, want)
	}
	if g.UnlabelledCount() != 2 {
		t.Fatalf("UnlabelledCount() = %d, want 2", g.UnlabelledCount())
	}
	if g.LookupNodes("", "other", 7, func(int64) bool { return true }) {
		t.Fatal("LookupNodes(\"\") reported an index on an unindexed key")
	}
}
