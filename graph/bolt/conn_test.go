package bolt_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"reflect"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// rawClient speaks Bolt by hand, to send what drivers never do.
type rawClient struct {
	t  testing.TB
	nc net.Conn
	r  *bufio.Reader
}

func dialRaw(t testing.TB, addr string) *rawClient {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	_ = nc.SetDeadline(time.Now().Add(5 * time.Second))
	return &rawClient{t: t, nc: nc, r: bufio.NewReader(nc)}
}

func (c *rawClient) handshake() { c.handshakeMinor(4) }

// handshakeMinor negotiates exactly Bolt 5.minor.
func (c *rawClient) handshakeMinor(minor byte) {
	c.t.Helper()
	hs, _ := hex.DecodeString("6060B017" + "00000005" + "00000000" + "00000000" + "00000000")
	hs[6] = minor
	if _, err := c.nc.Write(hs); err != nil {
		c.t.Fatal(err)
	}
	var v [4]byte
	if _, err := io.ReadFull(c.r, v[:]); err != nil || v != [4]byte{0, 0, minor, 5} {
		c.t.Fatalf("handshake answer % X, %v", v, err)
	}
}

// send writes a message of tag and fields in one chunk.
func (c *rawClient) send(tag byte, fields ...any) {
	c.t.Helper()
	msg := []byte{0xB0 | byte(len(fields)), tag}
	for _, f := range fields {
		var err error
		if msg, err = bolt.Encode(msg, f); err != nil {
			c.t.Fatal(err)
		}
	}
	c.sendRaw(msg)
}

func (c *rawClient) sendRaw(msg []byte) {
	c.t.Helper()
	out := binary.BigEndian.AppendUint16(nil, uint16(len(msg)))
	out = append(append(out, msg...), 0, 0)
	if _, err := c.nc.Write(out); err != nil {
		c.t.Fatal(err)
	}
}

// recv reads one response and returns its tag and first field.
func (c *rawClient) recv() (byte, any, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(c.r, h[:]); err != nil {
			return 0, nil, err
		}
		n := int(binary.BigEndian.Uint16(h[:]))
		if n == 0 {
			break
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(c.r, b); err != nil {
			return 0, nil, err
		}
		msg = append(msg, b...)
	}
	if len(msg) < 2 {
		return 0, nil, errors.New("short response")
	}
	var f any
	if len(msg) > 2 {
		v, _, err := bolt.Decode(msg[2:])
		if err != nil {
			return 0, nil, err
		}
		f = v
	}
	return msg[1], f, nil
}

func (c *rawClient) expect(tag byte) any {
	c.t.Helper()
	got, f, err := c.recv()
	if err != nil || got != tag {
		c.t.Fatalf("response 0x%02X %v (%v), want 0x%02X", got, f, err, tag)
	}
	return f
}

// expectClosed checks that the server closes the connection.
func (c *rawClient) expectClosed() {
	c.t.Helper()
	for {
		if _, _, err := c.recv(); err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				c.t.Fatal("the server left the connection open")
			}
			return
		}
	}
}

func (c *rawClient) login() { c.loginMinor(4) }

// loginMinor negotiates Bolt 5.minor (5.1 or later) and logs in.
func (c *rawClient) loginMinor(minor byte) {
	c.t.Helper()
	c.handshakeMinor(minor)
	c.send(0x01, map[string]any{"user_agent": "raw/1"})
	c.expect(0x70)
	c.send(0x6A, map[string]any{"scheme": "basic", "principal": testUser, "credentials": testPassword})
	c.expect(0x70)
}

