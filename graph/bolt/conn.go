package bolt

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/value"
)

// state is a connection's state in Bolt 5's state machine.
type state int

const (
	stNegotiated  state = iota // handshake done; HELLO expected
	stAuth                     // HELLO done; LOGON expected (5.1+)
	stReady                    // authenticated, no open result
	stStreaming                // an auto-commit result is open
	stTxReady                  // in an explicit transaction
	stTxStreaming              // in a transaction with open results
	stFailed                   // after a FAILURE: IGNORED until RESET
)

var stateNames = [...]string{"NEGOTIATION", "AUTHENTICATION", "READY", "STREAMING", "TX_READY", "TX_STREAMING", "FAILED"}

func (s state) String() string { return stateNames[s] }

// Deadlines of a connection: the handshake, and each flush of responses.
const (
	handshakeTimeout = 10 * time.Second
	writeTimeout     = 30 * time.Second
)

// result is an open query result being pulled.
type result struct {
	qid      int64
	rows     [][]any
	readOnly bool
	columns  int
	stats    value.Stats
	plan     *value.Plan // of an EXPLAIN or PROFILE; or nil
	db       string
}

type conn struct {
	s       *Server
	nc      net.Conn
	r       *bufio.Reader
	w       *bufio.Writer
	id      string
	version Version
	state   state
	in, out []byte

	inTx      bool
	tx        *embedded.Tx // the store's write transaction, in a writing explicit transaction
	txStart   time.Time
	txTimeout time.Duration
	txMode    string
	txDB      string
	user      string // the authenticated principal
	results   []*result
	nextQID   int64
}

var bookmarks atomic.Int64

// errClose ends a connection after its last response is flushed.
var errClose = errors.New("close")

// serveConn serves Bolt on nc, whose bytes come through r (which may hold
// some read ahead), from the handshake on.
func (s *Server) serveConn(nc net.Conn, r *bufio.Reader, id string) {
	c := &conn{s: s, nc: nc, r: r, w: bufio.NewWriter(nc), id: id}
	defer c.rollback()
	_ = nc.SetDeadline(time.Now().Add(handshakeTimeout))
	v, err := negotiate(struct {
		io.Reader
		io.Writer
	}{c.r, nc})
	if err != nil {
		s.logf("%s: %v", nc.RemoteAddr(), err)
		return
	}
	_ = nc.SetDeadline(time.Time{})
	c.version = v
	for {
		c.setIdleDeadline()
		msg, err := readMessage(c.r, c.in, s.cfg.MaxMessage)
		if err != nil {
			switch {
			case c.tx != nil && isTimeout(err) && s.ctx.Err() == nil:
				s.logf("%s: closed a write transaction left idle; it is rolled back", nc.RemoteAddr())
			case !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed):
				s.logf("%s: %v", nc.RemoteAddr(), err)
			}
			return
		}
		c.in = msg
		herr := c.handle(msg)
		if herr != nil && !errors.Is(herr, errClose) {
			s.logf("%s: %v", nc.RemoteAddr(), herr)
		}
		if herr != nil || c.r.Buffered() == 0 {
			_ = nc.SetWriteDeadline(time.Now().Add(writeTimeout))
			if err := c.w.Flush(); err != nil {
				return
			}
		}
		if herr != nil {
			return
		}
	}
}

// isTimeout says whether a read failed on its deadline: a net.Error's
// timeout on TCP, a cancelled read on a WebSocket.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// setIdleDeadline bounds the wait for the next request while a write
// transaction is open: by the idle timeout, and by the client's
// tx_timeout counted from BEGIN.
func (c *conn) setIdleDeadline() {
	if c.tx == nil {
		_ = c.nc.SetReadDeadline(time.Time{})
		return
	}
	d := time.Now().Add(c.s.cfg.TxIdleTimeout)
	if c.txTimeout > 0 && c.txStart.Add(c.txTimeout).Before(d) {
		d = c.txStart.Add(c.txTimeout)
	}
	_ = c.nc.SetReadDeadline(d)
}

// send writes one response message.
func (c *conn) send(tag byte, fields ...any) error {
	b, err := encodeStruct(c.out, tag, fields...)
	if err != nil {
		return err
	}
	c.out = b
	return writeMessage(c.w, b)
}

func (c *conn) success(meta map[string]any) error { return c.send(msgSuccess, meta) }

