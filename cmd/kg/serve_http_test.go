package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

// getJSON fetches http://addr+path with the given Host (none: addr) and
// returns the status and the decoded JSON object.
func getJSON(t *testing.T, addr, path, host string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest("GET", "http://"+addr+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	resp, data := testutil.Fetch(t, nil, req)
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("GET %s: %d, no JSON: %s", path, resp.StatusCode, data)
	}
	return resp.StatusCode, v
}

// TestServeExplorer: kg serve --http serves the explorer beside Bolt, on
// the same store; --bolt "" serves it alone, with no credentials needed.
func TestServeExplorer(t *testing.T) {
	db := seededStore(t)
	boltAddr, stop := startServe(t, "--db", db, "--neo4j-password", "pw", "serve", "--read-only", "--http", freeAddr(t))
	_ = boltAddr
	code, stderr := stop()
	if code != 0 || !strings.Contains(stderr, "over Bolt at bolt://") || !strings.Contains(stderr, "explorer of "+db+" at http://127.0.0.1:") {
		t.Fatalf("kg serve with both: exit %d, stderr %q", code, stderr)
	}

	addr, stop := startListening(t, "--http", "--db", db, "serve", "--bolt", "")
	status, v := getJSON(t, addr, "/api/stats", "")
	if status != 200 || v["store"] != "embedded" {
		t.Fatalf("stats: %d %v", status, v)
	}
	if status, v := getJSON(t, addr, "/api/search?q=tehran", ""); status != 200 || !strings.Contains(jsonText(v), `"id":"IRN"`) {
		t.Errorf("search: %d %v", status, v)
	}
	if status, v := getJSON(t, addr, "/api/stats", "evil.example"); status != http.StatusMisdirectedRequest {
		t.Errorf("a foreign Host: %d %v", status, v)
	}
	if status, _ := getJSON(t, addr, "/api/stats", strings.Replace(addr, "127.0.0.1", "localhost", 1)); status != 200 {
		t.Errorf("Host localhost: %d", status)
	}
	// the page is built in: / is its index.html, and its files are served
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(strings.ToLower(string(page)), "<!doctype html>") {
		t.Errorf("GET /: %d %.200s", resp.StatusCode, page)
	}
	code, stderr = stop()
	if code != 0 || strings.Contains(stderr, "Bolt") || !strings.Contains(stderr, "stopped") {
		t.Errorf("explorer alone: exit %d, stderr %q", code, stderr)
	}
}

// TestServeExplorerOnNeo4j: with NEO4J_URI set, kg serve serves the
// explorer over the Neo4j store and no Bolt. The "Neo4j" here is a
// second kg serve's Bolt server.
func TestServeExplorerOnNeo4j(t *testing.T) {
	db := seededStore(t)
	boltAddr, _ := startServe(t, "--db", db, "--neo4j-password", "pw", "serve", "--read-only")
	addr, stop := startListening(t, "--http", "--neo4j-uri", "bolt://"+boltAddr, "--neo4j-password", "pw", "serve")
	if status, v := getJSON(t, addr, "/api/stats", ""); status != 200 || v["store"] != "neo4j" {
		t.Fatalf("stats: %d %v", status, v)
	}
	if status, v := getJSON(t, addr, "/api/nodes/IRN", ""); status != 200 || !strings.Contains(jsonText(v), `"name":"Iran"`) {
		t.Errorf("node: %d %v", status, v)
	}
	code, stderr := stop()
	if code != 0 || strings.Contains(stderr, "over Bolt") || !strings.Contains(stderr, "explorer of bolt://"+boltAddr) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestServeUsageErrors(t *testing.T) {
	db := seededStore(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"nothing to serve", []string{"--db", db, "serve", "--bolt", "", "--http", ""}, "leave nothing to serve"},
		{"neo4j and --bolt", []string{"--neo4j-uri", "bolt://127.0.0.1:1", "serve", "--bolt", "127.0.0.1:7688"}, "Neo4j already speaks Bolt"},
		{"neo4j and no explorer", []string{"--neo4j-uri", "bolt://127.0.0.1:1", "serve", "--http", ""}, "--http \"\" turns it off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := kg(t, "", tc.args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "kg: error:") != 1 {
				t.Fatalf("exit %d, stderr %q, want %q", code, stderr, tc.want)
			}
		})
	}
}

func jsonText(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}
