package cypher_test

import (
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

func TestSubqueryExpressions(t *testing.T) {
	g := memgraph.New()
	mustRun(t, g, `CREATE (a:P {name: 'a', n: 1})-[:R]->(b:P {name: 'b', n: 1}), (a)-[:R]->(:P {name: 'c', n: 2}),
		(a)-[:S]->(:Q {name: 'q'}), (b)-[:R]->(:P {name: 'd', n: 9})`, nil)
	tests := []struct {
		name, query string
		want        [][]any
	}{
		{"exists pattern", `MATCH (x:P) WHERE EXISTS { (x)-[:R]->() } RETURN x.name ORDER BY x.name`, [][]any{{"a"}, {"b"}}},
		{"exists pattern where outer", `MATCH (x:P) WHERE EXISTS { (x)-->(y) WHERE y.n = x.n } RETURN x.name`, [][]any{{"a"}}},
		{"not exists", `MATCH (x:P) WHERE NOT EXISTS { MATCH (x)-->() } RETURN x.name ORDER BY x.name`, [][]any{{"c"}, {"d"}}},
		{"count pattern", `MATCH (x:P) RETURN x.name, COUNT { (x)-->() } AS c ORDER BY x.name`,
			[][]any{{"a", int64(3)}, {"b", int64(1)}, {"c", int64(0)}, {"d", int64(0)}}},
		{"count query", `MATCH (x:P {name: 'a'}) RETURN count { MATCH (x)-[:R]->(y) WHERE y.n < 5 RETURN y } AS c`, [][]any{{int64(2)}}},
		{"count in where", `MATCH (x:P) WHERE COUNT { (x)-->(:P) } >= 2 RETURN x.name`, [][]any{{"a"}}},
		{"count with aggregation outside", `MATCH (x:P) RETURN sum(COUNT { (x)-->() }) AS total`, [][]any{{int64(4)}}},
		{"exists in projection", `MATCH (x) RETURN x.name, exists { (x)<-[:S]-() } AS s ORDER BY x.name`,
			[][]any{{"a", false}, {"b", false}, {"c", false}, {"d", false}, {"q", true}}},
		{"subquery with WITH and aggregation", `MATCH (x) WHERE EXISTS { MATCH (x)-->(y) WITH count(y) AS k WHERE k > 2 RETURN k } RETURN x.name`,
			[][]any{{"a"}}},
		{"subquery with UNWIND of outer value", `WITH [1, 2, 3] AS l RETURN COUNT { UNWIND l AS i WITH i WHERE i > 1 RETURN i } AS c`, [][]any{{int64(2)}}},
		{"exists is not an aggregate", `MATCH (x:P) WITH x, EXISTS { (x)-->() } AS out RETURN out, count(*) AS n ORDER BY out`,
			[][]any{{false, int64(2)}, {true, int64(2)}}},
		{"collect query", `MATCH (x:P {name: 'a'}) RETURN COLLECT { MATCH (x)-[:R]->(y) RETURN y.name ORDER BY y.name } AS l`,
			[][]any{{[]any{"b", "c"}}}},
		{"collect nothing", `MATCH (x:P {name: 'd'}) RETURN COLLECT { MATCH (x)-->(y) RETURN y.name } AS l`, [][]any{{[]any{}}}},
		{"collect union dedups", `WITH 'b' AS k RETURN COLLECT { MATCH (n:P {name: k}) RETURN n.n AS v
			UNION MATCH (n:P {name: 'a'}) RETURN n.n AS v UNION MATCH (n:Q) RETURN 7 AS v } AS l`, [][]any{{[]any{int64(1), int64(7)}}}},
		{"collect union all keeps", `RETURN COLLECT { MATCH (n:P {name: 'a'}) RETURN n.n AS v UNION ALL MATCH (n:P {name: 'b'}) RETURN n.n AS v } AS l`,
			[][]any{{[]any{int64(1), int64(1)}}}},
		{"head of collect union by outer row", `UNWIND ['q', 'zz'] AS k RETURN k, head(COLLECT { MATCH (n:P {name: k}) RETURN n
			UNION MATCH (n:Q {name: k}) RETURN n }) IS NOT NULL AS found ORDER BY k`, [][]any{{"q", true}, {"zz", false}}},
		{"count union", `RETURN COUNT { MATCH (n:P) RETURN n.n AS v UNION MATCH (n:Q) RETURN 1 AS v } AS c`, [][]any{{int64(3)}}},
		{"exists union", `RETURN EXISTS { MATCH (n:Z) RETURN n UNION MATCH (n:Q) RETURN n } AS e`, [][]any{{true}}},
		{"count union of outer-bound parts dedups", `MATCH (x:P) RETURN x.name, COUNT { MATCH (x)-[:R]->(y) RETURN y UNION MATCH (x)-->(y:P) RETURN y } AS c ORDER BY x.name`,
			[][]any{{"a", int64(2)}, {"b", int64(1)}, {"c", int64(0)}, {"d", int64(0)}}},
		{"count union all of outer-bound parts keeps", `MATCH (x:P {name: 'a'}) RETURN COUNT { MATCH (x)-[:R]->(y) RETURN y UNION ALL MATCH (x)-->(y) RETURN y } AS c`,
			[][]any{{int64(5)}}},
		{"exists union in WHERE, the second part matching", `MATCH (x:P) WHERE EXISTS { MATCH (x)-[:R]->(y:Q) RETURN y UNION MATCH (x)-[:S]->(y) RETURN y } RETURN x.name`,
			[][]any{{"a"}}},
		{"count union compared in WHERE", `MATCH (x:P) WHERE COUNT { MATCH (x)-->(y) RETURN y.n AS v UNION ALL MATCH (x)<--(y) RETURN y.n AS v } >= 2 RETURN x.name ORDER BY x.name`,
			[][]any{{"a"}, {"b"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRun(t, g, tc.query, nil)
			if !reflect.DeepEqual(res.Rows, tc.want) {
				t.Fatalf("rows = %v, want %v", res.Rows, tc.want)
			}
		})
	}
}

func TestSubqueryExpressionErrors(t *testing.T) {
	for _, q := range []string{
		`RETURN COLLECT { (n)-->() } AS l`,
		`RETURN COLLECT { MATCH (n) RETURN n, n.id } AS l`,
		`RETURN COLLECT { MATCH (n) RETURN n AS a UNION MATCH (n) RETURN n AS b } AS l`,
		`RETURN COUNT { MATCH (n) RETURN n UNION MATCH (n) RETURN n UNION ALL MATCH (n) RETURN n } AS l`,
	} {
		if _, err := cypher.Parse(q); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
}