// fail sends FAILURE for err and enters FAILED.
func (c *conn) fail(err error) error {
	f := classify(err)
	c.state = stFailed
	return c.send(msgFailure, f.meta(c.version))
}

// handle answers one request. A non-nil error closes the connection.
func (c *conn) handle(msg []byte) error {
	req, err := decodeMessage(msg)
	if err != nil {
		_ = c.fail(&failure{codeRequest, err.Error()})
		return errClose
	}
	if c.state == stFailed {
		switch req.tag {
		case msgReset:
			return c.reset()
		case msgGoodbye:
			return errClose
		}
		return c.send(msgIgnored)
	}
	switch {
	case req.tag == msgGoodbye:
		return errClose
	case req.tag == msgReset && c.state >= stReady:
		return c.reset()
	case req.tag == msgHello && c.state == stNegotiated:
		return c.hello(req)
	case req.tag == msgLogon && c.state == stAuth:
		return c.logon(req)
	case req.tag == msgLogoff && c.state == stReady && c.version.Minor >= 1:
		c.state = stAuth
		return c.success(map[string]any{})
	case req.tag == msgTelemetry && c.state == stReady:
		return c.success(map[string]any{})
	case req.tag == msgRoute && c.state == stReady:
		return c.route(req)
	case req.tag == msgBegin && c.state == stReady:
		return c.begin(req)
	case req.tag == msgRun && (c.state == stReady || c.state == stTxReady || c.state == stTxStreaming):
		return c.run(req)
	case (req.tag == msgPull || req.tag == msgDiscard) && (c.state == stStreaming || c.state == stTxStreaming):
		return c.pull(req)
	case (req.tag == msgCommit || req.tag == msgRollback) && (c.state == stTxReady || c.state == stTxStreaming):
		return c.endTx(req.tag == msgCommit)
	}
	_ = c.fail(&failure{codeRequest, fmt.Sprintf("message 0x%02X is not allowed in state %s", req.tag, c.state)})
	return errClose
}

func (c *conn) reset() error {
	c.rollback()
	c.inTx, c.results = false, nil
	c.state = stReady
	return c.success(map[string]any{})
}

func (c *conn) hello(req request) error {
	extra, err := req.mapField(0)
	if err != nil {
		_ = c.fail(err)
		return errClose
	}
	c.state = stAuth
	if c.version.Minor == 0 { // Bolt 5.0: the credentials ride in HELLO
		if err := c.s.authenticate(extra); err != nil {
			_ = c.fail(err)
			return errClose
		}
		c.state = stReady
		c.user = strOf(extra, "principal")
	}
	return c.success(map[string]any{"server": c.s.cfg.Agent, "connection_id": c.id, "hints": map[string]any{}})
}

func (c *conn) logon(req request) error {
	token, err := req.mapField(0)
	if err == nil {
		err = c.s.authenticate(token)
	}
	if err != nil {
		_ = c.fail(err)
		return errClose
	}
	c.state = stReady
	c.user = strOf(token, "principal")
	return c.success(map[string]any{})
}

// route answers a routing table with this server in every role, at the
// address the client dialled.
func (c *conn) route(req request) error {
	routing, err := req.mapField(0)
	if err != nil {
		return c.fail(err)
	}
	extra, err := req.mapField(2)
	if err != nil {
		return c.fail(err)
	}
	db, err := checkDB(strOf(extra, "db"))
	if err != nil {
		return c.fail(err)
	}
	addr := strOf(routing, "address")
	if addr == "" {
		addr = c.nc.LocalAddr().String()
	}
	servers := []any{}
	for _, role := range []string{"ROUTE", "READ", "WRITE"} {
		servers = append(servers, map[string]any{"addresses": []any{addr}, "role": role})
	}
	return c.success(map[string]any{"rt": map[string]any{"ttl": int64(300), "db": db, "servers": servers}})
}

// checkDB accepts the default database and the system database, and
// returns the database's name.
func checkDB(db string) (string, error) {
	switch {
	case db == "" || db == "neo4j":
		return "neo4j", nil
	case isSystemDB(db):
		return "system", nil
	}
	return "", &failure{codeDBNotFound, fmt.Sprintf("Database does not exist. Database name: '%s'. kg serves one database, neo4j, and the system database.", db)}
}

