package memgraph_test

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
	"github.com/kgnews/kg/graph/value"
)

func lookup(g *memgraph.Graph, label, key string, v any) []int64 {
	var ids []int64
	g.LookupNodes(label, key, v, func(id int64) bool { ids = append(ids, id); return true })
	return ids
}

func TestIndexFollowsWrites(t *testing.T) {
	g := memgraph.New()
	a := g.CreateNode([]string{"Actor"}, map[string]any{"name": "Iran", "id": int64(1)})
	if got := lookup(g, "Actor", "name", "Iran"); !reflect.DeepEqual(got, []int64{a}) {
		t.Fatalf("lookup = %v, want [%d]", got, a)
	}
	if got := lookup(g, "Actor", "id", 1.0); !reflect.DeepEqual(got, []int64{a}) {
		t.Fatalf("lookup by 1.0 = %v, want [%d] (1 = 1.0)", got, a)
	}
	g.SetNodeProp(a, "name", "Persia")
	if got := lookup(g, "Actor", "name", "Iran"); len(got) != 0 {
		t.Fatalf("stale index entry: %v", got)
	}
	g.RemoveLabel(a, "Actor")
	if got := lookup(g, "Actor", "name", "Persia"); len(got) != 0 {
		t.Fatalf("index kept a node without the label: %v", got)
	}
	if ok := g.LookupNodes("Actor", "other", "x", func(int64) bool { return true }); ok {
		t.Fatal("LookupNodes reported an index on an unindexed key")
	}
}

func snapshot(g *memgraph.Graph) (ns []cypher.Node, rs []cypher.Relationship) {
	g.ForEachNode(func(n cypher.Node) bool { ns = append(ns, n); return true })
	g.ForEachRelationship(func(r cypher.Relationship) bool { rs = append(rs, r); return true })
	return ns, rs
}

