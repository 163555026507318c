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

// hiddenMsg is Neo4j's message for a variable that a projection with
// DISTINCT or an aggregation hid from its ORDER BY and WHERE.
const hiddenMsg = "In a WITH/RETURN with DISTINCT or an aggregation, it is not possible to access variables declared before the WITH/RETURN: "

func scopeGraph(t *testing.T) *memgraph.Graph {
	t.Helper()
	g := memgraph.New()
	mustRun(t, g, `UNWIND [['A', 30, 'x'], ['B', 40, 'x'], ['A', 50, 'y'], ['C', 20, 'y']] AS r
		CREATE (:Q {name: r[0], age: r[1], team: r[2]})`, nil)
	return g
}

// TestScopeAfterProjection checks what ORDER BY and WHERE may reference
// after WITH and RETURN (openCypher's with-orderBy, with-where and
// return-orderby rules, as Neo4j 5 applies them): without DISTINCT or an
// aggregation, the projected columns and the incoming variables; with
// them, the projected columns and any projected expression, whole or
// inside a larger one, but no other variable declared before.
func TestScopeAfterProjection(t *testing.T) {
	g := scopeGraph(t)
	tests := []struct {
		name, query string
		want        [][]any
	}{
		{"WHERE after DISTINCT reads a projected expression",
			`MATCH (a:Q) WITH DISTINCT a.name AS name WHERE a.name = 'B' RETURN name`, [][]any{{"B"}}},
		{"WHERE after an aggregation reads a grouping key",
			`MATCH (a:Q) WITH a.team AS team, sum(a.age) AS s WHERE a.team = 'y' RETURN team, s`, [][]any{{"y", int64(70)}}},
		{"ORDER BY after an aggregation, a grouping key inside an expression",
			`MATCH (a:Q) WITH a.name AS name, count(*) AS c ORDER BY a.name + '!' DESC RETURN name, c`,
			[][]any{{"C", int64(1)}, {"B", int64(1)}, {"A", int64(2)}}},
		{"ORDER BY after DISTINCT, a projected expression inside a function",
			`MATCH (a:Q) WITH DISTINCT a.team AS team ORDER BY toUpper(a.team) DESC RETURN team`, [][]any{{"y"}, {"x"}}},
		{"RETURN DISTINCT ordered by the projected expression",
			`MATCH (a:Q) RETURN DISTINCT a.name AS name ORDER BY a.name`, [][]any{{"A"}, {"B"}, {"C"}}},
		{"ORDER BY with an aggregate reads projected keys and aggregates",
			`MATCH (a:Q) RETURN a.team AS t, count(*) AS c ORDER BY a.team + toString(count(*)) DESC`,
			[][]any{{"y", int64(2)}, {"x", int64(2)}}},
		{"ORDER BY with an aggregate and a list comprehension's own variable",
			`MATCH (a:Q) RETURN a.team AS team, count(*) AS c ORDER BY count(*) + size([x IN [1, 2] | x]), team`,
			[][]any{{"x", int64(2)}, {"y", int64(2)}}},
		{"ORDER BY a list comprehension over an aggregated column",
			`MATCH (a:Q) WITH a.team AS team, collect(a.age) AS ages ORDER BY size([x IN ages WHERE x > 25]) DESC RETURN team`,
			[][]any{{"x"}, {"y"}}},
		{"an alias rebinding a variable means the new column",
			`MATCH (a:Q) WITH a.age AS x WITH DISTINCT x % 20 AS x ORDER BY x RETURN x`, [][]any{{int64(0)}, {int64(10)}}},
		{"WHERE without DISTINCT sees the incoming variables",
			`MATCH (a:Q) WITH a.name AS name WHERE a.age > 35 RETURN name ORDER BY name`, [][]any{{"A"}, {"B"}}},
		{"ORDER BY without DISTINCT sees the incoming variables",
			`MATCH (a:Q) WITH a.name AS name ORDER BY a.age LIMIT 1 RETURN name`, [][]any{{"C"}}},
		{"DISTINCT over a whole variable keeps it",
			`MATCH (a:Q) WITH DISTINCT a WHERE a.age < 25 RETURN a.name`, [][]any{{"C"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRun(t, g, tc.query, nil)
			if !reflect.DeepEqual(res.Rows, tc.want) {
				t.Errorf("%s\ngot  %v\nwant %v", tc.query, res.Rows, tc.want)
			}
		})
	}
}

// TestScopeAfterProjectionErrors checks the forms ORDER BY and WHERE must
// reject after WITH and RETURN, with Neo4j's classification and message.
func TestScopeAfterProjectionErrors(t *testing.T) {
	g := scopeGraph(t)
	tests := []struct {
		name, query, detail, msg string
		line, col                int
	}{
		{"WHERE after DISTINCT, a variable declared before",
			`MATCH (a:Q) WITH DISTINCT a.name AS name WHERE a.age > 30 RETURN name`,
			"UndefinedVariable", hiddenMsg + "a", 1, 48},
		{"ORDER BY after an aggregation, a variable declared before",
			`MATCH (a:Q) WITH a.name AS name, count(*) AS c ORDER BY a.age RETURN name`,
			"UndefinedVariable", hiddenMsg + "a", 1, 57},
		{"RETURN DISTINCT ordered by an unprojected property",
			`MATCH (a:Q) RETURN DISTINCT a.name AS name ORDER BY a.age`,
			"UndefinedVariable", hiddenMsg + "a", 1, 53},
		{"ORDER BY with an aggregate, an unprojected variable",
			`MATCH (a:Q) WITH count(*) AS c ORDER BY a.age + count(*) RETURN c`,
			"UndefinedVariable", hiddenMsg + "a", 1, 41},
		{"ORDER BY an unprojected aggregate of a variable declared before",
			`MATCH (a:Q) WITH a.name AS name, min(a.age) AS m ORDER BY sum(a.age) RETURN name`,
			"UndefinedVariable", hiddenMsg + "a", 1, 63},
		{"ORDER BY an unprojected aggregate of a hidden alias",
			"MATCH (a:Q) WITH a, a.age AS s\nWITH a.name AS name, min(s) AS m ORDER BY sum(s) RETURN name",
			"UndefinedVariable", hiddenMsg + "s", 2, 47},
		{"ORDER BY an unprojected aggregate of a projected column",
			`MATCH (a:Q) WITH a.age AS age, count(*) AS c ORDER BY sum(age) RETURN c`,
			"InvalidAggregation", "aggregation is not allowed here", 1, 55},
		{"WHERE after an aggregation, an aggregate",
			`MATCH (a:Q) WITH a.name AS name, count(*) AS c WHERE count(*) > 1 RETURN name`,
			"InvalidAggregation", "aggregation is not allowed here", 1, 54},
		{"ORDER BY with an aggregate, a larger expression over grouping variables",
			`MATCH (a:Q) WITH a.age + 1 AS k, count(*) AS c ORDER BY a.age + 1 + count(*) RETURN k`,
			"AmbiguousAggregationExpression", "not a projected column", 1, 57},
		{"WHERE after DISTINCT, a variable never declared",
			`MATCH (a:Q) WITH DISTINCT a.name AS name WHERE b.x = 1 RETURN name`,
			"UndefinedVariable", "variable `b` not defined", 1, 48},
		{"WHERE without DISTINCT, a variable never declared",
			`WITH 1 AS x WHERE y = 1 RETURN x`,
			"UndefinedVariable", "variable `y` not defined", 1, 19},
		{"WHERE after DISTINCT, a pattern over a hidden variable",
			`MATCH (a:Q) WITH DISTINCT a.name AS name WHERE (a)-->() RETURN name`,
			"UndefinedVariable", hiddenMsg + "a", 1, 48},
		// An alias that rebinds a variable gives the item's text a new
		// meaning: a is a string below, not the node a.name was read from.
		{"WHERE after DISTINCT, a property of a rebound variable",
			`MATCH (a:Q) WITH DISTINCT a.name AS a WHERE a.name = 'B' RETURN a`,
			"InvalidArgumentType", `cannot access property "name" of String`, 0, 0},
		{"ORDER BY a property of a rebound variable",
			`MATCH (a:Q) RETURN a.name AS a ORDER BY a.name`,
			"InvalidArgumentType", `cannot access property "name" of String`, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cypher.Run(context.Background(), g, tc.query, nil)
			var e *cypher.Error
			if !errors.As(err, &e) {
				t.Fatalf("%s\n= %v, want a *cypher.Error", tc.query, err)
			}
			typ, phase := cypher.SyntaxError, cypher.CompileTime
			if tc.line == 0 { // raised on the first row, without a position
				typ, phase = cypher.TypeError, cypher.Runtime
			}
			if e.Type != typ || e.Phase != phase || e.Detail != tc.detail ||
				!strings.Contains(e.Error(), tc.msg) || e.Line != tc.line || e.Column != tc.col {
				t.Errorf("%s\n= %s/%s/%s at %d:%d: %v\nwant %s/%s/%s at %d:%d, saying %q",
					tc.query, e.Type, e.Phase, e.Detail, e.Line, e.Column, err, typ, phase, tc.detail, tc.line, tc.col, tc.msg)
			}
		})
	}
}
