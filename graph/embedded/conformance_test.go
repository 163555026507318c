package embedded_test

import (
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/graph/storetest"
)

// TestConformance runs the store conformance suite shared with graph/neo4j.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return embeddedtest.Open(t) })
}
