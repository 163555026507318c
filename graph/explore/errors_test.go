package explore_test

import (
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kgnews/kg/graph/explore"
	"github.com/kgnews/kg/queries"
)

// TestErrors: every error path answers JSON with its status, a Neo4j
// status code and one readable line.
func TestErrors(t *testing.T) {
	srv := server(t, seedStore(t), func(c *explore.Config) {
		c.MaxBodyBytes = 1024
		c.Hosts = explore.LoopbackHosts("127.0.0.1:7480")
		c.AllowedOrigins = []string{"http://allowed.example:8080"}
	})
	host := map[string]string{"Host": "localhost:7480"}
	with := func(kv ...string) map[string]string {
		m := map[string]string{"Host": "localhost:7480"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name         string
		method, path string
		body         string
		hdr          map[string]string
		status       int
		code         string
		msg          string // a part of the message
	}{
		{"unknown node", "GET", "/api/nodes/nobody", "", host, 404, "Neo.ClientError.Statement.EntityNotFound", `"nobody"`},
		{"unknown node's neighbours", "GET", "/api/nodes/nobody/neighbours", "", host, 404, "Neo.ClientError.Statement.EntityNotFound", "no node"},
		{"unknown edge", "GET", "/api/edges/spoke_with-0", "", host, 404, "Neo.ClientError.Statement.EntityNotFound", "no relationship"},
		{"unknown timeline entity", "GET", "/api/timeline?a=CHN&b=nobody", "", host, 404, "Neo.ClientError.Statement.EntityNotFound", "nobody"},
		{"timeline without a", "GET", "/api/timeline", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "as a"},
		{"search without q", "GET", "/api/search", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "q"},
		{"search limit too high", "GET", "/api/search?q=x&limit=1000", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "limit must be between 1 and 100"},
		{"search q too long", "GET", "/api/search?q=" + strings.Repeat("a", 300), "", host, 400, "Neo.ClientError.Statement.ArgumentError", "longer"},
		{"neighbours bad limit", "GET", "/api/nodes/CHN/neighbours?limit=x", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "limit must be an integer"},
		{"neighbours limit too high", "GET", "/api/nodes/CHN/neighbours?limit=501", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "between 1 and 500"},
		{"neighbours negative offset", "GET", "/api/nodes/CHN/neighbours?offset=-1", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "offset"},
		{"neighbours bad date", "GET", "/api/nodes/CHN/neighbours?from=yesterday", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "from must be a date"},
		{"neighbours bad provenance", "GET", "/api/nodes/CHN/neighbours?provenance=maybe", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "provenance"},
		{"expand without ids", "GET", "/api/expand", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "id=ID"},
		{"expand too many ids", "GET", "/api/expand?" + strings.Repeat("id=CHN&", explore.MaxExpandIDs+1), "", host, 400, "Neo.ClientError.Statement.ArgumentError", "at most 100 ids"},
		{"expand empty id", "GET", "/api/expand?id=CHN&id=", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "empty"},
		{"expand limit too high", "GET", "/api/expand?id=CHN&limit=501", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "between 1 and 500"},
		{"expand bad date", "GET", "/api/expand?id=CHN&to=2025-13", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "to must be a date"},
		{"expand bad provenance", "GET", "/api/expand?id=CHN&provenance=1", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "provenance"},
		{"expand by POST", "POST", "/api/expand?id=CHN", `{}`, host, 405, "Neo.ClientError.Request.Invalid", "GET"},
		{"unknown query", "GET", "/api/queries/nosuch", "", host, 404, "Neo.ClientError.Statement.EntityNotFound", "linking"},
		{"unknown parameter", "GET", "/api/queries/linking?zz=1", "", host, 400, "Neo.ClientError.Statement.ArgumentError", `unknown parameter "zz"`},
		{"ill-typed parameter", "GET", "/api/queries/linking?limit=many", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "parameter limit"},
		{"parameter twice", "GET", "/api/queries/linking?a=x&a=y", "", host, 400, "Neo.ClientError.Statement.ArgumentError", "2 times"},
		{"POST ill-typed parameter", "POST", "/api/queries/linking", `{"params":{"limit":"ten"}}`, host, 400, "Neo.ClientError.Statement.ArgumentError", "parameter limit"},
		{"POST float for int", "POST", "/api/queries/linking", `{"params":{"limit":2.5}}`, host, 400, "Neo.ClientError.Statement.ArgumentError", "limit"},
		{"POST null parameter", "POST", "/api/queries/linking", `{"params":{"a":null}}`, host, 400, "Neo.ClientError.Statement.ArgumentError", "null"},
		{"POST unknown field", "POST", "/api/queries/linking", `{"parms":{}}`, host, 400, "Neo.ClientError.Request.InvalidFormat", "parms"},
		{"POST not JSON", "POST", "/api/cypher", `MATCH (n) RETURN n`, host, 400, "Neo.ClientError.Request.InvalidFormat", "JSON"},
		{"POST two values", "POST", "/api/cypher", `{"query":"RETURN 1"} {}`, host, 400, "Neo.ClientError.Request.InvalidFormat", "more than one"},
		{"POST wrong content type", "POST", "/api/cypher", `{"query":"RETURN 1"}`, with("Content-Type", "text/plain"), 415, "Neo.ClientError.Request.InvalidFormat", "application/json"},
		{"cypher empty", "POST", "/api/cypher", `{"query":"  "}`, host, 400, "Neo.ClientError.Statement.ArgumentError", "empty"},
		{"cypher syntax", "POST", "/api/cypher", `{"query":"MATCH (n RETURN n"}`, host, 400, "Neo.ClientError.Statement.SyntaxError", "expected"},
		{"cypher missing parameter", "POST", "/api/cypher", `{"query":"RETURN $x"}`, host, 400, "Neo.ClientError.Statement.ParameterMissing", "x"},
		{"cypher write", "POST", "/api/cypher", `{"query":"CREATE (n:Actor {id: 'x'})"}`, host, 400, "Neo.ClientError.Statement.AccessMode", "read-only"},
		{"cypher unknown procedure", "POST", "/api/cypher", `{"query":"CALL nosuch.proc()"}`, host, 400, "Neo.ClientError.Statement.AccessMode", "read-only"},
		{"oversized body", "POST", "/api/cypher", `{"query":"RETURN '` + strings.Repeat("x", 2000) + `'"}`, host, 413, "Neo.ClientError.Request.Invalid", "1024 bytes"},
		{"wrong method", "DELETE", "/api/nodes/CHN", "", host, 405, "Neo.ClientError.Request.Invalid", "GET"},
		{"GET on a POST endpoint", "GET", "/api/cypher", "", host, 405, "Neo.ClientError.Request.Invalid", "POST"},
		{"POST on the page", "POST", "/", `{}`, host, 405, "Neo.ClientError.Request.Invalid", "GET"},
		{"unknown endpoint", "GET", "/api/nothing", "", host, 404, "Neo.ClientError.Request.Invalid", "/api/nothing"},
		{"missing asset", "GET", "/nothing.js", "", host, 404, "Neo.ClientError.Request.Invalid", "/nothing.js"},
		{"foreign Origin", "GET", "/api/stats", "", with("Origin", "http://evil.example"), 403, "Neo.ClientError.Security.Forbidden", "evil.example"},
		{"foreign Origin POST", "POST", "/api/cypher", `{"query":"RETURN 1"}`, with("Origin", "http://evil.example"), 403, "Neo.ClientError.Security.Forbidden", "origin"},
		{"same host, other port", "GET", "/api/stats", "", with("Origin", "http://localhost:9999"), 403, "Neo.ClientError.Security.Forbidden", "origin"},
		{"null Origin", "GET", "/api/stats", "", with("Origin", "null"), 403, "Neo.ClientError.Security.Forbidden", "origin"},
		{"rebinding Host", "GET", "/api/stats", "", map[string]string{"Host": "evil.example:7480"}, 421, "Neo.ClientError.Request.Invalid", "DNS rebinding"},
		{"Host with another port", "GET", "/api/stats", "", map[string]string{"Host": "localhost:80"}, 421, "Neo.ClientError.Request.Invalid", "Host"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, v := call(t, srv, tc.method, tc.path, tc.body, tc.hdr)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %v", status, tc.status, v)
			}
			estatus, code, msg := errorOf(t, v)
			if int(estatus) != tc.status || code != tc.code || !strings.Contains(msg, tc.msg) {
				t.Fatalf("error = %v %s %q, want %d %s containing %q", estatus, code, msg, tc.status, tc.code, tc.msg)
			}
		})
	}
}

