package cypher_test

import (
	"strings"
	"testing"
)

// TestCountFromStore: a count of the nodes of one label, or of all, is
// read from the graph's label counts, with the result of counting the
// scan; anything more is counted row by row.
func TestCountFromStore(t *testing.T) {
	for _, tc := range []struct {
		query, scanned string
		counts         bool
	}{
		{`MATCH (n) RETURN count(n)`, `MATCH (n) WHERE true RETURN count(n)`, true},
		{`MATCH (n:Actor) RETURN count(*) AS c`, `MATCH (n:Actor) WHERE true RETURN count(*) AS c`, true},
		{`MATCH (:Country) RETURN count(*)`, `MATCH (n:Country) WHERE true RETURN count(*)`, true},
		{`MATCH (n:Nothing) RETURN count(n) AS c ORDER BY c LIMIT 1`, `MATCH (n:Nothing) WHERE true RETURN count(n) AS c`, true},
		{`MATCH (n:Actor:Country) RETURN count(n)`, `MATCH (n:Actor:Country) WHERE true RETURN count(n)`, false},
		{`MATCH (n {id: 'a1'}) RETURN count(n)`, `MATCH (n) WHERE n.id = 'a1' RETURN count(n)`, false},
		{`MATCH (n) RETURN count(DISTINCT n)`, `MATCH (n) WHERE true RETURN count(DISTINCT n)`, false},
		{`MATCH (n) RETURN count(n.name)`, `MATCH (n) WHERE true RETURN count(n.name)`, false},
		{`MATCH (n) RETURN count(n) + 1`, `MATCH (n) WHERE true RETURN count(n) + 1`, false},
		{`MATCH (n)-->() RETURN count(n)`, `MATCH (n)-->() WHERE true RETURN count(n)`, false},
		{`MATCH (n), (m) RETURN count(n)`, `MATCH (n), (m) WHERE true RETURN count(n)`, false},
		{`UNWIND [1, 2] AS x MATCH (n) RETURN count(n)`, `UNWIND [1, 2] AS x MATCH (n) WHERE true RETURN count(n)`, false},
		{`OPTIONAL MATCH (n:Nothing) RETURN count(n)`, `OPTIONAL MATCH (n:Nothing) WHERE true RETURN count(n)`, false},
		{`MATCH (n) WHERE n:Actor OR n:Country RETURN count(n)`, `MATCH (n) WHERE (n:Actor OR n:Country) AND true RETURN count(n)`, false},
	} {
		t.Run(tc.query, func(t *testing.T) {
			g := nameSeekGraph(t)
			if got, want := rowsInOrder(t, g, tc.query, nil), rowsInOrder(t, g, tc.scanned, nil); got != want {
				t.Errorf("got %s, want %s", got, want)
			}
			plan := planText(t, g, "EXPLAIN "+tc.query)
			if counts := strings.Contains(plan, "NodeCountFromCountStore"); counts != tc.counts {
				t.Errorf("plan reads the count store: %v, want %v:\n%s", counts, tc.counts, plan)
			}
		})
	}
}