func TestRollbackRestoresEverything(t *testing.T) {
	g := memgraph.New()
	if err := g.LoadNode(10, []string{"A"}, map[string]any{"name": "x"}); err != nil {
		t.Fatal(err)
	}
	if err := g.LoadNode(11, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := g.LoadRelationship(5, "T", 10, 11, map[string]any{"w": int64(1)}); err != nil {
		t.Fatal(err)
	}
	n0, r0 := snapshot(g)
	sp := g.Savepoint()
	c := g.CreateNode([]string{"B"}, nil)
	if _, err := g.CreateRel("U", c, 10, nil); err != nil {
		t.Fatal(err)
	}
	g.SetNodeProp(10, "name", "y")
	g.SetRelProp(5, "w", nil)
	g.AddLabel(11, "C")
	g.RemoveLabel(10, "A")
	g.DeleteRel(5)
	if err := g.DeleteNode(11); err != nil {
		t.Fatal(err)
	}
	if err := g.DeleteNode(10); !errors.Is(err, memgraph.ErrConnected) {
		t.Fatalf("DeleteNode of a connected node: %v, want ErrConnected", err)
	}
	g.Rollback(sp)
	n1, r1 := snapshot(g)
	if !reflect.DeepEqual(n0, n1) || !reflect.DeepEqual(r0, r1) {
		t.Fatalf("after rollback:\n%v %v\nwant\n%v %v", n1, r1, n0, r0)
	}
	if got := lookup(g, "A", "name", "x"); !reflect.DeepEqual(got, []int64{10}) {
		t.Fatalf("index after rollback = %v", got)
	}
	if id := g.CreateNode(nil, nil); id <= c {
		t.Fatalf("id %d reused (last handed out %d)", id, c)
	}
}

func TestJournal(t *testing.T) {
	g := memgraph.New()
	if err := g.LoadNode(1, nil, nil); err != nil {
		t.Fatal(err)
	}
	if j := g.Journal(); len(j.Nodes)+len(j.Rels) != 0 {
		t.Fatalf("loading is journaled: %v", j)
	}
	n := g.CreateNode(nil, nil)
	r, err := g.CreateRel("T", 1, n, nil)
	if err != nil {
		t.Fatal(err)
	}
	j := g.Journal()
	if _, ok := j.Nodes[n]; !ok {
		t.Errorf("created node %d not journaled", n)
	}
	if _, ok := j.Rels[r]; !ok {
		t.Errorf("created relationship %d not journaled", r)
	}
	g.ResetJournal()
	g.DeleteRel(r)
	if _, ok := g.Journal().Rels[r]; !ok || len(g.Journal().Nodes) != 0 {
		t.Errorf("journal after delete = %v", g.Journal())
	}
}

func TestExpandSelfLoopOnce(t *testing.T) {
	g := memgraph.New()
	n := g.CreateNode(nil, nil)
	if _, err := g.CreateRel("T", n, n, nil); err != nil {
		t.Fatal(err)
	}
	count := 0
	g.Expand(n, cypher.Both, nil, func(int64, int64) bool { count++; return true })
	if count != 1 {
		t.Fatalf("undirected expansion of a self-loop gave %d, want 1", count)
	}
}

func TestLoadIDRange(t *testing.T) {
	for _, id := range []int64{-1, memgraph.MaxID + 1} {
		g := memgraph.New()
		if err := g.LoadNode(id, nil, nil); !errors.Is(err, memgraph.ErrIDRange) {
			t.Errorf("LoadNode(%d) = %v, want ErrIDRange", id, err)
		}
		if err := g.LoadNode(0, nil, nil); err != nil {
			t.Fatal(err)
		}
		if err := g.LoadRelationship(id, "T", 0, 0, nil); !errors.Is(err, memgraph.ErrIDRange) {
			t.Errorf("LoadRelationship(%d) = %v, want ErrIDRange", id, err)
		}
	}
	g := memgraph.New()
	if err := g.LoadNode(memgraph.MaxID, []string{"A"}, nil); err != nil {
		t.Fatalf("LoadNode(MaxID) = %v", err)
	}
	if !g.HasLabel(memgraph.MaxID, "A") || g.NodeCount() != 1 {
		t.Fatal("node at MaxID not stored")
	}
}

func TestLabelScanAndSets(t *testing.T) {
	g := memgraph.New()
	var ids []int64
	for i := 0; i < 200; i++ {
		labels := []string{"B", "A"}
		if i%3 == 0 {
			labels = []string{"A"}
		}
		ids = append(ids, g.CreateNode(labels, map[string]any{"name": "n", "id": int64(i % 7)}))
	}
	scan := func(label string) []int64 {
		var got []int64
		g.ScanNodes(label, func(id int64) bool { got = append(got, id); return true })
		return got
	}
	if got := scan("A"); !reflect.DeepEqual(got, ids) {
		t.Fatalf("ScanNodes(A) = %v, want all %d nodes in id order", got, len(ids))
	}
	if n, want := len(scan("B")), 200-67; n != want || g.LabelCount("B") != want {
		t.Fatalf("ScanNodes(B) gave %d, LabelCount %d, want %d", n, g.LabelCount("B"), want)
	}
	if got := g.NodeLabels(ids[1]); !reflect.DeepEqual(got, []string{"A", "B"}) {
		t.Fatalf("NodeLabels = %v, want [A B] sorted", got)
	}
	if got := lookup(g, "A", "name", "n"); len(got) != 200 {
		t.Fatalf("lookup name=n found %d, want 200", len(got))
	}
	if got := lookup(g, "B", "id", int64(3)); len(got) == 0 || !slices.IsSorted(got) {
		t.Fatalf("lookup id=3 on B = %v, want sorted ids", got)
	}
	sp := g.Savepoint()
	g.RemoveLabel(ids[1], "B")
	g.AddLabel(ids[0], "C")
	if g.HasLabel(ids[1], "B") || !g.HasLabel(ids[0], "C") || len(scan("C")) != 1 {
		t.Fatal("label change not visible")
	}
	if got := lookup(g, "C", "name", "n"); !reflect.DeepEqual(got, []int64{ids[0]}) {
		t.Fatalf("index after AddLabel = %v", got)
	}
	for _, id := range ids[:50] {
		if err := g.DeleteNode(id); err != nil {
			t.Fatal(err)
		}
	}
	if g.NodeCount() != 150 || len(scan("A")) != 150 || len(lookup(g, "A", "name", "n")) != 150 {
		t.Fatalf("after deleting 50 nodes: count %d", g.NodeCount())
	}
	g.Rollback(sp)
	if g.NodeCount() != 200 || !reflect.DeepEqual(scan("A"), ids) || len(scan("C")) != 0 || !g.HasLabel(ids[1], "B") {
		t.Fatal("rollback did not restore labels and nodes")
	}
	if got := lookup(g, "A", "name", "n"); len(got) != 200 {
		t.Fatalf("index after rollback has %d ids, want 200", len(got))
	}
}

func TestExpandDirectionsAndTypes(t *testing.T) {
	g := memgraph.New()
	a, b := g.CreateNode(nil, nil), g.CreateNode(nil, nil)
	r1, _ := g.CreateRel("X", a, b, nil)
	r2, _ := g.CreateRel("Y", b, a, nil)
	r3, _ := g.CreateRel("X", a, a, nil)
	tests := []struct {
		dir   cypher.Direction
		types []string
		want  [][2]int64
	}{
		{cypher.Outgoing, nil, [][2]int64{{r1, b}, {r3, a}}},
		{cypher.Incoming, nil, [][2]int64{{r2, b}, {r3, a}}},
		{cypher.Both, nil, [][2]int64{{r1, b}, {r2, b}, {r3, a}}},
		{cypher.Both, []string{"Y"}, [][2]int64{{r2, b}}},
		{cypher.Outgoing, []string{"Y", "X"}, [][2]int64{{r1, b}, {r3, a}}},
		{cypher.Both, []string{"Z"}, nil},
	}
	for _, tc := range tests {
		var got [][2]int64
		g.Expand(a, tc.dir, tc.types, func(r, o int64) bool { got = append(got, [2]int64{r, o}); return true })
		slices.SortFunc(got, func(x, y [2]int64) int { return int(x[0] - y[0]) })
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Expand(a, %v, %v) = %v, want %v", tc.dir, tc.types, got, tc.want)
		}
	}
	if d := g.Degree(a); d != 4 {
		t.Errorf("Degree = %d, want 4 (a self-loop counts twice)", d)
	}
	g.DeleteRel(r3)
	if d := g.Degree(a); d != 2 {
		t.Errorf("Degree after deleting the self-loop = %d, want 2", d)
	}
}

