package cypher_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

// cliqueGraph links each of n nodes to every other one both ways: the
// number of trails between two nodes is exponential in n.
func cliqueGraph(t testing.TB, n int) *memgraph.Graph {
	t.Helper()
	g := memgraph.New()
	if _, err := cypher.Run(context.Background(), g,
		`UNWIND range(1, $n) AS i CREATE (:N {i: i}) WITH count(*) AS c
		 MATCH (a:N), (b:N) WHERE a <> b CREATE (a)-[:L]->(b)`, map[string]any{"n": int64(n)}); err != nil {
		t.Fatal(err)
	}
	return g
}

const smallBudget = 8 << 20

// TestHostileQueriesEndCleanly runs queries that would take gigabytes or
// hours under a small memory budget and a time limit: each must fail with
// the budget's or the deadline's error, soon, and the engine must go on
// answering.
func TestHostileQueriesEndCleanly(t *testing.T) {
	g := cliqueGraph(t, 8)
	tests := []struct {
		name, query string
	}{
		{"all paths", `MATCH p=()-[*]-() RETURN count(p)`},
		{"collect of 25 million pairs", `UNWIND range(1,5000) AS x UNWIND range(1,5000) AS y WITH collect([x,y]) AS c RETURN size(c)`},
		{"sort of 25 million rows", `UNWIND range(1,5000) AS x UNWIND range(1,5000) AS y RETURN x, y ORDER BY y DESC, x`},
		{"distinct of 25 million rows", `UNWIND range(1,5000) AS x UNWIND range(1,5000) AS y RETURN DISTINCT x * 5000 + y AS k`},
		{"grouping of 25 million keys", `UNWIND range(1,5000) AS x UNWIND range(1,5000) AS y RETURN [x, y] AS k, count(*)`},
		{"a huge range", `RETURN size(range(1, 9000000))`},
		{"nested comprehensions", `RETURN size([x IN range(1, 1000000) | range(1, 100)])`},
		{"big result", `UNWIND range(1, 2000000) AS x RETURN x, 'some text to make the row heavier'`},
		{"var-length into nothing", `MATCH (a:N {i: 1})-[*]->(b:Missing) RETURN count(*)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := cypher.ParseWith(tc.query, cypher.Options{MaxMemory: smallBudget})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			start := time.Now()
			_, err = st.Run(ctx, g, nil)
			switch {
			case errors.Is(err, cypher.ErrMemoryBudget):
				if !strings.Contains(err.Error(), "memory budget of 8 MiB") {
					t.Errorf("budget error %q does not state the budget", err)
				}
			case errors.Is(err, context.DeadlineExceeded):
			default:
				t.Fatalf("Run = %v, want the memory budget's or the deadline's error", err)
			}
			t.Logf("%v after %v", err, time.Since(start).Round(time.Millisecond))
			if el := time.Since(start); el > 15*time.Second {
				t.Errorf("took %v to stop", el)
			}
		})
	}
	// The engine is healthy afterwards.
	res, err := cypher.Run(context.Background(), g, `MATCH (n:N) RETURN count(n)`, nil)
	if err != nil || res.Rows[0][0] != int64(8) {
		t.Fatalf("query after the hostile ones: %v %v", res, err)
	}
}

// TestBudgetAllowsOrdinaryQueries checks that queries whose working set is
// small pass under the small budget, however many rows stream through.
func TestBudgetAllowsOrdinaryQueries(t *testing.T) {
	g := cliqueGraph(t, 8)
	for _, q := range []string{
		`UNWIND range(1, 300000) AS x RETURN count(*)`,
		`UNWIND range(1, 300000) AS x WITH x WHERE x % 1000 = 0 RETURN collect(x)`,
		`UNWIND range(1, 300000) AS x RETURN x % 7 AS k, count(*), sum(x) ORDER BY k`,
		`MATCH p=(a:N {i: 1})-[*..3]->(b) RETURN count(p)`,
		`WITH range(1, 100000) AS l UNWIND l AS x RETURN count(x)`,
	} {
		st, err := cypher.ParseWith(q, cypher.Options{MaxMemory: smallBudget})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Run(context.Background(), g, nil); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestTimeout(t *testing.T) {
	g := cliqueGraph(t, 4)
	for _, q := range []string{
		`UNWIND range(1, 10000000) AS x UNWIND range(1, 10000000) AS y RETURN count(*)`,
		`RETURN size([x IN range(1, 10000000) WHERE all(y IN range(1, 10000000) WHERE y > 0)])`,
		`RETURN reduce(s = 0, x IN range(1, 10000000) | s + size([y IN range(1, 1000) | y]))`,
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		start := time.Now()
		_, err := cypher.Run(ctx, g, q, nil)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: %v, want the deadline's error", q, err)
		}
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("%s: took %v to stop after a 200ms deadline", q, el)
		}
	}
}

// TestParserLimits checks that deep nesting fails fast with a clear error
// and that parsing stays linear.
func TestParserLimits(t *testing.T) {
	tests := []struct {
		name  string
		query string
		ok    bool
	}{
		{"a million parentheses", "RETURN " + strings.Repeat("(", 1_000_000) + "1" + strings.Repeat(")", 1_000_000), false},
		{"100k parentheses", "RETURN " + strings.Repeat("(", 100_000) + "1" + strings.Repeat(")", 100_000), false},
		{"100k unclosed parentheses", "RETURN " + strings.Repeat("(", 100_000), false},
		{"100k brackets", "RETURN " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000), false},
		{"100k maps", "RETURN " + strings.Repeat("{a:", 100_000) + "1" + strings.Repeat("}", 100_000), false},
		{"100k minus signs", "RETURN " + strings.Repeat("- ", 100_000) + "1", false},
		{"100k NOTs", "RETURN " + strings.Repeat("NOT ", 100_000) + "true", false},
		{"100k additions", "RETURN 1" + strings.Repeat(" + 1", 100_000), false},
		{"100k property lookups", "WITH {} AS m RETURN m" + strings.Repeat(".a", 100_000), false},
		{"backtracking patterns", "RETURN " + strings.Repeat("(a {k: ", 400) + "1" + strings.Repeat("})", 400), false},
		{"200 parentheses", "RETURN " + strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200), true},
		{"2000 additions", "RETURN 1" + strings.Repeat(" + 1", 2000), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := cypher.Parse(tc.query)
			el := time.Since(start)
			if el > 2*time.Second {
				t.Errorf("parsing took %v", el)
			}
			if tc.ok {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				return
			}
			e, ok := cypher.IsError(err)
			if !ok || e.Type != cypher.SyntaxError {
				t.Fatalf("Parse = %v, want a SyntaxError", err)
			}
			if !errors.Is(err, cypher.ErrTooComplex) && !strings.Contains(tc.name, "backtracking") {
				t.Fatalf("Parse = %v, want ErrTooComplex", err)
			}
		})
	}
}

// FuzzRunBudget runs arbitrary queries on a small graph under a small
// memory budget and a short deadline: each must return or fail with an
// error, never panic, hang or exhaust memory.
func FuzzRunBudget(f *testing.F) {
	for _, q := range []string{
		`MATCH p=()-[*]-() RETURN count(p)`,
		`UNWIND range(1,5000) AS x UNWIND range(1,5000) AS y WITH collect([x,y]) AS c RETURN size(c)`,
		`MATCH (a)-[r]->(b) RETURN a.i, collect(b.i) ORDER BY a.i`,
		`RETURN reduce(s = [], x IN range(1, 100) | s + [x])`,
		`MATCH (a:N) WITH a ORDER BY a.i DESC RETURN DISTINCT a.i % 3`,
		`MATCH (a:N {i: 1}) CREATE (a)-[:L]->(:N {i: 9}) RETURN a`,
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		g := cliqueGraph(t, 5)
		st, err := cypher.ParseWith(q, cypher.Options{MaxMemory: 1 << 20})
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		if _, err := st.Run(ctx, g, nil); err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("Run(%q): %v", q, err)
			}
		}
	})
}

func TestMayWrite(t *testing.T) {
	tests := []struct {
		query string
		want  bool
	}{
		{`MATCH (n) RETURN n`, false},
		{`MATCH (n) WHERE n.name = 'CREATE' RETURN n.set`, false},
		{`MATCH (n) DETACH DELETE n`, true},
		{`match (n) set n.x = 1`, true},
		{`CALL db.labels()`, false},
		{`CALL apoc.create.node(['A'], {})`, true},
		{`CALL { MATCH (n) RETURN n } RETURN n`, false},
		{`CALL { CREATE (n) } RETURN 1`, true},
		{`LOAD CSV FROM 'f' AS l RETURN l`, true},
		{`// CREATE in a comment
		  RETURN 1`, false},
	}
	for _, tc := range tests {
		if got := cypher.MayWrite(tc.query); got != tc.want {
			t.Errorf("MayWrite(%q) = %v, want %v", tc.query, got, tc.want)
		}
	}
}
