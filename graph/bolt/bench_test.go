package bolt_test

import (
	"context"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// BenchmarkReturnOne measures the round trip of RETURN 1 over Bolt on
// loopback (auto-commit RUN + PULL through the Go driver) against the same
// query in-process, so that the difference is what Bolt adds.
func BenchmarkReturnOne(b *testing.B) {
	ctx := context.Background()
	s := embeddedtest.Open(b)
	b.Run("in-process", func(b *testing.B) {
		for b.Loop() {
			res, err := s.QueryTyped(ctx, "RETURN 1", nil)
			if err != nil || res.Rows[0][0] != int64(1) {
				b.Fatal(res, err)
			}
		}
	})
	b.Run("bolt", func(b *testing.B) {
		d := connect(b, "bolt://"+serve(b, s, nil), testPassword)
		sess := d.NewSession(ctx, neo4j.SessionConfig{})
		defer sess.Close(ctx)
		for b.Loop() {
			res, err := sess.Run(ctx, "RETURN 1", nil)
			if err != nil {
				b.Fatal(err)
			}
			rec, err := res.Single(ctx)
			if err != nil || rec.Values[0] != int64(1) {
				b.Fatal(rec, err)
			}
		}
	})
}

// BenchmarkReturnOneTransport compares the round trip of RETURN 1 (RUN and
// PULL in one write, as drivers pipeline them) over plain Bolt and over
// Bolt in WebSocket messages, with the same hand-written client, so that
// the difference is what the WebSocket framing adds.
func BenchmarkReturnOneTransport(b *testing.B) {
	addr := serve(b, embeddedtest.Open(b), nil)
	for _, tc := range []struct {
		name string
		dial func() *rawClient
	}{
		{"bolt", func() *rawClient { return dialRaw(b, addr) }},
		{"websocket", func() *rawClient { c, _ := dialWS(b, "ws://"+addr, "", nil); return c }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c := tc.dial()
			c.login()
			var req []byte
			for _, m := range [][]byte{
				{0xB3, 0x10, 0x88, 'R', 'E', 'T', 'U', 'R', 'N', ' ', '1', 0xA0, 0xA0},
				{0xB1, 0x3F, 0xA1, 0x81, 'n', 0xFF},
			} {
				req = append(req, 0, byte(len(m)))
				req = append(append(req, m...), 0, 0)
			}
			for b.Loop() {
				_ = c.nc.SetDeadline(time.Now().Add(5 * time.Second))
				if _, err := c.nc.Write(req); err != nil {
					b.Fatal(err)
				}
				for _, want := range []byte{0x70, 0x71, 0x70} {
					if tag, _, err := c.recv(); err != nil || tag != want {
						b.Fatalf("response 0x%02X (%v), want 0x%02X", tag, err, want)
					}
				}
			}
		})
	}
}