// BenchmarkLoad reports the heap a loaded graph holds per relationship
// (nodes included): 100,000 nodes with three properties, 500,000
// relationships with one.
func BenchmarkLoad(b *testing.B) {
	const nodes, rels = 100_000, 500_000
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g := memgraph.New()
		for i := int64(0); i < nodes; i++ {
			if err := g.LoadNode(i, []string{"Actor"}, map[string]any{"id": i, "name": fmt.Sprint("actor-", i), "score": i % 100}); err != nil {
				b.Fatal(err)
			}
		}
		for i := int64(0); i < rels; i++ {
			if err := g.LoadRelationship(i, "KNOWS", i%nodes, (i*7919)%nodes, map[string]any{"w": i % 4}); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/rels, "heapB/rel")
		runtime.KeepAlive(g)
	}
}

func TestIndexTemporalValues(t *testing.T) {
	g := memgraph.New()
	d := value.NewDate(2015, 7, 21)
	a := g.CreateNode([]string{"Article"}, map[string]any{"id": d})
	if got := lookup(g, "Article", "id", value.NewDate(2015, 7, 21)); !reflect.DeepEqual(got, []int64{a}) {
		t.Fatalf("lookup(date) = %v, want [%d]", got, a)
	}
	if got := lookup(g, "Article", "id", "2015-07-21"); len(got) != 0 {
		t.Fatalf("a string found a date: %v", got)
	}
	res, err := cypher.Run(t.Context(), g, `MATCH (n:Article {id: date('2015-07-21')}) RETURN count(n)`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Rows[0][0]; got != int64(1) {
		t.Fatalf("MATCH by a date id = %v, want 1", got)
	}
}

func TestNameKeys(t *testing.T) {
	for _, tc := range []struct {
		name, aliases any
		want          []string
	}{
		{"Iran", []any{"IRAN", "Tehran", 5, nil}, []string{"iran", "tehran"}},
		{"Élysée", []string{"ÉLYSÉE", "Elysee"}, []string{"elysee", "élysée"}},
		{5, "Iran", nil},
		{nil, []any{"İ"}, []string{strings.ToLower("İ")}},
	} {
		if got := memgraph.NameKeys(tc.name, tc.aliases); !slices.Equal(got, tc.want) {
			t.Errorf("NameKeys(%v, %v) = %q, want %q", tc.name, tc.aliases, got, tc.want)
		}
	}
}
