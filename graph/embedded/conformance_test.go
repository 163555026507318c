package embedded_test

import (
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/graph/storetest"
)

// TestConformance runs the store conformance suite shared with graph/neo4j.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return embeddedtest.Open(t) })
}

// TestConformanceThroughSnapshot runs the suite again with every read-only
// query, and Counts, answered from the snapshot instead of the in-memory
// graph; writes still go through the in-memory graph.
func TestConformanceThroughSnapshot(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		return embeddedtest.OpenWith(t, &embedded.Options{Reads: embedded.ReadSnapshot,
			Logf: func(format string, args ...any) { t.Logf(format, args...) }})
	})
}

// TestConformanceSpilled runs the suite with every sorted set of two or
// more strings kept as items outside its record (items.go), which no
// answer may show.
func TestConformanceSpilled(t *testing.T) {
	embedded.SetSpillMin(t, 2)
	storetest.Run(t, func(t *testing.T) graph.Store { return embeddedtest.Open(t) })
}
