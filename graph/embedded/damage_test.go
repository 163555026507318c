package embedded_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
)

// soundStore writes a store of a few hundred nodes and relationships,
// spread over several pages, and returns its path and bytes.
func soundStore(t testing.TB) (string, []byte) {
	t.Helper()
	s, path := newStore(t)
	for k := range 3 {
		b := &graph.Batch{Nodes: []graph.Node{china, usa, trump, xi}}
		for i := range 100 {
			a := article(fmt.Sprintf("art-%d-%d", k, i))
			a.Props["text"] = strings.Repeat("a sentence about trade and tariffs; ", 10)
			b.Nodes = append(b.Nodes, a)
			b.Relationships = append(b.Relationships, spoke(a.ID, fmt.Sprintf("sentence %d of batch %d", i, k)),
				graph.Relationship{ID: "m-" + a.ID, Type: graph.Mentions, Start: a.ID, End: china.ID})
		}
		if _, err := s.Load(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// useStore opens the store at path and exercises every read path: counts,
// snapshot, a query, a load and Check. It returns the first error, and the
// snapshot when everything succeeded. A panic or a fault fails the test
// (a fault would end the process).
func useStore(path string) (*graph.Batch, error) {
	s, err := embedded.Open(path, nil)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Counts(ctx); err != nil {
		return nil, err
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.Query(ctx, "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r.evidence", nil); err != nil {
		return nil, err
	}
	if _, err := s.Load(ctx, batch([]graph.Node{article("new-article")})); err != nil {
		return nil, err
	}
	if err := s.Check(); err != nil {
		return nil, err
	}
	return snap, nil
}

func writeDamaged(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantDamaged checks that err reports a damaged store naming the file.
func wantDamaged(t *testing.T, err error, path string) {
	t.Helper()
	if err == nil {
		t.Fatalf("the damaged store was used without an error")
	}
	if !embedded.IsDamaged(err) && !errors.Is(err, embedded.ErrNotStore) {
		t.Fatalf("error %v does not report a damaged store", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Fatalf("error %q does not name the file %s", err, path)
	}
}

const pageSize = 4096

func TestDamagedFileRefused(t *testing.T) {
	_, data := soundStore(t)
	// The file may be longer than the pages in use (bbolt grows it ahead);
	// cut into the pages the meta pages count.
	used := int(max(binary.LittleEndian.Uint64(data[16+40:]), binary.LittleEndian.Uint64(data[pageSize+16+40:]))) * pageSize
	flip := func(off int) []byte {
		d := append([]byte(nil), data...)
		d[off] ^= 0x10
		return d
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"zero-length", nil, "empty"},
		{"truncated to 100 bytes", data[:100], "truncated"},
		{"truncated to one page", data[:pageSize], "truncated"},
		{"truncated to half", data[:len(data)/2/pageSize*pageSize], "truncated"},
		{"truncated by one page", data[:used-pageSize], "truncated"},
		{"truncated mid-page", data[:used-100], "truncated"},
		{"meta 0 page size", flip(16 + 9), "meta page 0"},
		{"meta 0 txid", flip(16 + 48), "meta page 0 fails its checksum"},
		{"meta 0 checksum", flip(16 + 60), "meta page 0 fails its checksum"},
		{"meta 1 root", flip(pageSize + 16 + 16), "meta page 1 fails its checksum"},
		{"meta 1 high-water mark", flip(pageSize + 16 + 40), "meta page 1 fails its checksum"},
		{"meta 1 page header", flip(pageSize + 8), "meta page 1 has a bad page header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeDamaged(t, tc.data)
			_, err := useStore(path)
			wantDamaged(t, err, path)
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Open = %v, want it to say %q", err, tc.want)
			}
			err = embedded.CheckFile(path, 0, nil)
			var ce *embedded.CheckError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("CheckFile = %v, want a *CheckError saying %q", err, tc.want)
			}
			after, _ := os.ReadFile(path)
			if string(after) != string(tc.data) {
				t.Fatalf("the damaged file was changed")
			}
		})
	}
}

// TestFlippedDataBits flips one bit at a time in the data pages (seeded)
// and uses the store: every try must end in a clear error or a store that
// opens, checks and holds the graph it held; none may crash the process,
// and none may change the graph unnoticed (records carry checksums). A
// flip in unused space changes nothing.
func TestFlippedDataBits(t *testing.T) {
	_, data := soundStore(t)
	sound, err := useStore(writeDamaged(t, data))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(11, 13))
	tries := 60
	if testing.Short() {
		tries = 15
	}
	var refused, unnoticed int
	for i := range tries {
		d := append([]byte(nil), data...)
		off := 2*pageSize + rng.IntN(len(d)-2*pageSize)
		d[off] ^= 1 << rng.IntN(8)
		path := writeDamaged(t, d)
		snap, err := useStore(path)
		switch {
		case err != nil:
			if !embedded.IsDamaged(err) && !errors.Is(err, embedded.ErrNotStore) && !errors.Is(err, embedded.ErrConstraint) {
				t.Errorf("try %d (byte %d): error %v does not say the store is damaged", i, off, err)
			}
			refused++
		case !reflect.DeepEqual(snap, sound):
			t.Errorf("try %d (byte %d): the graph changed and nothing reported it", i, off)
			unnoticed++
		}
	}
	t.Logf("%d flipped bits: %d refused with an error, %d changed the graph unnoticed", tries, refused, unnoticed)
}

// FuzzOpen feeds arbitrary bytes to Open as a store file: the result must
// be an error or a usable store, never a crash.
func FuzzOpen(f *testing.F) {
	_, data := soundStore(f)
	f.Add(data)
	f.Add(data[:2*pageSize])
	f.Add([]byte{})
	f.Add(data[:100])
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "fuzz.db")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := useStore(path); err != nil && !strings.Contains(err.Error(), path) {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}

// TestGarbledPages overwrites a few random bytes anywhere in the file
// (seeded), which often makes bbolt read outside its memory map: every try
// must end in an error or a usable store, never a fault.
func TestGarbledPages(t *testing.T) {
	_, data := soundStore(t)
	rng := rand.New(rand.NewPCG(1, 2))
	tries := 300
	if testing.Short() {
		tries = 40
	}
	refused := 0
	for range tries {
		d := append([]byte(nil), data...)
		for range 1 + rng.IntN(20) {
			d[rng.IntN(len(d))] = byte(rng.Uint32())
		}
		path := writeDamaged(t, d)
		if _, err := useStore(path); err != nil {
			if !strings.Contains(err.Error(), path) && !errors.Is(err, embedded.ErrConstraint) {
				t.Errorf("error %q does not name the file", err)
			}
			refused++
		}
	}
	t.Logf("%d garbled files: %d refused with an error", tries, refused)
}

// TestOldFormatRefused checks that a store of format 1 (records without
// checksums) is refused with ErrOldFormat and a message saying what to
// do, by Open, read-only or not, and by CheckFile, and is left unchanged.
func TestOldFormatRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"meta", "nodes", "rels", "nodeIndex", "relIndex"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		meta := tx.Bucket([]byte("meta"))
		if err := meta.Put([]byte("format"), []byte("kg-embedded")); err != nil {
			return err
		}
		return meta.Put([]byte("version"), []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	for _, ro := range []bool{false, true} {
		_, err := embedded.Open(path, &embedded.Options{ReadOnly: ro})
		if !errors.Is(err, embedded.ErrOldFormat) ||
			!strings.Contains(err.Error(), "ingest the articles again") || !strings.Contains(err.Error(), path) {
			t.Errorf("Open(read-only %v) = %v, want ErrOldFormat naming the file and saying what to do", ro, err)
		}
	}
	if err := embedded.CheckFile(path, 0, nil); !errors.Is(err, embedded.ErrOldFormat) {
		t.Errorf("CheckFile = %v, want ErrOldFormat", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the old store was changed")
	}
}
