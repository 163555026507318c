//go:build unix

package embedded_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
)

// holdLock takes an flock on the store file as another process would: a
// writer committing (exclusive) or a reader reading (shared). It returns
// the function that releases it.
func holdLock(t *testing.T, path string, exclusive bool) func() {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		t.Fatalf("flock: %v", err)
	}
	var once sync.Once
	release := func() { once.Do(func() { f.Close() }) }
	t.Cleanup(release)
	return release
}

// waits records the reasons OnWait was given.
type waits struct {
	mu  sync.Mutex
	got []embedded.Wait
}

func (w *waits) on(why embedded.Wait) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.got = append(w.got, why)
}

func (w *waits) list() []embedded.Wait {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]embedded.Wait(nil), w.got...)
}

func countNodes(t *testing.T, s graph.Store) int64 {
	t.Helper()
	res, err := s.Query(context.Background(), "MATCH (n) RETURN count(n) AS c", nil)
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	return res.Rows[0][0].(int64)
}

// countedNodes returns the number of nodes s.Counts reports.
func countedNodes(t *testing.T, s graph.Store) int {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return c.TotalNodes()
}

// writerAndReader opens a new store for writing, loads one node, and opens
// a reader beside it; both are closed when the test ends.
func writerAndReader(t *testing.T) (w, r *embedded.Store, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "kg.db")
	w, err := embedded.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	mustLoad(t, w, batch([]graph.Node{china}))
	r, err = embedded.Open(path, &embedded.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reader beside a writer: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return w, r, path
}

// A reader opened beside a writer sees each committed Load, in its counts
// and in its queries (whose in-memory graph is rebuilt when the file has
// changed).
func TestReaderBesideWriterSeesCommits(t *testing.T) {
	ctx := context.Background()
	w, r, _ := writerAndReader(t)
	if n := countNodes(t, r); n != 1 {
		t.Fatalf("reader sees %d nodes, want 1", n)
	}
	mustLoad(t, w, batch([]graph.Node{usa, xi}))
	if n := countNodes(t, r); n != 3 {
		t.Fatalf("after a second Load the reader's query sees %d nodes, want 3", n)
	}
	if n := countedNodes(t, r); n != 3 {
		t.Fatalf("reader counts %d nodes, want 3", n)
	}
	if _, err := r.Load(ctx, batch([]graph.Node{trump})); !errors.Is(err, embedded.ErrReadOnly) {
		t.Fatalf("Load on the reader = %v, want ErrReadOnly", err)
	}
	if err := r.Check(); err != nil {
		t.Fatalf("Check on the reader: %v", err)
	}
}

// A read that comes while another process commits waits for the commit,
// says why after WaitNotice, and gives up with ErrStoreInUse after the
// wait timeout.
func TestReadWaitsForCommit(t *testing.T) {
	ctx := context.Background()
	w, path := newStore(t)
	mustLoad(t, w, batch([]graph.Node{china}))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var seen waits
	r, err := embedded.Open(path, &embedded.Options{ReadOnly: true, WaitTimeout: 400 * time.Millisecond, OnWait: seen.on})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	release := holdLock(t, path, true) // a commit in progress
	start := time.Now()
	_, err = r.Counts(ctx)
	if !errors.Is(err, graph.ErrStoreInUse) {
		t.Fatalf("Counts during a commit that outlasts the wait = %v, want ErrStoreInUse", err)
	}
	if d := time.Since(start); d < 400*time.Millisecond || d > 5*time.Second {
		t.Fatalf("the read gave up after %v, want about 400ms", d)
	}
	if got := seen.list(); len(got) != 1 || got[0] != embedded.WaitCommit {
		t.Fatalf("OnWait got %v, want [WaitCommit]", got)
	}

	// A commit that ends within the wait: the read goes on.
	release()
	release = holdLock(t, path, true)
	time.AfterFunc(100*time.Millisecond, release)
	if n := countedNodes(t, r); n != 1 {
		t.Fatalf("counts %d nodes after the commit, want 1", n)
	}
}

// A write waits for other processes' reads, and gives up with
// ErrStoreInUse, having written nothing, after the wait timeout; a second
// writer is refused meanwhile, though the first holds the store file only
// while it commits.
func TestWriteWaitsForReaders(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	var seen waits
	w, err := embedded.Open(path, &embedded.Options{WaitTimeout: 300 * time.Millisecond, OnWait: seen.on})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	mustLoad(t, w, batch([]graph.Node{china}))
	if _, err := embedded.Open(path, &embedded.Options{LockTimeout: 100 * time.Millisecond}); !errors.Is(err, graph.ErrStoreInUse) {
		t.Fatalf("second writer between commits: %v, want ErrStoreInUse", err)
	}

	release := holdLock(t, path, false) // another process reading
	if _, err := w.Load(ctx, batch([]graph.Node{usa})); !errors.Is(err, graph.ErrStoreInUse) {
		t.Fatalf("Load while a reader reads = %v, want ErrStoreInUse", err)
	}
	if got := seen.list(); len(got) != 1 || got[0] != embedded.WaitReaders {
		t.Fatalf("OnWait got %v, want [WaitReaders]", got)
	}
	release()
	if st := mustLoad(t, w, batch([]graph.Node{usa})); st.NodesCreated != 1 {
		t.Fatalf("Load after the read: %+v, want 1 node created", st)
	}
	if n := countedNodes(t, w); n != 2 {
		t.Fatalf("counts %d nodes, want 2", n)
	}
}

// A writer waiting to commit is not starved by readers that keep coming:
// a read that starts while it waits holds back until it has committed.
func TestReadersHoldBackForAWaitingWriter(t *testing.T) {
	ctx := context.Background()
	w, r, path := writerAndReader(t)

	release := holdLock(t, path, false) // a read in progress
	loaded := make(chan error, 1)
	go func() {
		_, err := w.Load(ctx, batch([]graph.Node{usa}))
		loaded <- err
	}()
	time.Sleep(100 * time.Millisecond) // the writer now waits for the read
	counted := make(chan int, 1)
	go func() {
		c, err := r.Counts(ctx)
		if err != nil {
			t.Errorf("Counts: %v", err)
			counted <- -1
			return
		}
		counted <- c.TotalNodes()
	}()
	time.Sleep(100 * time.Millisecond)
	release()
	if err := <-loaded; err != nil {
		t.Fatalf("Load: %v", err)
	}
	if n := <-counted; n != 2 {
		t.Fatalf("the read that came while the writer waited saw %d nodes, want 2 (it went first)", n)
	}
}

// A store is created whole: the file appears with kg's metadata in it,
// never empty, so that a reader never finds a file it would call damaged.
func TestCreateIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kg.db")
	w, err := embedded.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := os.Stat(path + ".new"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the file the store was built in is left behind: %v", err)
	}
	if _, err := os.Stat(embedded.LockPath(path)); err != nil {
		t.Fatalf("no writer lock file: %v", err)
	}
	r, err := embedded.Open(path, &embedded.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reader of a new store: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}
