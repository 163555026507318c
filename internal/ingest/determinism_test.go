package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/storetest"
	"github.com/kgnews/kg/internal/ingest"
	"github.com/kgnews/kg/internal/testutil"
)

// reutersTarball is the real-news corpus of ../shared/corpus (README.md
// there), relative to this package's directory.
const reutersTarball = "../../../shared/corpus/reuters21578.tar.gz"

// realCorpusSize is the number of Reuters articles the determinism test
// ingests: enough for thousands of facts merging across articles.
const realCorpusSize = 2000

// failAfter is a Loader that loads its first n batches into the store and
// then fails, as a run killed after n transactions leaves the store.
type failAfter struct {
	graph.Store
	n int
}

var errKilled = errors.New("killed")

// failAfterTracked is failAfter for incremental ingest: an ingest.Tracker
// whose first n tracked loads succeed.
type failAfterTracked struct {
	*embedded.Store
	n int
}

func (f *failAfterTracked) LoadTracked(ctx context.Context, b *graph.Batch, keys []string, stamp string) (graph.LoadStats, error) {
	if f.n == 0 {
		return graph.LoadStats{}, errKilled
	}
	f.n--
	return f.Store.LoadTracked(ctx, b, keys, stamp)
}

func (f *failAfter) Load(ctx context.Context, b *graph.Batch) (graph.LoadStats, error) {
	if f.n == 0 {
		return graph.LoadStats{}, errKilled
	}
	f.n--
	return f.Store.Load(ctx, b)
}

