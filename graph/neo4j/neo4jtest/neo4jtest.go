// Package neo4jtest provides a test helper for the Neo4j store, kept out
// of package neo4j so that it does not ship in the kg binary.
package neo4jtest

import (
	"context"
	"testing"

	"github.com/kgnews/kg/graph/neo4j"
)

// Open opens the Neo4j store described by cfg, through the Go driver, and
// closes it when tb ends (before a server started earlier, such as one of
// bolttest.Serve). It fails tb on any error, closing included.
func Open(tb testing.TB, cfg neo4j.Config) *neo4j.Store {
	tb.Helper()
	s, err := neo4j.Open(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("neo4j.Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}
