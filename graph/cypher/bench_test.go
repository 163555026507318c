package cypher_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

const (
	benchNodes = 200_000
	benchRels  = 1_000_000
)

var (
	benchOnce  sync.Once
	benchGraph *memgraph.Graph
)

// bigGraph generates 200,000 :Actor nodes {id, name, score} in a ring and
// 1,000,000 relationships: each node i links to i+1 (:NEXT, the ring) and to
// four pseudo-random nodes (:KNOWS), so distant nodes stay reachable.
func bigGraph(b *testing.B) *memgraph.Graph {
	benchOnce.Do(func() {
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g := memgraph.New()
		for i := int64(0); i < benchNodes; i++ {
			props := map[string]any{"id": i, "name": fmt.Sprintf("actor-%d", i), "score": i % 100}
			if err := g.LoadNode(i, []string{"Actor"}, props); err != nil {
				b.Fatal(err)
			}
		}
		x := uint64(88172645463325252)
		rid := int64(0)
		for i := int64(0); i < benchNodes; i++ {
			if err := g.LoadRelationship(rid, "NEXT", i, (i+1)%benchNodes, nil); err != nil {
				b.Fatal(err)
			}
			rid++
			for k := 0; k < benchRels/benchNodes-1; k++ {
				x ^= x << 13
				x ^= x >> 7
				x ^= x << 17
				if err := g.LoadRelationship(rid, "KNOWS", i, int64(x%benchNodes), map[string]any{"w": int64(k)}); err != nil {
					b.Fatal(err)
				}
				rid++
			}
		}
		var after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.Logf("graph: %d nodes, %d relationships, heap %.0f MB (%.0f MB per million relationships incl. nodes)",
			g.NodeCount(), g.RelationshipCount(), float64(after.HeapAlloc-before.HeapAlloc)/1e6,
			float64(after.HeapAlloc-before.HeapAlloc)/1e6/(float64(g.RelationshipCount())/1e6))
		benchGraph = g
	})
	return benchGraph
}

func benchQuery(b *testing.B, query string, params map[string]any) {
	benchQueryWith(b, query, params, cypher.Options{})
}

func benchQueryWith(b *testing.B, query string, params map[string]any, opts cypher.Options) {
	g := bigGraph(b)
	st, err := cypher.ParseWith(query, opts)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := st.Run(ctx, g, params); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLabelScanFilter(b *testing.B) {
	benchQuery(b, `MATCH (n:Actor) WHERE n.score = 42 RETURN count(n)`, nil)
}

func BenchmarkExpand1Hop(b *testing.B) {
	benchQuery(b, `MATCH (a:Actor {id: $id})-[:KNOWS]->(b) RETURN b.name`, map[string]any{"id": int64(12345)})
}

func BenchmarkExpand2Hop(b *testing.B) {
	benchQuery(b, `MATCH (a:Actor {id: $id})-[:KNOWS]->()-[:KNOWS]->(c) RETURN c.name`, map[string]any{"id": int64(12345)})
}

// BenchmarkExpand2HopBudget is BenchmarkExpand2Hop under a memory budget,
// to show what the accounting costs.
func BenchmarkExpand2HopBudget(b *testing.B) {
	benchQueryWith(b, `MATCH (a:Actor {id: $id})-[:KNOWS]->()-[:KNOWS]->(c) RETURN c.name`, map[string]any{"id": int64(12345)},
		cypher.Options{MaxMemory: 512 << 20})
}

// BenchmarkAggregateAllNodesBudget is BenchmarkAggregateAllNodes under a
// memory budget.
func BenchmarkAggregateAllNodesBudget(b *testing.B) {
	benchQueryWith(b, `MATCH (n:Actor) RETURN n.score % 10 AS k, count(*), avg(n.score) ORDER BY k`, nil,
		cypher.Options{MaxMemory: 512 << 20})
}

func BenchmarkExpand3Hop(b *testing.B) {
	benchQuery(b, `MATCH (a:Actor {id: $id})-[:KNOWS]->()-[:KNOWS]->()-[:KNOWS]->(c) RETURN count(DISTINCT c)`, map[string]any{"id": int64(12345)})
}

func BenchmarkShortestPath(b *testing.B) {
	benchQuery(b, `MATCH (a:Actor {id: $a}), (z:Actor {id: $z}) MATCH p = shortestPath((a)-[*..12]-(z)) RETURN length(p)`,
		map[string]any{"a": int64(0), "z": int64(benchNodes / 2)})
}

func BenchmarkAggregateAllNodes(b *testing.B) {
	benchQuery(b, `MATCH (n:Actor) RETURN n.score % 10 AS k, count(*), avg(n.score) ORDER BY k`, nil)
}

func BenchmarkCountSubquery(b *testing.B) {
	benchQuery(b, `MATCH (a:Actor) WHERE a.score = 7 AND EXISTS { (a)-[:NEXT]->() }
		RETURN sum(COUNT { (a)-[:KNOWS]->(x) WHERE x.score > 50 }) AS n`, nil)
}

// BenchmarkSeekIDWithoutLabel finds nodes by id without a label, as the
// explorer's statements do: a lookup in the indexes of every label, where
// a scan of the 200,000 nodes was.
func BenchmarkSeekIDWithoutLabel(b *testing.B) {
	benchQuery(b, `MATCH (n)-[r:NEXT]-(m) WHERE n.id IN $ids RETURN n.name, m.name`,
		map[string]any{"ids": []any{int64(12345), int64(54321), int64(-1)}})
}
