package embedded

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/internal/testutil"
)

// snapQueries read every part of a snapshot: scans, label and index
// lookups, expansions both ways with and without type filters, properties.
var snapQueries = []string{
	"MATCH (n) RETURN n",
	"MATCH (a)-[r]->(b) RETURN a, r, b",
	"MATCH (a)<-[r:REPRESENTS|PLEDGED]-(b) RETURN id(a), id(r), id(b)",
	"MATCH (n:Country {id: 'CHN'}) RETURN n.name",
	"MATCH (n:Actor {name: 'Xi Jinping'})--(m) RETURN m.name, size([(m)--() | 1])",
	"MATCH (n) RETURN labels(n), count(*)",
	"MATCH (n:Country) RETURN n.name",
}

// snapStore returns a closed store at a new path holding baseBatch, and
// the snapshot Close wrote.
func snapStore(t *testing.T) (path string, data []byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "kg.db")
	if err := openWithBase(t, path).Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(SnapshotPath(path))
	if err != nil {
		t.Fatalf("Close wrote no snapshot: %v", err)
	}
	return path, data
}

// answers runs snapQueries on a read-only store of path.
func answers(t *testing.T, path string, mode ReadMode, logf func(string, ...any)) []string {
	t.Helper()
	s, err := Open(path, &Options{ReadOnly: true, Reads: mode, Logf: logf})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out []string
	for _, q := range snapQueries {
		res, err := s.Query(context.Background(), q, nil)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out = append(out, fmt.Sprint(res.Rows))
	}
	return out
}

// logger collects debug lines.
type logger struct {
	mu    sync.Mutex
	lines []string
}