// txOptions reads the db, tx_timeout and mode entries of BEGIN's or RUN's
// extra map.
func txOptions(extra map[string]any) (timeout time.Duration, mode, db string, err error) {
	if db, err = checkDB(strOf(extra, "db")); err != nil {
		return 0, "", "", err
	}
	ms, err := intOf(extra, "tx_timeout", 0)
	if err != nil {
		return 0, "", "", err
	}
	return time.Duration(ms) * time.Millisecond, strOf(extra, "mode"), db, nil
}

func (c *conn) begin(req request) error {
	extra, err := req.mapField(0)
	if err != nil {
		return c.fail(err)
	}
	if c.txTimeout, c.txMode, c.txDB, err = txOptions(extra); err != nil {
		return c.fail(err)
	}
	if b, ok := c.s.cfg.Store.(Beginner); ok && c.txMode != "r" && !c.s.cfg.ReadOnly && c.txDB == "neo4j" {
		// A writing transaction takes the store's writer lock now, so
		// that what it reads stays true until it commits.
		ctx, cancel := c.s.queryContext(c.txTimeout)
		tx, err := b.Begin(ctx)
		cancel()
		if err != nil {
			return c.fail(err)
		}
		c.tx, c.txStart = tx, time.Now()
	}
	c.inTx, c.results, c.state = true, nil, stTxReady
	return c.success(c.dbMeta(map[string]any{}, c.txDB))
}

// rollback ends the store transaction, if any, leaving no trace of it.
func (c *conn) rollback() {
	if c.tx != nil {
		c.tx.Rollback()
		c.tx = nil
	}
}

func (c *conn) endTx(commit bool) error {
	tx := c.tx
	c.tx, c.inTx, c.results, c.state = nil, false, nil, stReady
	if !commit {
		if tx != nil {
			tx.Rollback()
		}
		return c.success(map[string]any{})
	}
	if tx != nil {
		if err := tx.Commit(); err != nil {
			return c.fail(err)
		}
	}
	return c.success(map[string]any{"bookmark": newBookmark()})
}

func newBookmark() string { return "kg:" + strconv.FormatInt(bookmarks.Add(1), 10) }

func (c *conn) run(req request) error {
	query, ok := fieldAt(req, 0).(string)
	if !ok {
		return c.fail(&failure{codeRequest, "RUN needs the query as a string"})
	}
	params, err := req.mapField(1)
	if err != nil {
		return c.fail(err)
	}
	timeout, mode, db := c.txTimeout, c.txMode, c.txDB
	if !c.inTx {
		extra, err := req.mapField(2)
		if err != nil {
			return c.fail(err)
		}
		if timeout, mode, db, err = txOptions(extra); err != nil {
			return c.fail(err)
		}
	}
	ctx, cancel := c.s.queryContext(timeout)
	defer cancel()
	start := time.Now()
	res, sys, err := c.systemQuery(ctx, query, db)
	if err != nil {
		return c.fail(err)
	}
	if sys {
		return c.opened(&result{rows: res.Rows, readOnly: true, columns: len(res.Columns), db: db}, res.Columns, start)
	}
	readOnly := true
	if _, schema, _ := cypher.ParseSchema(query); schema {
		readOnly = false
	} else if st, perr := cypher.Parse(query); perr == nil {
		readOnly = st.ReadOnly()
	}
	if !readOnly {
		if err := c.writeAllowed(mode); err != nil {
			return c.fail(err)
		}
	}
	res, err = c.exec(ctx, query, params)
	if err != nil {
		c.tx = nil // a failed statement has rolled its transaction back
		return c.fail(err)
	}
	return c.opened(&result{rows: res.Rows, readOnly: readOnly, columns: len(res.Columns), stats: res.Stats, plan: res.Plan, db: db}, res.Columns, start)
}

// exec runs a statement in the connection's write transaction, if one is
// open, else on the store.
func (c *conn) exec(ctx context.Context, query string, params map[string]any) (*graph.Result, error) {
	if c.tx != nil {
		return c.tx.QueryTyped(ctx, query, params)
	}
	return c.s.query(ctx, query, params)
}

// opened registers r as an open result and answers RUN.
func (c *conn) opened(r *result, columns []string, start time.Time) error {
	meta := map[string]any{"fields": value.AnyList(columns), "t_first": time.Since(start).Milliseconds()}
	if c.inTx {
		r.qid = c.nextQID
		c.nextQID++
		meta["qid"] = r.qid
		c.state = stTxStreaming
	} else {
		c.state = stStreaming
		c.dbMeta(meta, r.db)
	}
	c.results = append(c.results, r)
	return c.success(meta)
}

