package bolt_test

import (
	"context"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// TestDriverShowDropSchema runs SHOW CONSTRAINTS, SHOW INDEXES and DROP
// through the Go driver, in a read session where they read.
func TestDriverShowDropSchema(t *testing.T) {
	ctx := context.Background()
	d := connect(t, "bolt://"+serve(t, embeddedtest.Open(t), nil), testPassword)
	if _, err := neo4j.ExecuteQuery(ctx, d, "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE",
		nil, neo4j.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
	res, err := neo4j.ExecuteQuery(ctx, d, "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 || res.Records[0].Values[0] != "actor_id" || res.Records[0].Values[1] != "UNIQUENESS" {
		t.Fatalf("SHOW CONSTRAINTS = %v %v", res.Keys, res.Records)
	}
	res, err = neo4j.ExecuteQuery(ctx, d, "SHOW INDEXES", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil || len(res.Records) != 1 || len(res.Keys) != 12 || res.Keys[2] != "state" {
		t.Fatalf("SHOW INDEXES = %v %v, %v", res.Keys, res.Records, err)
	}
	if _, err := neo4j.ExecuteQuery(ctx, d, "DROP CONSTRAINT actor_id", nil, neo4j.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
	_, err = neo4j.ExecuteQuery(ctx, d, "DROP CONSTRAINT actor_id", nil, neo4j.EagerResultTransformer)
	wantCode(t, err, "Neo.DatabaseError.Schema.ConstraintDropFailed")
}