func (l *logger) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logger) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// TestSnapshotDamage damages the snapshot at many offsets: the answers must
// stay those of the in-memory graph (the damaged snapshot is rebuilt or
// bypassed, with a debug line), and Check must report every damage that
// changes the bytes of a current snapshot.
func TestSnapshotDamage(t *testing.T) {
	path, good := snapStore(t)
	want := answers(t, path, ReadInMemory, nil)
	if got := answers(t, path, ReadSnapshot, func(f string, a ...any) { t.Errorf("unexpected: "+f, a...) }); !reflect.DeepEqual(got, want) {
		t.Fatalf("an intact snapshot answers\n%v\nwant\n%v", got, want)
	}
	step := max(len(good)/97, 1)
	for off := 0; off < len(good); off += step {
		bad := append([]byte(nil), good...)
		bad[off] ^= 0x5a
		if err := os.WriteFile(SnapshotPath(path), bad, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, &Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Check(); err == nil {
			t.Errorf("offset %d: Check found nothing wrong", off)
		}
		s.Close()
		var log logger
		if got := answers(t, path, ReadSnapshot, log.logf); !reflect.DeepEqual(got, want) {
			t.Errorf("offset %d: answers\n%v\nwant\n%v", off, got, want)
		}
		if !strings.Contains(log.String(), "snapshot") {
			t.Errorf("offset %d: no debug line says the snapshot was not used", off)
		}
		// The queries read all of it, found the damage and rebuilt it.
		if s, err = Open(path, &Options{ReadOnly: true}); err != nil {
			t.Fatal(err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("offset %d: after queries, Check: %v", off, err)
		}
		s.Close()
	}
	// Truncated, empty, or not a snapshot at all.
	for _, bad := range [][]byte{good[:len(good)/2], good[:headerSize-1], {}, []byte("not a snapshot")} {
		if err := os.WriteFile(SnapshotPath(path), bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := answers(t, path, ReadSnapshot, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%d bytes: answers\n%v\nwant\n%v", len(bad), got, want)
		}
	}
}

// TestSnapshotStale checks that a read-only store never answers from the
// snapshot of another state: after a write by another Store whose snapshot
// was not written (as after a crash), and for a snapshot of another store.
func TestSnapshotStale(t *testing.T) {
	ctx := context.Background()
	path, old := snapStore(t)
	w, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Query(ctx, "CREATE (:Country {id: 'NEW', name: 'Newland'})", nil); err != nil {
		t.Fatal(err)
	}
	// Simulate a crash before Close: put the old snapshot back.
	w.wrote.Store(false)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(SnapshotPath(path), old, 0o644); err != nil {
		t.Fatal(err)
	}
	var log logger
	r, err := Open(path, &Options{ReadOnly: true, Logf: log.logf})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := r.Query(ctx, "MATCH (n:Country {id: 'NEW'}) RETURN n.name", nil)
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("after a write, the new node: %v, %v", res, err)
	}
	if !strings.Contains(log.String(), "stale (") {
		t.Errorf("no debug line says the snapshot was stale: %q", log.String())
	}
	// Another store's snapshot, of the same transaction count.
	other, otherSnap := snapStore(t)
	_ = other
	if err := os.WriteFile(SnapshotPath(path), otherSnap, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = r.Query(ctx, "MATCH (n:Country {id: 'NEW'}) RETURN n.name", nil)
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("with another store's snapshot: %v, %v", res, err)
	}
}

// TestSnapshotDeterministic checks that a snapshot depends on the state
// alone: built twice, the bytes are the same, and the same again when the
// build splits its scan of the nodes and its sort of the index, which this
// small store is below.
func TestSnapshotDeterministic(t *testing.T) {
	path, data := snapStore(t)
	s, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	build := func(name string) {
		t.Helper()
		if err := s.view(func(tx *bolt.Tx) error {
			again, err := buildSnapshotBytes(context.Background(), tx)
			if err == nil && !bytes.Equal(again, data) {
				err = fmt.Errorf("%s: two builds differ", name)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	build("as is")
	scanMin, sortMin := parallelScanMin, parallelSortMin
	t.Cleanup(func() { parallelScanMin, parallelSortMin = scanMin, sortMin })
	parallelScanMin, parallelSortMin = 2, 2
	build("split")
}

// reseal recomputes the checksums of a snapshot, so that a fuzzed one
// reaches the structure checks of the accessors.
func reseal(data []byte) {
	if len(data) < headerSize {
		return
	}
	le := binary.LittleEndian
	section := func(i int) []byte {
		h := data[headerFixed+24*i:]
		off, n := le.Uint64(h), le.Uint64(h[8:])
		if off <= uint64(len(data)) && n <= uint64(len(data))-off {
			return data[off : off+n]
		}
		return nil
	}
	var sums []byte
	for i := range secSums {
		if lazySection(i) {
			sums = appendBlockSums(sums, section(i))
		}
	}
	copy(section(secSums), sums)
	for i := range numSections {
		if sec := section(i); sec != nil || le.Uint64(data[headerFixed+24*i+8:]) == 0 {
			le.PutUint32(data[headerFixed+24*i+16:], crc32.Checksum(sec, castagnoli))
		}
	}
	le.PutUint32(data[headerSize-4:], crc32.Checksum(data[:headerSize-4], castagnoli))
}

// FuzzSnapshot opens arbitrary bytes as a snapshot, checksums fixed up or
// not, and reads everything through the engine's interface: a damaged
// snapshot must give an error, never a panic or a read out of range.
func FuzzSnapshot(f *testing.F) {
	path := filepath.Join(f.TempDir(), "kg.db")
	s, err := Open(path, nil)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := s.Load(context.Background(), baseBatch()); err != nil {
		f.Fatal(err)
	}
	if err := s.Close(); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(SnapshotPath(path))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, false)
	f.Add(good[:headerSize+40], true)
	f.Add([]byte{}, false)
	f.Fuzz(func(t *testing.T, data []byte, fix bool) {
		data = append([]byte(nil), data...)
		if fix {
			reseal(data)
		}
		snap, err := parseSnapshot(data)
		if err != nil {
			if !errors.Is(err, ErrSnapshot) {
				t.Fatalf("error %v does not wrap ErrSnapshot", err)
			}
			return
		}
		readAll(snap)
	})
}

// readAll reads every node, relationship, label and index entry of snap
// through snapGraph, as queries would.
func readAll(snap *snapshot) {
	g := newSnapGraph(snap, nil)
	ids := func(n int) []int64 {
		out := []int64{-1, int64(n), int64(n) + 1}
		for i := range min(n, 5000) {
			out = append(out, int64(i))
		}
		return out
	}
	g.ScanNodes("", func(int64) bool { return true })
	for _, name := range append(snap.names, "", "Nope") {
		g.LabelCount(name)
		g.ScanNodes(name, func(id int64) bool { g.NodeProps(id); return true })
		g.LookupNodes(name, "id", "CHN", func(int64) bool { return true })
		g.LookupNodes(name, "name", "", func(int64) bool { return true })
	}
	for _, id := range ids(snap.nNodes) {
		g.NodeExists(id)
		g.NodeLabels(id)
		g.HasLabel(id, "Actor")
		g.NodeProp(id, "name")
		g.Degree(id)
		for _, dir := range []cypher.Direction{cypher.Outgoing, cypher.Incoming, cypher.Both} {
			g.Expand(id, dir, nil, func(rel, other int64) bool { g.RelProps(rel); g.NodeExists(other); return true })
			g.Expand(id, dir, []string{"PLEDGED", "SPOKE_WITH"}, func(int64, int64) bool { return true })
		}
	}
	for _, id := range ids(snap.nRels) {
		g.Rel(id)
		g.RelProp(id, "sources")
	}
}

// TestSnapshotPermissions checks that the snapshot of a private store is
// private too.
func TestSnapshotPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		testutil.Skip(t, "no Unix permissions on Windows")
	}
	path := filepath.Join(t.TempDir(), "kg.db")
	if err := openWithBase(t, path).Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(SnapshotPath(path)); err != nil {
		t.Fatal(err)
	}
	answers(t, path, ReadSnapshot, nil) // builds it
	fi, err := os.Stat(SnapshotPath(path))
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("snapshot of a 0600 store has mode %v", got)
	}
}

// TestSnapshotFollowsWrites keeps a read-only store open while another
// store writes: each query sees the last committed state, whether the
// writer has written its snapshot yet or not.
func TestSnapshotFollowsWrites(t *testing.T) {
	ctx := context.Background()
	path, _ := snapStore(t)
	r, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	count := func() int64 {
		t.Helper()
		res, err := r.Query(ctx, "MATCH (n:Country) RETURN count(n)", nil)
		if err != nil {
			t.Fatal(err)
		}
		return res.Rows[0][0].(int64)
	}
	before := count()
	w, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := w.Query(ctx, "CREATE (:Country {id: $id, name: $id})", map[string]any{"id": fmt.Sprint("X", i)}); err != nil {
			t.Fatal(err)
		}
		if got := count(); got != before+int64(i)+1 {
			t.Fatalf("after write %d: %d countries, want %d", i, got, before+int64(i)+1)
		}
	}
	if err := w.Close(); err != nil { // writes the snapshot
		t.Fatal(err)
	}
	if got := count(); got != before+3 {
		t.Fatalf("after the writer closed: %d countries, want %d", got, before+3)
	}
	if err := r.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestSnapshotOfAnEarlierVersion: a snapshot an earlier kg wrote in its
// layout is stale, not damage: kg check passes, and the next query builds
// this kg's.
func TestSnapshotOfAnEarlierVersion(t *testing.T) {
	path, data := snapStore(t)
	binary.LittleEndian.PutUint32(data[8:], snapVersion-1)
	reseal(data)
	if err := os.WriteFile(SnapshotPath(path), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckFile(path, 0, nil); err != nil {
		t.Errorf("check with another version's snapshot: %v", err)
	}
	answers(t, path, ReadSnapshot, nil)
	got, err := os.ReadFile(SnapshotPath(path))
	if err != nil {
		t.Fatal(err)
	}
	if v := binary.LittleEndian.Uint32(got[8:]); v != snapVersion {
		t.Errorf("after a query the snapshot is of version %d, want %d", v, snapVersion)
	}
}

// TestIndexSortParallel checks that the index sort gives the order of a
// plain sort whatever the goroutines, for values drawn from few and from
// many strings, with runs of equal values and already sorted input.
func TestIndexSortParallel(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		values  int // distinct values
		labels  int
		ordered bool
	}{
		{"small", 100, 50, 2, false},
		{"many values", 3 * parallelSortMin, 1 << 20, 3, false},
		{"few values", 3 * parallelSortMin, 7, 2, false},
		{"one value", 2 * parallelSortMin, 1, 1, false},
		{"sorted", 2 * parallelSortMin, 1000, 2, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tc.n), uint64(tc.values)))
			var x indexEntries
			for node := range tc.n {
				s := fmt.Sprintf("v%d", rng.IntN(tc.values))
				x.add(uint32(rng.IntN(tc.labels)), uint32(rng.IntN(2)), uint32(node), uint64(len(x.strings)), len(s))
				x.strings = append(x.strings, s...)
			}
			if tc.ordered {
				sort.Sort(&x)
			}
			want := indexEntries{b: bytes.Clone(x.b), strings: x.strings}
			sort.Sort(&want)
			for _, par := range []int{1, 2, 3, 8} {
				got := indexEntries{b: bytes.Clone(x.b), strings: x.strings}
				got.sort(par)
				if !bytes.Equal(got.b, want.b) {
					t.Errorf("sort(%d) gave another order than sort.Sort", par)
				}
			}
		})
	}
}
