package embedded

import (
	"context"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

// ErrTxDone is returned by the methods of a Tx that has committed or
// rolled back (a failed statement rolls its transaction back).
var ErrTxDone = errors.New("the transaction has ended")

// Tx is an explicit, multi-statement write transaction: its statements
// see each other's writes, Commit persists all of them in one file
// transaction, and Rollback (or a failing statement, or a failing Commit)
// leaves no trace. A Tx holds the store's writer lock and, for its whole
// life, keeps read-only queries of the store waiting, since they read the
// same in-memory graph: keep transactions short, and always end them.
// A Tx is for one goroutine.
type Tx struct {
	s      *Store
	g      *memgraph.Graph
	sp     int
	schema []schemaStmt
	done   bool
}

type schemaStmt struct {
	query string
	cmd   *cypher.SchemaCommand
}

// Begin starts a write transaction, waiting for the writer lock until ctx
// ends. It fails with ErrReadOnly on a read-only store.
func (s *Store) Begin(ctx context.Context) (*Tx, error) {
	if s.readOnly {
		return nil, fmt.Errorf("begin: %w", ErrReadOnly)
	}
	for !s.wmu.TryLock() {
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("begin: waiting for the writer: %w", ctx.Err())
		case <-time.After(2 * time.Millisecond):
		}
	}
	g, err := s.memLocked(ctx)
	if err != nil {
		s.wmu.Unlock()
		return nil, err
	}
	s.mu.Lock()
	g.ResetJournal()
	return &Tx{s: s, g: g, sp: g.Savepoint()}, nil
}

// Query runs one statement in the transaction, as Store.Query does. A
// statement that fails rolls the whole transaction back, as in Neo4j.
func (t *Tx) Query(ctx context.Context, query string, params map[string]any) (*graph.Result, error) {
	return t.query(ctx, query, params, conv{})
}

// QueryTyped is Query with temporal values typed, as Store.QueryTyped.
func (t *Tx) QueryTyped(ctx context.Context, query string, params map[string]any) (*graph.Result, error) {
	return t.query(ctx, query, params, conv{typed: true})
}

func (t *Tx) query(ctx context.Context, query string, params map[string]any, cv conv) (*graph.Result, error) {
	if t.done {
		return nil, ErrTxDone
	}
	res, err := t.run(ctx, query, params, cv)
	if err != nil {
		t.end()
	}
	return res, err
}

func (t *Tx) run(ctx context.Context, query string, params map[string]any, cv conv) (*graph.Result, error) {
	if show, ok, err := cypher.ParseShowSchema(query); ok {
		// the rules committed so far; the transaction's own come at Commit
		if err != nil {
			return nil, err
		}
		return t.s.showSchema(ctx, show, params)
	}
	if cmd, ok, err := cypher.ParseSchema(query); ok {
		if err == nil {
			err = checkSchema(query, cmd)
		}
		if err != nil {
			return nil, err
		}
		t.schema = append(t.schema, schemaStmt{query, cmd})
		return &graph.Result{}, nil
	}
	st, err := cypher.ParseWith(query, cypher.Options{MaxMemory: t.s.maxMem})
	if err != nil {
		return nil, err
	}
	p, err := engineParams(params)
	if err != nil {
		return nil, err
	}
	res, err := st.Run(ctx, t.g, p)
	if err != nil {
		return nil, err
	}
	return cv.result(res), nil
}

// Commit persists the transaction's writes and schema rules in one file
// transaction and releases the locks. When that fails (a constraint, the
// disk), nothing is kept.
func (t *Tx) Commit() error {
	if t.done {
		return ErrTxDone
	}
	err := t.s.updateTx(func(tx *bolt.Tx) error {
		for _, st := range t.schema {
			if err := recordSchema(tx, st.query, st.cmd); err != nil {
				return err
			}
		}
		return persistJournal(tx, t.g)
	})
	if err != nil {
		t.end()
		return fmt.Errorf("commit: %w", err)
	}
	t.g.ResetJournal()
	t.release()
	return nil
}

// Rollback undoes the transaction's writes and releases the locks. It is
// a no-op on an ended transaction.
func (t *Tx) Rollback() {
	if !t.done {
		t.end()
	}
}

// end rolls back and releases.
func (t *Tx) end() {
	t.g.Rollback(t.sp)
	t.g.ResetJournal()
	t.schema = nil
	t.release()
}

func (t *Tx) release() {
	t.done = true
	t.s.mu.Unlock()
	t.s.wmu.Unlock()
}
