package cypher_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

// noIndex hides every index of a graph: LookupNodes reports none, so the
// engine scans, and RelLookup is hidden as by scanOnly.
type noIndex struct{ cypher.Graph }

func (noIndex) LookupNodes(string, string, any, func(int64) bool) bool { return false }

// idSeekGraph holds ids in the arrangements a seek without a label must
// get right: labelled nodes, a node of two labels, nodes without a label
// (one created first, so that it comes first in a scan), a shared id, a
// node without an id, numbers equal as Cypher has them (1 and 1.0, and
// 2^53 + 1, equal to the float 2^53 but not the same index key), a list,
// and a name that is another node's id.
func idSeekGraph(t *testing.T) *memgraph.Graph {
	g := memgraph.New()
	mustRun(t, g, `
		CREATE (u1 {id: 'u', name: 'U'}), (a:A {id: 'a', name: 'N'}), (:B {id: 'b', name: 'a'}),
		       (ab:A:B {id: 'ab', name: 'N'}), (:B {id: 'u'}), ({name: 'no id'}), (:A {id: 1}), ({id: 1.0}),
		       (:C {id: 9007199254740993}), ({id: 9007199254740992.0}), (:A {id: ['x', 'y']}), (u2 {id: 'u2'}),
		       (a)-[:R {id: 'r1'}]->(ab), (ab)-[:R {id: 'r2'}]->(u1), (u1)-[:S {id: 'r1'}]->(u2), (u2)-[:R {id: 'r3'}]->(a)`, nil)
	return g
}

// idParams are the parameters every query of TestIDSeekMatchesScan runs
// with.
var idParams = []map[string]any{
	{"id": "u", "ids": []any{"ab", "u", "nothing", "a", "u", nil}},
	{"id": "ab", "ids": []any{int64(1), "u2"}},
	{"id": int64(1), "ids": []any{9007199254740992.0}},
	{"id": nil, "ids": nil},
	{"id": []any{"x", "y"}, "ids": []any{[]any{"x", "y"}, "b"}},
	{"id": "r1", "ids": []any{"r2", "r1", "r1", "r3"}},
}

