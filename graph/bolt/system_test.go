package bolt_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/kgnews/kg/graph/bolt"
)

// TestDriverConnectCalls runs what Neo4j Browser and cypher-shell send on
// connect, on the database each sends it to, and checks the columns and
// one value of each answer.
func TestDriverConnectCalls(t *testing.T) {
	addr := serve(t, graphStore(t), nil)
	d := connect(t, "neo4j://"+addr, testPassword)
	ctx := context.Background()
	if err := d.VerifyConnectivity(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		db, query string
		columns   []string
		check     func(rows []*neo4j.Record) error
	}{
		{"SYSTEM", "SHOW DATABASES", []string{"name", "type", "aliases", "access", "address", "role", "writer",
			"requestedStatus", "currentStatus", "statusMessage", "default", "home", "constituents"},
			func(rows []*neo4j.Record) error {
				return want(len(rows) == 2 && rows[0].Values[0] == "neo4j" && rows[0].Values[10] == true &&
					rows[1].Values[0] == "system" && rows[1].Values[11] == false, rows)
			}},
		{"system", "SHOW DATABASE neo4j YIELD name, currentStatus", []string{"name", "currentStatus"},
			func(rows []*neo4j.Record) error {
				return want(len(rows) == 1 && rows[0].Values[1] == "online", rows)
			}},
		{"system", "CALL dbms.components() YIELD name, versions, edition", []string{"name", "versions", "edition"},
			func(rows []*neo4j.Record) error {
				v, _ := rows[0].Values[1].([]any)
				return want(rows[0].Values[0] == "Neo4j Kernel" && len(v) == 1 && v[0] == "5.26.0" && rows[0].Values[2] == "community", rows)
			}},
		{"system", "CALL dbms.clientConfig()", []string{"name", "description", "value", "dynamic"},
			func(rows []*neo4j.Record) error {
				return want(slices.ContainsFunc(rows, func(r *neo4j.Record) bool {
					return r.Values[0] == "dbms.security.auth_enabled" && r.Values[2] == "true"
				}), rows)
			}},
		{"system", "CALL dbms.showCurrentUser()", []string{"username", "roles", "flags"},
			func(rows []*neo4j.Record) error {
				roles, _ := rows[0].Values[1].([]any)
				return want(len(rows) == 1 && rows[0].Values[0] == testUser && len(roles) == 1 && roles[0] == "admin", rows)
			}},
		{"system", "SHOW PROCEDURES yield name, description, signature", []string{"name", "description", "signature"},
			func(rows []*neo4j.Record) error {
				return want(hasRow(rows, "db.labels", "db.labels() :: (label :: STRING)") && hasRow(rows, "dbms.components", ""), rows)
			}},
		{"system", "SHOW FUNCTIONS yield name, description, signature", []string{"name", "description", "signature"},
			func(rows []*neo4j.Record) error {
				return want(hasRow(rows, "tolower", "") && hasRow(rows, "count", ""), rows)
			}},
		{"neo4j", "SHOW PROCEDURES", []string{"name", "description", "mode", "worksOnSystem"},
			func(rows []*neo4j.Record) error { return want(hasRow(rows, "db.propertyKeys", ""), rows) }},
		{"neo4j", "CALL db.labels() YIELD label RETURN {name:'labels', data:COLLECT(label)[..1000]} AS result " +
			"UNION ALL CALL db.relationshipTypes() YIELD relationshipType RETURN {name:'relationshipTypes', data:COLLECT(relationshipType)[..1000]} AS result " +
			"UNION ALL CALL db.propertyKeys() YIELD propertyKey RETURN {name:'propertyKeys', data:COLLECT(propertyKey)[..1000]} AS result",
			[]string{"result"},
			func(rows []*neo4j.Record) error {
				return want(len(rows) == 3 && fmt.Sprint(rows[0].Values[0]) == "map[data:[Author Person] name:labels]" &&
					fmt.Sprint(rows[1].Values[0]) == "map[data:[KNOWS] name:relationshipTypes]", rows)
			}},
		{"neo4j", "CALL db.schema.visualization()", []string{"nodes", "relationships"},
			func(rows []*neo4j.Record) error {
				nodes, _ := rows[0].Values[0].([]any)
				rels, _ := rows[0].Values[1].([]any)
				if len(nodes) != 2 || len(rels) != 2 {
					return want(false, rows)
				}
				n, _ := nodes[1].(dbtype.Node)
				r, _ := rels[0].(dbtype.Relationship)
				// Person -KNOWS-> Author and Person -KNOWS-> Person.
				return want(n.Labels[0] == "Person" && n.Props["name"] == "Person" && r.Type == "KNOWS" &&
					r.StartElementId == n.ElementId, rows)
			}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			res, err := neo4j.ExecuteQuery(ctx, d, tc.query, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(tc.db), neo4j.ExecuteQueryWithReadersRouting())
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Keys, tc.columns) {
				t.Fatalf("columns %v, want %v", res.Keys, tc.columns)
			}
			if len(res.Records) == 0 {
				t.Fatal("no rows")
			}
			if err := tc.check(res.Records); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func want(ok bool, rows []*neo4j.Record) error {
	if ok {
		return nil
	}
	var vals [][]any
	for _, r := range rows {
		vals = append(vals, r.Values)
	}
	return fmt.Errorf("unexpected rows %v", vals)
}

// hasRow says whether a row has name first and, unless empty, signature
// last.
func hasRow(rows []*neo4j.Record, name, signature string) bool {
	return slices.ContainsFunc(rows, func(r *neo4j.Record) bool {
		return r.Values[0] == name && (signature == "" || r.Values[len(r.Values)-1] == signature)
	})
}

// TestDriverSystemDatabase checks that the system database refuses
// statements other than the catalogue's, as Neo4j's does, and that
// other databases do not exist.
func TestDriverSystemDatabase(t *testing.T) {
	addr := serve(t, graphStore(t), nil)
	d := connect(t, "bolt://"+addr, testPassword)
	ctx := context.Background()
	_, err := neo4j.ExecuteQuery(ctx, d, "MATCH (n) RETURN n", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("system"))
	wantCode(t, err, "Neo.ClientError.Statement.NotSystemDatabaseError")
	_, err = neo4j.ExecuteQuery(ctx, d, "SHOW DATABASES", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("other"))
	wantCode(t, err, "Neo.ClientError.Database.DatabaseNotFound")
	_, err = neo4j.ExecuteQuery(ctx, d, "SHOW DATABASES YIELD nope", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("system"))
	wantCode(t, err, "Neo.ClientError.Statement.SyntaxError")
}

func TestDriverServerAgent(t *testing.T) {
	for _, tc := range []struct{ agent, want string }{
		{"", "kg/dev"},
		{bolt.Neo4jAgent("kg/v1"), "Neo4j/5.26.0 (kg/v1)"},
	} {
		addr := serve(t, graphStore(t), func(c *bolt.Config) { c.Agent = tc.agent })
		info, err := connect(t, "bolt://"+addr, testPassword).GetServerInfo(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if info.Agent() != tc.want {
			t.Errorf("agent %q, want %q", info.Agent(), tc.want)
		}
	}
}
