package bolt_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/bolt/bolttest"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// dialWS opens a WebSocket to url with the Origin header origin (none
// when empty) and returns a raw Bolt client over its binary messages, or
// the refusal's HTTP status.
func dialWS(t testing.TB, url, origin string, client *http.Client) (*rawClient, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	opts := &websocket.DialOptions{HTTPHeader: http.Header{}, HTTPClient: client}
	if origin != "" {
		opts.HTTPHeader.Set("Origin", origin)
	}
	ws, resp, err := websocket.Dial(ctx, url, opts)
	if err != nil {
		if resp == nil {
			t.Fatalf("dial %s: %v", url, err)
		}
		return nil, resp.StatusCode
	}
	nc := websocket.NetConn(context.Background(), ws, websocket.MessageBinary)
	t.Cleanup(func() { nc.Close() })
	_ = nc.SetDeadline(time.Now().Add(5 * time.Second))
	return &rawClient{t: t, nc: nc, r: bufio.NewReader(nc)}, resp.StatusCode
}

// splitConn writes each Write as messages of at most n bytes, so that
// Bolt chunks straddle WebSocket messages.
type splitConn struct {
	net.Conn
	n int
}

func (c splitConn) Write(p []byte) (int, error) {
	for i := 0; i < len(p); i += c.n {
		if _, err := c.Conn.Write(p[i:min(i+c.n, len(p))]); err != nil {
			return i, err
		}
	}
	return len(p), nil
}

// returnOne runs RETURN 1 on a logged-in client and checks the record.
func (c *rawClient) returnOne() {
	c.t.Helper()
	c.send(0x10, "RETURN 1 AS one", map[string]any{}, map[string]any{})
	c.send(0x3F, map[string]any{"n": int64(-1)})
	c.expect(0x70)
	if rec := c.expect(0x71).([]any); rec[0] != int64(1) {
		c.t.Errorf("record %v", rec)
	}
	c.expect(0x70)
}

func TestWebSocket(t *testing.T) {
	addr := serve(t, embeddedtest.Open(t), func(c *bolt.Config) {
		c.AllowOrigins = []string{"https://browser.neo4j.io/"}
	})
	port := addr[strings.LastIndex(addr, ":"):]
	toServer := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		},
	}}
	t.Run("byte stream", func(t *testing.T) {
		c, _ := dialWS(t, "ws://"+addr, "", nil)
		c.nc = splitConn{c.nc, 3} // handshake and chunks cut across messages
		c.login()
		c.returnOne()
		// Several whole messages in one WebSocket message, as drivers
		// pipeline them.
		var batch []byte
		for _, m := range [][]byte{
			{0xB3, 0x10, 0x88, 'R', 'E', 'T', 'U', 'R', 'N', ' ', '2', 0xA0, 0xA0},
			{0xB1, 0x3F, 0xA1, 0x81, 'n', 0xFF},
		} {
			batch = binary.BigEndian.AppendUint16(batch, uint16(len(m)))
			batch = append(append(batch, m...), 0, 0)
		}
		if _, err := c.nc.(splitConn).Conn.Write(batch); err != nil {
			t.Fatal(err)
		}
		c.expect(0x70)
		if rec := c.expect(0x71).([]any); rec[0] != int64(2) {
			t.Errorf("record %v", rec)
		}
		c.expect(0x70)
		c.send(0x02)
		c.expectClosed()
	})
	for _, tc := range []struct {
		origin string
		status int
	}{
		{"", http.StatusSwitchingProtocols},
		{"http://127.0.0.1:7480", http.StatusSwitchingProtocols},
		{"http://localhost:7480", http.StatusSwitchingProtocols},
		{"http://[::1]:8080", http.StatusSwitchingProtocols},
		{"https://browser.neo4j.io", http.StatusSwitchingProtocols},
		{"https://evil.example", http.StatusForbidden},
		{"http://localhost.evil.example", http.StatusForbidden},
		{"null", http.StatusForbidden},
		// A DNS-rebinding page: its origin's host is the request's Host,
		// which resolves to the server.
		{"http://rebind.example" + port, http.StatusForbidden},
	} {
		t.Run("origin "+tc.origin, func(t *testing.T) {
			c, status := dialWS(t, "ws://rebind.example"+port, tc.origin, toServer)
			if status != tc.status {
				t.Fatalf("status %d, want %d", status, tc.status)
			}
			if c != nil {
				c.login()
				c.returnOne()
			}
		})
	}
}

func TestWebSocketBounded(t *testing.T) {
	addr := serve(t, embeddedtest.Open(t), func(c *bolt.Config) { c.MaxConns = 1 })
	ws, _ := dialWS(t, "ws://"+addr, "", nil)
	ws.login()
	dialRaw(t, addr).expectClosed() // the WebSocket holds the only slot
	ws.returnOne()
}

func TestBadOrigins(t *testing.T) {
	for _, o := range []string{"browser.neo4j.io", "https://x.io/path", "https://", "http://x.io?q"} {
		if _, err := bolt.New(bolt.Config{Store: embeddedtest.Open(t), NoAuth: true, AllowOrigins: []string{o}}); err == nil {
			t.Errorf("origin %q accepted", o)
		}
	}
}

