package cypher_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/cypher/internal/tck"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/memgraph"
	"github.com/kgnews/kg/graph/value"
)

// The TCK runner. It reads the openCypher TCK vendored in testdata/tck (see
// its README.md and LICENSE), or the directory in KG_TCK_DIR, and runs every scenario
// as a parallel subtest TestTCK/<dir>/<Feature>/<n> (outline rows as
// <n>/<row>) on a fresh memgraph.Graph.
//
// The checked-in list testdata/tck/must-pass.txt is a ratchet: a listed
// scenario that fails fails the test; an unlisted one that fails is skipped;
// an unlisted one that passes is logged, and -tck.update adds it to the list.
// The list only grows: -tck.update never removes an entry.
//
// At the end the runner prints one line, "tck: N passed, M failed, K
// skipped", counting the scenarios that ran (K: unsupported ones, such as
// @ignore or with unknown steps); with -v it also prints the counts
// per directory and the most frequent kinds of failure. (go test shows a
// passing package's output only with -v or when run in the package's
// directory without package arguments.)
//
// Typical uses:
//
//	go test ./graph/cypher -run 'TestTCK$' -v | grep '^tck'      # the counts
//	go test ./graph/cypher -run 'TestTCK/clauses/match/Match1/3$' -v  # one scenario
//	go test ./graph/cypher -run 'TestTCK/expressions/graph/Graph4/6/' -v  # an outline
//	go test ./graph/cypher -run 'TestTCK$' -tck.update              # grow the list
//	KG_TCK_DIR=/path/to/openCypher/tck go test ./graph/cypher -run 'TestTCK$' -v
var (
	tckUpdate  = flag.Bool("tck.update", false, "add newly passing TCK scenarios to testdata/tck/must-pass.txt")
	tckTimeout = flag.Duration("tck.timeout", 10*time.Second, "time limit for one TCK scenario")
)

const mustPassFile = "testdata/tck/must-pass.txt"

// tckDir returns the TCK directory, KG_TCK_DIR or the copy vendored in
// testdata/tck, failing tb when it holds no features/ folder: a missing TCK
// must not pass as a run of none of its scenarios.
func tckDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("KG_TCK_DIR")
	if dir == "" {
		dir = filepath.Join("testdata", "tck")
	}
	if _, err := os.Stat(filepath.Join(dir, "features")); err != nil {
		tb.Fatalf("no openCypher TCK at %s (KG_TCK_DIR must name a directory holding features/ and graphs/): %v", dir, err)
	}
	return dir
}

// loadTCK loads the TCK's features and the options to run them with (its
// named graphs, -tck.timeout).
func loadTCK(tb testing.TB) ([]*tck.Feature, tck.Options) {
	tb.Helper()
	root := os.DirFS(tckDir(tb))
	feats, err := tck.LoadFeatures(root, "features")
	if err != nil {
		tb.Fatal(err)
	}
	graphs, err := fs.Sub(root, "graphs")
	if err != nil {
		tb.Fatal(err)
	}
	return feats, tck.Options{Graphs: graphs, Timeout: *tckTimeout}
}

// tckGraph adapts a memgraph.Graph and cypher.RunWith to tck.Graph, with
// the scenario's test procedures.
type tckGraph struct {
	g     *memgraph.Graph
	procs *cypher.Procedures
	// snapshot runs read-only queries on the embedded store's snapshot of
	// g (see embedded.SnapshotOf) rather than on g.
	snapshot bool
}

func newTCKGraph() tckGraph { return tckGraph{g: memgraph.New(), procs: cypher.NewProcedures()} }

// DefineProcedure registers a test procedure that answers from its table.
func (t tckGraph) DefineProcedure(p *tck.Procedure) error {
	fields := func(fs []tck.Field) []cypher.ProcedureField {
		out := make([]cypher.ProcedureField, len(fs))
		for i, f := range fs {
			out[i] = cypher.ProcedureField{Name: f.Name, Type: f.Type}
		}
		return out
	}
	return t.procs.Register(cypher.Procedure{
		Name:    p.Name,
		Inputs:  fields(p.Inputs),
		Outputs: fields(p.Outputs),
		Func: func(_ context.Context, _ cypher.Graph, args []any) ([][]any, error) {
			return p.Call(value.ConvertList(args, toTCK)), nil
		},
	})
}

