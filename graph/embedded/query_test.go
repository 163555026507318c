package embedded_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/graph/value"
)

func mustQuery(t *testing.T, s graph.Store, q string, params map[string]any) *graph.Result {
	t.Helper()
	res, err := s.Query(context.Background(), q, params)
	if err != nil {
		t.Fatalf("Query(%s): %v", q, err)
	}
	return res
}

func seeded(t *testing.T) *embedded.Store {
	t.Helper()
	s := embeddedtest.Open(t)
	mustLoad(t, s, batch([]graph.Node{china, usa, trump, xi, article("art-1")}, spoke("art-1", "Trump spoke with Xi."),
		graph.Relationship{ID: "sanctioned-1", Type: graph.Sanctioned, Start: usa.ID, End: china.ID,
			Props: graph.Props{graph.PropSources: []string{"art-1"}, graph.PropRate: 0.25}}))
	return s
}

func TestQueryValues(t *testing.T) {
	s := seeded(t)
	tests := []struct {
		name   string
		query  string
		params map[string]any
		want   [][]any
	}{
		{"scalars and lists", "MATCH (c:Country {id: $id}) RETURN c.name, c.aliases", map[string]any{"id": "CHN"},
			[][]any{{"China", []any{"Beijing"}}}},
		{"list parameter", "MATCH (c:Country) WHERE c.id IN $ids RETURN c.id ORDER BY c.id", map[string]any{"ids": []string{"USA", "CHN"}},
			[][]any{{"CHN"}, {"USA"}}},
		{"int parameter", "RETURN $n + 1 AS n", map[string]any{"n": 41}, [][]any{{int64(42)}}},
		{"float property", "MATCH ()-[r:SANCTIONED]->() RETURN r.rate, r.sources", nil, [][]any{{0.25, []any{"art-1"}}}},
		{"node value", "MATCH (c:Country {id: 'USA'}) RETURN c", nil, [][]any{{value.Node{ElementID: "n:2",
			Labels: []string{"Country"}, Props: map[string]any{"id": "USA", "name": "United States"}}}}},
		{"relationship value", "MATCH (:Country {id: 'USA'})-[r]->() RETURN r", nil, [][]any{{value.Relationship{
			ElementID: "r:2", Type: "SANCTIONED", StartElementID: "n:2", EndElementID: "n:1",
			Props: map[string]any{"id": "sanctioned-1", "sources": []any{"art-1"}, "rate": 0.25}}}}},
		{"element ids are elementId()'s", "MATCH (c:Country {id: 'USA'})-[r]->() RETURN elementId(c), elementId(r)", nil,
			[][]any{{"n:2", "r:2"}}},
		{"path value", "MATCH p = (:Country {id: 'USA'})-[:SANCTIONED]->(:Country) RETURN [n IN nodes(p) | n.id], length(p)", nil,
			[][]any{{[]any{"USA", "CHN"}, int64(1)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustQuery(t, s, tc.query, tc.params)
			if !reflect.DeepEqual(res.Rows, tc.want) {
				t.Fatalf("rows = %#v, want %#v", res.Rows, tc.want)
			}
		})
	}
	res := mustQuery(t, s, "MATCH p = (:Country {id: 'USA'})-[:SANCTIONED]->(:Country) RETURN p", nil)
	p, ok := res.Rows[0][0].(value.Path)
	if !ok || len(p.Nodes) != 2 || len(p.Relationships) != 1 || p.Nodes[1].Props["id"] != "CHN" ||
		p.Relationships[0].StartElementID != p.Nodes[0].ElementID {
		t.Fatalf("path = %#v", res.Rows[0][0])
	}
}

func TestQueryWritesPersist(t *testing.T) {
	ctx := context.Background()
	s, path := newStore(t)
	mustLoad(t, s, batch([]graph.Node{china, usa}))
	res := mustQuery(t, s, "MATCH (c:Country {id: 'CHN'}) SET c.population = 1400000000, c.tags = ['big', 'asia'] "+
		"CREATE (c)-[:NEIGHBOUR_OF {since: 1949}]->(:Country {id: 'MNG', name: 'Mongolia'})", nil)
	if res.Stats.NodesCreated != 1 || res.Stats.RelationshipsCreated != 1 {
		t.Fatalf("stats = %+v", res.Stats)
	}
	mustQuery(t, s, "MATCH (c:Country {id: 'USA'}) DETACH DELETE c", nil)
	// A failing query changes nothing, in memory or on file.
	if _, err := s.Query(ctx, "CREATE (:Country {id: 'CHN'})", nil); !errors.Is(err, embedded.ErrConstraint) {
		t.Fatalf("duplicate id: %v, want ErrConstraint", err)
	}
	if _, err := s.Query(ctx, "MATCH (c:Country {id: 'CHN'}) SET c.name = 'x' WITH c RETURN 1 / 0", nil); err == nil {
		t.Fatalf("division by zero succeeded")
	}
	var cerr *cypher.Error
	if _, err := s.Query(ctx, "MATCH (n RETURN n", nil); !errors.As(err, &cerr) || cerr.Type != "SyntaxError" {
		t.Fatalf("syntax error = %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, s, batch([]graph.Node{{ID: "IRN", Label: graph.LabelCountry, Props: graph.Props{"name": "Iran"}}}))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	ro := openReadOnly(t, path)
	got := mustQuery(t, ro, "MATCH (c:Country) OPTIONAL MATCH (c)-[r]->(o) RETURN c.id, c.name, c.population, c.tags, r.since, o.id ORDER BY c.id", nil)
	want := [][]any{
		{"CHN", "China", int64(1400000000), []any{"big", "asia"}, int64(1949), "MNG"},
		{"IRN", "Iran", nil, nil, nil, nil},
		{"MNG", "Mongolia", nil, nil, nil, nil},
	}
	if !reflect.DeepEqual(got.Rows, want) {
		t.Fatalf("after reopen: %#v, want %#v", got.Rows, want)
	}
	if _, err := ro.Query(ctx, "CREATE (:X)", nil); !errors.Is(err, embedded.ErrReadOnly) {
		t.Fatalf("write on a read-only store: %v, want ErrReadOnly", err)
	}
	snap := mustSnapshot(t, ro)
	if r := snap.Relationships; len(r) != 1 || r[0].ID != "r0" || r[0].Start != "CHN" || r[0].End != "MNG" {
		t.Fatalf("relationship created by Cypher = %+v, want synthetic id r0 (the first relationship id)", r)
	}
}

func TestQueryAfterLoadSeesLoad(t *testing.T) {
	s := seeded(t)
	count := func() int64 {
		return mustQuery(t, s, "MATCH (n) RETURN count(n)", nil).Rows[0][0].(int64)
	}
	if n := count(); n != 5 {
		t.Fatalf("count = %d", n)
	}
	mustLoad(t, s, batch([]graph.Node{{ID: "IRN", Label: graph.LabelCountry, Props: graph.Props{"name": "Iran"}},
		{ID: china.ID, Label: china.Label, Props: graph.Props{"aliases": []string{"PRC"}}}}))
	if n := count(); n != 6 {
		t.Fatalf("count after Load = %d", n)
	}
	res := mustQuery(t, s, "MATCH (c:Country {name: 'China'}) RETURN c.aliases", nil)
	if want := []any{"Beijing", "PRC"}; !reflect.DeepEqual(res.Rows[0][0], want) {
		t.Fatalf("aliases = %v, want %v", res.Rows[0][0], want)
	}
}

func TestConcurrentQueriesAndLoads(t *testing.T) {
	s := seeded(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				var err error
				switch {
				case w == 0:
					id := "n-" + string(rune('a'+i))
					_, err = s.Load(ctx, batch([]graph.Node{{ID: id, Label: "Actor", Props: graph.Props{"name": id}}}))
				case w == 1 && i%5 == 0:
					_, err = s.Query(ctx, "MATCH (c:Country {id: 'CHN'}) SET c.visits = coalesce(c.visits, 0) + 1", nil)
				default:
					_, err = s.Query(ctx, "MATCH (n) RETURN count(n)", nil)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	res := mustQuery(t, s, "MATCH (c:Country {id: 'CHN'}) RETURN c.visits", nil)
	if res.Rows[0][0] != int64(4) {
		t.Fatalf("visits = %v, want 4", res.Rows[0][0])
	}
}
