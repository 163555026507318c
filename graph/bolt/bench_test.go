package bolt_test

import (
	"context"
	"testing"

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
