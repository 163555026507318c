package embedded

import (
	"context"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
	"github.com/kgnews/kg/graph/value"
)

// Query runs a Cypher query with parameters on the in-memory graph, built
// from the file on the first query and kept in step with later Loads.
//
// An updating query (CREATE, MERGE, SET, REMOVE, DELETE) is persisted to the
// file in one transaction when it succeeds; a query that fails, or whose
// changes cannot be persisted, changes nothing. Updating queries fail with
// ErrReadOnly on a read-only store, and with ErrConstraint when they would
// give two nodes (or two relationships) the same string "id" property; a
// non-string "id" is rejected too, since ids are the model's keys.
//
// Parameters may be nil, bool, string, any Go integer or float kind,
// []string, []any and map[string]any. Result values are those documented
// by graph.Store; list properties come back as []any, nodes carry their
// "id" property, and ElementIDs are those elementId() returns: "n:" or
// "r:" and the int64 id. Query errors of the
// engine are *cypher.Error, possibly wrapped.
func (s *Store) Query(ctx context.Context, query string, params map[string]any) (*graph.Result, error) {
	return s.query(ctx, query, params, conv{})
}

// QueryTyped is Query whose results keep temporal values as graph/value's
// temporal types (Date, LocalTime, Time, LocalDateTime, DateTime and
// Duration) instead of their text: the form a Bolt server sends, since
// Neo4j's protocol carries them as structures.
func (s *Store) QueryTyped(ctx context.Context, query string, params map[string]any) (*graph.Result, error) {
	return s.query(ctx, query, params, conv{typed: true})
}

func (s *Store) query(ctx context.Context, query string, params map[string]any, cv conv) (*graph.Result, error) {
	if show, ok, err := cypher.ParseShowSchema(query); ok {
		if err != nil {
			return nil, err
		}
		return s.showSchema(ctx, show, params)
	}
	if cmd, ok, err := cypher.ParseSchema(query); ok {
		if err != nil {
			return nil, err
		}
		return s.runSchema(ctx, query, cmd)
	}
	st, err := cypher.ParseWith(query, cypher.Options{MaxMemory: s.maxMem})
	if err != nil {
		return nil, err
	}
	p, err := engineParams(params)
	if err != nil {
		return nil, err
	}
	var res *cypher.Result
	if st.ReadOnly() {
		res, err = s.queryRead(ctx, st, p)
	} else {
		res, err = s.queryWrite(ctx, st, p)
	}
	if err != nil {
		return nil, err
	}
	return cv.result(res), nil
}

func (s *Store) queryRead(ctx context.Context, st *cypher.Statement, params map[string]any) (*cypher.Result, error) {
	s.mu.RLock()
	built, closed := s.mem != nil, s.closed.Load()
	s.mu.RUnlock()
	if !built && !closed {
		// Before paying for the in-memory graph, see whether the query
		// needs it at all (see probe.go).
		if res, ok, err := runWithoutData(ctx, st, params); ok {
			return res, err
		}
	}
	if s.readsSnapshot() && (!built || s.reads == ReadSnapshot) {
		if res, ok, err := s.querySnapshot(ctx, st, params); ok {
			return res, err
		}
	}
	if built && s.readOnly {
		if err := s.dropStaleMem(); err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
	}
	for range 3 {
		s.mu.RLock()
		if s.closed.Load() {
			s.mu.RUnlock()
			return nil, fmt.Errorf("query: %w", ErrClosed)
		}
		if t := s.tx; t != nil {
			// mem holds t's uncommitted writes
			s.mu.RUnlock()
			return s.queryCommitted(ctx, t, st, params)
		}
		if g := s.mem; g != nil {
			res, err := st.Run(ctx, g, params)
			s.mu.RUnlock()
			return res, err
		}
		s.mu.RUnlock()
		s.wmu.Lock()
		_, err := s.memLocked(ctx)
		s.wmu.Unlock()
		if err != nil {
			return nil, err
		}
	}
	return nil, errors.New("query: the in-memory graph keeps being invalidated")
}

func (s *Store) queryWrite(ctx context.Context, st *cypher.Statement, params map[string]any) (*cypher.Result, error) {
	var res *cypher.Result
	err := s.update(ctx, func(g *memgraph.Graph) error {
		var err error
		res, err = st.Run(ctx, g, params)
		return err
	})
	return res, err
}

