package tck

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// Graph is one graph under test, fresh and empty for each scenario.
type Graph interface {
	// Run executes query with params. Values in the result are those
	// described in the package documentation. Query errors should be (or
	// wrap) a *QueryError; other errors fail the scenario as unclassified.
	Run(ctx context.Context, query string, params map[string]any) (*Result, error)
	// Contents returns every node and relationship now in the graph.
	Contents(ctx context.Context) ([]Node, []Relationship, error)
}

// Result is the outcome of a query: columns in order and rows.
type Result struct {
	Columns []string
	Rows    [][]any
}

// The phases of a QueryError, in the TCK's vocabulary.
const (
	CompileTime = "compile time"
	Runtime     = "runtime"
)

// QueryError is a query error classified in the TCK's vocabulary: Type such
// as SyntaxError or TypeError, Phase [CompileTime] or [Runtime], Detail such
// as UndefinedVariable.
type QueryError struct {
	Type   string
	Phase  string
	Detail string
	Err    error // the engine's error, for messages; or nil
}

// Error formats the classification, then the engine's error.
func (e *QueryError) Error() string {
	msg := fmt.Sprintf("%s at %s: %s", e.Type, e.Phase, e.Detail)
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

// Unwrap returns the engine's error.
func (e *QueryError) Unwrap() error { return e.Err }

// Status is the verdict on one scenario.
type Status int

// The verdicts.
const (
	Passed      Status = iota
	Failed             // the engine did not behave as the scenario says
	Unsupported        // the scenario cannot run here (@ignore, unknown steps, procedures on a graph without ProcedureDefiner)
)

// String returns "passed", "failed" or "unsupported".
func (s Status) String() string {
	switch s {
	case Passed:
		return "passed"
	case Failed:
		return "failed"
	case Unsupported:
		return "unsupported"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Outcome is the verdict on one scenario with its reason.
type Outcome struct {
	Status Status
	Msg    string // why it failed or is unsupported; empty when passed
}

// Options configure [RunScenario].
type Options struct {
	// Graphs holds the named graphs of "Given the <name> graph" steps as
	// "<name>/<name>.cypher"; nil makes such scenarios unsupported.
	Graphs fs.FS
	// Timeout bounds one scenario; zero means [DefaultTimeout].
	Timeout time.Duration
}

// DefaultTimeout bounds a scenario when Options.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// graceTime is how long a call may outlive the scenario's deadline before
// the runner stops waiting for it.
const graceTime = 2 * time.Second

var (
	namedGraphStep = regexp.MustCompile(`^the ([\w-]+) graph$`)
	errorStep      = regexp.MustCompile(`^an? (\S+) should be raised at (compile time|runtime|any time): (\S+)$`)
)

// RunScenario executes sc on g, a fresh empty graph, and judges it. It
// recovers from panics in g and gives up on a call that outlives the timeout
// by more than a grace period (leaving it running).
func RunScenario(ctx context.Context, sc *Scenario, g Graph, opts Options) Outcome {
	if sc.HasTag("@ignore") {
		return Outcome{Unsupported, "tagged @ignore"}
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	r := &scenarioRun{ctx: ctx, g: g, opts: opts, params: map[string]any{}}
	for i := range sc.Steps {
		st := &sc.Steps[i]
		if out := r.step(st); out != nil {
			if out.Status == Failed {
				out.Msg = fmt.Sprintf("line %d %q: %s%s", st.Line, st.Keyword+" "+st.Text, out.Msg, r.queryNote())
			}
			return *out
		}
	}
	if r.err != nil && !r.errChecked {
		return Outcome{Failed, fmt.Sprintf("query failed: %v%s", r.err, r.queryNote())}
	}
	if !r.expected {
		return Outcome{Unsupported, "the scenario states no expected result or error"}
	}
	return Outcome{Status: Passed}
}

type scenarioRun struct {
	ctx  context.Context
	g    Graph
	opts Options

	params map[string]any
	last   string // the last query run, for failure messages

	// The last query or control query.
	queried    bool
	res        *Result
	err        error
	errChecked bool
	expected   bool // whether a result or error step ran

	// The graph around the last "executing query" step.
	before, after *Snapshot
}

func failf(format string, args ...any) *Outcome {
	return &Outcome{Failed, fmt.Sprintf(format, args...)}
}

// abort is an error that ends the scenario whatever the steps expect.
type abort struct{ msg string }

func (a *abort) Error() string { return a.msg }

// call runs fn, recovering from panics and giving up on it once the
// scenario's deadline has passed by more than graceTime.
func (r *scenarioRun) call(fn func(ctx context.Context) error) error {
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- &abort{fmt.Sprintf("engine panicked: %v\n%s", p, debug.Stack())}
			}
		}()
		done <- fn(r.ctx)
	}()
	select {
	case err := <-done:
		if err != nil && r.ctx.Err() != nil {
			return &abort{fmt.Sprintf("timed out: %v", err)}
		}
		return err
	case <-r.ctx.Done():
		select {
		case err := <-done:
			if err != nil {
				return &abort{fmt.Sprintf("timed out: %v", err)}
			}
			return nil
		case <-time.After(graceTime):
			return &abort{"timed out, and the engine ignored cancellation"}
		}
	}
}

// queryNote shows the last query run, indented, for a failure message.
func (r *scenarioRun) queryNote() string {
	if r.last == "" {
		return ""
	}
	return "\nquery:\n    " + strings.ReplaceAll(r.last, "\n", "\n    ")
}

func (r *scenarioRun) run(query string) (*Result, error) {
	r.last = query
	var res *Result
	err := r.call(func(ctx context.Context) error {
		var err error
		res, err = r.g.Run(ctx, query, r.params)
		return err
	})
	if err == nil && res == nil {
		res = &Result{}
	}
	return res, err
}

func (r *scenarioRun) snapshot() (*Snapshot, error) {
	var s *Snapshot
	err := r.call(func(ctx context.Context) error {
		nodes, rels, err := r.g.Contents(ctx)
		if err != nil {
			return fmt.Errorf("failed to read the graph: %w", err)
		}
		s = TakeSnapshot(nodes, rels)
		return nil
	})
	return s, err
}

// step executes one step; it returns nil to go on, or the scenario's outcome.
func (r *scenarioRun) step(st *Step) *Outcome {
	text := st.Text
	switch {
	case text == "any graph" || text == "an empty graph":
		s, err := r.snapshot()
		if err != nil {
			return failf("%v", err)
		}
		if !s.Empty() {
			return failf("the fresh graph is not empty")
		}
	case namedGraphStep.MatchString(text):
		return r.namedGraph(namedGraphStep.FindStringSubmatch(text)[1])
	case text == "having executed:":
		if !st.HasDoc {
			return failf("no query")
		}
		if _, err := r.run(st.Doc); err != nil {
			return failf("setup query failed: %v", err)
		}
	case text == "parameters are:":
		for _, row := range st.Table {
			if len(row) != 2 {
				return failf("parameter row %q: want 2 cells", row)
			}
			v, err := ParseValue(row[1])
			if err != nil {
				return failf("parameter %s: %v", row[0], err)
			}
			r.params[row[0]] = v
		}
	case strings.HasPrefix(text, "there exists a procedure"):
		pd, ok := r.g.(ProcedureDefiner)
		if !ok {
			return &Outcome{Unsupported, "needs a test procedure"}
		}
		p, err := ParseProcedure(text, st.Table)
		if err != nil {
			return failf("%v", err)
		}
		if err := pd.DefineProcedure(p); err != nil {
			return failf("failed to define procedure %s: %v", p.Name, err)
		}
	case text == "executing query:":
		if !st.HasDoc {
			return failf("no query")
		}
		before, err := r.snapshot()
		if err != nil {
			return failf("%v", err)
		}
		r.before = before
		r.res, r.err = r.run(st.Doc)
		r.queried, r.errChecked = true, false
		if out := aborted(r.err); out != nil {
			return out
		}
		if r.after, err = r.snapshot(); err != nil {
			return failf("%v", err)
		}
	case text == "executing control query:":
		if !st.HasDoc {
			return failf("no query")
		}
		r.res, r.err = r.run(st.Doc)
		r.queried, r.errChecked = true, false
		if out := aborted(r.err); out != nil {
			return out
		}
	case strings.HasPrefix(text, "the result should be"):
		r.expected = true
		return r.checkResult(st)
	case errorStep.MatchString(text):
		r.expected = true
		m := errorStep.FindStringSubmatch(text)
		return r.checkError(m[1], m[2], m[3])
	case text == "no side effects":
		return r.checkSideEffects(nil)
	case text == "the side effects should be:":
		if st.Table == nil {
			return failf("no table")
		}
		return r.checkSideEffects(st.Table)
	default:
		return &Outcome{Unsupported, fmt.Sprintf("unknown step %q", text)}
	}
	return nil
}

func aborted(err error) *Outcome {
	var a *abort
	if errors.As(err, &a) {
		return failf("%s", a.msg)
	}
	return nil
}

// namedGraph loads a TCK named graph: every statement of every script its
// metadata lists, then checks the result against the metadata's statistics.
func (r *scenarioRun) namedGraph(name string) *Outcome {
	if r.opts.Graphs == nil {
		return &Outcome{Unsupported, "no named graphs available"}
	}
	meta, err := loadGraphMeta(r.opts.Graphs, name)
	if err != nil {
		return failf("%v", err)
	}
	for _, script := range meta.Scripts {
		src, err := fs.ReadFile(r.opts.Graphs, name+"/"+script+".cypher")
		if err != nil {
			return failf("failed to read named graph: %v", err)
		}
		for _, stmt := range SplitStatements(string(src)) {
			if _, err := r.run(stmt); err != nil {
				return failf("loading graph %s failed: %v", name, err)
			}
		}
	}
	var nodes []Node
	var rels []Relationship
	err = r.call(func(ctx context.Context) error {
		var err error
		nodes, rels, err = r.g.Contents(ctx)
		return err
	})
	if err != nil {
		return failf("failed to read the graph: %v", err)
	}
	if err := meta.Check(nodes, rels); err != nil {
		return failf("graph %s differs from its description: %v", name, err)
	}
	return nil
}

// resultMode is how a "the result should be" step compares rows.
type resultMode struct {
	empty          bool
	ordered        bool
	unorderedLists bool
}

var resultSteps = map[string]resultMode{
	"the result should be empty":                                             {empty: true},
	"the result should be, in any order:":                                    {},
	"the result should be, in order:":                                        {ordered: true},
	"the result should be (ignoring element order for lists):":               {unorderedLists: true},
	"the result should be, in order (ignoring element order for lists):":     {ordered: true, unorderedLists: true},
	"the result should be, in any order (ignoring element order for lists):": {unorderedLists: true},
}

func (r *scenarioRun) checkResult(st *Step) *Outcome {
	mode, ok := resultSteps[st.Text]
	if !ok {
		return &Outcome{Unsupported, fmt.Sprintf("unknown step %q", st.Text)}
	}
	if !r.queried {
		return failf("no query was executed")
	}
	if r.err != nil {
		r.errChecked = true
		return failf("query failed: %v", r.err)
	}
	if mode.empty {
		if len(r.res.Rows) != 0 {
			return failf("want no rows, got %d:\n%s", len(r.res.Rows), formatRows(r.res.Columns, r.res.Rows, nil))
		}
		return nil
	}
	if len(st.Table) == 0 {
		return failf("no expected table")
	}
	header := st.Table[0]
	if !slices.Equal(header, r.res.Columns) {
		return failf("columns = %q, want %q", r.res.Columns, header)
	}
	want := make([][]any, len(st.Table)-1)
	for i, row := range st.Table[1:] {
		if len(row) != len(header) {
			return failf("expected row %d has %d cells, header has %d", i+1, len(row), len(header))
		}
		want[i] = make([]any, len(row))
		for j, cell := range row {
			v, err := ParseValue(cell)
			if err != nil {
				return failf("expected row %d: %v", i+1, err)
			}
			want[i][j] = v
		}
	}
	for i, row := range r.res.Rows {
		if len(row) != len(header) {
			return failf("result row %d has %d values for %d columns", i+1, len(row), len(header))
		}
	}
	rowEq := func(w, g []any) bool {
		for i := range w {
			if !Equal(w[i], g[i], mode.unorderedLists) {
				return false
			}
		}
		return true
	}
	if mode.ordered {
		if len(want) != len(r.res.Rows) {
			return failf("got %d rows, want %d, in order\nwant:\n%sgot:\n%s", len(r.res.Rows), len(want),
				formatRows(header, want, nil), formatRows(header, r.res.Rows, nil))
		}
		for i := range want {
			if !rowEq(want[i], r.res.Rows[i]) {
				return failf("row %d differs, in order\nwant:\n%sgot:\n%s", i+1,
					formatRows(header, want, []int{i}), formatRows(header, r.res.Rows, []int{i}))
			}
		}
		return nil
	}
	if m := matchBag(want, r.res.Rows, rowEq); m != nil {
		return failf("rows differ, in any order: %d missing, %d unexpected\nwant (missing marked):\n%sgot (unexpected marked):\n%s",
			len(m.missing), len(m.unexpected), formatRows(header, want, m.missing), formatRows(header, r.res.Rows, m.unexpected))
	}
	return nil
}

// maxShownRows bounds the rows a failure message lists.
const maxShownRows = 25

// formatRows renders rows as a TCK table, marking the rows in mark with '>'.
func formatRows(header []string, rows [][]any, mark []int) string {
	var b strings.Builder
	b.WriteString("    | " + strings.Join(header, " | ") + " |\n")
	for i, row := range rows {
		if i == maxShownRows {
			fmt.Fprintf(&b, "    … %d more rows\n", len(rows)-i)
			break
		}
		prefix := "    "
		if slices.Contains(mark, i) {
			prefix = "  > "
		}
		cells := make([]string, len(row))
		for j, v := range row {
			cells[j] = Format(v)
		}
		b.WriteString(prefix + "| " + strings.Join(cells, " | ") + " |\n")
	}
	return b.String()
}

func (r *scenarioRun) checkError(typ, phase, detail string) *Outcome {
	if !r.queried {
		return failf("no query was executed")
	}
	r.errChecked = true
	if r.err == nil {
		return failf("query succeeded with %d rows, want %s at %s: %s", len(r.res.Rows), typ, phase, detail)
	}
	var qe *QueryError
	if !errors.As(r.err, &qe) {
		return failf("unclassified error %v, want %s at %s: %s", r.err, typ, phase, detail)
	}
	typeOK := typ == "Error" || qe.Type == typ
	phaseOK := phase == "any time" || qe.Phase == phase
	detailOK := detail == "*" || qe.Detail == detail
	if !typeOK || !phaseOK || !detailOK {
		return failf("got %s at %s: %s, want %s at %s: %s (%v)", qe.Type, qe.Phase, qe.Detail, typ, phase, detail, qe.Err)
	}
	// A failed query must leave the graph as it found it.
	if r.before != nil && r.after != nil {
		if d := r.before.Diff(r.after); !equalSideEffects(SideEffects{}, d) {
			return failf("the failed query left side effects: %v", d)
		}
	}
	return nil
}

func (r *scenarioRun) checkSideEffects(table [][]string) *Outcome {
	if r.before == nil || r.after == nil {
		return failf("no query was executed")
	}
	want, err := parseSideEffects(table)
	if err != nil {
		return failf("%v", err)
	}
	got := r.before.Diff(r.after)
	if !equalSideEffects(want, got) {
		return failf("side effects: got %v, want %v", got, want)
	}
	return nil
}
