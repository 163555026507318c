package neo4j

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

// Store is a graph.Store on a Neo4j 5 server. It holds one driver (a pool
// of connections) for its whole life; all methods are safe for concurrent
// use, though loads are meant to come from one writer at a time (see Load).
type Store struct {
	cfg    Config
	driver neo4j.DriverWithContext
	stmts  statements
	agent  string

	schemaMu   sync.Mutex
	schemaDone bool

	closeOnce sync.Once
	closeErr  error
}

var _ graph.Store = (*Store)(nil)

// Open connects to the Neo4j server cfg names and checks, within
// cfg.ConnectTimeout, that it answers, accepts the credentials, runs Neo4j
// MinServerVersion or later and has the database. Each failure is one clear
// error: *UnreachableError, *AuthError, *VersionError or
// *DatabaseNotFoundError. Open does not change the database: the schema is
// created by the first Load (or EnsureSchema). Close the Store when done.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	stmts, err := modelStatements()
	if err != nil {
		return nil, err
	}
	auth := neo4j.NoAuth()
	if cfg.Username != "" || cfg.Password != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.UserAgent = "kg"
		if cfg.MaxRetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.MaxRetryTime
		}
		c.SocketConnectTimeout = min(cfg.ConnectTimeout, c.SocketConnectTimeout)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: invalid URI %q: %v", cfg.URI, err)
	}
	s := &Store{cfg: cfg, driver: drv, stmts: stmts}
	if err := s.verify(ctx); err != nil {
		return nil, errors.Join(err, drv.Close(context.WithoutCancel(ctx)))
	}
	return s, nil
}

// verify checks connectivity, credentials, version and database.
func (s *Store) verify(ctx context.Context) error {
	vctx, cancel := context.WithTimeout(ctx, s.cfg.ConnectTimeout)
	defer cancel()
	info, err := s.driver.GetServerInfo(vctx)
	if err == nil {
		s.agent = info.Agent()
		if err := checkAgent(s.cfg.URI, info.Agent()); err != nil {
			return err
		}
		ping, perr := s.stmts.get(stmtPing)
		if perr != nil {
			return perr
		}
		_, err = neo4j.ExecuteQuery(vctx, s.driver, ping, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	}
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if vctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return &UnreachableError{URI: s.cfg.URI, Err: fmt.Errorf("no answer within %v: %w", s.cfg.ConnectTimeout, err)}
	}
	return classify(ctx, err, s.cfg, "connect")
}

// ServerAgent returns the server's name and version as it announced them,
// for example "Neo4j/5.26.21".
func (s *Store) ServerAgent() string { return s.agent }

// Config returns the configuration in force, defaults applied. Its String
// masks the password.
func (s *Store) Config() Config { return s.cfg }

// Close closes the driver and its connections. Later calls return the first
// call's result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.driver.Close(context.Background()) })
	return s.closeErr
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName:    s.cfg.Database,
		AccessMode:      mode,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
	})
}

// EnsureSchema creates the uniqueness constraints and indexes of the model
// if they do not exist and waits for them to come online. It is idempotent
// and runs once per Store; Load calls it first.
func (s *Store) EnsureSchema(ctx context.Context) error {
	s.schemaMu.Lock()
	defer s.schemaMu.Unlock()
	if s.schemaDone {
		return nil
	}
	// Schema and data cannot share a transaction: one statement each.
	for _, st := range s.stmts.withPrefix(stmtSchemaPrefix) {
		_, err := neo4j.ExecuteQuery(ctx, s.driver, st.Text, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.cfg.Database))
		if err != nil {
			return fmt.Errorf("neo4j: schema %s: %w", st.Name, classify(ctx, err, s.cfg, "create schema"))
		}
	}
	s.schemaDone = true
	return nil
}

