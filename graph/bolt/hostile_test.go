package bolt_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// sessionStep is one message a fuzzed client may send, in any state.
type sessionStep struct {
	tag    byte
	fields []any
}

// sessionSteps is the vocabulary of FuzzSession: every request message,
// in valid and invalid forms, reads, writes, failures and large results.
var sessionSteps = []sessionStep{
	{0x01, []any{map[string]any{"user_agent": "fuzz/1"}}},                                                // HELLO
	{0x6A, []any{map[string]any{"scheme": "basic", "principal": testUser, "credentials": testPassword}}}, // LOGON
	{0x6A, []any{map[string]any{"scheme": "basic", "principal": testUser, "credentials": "wrong"}}},      // LOGON, refused
	{0x6B, nil},                                // LOGOFF
	{0x11, []any{map[string]any{}}},            // BEGIN (write)
	{0x11, []any{map[string]any{"mode": "r"}}}, // BEGIN read
	{0x10, []any{"RETURN 1 AS one", map[string]any{}, map[string]any{}}},                      // RUN
	{0x10, []any{"CREATE (:Fuzz {k: $k})", map[string]any{"k": int64(1)}, map[string]any{}}},  // RUN a write
	{0x10, []any{"MATCH (n) RETURN n", map[string]any{}, map[string]any{}}},                   // RUN nodes
	{0x10, []any{"RETURN 1 +", map[string]any{}, map[string]any{}}},                           // RUN, syntax error
	{0x10, []any{"UNWIND range(1, 20000) AS x RETURN x", map[string]any{}, map[string]any{}}}, // RUN, many rows
	{0x10, []any{"RETURN $missing", map[string]any{}, map[string]any{"mode": "r"}}},           // RUN, missing parameter
	{0x3F, []any{map[string]any{"n": int64(-1)}}},                                             // PULL all
	{0x3F, []any{map[string]any{"n": int64(1)}}},                                              // PULL one
	{0x3F, []any{map[string]any{"n": int64(1), "qid": int64(7)}}},                             // PULL, unknown qid
	{0x2F, []any{map[string]any{"n": int64(-1)}}},                                             // DISCARD
	{0x12, nil}, // COMMIT
	{0x13, nil}, // ROLLBACK
	{0x0F, nil}, // RESET
	{0x66, []any{map[string]any{}, []any{}, map[string]any{}}}, // ROUTE
	{0x54, []any{int64(1)}},                       // TELEMETRY
	{0x55, []any{"no such message"}},              // unknown tag
	{0x10, []any{int64(3)}},                       // RUN, wrong field types
	{0x11, []any{map[string]any{"db": "system"}}}, // BEGIN on system
	{0x10, []any{"SHOW DATABASES", map[string]any{}, map[string]any{"db": "system"}}},                                            // RUN on system
	{0x10, []any{"UNWIND range(1, 3) AS i CREATE (:Fuzz {i: i}) RETURN i", map[string]any{}, map[string]any{}}},                  // RUN, write with rows
	{0x10, []any{"MATCH (n:Fuzz) WITH count(n) AS c RETURN c", map[string]any{}, map[string]any{"mode": "r"}}},                   // RUN, read mode
	{0x10, []any{"CALL db.labels() YIELD label RETURN label", map[string]any{}, map[string]any{}}},                               // RUN, procedure
	{0x11, []any{map[string]any{"tx_timeout": int64(1)}}},                                                                        // BEGIN, 1 ms timeout
	{0x01, []any{map[string]any{"user_agent": "fuzz/1", "scheme": "basic", "principal": testUser, "credentials": testPassword}}}, // HELLO with auth (5.0)
}

// FuzzSession sends arbitrary sequences of request messages (in any order,
// in any connection state) and checks that the server answers each or
// closes the connection, never hangs or panics, and leaves the store
// usable: after the session, a new client commits a write transaction,
// which it could not if the session had kept the writer lock.
func FuzzSession(f *testing.F) {
	for _, seed := range [][]byte{
		{0, 1, 6, 12},               // hello, logon, run, pull
		{0, 1, 4, 7, 12, 16},        // a committed write transaction
		{0, 1, 4, 7, 12},            // left open: GOODBYE must roll back
		{0, 1, 4, 9, 12, 16, 18, 6}, // failure, ignored, reset
		{0, 1, 10, 13, 13, 15, 12},  // partial pulls, discard
		{6, 4, 16},                  // before authentication
		{0, 2, 1, 3, 1, 6, 12},      // refused logon, logoff
		{0, 1, 28, 10, 12, 16},      // transaction timeout
		{0, 1, 5, 7, 12, 17},        // write in a read transaction
		{29, 23, 24, 12, 16},        // 5.0 HELLO, system database
	} {
		f.Add(seed)
	}
	s := embeddedtest.Open(f)
	addr := serve(f, s, func(c *bolt.Config) {
		c.MaxMessage = 1 << 16
		c.TxIdleTimeout = 2 * time.Second
	})
	f.Fuzz(func(t *testing.T, script []byte) {
		if len(script) > 64 {
			script = script[:64]
		}
		c := dialRaw(t, addr)
		c.handshake()
		for _, b := range script {
			st := sessionSteps[int(b)%len(sessionSteps)]
			if !c.trySend(st.tag, st.fields...) {
				break // the server closed the connection: it may
			}
		}
		c.trySend(0x02) // GOODBYE
		for {
			if _, _, err := c.recv(); err != nil {
				var ne net.Error
				if errors.As(err, &ne) && ne.Timeout() {
					t.Fatalf("script % X: the server neither answered nor closed", script)
				}
				break
			}
		}
		after := dialRaw(t, addr)
		after.beginWrite("CREATE (:FuzzCheck)")
		after.send(0x12)
		after.expect(0x70)
	})
}

