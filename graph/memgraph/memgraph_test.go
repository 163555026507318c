package memgraph_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
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