// Load merges b into the database: the schema first (once), then the nodes
// label by label and the relationships type by type, in transactions of
// cfg.BatchSize rows. Each transaction reads the stored properties of its
// rows, merges them with graph.MergeProps and writes back only new or
// changed rows, so the result is exactly the embedded store's and loading
// the same batch twice changes nothing. Transactions are managed: the driver
// retries transient errors; a *RetriesExhaustedError explains when it gave
// up. A relationship whose endpoint is in neither the batch nor the
// database fails its transaction with an error naming it.
//
// Load is not atomic across transactions: after an error or a cancelled
// ctx (Ctrl-C), the committed chunks stay, and loading the batch again
// completes it. Concurrent Loads of overlapping ids, from one process or
// several, lose nothing: each transaction first creates its missing ids and
// takes the write lock of every row of its chunk, so another load of those
// ids waits for its commit before reading them. Two loads locking the same
// ids in different orders may deadlock; Neo4j detects it and the driver
// retries the transaction.
func (s *Store) Load(ctx context.Context, b *graph.Batch) (total graph.LoadStats, err error) {
	p, err := planBatch(b)
	if err != nil {
		return total, fmt.Errorf("neo4j: load: %w", err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		return total, err
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer func() { err = errors.Join(err, sess.Close(context.WithoutCancel(ctx))) }()
	err = eachChunk(p.nodes, graph.Labels, s.cfg.BatchSize, func(label string, chunk []graph.Node) error {
		st, err := s.loadNodes(ctx, sess, label, chunk)
		total.Add(st)
		return err
	})
	if err != nil {
		return total, err
	}
	err = eachChunk(p.rels, graph.RelTypes, s.cfg.BatchSize, func(typ string, chunk []graph.Relationship) error {
		st, err := s.loadRels(ctx, sess, typ, chunk)
		total.Add(st)
		return err
	})
	return total, err
}

func (s *Store) loadNodes(ctx context.Context, sess neo4j.SessionWithContext, label string, chunk []graph.Node) (graph.LoadStats, error) {
	ids := nodeIDs(chunk)
	return s.loadChunk(ctx, sess, chunkLoad{
		op:   "load " + label + " nodes",
		lock: stmtNodeLock + label, read: stmtNodeRead + label, update: stmtNodeUpdate + label,
		ids: ids,
		lockFn: func(ctx context.Context, tx neo4j.ManagedTransaction, lock string) error {
			return runConsume(ctx, tx, lock, map[string]any{"ids": ids})
		},
		merge: func(stored map[string]graph.Props) ([]row, graph.LoadStats) { return mergeNodeRows(chunk, stored) },
	})
}

// endpointError is returned from a load transaction (which it rolls back)
// when relationships name endpoints that do not exist.
type endpointError struct {
	typ     string
	missing []string
}

func (e *endpointError) Error() string {
	const show = 5
	list := e.missing
	more := ""
	if len(list) > show {
		list, more = list[:show], fmt.Sprintf(" and %d more", len(e.missing)-show)
	}
	return fmt.Sprintf("%d %s relationships have an endpoint in neither the batch nor the database: %v%s",
		len(e.missing), e.typ, list, more)
}

func (s *Store) loadRels(ctx context.Context, sess neo4j.SessionWithContext, typ string, chunk []graph.Relationship) (graph.LoadStats, error) {
	lockRows := relLockRows(chunk)
	return s.loadChunk(ctx, sess, chunkLoad{
		op:   "load " + typ + " relationships",
		lock: stmtRelLock + typ, read: stmtRelRead + typ, update: stmtRelUpdate + typ,
		ids: relIDs(chunk),
		lockFn: func(ctx context.Context, tx neo4j.ManagedTransaction, lock string) error {
			res, err := tx.Run(ctx, lock, map[string]any{"rows": lockRows})
			if err != nil {
				return err
			}
			found := make(map[string]bool, len(lockRows))
			for res.Next(ctx) {
				if id, ok := res.Record().Values[0].(string); ok {
					found[id] = true
				}
			}
			if err := res.Err(); err != nil {
				return err
			}
			if missing := missingEndpoints(lockRows, found); len(missing) > 0 {
				return &endpointError{typ: typ, missing: missing}
			}
			return nil
		},
		merge: func(stored map[string]graph.Props) ([]row, graph.LoadStats) { return mergeRelRows(chunk, stored) },
	})
}

// chunkLoad is one chunk of the nodes of a label or the relationships of a
// type, as loadChunk writes it.
type chunkLoad struct {
	op                 string   // what errors say: "load Person nodes"
	lock, read, update string   // the names of the chunk's statements
	ids                []string // the chunk's ids
	// lockFn runs the lock statement, which locks the chunk's entities (and
	// for relationships their endpoints), and fails when the chunk cannot
	// load.
	lockFn func(ctx context.Context, tx neo4j.ManagedTransaction, lock string) error
	// merge merges the chunk with the stored properties, by id, into the
	// update statement's rows.
	merge func(stored map[string]graph.Props) ([]row, graph.LoadStats)
}

// loadChunk writes c in one managed transaction: lock, read what is
// stored, merge and update.
func (s *Store) loadChunk(ctx context.Context, sess neo4j.SessionWithContext, c chunkLoad) (graph.LoadStats, error) {
	var stmts [3]string
	for i, name := range []string{c.lock, c.read, c.update} {
		var err error
		if stmts[i], err = s.stmts.get(name); err != nil {
			return graph.LoadStats{}, err
		}
	}
	lock, read, update := stmts[0], stmts[1], stmts[2]
	st, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (graph.LoadStats, error) {
		if err := c.lockFn(ctx, tx, lock); err != nil {
			return graph.LoadStats{}, err
		}
		stored, err := readStored(ctx, tx, read, c.ids)
		if err != nil {
			return graph.LoadStats{}, err
		}
		rows, st := c.merge(stored)
		if len(rows) > 0 {
			if err := runConsume(ctx, tx, update, map[string]any{"rows": rows}); err != nil {
				return graph.LoadStats{}, err
			}
		}
		return st, nil
	})
	if err != nil {
		return graph.LoadStats{}, fmt.Errorf("neo4j: %s: %w", c.op, classify(ctx, err, s.cfg, c.op))
	}
	return st, nil
}

// readStored runs a read statement ($ids → id, props) and returns the
// stored properties by id.
func readStored(ctx context.Context, tx neo4j.ManagedTransaction, query string, ids []string) (map[string]graph.Props, error) {
	res, err := tx.Run(ctx, query, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]graph.Props)
	for res.Next(ctx) {
		rec := res.Record()
		id, _ := rec.Values[0].(string)
		props, _ := rec.Values[1].(map[string]any)
		out[id] = propsFromDB(props)
	}
	return out, res.Err()
}

