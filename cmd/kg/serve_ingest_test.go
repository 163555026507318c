package main

import (
	"path/filepath"
	"strings"
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

// TestQueryPackThroughServe runs every saved query, with its default
// parameters, on the embedded store in-process and through the Neo4j
// store connected to kg serve over Bolt (the official Go driver), and
// requires the same output, in each format.
func TestQueryPackThroughServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	if code, _, stderr := kg(t, "", "--db", db, "ingest", seedsDir(t)); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	code, list, stderr := kg(t, "", "--db", db, "query", "list")
	if code != 0 {
		t.Fatalf("query list: %s", stderr)
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		if f := strings.Fields(line); len(f) > 0 && !strings.EqualFold(f[0], "name") {
			names = append(names, f[0])
		}
	}
	if len(names) < 10 {
		t.Fatalf("query list gave %d queries:\n%s", len(names), list)
	}
	addr, stop := startServe(t, "--db", db, "--neo4j-password", "pw", "serve", "--read-only")
	defer stop()
	withRows := 0
	for _, name := range names {
		for _, format := range []string{"json", "csv"} {
			_, want, errIn := kg(t, "", "--db", db, "query", "run", name, "--format", format)
			_, got, errBolt := kg(t, "", "--neo4j-uri", "bolt://"+addr, "--neo4j-password", "pw", "query", "run", name, "--format", format)
			if errIn != "" || errBolt != "" {
				t.Errorf("%s: in-process error %q, through kg serve %q", name, errIn, errBolt)
				continue
			}
			if got != want {
				t.Errorf("%s --format %s through kg serve:\n%s\nin-process:\n%s", name, format, got, want)
			}
			if format == "csv" && strings.Count(want, "\n") > 1 {
				withRows++
			}
		}
	}
	if withRows < len(names)/2 {
		t.Errorf("only %d of %d saved queries return rows on the seeds: the comparison proves little", withRows, len(names))
	}
}