// TestOriginsAndHosts: the server's own origin and the allowed ones pass,
// with CORS headers for the allowed ones only; loopback names pass.
func TestOriginsAndHosts(t *testing.T) {
	srv := server(t, seedStore(t), func(c *explore.Config) {
		c.Hosts = explore.LoopbackHosts("127.0.0.1:7480")
		c.AllowedOrigins = []string{"http://allowed.example:8080"}
	})
	for _, h := range []map[string]string{
		{"Host": "localhost:7480"},
		{"Host": "LOCALHOST:7480"},
		{"Host": "127.0.0.1:7480"},
		{"Host": "[::1]:7480"},
		{"Host": "localhost:7480", "Origin": "http://localhost:7480"},
		{"Host": "127.0.0.1:7480", "Origin": "http://127.0.0.1:7480"},
		{"Host": "localhost:7480", "Origin": "http://allowed.example:8080"},
	} {
		status, body, hdr := raw(t, srv, "GET", "/api/stats", "", h)
		if status != http.StatusOK {
			t.Errorf("%v: status %d %s", h, status, body)
		}
		cors := hdr.Get("Access-Control-Allow-Origin")
		if want := h["Origin"]; want == "http://allowed.example:8080" && cors != want || want != "http://allowed.example:8080" && cors != "" {
			t.Errorf("%v: Access-Control-Allow-Origin %q", h, cors)
		}
	}
	status, _, hdr := raw(t, srv, "OPTIONS", "/api/cypher", "", map[string]string{"Host": "localhost:7480",
		"Origin": "http://allowed.example:8080", "Access-Control-Request-Method": "POST"})
	if status != http.StatusNoContent || !strings.Contains(hdr.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("preflight: %d %v", status, hdr)
	}
	if got := explore.LoopbackHosts("0.0.0.0:7480"); got != nil {
		t.Errorf("LoopbackHosts(0.0.0.0:7480) = %v, want nil (no check off loopback)", got)
	}
	if got := explore.LoopbackHosts("[::1]:80"); len(got) == 0 {
		t.Errorf("LoopbackHosts([::1]:80) = %v", got)
	}
}