func (t tckGraph) Run(ctx context.Context, query string, params map[string]any) (*tck.Result, error) {
	var g cypher.Graph = t.g
	if t.snapshot {
		// A graph holding values no store can hold (maps, mixed lists)
		// has no snapshot: such a query runs on the graph.
		if st, err := cypher.Parse(query); err == nil && st.ReadOnly() {
			if sg, err := embedded.SnapshotOf(t.g); err == nil {
				g = sg
			}
		}
	}
	res, err := cypher.RunWith(ctx, g, query, params, cypher.Options{Procedures: t.procs})
	if err != nil {
		var ce *cypher.Error
		if errors.As(err, &ce) {
			return nil, &tck.QueryError{Type: ce.Type, Phase: ce.Phase, Detail: ce.Detail, Err: err}
		}
		return nil, err
	}
	rows := value.ConvertList(res.Rows, func(row []any) []any { return value.ConvertList(row, toTCK) })
	return &tck.Result{Columns: res.Columns, Rows: rows}, nil
}

func (t tckGraph) Contents(context.Context) ([]tck.Node, []tck.Relationship, error) {
	var nodes []tck.Node
	var rels []tck.Relationship
	t.g.ForEachNode(func(n cypher.Node) bool {
		nodes = append(nodes, tckNode(n))
		return true
	})
	t.g.ForEachRelationship(func(r cypher.Relationship) bool {
		rels = append(rels, tckRel(r))
		return true
	})
	return nodes, rels, nil
}

// toTCK converts a result value of package cypher to the tck package's
// model; values of unexpected Go types pass through unchanged (and then
// equal nothing the TCK expects).
func toTCK(v any) any {
	switch v := v.(type) {
	case []any:
		return value.ConvertList(v, toTCK)
	case map[string]any:
		return value.ConvertMap(v, toTCK)
	case cypher.Node:
		return tckNode(v)
	case cypher.Relationship:
		return tckRel(v)
	case cypher.Path:
		return tck.Path{Nodes: value.ConvertList(v.Nodes, tckNode), Rels: value.ConvertList(v.Rels, tckRel)}
	}
	return v
}

func tckNode(n cypher.Node) tck.Node {
	return tck.Node{ID: n.ID, Labels: n.Labels, Props: value.ConvertMap(n.Props, toTCK)}
}

func tckRel(r cypher.Relationship) tck.Relationship {
	return tck.Relationship{ID: r.ID, Type: r.Type, StartID: r.StartID, EndID: r.EndID, Props: value.ConvertMap(r.Props, toTCK)}
}

// subtestName names a scenario's subtest: "clauses/match/Match1/3" or, for
// an outline row, "expressions/graph/Graph4/6/2" (so that -run
// 'TestTCK/expressions/graph/Graph4/6/' selects all rows of the outline).
func subtestName(sc *tck.Scenario) string {
	name := fmt.Sprintf("%s/%s/%d", sc.Dir(), strings.TrimSuffix(filepath.Base(sc.Feature), ".feature"), sc.Number)
	if sc.Row > 0 {
		name += fmt.Sprintf("/%d", sc.Row)
	}
	return name
}

// readMustPass reads the must-pass list: one scenario ID a line, '#' comments.
func readMustPass(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("failed to read must-pass list: %w", err)
	}
	ids := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ids[line] = true
	}
	return ids, sc.Err()
}

func writeMustPass(path string, ids map[string]bool) error {
	var b bytes.Buffer
	b.WriteString("# TCK scenarios the embedded engine must pass: a ratchet that only grows.\n")
	b.WriteString("# Add newly passing ones with: go test ./graph/cypher -run TestTCK -tck.update\n")
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		b.WriteString(id + "\n")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("failed to write must-pass list: %w", err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("failed to write must-pass list: %w", err)
	}
	return nil
}