func TestHostileClients(t *testing.T) {
	addr := serve(t, embeddedtest.Open(t), func(c *bolt.Config) { c.MaxMessage = 1 << 10 })

	t.Run("garbage handshake", func(t *testing.T) {
		c := dialRaw(t, addr)
		if _, err := c.nc.Write([]byte("HELO garbage, not Bolt\r\n")); err != nil {
			t.Fatal(err)
		}
		if b, err := io.ReadAll(c.r); err != nil || len(b) != 0 {
			t.Errorf("the server did not close cleanly: %q %v", b, err)
		}
	})
	t.Run("HTTP without upgrade", func(t *testing.T) {
		c := dialRaw(t, addr)
		if _, err := c.nc.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(c.r)
		if err != nil || !bytes.HasPrefix(b, []byte("HTTP/1.1 426 ")) {
			t.Errorf("answer %q (%v), want 426 Upgrade Required and close", b, err)
		}
	})
	t.Run("no version in common", func(t *testing.T) {
		c := dialRaw(t, addr)
		hs, _ := hex.DecodeString("6060B017" + "00020404" + "00000003" + "00000000" + "00000000")
		c.nc.Write(hs)
		b, _ := io.ReadAll(c.r)
		if hex.EncodeToString(b) != "00000000" {
			t.Errorf("answer % X, want zeros then close", b)
		}
	})
	t.Run("RUN before authentication", func(t *testing.T) {
		c := dialRaw(t, addr)
		c.handshake()
		c.send(0x10, "RETURN 1", map[string]any{}, map[string]any{})
		f := c.expect(0x7F).(map[string]any)
		if f["code"] != "Neo.ClientError.Request.Invalid" {
			t.Errorf("failure %v", f)
		}
		c.expectClosed()
	})
	t.Run("oversized message", func(t *testing.T) {
		c := dialRaw(t, addr)
		c.login()
		big := make([]byte, 2<<10)
		c.sendRaw(big)
		c.expectClosed()
	})
	t.Run("not a structure", func(t *testing.T) {
		c := dialRaw(t, addr)
		c.login()
		c.sendRaw([]byte{0xC0})
		c.expect(0x7F)
		c.expectClosed()
	})
	t.Run("ignored until reset", func(t *testing.T) {
		c := dialRaw(t, addr)
		c.login()
		// Pipelined as drivers do: a failing RUN, then PULL and RUN, RESET, RUN.
		c.send(0x10, "RETURN 1 +", map[string]any{}, map[string]any{})
		c.send(0x3F, map[string]any{"n": int64(-1)})
		c.send(0x10, "RETURN 1", map[string]any{}, map[string]any{})
		c.send(0x0F)
		c.send(0x10, "RETURN 2 AS two", map[string]any{}, map[string]any{})
		c.send(0x3F, map[string]any{"n": int64(-1)})
		if f := c.expect(0x7F).(map[string]any); f["code"] != "Neo.ClientError.Statement.SyntaxError" {
			t.Errorf("failure %v", f)
		}
		c.expect(0x7E)
		c.expect(0x7E)
		c.expect(0x70)
		if f := c.expect(0x70).(map[string]any); len(f["fields"].([]any)) != 1 {
			t.Errorf("RUN success %v", f)
		}
		if rec := c.expect(0x71).([]any); rec[0] != int64(2) {
			t.Errorf("record %v", rec)
		}
		c.expect(0x70)
		c.send(0x54, int64(0)) // TELEMETRY shares Time's tag
		c.expect(0x70)
		c.send(0x02)
		c.expectClosed()
	})
}

func TestMaxConns(t *testing.T) {
	addr := serve(t, embeddedtest.Open(t), func(c *bolt.Config) { c.MaxConns = 1 })
	first := dialRaw(t, addr)
	first.login()
	second := dialRaw(t, addr)
	second.expectClosed()
	first.send(0x10, "RETURN 1", map[string]any{}, map[string]any{})
	first.expect(0x70)
}

// TestVersionChanges checks what Bolt 5.7 and 5.8 change against 5.6:
// FAILURE's GQL fields (neo4j_code instead of code) and the database in
// the SUCCESS of BEGIN and of an auto-commit RUN.
func TestVersionChanges(t *testing.T) {
	addr := serve(t, embeddedtest.Open(t), nil)
	for _, minor := range []byte{6, 7, 8} {
		t.Run(fmt.Sprintf("5.%d", minor), func(t *testing.T) {
			c := dialRaw(t, addr)
			c.loginMinor(minor)
			c.send(0x10, "RETURN 1", map[string]any{}, map[string]any{"db": "neo4j"})
			run := c.expect(0x70).(map[string]any)
			c.send(0x3F, map[string]any{"n": int64(-1)})
			c.expect(0x71)
			c.expect(0x70)
			c.send(0x11, map[string]any{})
			begin := c.expect(0x70).(map[string]any)
			if db, ok := begin["db"]; (minor >= 8) != ok || ok && db != "neo4j" {
				t.Errorf("BEGIN SUCCESS %v", begin)
			}
			if db, ok := run["db"]; (minor >= 8) != ok || ok && db != "neo4j" {
				t.Errorf("RUN SUCCESS %v", run)
			}
			c.send(0x10, "RETURN 1 +", map[string]any{}, map[string]any{})
			f := c.expect(0x7F).(map[string]any)
			want := map[string]any{"code": "Neo.ClientError.Statement.SyntaxError", "message": f["message"]}
			if minor >= 7 {
				want = map[string]any{"neo4j_code": "Neo.ClientError.Statement.SyntaxError", "message": f["message"],
					"gql_status": "42001", "description": "error: syntax error or access rule violation - invalid syntax",
					"diagnostic_record": map[string]any{"OPERATION": "", "OPERATION_CODE": "0", "CURRENT_SCHEMA": "/", "_classification": "CLIENT_ERROR"}}
			}
			if !reflect.DeepEqual(f, want) {
				t.Errorf("FAILURE %v\nwant %v", f, want)
			}
		})
	}
}
