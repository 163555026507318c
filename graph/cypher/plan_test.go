package cypher_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/internal/testutil"
)

// TestPlansGolden keeps the plans of EXPLAIN and PROFILE of a set of
// queries, profiled on chainGraph, in testdata/plans.golden.
func TestPlansGolden(t *testing.T) {
	queries := []string{
		`EXPLAIN MATCH (a:P)-[r:R]->(b) WHERE a.id > 2 RETURN a.name AS name, count(b) ORDER BY name LIMIT 2`,
		`PROFILE MATCH (a:P)-[r:R]->(b) WHERE a.id > 2 RETURN a.name AS name, count(b) ORDER BY name LIMIT 2`,
		`PROFILE MATCH (n) RETURN count(n)`,
		`PROFILE MATCH (a:P {id: 1})<-[:R]-(b) RETURN b.name UNION MATCH (a:P {id: 4}) RETURN a.name AS ` + "`b.name`",
		`PROFILE MATCH (a:P) OPTIONAL MATCH (a)-[:S]->(b) RETURN a.id, b.id`,
		`PROFILE MATCH p = (a:P {id: 0})-[:R*1..2]->(b) RETURN length(p)`,
		`PROFILE UNWIND [1, 2, 2] AS x RETURN DISTINCT x SKIP 1`,
		`EXPLAIN MATCH (a:P {id: 0}) CREATE (a)-[:T]->(:New) SET a.seen = true`,
		`PROFILE MATCH (a) WHERE (a:P OR a:Q) AND toLower(a.name) = toLower('N3') RETURN a.id`,
		`PROFILE MATCH (a)-[:R|S]->(b) RETURN count(*)`,
		`PROFILE MATCH (n) WHERE n.id IN [4, 1, 4] RETURN n.name`,
		`PROFILE MATCH (n {id: 2})-[r]-(m) RETURN m.name`,
		`EXPLAIN MATCH (a)-[r]->(b) WHERE r.id IN $ids RETURN a, b`,
	}
	var b strings.Builder
	for _, q := range queries {
		res := mustRun(t, chainGraph(t), q, nil)
		if res.Plan == nil {
			t.Fatalf("%s: no plan", q)
		}
		b.WriteString("# " + q + "\n")
		b.WriteString(res.Plan.String())
		b.WriteString("\n")
	}
	testutil.Golden(t, filepath.Join("testdata", "plans.golden"), []byte(b.String()))
}

// TestExplainProfile checks what EXPLAIN and PROFILE return and do.
func TestExplainProfile(t *testing.T) {
	ctx := context.Background()
	g := chainGraph(t)
	t.Run("EXPLAIN returns columns and a plan, runs nothing, needs no parameters", func(t *testing.T) {
		st, err := cypher.Parse(`explain MATCH (n:P {id: $id}) CREATE (:Q) RETURN n.name AS name, $id`)
		if err != nil {
			t.Fatal(err)
		}
		if !st.ReadOnly() || !st.Explained() {
			t.Fatalf("ReadOnly %v, Explained %v; want both", st.ReadOnly(), st.Explained())
		}
		res, err := st.Run(ctx, g, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"name", "$id"}; !reflect.DeepEqual(res.Columns, want) || len(res.Rows) != 0 {
			t.Fatalf("columns %v rows %v; want %v and none", res.Columns, res.Rows, want)
		}
		if res.Plan == nil || res.Plan.Operator != "ProduceResults" || res.Plan.Profiled {
			t.Fatalf("plan = %+v", res.Plan)
		}
		if n := mustRun(t, g, `MATCH (q:Q) RETURN count(q)`, nil).Rows[0][0]; n != int64(0) {
			t.Fatalf("EXPLAIN created %v nodes", n)
		}
	})
	t.Run("PROFILE runs the query and writes", func(t *testing.T) {
		g := chainGraph(t)
		st, err := cypher.Parse(`/* c */ PROFILE MATCH (n:P) WHERE n.id < 2 CREATE (:Q {of: n.id}) RETURN n.id`)
		if err != nil {
			t.Fatal(err)
		}
		if st.ReadOnly() || st.Explained() {
			t.Fatalf("ReadOnly %v, Explained %v; want neither", st.ReadOnly(), st.Explained())
		}
		res, err := st.Run(ctx, g, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 2 || res.Stats.NodesCreated != 2 || res.Plan == nil || !res.Plan.Profiled || res.Plan.Rows != 2 {
			t.Fatalf("rows %v stats %+v plan %+v", res.Rows, res.Stats, res.Plan)
		}
		// running it again counts afresh
		res, err = st.Run(ctx, g, nil)
		if err != nil || res.Plan.Children[0].Rows != 2 {
			t.Fatalf("second run: %v, plan:\n%s", err, res.Plan)
		}
	})
	t.Run("errors point into the query as written", func(t *testing.T) {
		_, err := cypher.Parse("EXPLAIN MATCH (n) RETURN m")
		e, ok := cypher.IsError(err)
		if !ok || e.Detail != "UndefinedVariable" || e.Column != 26 || !strings.HasPrefix(e.Query, "EXPLAIN") {
			t.Fatalf("error = %#v", err)
		}
	})
	t.Run("a variable named explain is no keyword elsewhere", func(t *testing.T) {
		res := mustRun(t, g, `WITH 1 AS explain RETURN explain`, nil)
		if res.Plan != nil || res.Rows[0][0] != int64(1) {
			t.Fatalf("rows %v plan %v", res.Rows, res.Plan)
		}
	})
	t.Run("plan map as Bolt carries it", func(t *testing.T) {
		res := mustRun(t, g, `PROFILE MATCH (n:P) RETURN n.id AS id`, nil)
		m := res.Plan.Map()
		if m["operatorType"] != "ProduceResults" || m["rows"] != int64(6) || !reflect.DeepEqual(m["identifiers"], []any{"id"}) {
			t.Fatalf("map = %v", m)
		}
		kid := m["children"].([]any)[0].(map[string]any)
		if kid["operatorType"] != "Projection" || kid["args"].(map[string]any)["Details"] != "n.id AS id" {
			t.Fatalf("child = %v", kid)
		}
		if _, ok := mustRun(t, g, `EXPLAIN RETURN 1`, nil).Plan.Map()["rows"]; ok {
			t.Fatal("an EXPLAIN plan has rows")
		}
	})
}