func runConsume(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) error {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// Query runs cypher with params in one managed transaction (retried on
// transient errors, so an updating query should be idempotent) and returns
// its columns, rows and update counters. Values are mapped to kg's result
// values (see graph.Store.Query); elementIds identify nodes and
// relationships. A statement the server rejects is a *QueryError.
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any) (*graph.Result, error) {
	return s.query(ctx, cypher, params)
}

// QueryRead is Query in a read transaction routed to a reader: the server
// refuses any write the statement attempts (Neo.ClientError.Statement.AccessMode),
// whatever kg made of its text. The explorer runs clients' Cypher this way.
func (s *Store) QueryRead(ctx context.Context, cypher string, params map[string]any) (*graph.Result, error) {
	return s.query(ctx, cypher, params, neo4j.ExecuteQueryWithReadersRouting())
}

func (s *Store) query(ctx context.Context, cypher string, params map[string]any, opts ...neo4j.ExecuteQueryConfigurationOption) (*graph.Result, error) {
	args, err := toParams(params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: query: %w", err)
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, args, neo4j.EagerResultTransformer,
		append([]neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithDatabase(s.cfg.Database)}, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("neo4j: query: %w", classify(ctx, err, s.cfg, "query"))
	}
	return resultFrom(res.Keys, res.Records, res.Summary), nil
}

// resultFrom maps the driver's records and summary to a graph.Result.
func resultFrom(keys []string, records []*neo4j.Record, summary neo4j.ResultSummary) *graph.Result {
	out := &graph.Result{Columns: slices.Clone(keys), Rows: make([][]any, len(records))}
	for i, rec := range records {
		out.Rows[i] = value.ConvertList(rec.Values, fromDriver)
	}
	if summary != nil {
		c := summary.Counters()
		out.Stats = value.Stats{
			NodesCreated:         c.NodesCreated(),
			NodesDeleted:         c.NodesDeleted(),
			RelationshipsCreated: c.RelationshipsCreated(),
			RelationshipsDeleted: c.RelationshipsDeleted(),
			PropertiesSet:        c.PropertiesSet(),
			LabelsAdded:          c.LabelsAdded(),
			LabelsRemoved:        c.LabelsRemoved(),
		}
		out.Plan = planOf(summary)
	}
	return out
}

