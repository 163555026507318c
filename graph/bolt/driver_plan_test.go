package bolt_test

import (
	"context"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestDriverExplainProfile reads the plan of an EXPLAIN and the profile of
// a PROFILE from the result summary, as the Go driver exposes them.
func TestDriverExplainProfile(t *testing.T) {
	ctx := context.Background()
	d := connect(t, "bolt://"+serve(t, graphStore(t), nil), testPassword)
	res, err := neo4j.ExecuteQuery(ctx, d, `EXPLAIN MATCH (a:Person)-[:KNOWS]->(b) RETURN b.name AS name`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	plan := res.Summary.Plan()
	if len(res.Records) != 0 || plan == nil || plan.Operator() != "ProduceResults" || res.Summary.Profile() != nil {
		t.Fatalf("EXPLAIN: %d records, plan %v, profile %v", len(res.Records), plan, res.Summary.Profile())
	}
	if len(plan.Identifiers()) != 1 || plan.Identifiers()[0] != "name" || len(plan.Children()) != 1 ||
		plan.Children()[0].Operator() != "Projection" || plan.Children()[0].Arguments()["Details"] != "b.name AS name" {
		t.Fatalf("plan = %+v, child %+v", plan, plan.Children())
	}
	res, err = neo4j.ExecuteQuery(ctx, d, `PROFILE MATCH (a:Person)-[:KNOWS]->(b) RETURN b.name AS name`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	prof := res.Summary.Profile()
	if len(res.Records) != 1 || prof == nil || prof.Operator() != "ProduceResults" || prof.Records() != 1 {
		t.Fatalf("PROFILE: %d records, profile %+v", len(res.Records), prof)
	}
	var ops []string
	var hits int64
	for p := prof; p != nil; {
		ops = append(ops, p.Operator())
		hits += p.DbHits()
		if len(p.Children()) == 0 {
			break
		}
		p = p.Children()[0]
	}
	if want := []string{"ProduceResults", "Projection", "Expand(All)", "NodeByLabelScan", "Argument"}; len(ops) != len(want) || ops[2] != want[2] || ops[3] != want[3] {
		t.Fatalf("profile operators %v, want %v", ops, want)
	}
	if hits == 0 {
		t.Fatal("a profile with no db hits")
	}
}
