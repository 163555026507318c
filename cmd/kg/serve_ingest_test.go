package main

import (
	"path/filepath"
	"testing"
)

// TestServeIngestThroughNeo4jStore ingests the seeds into a kg serve
// through the Neo4j store (graph/neo4j and the Go driver: its schema
// statements, its explicit read-merge-write transactions) and checks that
// the served store exports exactly what a direct embedded ingest does.
func TestServeIngestThroughNeo4jStore(t *testing.T) {
	dir := t.TempDir()
	direct, served := filepath.Join(dir, "direct.db"), filepath.Join(dir, "served.db")
	t.Setenv("NEO4J_PASSWORD", "")
	if code, _, stderr := kg(t, "", "--db", direct, "ingest", seedsDir(t)); code != 0 {
		t.Fatalf("direct ingest: %s", stderr)
	}
	addr, stop := startServe(t, "--db", served, "--neo4j-username", "writer", "--neo4j-password", "pw", "serve")
	code, _, stderr := kg(t, "", "--neo4j-uri", "bolt://"+addr, "--neo4j-username", "writer", "--neo4j-password", "pw",
		"ingest", seedsDir(t))
	if code != 0 {
		stop()
		t.Fatalf("ingest through kg serve: exit %d: %s", code, stderr)
	}
	// Ingesting again changes nothing and must not fail either.
	if code, _, stderr := kg(t, "", "--neo4j-uri", "bolt://"+addr, "--neo4j-username", "writer", "--neo4j-password", "pw",
		"ingest", seedsDir(t)); code != 0 {
		stop()
		t.Fatalf("second ingest through kg serve: exit %d: %s", code, stderr)
	}
	if code, out := stop(); code != 0 {
		t.Fatalf("kg serve exited with %d: %s", code, out)
	}
	_, want, stderr := kg(t, "", "--db", direct, "export", "--format", "json")
	if stderr != "" {
		t.Fatalf("export direct: %s", stderr)
	}
	_, got, stderr := kg(t, "", "--db", served, "export", "--format", "json")
	if stderr != "" {
		t.Fatalf("export served: %s", stderr)
	}
	if got != want || len(want) < 100 {
		t.Errorf("export of the served store (%d bytes) differs from the direct ingest's (%d bytes)", len(got), len(want))
	}
}