// TestTimeout: a statement past Config.QueryTimeout fails with 504.
func TestTimeout(t *testing.T) {
	srv := server(t, seedStore(t), func(c *explore.Config) { c.QueryTimeout = 50_000_000 }) // 50 ms
	status, v := call(t, srv, "POST", "/api/cypher",
		`{"query":"UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i)"}`, nil)
	if status != http.StatusGatewayTimeout {
		t.Fatalf("status %d: %v", status, v)
	}
	if _, code, _ := errorOf(t, v); code != "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration" {
		t.Fatalf("code %s", code)
	}
}

// TestAssets: "/" serves index.html, other paths the bundle's files, and
// without a bundle a one-line page.
func TestAssets(t *testing.T) {
	srv := server(t, seedStore(t), nil)
	for path, want := range map[string]string{"/": "<!doctype html>", "/app.js": "console.log", "/assets/a.css": "body{}"} {
		status, body, hdr := raw(t, srv, "GET", path, "", nil)
		if status != 200 || !strings.HasPrefix(string(body), want) {
			t.Errorf("GET %s: %d %q", path, status, body)
		}
		if !strings.Contains(hdr.Get("Content-Security-Policy"), "default-src 'self'") || hdr.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: security headers %v", path, hdr)
		}
	}
	bare := server(t, seedStore(t), func(c *explore.Config) { c.Assets = nil })
	status, body, _ := raw(t, bare, "GET", "/", "", nil)
	if status != 200 || strings.Count(string(body), "\n") != 1 || !strings.Contains(string(body), "/api/") {
		t.Errorf("GET / without a page: %d %q", status, body)
	}
	status, v := call(t, bare, "GET", "/app.js", "", nil)
	if status != 404 {
		t.Errorf("GET /app.js without a page: %d %v", status, v)
	}
}

func TestNewErrors(t *testing.T) {
	s := seedStore(t)
	for _, tc := range []struct {
		name string
		cfg  explore.Config
		want string
	}{
		{"no store", explore.Config{}, "Store"},
		{"no queries", explore.Config{Store: s}, "Queries"},
	} {
		if _, err := explore.New(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: New error = %v, want one naming %s", tc.name, err, tc.want)
		}
	}
}

// TestMissingParameter: a saved query's required parameter left out is a
// 400 naming it (the default pack has none, so a pack of one query).
func TestMissingParameter(t *testing.T) {
	pack, err := queries.Load(fstest.MapFS{"need.cypher": {Data: []byte(
		"// name: need\n// title: Needs a name\n// description: A query with a required parameter.\n" +
			"// param: who string - the entity\nMATCH (n) WHERE n.name = $who RETURN n\n")}})
	if err != nil {
		t.Fatal(err)
	}
	srv := server(t, seedStore(t), func(c *explore.Config) { c.Queries = pack })
	status, v := call(t, srv, "GET", "/api/queries/need", "", nil)
	if _, code, msg := errorOf(t, v); status != 400 || code != "Neo.ClientError.Statement.ParameterMissing" || !strings.Contains(msg, `"who"`) {
		t.Fatalf("status %d, code %s, message %q", status, code, msg)
	}
	v = get(t, srv, "/api/queries/need?who=China")
	if n := obj(obj(list(list(v["rows"])[0])[0])["$node"]); n["id"] != "CHN" {
		t.Fatalf("need who=China: %v", v)
	}
	q := list(get(t, srv, "/api/queries")["queries"])
	if p := obj(list(obj(q[0])["params"])[0]); p["required"] != true || p["default"] != nil {
		t.Fatalf("required param listed as %v", p)
	}
}
