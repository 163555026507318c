package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/internal/ingest"
)

// fakeExtractor makes one Country node per document, named after its text,
// and panics on a document that asks it to.
type fakeExtractor struct{}

func (fakeExtractor) Extract(doc *document.Document) (*graph.Batch, error) {
	if strings.Contains(doc.Text, "PANIC") {
		panic("boom")
	}
	if strings.Contains(doc.Text, "FAIL") {
		return nil, errors.New("cannot extract")
	}
	var bd graph.Builder
	bd.AddNode(graph.Node{ID: doc.ID, Label: graph.LabelArticle, Props: graph.Props{"path": doc.Path}})
	return bd.Batch(), nil
}

// recorder is a Loader that records the order of the articles it loads.
type recorder struct {
	mu      sync.Mutex
	paths   []string
	batches [][]string // each load's article paths, sorted
	fail    error
}

func (r *recorder) Load(_ context.Context, b *graph.Batch) (graph.LoadStats, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return graph.LoadStats{}, r.fail
	}
	var batch []string
	for _, n := range b.Nodes {
		batch = append(batch, n.Props["path"].(string))
	}
	sort.Strings(batch)
	r.paths = append(r.paths, batch...)
	r.batches = append(r.batches, batch)
	return graph.LoadStats{NodesCreated: len(b.Nodes)}, nil
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b.txt", "a.md", "sub/c.html", "sub/d.htm", ".hidden/e.txt", ".f.txt", "g.pdf", "h.TXT"} {
		write(t, filepath.Join(dir, p), "text")
	}
	inputs, skipped := ingest.Find([]string{dir, filepath.Join(dir, "g.pdf"), filepath.Join(dir, "missing.txt"), "-"})
	var got []string
	for _, in := range inputs {
		got = append(got, strings.TrimPrefix(in.Path, dir+"/"))
	}
	want := []string{"a.md", "b.txt", "h.TXT", "sub/c.html", "sub/d.htm", "g.pdf", "-"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Find = %q, want %q", got, want)
	}
	if len(skipped) != 1 || skipped[0].Reason != "no such file or directory" {
		t.Errorf("skipped = %+v", skipped)
	}
}

func TestRunLoadsInInputOrderAndSkipsBadFiles(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := 0; i < 40; i++ {
		p := filepath.Join(dir, string(rune('a'+i/26))+string(rune('a'+i%26))+".txt")
		text := "article " + p
		switch i {
		case 3:
			text = "PANIC"
		case 7:
			text = "FAIL"
		case 11:
			text = ""
		default:
			want = append(want, p)
		}
		write(t, p, text)
	}
	for _, workers := range []int{1, 2, 8} {
		rec := &recorder{}
		sum, err := ingest.Run(context.Background(), fakeExtractor{}, rec, []string{dir},
			ingest.Options{Workers: workers, FlushEvery: 3, MaxFlush: 3})
		if err != nil {
			t.Fatal(err)
		}
		// Batches follow the input order whatever the number of workers:
		// load i holds the articles 3i … 3i+2 of the good inputs.
		var chunks [][]string
		for i := 0; i < len(want); i += 3 {
			chunks = append(chunks, want[i:min(i+3, len(want))])
		}
		if !reflect.DeepEqual(rec.batches, chunks) {
			t.Fatalf("workers=%d: loaded batches %q, want %q", workers, rec.batches, chunks)
		}
		if sum.Articles != 37 || len(sum.Skipped) != 3 || sum.Load.NodesCreated != 37 {
			t.Fatalf("workers=%d: summary %+v", workers, sum)
		}
		reasons := map[string]bool{}
		for _, s := range sum.Skipped {
			reasons[s.Reason] = true
		}
		for _, r := range []string{"extraction failed: internal error: boom", "extraction failed: cannot extract", "empty file"} {
			if !reasons[r] {
				t.Errorf("workers=%d: no skip with reason %q in %+v", workers, r, sum.Skipped)
			}
		}
	}
}

// slowRecorder is a recorder whose loads take a while, as a store's
// fsync does.
type slowRecorder struct{ recorder }

func (r *slowRecorder) Load(ctx context.Context, b *graph.Batch) (graph.LoadStats, error) {
	time.Sleep(2 * time.Millisecond)
	return r.recorder.Load(ctx, b)
}