// Counts returns the number of nodes per label and relationships per type,
// only those present.
func (s *Store) Counts(ctx context.Context) (*graph.Counts, error) {
	c := &graph.Counts{Nodes: make(map[string]int), Relationships: make(map[string]int)}
	for _, q := range []struct {
		name string
		into map[string]int
	}{{stmtCountsNodes, c.Nodes}, {stmtCountsRels, c.Relationships}} {
		err := s.read(ctx, q.name, "count", func(rec *neo4j.Record) error {
			key, _ := rec.Values[0].(string)
			n, _ := rec.Values[1].(int64)
			q.into[key] += int(n)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Snapshot returns the whole graph as a batch sorted by graph.SortBatch.
// A node's label is its first label that belongs to the model (else its
// first label); nodes and relationships without an id property are named
// by their elementId.
func (s *Store) Snapshot(ctx context.Context) (*graph.Batch, error) {
	b := &graph.Batch{}
	err := s.read(ctx, stmtSnapshotNodes, "snapshot", func(rec *neo4j.Record) error {
		b.Nodes = append(b.Nodes, snapshotNode(rec.Values))
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = s.read(ctx, stmtSnapshotRels, "snapshot", func(rec *neo4j.Record) error {
		b.Relationships = append(b.Relationships, snapshotRel(rec.Values))
		return nil
	})
	if err != nil {
		return nil, err
	}
	graph.SortBatch(b)
	return b, nil
}

// snapshotNode maps a snapshot-nodes record (id, elementId, labels, props).
func snapshotNode(v []any) graph.Node {
	id, _ := v[0].(string)
	if id == "" {
		id, _ = v[1].(string)
	}
	var labels []string
	if l, ok := v[2].([]any); ok {
		labels, _ = stringList(l)
	}
	props, _ := v[3].(map[string]any)
	return graph.Node{ID: id, Label: modelLabel(labels), Props: propsFromDB(props)}
}

// snapshotRel maps a snapshot-relationships record (id, elementId, type,
// start, end, props).
func snapshotRel(v []any) graph.Relationship {
	id, _ := v[0].(string)
	if id == "" {
		id, _ = v[1].(string)
	}
	typ, _ := v[2].(string)
	start, _ := v[3].(string)
	end, _ := v[4].(string)
	props, _ := v[5].(map[string]any)
	return graph.Relationship{ID: id, Type: typ, Start: start, End: end, Props: propsFromDB(props)}
}

func modelLabel(labels []string) string {
	for _, l := range graph.Labels {
		if slices.Contains(labels, l) {
			return l
		}
	}
	if len(labels) == 0 {
		return ""
	}
	sorted := slices.Clone(labels)
	sort.Strings(sorted)
	return sorted[0]
}

// read streams the records of a named statement through fn in a managed
// read transaction. fn may be called again from the start if the
// transaction is retried, so callers reset their state on the first record:
// read does that by running fn only after the whole result arrived.
func (s *Store) read(ctx context.Context, name, op string, fn func(*neo4j.Record) error) (err error) {
	query, err := s.stmts.get(name)
	if err != nil {
		return err
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer func() { err = errors.Join(err, sess.Close(context.WithoutCancel(ctx))) }()
	records, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
		res, err := tx.Run(ctx, query, nil)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	})
	if err != nil {
		return fmt.Errorf("neo4j: %s: %w", op, classify(ctx, err, s.cfg, op))
	}
	for _, rec := range records {
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// Explain returns the operators of the plan Neo4j makes for cypher, depth
// first from the root, without running it (EXPLAIN). Tests use it to keep
// Eager operators out of the load statements.
func (s *Store) Explain(ctx context.Context, cypher string, params map[string]any) ([]string, error) {
	args, err := toParams(params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: explain: %w", err)
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+cypher, args, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("neo4j: explain: %w", classify(ctx, err, s.cfg, "explain"))
	}
	var ops []string
	var walk func(p neo4j.Plan)
	walk = func(p neo4j.Plan) {
		if p == nil {
			return
		}
		ops = append(ops, p.Operator())
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(res.Summary.Plan())
	return ops, nil
}
