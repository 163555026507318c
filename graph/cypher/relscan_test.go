package cypher_test

import (
	"strings"
	"testing"
)

// TestRelTypeScanMatchesExpand runs each query, which the planner answers
// by scanning the relationships of a type, and the same query with the
// type tested in WHERE, which it answers by expanding every node, on the
// graph that scans and on one without RelScanner (the scan then goes
// through every node), and requires the same rows, in any order, from all
// three.
func TestRelTypeScanMatchesExpand(t *testing.T) {
	for _, tc := range []struct{ scan, expand string }{
		{`MATCH (x)-[r:R]->(y) RETURN x.id, r.w, y.id`, `MATCH (x)-[r]->(y) WHERE type(r) = 'R' RETURN x.id, r.w, y.id`},
		{`MATCH (x)<-[r:R]-(y) RETURN x.id, r.w, y.id`, `MATCH (x)<-[r]-(y) WHERE type(r) = 'R' RETURN x.id, r.w, y.id`},
		{`MATCH (x)-[r:R]-(y) RETURN x.id, r.w, y.id`, `MATCH (x)-[r]-(y) WHERE type(r) = 'R' RETURN x.id, r.w, y.id`},
		{`MATCH (x)-[r:R|S]-(y) RETURN x.id, type(r), y.id`, `MATCH (x)-[r]-(y) WHERE type(r) IN ['R', 'S'] RETURN x.id, type(r), y.id`},
		{`MATCH ()-[r:S|T|Nothing]->() RETURN r.id`, `MATCH ()-[r]->() WHERE type(r) IN ['S', 'T'] RETURN r.id`},
		{`MATCH (x)-[r:R {w: 2}]->(y) RETURN x.id, y.id`, `MATCH (x)-[r]->(y) WHERE type(r) = 'R' AND r.w = 2 RETURN x.id, y.id`},
		{`MATCH (x)-[:R]->(m)-[r:S]->(y) RETURN x.id, m.id, y.id`, `MATCH (x)-[q]->(m)-[r]->(y) WHERE type(q) = 'R' AND type(r) = 'S' RETURN x.id, m.id, y.id`},
		{`MATCH (x)-[r:R]->(m)<-[s:R]-(y) RETURN x.id, r.w, m.id, s.w, y.id`,
			`MATCH (x)-[r]->(m)<-[s]-(y) WHERE type(r) = 'R' AND type(s) = 'R' RETURN x.id, r.w, m.id, s.w, y.id`},
		{`MATCH p = (x)-[:R]->(y) RETURN length(p), x.id, y.id`, `MATCH p = (x)-[r]->(y) WHERE type(r) = 'R' RETURN length(p), x.id, y.id`},
		{`MATCH (x)-[r:R]->(y) WHERE x.id <> y.id RETURN count(*)`, `MATCH (x)-[r]->(y) WHERE type(r) = 'R' AND x.id <> y.id RETURN count(*)`},
		{`UNWIND [1, 2] AS k MATCH (x)-[r:R]->(y) WHERE r.w > k RETURN k, r.w`, `UNWIND [1, 2] AS k MATCH (x)-[r]->(y) WHERE type(r) = 'R' AND r.w > k RETURN k, r.w`},
		{`MATCH (x)-[r:R]->(y) MATCH (y)-[s:R]->(z) RETURN r.w, s.w`, `MATCH (x)-[r]->(y) WHERE type(r) = 'R' MATCH (y)-[s]->(z) WHERE type(s) = 'R' RETURN r.w, s.w`},
	} {
		t.Run(tc.scan, func(t *testing.T) {
			g := relSeekGraph(t)
			want := rowsOf(t, g, tc.expand, nil)
			if want == "" {
				t.Fatalf("the reference query finds nothing: %s", tc.expand)
			}
			if got := rowsOf(t, g, tc.scan, nil); got != want {
				t.Errorf("scanning the types:\n%s\nwant\n%s", got, want)
			}
			if got := rowsOf(t, scanOnly{g}, tc.scan, nil); got != want {
				t.Errorf("without RelScanner:\n%s\nwant\n%s", got, want)
			}
			if plan := planText(t, g, "EXPLAIN "+tc.scan); !strings.Contains(plan, "RelationshipTypeScan") && !strings.Contains(plan, "RelationshipTypesScan") {
				t.Errorf("the plan does not scan the relationship types:\n%s", plan)
			}
		})
	}
}

// TestRelTypeScanNotChosen lists patterns better started elsewhere, or
// that the scan cannot bind.
func TestRelTypeScanNotChosen(t *testing.T) {
	for _, q := range []string{
		`MATCH (x:A)-[r:R]->(y) RETURN x.id, y.id`,             // a label to scan
		`MATCH (x)-[r:R]->(x) RETURN x.id`,                     // the same node at both ends
		`MATCH (x)-[r]->(y) RETURN x.id`,                       // no type
		`MATCH (x)-[r:R*1..2]->(y) RETURN x.id`,                // variable length
		`MATCH (x {id: 'a'}) MATCH (x)-[r:R]->(y) RETURN y.id`, // a bound end
		`MATCH (x)-[r:R {id: 'r1'}]->(y) RETURN y.id`,          // an id to seek
		`MATCH (x {id: 'c'})-[r:R]-(y) RETURN r.w, y.id`,       // a node id to seek
	} {
		t.Run(q, func(t *testing.T) {
			g := relSeekGraph(t)
			if plan := planText(t, g, "EXPLAIN "+q); strings.Contains(plan, "TypeScan") || strings.Contains(plan, "TypesScan") {
				t.Errorf("the plan scans the relationship types:\n%s", plan)
			}
		})
	}
}
