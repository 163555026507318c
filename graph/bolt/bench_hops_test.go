package bolt_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// hopsStore is a store of 2,000 :P nodes in a ring with chords: each node
// has edges to the next and to the one 37 further, so a 2-hop expansion
// from any node reaches 4 paths.
func hopsStore(b *testing.B) *embedded.Store {
	s := embeddedtest.Open(b)
	_, err := s.Query(context.Background(), `
		UNWIND range(0, 1999) AS i CREATE (:P {id: toString(i), n: i})
		WITH count(*) AS made
		MATCH (a:P), (b:P) WHERE b.n = (a.n + 1) % 2000 OR b.n = (a.n + 37) % 2000
		CREATE (a)-[:R]->(b)`, nil)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

const twoHops = "MATCH (a:P {id: $id})-[:R]->()-[:R]->(c) RETURN count(c) AS n"

// BenchmarkTwoHops measures a 2-hop expansion from a node found by
// property, over Bolt (Go driver, loopback) and in-process.
func BenchmarkTwoHops(b *testing.B) {
	ctx := context.Background()
	s := hopsStore(b)
	b.Run("in-process", func(b *testing.B) {
		i := 0
		for b.Loop() {
			res, err := s.QueryTyped(ctx, twoHops, map[string]any{"id": strconv.Itoa(i % 2000)})
			if err != nil || res.Rows[0][0] != int64(4) {
				b.Fatal(res, err)
			}
			i++
		}
	})
	b.Run("bolt", func(b *testing.B) {
		d := connect(b, "bolt://"+serve(b, s, nil), testPassword)
		sess := d.NewSession(ctx, neo4j.SessionConfig{})
		defer sess.Close(ctx)
		i := 0
		for b.Loop() {
			res, err := sess.Run(ctx, twoHops, map[string]any{"id": strconv.Itoa(i % 2000)})
			if err != nil {
				b.Fatal(err)
			}
			rec, err := res.Single(ctx)
			if err != nil || rec.Values[0] != int64(4) {
				b.Fatal(rec, err)
			}
			i++
		}
	})
}

// BenchmarkQPS runs simple queries from parallel sessions (GOMAXPROCS
// goroutines times -cpu, one driver with its connection pool) and reports
// queries per second: RETURN 1 and the 2-hop query.
func BenchmarkQPS(b *testing.B) {
	ctx := context.Background()
	s := hopsStore(b)
	d := connect(b, "bolt://"+serve(b, s, nil), testPassword)
	if err := d.VerifyConnectivity(ctx); err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, query string }{{"return-1", "RETURN 1 AS n"}, {"two-hops", twoHops}} {
		b.Run(q.name, func(b *testing.B) {
			b.SetParallelism(4)
			b.RunParallel(func(pb *testing.PB) {
				sess := d.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
				defer sess.Close(ctx)
				i := 0
				for pb.Next() {
					res, err := sess.Run(ctx, q.query, map[string]any{"id": strconv.Itoa(i % 2000)})
					if err == nil {
						_, err = res.Single(ctx)
					}
					if err != nil {
						b.Error(err)
						return
					}
					i++
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "queries/s")
		})
	}
}
