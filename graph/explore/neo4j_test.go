package explore_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/bolt/bolttest"
	"github.com/kgnews/kg/graph/explore"
	"github.com/kgnews/kg/graph/neo4j"
	"github.com/kgnews/kg/graph/neo4j/neo4jtest"
)

// neo4jOver connects graph/neo4j, through the Go driver, to a Bolt server
// (graph/bolt, as kg serve runs it) over s: the explorer's path on Neo4j,
// without Docker.
func neo4jOver(t *testing.T, s bolt.Querier) *neo4j.Store {
	t.Helper()
	uri := bolttest.Serve(t, bolt.Config{Store: s, Username: "neo4j", Password: "explore-test"})
	return neo4jtest.Open(t, neo4j.Config{URI: uri, Username: "neo4j", Password: "explore-test"})
}

// TestNeo4jStore: over the Neo4j store the API gives the embedded store's
// answers (store-independent ids, same shapes), and a write attempt is
// refused before it reaches the server.
func TestNeo4jStore(t *testing.T) {
	s := seedStore(t)
	direct := server(t, s, nil)
	viaNeo4j := server(t, neo4jOver(t, s), func(c *explore.Config) { c.StoreKind = "neo4j" })
	for _, p := range []string{"/api/search?q=iran", "/api/search?q=xi%20jinpign", "/api/nodes/CHN",
		"/api/nodes/" + xi + "/neighbours?limit=500", "/api/nodes/" + xi + "/neighbours?type=SPOKE_WITH&from=2025-10&to=2025-11",
		"/api/expand?id=CHN&id=" + xi + "&id=nobody&limit=5", "/api/expand?id=" + trump + "&id=" + xi + "&type=SPOKE_WITH&from=2025-10&provenance=true",
		"/api/edges/" + trumpXiID, "/api/timeline?a=" + trump + "&b=" + xi, "/api/queries/linking?a=Iran&b=China",
		"/api/queries/who-spoke-with?name=Xi", "/api/queries"} {
		want, got := get(t, direct, p), get(t, viaNeo4j, p)
		delete(want, "elapsedMs")
		delete(got, "elapsedMs")
		if w, g := canonical(t, want), canonical(t, got); w != g {
			t.Errorf("%s differs on Neo4j:\nembedded %s\nneo4j    %s", p, w, g)
		}
	}
	if v := get(t, viaNeo4j, "/api/stats"); v["store"] != "neo4j" {
		t.Errorf("stats on Neo4j: %v", v)
	}
	body := `{"query":"MATCH (n {id: 'CHN'}) SET n.name = 'Cathay'"}`
	if status, v := call(t, viaNeo4j, "POST", "/api/cypher", body, nil); status != 400 {
		t.Errorf("write on Neo4j: %d %v", status, v)
	}
	// the read routing refuses what slips past the parser: the Bolt server
	// rejects writes in a read transaction
	if _, err := neo4jOver(t, s).QueryRead(context.Background(), "CREATE (:Actor {id: 'intruder'})", nil); err == nil {
		t.Error("QueryRead ran a CREATE")
	}
}

func canonical(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v) // maps marshal with sorted keys
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