// TestIDSeekMatchesScan runs queries the planner answers by seeking nodes
// (or relationships) by id on the graph with its indexes and on the graph
// without them (scanned), and requires the same rows in the same order,
// and the seek in the plan.
func TestIDSeekMatchesScan(t *testing.T) {
	for _, tc := range []struct{ query, op string }{
		{`MATCH (n) WHERE n.id = $id RETURN n.id, labels(n)`, "AllNodesIndexSeek"},
		{`MATCH (n) WHERE $id = n.id RETURN n.id, labels(n)`, "AllNodesIndexSeek"},
		{`MATCH (n) WHERE n.id IN $ids RETURN n.id, labels(n)`, "AllNodesIndexSeek"},
		{`MATCH (n) WHERE n.id IN ['b', 'a', 'u', 'a', null, 'none', 1.0] RETURN n.id`, "AllNodesIndexSeek"},
		{`MATCH (n {id: $id}) RETURN n.id, labels(n)`, "AllNodesIndexSeek"},
		{`MATCH (n {id: 'ab', name: 'N'}) RETURN n.id`, "AllNodesIndexSeek"},
		{`MATCH (n) WHERE n.id = 9007199254740993 RETURN n.id`, "AllNodesIndexSeek"},
		{`MATCH (n) WHERE n.id IN [9007199254740992.0, 1] RETURN n.id`, "AllNodesIndexSeek"},
		{`MATCH (n) WHERE n.name = 'a' RETURN n.id`, "AllNodesIndexSeek"},
		{`MATCH (n) WHERE n.id IN $ids AND n.id <> 'u' RETURN n.id`, "AllNodesIndexSeek"},
		{`MATCH (n) WHERE n.id IN $ids AND n:B RETURN n.id`, "AllNodesIndexSeek"},
		{`UNWIND ['a', 'u', 'zz', $id] AS k MATCH (n) WHERE n.id = k RETURN k, n.id`, "AllNodesIndexSeek"},
		{`MATCH (n)-[r]-(m) WHERE n.id = $id RETURN n.id, type(r), m.id`, "AllNodesIndexSeek"},
		{`MATCH (m)-[r]-(n) WHERE n.id IN $ids RETURN n.id, type(r), m.id`, "AllNodesIndexSeek"},
		{`MATCH (n) WHERE n.id = $id OPTIONAL MATCH (n)-[r]-() RETURN n.id, type(r) AS type, count(r) AS count`, "AllNodesIndexSeek"},
		{`MATCH (x:A) WITH collect(x.id) AS ids MATCH (n) WHERE n.id IN ids RETURN n.id`, "AllNodesIndexSeek"},
		{`MATCH (a:A) WHERE a.id IN $ids RETURN a.id, labels(a)`, "NodeIndexSeek"},
		{`MATCH (a:B:A) WHERE a.id IN ['ab', 'b'] RETURN a.id`, "NodeIndexSeek"},
		{`MATCH (a)-[r]->(b) WHERE r.id IN $ids RETURN a.id, r.id, b.id`, "RelationshipIndexSeek"},
		{`MATCH (a)-[r]->(b) WHERE r.id = $id RETURN a.id, r.id, b.id`, "RelationshipIndexSeek"},
		{`MATCH (a)-[r:R]-(b) WHERE $id = r.id RETURN a.id, r.id, b.id`, "RelationshipIndexSeek"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			g := idSeekGraph(t)
			if plan := planText(t, g, "EXPLAIN "+tc.query); !strings.Contains(plan, tc.op) {
				t.Errorf("the plan has no %s:\n%s", tc.op, plan)
			}
			found := false
			for _, params := range idParams {
				want := rowsInOrder(t, noIndex{g}, tc.query, params)
				found = found || want != ""
				got := rowsInOrder(t, g, tc.query, params)
				if tc.op == "RelationshipIndexSeek" { // no order promised
					got, want = rowsOf(t, g, tc.query, params), rowsOf(t, noIndex{g}, tc.query, params)
				}
				if got != want {
					t.Errorf("%v: with the index:\n%s\nwant\n%s", params, got, want)
				}
			}
			if !found {
				t.Errorf("no parameters find anything")
			}
		})
	}
}

// TestIDSeekNotChosen lists WHERE clauses a seek by id cannot serve: the
// planner must not seek without a label, and must keep NodeIndexSeek
// with one.
func TestIDSeekNotChosen(t *testing.T) {
	for _, tc := range []struct{ query, want string }{
		{`MATCH (n) WHERE n.id = 'a' OR n.id = 'b' RETURN n.id`, "AllNodesScan"},
		{`MATCH (n) WHERE n.id = 'a' OR n.name = 'N' RETURN n.id`, "AllNodesScan"},
		{`MATCH (n) WHERE n.id = n.name RETURN n.id`, "AllNodesScan"},
		{`MATCH (n) WHERE n.id IN [n.name] RETURN n.id`, "AllNodesScan"},
		{`MATCH (n) WHERE n.id <> $id RETURN n.id`, "AllNodesScan"},
		{`MATCH (n) WHERE NOT n.id = $id RETURN n.id`, "AllNodesScan"},
		{`MATCH (n) WHERE n.kind = $id RETURN n.id`, "AllNodesScan"},
		{`MATCH (n) WHERE $id IN n.id RETURN n.id`, "AllNodesScan"},
		{`MATCH (n)-->(m) WHERE n.id = m.name RETURN n.id`, "AllNodesScan"},
		{`MATCH (n:A) WHERE n.id = $id RETURN n.id`, "NodeIndexSeek n:A(id)"},
		{`MATCH (n:A {id: $id}) RETURN n.id`, "NodeIndexSeek n:A(id)"},
		{`MATCH (n:A) WHERE n.id <> $id RETURN n.id`, "NodeByLabelScan"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			g := idSeekGraph(t)
			plan := planText(t, g, "EXPLAIN "+tc.query)
			if strings.Contains(plan, "AllNodesIndexSeek") || !strings.Contains(plan, tc.want) {
				t.Errorf("want %s, no AllNodesIndexSeek:\n%s", tc.want, plan)
			}
		})
	}
}

