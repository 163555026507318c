package cypher_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
	"github.com/kgnews/kg/graph/value"
)

// scanOnly hides a graph's RelLookup, so that the engine scans instead of
// seeking a relationship by id.
type scanOnly struct{ cypher.Graph }

// relSeekGraph holds relationships with ids in every arrangement the seek
// must get right: both directions, a self-loop, two types sharing an id,
// an id on a relationship whose ends fail a label check, and a chain for
// seeks in the middle of a longer path.
func relSeekGraph(t *testing.T) *memgraph.Graph {
	g := memgraph.New()
	mustRun(t, g, `
		CREATE (a:A {id: 'a'}), (b:B {id: 'b'}), (c:A {id: 'c'}), (d:B {id: 'd'})
		CREATE (a)-[:R {id: 'r1', w: 1}]->(b),
		       (b)-[:R {id: 'r2', w: 2}]->(c),
		       (c)-[:R {id: 'loop', w: 3}]->(c),
		       (c)-[:S {id: 'r2', w: 4}]->(d),
		       (d)-[:R {id: 1, w: 5}]->(a),
		       (a)-[:T {id: 'r1x'}]->(d)`, nil)
	return g
}

// TestRelSeekMatchesScan runs each query, which the planner answers by
// seeking a relationship by id, and the same query with the id tested in
// WHERE, which it answers by expanding, on the graph with its index and
// on the graph without one (the seek then scans), and requires the same
// rows, in any order, from all three.
func TestRelSeekMatchesScan(t *testing.T) {
	for _, tc := range []struct{ seek, expand string }{
		{`MATCH (x)-[r {id: 'r1'}]->(y) RETURN x.id, r.w, y.id`, `MATCH (x)-[r]->(y) WHERE r.id = 'r1' RETURN x.id, r.w, y.id`},
		{`MATCH (x)<-[r {id: 'r1'}]-(y) RETURN x.id, r.w, y.id`, `MATCH (x)<-[r]-(y) WHERE r.id = 'r1' RETURN x.id, r.w, y.id`},
		{`MATCH (x)-[r {id: 'r1'}]-(y) RETURN x.id, r.w, y.id`, `MATCH (x)-[r]-(y) WHERE r.id = 'r1' RETURN x.id, r.w, y.id`},
		{`MATCH (x)-[r {id: 'loop'}]-(y) RETURN x.id, r.w, y.id`, `MATCH (x)-[r]-(y) WHERE r.id = 'loop' RETURN x.id, r.w, y.id`},
		{`MATCH (x)-[r {id: 'loop'}]->(y) RETURN x.id, r.w, y.id`, `MATCH (x)-[r]->(y) WHERE r.id = 'loop' RETURN x.id, r.w, y.id`},
		{`MATCH (x)-[r {id: 'r2'}]-(y) RETURN x.id, type(r), y.id`, `MATCH (x)-[r]-(y) WHERE r.id = 'r2' RETURN x.id, type(r), y.id`},
		{`MATCH (x)-[r:S {id: 'r2'}]->(y) RETURN x.id, y.id`, `MATCH (x)-[r:S]->(y) WHERE r.id = 'r2' RETURN x.id, y.id`},
		{`MATCH (x)-[r:R|S {id: 'r2'}]->(y) RETURN x.id, type(r), y.id`, `MATCH (x)-[r:R|S]->(y) WHERE r.id = 'r2' RETURN x.id, type(r), y.id`},
		{`MATCH (x:A)-[r {id: 'r2'}]-(y:B) RETURN x.id, y.id`, `MATCH (x:A)-[r]-(y:B) WHERE r.id = 'r2' RETURN x.id, y.id`},
		{`MATCH (x)-[r {id: 'r2', w: 4}]->(y) RETURN x.id, y.id`, `MATCH (x)-[r {w: 4}]->(y) WHERE r.id = 'r2' RETURN x.id, y.id`},
		{`MATCH (x)-[r {id: 1.0}]->(y) RETURN x.id, y.id`, `MATCH (x)-[r]->(y) WHERE r.id = 1.0 RETURN x.id, y.id`},
		{`MATCH (x)-[r {id: 'none'}]->(y) RETURN x.id`, `MATCH (x)-[r]->(y) WHERE r.id = 'none' RETURN x.id`},
		{`MATCH (x)-[r {id: null}]->(y) RETURN x.id`, `MATCH (x)-[r]->(y) WHERE r.id = null RETURN x.id`},
		{`MATCH (x)-[r {id: $id}]->(y) RETURN x.id, y.id`, `MATCH (x)-[r]->(y) WHERE r.id = $id RETURN x.id, y.id`},
		{`MATCH (x)-[:R]->(m)-[r {id: 'r2'}]->(y)-[s]->(z) RETURN x.id, m.id, y.id, type(s), z.id`,
			`MATCH (x)-[:R]->(m)-[r]->(y)-[s]->(z) WHERE r.id = 'r2' RETURN x.id, m.id, y.id, type(s), z.id`},
		{`MATCH p = (x)-[r {id: 'r1'}]->(y)-[s]->(z) RETURN length(p), z.id`, `MATCH p = (x)-[r]->(y)-[s]->(z) WHERE r.id = 'r1' RETURN length(p), z.id`},
		{`MATCH (x)-[r {id: 'r1'}]->(y), (y)-[s {id: 'r2'}]->(z) RETURN x.id, z.id`,
			`MATCH (x)-[r]->(y), (y)-[s]->(z) WHERE r.id = 'r1' AND s.id = 'r2' RETURN x.id, z.id`},
		{`UNWIND ['r1', 'r2', 'loop'] AS k MATCH (x)-[r {id: k}]->(y) RETURN k, x.id, y.id`,
			`UNWIND ['r1', 'r2', 'loop'] AS k MATCH (x)-[r]->(y) WHERE r.id = k RETURN k, x.id, y.id`},
		{`MATCH (x)-[r {id: 'r1'}]->(y) MATCH (y)-[s {id: 'r1'}]-(z) RETURN z.id`, `MATCH (x)-[r]->(y) WHERE r.id = 'r1' MATCH (y)-[s]-(z) WHERE s.id = 'r1' RETURN z.id`},
	} {
		t.Run(tc.seek, func(t *testing.T) {
			g := relSeekGraph(t)
			params := map[string]any{"id": "r1x"}
			want := rowsOf(t, g, tc.expand, params)
			if want == "" && !strings.Contains(tc.seek, "none") && !strings.Contains(tc.seek, "null") {
				t.Fatalf("the reference query finds nothing: %s", tc.expand)
			}
			if got := rowsOf(t, g, tc.seek, params); got != want {
				t.Errorf("with the index:\n%s\nwant\n%s", got, want)
			}
			if got := rowsOf(t, scanOnly{g}, tc.seek, params); got != want {
				t.Errorf("without an index:\n%s\nwant\n%s", got, want)
			}
			if plan := planText(t, g, "EXPLAIN "+tc.seek); !strings.Contains(plan, "RelationshipIndexSeek") {
				t.Errorf("the plan does not seek the relationship by id:\n%s", plan)
			}
		})
	}
}

