package neo4j_test

import (
	"context"
	"errors"
	"net"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/graph/neo4j"
	"github.com/kgnews/kg/graph/storetest"
)

// openServed opens the Neo4j store, through the Go driver, on a fresh
// embedded store served over Bolt by graph/bolt (as `kg serve` does) on a
// free loopback port: the production code path, without Docker.
func openServed(t *testing.T, batchSize int) *neo4j.Store {
	t.Helper()
	srv, err := bolt.New(bolt.Config{Store: embeddedtest.Open(t), Username: "neo4j", Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	s, err := neo4j.Open(context.Background(), neo4j.Config{URI: "bolt://" + ln.Addr().String(),
		Username: "neo4j", Password: testPassword, BatchSize: batchSize})
	if err != nil {
		srv.Close()
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		srv.Close()
		if err := <-done; !errors.Is(err, bolt.ErrServerClosed) {
			t.Errorf("Serve: %v", err)
		}
	})
	return s
}

// TestConformanceServed runs the store conformance suite on the Neo4j
// store connected to the embedded store's Bolt server, with a small batch
// size so that every load spans several transactions.
func TestConformanceServed(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return openServed(t, 2) })
}
