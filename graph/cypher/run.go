package cypher

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/kgnews/kg/graph/value"
)

// Statement is a parsed, checked and planned query, reusable across graphs
// and parameter sets. It is safe for concurrent use: operators keep state
// while they run, so each concurrent Run takes a plan of its own from a pool.
type Statement struct {
	query    string
	params   []string
	readOnly bool
	plan     *program // for Explain; never run
	pool     sync.Pool
	opts     Options
}

// Parse checks query syntax and semantics without running it. It returns an
// *Error (Phase CompileTime) on failure.
func Parse(query string) (*Statement, error) { return ParseWith(query, Options{}) }

// ParseWith is [Parse] with options: the statement keeps them, so that it
// calls the procedures of opts.Procedures when it runs.
func ParseWith(query string, opts Options) (*Statement, error) {
	prog, err := prepare(query, opts)
	if err != nil {
		return nil, err
	}
	names := slices.Sorted(maps.Keys(prog.params))
	st := &Statement{query: query, params: names, readOnly: !prog.writes || prog.mode == modeExplain, plan: prog, opts: opts}
	return st, nil
}

// acquire returns a plan for one run, to be given back with release.
func (s *Statement) acquire() (*program, error) {
	if p, ok := s.pool.Get().(*program); ok {
		return p, nil
	}
	p, err := prepare(s.query, s.opts)
	if err != nil {
		return nil, fmt.Errorf("cypher: internal error: query no longer compiles: %w", err)
	}
	return p, nil
}

// Run parses, checks, plans and executes query on g with params. On any
// error the graph is left exactly as before. It honours ctx cancellation,
// returning ctx.Err() (possibly wrapped). Query errors are *Error.
func Run(ctx context.Context, g Graph, query string, params map[string]any) (*Result, error) {
	return RunWith(ctx, g, query, params, Options{})
}

// RunWith is [Run] with options, such as procedures to call.
func RunWith(ctx context.Context, g Graph, query string, params map[string]any, opts Options) (*Result, error) {
	st, err := ParseWith(query, opts)
	if err != nil {
		return nil, err
	}
	return st.Run(ctx, g, params)
}

// Run executes the statement on g with params; see [Run].
func (s *Statement) Run(ctx context.Context, g Graph, params map[string]any) (res *Result, err error) {
	if s.plan.mode == modeExplain {
		return &Result{Columns: append([]string{}, s.plan.cols...), Rows: [][]any{}, Plan: s.Plan()}, nil
	}
	for _, name := range s.params {
		if _, ok := params[name]; !ok {
			return nil, newError(ParameterMissing, CompileTime, "MissingParameter",
				fmt.Sprintf("expected parameter $%s", name), s.query, -1)
		}
	}
	prog, err := s.acquire()
	if err != nil {
		return nil, err
	}
	sp := g.Savepoint()
	defer func() {
		if r := recover(); r != nil {
			g.Rollback(sp)
			res, err = nil, fmt.Errorf("cypher: internal error running query: %v", r)
		}
	}()
	res, err = prog.run(ctx, g, params)
	s.pool.Put(prog) // a panic above skips this: that plan may be inconsistent
	if err != nil {
		g.Rollback(sp)
		return nil, err
	}
	return res, nil
}

// Parameters returns the names of the $parameters the query uses, sorted.
func (s *Statement) Parameters() []string { return append([]string(nil), s.params...) }

// ReadOnly reports whether the query never writes to the graph: an
// EXPLAIN never does.
func (s *Statement) ReadOnly() bool { return s.readOnly }

// Explained reports whether the query starts with EXPLAIN: Run then plans
// it only, and returns its columns, no rows and its Plan.
func (s *Statement) Explained() bool { return s.plan.mode == modeExplain }

// Plan returns the execution plan, not profiled; see [value.Plan].
func (s *Statement) Plan() *value.Plan { return s.plan.plan(false, 0, 0) }

// Explain returns the execution plan as indented text, one operator a line;
// index lookups appear as NodeIndexSeek.
func (s *Statement) Explain() string { return s.Plan().String() }