// TestRelSeekAfterWrites checks the relationship id index through
// creates, property changes, deletes and a rolled-back query.
func TestRelSeekAfterWrites(t *testing.T) {
	g := relSeekGraph(t)
	count := func(id string) string {
		return rowsOf(t, g, `MATCH ()-[r {id: $id}]->() RETURN count(r)`, map[string]any{"id": id})
	}
	if got := count("r1"); got != "[1]" { // builds the index
		t.Fatalf("r1: %s", got)
	}
	mustRun(t, g, `MATCH (a {id: 'a'}), (b {id: 'b'}) CREATE (a)-[:R {id: 'new'}]->(b)`, nil)
	mustRun(t, g, `MATCH ()-[r {id: 'r1'}]->() SET r.id = 'renamed'`, nil)
	mustRun(t, g, `MATCH ()-[r {id: 'r2'}]->() DELETE r`, nil)
	if _, err := cypher.Run(context.Background(), g,
		`MATCH ()-[r {id: 'new'}]->() SET r.id = 'gone' WITH r MATCH ()-[s {id: 'loop'}]->() DELETE s RETURN 1 / 0`, nil); err == nil {
		t.Fatal("division by zero did not fail")
	}
	for id, want := range map[string]string{"r1": "[0]", "renamed": "[1]", "new": "[1]", "gone": "[0]", "r2": "[0]", "loop": "[1]"} {
		if got := count(id); got != want {
			t.Errorf("count of %s = %s, want %s", id, got, want)
		}
	}
}