// TestGraphIsAFunctionOfTheArticleSet ingests 2,000 real Reuters articles
// whole, in two halves in both orders, after an interrupted run, and again
// on top of themselves: every way must give a byte-identical JSON export,
// and the second ingest must change nothing.
func TestGraphIsAFunctionOfTheArticleSet(t *testing.T) {
	start := time.Now()
	dir := t.TempDir()
	paths := testutil.UntarFirst(t, reutersTarball, dir, realCorpusSize)
	half := len(paths) / 2
	a, b := paths[:half], paths[half:]
	x := extract.New(extract.Options{})
	ctx := context.Background()

	open := func(name string) graph.Store {
		s, err := embedded.Open(filepath.Join(t.TempDir(), name+".db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	run := func(l ingest.Loader, paths []string) *ingest.Summary {
		t.Helper()
		sum, err := ingest.Run(ctx, x, l, paths, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Skipped) > 0 {
			t.Fatalf("skipped %+v", sum.Skipped)
		}
		return sum
	}
	exportOf := func(s graph.Store) []byte { return storetest.ExportJSON(t, s) }

	whole := open("whole")
	run(whole, []string{dir})
	want := exportOf(whole)
	counts, err := whole.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.TotalRelationships() < 2000 || counts.Relationships[graph.Pledged] == 0 {
		t.Fatalf("the corpus gave a small graph (%+v): the test proves little", counts)
	}

	if sum := run(whole, []string{dir}); sum.Load != (graph.LoadStats{}) {
		t.Errorf("ingesting the same articles again changed the store: %+v", sum.Load)
	}
	if got := exportOf(whole); !bytes.Equal(got, want) {
		t.Errorf("ingested twice: %s", diffExports(want, got))
	}

	for _, tc := range []struct {
		name   string
		halves [][]string
	}{{"A then B", [][]string{a, b}}, {"B then A", [][]string{b, a}}} {
		s := open(strings.ReplaceAll(tc.name, " ", "-"))
		for _, h := range tc.halves {
			run(s, h)
		}
		if got := exportOf(s); !bytes.Equal(got, want) {
			t.Errorf("%s: %s", tc.name, diffExports(want, got))
		}
	}

	// A run that stops after 3 of its 8 loads, then the whole corpus again.
	s := open("resumed")
	eight := ingest.Options{FlushEvery: 256, MaxFlush: 256}
	if _, err := ingest.Run(ctx, x, &failAfter{Store: s, n: 3}, []string{dir}, eight); !errors.Is(err, errKilled) {
		t.Fatalf("interrupted run: err = %v, want %v", err, errKilled)
	}
	run(s, []string{dir})
	if got := exportOf(s); !bytes.Equal(got, want) {
		t.Errorf("resumed after an interrupted run: %s", diffExports(want, got))
	}
	// Incremental ingest: half A, then an interrupted run of the whole,
	// then the whole again, each skipping what the store recorded.
	inc := open("incremental")
	tracked := func(l ingest.Loader, paths []string) (*ingest.Summary, error) {
		return ingest.Run(ctx, x, l, paths, ingest.Options{Stamp: "test"})
	}
	if _, err := tracked(inc, a); err != nil {
		t.Fatal(err)
	}
	eight.Stamp = "test"
	if _, err := ingest.Run(ctx, x, &failAfterTracked{Store: inc.(*embedded.Store), n: 2}, []string{dir}, eight); !errors.Is(err, errKilled) {
		t.Fatalf("interrupted incremental run: err = %v, want %v", err, errKilled)
	}
	sum, err := tracked(inc, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged < len(a) || sum.Unchanged+sum.Articles != len(paths) {
		t.Errorf("incremental run: %d unchanged and %d extracted of %d, want at least the %d of half A unchanged",
			sum.Unchanged, sum.Articles, len(paths), len(a))
	}
	if got := exportOf(inc); !bytes.Equal(got, want) {
		t.Errorf("incremental: %s", diffExports(want, got))
	}
	if sum, err := tracked(inc, []string{dir}); err != nil || sum.Articles != 0 || sum.Load != (graph.LoadStats{}) {
		t.Errorf("incremental run of an unchanged corpus: err %v, %d extracted, %+v loaded; want nothing", err, sum.Articles, sum.Load)
	}
	t.Logf("%d articles: %d nodes, %d relationships; 5 ingests compared in %s",
		len(paths), counts.TotalNodes(), counts.TotalRelationships(), time.Since(start).Round(time.Millisecond))
}

// diffExports describes how the JSON export got differs from want: the ids
// of nodes and relationships only in one, and the first few that differ.
func diffExports(want, got []byte) string {
	type element struct {
		ID    string         `json:"id"`
		Props map[string]any `json:"properties"`
	}
	type graphJSON struct {
		Nodes         []element `json:"nodes"`
		Relationships []element `json:"relationships"`
	}
	var w, g graphJSON
	if err := json.Unmarshal(want, &w); err != nil {
		return "export not JSON: " + err.Error()
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return "export not JSON: " + err.Error()
	}
	var out strings.Builder
	out.WriteString("export differs from the whole corpus ingested once:")
	cmp := func(kind string, want, got []element) {
		byID := map[string]element{}
		for _, e := range want {
			byID[e.ID] = e
		}
		var missing, extra, changed []string
		seen := map[string]bool{}
		for _, e := range got {
			seen[e.ID] = true
			old, ok := byID[e.ID]
			switch {
			case !ok:
				extra = append(extra, e.ID)
			case fmt.Sprint(old.Props) != fmt.Sprint(e.Props):
				changed = append(changed, fmt.Sprintf("%s: %v, want %v", e.ID, e.Props, old.Props))
			}
		}
		for _, e := range want {
			if !seen[e.ID] {
				missing = append(missing, e.ID)
			}
		}
		fmt.Fprintf(&out, "\n%s: %d missing %q, %d extra %q, %d changed", kind,
			len(missing), missing[:min(5, len(missing))], len(extra), extra[:min(5, len(extra))], len(changed))
		for _, c := range changed[:min(3, len(changed))] {
			fmt.Fprintf(&out, "\n  %.300s", c)
		}
	}
	cmp("nodes", w.Nodes, g.Nodes)
	cmp("relationships", w.Relationships, g.Relationships)
	return out.String()
}
