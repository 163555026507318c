package extract_test

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/extract/document/documenttest"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/internal/testutil"
)

// dump renders a batch as stable, readable text: one line per node and per
// relationship (MENTIONS left out; sources, evidence and citations too),
// properties sorted.
func dump(b *graph.Batch) string {
	names := map[string]string{}
	for _, n := range b.Nodes {
		if nm, ok := n.Props[graph.PropName].(string); ok {
			names[n.ID] = nm
		}
	}
	var sb strings.Builder
	for _, n := range b.Nodes {
		if n.Label == graph.LabelArticle {
			continue
		}
		fmt.Fprintf(&sb, "%s %s%s\n", n.Label, n.ID, props(n.Props))
	}
	for _, r := range b.Relationships {
		if r.Type == graph.Mentions {
			continue
		}
		p := r.Props.Clone()
		delete(p, graph.PropSources)
		delete(p, graph.PropEvidence)
		delete(p, graph.PropCitations) // their alignment is TestCitationsAlign's
		fmt.Fprintf(&sb, "%s (%s) -> (%s)%s\n", r.Type, names[r.Start], names[r.End], props(p))
	}
	return sb.String()
}

func props(p graph.Props) string {
	keys := slices.Sorted(maps.Keys(p))
	var sb strings.Builder
	for _, k := range keys {
		switch v := p[k].(type) {
		case []string:
			fmt.Fprintf(&sb, " %s=%q", k, v)
		default:
			fmt.Fprintf(&sb, " %s=%q", k, fmt.Sprint(v))
		}
	}
	return sb.String()
}

// seedPaths returns the repository's seed articles, failing t when there
// are none: they are part of the repository, so a missing one is a bug.
func seedPaths(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed articles in ../seeds (%v)", err)
	}
	return paths
}

// TestGoldenSeeds extracts each seed article and compares the result with
// testdata/seeds/<name>.golden (rewrite with -update).
func TestGoldenSeeds(t *testing.T) {
	paths := seedPaths(t)
	x := extract.New(extract.Options{})
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			doc := documenttest.Read(t, p)
			b, err := x.Extract(doc)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "seeds", strings.TrimSuffix(filepath.Base(p), ".txt")+".golden")
			testutil.Golden(t, golden, []byte(dump(b)))
		})
	}
}

// TestConcurrentExtract runs one Extractor from many goroutines (run with
// -race): results must equal the sequential ones.
func TestConcurrentExtract(t *testing.T) {
	paths := seedPaths(t)
	x := extract.New(extract.Options{})
	var docs []*document.Document
	var want []string
	for _, p := range paths {
		d := documenttest.Read(t, p)
		b, err := x.Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
		want = append(want, dump(b))
	}
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func(g int) {
			for i := range 20 {
				j := (g + i) % len(docs)
				b, err := x.Extract(docs[j])
				if err == nil && dump(b) != want[j] {
					err = fmt.Errorf("goroutine %d: %s extracted differently", g, docs[j].Path)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}(g)
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