// TestRunGroupsLoadsWhileTheStoreIsBusy checks that batches grow while
// the store is busy, within FlushEvery and MaxFlush, and keep input order.
func TestRunGroupsLoadsWhileTheStoreIsBusy(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := 0; i < 200; i++ {
		p := filepath.Join(dir, fmt.Sprintf("%03d.txt", i))
		write(t, p, "article "+p)
		want = append(want, p)
	}
	rec := &slowRecorder{}
	if _, err := ingest.Run(context.Background(), fakeExtractor{}, rec, []string{dir},
		ingest.Options{Workers: 2, FlushEvery: 2, MaxFlush: 10}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rec.paths, want) {
		t.Fatalf("loaded %q, want the input order", rec.paths)
	}
	for i, b := range rec.batches {
		if len(b) > 10 || len(b) < 2 && i < len(rec.batches)-1 {
			t.Fatalf("load %d holds %d articles, want 2 to 10", i, len(b))
		}
	}
}

func TestRunStopsOnStoreError(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 50; i++ {
		write(t, filepath.Join(dir, string(rune('a'+i/26))+string(rune('a'+i%26))+".txt"), "article")
	}
	rec := &recorder{fail: errors.New("disk full")}
	_, err := ingest.Run(context.Background(), fakeExtractor{}, rec, []string{dir}, ingest.Options{Workers: 2, FlushEvery: 4})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the store's error", err)
	}
}

func TestRunHonoursCancellation(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "article")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ingest.Run(ctx, fakeExtractor{}, &recorder{}, []string{dir}, ingest.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestDryRunLoadsNothing(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "article one")
	write(t, filepath.Join(dir, "b.txt"), "article two")
	write(t, filepath.Join(dir, "c.txt"), "article two")
	rec := &recorder{}
	var inspected []string
	sum, err := ingest.Run(context.Background(), fakeExtractor{}, rec, []string{dir}, ingest.Options{DryRun: true, FlushEvery: 1, MaxFlush: 1,
		Inspect: func(b *graph.Batch) {
			for _, n := range b.Nodes {
				inspected = append(inspected, n.Props["path"].(string))
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	// b.txt and c.txt are one article: counted once, inspected in input order.
	if len(rec.paths) != 0 || sum.Nodes[graph.LabelArticle] != 2 || len(inspected) != 3 || !sort.StringsAreSorted(inspected) {
		t.Fatalf("dry run loaded %q, inspected %q, summary %+v", rec.paths, inspected, sum)
	}
}

func TestStdin(t *testing.T) {
	rec := &recorder{}
	sum, err := ingest.Run(context.Background(), fakeExtractor{}, rec, []string{"-"},
		ingest.Options{Stdin: strings.NewReader("an article from standard input")})
	if err != nil || sum.Articles != 1 || !reflect.DeepEqual(rec.paths, []string{"-"}) {
		t.Fatalf("err %v, summary %+v, loaded %q", err, sum, rec.paths)
	}
}

// factsExtractor gives each article perArticle relationships.
type factsExtractor struct{ perArticle int }

func (x factsExtractor) Extract(doc *document.Document) (*graph.Batch, error) {
	var bd graph.Builder
	bd.AddNode(graph.Node{ID: doc.ID, Label: graph.LabelArticle, Props: graph.Props{"path": doc.Path}})
	for i := range x.perArticle {
		bd.AddRelationship(graph.Relationship{ID: fmt.Sprintf("%s-%d", doc.ID, i), Type: graph.Mentions,
			Start: doc.ID, End: doc.ID})
	}
	return bd.Batch(), nil
}

// TestRunCapsBatchesByRelationships: however many articles FlushEvery and
// MaxFlush allow, a batch stops growing at MaxRelationships.
func TestRunCapsBatchesByRelationships(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 30 {
		p := filepath.Join(dir, fmt.Sprintf("%03d.txt", i))
		write(t, p, "article "+p)
		want = append(want, p)
	}
	rec := &recorder{}
	if _, err := ingest.Run(context.Background(), factsExtractor{perArticle: 4}, rec, []string{dir},
		ingest.Options{Workers: 2, FlushEvery: 100, MaxFlush: 100, MaxRelationships: 9}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rec.paths, want) {
		t.Fatalf("loaded %q, want the input order", rec.paths)
	}
	if len(rec.batches) < 10 {
		t.Errorf("%d loads, want 10 or more (3 articles of 4 relationships pass 9)", len(rec.batches))
	}
	for i, b := range rec.batches {
		if len(b) > 3 {
			t.Errorf("load %d holds %d articles (%d relationships), want at most 3", i, len(b), 4*len(b))
		}
	}
}