// TestIDSeekValueErrors: a value that is not a list for IN is left to the
// filter, which fails as it would after a scan.
func TestIDSeekValueErrors(t *testing.T) {
	g := idSeekGraph(t)
	for _, q := range []string{
		`MATCH (n) WHERE n.id IN $id RETURN n.id`,
		`MATCH (n:A) WHERE n.id IN $id RETURN n.id`,
		`MATCH (a)-[r]->(b) WHERE r.id IN $id RETURN r.id`,
	} {
		p := map[string]any{"id": "u"}
		_, werr := runRows(noIndex{g}, q, p)
		_, gerr := runRows(g, q, p)
		if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
			t.Errorf("%s: error %v, want %v", q, gerr, werr)
		}
	}
}

// TestIDSeekFollowsWrites runs writes — labels added and removed, nodes
// created without a label, ids changed, nodes deleted, each followed by a
// seek in the same query — on two copies of a graph, one seeking and one
// scanning: each write, and a seek after it, must find the same on both;
// so must a seek after a query that failed.
func TestIDSeekFollowsWrites(t *testing.T) {
	g, scanned := idSeekGraph(t), idSeekGraph(t)
	q := `MATCH (n) WHERE n.id IN ['a', 'u', 'new', 'ab', 'u3'] RETURN n.id, labels(n)`
	check := func(step string) {
		t.Helper()
		if got, want := rowsInOrder(t, g, q, nil), rowsInOrder(t, noIndex{scanned}, q, nil); got != want {
			t.Errorf("after %s: %s, want %s", step, got, want)
		}
	}
	check("nothing")
	for _, w := range []string{
		`MATCH (n:A {id: 'a'}) REMOVE n:A WITH n MATCH (m) WHERE m.id = 'a' RETURN labels(m)`,
		`CREATE ({id: 'new'}) WITH 1 AS one MATCH (m) WHERE m.id = 'new' RETURN labels(m)`,
		`MATCH (n {id: 'new'}) SET n:C WITH n MATCH (m) WHERE m.id = 'new' RETURN labels(m)`,
		`MATCH (n {id: 'u2'}) SET n.id = 'u3' WITH n MATCH (m) WHERE m.id = 'u3' RETURN m.id`,
		`MATCH (n:A:B) REMOVE n:A, n:B WITH n MATCH (m) WHERE m.id IN [n.id] RETURN m.id, labels(m)`,
		`MATCH (n {id: 'u3'}) DETACH DELETE n WITH 1 AS one MATCH (m) WHERE m.id = 'u3' RETURN count(m)`,
	} {
		got, want := rowsInOrder(t, g, w, nil), rowsInOrder(t, noIndex{scanned}, w, nil)
		if got != want || got == "" {
			t.Errorf("%s: %q, want %q", w, got, want)
		}
		check(w)
	}
	for _, w := range []string{
		`MATCH (n {id: 'u'}) SET n:Z WITH n MATCH (m) WHERE m.id = 'u' RETURN 1 / 0`,
		`MATCH (n {id: 'new'}) REMOVE n:C SET n.id = 'u' WITH n RETURN 1 / 0`,
		`CREATE ({id: 'a'}) WITH 1 AS x RETURN 1 / 0`,
	} {
		if _, err := cypher.Run(context.Background(), g, w, nil); err == nil {
			t.Fatalf("%s did not fail", w)
		}
		check("a failed " + w)
	}
}