// trySend is send that reports a closed connection instead of failing.
func (c *rawClient) trySend(tag byte, fields ...any) bool {
	msg := []byte{0xB0 | byte(len(fields)), tag}
	for _, f := range fields {
		var err error
		if msg, err = bolt.Encode(msg, f); err != nil {
			c.t.Fatal(err)
		}
	}
	out := []byte{byte(len(msg) >> 8), byte(len(msg))}
	out = append(append(out, msg...), 0, 0)
	_, err := c.nc.Write(out)
	return err == nil
}

// TestManySessions opens 500 authenticated connections at once, each
// running a query, and reports the memory they take; when they close, the
// server's goroutines go away.
func TestManySessions(t *testing.T) {
	const sessions = 500
	s := embeddedtest.Open(t)
	if _, err := s.Query(context.Background(), "UNWIND range(1, 50) AS i CREATE (:P {i: i})", nil); err != nil {
		t.Fatal(err)
	}
	addr := serve(t, s, func(c *bolt.Config) { c.MaxConns = sessions + 10 })
	runtime.GC()
	baseG := runtime.NumGoroutine()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	clients := make([]*rawClient, sessions)
	var wg sync.WaitGroup
	errs := make(chan error, sessions)
	for i := range clients {
		clients[i] = dialRaw(t, addr)
		c := clients[i]
		c.handshake()
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- c.queryCount(i)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	var open runtime.MemStats
	runtime.ReadMemStats(&open)
	perConn := (int64(open.HeapInuse) - int64(before.HeapInuse)) / sessions
	t.Logf("%d open sessions: heap in use %.1f MB → %.1f MB, %d KB per connection (client and server side), %d goroutines",
		sessions, float64(before.HeapInuse)/1e6, float64(open.HeapInuse)/1e6, perConn>>10, runtime.NumGoroutine()-baseG)
	// The server keeps a buffered reader and writer and one goroutine per
	// connection; a megabyte each would mean results or buffers retained.
	if perConn > 1<<20 {
		t.Errorf("each open session holds %d KB of heap", perConn>>10)
	}
	for _, c := range clients {
		c.send(0x02)
		c.nc.Close()
	}
	// The server's connection goroutines end once their clients are gone.
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > baseG+5 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > baseG+5 {
		t.Errorf("%d goroutines remain after the clients left, %d before", g, baseG)
	}
}

// queryCount logs in and counts the :P nodes, plus i. It returns errors
// instead of failing the test, since it runs on its own goroutine.
func (c *rawClient) queryCount(i int) error {
	for _, step := range []struct {
		tag    byte
		fields []any
		want   []byte
	}{
		{0x01, []any{map[string]any{"user_agent": "raw/1"}}, []byte{0x70}},
		{0x6A, []any{map[string]any{"scheme": "basic", "principal": testUser, "credentials": testPassword}}, []byte{0x70}},
		{0x10, []any{"MATCH (p:P) RETURN count(p) + $i AS n", map[string]any{"i": int64(i)}, map[string]any{}}, []byte{0x70}},
		{0x3F, []any{map[string]any{"n": int64(-1)}}, []byte{0x71, 0x70}},
	} {
		if !c.trySend(step.tag, step.fields...) {
			return fmt.Errorf("session %d: the server closed the connection", i)
		}
		for _, want := range step.want {
			tag, f, err := c.recv()
			if err != nil || tag != want {
				return fmt.Errorf("session %d: response 0x%02X %v (%v), want 0x%02X", i, tag, f, err, want)
			}
			if rec, ok := f.([]any); tag == 0x71 && (!ok || len(rec) != 1 || rec[0] != int64(50+i)) {
				return fmt.Errorf("session %d: record %v, want %d", i, f, 50+i)
			}
		}
	}
	return nil
}

// TestHalfOpenClients: a client that connects and sends nothing, one that
// stops halfway through the handshake, and one that vanishes holding a
// write transaction neither hold the server: the handshake times out, and
// the vanished writer's transaction is rolled back, its lock released.
func TestHalfOpenClients(t *testing.T) {
	t.Parallel() // waits out the handshake timeout
	s := embeddedtest.Open(t)
	addr := serve(t, s, nil)

	silent := dialRaw(t, addr)
	half := dialRaw(t, addr)
	if _, err := half.nc.Write([]byte{0x60, 0x60}); err != nil {
		t.Fatal(err)
	}
	writer := dialRaw(t, addr)
	writer.beginWrite("CREATE (:Vanished)")
	writer.nc.Close()

	// The writer lock is free again: a new write transaction commits.
	next := dialRaw(t, addr)
	next.beginWrite("CREATE (:After)")
	next.send(0x12)
	next.expect(0x70)
	next.send(0x10, "OPTIONAL MATCH (v:Vanished) OPTIONAL MATCH (a:After) RETURN count(v), count(a)", map[string]any{}, map[string]any{})
	next.send(0x3F, map[string]any{"n": int64(-1)})
	next.expect(0x70)
	if rec := next.expect(0x71).([]any); rec[0] != int64(0) || rec[1] != int64(1) {
		t.Errorf("after the vanished writer: %v, want its node rolled back and the next one committed", rec)
	}
	_ = silent.nc.SetDeadline(time.Now().Add(15 * time.Second))
	_ = half.nc.SetDeadline(time.Now().Add(15 * time.Second))
	silent.expectClosed() // after the handshake timeout
	half.expectClosed()
}
