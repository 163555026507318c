package tck_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kgnews/kg/graph/cypher/internal/tck"
	"github.com/kgnews/kg/internal/testutil"
)

// fakeGraph is a scripted tck.Graph: RunFunc answers every query and may
// change nodes; queries records what was run and with which parameters.
type fakeGraph struct {
	nodes   []tck.Node
	nextID  int64
	queries []string
	params  []map[string]any
	RunFunc func(g *fakeGraph, ctx context.Context, query string) (*tck.Result, error)
}

func (g *fakeGraph) Run(ctx context.Context, query string, params map[string]any) (*tck.Result, error) {
	g.queries = append(g.queries, query)
	g.params = append(g.params, params)
	if g.RunFunc == nil {
		return &tck.Result{}, nil
	}
	return g.RunFunc(g, ctx, query)
}

func (g *fakeGraph) Contents(context.Context) ([]tck.Node, []tck.Relationship, error) {
	return append([]tck.Node(nil), g.nodes...), nil, nil
}

func (g *fakeGraph) create(labels ...string) {
	g.nextID++
	g.nodes = append(g.nodes, tck.Node{ID: g.nextID, Labels: labels, Props: map[string]any{"k": int64(1)}})
}

// rows answers any query with fixed columns and rows.
func rows(cols []string, rs ...[]any) func(*fakeGraph, context.Context, string) (*tck.Result, error) {
	return func(*fakeGraph, context.Context, string) (*tck.Result, error) {
		return &tck.Result{Columns: cols, Rows: rs}, nil
	}
}

func fails(typ, phase, detail string) func(*fakeGraph, context.Context, string) (*tck.Result, error) {
	return func(*fakeGraph, context.Context, string) (*tck.Result, error) {
		return nil, &tck.QueryError{Type: typ, Phase: phase, Detail: detail}
	}
}

// scenario builds a one-scenario feature from step lines.
func scenario(t *testing.T, steps ...string) *tck.Scenario {
	t.Helper()
	src := "Feature: F\n  Scenario: [1] s\n"
	for _, s := range steps {
		src += "    " + strings.ReplaceAll(s, "\n", "\n    ") + "\n"
	}
	f, err := tck.ParseFeature("x/F.feature", []byte(src))
	if err != nil {
		t.Fatalf("bad test scenario: %v\n%s", err, src)
	}
	return f.Scenarios[0]
}

const query = "When executing query:\n  \"\"\"\n  RETURN 1\n  \"\"\""

