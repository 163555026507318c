package embedded_test

import (
	"context"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

func TestLoadTrackedRecordsKeysWithTheirFacts(t *testing.T) {
	s := embeddedtest.Open(t)
	ctx := context.Background()
	ingested := func(key, stamp string) bool {
		t.Helper()
		ok, err := s.Ingested(ctx, key, stamp)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if ingested("a", "v1") {
		t.Fatal("a new store holds an ingested key")
	}
	// A load that fails records nothing.
	bad := batch(nil, graph.Relationship{ID: "r", Type: graph.Mentions, Start: "missing", End: "CHN"})
	if _, err := s.LoadTracked(ctx, bad, []string{"a"}, "v1"); err == nil {
		t.Fatal("LoadTracked of a dangling relationship succeeded")
	}
	if ingested("a", "v1") {
		t.Fatal("a failed load recorded its key")
	}
	if _, err := s.LoadTracked(ctx, batch([]graph.Node{china}), []string{"a"}, "v1"); err != nil {
		t.Fatal(err)
	}
	if !ingested("a", "v1") || ingested("a", "v2") || ingested("b", "v1") {
		t.Fatal("Ingested does not answer for exactly the key and stamp recorded")
	}
	// A batch that changes nothing still records its keys.
	st, err := s.LoadTracked(ctx, batch([]graph.Node{china}), []string{"b"}, "v1")
	if err != nil || st != (graph.LoadStats{}) || !ingested("b", "v1") {
		t.Fatalf("LoadTracked of nothing new: %+v, %v; key recorded: %v", st, err, ingested("b", "v1"))
	}
	// A new stamp replaces the old one.
	if _, err := s.LoadTracked(ctx, batch([]graph.Node{china}), []string{"a"}, "v2"); err != nil {
		t.Fatal(err)
	}
	if !ingested("a", "v2") || ingested("a", "v1") {
		t.Fatal("the key keeps its old stamp")
	}
}
