package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/kgnews/kg/graph/bolt/bolttest"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/queries"
)

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs `kg serve` in-process until the returned stop is called
// (as SIGINT would cancel main's context), and waits until it accepts
// Bolt clients. The explorer is off unless args give --http.
func startServe(t *testing.T, args ...string) (addr string, stop func() (int, string)) {
	t.Helper()
	if !slices.Contains(args, "--http") {
		args = append(args, "--http", "")
	}
	return startListening(t, "--bolt", args...)
}

// startListening runs `kg ARGS… FLAG ADDR` in-process, ADDR a free
// loopback address, until the returned stop is called, and waits until
// it accepts connections at ADDR.
func startListening(t *testing.T, flag string, args ...string) (addr string, stop func() (int, string)) {
	t.Helper()
	addr = freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stderr lockedBuffer
	codec := make(chan int, 1)
	full := append([]string{"kg"}, args...)
	full = append(full, flag, addr)
	go func() { codec <- run(ctx, full, strings.NewReader(""), &bytes.Buffer{}, &stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		select {
		case code := <-codec:
			cancel()
			t.Fatalf("kg serve exited with %d: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("kg serve did not listen at %s: %s", addr, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	var once sync.Once
	var code int
	stop = func() (int, string) {
		once.Do(func() { cancel(); code = <-codec })
		return code, stderr.String()
	}
	t.Cleanup(func() { stop() })
	return addr, stop
}

// TestServeSavedQuery serves the seeds graph and runs a saved query with
// parameters through the Neo4j driver: the rows equal the embedded store's
// in-process answer.
func TestServeSavedQuery(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "kg.db")
	if code, _, stderr := kg(t, "", "--db", db, "ingest", seedsDir(t)); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	q, ok := queries.Default().Get("linking")
	if !ok {
		t.Fatal("no saved query linking")
	}
	params, err := q.Bind(map[string]string{"a": "Iran", "b": "China"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := embedded.Open(db, &embedded.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.QueryTyped(ctx, q.Body, params)
	s.Close()
	if err != nil || len(want.Rows) == 0 {
		t.Fatalf("in-process: %d rows, %v", len(want.Rows), err)
	}

	addr, stop := startServe(t, "--db", db, "--neo4j-password", "pw", "serve", "--read-only")
	d, err := neo4j.NewDriverWithContext("neo4j://"+addr, neo4j.BasicAuth("neo4j", "pw", ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	got, err := neo4j.ExecuteQuery(ctx, d, q.Body, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Keys, want.Columns) {
		t.Errorf("columns %v, want %v", got.Keys, want.Columns)
	}
	if len(got.Records) != len(want.Rows) {
		t.Fatalf("%d records over Bolt, %d in-process", len(got.Records), len(want.Rows))
	}
	for i, rec := range got.Records {
		if !reflect.DeepEqual(rec.Values, want.Rows[i]) {
			t.Errorf("row %d over Bolt: %v\nin-process: %v", i, rec.Values, want.Rows[i])
		}
	}
	// A write is refused on a read-only server.
	_, err = neo4j.ExecuteQuery(ctx, d, "CREATE (:X {id: 'x'})", nil, neo4j.EagerResultTransformer)
	var ne *neo4j.Neo4jError
	if !errors.As(err, &ne) || ne.Code != "Neo.ClientError.Statement.AccessMode" {
		t.Errorf("write on --read-only: %v", err)
	}
	if code, stderr := stop(); code != 0 || !strings.Contains(stderr, "stopped") {
		t.Errorf("stop: exit %d, stderr %q", code, stderr)
	}
}

// TestServeAuth: a wrong password is refused; credentials are required
// unless --no-auth.
func TestServeAuth(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "kg.db")
	t.Setenv("NEO4J_PASSWORD", "")
	if code, _, stderr := kg(t, "", "--db", db, "serve", "--bolt", freeAddr(t), "--http", ""); code != exitUsage || !strings.Contains(stderr, "--no-auth") {
		t.Errorf("serve without a password: exit %d, %q", code, stderr)
	}
	// on Neo4j kg serve serves the explorer alone: an unreachable server
	// is one line and exit status 4
	if code, _, stderr := kg(t, "", "--db", db, "--neo4j-uri", "bolt://x:7687", "serve", "--no-auth", "--http", freeAddr(t)); code != exitStore ||
		!strings.Contains(stderr, "cannot reach Neo4j") || strings.Count(stderr, "kg: error:") != 1 {
		t.Errorf("serve of an unreachable Neo4j: exit %d, %q", code, stderr)
	}
	addr, _ := startServe(t, "--db", db, "--neo4j-username", "reader", "--neo4j-password", "right", "serve")
	for _, tt := range []struct {
		user, pass string
		ok         bool
	}{{"reader", "right", true}, {"reader", "wrong", false}, {"neo4j", "right", false}} {
		d, err := neo4j.NewDriverWithContext("bolt://"+addr, neo4j.BasicAuth(tt.user, tt.pass, ""))
		if err != nil {
			t.Fatal(err)
		}
		err = d.VerifyConnectivity(ctx)
		d.Close(ctx)
		var ne *neo4j.Neo4jError
		switch {
		case tt.ok && err != nil:
			t.Errorf("%s/%s refused: %v", tt.user, tt.pass, err)
		case !tt.ok && (!errors.As(err, &ne) || ne.Code != "Neo.ClientError.Security.Unauthorized"):
			t.Errorf("%s/%s: %v, want Unauthorized", tt.user, tt.pass, err)
		}
	}
}

// TestServeNeo4jAgent checks that --neo4j-agent announces Neo4j, as
// cypher-shell's Java driver requires, and that the default is kg's own.
func TestServeNeo4jAgent(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		flags []string
		want  string
	}{
		{nil, "kg/"},
		{[]string{"--neo4j-agent"}, "Neo4j/5.26.0 (kg/"},
	} {
		db := filepath.Join(t.TempDir(), "kg.db")
		addr, stop := startServe(t, append([]string{"--db", db, "serve", "--no-auth"}, tc.flags...)...)
		d, err := neo4j.NewDriverWithContext("bolt://"+addr, neo4j.NoAuth())
		if err != nil {
			t.Fatal(err)
		}
		info, err := d.GetServerInfo(ctx)
		d.Close(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(info.Agent(), tc.want) {
			t.Errorf("%v: agent %q, want it to start with %q", tc.flags, info.Agent(), tc.want)
		}
		if code, out := stop(); code != 0 {
			t.Fatalf("kg serve exited with %d: %s", code, out)
		}
	}
}

// TestServeTLSAndOrigins: --tls-cert/--tls-key serve bolt+s:// and wss://
// on the one port, unusable files fail with one line, and --allow-origin
// admits a web origin that is refused by default.
func TestServeTLSAndOrigins(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "kg.db")
	cert := bolttest.NewCert(t)
	certFile, keyFile, _ := cert.WriteFiles(t, t.TempDir())
	_, otherKey, _ := bolttest.NewCert(t).WriteFiles(t, t.TempDir())
	for _, tc := range []struct {
		name  string
		flags []string
		want  string
	}{
		{"unreadable", []string{"--tls-cert", certFile + ".missing", "--tls-key", keyFile}, "no such file"},
		{"mismatched", []string{"--tls-cert", certFile, "--tls-key", otherKey}, "does not match"},
		{"half", []string{"--tls-cert", certFile}, "go together"},
		{"bad origin", []string{"--allow-origin", "browser.neo4j.io"}, "scheme://host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--db", db, "serve", "--no-auth", "--bolt", freeAddr(t)}, tc.flags...)
			code, _, stderr := kg(t, "", args...)
			first, _, _ := strings.Cut(stderr, "\n")
			if code != exitUsage || !strings.Contains(first, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q on the first line", code, stderr, exitUsage, tc.want)
			}
		})
	}

	addr, stop := startServe(t, "--db", db, "serve", "--no-auth", "--tls-cert", certFile, "--tls-key", keyFile,
		"--allow-origin", "https://browser.neo4j.io")
	port := addr[strings.LastIndex(addr, ":"):]
	tlsCfg := &tls.Config{RootCAs: cert.Pool, MinVersion: tls.VersionTLS12}
	d, err := neo4j.NewDriverWithContext("neo4j+s://localhost"+port, neo4j.NoAuth(), func(c *config.Config) { c.TlsConfig = tlsCfg })
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	if err := d.VerifyConnectivity(ctx); err != nil {
		t.Fatalf("neo4j+s: %v", err)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsCfg}}
	for origin, want := range map[string]int{"https://browser.neo4j.io": http.StatusSwitchingProtocols, "https://evil.example": http.StatusForbidden} {
		ws, resp, err := websocket.Dial(ctx, "wss://localhost"+port, &websocket.DialOptions{
			HTTPClient: client, HTTPHeader: http.Header{"Origin": {origin}}})
		if ws != nil {
			ws.CloseNow()
		}
		if resp == nil || resp.StatusCode != want {
			t.Errorf("wss from %s: %v %v, want %d", origin, resp, err, want)
		}
	}
	if code, out := stop(); code != 0 || !strings.Contains(out, "bolt+s://") {
		t.Errorf("stop: exit %d, stderr %q", code, out)
	}
}