func TestRunScenario(t *testing.T) {
	tests := []struct {
		name   string
		steps  []string
		run    func(*fakeGraph, context.Context, string) (*tck.Result, error)
		status tck.Status
		msg    string // substring of the outcome's message
	}{
		{
			name:  "rows in any order",
			steps: []string{"Given an empty graph", query, "Then the result should be, in any order:\n  | a | b |\n  | 1 | 'x' |\n  | 2 | 'y' |", "And no side effects"},
			run:   rows([]string{"a", "b"}, []any{int64(2), "y"}, []any{int64(1), "x"}),
		},
		{
			name:   "missing row",
			steps:  []string{query, "Then the result should be, in any order:\n  | a |\n  | 1 |\n  | 1 |"},
			run:    rows([]string{"a"}, []any{int64(1)}, []any{int64(2)}),
			status: tck.Failed, msg: "1 missing, 1 unexpected",
		},
		{
			name:   "column names",
			steps:  []string{query, "Then the result should be, in any order:\n  | a | b |"},
			run:    rows([]string{"b", "a"}),
			status: tck.Failed, msg: "columns",
		},
		{
			name:   "wrong column count in a row",
			steps:  []string{query, "Then the result should be, in any order:\n  | a |\n  | 1 |"},
			run:    rows([]string{"a"}, []any{int64(1), int64(2)}),
			status: tck.Failed, msg: "2 values for 1 columns",
		},
		{
			name:  "in order",
			steps: []string{query, "Then the result should be, in order:\n  | a |\n  | 1 |\n  | 2 |"},
			run:   rows([]string{"a"}, []any{int64(1)}, []any{int64(2)}),
		},
		{
			name:   "out of order",
			steps:  []string{query, "Then the result should be, in order:\n  | a |\n  | 1 |\n  | 2 |"},
			run:    rows([]string{"a"}, []any{int64(2)}, []any{int64(1)}),
			status: tck.Failed, msg: "row 1 differs",
		},
		{
			name:  "ignoring list order",
			steps: []string{query, "Then the result should be (ignoring element order for lists):\n  | l |\n  | [1, 2] |"},
			run:   rows([]string{"l"}, []any{[]any{int64(2), int64(1)}}),
		},
		{
			name:   "list order matters otherwise",
			steps:  []string{query, "Then the result should be, in any order:\n  | l |\n  | [1, 2] |"},
			run:    rows([]string{"l"}, []any{[]any{int64(2), int64(1)}}),
			status: tck.Failed, msg: "rows differ",
		},
		{
			name:  "empty result",
			steps: []string{query, "Then the result should be empty"},
			run:   rows([]string{"a"}),
		},
		{
			name:   "not empty",
			steps:  []string{query, "Then the result should be empty"},
			run:    rows([]string{"a"}, []any{nil}),
			status: tck.Failed, msg: "want no rows",
		},
		{
			name:  "compile-time error",
			steps: []string{query, "Then a SyntaxError should be raised at compile time: UndefinedVariable"},
			run:   fails("SyntaxError", tck.CompileTime, "UndefinedVariable"),
		},
		{
			name:   "wrong detail",
			steps:  []string{query, "Then a SyntaxError should be raised at compile time: UndefinedVariable"},
			run:    fails("SyntaxError", tck.CompileTime, "VariableTypeConflict"),
			status: tck.Failed, msg: "got SyntaxError at compile time: VariableTypeConflict",
		},
		{
			name:   "wrong phase",
			steps:  []string{query, "Then a TypeError should be raised at runtime: InvalidArgumentType"},
			run:    fails("TypeError", tck.CompileTime, "InvalidArgumentType"),
			status: tck.Failed, msg: "want TypeError at runtime",
		},
		{
			name:   "wrong type",
			steps:  []string{query, "Then a TypeError should be raised at runtime: InvalidArgumentType"},
			run:    fails("ArgumentError", tck.Runtime, "InvalidArgumentType"),
			status: tck.Failed, msg: "got ArgumentError",
		},
		{
			name:  "any time",
			steps: []string{query, "Then a TypeError should be raised at any time: InvalidArgumentType"},
			run:   fails("TypeError", tck.Runtime, "InvalidArgumentType"),
		},
		{
			name:   "expected error, got rows",
			steps:  []string{query, "Then a TypeError should be raised at any time: InvalidArgumentType"},
			run:    rows([]string{"a"}, []any{int64(1)}),
			status: tck.Failed, msg: "query succeeded with 1 rows",
		},
		{
			name:  "unclassified error",
			steps: []string{query, "Then a TypeError should be raised at any time: InvalidArgumentType"},
			run: func(*fakeGraph, context.Context, string) (*tck.Result, error) {
				return nil, errors.New("boom")
			},
			status: tck.Failed, msg: "unclassified error boom",
		},
		{
			name:   "error where rows were expected",
			steps:  []string{query, "Then the result should be empty"},
			run:    fails("SyntaxError", tck.CompileTime, "UnexpectedSyntax"),
			status: tck.Failed, msg: "query failed",
		},
		{
			name:   "error never checked",
			steps:  []string{query},
			run:    fails("SyntaxError", tck.CompileTime, "UnexpectedSyntax"),
			status: tck.Failed, msg: "query failed",
		},
		{
			name:  "failed query leaves no trace",
			steps: []string{query, "Then a ConstraintVerificationFailed should be raised at runtime: DeleteConnectedNode"},
			run: func(g *fakeGraph, _ context.Context, _ string) (*tck.Result, error) {
				g.create("A")
				return nil, &tck.QueryError{Type: "ConstraintVerificationFailed", Phase: tck.Runtime, Detail: "DeleteConnectedNode"}
			},
			status: tck.Failed, msg: "left side effects: +nodes 1, +labels 1, +properties 1",
		},
		{
			name:  "side effects",
			steps: []string{query, "Then the result should be empty", "And the side effects should be:\n  | +nodes | 1 |\n  | +labels | 1 |\n  | +properties | 1 |"},
			run: func(g *fakeGraph, _ context.Context, _ string) (*tck.Result, error) {
				g.create("A")
				return &tck.Result{}, nil
			},
		},
		{
			name:  "unexpected side effects",
			steps: []string{query, "Then the result should be empty", "And no side effects"},
			run: func(g *fakeGraph, _ context.Context, _ string) (*tck.Result, error) {
				g.create()
				return &tck.Result{}, nil
			},
			status: tck.Failed, msg: "got +nodes 1, +properties 1, want none",
		},
		{
			name: "setup does not count as a side effect",
			steps: []string{"Given an empty graph", "And having executed:\n  \"\"\"\n  CREATE ()\n  \"\"\"",
				query, "Then the result should be empty", "And no side effects"},
			run: func(g *fakeGraph, _ context.Context, q string) (*tck.Result, error) {
				if strings.HasPrefix(q, "CREATE") {
					g.create()
				}
				return &tck.Result{}, nil
			},
		},
		{
			name:   "failed setup",
			steps:  []string{"And having executed:\n  \"\"\"\n  CREATE ()\n  \"\"\"", query},
			run:    fails("SyntaxError", tck.CompileTime, "UnexpectedSyntax"),
			status: tck.Failed, msg: "setup query failed",
		},
		{
			name:   "graph not empty at start",
			steps:  []string{"Given an empty graph", query},
			status: tck.Failed, msg: "not empty",
		},
		{
			name:   "panic",
			steps:  []string{query, "Then the result should be empty"},
			run:    func(*fakeGraph, context.Context, string) (*tck.Result, error) { panic("kaboom") },
			status: tck.Failed, msg: "engine panicked: kaboom",
		},
		{
			name:  "timeout honoured",
			steps: []string{query, "Then the result should be empty"},
			run: func(_ *fakeGraph, ctx context.Context, _ string) (*tck.Result, error) {
				<-ctx.Done()
				return nil, ctx.Err()
			},
			status: tck.Failed, msg: "timed out: context deadline exceeded",
		},
		{
			name:   "procedure",
			steps:  []string{"And there exists a procedure test.my.proc() :: (out :: INTEGER?):\n  | out |", query},
			status: tck.Unsupported, msg: "procedure",
		},
		{
			name:   "unknown step",
			steps:  []string{"Given a graph of dragons", query},
			status: tck.Unsupported, msg: "unknown step",
		},
		{
			name:   "no expectation",
			steps:  []string{query, "And no side effects"},
			status: tck.Unsupported, msg: "no expected result",
		},
		{
			name:   "error step without a query",
			steps:  []string{"Then a SyntaxError should be raised at compile time: UndefinedVariable"},
			status: tck.Failed, msg: "no query was executed",
		},
		{
			name:   "bad expected value",
			steps:  []string{query, "Then the result should be, in any order:\n  | a |\n  | 'open |"},
			run:    rows([]string{"a"}, []any{"open"}),
			status: tck.Failed, msg: "bad TCK value",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := &fakeGraph{RunFunc: tc.run}
			if tc.name == "graph not empty at start" {
				g.create()
			}
			out := tck.RunScenario(context.Background(), scenario(t, tc.steps...), g, tck.Options{Timeout: 200 * time.Millisecond})
			if out.Status != tc.status || !strings.Contains(out.Msg, tc.msg) {
				t.Errorf("outcome = %v %q, want %v containing %q", out.Status, out.Msg, tc.status, tc.msg)
			}
		})
	}
}