// tckTally counts outcomes, in total and per directory.
type tckTally struct {
	mu       sync.Mutex
	total    [3]int
	byDir    map[string]*[3]int
	newPass  []string
	regress  []string
	passedID map[string]bool
	kinds    map[string]int // failures by failureKind
}

var (
	stepPrefix = regexp.MustCompile(`^line \d+ "[^"]*": `)
	numbers    = regexp.MustCompile(`\d+`)
)

// failureKind reduces a failure message to a coarse kind for the -v report:
// its first line without the step, the engine's own message or numbers.
func failureKind(msg string) string {
	msg, _, _ = strings.Cut(msg, "\n")
	msg = stepPrefix.ReplaceAllString(msg, "")
	if i := strings.Index(msg, " ("); i > 0 {
		msg = msg[:i]
	}
	msg = numbers.ReplaceAllString(msg, "N")
	if len(msg) > 110 {
		msg = msg[:110] + "…"
	}
	return msg
}

// topKinds returns the n most frequent failure kinds, most frequent first.
func (t *tckTally) topKinds(n int) []string {
	kinds := make([]string, 0, len(t.kinds))
	for k := range t.kinds {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if t.kinds[kinds[i]] != t.kinds[kinds[j]] {
			return t.kinds[kinds[i]] > t.kinds[kinds[j]]
		}
		return kinds[i] < kinds[j]
	})
	if len(kinds) > n {
		kinds = kinds[:n]
	}
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = fmt.Sprintf("%5d  %s", t.kinds[k], k)
	}
	return out
}

func (t *tckTally) add(sc *tck.Scenario, out tck.Outcome, listed bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := out.Status
	if st == tck.Failed {
		t.kinds[failureKind(out.Msg)]++
	}
	t.total[st]++
	d := t.byDir[sc.Dir()]
	if d == nil {
		d = new([3]int)
		t.byDir[sc.Dir()] = d
	}
	d[st]++
	switch {
	case st == tck.Passed:
		t.passedID[sc.ID] = true
		if !listed {
			t.newPass = append(t.newPass, sc.ID)
		}
	case listed:
		t.regress = append(t.regress, sc.ID)
	}
}

func formatTally(prefix string, c [3]int) string {
	return fmt.Sprintf("%s%d passed, %d failed, %d skipped", prefix, c[tck.Passed], c[tck.Failed], c[tck.Unsupported])
}

func TestTCK(t *testing.T) {
	feats, opts := loadTCK(t)
	mustPass, err := readMustPass(mustPassFile)
	if err != nil {
		t.Fatal(err)
	}

	tally := &tckTally{byDir: map[string]*[3]int{}, passedID: map[string]bool{}, kinds: map[string]int{}}
	known := map[string]bool{}
	t.Cleanup(func() {
		fmt.Println(formatTally("tck: ", tally.total))
		if testing.Verbose() {
			dirs := slices.Sorted(maps.Keys(tally.byDir))
			for _, d := range dirs {
				fmt.Println(formatTally("tck: "+d+": ", *tally.byDir[d]))
			}
			missing := 0
			for id := range mustPass {
				if !known[id] {
					missing++
				}
			}
			if missing > 0 {
				fmt.Printf("tck: %d must-pass scenarios are not in %s\n", missing, tckDir(t))
			}
			if kinds := tally.topKinds(25); len(kinds) > 0 {
				fmt.Println("tck: most frequent failures:")
				for _, k := range kinds {
					fmt.Println("tck:", k)
				}
			}
		}
		sort.Strings(tally.newPass)
		if len(tally.newPass) > 0 && !*tckUpdate {
			t.Logf("%d scenarios pass but are not in %s; run with -tck.update to add them", len(tally.newPass), mustPassFile)
		}
		if *tckUpdate && len(tally.newPass) > 0 {
			for id := range tally.passedID {
				mustPass[id] = true
			}
			if err := writeMustPass(mustPassFile, mustPass); err != nil {
				t.Error(err)
				return
			}
			t.Logf("added %d scenarios to %s (now %d)", len(tally.newPass), mustPassFile, len(mustPass))
		}
	})

	for _, f := range feats {
		for _, sc := range f.Scenarios {
			known[sc.ID] = true
			listed := mustPass[sc.ID]
			t.Run(subtestName(sc), func(t *testing.T) {
				t.Parallel()
				out := tck.RunScenario(t.Context(), sc, newTCKGraph(), opts)
				tally.add(sc, out, listed)
				switch {
				case out.Status == tck.Passed:
				case out.Status == tck.Unsupported:
					t.Skipf("%s: unsupported: %s", sc.ID, out.Msg)
				case listed:
					t.Errorf("%s (%s) is in the must-pass list but fails:\n%s", sc.ID, sc.Name, out.Msg)
				default:
					t.Skipf("%s (%s) fails:\n%s", sc.ID, sc.Name, out.Msg)
				}
			})
		}
	}
}

