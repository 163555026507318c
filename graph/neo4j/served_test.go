package neo4j_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/bolt/bolttest"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/graph/neo4j"
	"github.com/kgnews/kg/graph/neo4j/neo4jtest"
	"github.com/kgnews/kg/graph/storetest"
)

// serveEmbedded serves a fresh embedded store over Bolt, with graph/bolt
// (as `kg serve` does) on a free loopback port until the test ends, and
// returns its bolt:// URI.
func serveEmbedded(t *testing.T) string {
	t.Helper()
	return bolttest.Serve(t, bolt.Config{Store: embeddedtest.Open(t), Username: "neo4j", Password: testPassword})
}

// openAt opens the Neo4j store, through the Go driver, at uri; it is
// closed when the test ends (before the server, which was started first).
func openAt(t *testing.T, uri string, batchSize int) *neo4j.Store {
	t.Helper()
	return neo4jtest.Open(t, neo4j.Config{URI: uri, Username: "neo4j", Password: testPassword, BatchSize: batchSize})
}

// TestConformanceServed runs the store conformance suite on the Neo4j
// store connected to the embedded store's Bolt server, with a small batch
// size so that every load spans several transactions.
func TestConformanceServed(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return openAt(t, serveEmbedded(t), 2) })
}

// TestConcurrentLoadsServed: loads from several clients into one served
// store, of the same ids with different list items, lose none of them:
// each load's read-merge-write transaction holds the store's writer lock.
func TestConcurrentLoadsServed(t *testing.T) {
	const clients = 4
	uri := serveEmbedded(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		s := openAt(t, uri, 1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			alias := fmt.Sprintf("alias-%d", i)
			b := &graph.Batch{Nodes: []graph.Node{
				{ID: "country:x", Label: graph.LabelCountry, Props: graph.Props{graph.PropName: "X", graph.PropAliases: []string{alias}}},
				{ID: "country:y", Label: graph.LabelCountry, Props: graph.Props{graph.PropName: "Y", graph.PropAliases: []string{alias}}},
			}}
			_, err := s.Load(ctx, b)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	res, err := openAt(t, uri, 1).Query(ctx, "MATCH (n:Country) RETURN n.id, size(n.aliases) ORDER BY n.id", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range res.Rows {
		if row[1] != int64(clients) {
			t.Errorf("%v has %v aliases, want %d", row[0], row[1], clients)
		}
	}
	if len(res.Rows) != 2 {
		t.Errorf("%d countries, want 2", len(res.Rows))
	}
}

// statement returns the text of one of the store's statements.
func statement(t *testing.T, name string) string {
	t.Helper()
	sts, err := neo4j.Statements()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sts {
		if s.Name == name {
			return s.Text
		}
	}
	t.Fatalf("no statement %q", name)
	return ""
}

// TestLockStatements runs node-lock and rel-lock on ids partly stored:
// the stored rows keep their properties, the missing ones are created with
// their id and the mark that tells the loader they are new, and rel-lock
// returns the ids whose endpoints exist, in either direction.
func TestLockStatements(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, serveEmbedded(t), 10)
	if _, err := s.Load(ctx, &graph.Batch{
		Nodes: []graph.Node{
			{ID: "a", Label: graph.LabelCountry, Props: graph.Props{graph.PropName: "A", graph.PropAliases: []string{"theirs"}}},
			{ID: "b", Label: graph.LabelCountry, Props: graph.Props{graph.PropName: "B"}},
		},
		Relationships: []graph.Relationship{{ID: "r", Type: graph.Sanctioned, Start: "a", End: "b",
			Props: graph.Props{graph.PropSources: []string{"theirs"}}}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Query(ctx, statement(t, "node-lock/Country"), map[string]any{"ids": []any{"a", "c"}}); err != nil {
		t.Fatal(err)
	}
	rels := []any{
		map[string]any{"id": "r", "start": "a", "end": "b"},
		map[string]any{"id": "r", "start": "b", "end": "a"}, // stored the other way round
		map[string]any{"id": "r2", "start": "b", "end": "a"},
		map[string]any{"id": "r3", "start": "a", "end": "nowhere"},
	}
	res, err := s.Query(ctx, statement(t, "rel-lock/SANCTIONED"), map[string]any{"rows": rels})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(res.Rows); got != "[[r] [r] [r2]]" {
		t.Errorf("rel-lock returned %s, want the rows with both endpoints, r and r2", got)
	}
	res, err = s.Query(ctx, "MATCH (n:Country) OPTIONAL MATCH (n)-[r]->() RETURN n.id, properties(n), r.id, properties(r) ORDER BY n.id, r.id", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "[[a map[aliases:[theirs] id:a name:A] r map[id:r sources:[theirs]]] [b map[id:b name:B] r2 map[_kgNew:true id:r2]] [c map[_kgNew:true id:c] <nil> <nil>]]"
	if got := fmt.Sprint(res.Rows); got != want {
		t.Errorf("stored graph\n%s, want\n%s", got, want)
	}
}