func TestRunScenarioParametersAndNamedGraph(t *testing.T) {
	sc := scenario(t,
		"Given the tiny graph",
		"And parameters are:\n  | n | 1 |\n  | l | [1, 'a'] |",
		query,
		"Then the result should be, in any order:\n  | x |\n  | 1 |",
		"And no side effects",
	)
	g := &fakeGraph{RunFunc: func(g *fakeGraph, _ context.Context, q string) (*tck.Result, error) {
		if strings.HasPrefix(q, "CREATE") {
			g.create()
			return &tck.Result{}, nil
		}
		return &tck.Result{Columns: []string{"x"}, Rows: [][]any{{int64(1)}}}, nil
	}}
	graphs := fstest.MapFS{"tiny/tiny.cypher": {Data: []byte("CREATE ()\n;\n")}}
	out := tck.RunScenario(context.Background(), sc, g, tck.Options{Graphs: graphs})
	if out.Status != tck.Passed {
		t.Fatalf("outcome = %v %q", out.Status, out.Msg)
	}
	if len(g.queries) != 2 || g.queries[0] != "CREATE ()" || g.queries[1] != "RETURN 1" {
		t.Errorf("queries = %q", g.queries)
	}
	want := map[string]any{"n": int64(1), "l": []any{int64(1), "a"}}
	if !tck.Equal(want, g.params[1], false) {
		t.Errorf("params = %v, want %v", g.params[1], want)
	}

	out = tck.RunScenario(context.Background(), sc, &fakeGraph{}, tck.Options{})
	if out.Status != tck.Unsupported {
		t.Errorf("without Graphs: outcome = %v %q, want unsupported", out.Status, out.Msg)
	}
}

func TestRunScenarioIgnored(t *testing.T) {
	f, err := tck.ParseFeature("x/F.feature", []byte("Feature: F\n  @ignore\n  Scenario: s\n    "+query+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	g := &fakeGraph{}
	out := tck.RunScenario(context.Background(), f.Scenarios[0], g, tck.Options{})
	if out.Status != tck.Unsupported || len(g.queries) != 0 {
		t.Errorf("outcome = %v %q after %d queries, want unsupported without running", out.Status, out.Msg, len(g.queries))
	}
}

func TestRunScenarioEngineIgnoresCancellation(t *testing.T) {
	if testing.Short() {
		testutil.Skip(t, "waits for the grace period: skipped with -short")
	}
	release := make(chan struct{})
	defer close(release)
	g := &fakeGraph{RunFunc: func(*fakeGraph, context.Context, string) (*tck.Result, error) {
		<-release
		return &tck.Result{}, nil
	}}
	out := tck.RunScenario(context.Background(), scenario(t, query), g, tck.Options{Timeout: 10 * time.Millisecond})
	if out.Status != tck.Failed || !strings.Contains(out.Msg, "ignored cancellation") {
		t.Errorf("outcome = %v %q", out.Status, out.Msg)
	}
}
