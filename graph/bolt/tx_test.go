package bolt_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// countPeople returns how many :Person nodes an auto-commit query sees.
func countPeople(t *testing.T, ctx context.Context, d neo4j.DriverWithContext) int64 {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, d, "MATCH (n:Person) RETURN count(n) AS n", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatal(err)
	}
	return res.Records[0].Values[0].(int64)
}

// singleInt runs a query of one integer in tx.
func singleInt(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) (int64, error) {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return 0, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return 0, err
	}
	n, ok := rec.Values[0].(int64)
	if !ok {
		return 0, errors.New("not an integer")
	}
	return n, nil
}

// beginWrite logs in, begins a transaction and runs query in it, leaving
// the transaction open.
func (c *rawClient) beginWrite(query string) {
	c.t.Helper()
	c.login()
	c.send(0x11, map[string]any{}) // BEGIN
	c.expect(0x70)
	c.send(0x10, query, map[string]any{}, map[string]any{}) // RUN
	c.expect(0x70)
	c.send(0x3F, map[string]any{"n": int64(-1)}) // PULL
	c.expect(0x70)
}

// TestDriverWriteTransactions: an explicit write transaction sees its own
// writes, commits them all at once, and leaves no trace when it is rolled
// back, fails, or its connection goes away.
func TestDriverWriteTransactions(t *testing.T) {
	ctx := context.Background()
	addr := serve(t, embeddedtest.Open(t), nil)
	d := connect(t, "bolt://"+addr, testPassword)
	sess := d.NewSession(ctx, neo4j.SessionConfig{})
	defer sess.Close(ctx)

	// Committed: the read after the write sees it, and so does everyone
	// after COMMIT.
	n, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (int64, error) {
		for _, id := range []string{"a", "b"} {
			if _, err := tx.Run(ctx, "CREATE (:Person {id: $id})", map[string]any{"id": id}); err != nil {
				return 0, err
			}
		}
		return singleInt(ctx, tx, "MATCH (n:Person) RETURN count(n)", nil)
	})
	if err != nil || n != 2 {
		t.Fatalf("inside the transaction: %d people, %v", n, err)
	}
	if got := countPeople(t, ctx, d); got != 2 {
		t.Fatalf("after COMMIT: %d people, want 2", got)
	}

	// Rolled back by the client.
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Run(ctx, "CREATE (:Person {id: 'c'})", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Run(ctx, "MATCH (n:Person {id: 'a'}) DETACH DELETE n", nil); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if got := countPeople(t, ctx, d); got != 2 {
		t.Errorf("after ROLLBACK: %d people, want 2", got)
	}

	// A transaction function that fails is rolled back, writes and all.
	errBoom := errors.New("boom")
	_, err = neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (any, error) {
		if _, err := tx.Run(ctx, "CREATE (:Person {id: 'd'})", nil); err != nil {
			return nil, err
		}
		res, err := tx.Run(ctx, "MATCH (n:Person {id: 'a'}) SET n.name = 'Al'", nil)
		if err != nil {
			return nil, err
		}
		if _, err := res.Consume(ctx); err != nil {
			return nil, err
		}
		return nil, errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Errorf("err = %v, want the callback's", err)
	}
	if got := countPeople(t, ctx, d); got != 2 {
		t.Errorf("after a failed transaction: %d people, want 2", got)
	}

	// A constraint broken at COMMIT fails it, and nothing is kept.
	tx, err = sess.BeginTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Run(ctx, "CREATE (:Person {id: 'e'}), (:Person {id: 'a'})", nil); err != nil {
		t.Fatal(err)
	}
	wantCode(t, tx.Commit(ctx), "Neo.ClientError.Schema.ConstraintValidationFailed")
	if got := countPeople(t, ctx, d); got != 2 {
		t.Errorf("after a failed COMMIT: %d people, want 2", got)
	}

	// A connection that goes away mid-transaction leaves no trace, and
	// frees the store for the next writer.
	raw := dialRaw(t, addr)
	raw.beginWrite("CREATE (:Person {id: 'f'})")
	raw.nc.Close()
	if _, err := neo4j.ExecuteQuery(ctx, d, "CREATE (:Person {id: 'g'})", nil, neo4j.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
	if got := countPeople(t, ctx, d); got != 3 {
		t.Errorf("after a dropped connection: %d people, want 3", got)
	}
}

// TestDriverSchemaStatements: the schema statements of Neo4j's store run,
// idempotently with IF NOT EXISTS, inside transactions too.
func TestDriverSchemaStatements(t *testing.T) {
	ctx := context.Background()
	addr := serve(t, embeddedtest.Open(t), nil)
	d := connect(t, "bolt://"+addr, testPassword)
	for _, q := range []string{
		"CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT knows_id IF NOT EXISTS FOR ()-[r:KNOWS]-() REQUIRE r.id IS UNIQUE",
		"CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
		"CREATE INDEX knows_date IF NOT EXISTS FOR ()-[r:KNOWS]-() ON (r.date)",
		"CALL db.awaitIndexes(300)",
	} {
		for range 2 {
			if _, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
	}
	_, err := neo4j.ExecuteQuery(ctx, d, "CREATE INDEX person_name FOR (n:Person) ON (n.name)", nil, neo4j.EagerResultTransformer)
	wantCode(t, err, "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists")
	_, err = neo4j.ExecuteQuery(ctx, d, "CREATE CONSTRAINT FOR (n:Person) REQUIRE n.name IS UNIQUE", nil, neo4j.EagerResultTransformer)
	wantCode(t, err, "Neo.ClientError.Statement.SemanticError")
}

// TestTxIdleTimeout: a client that leaves a write transaction open and
// silent is disconnected, its writes are undone, and the store's writer
// lock is free again.
func TestTxIdleTimeout(t *testing.T) {
	ctx := context.Background()
	addr := serve(t, embeddedtest.Open(t), func(c *bolt.Config) { c.TxIdleTimeout = 100 * time.Millisecond })
	raw := dialRaw(t, addr)
	raw.beginWrite("CREATE (:Person {id: 'idle'})")
	_ = raw.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	raw.expectClosed()
	d := connect(t, "bolt://"+addr, testPassword)
	if _, err := neo4j.ExecuteQuery(ctx, d, "CREATE (:Person {id: 'next'})", nil, neo4j.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
	if got := countPeople(t, ctx, d); got != 1 {
		t.Errorf("%d people, want 1", got)
	}
}

// TestDriverShowDropSchema runs SHOW CONSTRAINTS, SHOW INDEXES and DROP
// through the Go driver, in a read session where they read.
func TestDriverShowDropSchema(t *testing.T) {
	ctx := context.Background()
	d := servedDriver(t)
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
