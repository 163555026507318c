package embedded_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

var (
	china = graph.Node{ID: "CHN", Label: graph.LabelCountry, Props: graph.Props{"name": "China", "aliases": []string{"Beijing"}}}
	usa   = graph.Node{ID: "USA", Label: graph.LabelCountry, Props: graph.Props{"name": "United States"}}
	xi    = graph.Node{ID: "actor-xi-jinping", Label: graph.LabelActor, Props: graph.Props{
		"name": "Xi Jinping", "kind": "person", "role": "President", "aliases": []string{"Xi"}}}
	trump = graph.Node{ID: "actor-donald-trump", Label: graph.LabelActor, Props: graph.Props{"name": "Donald Trump", "kind": "person"}}
)

func article(id string) graph.Node {
	return graph.Node{ID: id, Label: graph.LabelArticle, Props: graph.Props{"title": "Title of " + id, "publishedAt": "2026-02-04"}}
}

// spoke is the SPOKE_WITH fact between Trump and Xi as reported by art.
func spoke(art, sentence string) graph.Relationship {
	return graph.Relationship{
		ID: graph.RelID(graph.SpokeWith, trump.ID, xi.ID, "2026-02-04"), Type: graph.SpokeWith, Start: trump.ID, End: xi.ID,
		Props: graph.Props{graph.PropSources: []string{art}, graph.PropEvidence: []string{sentence},
			graph.PropDate: "2026-02-04", graph.PropMedium: "call"},
	}
}

func batch(nodes []graph.Node, rels ...graph.Relationship) *graph.Batch {
	return &graph.Batch{Nodes: nodes, Relationships: rels}
}

func mustLoad(t *testing.T, s graph.Store, b *graph.Batch) graph.LoadStats {
	t.Helper()
	st, err := s.Load(context.Background(), b)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return st
}

func mustSnapshot(t *testing.T, s graph.Store) *graph.Batch {
	t.Helper()
	b, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	return b
}

func findRel(b *graph.Batch, id string) *graph.Relationship {
	for i := range b.Relationships {
		if b.Relationships[i].ID == id {
			return &b.Relationships[i]
		}
	}
	return nil
}

