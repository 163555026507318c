package embedded_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
)

func count(t *testing.T, s *embedded.Store) int64 {
	t.Helper()
	res, err := s.Query(context.Background(), "MATCH (n) RETURN count(n)", nil)
	if err != nil {
		t.Fatal(err)
	}
	return res.Rows[0][0].(int64)
}

// TestTx: a transaction's statements see each other; Commit persists them
// and its schema rules together; Rollback and a failing statement leave
// no trace.
func TestTx(t *testing.T) {
	ctx := context.Background()
	s, path := newStore(t)
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustRunAll(t, tx,
		"CREATE (:Actor {id: 'a'})",
		"MATCH (a:Actor {id: 'a'}) CREATE (a)-[:PART_OF {id: 'r'}]->(:Actor {id: 'b'})",
		"CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE",
	)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); !errors.Is(err, embedded.ErrTxDone) {
		t.Errorf("second Commit: %v", err)
	}

	tx, err = s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Query(ctx, "MATCH (n) DETACH DELETE n", nil); err != nil {
		t.Fatal(err)
	}
	tx.Rollback()

	tx, err = s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Query(ctx, "CREATE (:Actor {id: 'c'})", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Query(ctx, "RETURN 1 +", nil); err == nil {
		t.Fatal("a syntax error passed")
	}
	if _, err := tx.Query(ctx, "RETURN 1", nil); !errors.Is(err, embedded.ErrTxDone) {
		t.Errorf("after a failed statement: %v, want ErrTxDone", err)
	}
	tx.Rollback()

	// An id taken fails the commit, whole.
	tx, err = s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Query(ctx, "CREATE (:Actor {id: 'd'}), (:Country {id: 'a'})", nil); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); !errors.Is(err, embedded.ErrConstraint) {
		t.Errorf("commit of a taken id: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = embedded.Open(path, &embedded.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := count(t, s); n != 2 {
		t.Errorf("%d nodes after reopening, want 2", n)
	}
	rules, err := s.Schema()
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"actor_id": "CONSTRAINT :Actor(id)"}; !reflect.DeepEqual(rules, want) {
		t.Errorf("schema %v, want %v", rules, want)
	}
	if _, err := s.Begin(ctx); !errors.Is(err, embedded.ErrReadOnly) {
		t.Errorf("Begin on a read-only store: %v", err)
	}
}

// mustRunAll runs each query on q (a store or a transaction), failing the
// test at the first error.
func mustRunAll(t *testing.T, q interface {
	Query(context.Context, string, map[string]any) (*graph.Result, error)
}, queries ...string) {
	t.Helper()
	for _, query := range queries {
		if _, err := q.Query(context.Background(), query, nil); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
}

// TestReadersDuringTx: read-only queries do not wait for an open write
// transaction; they read the last committed state, never its uncommitted
// writes, and see them once it commits.
func TestReadersDuringTx(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	defer s.Close()
	mustRunAll(t, s, "CREATE (:Actor {id: 'a'})")
	count := func() (int64, error) {
		res, err := s.Query(ctx, "MATCH (n:Actor) RETURN count(n)", nil)
		if err != nil {
			return 0, err
		}
		return res.Rows[0][0].(int64), nil
	}
	tx, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustRunAll(t, tx, "CREATE (:Actor {id: 'b'})", "CREATE (:Actor {id: 'c'})")
	// Readers on other goroutines, while the transaction is open.
	const readers = 8
	got := make(chan int64, readers)
	errs := make(chan error, readers)
	for range readers {
		go func() {
			n, err := count()
			if err != nil {
				errs <- err
				return
			}
			got <- n
		}()
	}
	for range readers {
		select {
		case n := <-got:
			if n != 1 {
				t.Errorf("a reader during the transaction counts %d actors, want 1 (the committed one)", n)
			}
		case err := <-errs:
			t.Fatal(err)
		case <-time.After(time.Minute):
			t.Fatal("readers wait for the open transaction")
		}
	}
	// The transaction still sees its own writes.
	res, err := tx.Query(ctx, "MATCH (n:Actor) RETURN count(n)", nil)
	if err != nil || res.Rows[0][0] != int64(3) {
		t.Fatalf("inside the transaction: %v, %v; want 3", res, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n, err := count(); err != nil || n != 3 {
		t.Fatalf("after the commit a reader counts %d (%v), want 3", n, err)
	}
	// A rolled-back transaction: readers never see its writes.
	tx, err = s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustRunAll(t, tx, "MATCH (n:Actor {id: 'a'}) DETACH DELETE n")
	if n, err := count(); err != nil || n != 3 {
		t.Fatalf("during a delete a reader counts %d (%v), want 3", n, err)
	}
	tx.Rollback()
	if n, err := count(); err != nil || n != 3 {
		t.Fatalf("after the rollback a reader counts %d (%v), want 3", n, err)
	}
}