func TestTLS(t *testing.T) {
	cert := bolttest.NewCert(t)
	certFile, keyFile, _ := cert.WriteFiles(t, t.TempDir())
	tlsCfg, err := bolt.LoadTLS(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	addr := serve(t, embeddedtest.Open(t), func(c *bolt.Config) { c.TLS = tlsCfg })
	port := addr[strings.LastIndex(addr, ":"):]
	ctx := context.Background()
	for _, uri := range []string{"bolt+s://localhost" + port, "neo4j+s://localhost" + port, "bolt+ssc://" + addr} {
		t.Run(uri, func(t *testing.T) {
			d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(testUser, testPassword, ""), func(c *config.Config) {
				c.TlsConfig = &tls.Config{RootCAs: cert.Pool, MinVersion: tls.VersionTLS12}
			})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close(ctx)
			res, err := neo4j.ExecuteQuery(ctx, d, "RETURN 1 AS one", nil, neo4j.EagerResultTransformer)
			if err != nil || res.Records[0].Values[0] != int64(1) {
				t.Fatalf("RETURN 1: %v %v", res, err)
			}
		})
	}
	t.Run("wss", func(t *testing.T) {
		c, _ := dialWS(t, "wss://localhost"+port, "http://localhost:7480",
			&http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: cert.Pool, MinVersion: tls.VersionTLS12}}})
		c.login()
		c.returnOne()
	})
	t.Run("an untrusted certificate fails", func(t *testing.T) {
		d := connect(t, "bolt+s://localhost"+port, testPassword)
		if err := d.VerifyConnectivity(ctx); err == nil {
			t.Fatal("a certificate from an unknown CA was trusted")
		}
	})
	t.Run("plaintext is refused", func(t *testing.T) {
		d := connect(t, "bolt://"+addr, testPassword)
		if err := d.VerifyConnectivity(ctx); err == nil {
			t.Fatal("plain Bolt connected to a TLS server")
		}
		c := dialRaw(t, addr)
		c.nc.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
		c.expectClosed()
	})
}

func TestLoadTLSErrors(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, _ := bolttest.NewCert(t).WriteFiles(t, dir)
	other := t.TempDir()
	_, otherKey, _ := bolttest.NewCert(t).WriteFiles(t, other)
	for _, tc := range []struct{ name, cert, key, want string }{
		{"missing", filepath.Join(dir, "nope.crt"), keyFile, "no such file"},
		{"not PEM", keyFile, keyFile, "certificate"},
		{"mismatched", certFile, otherKey, "does not match"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bolt.LoadTLS(tc.cert, tc.key)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("LoadTLS: %v, want one line with %q", err, tc.want)
			}
		})
	}
}

// TestWebSocketTimeouts: a WebSocket client that leaves a write
// transaction idle is closed and its transaction rolled back, as a TCP
// client is; so is one still connected when the server closes.
func TestWebSocketTimeouts(t *testing.T) {
	store := embeddedtest.Open(t)
	addr := serve(t, store, func(c *bolt.Config) { c.TxIdleTimeout = 100 * time.Millisecond })
	idle, _ := dialWS(t, "ws://"+addr, "", nil)
	idle.beginWrite("CREATE (:Person {id: 'idle'})")
	idle.expectClosed()

	srv, err := bolt.New(bolt.Config{Store: store, NoAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	open, _ := dialWS(t, "ws://"+ln.Addr().String(), "", nil)
	open.beginWrite("CREATE (:Person {id: 'open'})")
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return with a WebSocket client in a transaction")
	}
	open.expectClosed()
	res, err := store.Query(context.Background(), "MATCH (n:Person) RETURN count(n)", nil)
	if err != nil || res.Rows[0][0] != int64(0) {
		t.Fatalf("people after both rollbacks: %v %v", res.Rows, err)
	}
}

// TestWebSocketHostile: what a WebSocket client may send wrongly ends its
// connection, not the server.
func TestWebSocketHostile(t *testing.T) {
	addr := serve(t, embeddedtest.Open(t), func(c *bolt.Config) { c.MaxMessage = 1 << 10 })
	t.Run("text message", func(t *testing.T) {
		ctx := context.Background()
		ws, _, err := websocket.Dial(ctx, "ws://"+addr, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.CloseNow()
		if err := ws.Write(ctx, websocket.MessageText, []byte("RETURN 1")); err != nil {
			t.Fatal(err)
		}
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if _, _, err := ws.Read(rctx); errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("the server left the connection open: %v", err)
		}
	})
	t.Run("oversized message", func(t *testing.T) {
		c, _ := dialWS(t, "ws://"+addr, "", nil)
		c.login()
		c.sendRaw(make([]byte, 2<<10))
		c.expectClosed()
	})
	t.Run("bad HTTP", func(t *testing.T) {
		c := dialRaw(t, addr)
		c.nc.Write([]byte("GET nonsense\r\n\r\n"))
		b, err := io.ReadAll(c.r)
		if err != nil || !bytes.HasPrefix(b, []byte("HTTP/1.1 400 ")) {
			t.Errorf("answer %q (%v), want 400 and close", b, err)
		}
	})
	// The server still serves.
	c, _ := dialWS(t, "ws://"+addr, "", nil)
	c.login()
	c.returnOne()
}