// TestTCKThroughSnapshot runs the must-pass scenarios again with every
// read-only query answered from the embedded store's snapshot of the graph
// the scenario built: they must all still pass.
func TestTCKThroughSnapshot(t *testing.T) {
	feats, opts := loadTCK(t)
	mustPass, err := readMustPass(mustPassFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feats {
		for _, sc := range f.Scenarios {
			if !mustPass[sc.ID] {
				continue
			}
			t.Run(subtestName(sc), func(t *testing.T) {
				t.Parallel()
				g := newTCKGraph()
				g.snapshot = true
				if out := tck.RunScenario(t.Context(), sc, g, opts); out.Status != tck.Passed {
					t.Errorf("%s (%s) passes on the in-memory graph but not through the snapshot:\n%s", sc.ID, sc.Name, out.Msg)
				}
			})
		}
	}
}

var mustPassID = regexp.MustCompile(`^[\w./-]+\.feature:\[[1-9][0-9]*\](#[1-9][0-9]*)?$`)

// TestTCKMustPassList checks the ratchet file: well-formed IDs, sorted, no
// duplicates, so that -tck.update diffs stay minimal and reviewable.
func TestTCKMustPassList(t *testing.T) {
	data, err := os.ReadFile(mustPassFile)
	if err != nil {
		t.Fatal(err)
	}
	var prev string
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !mustPassID.MatchString(line) {
			t.Errorf("%s:%d: malformed scenario ID %q", mustPassFile, i+1, line)
		}
		if line <= prev {
			t.Errorf("%s:%d: %q is not after %q (keep the list sorted and unique)", mustPassFile, i+1, line, prev)
		}
		prev = line
	}
}

// BenchmarkTCK runs every TCK scenario once per iteration, one after the
// other, each on a fresh graph; unsupported and failing ones count too.
func BenchmarkTCK(b *testing.B) {
	feats, opts := loadTCK(b)
	b.ReportAllocs()
	for b.Loop() {
		passed := 0
		for _, f := range feats {
			for _, sc := range f.Scenarios {
				if tck.RunScenario(b.Context(), sc, newTCKGraph(), opts).Status == tck.Passed {
					passed++
				}
			}
		}
		b.ReportMetric(float64(passed), "passed")
	}
}

// TestTCKNamedGraphs loads every named graph of the TCK on the engine and
// checks the result against the graph's metadata statistics (the vendored
// features may not use them, but the full TCK does).
func TestTCKNamedGraphs(t *testing.T) {
	dir := tckDir(t)
	entries, err := os.ReadDir(filepath.Join(dir, "graphs"))
	if err != nil {
		t.Fatalf("no TCK named graphs at %s: %v", dir, err)
	}
	graphs := os.DirFS(filepath.Join(dir, "graphs"))
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			src := "Feature: Named\n  Scenario: load\n    Given the " + name + " graph\n" +
				"    When executing query:\n      \"\"\"\n      MATCH (n) RETURN count(n) > 0 AS loaded\n      \"\"\"\n" +
				"    Then the result should be, in any order:\n      | loaded |\n      | true |\n    And no side effects\n"
			f, err := tck.ParseFeature("named/Named.feature", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			out := tck.RunScenario(t.Context(), f.Scenarios[0], newTCKGraph(), tck.Options{Graphs: graphs})
			if out.Status != tck.Passed {
				t.Errorf("%v: %s", out.Status, out.Msg)
			}
		})
	}
}
