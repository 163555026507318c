package neo4j_test

import (
	"context"
	"testing"

	"github.com/kgnews/kg/graph"
)

// TestSchemaAndPlansServed runs what TestSchemaIdempotent and
// TestLoadPlansHaveNoEager check on Neo4j against the embedded store's
// Bolt server: the schema twice, SHOW CONSTRAINTS, and EXPLAIN plans of the
// load statements.
func TestSchemaAndPlansServed(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, serveEmbedded(t), 0)
	for range 2 {
		if err := s.EnsureSchema(ctx); err != nil {
			t.Fatalf("EnsureSchema: %v", err)
		}
	}
	res, err := s.Query(ctx, "SHOW CONSTRAINTS YIELD name RETURN count(*) AS n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Rows[0][0]; n != int64(len(graph.Labels)+len(graph.RelTypes)) {
		t.Errorf("%v constraints, want one per label and type (%d)", n, len(graph.Labels)+len(graph.RelTypes))
	}
	for q, profiled := range map[string]bool{"EXPLAIN MATCH (n:Actor) RETURN n.name": false, "PROFILE MATCH (n:Actor) RETURN n.name": true} {
		res, err := s.Query(ctx, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := res.Plan
		if p == nil || p.Operator != "ProduceResults" || p.Profiled != profiled || len(p.Children) != 1 ||
			p.Children[0].Operator != "Projection" || p.Children[0].Details != "n.name" {
			t.Errorf("%s: plan %+v", q, p)
		}
	}
	explainLoads(t, s, func(name string, ops []string) {
		if ops[0] != "ProduceResults" {
			t.Errorf("EXPLAIN %s: plan %v", name, ops)
		}
	})
}