func findNode(b *graph.Batch, id string) *graph.Node {
	for i := range b.Nodes {
		if b.Nodes[i].ID == id {
			return &b.Nodes[i]
		}
	}
	return nil
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestLoadMergeRules(t *testing.T) {
	s := embeddedtest.Open(t)
	a1 := batch([]graph.Node{trump, xi, article("art-1")}, spoke("art-1", "Trump spoke with Xi."))
	st := mustLoad(t, s, a1)
	if want := (graph.LoadStats{NodesCreated: 3, RelationshipsCreated: 1}); st != want {
		t.Fatalf("first load stats = %+v, want %+v", st, want)
	}

	// The same batch again changes nothing and writes nothing.
	before := fileHash(t, s.Path())
	if st := mustLoad(t, s, a1); st != (graph.LoadStats{}) {
		t.Fatalf("second load stats = %+v, want zero", st)
	}
	if fileHash(t, s.Path()) != before {
		t.Fatalf("loading the same batch twice rewrote the file")
	}

	// The same fact from another article adds its source and sentence.
	xi2 := graph.Node{ID: xi.ID, Label: graph.LabelActor, Props: graph.Props{
		"name": "Xi", "role": "Leader", "country": "China", "aliases": []string{"President Xi", "Xi"}}}
	st = mustLoad(t, s, batch([]graph.Node{xi2, article("art-2")},
		spoke("art-2", "Xi and Trump held a call."), spoke("art-2", "Trump spoke with Xi.")))
	if want := (graph.LoadStats{NodesCreated: 1, NodesUpdated: 1, RelationshipsUpdated: 1}); st != want {
		t.Fatalf("third load stats = %+v, want %+v", st, want)
	}
	snap := mustSnapshot(t, s)
	r := findRel(snap, spoke("", "").ID)
	if r == nil {
		t.Fatalf("SPOKE_WITH missing from snapshot %+v", snap)
	}
	wantProps := graph.Props{
		graph.PropSources:  []string{"art-1", "art-2"},
		graph.PropEvidence: []string{"Trump spoke with Xi.", "Xi and Trump held a call."},
		graph.PropDate:     "2026-02-04", graph.PropMedium: "call",
	}
	if !reflect.DeepEqual(r.Props, wantProps) || r.Start != trump.ID || r.End != xi.ID {
		t.Fatalf("merged relationship = %+v, want props %v", r, wantProps)
	}
	n := findNode(snap, xi.ID)
	wantXi := graph.Props{"name": "Xi Jinping", "kind": "person", "role": "President", "country": "China",
		"aliases": []string{"President Xi", "Xi"}}
	if n == nil || n.Label != graph.LabelActor || !reflect.DeepEqual(n.Props, wantXi) {
		t.Fatalf("merged node = %+v, want props %v", n, wantXi)
	}
	if len(snap.Relationships) != 1 || len(snap.Nodes) != 4 {
		t.Fatalf("snapshot has %d nodes and %d relationships, want 4 and 1", len(snap.Nodes), len(snap.Relationships))
	}
}

func TestLoadValueTypesSurvive(t *testing.T) {
	s, path := newStore(t)
	props := graph.Props{"name": "buy soybeans", "quantity": int64(25000000), "share": 0.25, "whole": 3.0,
		"binding": true, "draft": false, "aliases": []string{"soy deal"}, "text": "quote \" backslash \\ newline \n 中国"}
	c := graph.Node{ID: "commitment-1", Label: graph.LabelCommitment, Props: props}
	mustLoad(t, s, batch([]graph.Node{c}))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro := openReadOnly(t, path)
	snap := mustSnapshot(t, ro)
	if len(snap.Nodes) != 1 || !reflect.DeepEqual(snap.Nodes[0].Props, props) {
		t.Fatalf("after reopen: %#v, want %#v", snap.Nodes, props)
	}
	if _, err := ro.Load(context.Background(), batch([]graph.Node{usa})); !errors.Is(err, embedded.ErrReadOnly) {
		t.Fatalf("Load on read-only store: %v, want ErrReadOnly", err)
	}
	if err := ro.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadErrorsChangeNothing(t *testing.T) {
	tests := []struct {
		name string
		b    *graph.Batch
		want string
	}{
		{"missing end node", batch([]graph.Node{trump}, spoke("a", "s")), "not found"},
		{"empty node id", batch([]graph.Node{usa, {Label: graph.LabelActor}}), "empty id"},
		{"empty label", batch([]graph.Node{usa, {ID: "x"}}), "empty label"},
		{"bad value", batch([]graph.Node{usa, {ID: "x", Label: "A", Props: graph.Props{"m": map[string]int{}}}}), "unsupported"},
		{"empty relationship id", batch([]graph.Node{trump, xi}, graph.Relationship{Type: "T", Start: trump.ID, End: xi.ID}), "empty id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := embeddedtest.Open(t)
			mustLoad(t, s, batch([]graph.Node{china}))
			_, err := s.Load(context.Background(), tc.b)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load = %v, want error containing %q", err, tc.want)
			}
			c, err := s.Counts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if c.TotalNodes() != 1 || c.TotalRelationships() != 0 {
				t.Fatalf("failed load left %v", c)
			}
		})
	}
}

func TestLoadCancelled(t *testing.T) {
	s := embeddedtest.Open(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Load(ctx, batch([]graph.Node{china})); !errors.Is(err, context.Canceled) {
		t.Fatalf("Load with cancelled ctx = %v", err)
	}
}

func TestCounts(t *testing.T) {
	s := embeddedtest.Open(t)
	mustLoad(t, s, batch([]graph.Node{china, usa, trump, xi, article("a1")}, spoke("a1", "s")))
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := &graph.Counts{
		Nodes:         map[string]int{"Country": 2, "Actor": 2, "Article": 1},
		Relationships: map[string]int{"SPOKE_WITH": 1},
	}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("Counts = %+v, want %+v", c, want)
	}
}

