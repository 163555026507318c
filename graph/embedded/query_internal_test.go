package embedded

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/memgraph"
)

func baseBatch() *graph.Batch {
	return &graph.Batch{
		Nodes: []graph.Node{
			{ID: "CHN", Label: "Country", Props: graph.Props{"name": "China", "aliases": []string{"Beijing"}}},
			{ID: "USA", Label: "Country", Props: graph.Props{"name": "United States"}},
		},
		Relationships: []graph.Relationship{
			{ID: "sanctioned-1", Type: "SANCTIONED", Start: "USA", End: "CHN", Props: graph.Props{"sources": []string{"a1"}}},
		},
	}
}

// openWithBase opens a new store at path holding baseBatch.
func openWithBase(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(context.Background(), baseBatch()); err != nil {
		t.Fatal(err)
	}
	return s
}

func lookup(t *testing.T, g *memgraph.Graph, id string) int64 {
	t.Helper()
	var found int64 = -1
	g.LookupNodes("Country", "id", id, func(n int64) bool { found = n; return false })
	if found < 0 {
		t.Fatalf("node %s not in memory graph", id)
	}
	return found
}

// TestUpdatePersistsJournal drives the in-memory graph as an updating query
// would, and checks that the file, reopened, holds exactly the result.
func TestUpdatePersistsJournal(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	s := openWithBase(t, path)
	err := s.update(ctx, func(g *memgraph.Graph) error {
		chn, usa := lookup(t, g, "CHN"), lookup(t, g, "USA")
		g.SetNodeProp(chn, "population", int64(1400000000))
		g.SetNodeProp(chn, "aliases", []any{"Beijing", "PRC"})
		g.SetNodeProp(usa, "id", "US") // the id moves: the index must follow
		anon := g.CreateNode([]string{"Note", "Draft"}, map[string]any{"text": "no id", "score": 0.5})
		if _, err := g.CreateRel("ABOUT", anon, chn, map[string]any{"weight": int64(2)}); err != nil {
			return err
		}
		g.Expand(usa, 0, []string{"SANCTIONED"}, func(rel, _ int64) bool { g.DeleteRel(rel); return true })
		return nil
	})
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	// Load after a Cypher write: new ids must not collide.
	if _, err := s.Load(ctx, &graph.Batch{Nodes: []graph.Node{{ID: "IRN", Label: "Country", Props: graph.Props{"name": "Iran"}}},
		Relationships: []graph.Relationship{{ID: "sanctioned-2", Type: "SANCTIONED", Start: "US", End: "IRN"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range snap.Nodes {
		ids = append(ids, n.Label+":"+n.ID)
	}
	// The anonymous node is the third created (ids 1, 2, then 3), exported
	// under its first label in sorted order.
	if want := []string{"Country:CHN", "Country:IRN", "Country:US", "Draft:n3"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("nodes = %v, want %v", ids, want)
	}
	if got, want := snap.Nodes[0].Props, (graph.Props{"name": "China", "aliases": []string{"Beijing", "PRC"},
		"population": int64(1400000000)}); !reflect.DeepEqual(got, want) {
		t.Fatalf("CHN = %#v, want %#v", got, want)
	}
	var rels []string
	for _, r := range snap.Relationships {
		rels = append(rels, r.Type+":"+r.ID+":"+r.Start+"->"+r.End)
	}
	if want := []string{"ABOUT:r2:n3->CHN", "SANCTIONED:sanctioned-2:US->IRN"}; !reflect.DeepEqual(rels, want) {
		t.Fatalf("relationships = %v, want %v", rels, want)
	}
}

func TestUpdateFailureChangesNothing(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		fn   func(t *testing.T, g *memgraph.Graph) error
		want error
	}{
		{"duplicate id", func(t *testing.T, g *memgraph.Graph) error {
			g.CreateNode([]string{"Country"}, map[string]any{"id": "CHN"})
			return nil
		}, ErrConstraint},
		{"duplicate relationship id from another node", func(t *testing.T, g *memgraph.Graph) error {
			// The relationship index is keyed by start node: the
			// constraint must still see the one from USA.
			_, err := g.CreateRel("SANCTIONED", lookup(t, g, "CHN"), lookup(t, g, "USA"), map[string]any{"id": "sanctioned-1"})
			return err
		}, ErrConstraint},
		{"non-string id", func(t *testing.T, g *memgraph.Graph) error {
			g.SetNodeProp(lookup(t, g, "USA"), "id", int64(7))
			return nil
		}, ErrConstraint},
		{"unstorable value", func(t *testing.T, g *memgraph.Graph) error {
			g.SetNodeProp(lookup(t, g, "USA"), "m", map[string]any{"a": int64(1)})
			return nil
		}, nil},
		{"query error", func(t *testing.T, g *memgraph.Graph) error {
			g.SetNodeProp(lookup(t, g, "USA"), "name", "changed")
			return errors.New("boom")
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			if _, err := s.Load(ctx, baseBatch()); err != nil {
				t.Fatal(err)
			}
			before, _ := s.Snapshot(ctx)
			err := s.update(ctx, func(g *memgraph.Graph) error { return tc.fn(t, g) })
			if err == nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("update = %v, want %v", err, tc.want)
			}
			after, _ := s.Snapshot(ctx)
			if !reflect.DeepEqual(before, after) {
				t.Fatalf("failed update changed the file:\n%+v\n%+v", before, after)
			}
			// The in-memory graph was rolled back too.
			g, err := s.memLocked(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if g.NodeCount() != 2 || g.NodeProps(lookup(t, g, "USA"))["name"] != "United States" {
				t.Fatalf("in-memory graph not rolled back: %d nodes, USA %v", g.NodeCount(), g.NodeProps(lookup(t, g, "USA")))
			}
		})
	}
}

// TestLoadKeepsMemInStep checks that Loads after the in-memory graph was
// built are replayed on it.
func TestLoadKeepsMemInStep(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.Load(ctx, baseBatch()); err != nil {
		t.Fatal(err)
	}
	s.wmu.Lock()
	g, err := s.memLocked(ctx)
	s.wmu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	b := baseBatch()
	b.Nodes[0].Props = graph.Props{"aliases": []string{"PRC"}, "name": "china"} // loses to "China" (graph.PreferScalar)
	b.Relationships[0].Props = graph.Props{"sources": []string{"a2"}}
	b.Nodes = append(b.Nodes, graph.Node{ID: "IRN", Label: "Country", Props: graph.Props{"name": "Iran"}})
	if _, err := s.Load(ctx, b); err != nil {
		t.Fatal(err)
	}
	if s.mem != g {
		t.Fatalf("Load dropped the in-memory graph instead of updating it")
	}
	chn := g.NodeProps(lookup(t, g, "CHN"))
	if want := []any{"Beijing", "PRC"}; !reflect.DeepEqual(chn["aliases"], want) || chn["name"] != "China" {
		t.Fatalf("CHN in memory = %v", chn)
	}
	if g.NodeCount() != 3 || g.RelationshipCount() != 1 {
		t.Fatalf("memory graph has %d nodes, %d relationships", g.NodeCount(), g.RelationshipCount())
	}
	var sources any
	g.Expand(lookup(t, g, "USA"), 0, nil, func(rel, _ int64) bool { sources = g.RelProps(rel)["sources"]; return false })
	if want := []any{"a1", "a2"}; !reflect.DeepEqual(sources, want) {
		t.Fatalf("sources in memory = %v, want %v", sources, want)
	}
	if len(g.Journal().Nodes) != 0 {
		t.Fatalf("journal not reset after sync")
	}
}
