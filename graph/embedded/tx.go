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
// leaves no trace. A Tx holds the store's writer lock: other writers wait
// for it. Read-only queries of the store do not: while it is open they
// read the last committed state, from a snapshot of the file built on the
// first of them (a pass over the file), since the in-memory graph holds
// the transaction's uncommitted writes. Keep transactions short, and
// always end them. A Tx is for one goroutine.
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
	s.mu.Lock() // waits for the queries reading mem
	defer s.mu.Unlock()
	g.ResetJournal()
	t := &Tx{s: s, g: g, sp: g.Savepoint()}
	s.tx = t
	return t, nil
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
	t.s.mu.Lock()
	t.s.tx, t.s.txSnap = nil, nil
	t.s.mu.Unlock()
	t.s.wmu.Unlock()
}

// queryCommitted runs a read-only statement on the last committed state,
// while write transaction t is open.
func (s *Store) queryCommitted(ctx context.Context, t *Tx, st *cypher.Statement, params map[string]any) (*cypher.Result, error) {
	snap, err := s.committedSnapshot(ctx, t)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g := newSnapGraph(snap, cancel)
	res, err := st.Run(qctx, g, params)
	if g.err != nil {
		return nil, fmt.Errorf("query: %w", g.err)
	}
	return res, err
}

// committedSnapshot returns the snapshot of the last committed state that
// the readers of transaction t share, building it on the first call. The
// snapshot is in memory (not mapped), so a reader may keep using it after
// t ends.
func (s *Store) committedSnapshot(ctx context.Context, t *Tx) (*snapshot, error) {
	s.txSnapMu.Lock()
	defer s.txSnapMu.Unlock()
	s.mu.RLock()
	snap, open := s.txSnap, s.tx == t
	s.mu.RUnlock()
	if snap != nil && open {
		return snap, nil
	}
	snap, err := s.buildSnapshotInMemory(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot of the committed state: %w", err)
	}
	s.mu.Lock()
	if s.tx == t {
		s.txSnap = snap
	}
	s.mu.Unlock()
	return snap, nil
}
