package cypher_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

func mustRun(t *testing.T, g cypher.Graph, q string, params map[string]any) *cypher.Result {
	t.Helper()
	res, err := cypher.Run(context.Background(), g, q, params)
	if err != nil {
		t.Fatalf("Run(%q): %v", q, err)
	}
	return res
}

// chain builds (:P {name:'n0'})-[:R]->(:P {name:'n1'})-[:R]->… plus a shortcut.
func chainGraph(t *testing.T) *memgraph.Graph {
	t.Helper()
	g := memgraph.New()
	mustRun(t, g, `UNWIND range(0, 5) AS i CREATE (:P {name: 'n' + toString(i), id: i})`, nil)
	mustRun(t, g, `MATCH (a:P), (b:P) WHERE b.id = a.id + 1 CREATE (a)-[:R]->(b)`, nil)
	mustRun(t, g, `MATCH (a:P {id: 0}), (b:P {id: 3}) CREATE (a)-[:S]->(b)`, nil)
	return g
}

func TestQueries(t *testing.T) {
	g := chainGraph(t)
	tests := []struct {
		name, query string
		params      map[string]any
		want        [][]any
	}{
		{"regex whole string", `MATCH (n:P) WHERE n.name =~ 'n[0-2]' RETURN n.name ORDER BY n.name`, nil,
			[][]any{{"n0"}, {"n1"}, {"n2"}}},
		{"regex partial does not match", `RETURN 'abc' =~ 'b', 'abc' =~ '.*b.*', null =~ 'a'`, nil, [][]any{{false, true, nil}}},
		{"regex case-insensitive flag", `RETURN 'IRAN' =~ '(?i)iran'`, nil, [][]any{{true}}},
		{"toUpper", `RETURN toUpper('Iran'), toUpper(null), toLower('ChINA')`, nil, [][]any{{"IRAN", nil, "china"}}},
		{"shortestPath", `MATCH (a:P {name: 'n0'}), (b:P {name: 'n5'}), p = shortestPath((a)-[*..10]->(b)) RETURN length(p), [n IN nodes(p) | n.id]`, nil,
			[][]any{{int64(3), []any{int64(0), int64(3), int64(4), int64(5)}}}},
		{"shortestPath types", `MATCH (a:P {name: 'n0'}), (b:P {name: 'n5'}), p = shortestPath((a)-[:R*]->(b)) RETURN length(p)`, nil,
			[][]any{{int64(5)}}},
		{"shortestPath none", `MATCH (a:P {name: 'n5'}), (b:P {name: 'n0'}) OPTIONAL MATCH p = shortestPath((a)-[*]->(b)) RETURN p`, nil,
			[][]any{{nil}}},
		{"allShortestPaths", `MATCH (a:P {id: 0}), (b:P {id: 3}) MATCH p = allShortestPaths((a)-[*]-(b)) RETURN length(p)`, nil,
			[][]any{{int64(1)}}},
		{"elementId", `MATCH (n:P {id: 2}) RETURN elementId(n) = elementId(n), elementId(n) STARTS WITH 'n:'`, nil, [][]any{{true, true}}},
		{"params and IN", `MATCH (n:P) WHERE n.name IN $names RETURN count(*)`, map[string]any{"names": []any{"n1", "n4", "zz"}}, [][]any{{int64(2)}}},
		{"var length alternatives", `MATCH (a:P {id: 0})-[:R|S*1..2]->(b) RETURN count(DISTINCT b)`, nil, [][]any{{int64(4)}}},
		{"pattern predicate", `MATCH (n:P) WHERE NOT (n)-->() RETURN n.id`, nil, [][]any{{int64(5)}}},
		{"any/all", `RETURN any(x IN [1, 2] WHERE x > 1), all(x IN [1, 2] WHERE x > 1)`, nil, [][]any{{true, false}}},
		{"collect distinct and case", `UNWIND [1, 1, 2] AS x RETURN collect(DISTINCT CASE WHEN x > 1 THEN 'big' ELSE 'small' END) AS c`, nil,
			[][]any{{[]any{"small", "big"}}}},
		{"coalesce", `RETURN coalesce(null, 'a', 'b')`, nil, [][]any{{"a"}}},
		{"simple CASE with value lists", `UNWIND [1, 3, 5] AS x RETURN CASE x WHEN 1, 2 THEN 'low' WHEN 3, 4 THEN 'mid' ELSE 'high' END`, nil,
			[][]any{{"low"}, {"mid"}, {"high"}}},
		{"order by projected aggregate", `MATCH (n:P) RETURN n.id % 2 AS k, count(*) AS c ORDER BY k + count(*) DESC, k`, nil,
			[][]any{{int64(1), int64(3)}, {int64(0), int64(3)}}},
		{"order by aggregate and parameter", `MATCH (n:P) RETURN max(n.id) AS m ORDER BY $x + max(n.id)`, map[string]any{"x": int64(1)},
			[][]any{{int64(5)}}},
		{"with where sees incoming variables", `UNWIND [1, 2, 3] AS i WITH i * 10 AS t WHERE i > 1 RETURN collect(t)`, nil,
			[][]any{{[]any{int64(20), int64(30)}}}},
		{"nested map access", `WITH {a: {b: {c: 'deep'}}} AS m RETURN m.a.b.c`, nil, [][]any{{"deep"}}},
		{"NaN compares false", `RETURN 0.0 / 0.0 < 1, 0.0 / 0.0 >= 1, 0.0 / 0.0 < 'a'`, nil, [][]any{{false, false, nil}}},
		{"var length over a bound list", `MATCH (a:P {id: 0})-[r1:R]->()-[r2:R]->(b) WITH [r1, r2] AS rs, a, b
			MATCH (x)-[rs*]->(y) RETURN x = a, y = b`, nil, [][]any{{true, true}}},
		{"pattern predicates in boolean positions", `MATCH (n:P {id: 5}) RETURN NOT (n)-->() AND true, CASE WHEN (n)<--() THEN 1 END`, nil,
			[][]any{{true, int64(1)}}},
		{"type of a deleted relationship", `MATCH (:P {id: 4})-[r:R]->() DELETE r RETURN type(r)`, nil, [][]any{{"R"}}},
		{"relationships of a named path", `MATCH p = (:P {id: 0})-[:R]->(:P)-[:R]->(c) RETURN size(relationships(p)), c.id`, nil, [][]any{{int64(2), int64(2)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRun(t, g, tc.query, tc.params)
			if !reflect.DeepEqual(res.Rows, tc.want) {
				t.Fatalf("rows = %v, want %v", res.Rows, tc.want)
			}
		})
	}
}

func TestIndexUse(t *testing.T) {
	tests := []struct {
		query string
		index bool
	}{
		{`MATCH (n:P {name: 'x'}) RETURN n`, true},
		{`MATCH (n:P) WHERE n.id = $id RETURN n`, true},
		{`MATCH (a:P {id: 1})-[:R]->(b) RETURN b`, true},
		{`MATCH (n:P) WHERE n.other = 1 RETURN n`, false},
		{`MATCH (n {name: 'x'}) RETURN n`, false},
	}
	for _, tc := range tests {
		st, err := cypher.Parse(tc.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.query, err)
		}
		plan := st.Explain()
		if got := strings.Contains(plan, "NodeIndexSeek"); got != tc.index {
			t.Errorf("%q: index seek = %v, want %v; plan:\n%s", tc.query, got, tc.index, plan)
		}
	}
	// the seek gives the same answer as a scan
	g := chainGraph(t)
	a := mustRun(t, g, `MATCH (n:P) WHERE n.id = 2 RETURN n.name`, nil)
	b := mustRun(t, g, `MATCH (n:P) WHERE n.id + 0 = 2 RETURN n.name`, nil)
	if !reflect.DeepEqual(a.Rows, b.Rows) || len(a.Rows) != 1 {
		t.Fatalf("seek %v, scan %v", a.Rows, b.Rows)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		query, typ, detail string
		line, col          int
	}{
		{"MATCH (n RETURN n", cypher.SyntaxError, "UnexpectedSyntax", 1, 10},
		{"MATCH (n)\nRETURN m", cypher.SyntaxError, "UndefinedVariable", 2, 8},
		{"RETURN 123 AND true", cypher.SyntaxError, "InvalidArgumentType", 1, 8},
		{"RETURN foo(1)", cypher.SyntaxError, "UnknownFunction", 1, 8},
		{"RETURN 9223372036854775808", cypher.SyntaxError, "IntegerOverflow", 1, 8},
		{"MATCH (n) RETURN (n)-->()", cypher.SyntaxError, "UnexpectedSyntax", 1, 18},
		{"MATCH (n) RETURN size((n)-->()) AS d", cypher.SyntaxError, "UnexpectedSyntax", 1, 23},
		{"MATCH (n) WHERE size((n)-->()) > 1 RETURN n", cypher.SyntaxError, "UnexpectedSyntax", 1, 22},
		{"MATCH p = (n)-->() RETURN labels(p)", cypher.SyntaxError, "InvalidArgumentType", 1, 34},
		{"MATCH (n) RETURN type(n)", cypher.SyntaxError, "InvalidArgumentType", 1, 23},
		{"RETURN properties('x')", cypher.SyntaxError, "InvalidArgumentType", 1, 19},
		{"MATCH (n) DELETE 1 + 1", cypher.SyntaxError, "InvalidArgumentType", 1, 18},
		{"MATCH (n) DELETE n:L", cypher.SyntaxError, "InvalidDelete", 1, 18},
		{"MATCH (a)-[:R..]->(b) RETURN b", cypher.SyntaxError, "InvalidRelationshipPattern", 1, 14},
		{"MATCH (a)-[:R*-2]->(b) RETURN b", cypher.SyntaxError, "InvalidRelationshipPattern", 1, 15},
		{"RETURN 2 — 1", cypher.SyntaxError, "InvalidUnicodeCharacter", 1, 10},
		{"RETURN [x IN [1] | count(*)]", cypher.SyntaxError, "InvalidAggregation", 1, 20},
		{"RETURN count(rand())", cypher.SyntaxError, "NonConstantExpression", 1, 14},
		{"MATCH (a) RETURN a.x + 1 AS k, count(*) AS c ORDER BY a.x + 1 + count(*)", cypher.SyntaxError, "AmbiguousAggregationExpression", 1, 55},
		{"MATCH (a) RETURN count(*) AS c ORDER BY a.x + count(*)", cypher.SyntaxError, "UndefinedVariable", 1, 41},
		{"MATCH (a) WHERE EXISTS { MATCH (a)-->(b) SET b.x = 1 } RETURN a", cypher.SyntaxError, "InvalidClauseComposition", 1, 42},
	}
	for _, tc := range tests {
		_, err := cypher.Parse(tc.query)
		var e *cypher.Error
		if !errors.As(err, &e) {
			t.Fatalf("Parse(%q) = %v, want *Error", tc.query, err)
		}
		if e.Type != tc.typ || e.Detail != tc.detail || e.Line != tc.line || e.Column != tc.col {
			t.Errorf("Parse(%q) = %s/%s at %d:%d, want %s/%s at %d:%d", tc.query, e.Type, e.Detail, e.Line, e.Column, tc.typ, tc.detail, tc.line, tc.col)
		}
	}
	_, err := cypher.Parse("MATCH (n RETURN n")
	e, _ := cypher.IsError(err)
	if want := "MATCH (n RETURN n\n         ^"; e.Caret() != want {
		t.Errorf("Caret() = %q, want %q", e.Caret(), want)
	}
}

