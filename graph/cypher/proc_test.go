package cypher_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

// testProcs registers test.double(x :: NUMBER) :: (y :: NUMBER),
// test.range(n :: INTEGER) :: (i :: INTEGER), test.names() yielding the
// names of P nodes as nodes, and test.fail() returning an error.
func testProcs(t *testing.T) *cypher.Procedures {
	t.Helper()
	ps := cypher.NewProcedures()
	for _, p := range []cypher.Procedure{
		{
			Name:    "test.double",
			Inputs:  []cypher.ProcedureField{{Name: "x", Type: "NUMBER?"}},
			Outputs: []cypher.ProcedureField{{Name: "y", Type: "NUMBER?"}},
			Func: func(_ context.Context, _ cypher.Graph, args []any) ([][]any, error) {
				switch x := args[0].(type) {
				case int64:
					return [][]any{{2 * x}}, nil
				case float64:
					return [][]any{{2 * x}}, nil
				}
				return [][]any{{nil}}, nil
			},
		},
		{
			Name:    "test.range",
			Inputs:  []cypher.ProcedureField{{Name: "n", Type: "INTEGER"}},
			Outputs: []cypher.ProcedureField{{Name: "i", Type: "INTEGER"}},
			Func: func(_ context.Context, _ cypher.Graph, args []any) ([][]any, error) {
				n, _ := args[0].(int64)
				var rows [][]any
				for i := range n {
					rows = append(rows, []any{i})
				}
				return rows, nil
			},
		},
		{
			Name:    "test.nodes",
			Outputs: []cypher.ProcedureField{{Name: "node", Type: "NODE"}},
			Func: func(_ context.Context, g cypher.Graph, _ []any) ([][]any, error) {
				var rows [][]any
				g.ScanNodes("P", func(id int64) bool {
					rows = append(rows, []any{cypher.Node{ID: id}})
					return true
				})
				return rows, nil
			},
		},
		{
			Name:    "test.sum",
			Inputs:  []cypher.ProcedureField{{Name: "xs", Type: "LIST OF FLOAT"}},
			Outputs: []cypher.ProcedureField{{Name: "total", Type: "FLOAT"}},
			Func: func(_ context.Context, _ cypher.Graph, args []any) ([][]any, error) {
				total := 0.0
				for _, x := range args[0].([]any) {
					total += x.(float64) // integers arrive converted
				}
				return [][]any{{total}}, nil
			},
		},
		{
			Name: "test.fail",
			Func: func(context.Context, cypher.Graph, []any) ([][]any, error) {
				return nil, errors.New("boom")
			},
		},
	} {
		if err := ps.Register(p); err != nil {
			t.Fatal(err)
		}
	}
	return ps
}