// dbMeta adds to the SUCCESS of a message that begins a transaction (BEGIN,
// auto-commit RUN) the database it runs in, from Bolt 5.8 on.
func (c *conn) dbMeta(meta map[string]any, db string) map[string]any {
	if c.version.Minor >= 8 {
		meta["db"] = db
	}
	return meta
}

// writeAllowed says whether a writing statement may run now.
func (c *conn) writeAllowed(mode string) error {
	switch {
	case c.s.cfg.ReadOnly:
		return &failure{codeAccessMode, "Writing is not allowed: kg serve runs with --read-only."}
	case mode == "r":
		return &failure{codeAccessMode, "Writing in read access mode is not allowed."}
	case c.inTx && c.tx == nil:
		return &failure{codeAccessMode, "this store runs writing statements only as auto-commit queries, not inside an explicit transaction"}
	}
	return nil
}

// queryContext bounds a statement by the server's timeout and the
// client's, whichever is smaller, and by the server's life.
func (s *Server) queryContext(client time.Duration) (context.Context, context.CancelFunc) {
	d := s.cfg.QueryTimeout
	if client > 0 && (d <= 0 || client < d) {
		d = client
	}
	if d <= 0 {
		return context.WithCancel(s.ctx)
	}
	return context.WithTimeout(s.ctx, d)
}

func fieldAt(r request, i int) any {
	if i < len(r.fields) {
		return r.fields[i]
	}
	return nil
}

// pull answers PULL (records) or DISCARD (none) for n rows of result qid
// (-1: the last one run).
func (c *conn) pull(req request) error {
	extra, err := req.mapField(0)
	if err != nil {
		return c.fail(err)
	}
	n, err := intOf(extra, "n", -1)
	if err != nil {
		return c.fail(err)
	}
	qid, err := intOf(extra, "qid", -1)
	if err != nil {
		return c.fail(err)
	}
	i := len(c.results) - 1
	if qid != -1 {
		for i >= 0 && c.results[i].qid != qid {
			i--
		}
	}
	if i < 0 {
		return c.fail(&failure{codeRequest, fmt.Sprintf("no open result with qid %d", qid)})
	}
	r := c.results[i]
	take := len(r.rows)
	if n >= 0 && int64(take) > n {
		take = int(n)
	}
	if req.tag == msgPull {
		for _, row := range r.rows[:take] {
			if err := c.send(msgRecord, row); err != nil {
				return c.fail(&failure{codeDatabaseError, "cannot encode a record: " + err.Error()})
			}
		}
	}
	r.rows = r.rows[take:]
	if len(r.rows) > 0 {
		return c.success(map[string]any{"has_more": true})
	}
	c.results = append(c.results[:i], c.results[i+1:]...)
	meta := map[string]any{"type": r.queryType(), "t_last": int64(0), "db": r.db}
	if st := statsMap(r.stats); st != nil {
		meta["stats"] = st
	}
	if r.plan != nil {
		key := "plan"
		if r.plan.Profiled {
			key = "profile"
		}
		meta[key] = r.plan.Map()
	}
	switch {
	case !c.inTx:
		meta["bookmark"] = newBookmark()
		c.state = stReady
	case len(c.results) == 0:
		c.state = stTxReady
	}
	return c.success(meta)
}

func (r *result) queryType() string {
	switch {
	case r.readOnly:
		return "r"
	case r.columns == 0:
		return "w"
	}
	return "rw"
}

// statsMap writes the update counters under Neo4j's names; nil when
// nothing changed.
func statsMap(s value.Stats) map[string]any {
	m := map[string]any{}
	for k, n := range map[string]int{
		"nodes-created": s.NodesCreated, "nodes-deleted": s.NodesDeleted,
		"relationships-created": s.RelationshipsCreated, "relationships-deleted": s.RelationshipsDeleted,
		"properties-set": s.PropertiesSet, "labels-added": s.LabelsAdded, "labels-removed": s.LabelsRemoved,
	} {
		if n != 0 {
			m[k] = int64(n)
		}
	}
	if len(m) == 0 {
		return nil
	}
	m["contains-updates"] = true
	return m
}