func TestRollback(t *testing.T) {
	g := memgraph.New()
	mustRun(t, g, `CREATE (:A {v: 1})`, nil)
	_, err := cypher.Run(context.Background(), g, `MATCH (a:A) CREATE (:B) SET a.v = 2 WITH a RETURN 1 / 0`, nil)
	if err == nil {
		t.Fatal("division by zero succeeded")
	}
	res := mustRun(t, g, `MATCH (n) RETURN labels(n), n.v`, nil)
	if want := [][]any{{[]any{"A"}, int64(1)}}; !reflect.DeepEqual(res.Rows, want) {
		t.Fatalf("after rollback: %v, want %v", res.Rows, want)
	}
}

func TestCancel(t *testing.T) {
	g := chainGraph(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := cypher.Run(ctx, g, `UNWIND range(1, 100000) AS x RETURN count(*)`, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestStatement(t *testing.T) {
	st, err := cypher.Parse(`MATCH (n:P {name: $b}) WHERE n.id > $a RETURN n`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.Parameters(), []string{"a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Parameters() = %v, want %v", got, want)
	}
	if !st.ReadOnly() {
		t.Error("ReadOnly() = false for a MATCH … RETURN")
	}
	w, _ := cypher.Parse(`CREATE (n)`)
	if w.ReadOnly() {
		t.Error("ReadOnly() = true for CREATE")
	}
	_, err = st.Run(context.Background(), memgraph.New(), map[string]any{"a": int64(1)})
	if e, ok := cypher.IsError(err); !ok || e.Type != cypher.ParameterMissing {
		t.Errorf("missing parameter: %v", err)
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"42", int64(42)},
		{"-7", int64(-7)},
		{"1.5", 1.5},
		{"true", true},
		{"NULL", nil},
		{"'Iran'", "Iran"},
		{`"a \"b\""`, `a "b"`},
		{"Donald Trump", "Donald Trump"},
		{"[1, 'a', [true]]", []any{int64(1), "a", []any{true}}},
		{"{k: 1, 'x y': [2]}", map[string]any{"k": int64(1), "x y": []any{int64(2)}}},
	}
	for _, tc := range tests {
		got, err := cypher.ParseValue(tc.in)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseValue(%q) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"[1, 2", "{k 1}", "'open"} {
		if _, err := cypher.ParseValue(bad); err == nil {
			t.Errorf("ParseValue(%q) succeeded", bad)
		}
	}
}

// TestDeleteConnectedCheckedAtQueryEnd: a node deleted while it still has
// relationships is fine when a later clause deletes them, and an error
// (leaving the graph as it was) when none does.
func TestDeleteConnectedCheckedAtQueryEnd(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		wantErr string // Detail, or "" for success
		nodes   int    // nodes left
	}{
		{"relationship deleted by a later clause", `MATCH (a:A)-[r]->() DELETE a WITH r DELETE r`, "", 1},
		{"relationship left", `MATCH (a:A) DELETE a`, "DeleteConnectedNode", 2},
		{"detach", `MATCH (a:A) DETACH DELETE a`, "", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := memgraph.New()
			ctx := context.Background()
			if _, err := cypher.Run(ctx, g, `CREATE (:A)-[:T]->(:B)`, nil); err != nil {
				t.Fatal(err)
			}
			_, err := cypher.Run(ctx, g, tc.query, nil)
			var ce *cypher.Error
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Run: %v", err)
			case tc.wantErr != "" && (!errors.As(err, &ce) || ce.Detail != tc.wantErr):
				t.Fatalf("Run error = %v, want %s", err, tc.wantErr)
			}
			if g.NodeCount() != tc.nodes {
				t.Fatalf("%d nodes left, want %d", g.NodeCount(), tc.nodes)
			}
		})
	}
}