// rowsOf runs q and returns its rows printed and sorted, one per line.
func rowsOf(t *testing.T, g cypher.Graph, q string, params map[string]any) string {
	t.Helper()
	res, err := cypher.Run(context.Background(), g, q, params)
	if err != nil {
		t.Fatalf("Run(%q): %v", q, err)
	}
	lines := make([]string, len(res.Rows))
	for i, r := range res.Rows {
		lines[i] = fmt.Sprint(r)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// planText returns the operators of a query's plan, one per line.
func planText(t *testing.T, g cypher.Graph, q string) string {
	t.Helper()
	res, err := cypher.Run(context.Background(), g, q, nil)
	if err != nil || res.Plan == nil {
		t.Fatalf("Run(%q): %v, plan %v", q, err, res)
	}
	var b strings.Builder
	var walk func(p *value.Plan)
	walk = func(p *value.Plan) {
		fmt.Fprintln(&b, p.Operator, p.Details)
		for _, c := range p.Children {
			walk(c)
		}
	}
	walk(res.Plan)
	return b.String()
}

// TestLabelUnionScan: WHERE x:A OR x:B scans those labels' nodes, with the
// rows, and their order, of a scan of every node.
func TestLabelUnionScan(t *testing.T) {
	g := memgraph.New()
	mustRun(t, g, `CREATE (:A {i: 1}), (:B {i: 2}), (:C {i: 3}), (:A:B {i: 4}), ({i: 5}), (:B {i: 6})`, nil)
	for _, tc := range []struct{ union, all string }{
		{`MATCH (x) WHERE x:A OR x:B RETURN x.i`, `MATCH (x) WHERE any(l IN labels(x) WHERE l IN ['A', 'B']) RETURN x.i`},
		{`MATCH (x) WHERE (x:B OR x:C) AND x.i > 2 RETURN x.i`, `MATCH (x) WHERE x.i > 2 AND any(l IN labels(x) WHERE l IN ['B', 'C']) RETURN x.i`},
		{`MATCH (x) WHERE x:A OR x:Nope RETURN x.i`, `MATCH (x) WHERE any(l IN labels(x) WHERE l IN ['A', 'Nope']) RETURN x.i`},
	} {
		got, want := orderedRows(t, g, tc.union), orderedRows(t, g, tc.all)
		if got != want || want == "" {
			t.Errorf("%s:\n%s\nwant\n%s", tc.union, got, want)
		}
		if plan := planText(t, g, "EXPLAIN "+tc.union); !strings.Contains(plan, "UnionNodeByLabelsScan") {
			t.Errorf("%s: no label union scan:\n%s", tc.union, plan)
		}
	}
}

// orderedRows runs q and returns its rows printed in their order.
func orderedRows(t *testing.T, g cypher.Graph, q string) string {
	t.Helper()
	res, err := cypher.Run(context.Background(), g, q, nil)
	if err != nil {
		t.Fatalf("Run(%q): %v", q, err)
	}
	return fmt.Sprint(res.Rows)
}