// update runs fn on the in-memory graph and persists what it changed, per
// the graph's journal, in one transaction. When fn fails or the changes
// cannot be persisted, the graph is rolled back and nothing changes.
func (s *Store) update(ctx context.Context, fn func(g *memgraph.Graph) error) error {
	if s.readOnly {
		return fmt.Errorf("query: %w", ErrReadOnly)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	g, err := s.memLocked(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g.ResetJournal()
	sp := g.Savepoint()
	if err := fn(g); err != nil {
		g.Rollback(sp)
		g.ResetJournal()
		return err
	}
	if err := s.updateTx(func(tx *bolt.Tx) error { return persistJournal(tx, g) }); err != nil {
		g.Rollback(sp)
		g.ResetJournal()
		return fmt.Errorf("query: persist changes: %w", err)
	}
	g.ResetJournal()
	return nil
}

// dropStaleMem drops the in-memory graph of a read-only store when another
// process has committed a write since it was built, so that the next query
// sees the last committed state.
func (s *Store) dropStaleMem() error {
	var txid int
	if err := s.view(func(tx *bolt.Tx) error {
		txid = tx.ID()
		return nil
	}); err != nil {
		return err
	}
	s.mu.Lock()
	if s.mem != nil && s.memTx != txid {
		s.mem = nil
	}
	s.mu.Unlock()
	return nil
}

// memLocked returns the in-memory graph, building it from the file if
// needed. The caller holds wmu, so that no Load runs meanwhile.
func (s *Store) memLocked(ctx context.Context) (*memgraph.Graph, error) {
	s.mu.RLock()
	g, closed := s.mem, s.closed.Load()
	s.mu.RUnlock()
	if closed {
		return nil, fmt.Errorf("query: %w", ErrClosed)
	}
	if g != nil {
		return g, nil
	}
	g = memgraph.New()
	var txid int
	if err := s.view(func(tx *bolt.Tx) error {
		txid = tx.ID()
		return buildMem(ctx, tx, g)
	}); err != nil {
		return nil, fmt.Errorf("query: build in-memory graph: %w", err)
	}
	s.mu.Lock()
	s.mem, s.memTx = g, txid
	s.mu.Unlock()
	return g, nil
}

func buildMem(ctx context.Context, tx *bolt.Tx, g *memgraph.Graph) error {
	if err := scanRecords(ctx, tx, itemNode, func(id int64, v []byte) error {
		labels, props, err := decodeNode(id, v)
		if err != nil {
			return fmt.Errorf("node %d: %w", id, err)
		}
		if err := g.LoadNode(id, labels, toEngine(props)); err != nil {
			return fmt.Errorf("node %d: %w: %v", id, errCorrupt, err)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := scanRecords(ctx, tx, itemRel, func(id int64, v []byte) error {
		typ, start, end, props, err := decodeRel(id, v)
		if err != nil {
			return fmt.Errorf("relationship %d: %w", id, err)
		}
		if err := g.LoadRelationship(id, typ, start, end, toEngine(props)); err != nil {
			return fmt.Errorf("relationship %d: %w: %v", id, errCorrupt, err)
		}
		return nil
	}); err != nil {
		return err
	}
	g.ResetJournal()
	return nil
}

// persistJournal writes to tx the current state of every node and
// relationship in g's journal: present ones are upserted, absent ones
// deleted, and the id indexes follow.
func persistJournal(tx *bolt.Tx, g *memgraph.Graph) error {
	j := g.Journal()
	nb, rb := recordBuckets(tx)
	ni, ri := tx.Bucket(bucketNodeIdx), tx.Bucket(bucketRelIdx)

	// First drop the index entries of the old states, so that ids may move
	// between elements within one query.
	// and the items of their spilled sets, which the new states write anew.
	items, err := writableItems(tx)
	if err != nil {
		return err
	}
	for id := range j.Nodes {
		if rec := nb.Get(itob(id)); rec != nil {
			_, props, err := decodeStoredNode(id, rec)
			if err != nil {
				return fmt.Errorf("node %d: %w", id, err)
			}
			if err := unindex(ni, nodeIndexKey, props, id); err != nil {
				return err
			}
			if err := deleteSpilled(items, itemNode, id, props); err != nil {
				return err
			}
		}
	}
	for id := range j.Rels {
		if rec := rb.Get(itob(id)); rec != nil {
			_, start, _, props, err := decodeStoredRel(id, rec)
			if err != nil {
				return fmt.Errorf("relationship %d: %w", id, err)
			}
			if err := unindex(ri, relKeyFrom(start), props, id); err != nil {
				return err
			}
			if err := deleteSpilled(items, itemRel, id, props); err != nil {
				return err
			}
		}
	}

	var maxNode, maxRel int64
	for id := range j.Nodes {
		key := itob(id)
		if !g.NodeExists(id) {
			if err := nb.Delete(key); err != nil {
				return fmt.Errorf("delete node %d: %w", id, err)
			}
			continue
		}
		props, err := normalizeProps(g.NodeProps(id))
		if err != nil {
			return fmt.Errorf("node %d: %w", id, err)
		}
		stored, err := writeProps(items, itemNode, id, props)
		if err != nil {
			return fmt.Errorf("node %d: %w", id, err)
		}
		rec, err := encodeNode(id, g.NodeLabels(id), stored)
		if err != nil {
			return fmt.Errorf("node %d: %w", id, err)
		}
		if err := nb.Put(key, rec); err != nil {
			return fmt.Errorf("write node %d: %w", id, err)
		}
		if err := index(ni, nodeIndexKey, "node", props, id); err != nil {
			return err
		}
		maxNode = max(maxNode, id)
	}
	for id := range j.Rels {
		key := itob(id)
		typ, start, end, ok := g.Rel(id)
		if !ok {
			if err := rb.Delete(key); err != nil {
				return fmt.Errorf("delete relationship %d: %w", id, err)
			}
			continue
		}
		props, err := normalizeProps(g.RelProps(id))
		if err != nil {
			return fmt.Errorf("relationship %d: %w", id, err)
		}
		stored, err := writeProps(items, itemRel, id, props)
		if err != nil {
			return fmt.Errorf("relationship %d: %w", id, err)
		}
		rec, err := encodeRel(id, typ, start, end, stored)
		if err != nil {
			return fmt.Errorf("relationship %d: %w", id, err)
		}
		if err := rb.Put(key, rec); err != nil {
			return fmt.Errorf("write relationship %d: %w", id, err)
		}
		if err := index(ri, relKeyFrom(start), "relationship", props, id); err != nil {
			return err
		}
		if err := uniqueRelID(g, props, id); err != nil {
			return err
		}
		maxRel = max(maxRel, id)
	}
	if maxNode >= 0 && uint64(maxNode) > nb.Sequence() {
		if err := nb.SetSequence(uint64(maxNode)); err != nil {
			return err
		}
	}
	if maxRel >= 0 && uint64(maxRel) > rb.Sequence() {
		if err := rb.SetSequence(uint64(maxRel)); err != nil {
			return err
		}
	}
	return nil
}

// nodeIndexKey is the key of node modelID in the node index.
func nodeIndexKey(modelID string) []byte { return []byte(modelID) }

// relKeyFrom returns the keys in the relationship index of relationships
// from node start.
func relKeyFrom(start int64) func(modelID string) []byte {
	return func(modelID string) []byte { return relIndexKey(start, modelID) }
}

// unindex removes the index entry of props' id, under key(id), when it
// points to id.
func unindex(idx *bolt.Bucket, key func(string) []byte, props map[string]any, id int64) error {
	s, ok := props[graph.PropID].(string)
	if !ok {
		return nil
	}
	k := key(s)
	if v := idx.Get(k); v != nil {
		if cur, err := indexID([]byte(s), v); err == nil && cur == id {
			return idx.Delete(k)
		}
	}
	return nil
}

// uniqueRelID fails with ErrConstraint when another relationship of g has
// the id of props: the relationship index, keyed by start node, finds only
// those from the same node, g all of them.
func uniqueRelID(g *memgraph.Graph, props map[string]any, id int64) error {
	s, ok := props[graph.PropID].(string)
	if !ok {
		return nil
	}
	var other int64 = -1
	g.LookupRels(graph.PropID, s, func(r int64) bool {
		if r != id {
			other = r
			return false
		}
		return true
	})
	if other >= 0 {
		return fmt.Errorf("relationship %d: id %q is already used by relationship %d: %w", id, s, other, ErrConstraint)
	}
	return nil
}

// index adds the index entry of props' id under key(id), failing with
// ErrConstraint when another element has it there.
func index(idx *bolt.Bucket, key func(string) []byte, what string, props map[string]any, id int64) error {
	v, ok := props[graph.PropID]
	if !ok {
		return nil
	}
	s, ok := v.(string)
	if !ok || s == "" {
		return fmt.Errorf("%s %d: property id must be a non-empty string, not %T %v: %w", what, id, v, v, ErrConstraint)
	}
	k := key(s)
	if old := idx.Get(k); old != nil {
		cur, err := indexID([]byte(s), old)
		if err != nil {
			return fmt.Errorf("%s %d: %w", what, id, err)
		}
		if cur != id {
			return fmt.Errorf("%s %d: id %q is already used by %s %d: %w", what, id, s, what, cur, ErrConstraint)
		}
		return nil
	}
	return idx.Put(k, indexValue(s, id))
}

// engineParams converts query parameters to the engine's value types.
func engineParams(params map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(params))
	for k, v := range params {
		c, err := paramValue(v)
		if err != nil {
			return nil, fmt.Errorf("query: parameter $%s: %w", k, err)
		}
		out[k] = c
	}
	return out, nil
}

func paramValue(v any) (any, error) {
	switch v := v.(type) {
	case []string:
		return engineValue(v), nil
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			c, err := paramValue(x)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			c, err := paramValue(x)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case graph.Props:
		return paramValue(map[string]any(v))
	}
	n, err := normalize(v)
	if err != nil {
		return nil, err
	}
	return engineValue(n), nil
}

// conv turns engine values into graph.Result values; typed keeps
// temporal values as they are rather than as text.
type conv struct{ typed bool }

func (cv conv) result(r *cypher.Result) *graph.Result {
	out := &graph.Result{
		Columns: r.Columns,
		Rows:    make([][]any, len(r.Rows)),
		Stats:   r.Stats,
		Plan:    r.Plan,
	}
	if out.Columns == nil {
		out.Columns = []string{}
	}
	for i, row := range r.Rows {
		vals := make([]any, len(row))
		for j, v := range row {
			vals[j] = cv.value(v)
		}
		out.Rows[i] = vals
	}
	return out
}

func (cv conv) node(n cypher.Node) value.Node {
	labels := n.Labels
	if labels == nil {
		labels = []string{}
	}
	return value.Node{ElementID: cypher.NodeElementID(n.ID), Labels: labels, Props: cv.props(n.Props)}
}

func (cv conv) rel(r cypher.Relationship) value.Relationship {
	return value.Relationship{ElementID: cypher.RelElementID(r.ID), Type: r.Type,
		StartElementID: cypher.NodeElementID(r.StartID), EndElementID: cypher.NodeElementID(r.EndID), Props: cv.props(r.Props)}
}

func (cv conv) props(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cv.value(v)
	}
	return out
}

// value turns an engine value into a graph.Result value.
func (cv conv) value(v any) any {
	switch v := v.(type) {
	case cypher.Node:
		return cv.node(v)
	case *cypher.Node:
		return cv.node(*v)
	case cypher.Relationship:
		return cv.rel(v)
	case *cypher.Relationship:
		return cv.rel(*v)
	case cypher.Path:
		return cv.path(v)
	case *cypher.Path:
		return cv.path(*v)
	case []string:
		return engineValue(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = cv.value(x)
		}
		return out
	case map[string]any:
		return cv.props(v)
	case value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime, value.Duration:
		if cv.typed {
			return v
		}
		// Temporal values are strings in Neo4j's format, as the Neo4j
		// store returns them, so both stores give the same answers.
		return v.(fmt.Stringer).String()
	}
	return v
}

func (cv conv) path(p cypher.Path) value.Path {
	out := value.Path{Nodes: make([]value.Node, len(p.Nodes)), Relationships: make([]value.Relationship, len(p.Rels))}
	for i, n := range p.Nodes {
		out.Nodes[i] = cv.node(n)
	}
	for i, r := range p.Rels {
		out.Relationships[i] = cv.rel(r)
	}
	return out
}
