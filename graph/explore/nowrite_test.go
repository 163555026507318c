package explore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/storetest"
)

// writeAttempts are statements that would change the graph or its schema,
// in the forms a client might try.
var writeAttempts = []string{
	"CREATE (n:Actor {id: 'intruder', name: 'Intruder'})",
	"create (n:Actor {id: 'intruder'}) return n",
	"MERGE (n:Country {id: 'ZZZ'}) RETURN n",
	"MATCH (n {id: 'CHN'}) SET n.name = 'Cathay'",
	"MATCH (n {id: 'CHN'}) SET n:Intruder",
	"MATCH (n {id: 'CHN'}) REMOVE n.aliases",
	"MATCH (n {id: 'CHN'}) DETACH DELETE n",
	"MATCH ()-[r:SPOKE_WITH]->() DELETE r",
	"MATCH (a {id: 'CHN'}), (b {id: 'USA'}) CREATE (a)-[:SPOKE_WITH {id: 'x'}]->(b)",
	"MATCH (n) WITH n LIMIT 1 FOREACH (x IN [1] | SET n.touched = true)",
	"MATCH (n) CALL { WITH n SET n.touched = true } RETURN count(*)",
	"UNWIND [1, 2] AS i CREATE (:Actor {id: 'x' + toString(i)})",
	"LOAD CSV FROM 'file:///etc/passwd' AS line CREATE (:Actor {id: line[0]})",
	"CREATE INDEX intruder IF NOT EXISTS FOR (n:Actor) ON (n.name)",
	"CREATE CONSTRAINT intruder FOR (n:Actor) REQUIRE n.id IS UNIQUE",
	"CALL db.createLabel('Intruder')",
	"CALL apoc.create.node(['Actor'], {id: 'intruder'})",
	"CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
	"CALL dbms.security.createUser('eve', 'secret', false)",
	"MATCH (n) /* comment */ SET n.x = 1",
	"RETURN 1; CREATE (n:Actor {id: 'intruder'})",
}

// TestNoEndpointWrites hammers every endpoint, with every write attempt
// on the Cypher endpoint and as saved-query parameters, and checks that
// the store's counts, its schema and its whole export are unchanged.
func TestNoEndpointWrites(t *testing.T) {
	s := seedStore(t)
	ctx := context.Background()
	before, beforeCounts, beforeSchema := snapshot(t, s)
	srv := server(t, s, nil)

	for _, q := range writeAttempts {
		body, _ := json.Marshal(map[string]any{"query": q, "params": map[string]any{}})
		status, v := call(t, srv, "POST", "/api/cypher", string(body), nil)
		if status == 200 {
			t.Errorf("%s: answered 200: %v", q, v)
			continue
		}
		if _, code, _ := errorOf(t, v); code != "Neo.ClientError.Statement.AccessMode" && status != 400 {
			t.Errorf("%s: status %d code %s", q, status, code)
		}
	}
	paths := []string{"/", "/app.js", "/api/stats", "/api/style", "/api/queries", "/api/search?q=iran",
		"/api/search?q=t&label=Article", "/api/nodes/CHN", "/api/nodes/CHN/neighbours?provenance=true&limit=500",
		"/api/expand?id=CHN&id=" + xi + "&provenance=true&limit=500", "/api/edges/" + trumpXiID, "/api/timeline?a=CHN", "/api/timeline?a=" + trump + "&b=" + xi}
	res, err := s.Query(ctx, "MATCH ()-[r]->() RETURN r.id", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range res.Rows {
		paths = append(paths, "/api/edges/"+url.PathEscape(fmt.Sprint(row[0])))
	}
	for _, name := range []string{"agreements", "claims", "co-mentioned", "evidence", "linking", "most-connected", "pledges",
		"profile", "sanctions", "shortest-path", "single-source", "timeline", "trade-partners", "who-spoke-with"} {
		paths = append(paths, "/api/queries/"+name)
		// a write smuggled in as a parameter stays a parameter
		paths = append(paths, "/api/queries/"+name+"?"+firstParam(t, srv, name)+"="+url.QueryEscape("x'}) DETACH DELETE n //"))
	}
	for _, p := range paths {
		for _, m := range []string{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"} {
			raw(t, srv, m, p, map[bool]string{true: `{"params":{}}`}[m == "POST"], nil)
		}
	}
	after, afterCounts, afterSchema := snapshot(t, s)
	if !reflect.DeepEqual(beforeCounts, afterCounts) {
		t.Errorf("counts changed: %v → %v", beforeCounts, afterCounts)
	}
	if !reflect.DeepEqual(beforeSchema, afterSchema) {
		t.Errorf("schema changed: %v → %v", beforeSchema, afterSchema)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("the export changed (%d → %d bytes)", len(before), len(after))
	}
}

// firstParam names the first parameter of a saved query ("x" when it has
// none, which the query refuses).
func firstParam(t *testing.T, srv *httptest.Server, name string) string {
	for _, q := range list(get(t, srv, "/api/queries")["queries"]) {
		if obj(q)["name"] == name {
			if ps := list(obj(q)["params"]); len(ps) > 0 {
				return str(obj(ps[0])["name"])
			}
		}
	}
	return "x"
}

// snapshot is the store's JSON export, counts and schema.
func snapshot(t *testing.T, s *embedded.Store) ([]byte, *graph.Counts, map[string]string) {
	t.Helper()
	ctx := context.Background()
	exp := storetest.ExportJSON(t, s)
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := s.Schema()
	if err != nil {
		t.Fatal(err)
	}
	return exp, c, schema
}