func TestLockSecondWriter(t *testing.T) {
	w, path := newStore(t)
	opts := &embedded.Options{LockTimeout: 200 * time.Millisecond}
	if _, err := embedded.Open(path, opts); !errors.Is(err, graph.ErrStoreInUse) {
		t.Fatalf("second writer: %v, want ErrStoreInUse", err)
	} else if !strings.Contains(err.Error(), "store is in use by another kg process") {
		t.Fatalf("error text %q", err)
	}
	// Readers are not locked out by an open writer (see share_test.go).
	r, err := embedded.Open(path, &embedded.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reader while a writer is open: %v", err)
	}
	if err := errors.Join(r.Close(), w.Close()); err != nil {
		t.Fatal(err)
	}
	// Many readers at once, and a writer with them.
	openReadOnly(t, path)
	openReadOnly(t, path)
	w, err = embedded.Open(path, opts)
	if err != nil {
		t.Fatalf("writer while readers are open: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRejects(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := embedded.Open(garbage, nil); err == nil {
		t.Fatalf("Open(garbage) succeeded")
	}
	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := embedded.Open(foreign, nil); !errors.Is(err, embedded.ErrNotStore) {
		t.Fatalf("Open(foreign bbolt file) = %v, want ErrNotStore", err)
	}
	if _, err := embedded.Open(filepath.Join(dir, "missing.db"), &embedded.Options{ReadOnly: true}); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("read-only Open of a missing file = %v, want ErrNotExist", err)
	}
	if _, err := embedded.Open("", nil); err == nil {
		t.Fatalf("Open(\"\") succeeded")
	}
}

func TestClosed(t *testing.T) {
	s := embeddedtest.Open(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := s.Counts(context.Background()); !errors.Is(err, embedded.ErrClosed) {
		t.Fatalf("Counts after Close = %v", err)
	}
	if _, err := s.Load(context.Background(), batch([]graph.Node{china})); !errors.Is(err, embedded.ErrClosed) {
		t.Fatalf("Load after Close = %v", err)
	}
}

func TestCheckFindsCorruption(t *testing.T) {
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		want   string
	}{
		{"index entry removed", func(tx *bolt.Tx) error { return tx.Bucket([]byte("nodeIndex")).Delete([]byte("CHN")) },
			"missing from the index"},
		{"node removed", func(tx *bolt.Tx) error {
			// An index entry is the 8-byte id, then its checksum.
			id := append([]byte(nil), tx.Bucket([]byte("nodeIndex")).Get([]byte(xi.ID))[:8]...)
			return tx.Bucket([]byte("nodes")).Delete(id)
		}, "dangling"},
		{"record garbled", func(tx *bolt.Tx) error {
			id := append([]byte(nil), tx.Bucket([]byte("nodeIndex")).Get([]byte("CHN"))[:8]...)
			return tx.Bucket([]byte("nodes")).Put(id, []byte{1, 200})
		}, "corrupt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, path := newStore(t)
			mustLoad(t, s, batch([]graph.Node{china, trump, xi}, spoke("a", "s")))
			if err := s.Check(); err != nil {
				t.Fatalf("Check of a sound store: %v", err)
			}
			s.Close()
			db, err := bolt.Open(path, 0o644, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Update(tc.damage); err != nil {
				t.Fatal(err)
			}
			db.Close()
			s, err = embedded.Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.Check(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Check = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// newStore opens a new store in a temporary directory and returns it with
// its path; the test closes it.
func newStore(t testing.TB) (*embedded.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := embedded.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, path
}

// openReadOnly opens the store at path read-only until the test ends.
func openReadOnly(t *testing.T, path string) *embedded.Store {
	t.Helper()
	s, err := embedded.Open(path, &embedded.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