func TestCall(t *testing.T) {
	g := memgraph.New()
	mustRun(t, g, `CREATE (:P {name: 'a'})-[:R {w: 1}]->(:P:Q {name: 'b', age: 3})-[:S]->(:T)`, nil)
	opts := cypher.Options{Procedures: testProcs(t)}
	tests := []struct {
		name, query string
		params      map[string]any
		cols        []string
		want        [][]any
	}{
		{"db.labels standalone", `CALL db.labels()`, nil, []string{"label"}, [][]any{{"P"}, {"Q"}, {"T"}}},
		{"db.relationshipTypes", `CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS ts`, nil,
			[]string{"ts"}, [][]any{{[]any{"R", "S"}}}},
		{"db.propertyKeys implicit", `CALL db.propertyKeys`, nil, []string{"propertyKey"}, [][]any{{"age"}, {"name"}, {"w"}}},
		{"yield where", `CALL db.labels() YIELD label WHERE label <> 'Q' RETURN label`, nil, []string{"label"}, [][]any{{"P"}, {"T"}}},
		{"per row", `UNWIND [1, 2.5] AS x CALL test.double(x) YIELD y RETURN x, y`, nil, []string{"x", "y"},
			[][]any{{int64(1), int64(2)}, {2.5, 5.0}}},
		{"rows multiply", `UNWIND [1, 3] AS n CALL test.range(n) YIELD i AS k RETURN n, k`, nil, []string{"n", "k"},
			[][]any{{int64(1), int64(0)}, {int64(3), int64(0)}, {int64(3), int64(1)}, {int64(3), int64(2)}}},
		{"implicit arguments", `CALL test.range`, map[string]any{"n": int64(2)}, []string{"i"}, [][]any{{int64(0)}, {int64(1)}}},
		{"standalone yield subset", `CALL test.double(4) YIELD y`, nil, []string{"y"}, [][]any{{int64(8)}}},
		{"list argument converted", `CALL test.sum([1, 2.5])`, nil, []string{"total"}, [][]any{{3.5}}},
		{"node outputs", `CALL test.nodes() YIELD node RETURN node.name AS n ORDER BY n`, nil, []string{"n"}, [][]any{{"a"}, {"b"}}},
		{"node outputs match", `CALL test.nodes() YIELD node MATCH (node)-[:R]->(m) RETURN m.name`, nil, []string{"m.name"}, [][]any{{"b"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := cypher.RunWith(context.Background(), g, tc.query, tc.params, opts)
			if err != nil {
				t.Fatalf("RunWith(%q): %v", tc.query, err)
			}
			if !reflect.DeepEqual(res.Columns, tc.cols) || !reflect.DeepEqual(res.Rows, tc.want) {
				t.Fatalf("got %v %v, want %v %v", res.Columns, res.Rows, tc.cols, tc.want)
			}
		})
	}
}

func TestCallErrors(t *testing.T) {
	g := memgraph.New()
	opts := cypher.Options{Procedures: testProcs(t)}
	tests := []struct {
		name, query   string
		params        map[string]any
		typ, detail   string
		runtimeFailed bool
	}{
		{"unknown", `CALL no.such()`, nil, cypher.ProcedureError, "ProcedureNotFound", false},
		{"arity", `CALL test.double(1, 2)`, nil, cypher.SyntaxError, "InvalidNumberOfArguments", false},
		{"static type", `CALL test.range('x')`, nil, cypher.SyntaxError, "InvalidArgumentType", false},
		{"runtime type", `CALL test.range($n)`, map[string]any{"n": "x"}, cypher.TypeError, "InvalidArgumentType", true},
		{"missing implicit", `CALL test.range`, nil, cypher.ParameterMissing, "MissingParameter", false},
		{"implicit in query", `CALL test.range YIELD i RETURN i`, nil, cypher.SyntaxError, "InvalidArgumentPassingMode", false},
		{"already bound", `WITH 1 AS i CALL test.range(2) YIELD i RETURN i`, nil, cypher.SyntaxError, "VariableAlreadyBound", false},
		{"unknown output", `CALL test.range(2) YIELD j RETURN j`, nil, cypher.SyntaxError, "UndefinedVariable", false},
		{"yield star in query", `CALL test.range(2) YIELD * RETURN i`, nil, cypher.SyntaxError, "UnexpectedSyntax", false},
		{"no yield in query", `UNWIND [1] AS x CALL test.range(2) RETURN x`, nil, cypher.SyntaxError, "UnexpectedSyntax", false},
		{"aggregate argument", `MATCH (n) CALL test.range(count(n)) YIELD i RETURN i`, nil, cypher.SyntaxError, "InvalidAggregation", false},
		{"ends with outputs", `UNWIND [1] AS x CALL test.range(2) YIELD i`, nil, cypher.SyntaxError, "InvalidClauseComposition", false},
		{"list element type", `CALL test.sum([1, 'x'])`, nil, cypher.TypeError, "InvalidArgumentType", true},
		{"failing procedure", `CALL test.fail()`, nil, cypher.ProcedureError, "ProcedureCallFailed", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cypher.RunWith(context.Background(), g, tc.query, tc.params, opts)
			ce, ok := cypher.IsError(err)
			if !ok {
				t.Fatalf("RunWith(%q) = %v, want a *cypher.Error", tc.query, err)
			}
			phase := cypher.CompileTime
			if tc.runtimeFailed {
				phase = cypher.Runtime
			}
			if ce.Type != tc.typ || ce.Detail != tc.detail || ce.Phase != phase {
				t.Fatalf("got %s/%s at %s (%v), want %s/%s at %s", ce.Type, ce.Detail, ce.Phase, err, tc.typ, tc.detail, phase)
			}
		})
	}
}

func TestRegisterProcedureErrors(t *testing.T) {
	fn := func(context.Context, cypher.Graph, []any) ([][]any, error) { return nil, nil }
	tests := []struct {
		name string
		p    cypher.Procedure
	}{
		{"no name", cypher.Procedure{Func: fn}},
		{"no func", cypher.Procedure{Name: "a.b"}},
		{"bad type", cypher.Procedure{Name: "a.b", Func: fn, Inputs: []cypher.ProcedureField{{Name: "x", Type: "WIDGET"}}}},
		{"repeated output", cypher.Procedure{Name: "a.b", Func: fn, Outputs: []cypher.ProcedureField{{Name: "x"}, {Name: "x"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := cypher.NewProcedures().Register(tc.p); err == nil {
				t.Fatal("Register succeeded, want an error")
			}
		})
	}
	ps := cypher.NewProcedures()
	if err := ps.Register(cypher.Procedure{Name: "a.b", Func: fn, Inputs: []cypher.ProcedureField{
		{Name: "x", Type: "list of integer?"}, {Name: "y", Type: "LIST? OF STRING?"}, {Name: "z", Type: "LIST<MAP>"}}}); err != nil {
		t.Fatalf("Register: %v", err)
	}
	if got := ps.Names(); !reflect.DeepEqual(got, []string{"a.b"}) {
		t.Fatalf("Names() = %v", got)
	}
}
