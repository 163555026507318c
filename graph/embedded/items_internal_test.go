package embedded

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph"
)

// spillBatch is two countries and a fact between them whose sources are
// the given articles.
func spillBatch(sources ...string) *graph.Batch {
	return &graph.Batch{
		Nodes: []graph.Node{
			{ID: "FRA", Label: graph.LabelCountry, Props: graph.Props{"name": "France"}},
			{ID: "JPN", Label: graph.LabelCountry, Props: graph.Props{"name": "Japan"}},
		},
		Relationships: []graph.Relationship{{ID: "s1", Type: graph.Sanctioned, Start: "FRA", End: "JPN",
			Props: graph.Props{graph.PropSources: sources, "measure": "tariff"}}},
	}
}

// rawRel returns the stored record of relationship 1 and the number of
// items of the file.
func rawRel(t *testing.T, s *Store) (rec []byte, items int) {
	t.Helper()
	if err := s.view(func(tx *bolt.Tx) error {
		rec = append([]byte(nil), tx.Bucket(bucketRels).Get(itob(1))...)
		if b := tx.Bucket(bucketItems); b != nil {
			items = b.Stats().KeyN
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return rec, items
}

// sourcesOf returns the sources of the fact, as a query reads them.
func sourcesOf(t *testing.T, s *Store) []any {
	t.Helper()
	res, err := s.Query(context.Background(), "MATCH ()-[r:SANCTIONED]->() RETURN r.sources", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 {
		t.Fatalf("got %d rows, want 1", len(res.Rows))
	}
	l, _ := res.Rows[0][0].([]any)
	return l
}

func articles(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("article-%03d", i))
	}
	return out
}

// TestSpilledSetGrowsByItems: a set longer than spillMin leaves its record;
// a later load that adds to it writes items and leaves the record as it
// was; a load that adds nothing writes nothing.
func TestSpilledSetGrowsByItems(t *testing.T) {
	ctx := context.Background()
	SetSpillMin(t, 4)
	s := openTemp(t)
	if _, err := s.Load(ctx, spillBatch(articles(0, 3)...)); err != nil {
		t.Fatal(err)
	}
	if _, n := rawRel(t, s); n != 0 {
		t.Fatalf("3 sources: %d items, want none (below spillMin)", n)
	}
	if _, err := s.Load(ctx, spillBatch(articles(3, 6)...)); err != nil {
		t.Fatal(err)
	}
	rec, n := rawRel(t, s)
	if n != 6 {
		t.Fatalf("6 sources: %d items, want 6", n)
	}
	st, err := s.Load(ctx, spillBatch("article-100", "article-002"))
	if err != nil {
		t.Fatal(err)
	}
	if st.RelationshipsUpdated != 1 {
		t.Errorf("stats %+v, want one relationship updated", st)
	}
	rec2, n := rawRel(t, s)
	if n != 7 || string(rec2) != string(rec) {
		t.Errorf("after adding one source: %d items (want 7), record rewritten: %v", n, string(rec2) != string(rec))
	}
	want := []any{}
	for _, a := range append(articles(0, 6), "article-100") {
		want = append(want, a)
	}
	if got := sourcesOf(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("sources = %v, want %v", got, want)
	}
	// The in-memory graph followed the load; a new one built from the
	// file agrees.
	s.mu.Lock()
	s.mem = nil
	s.mu.Unlock()
	if got := sourcesOf(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("sources from the file = %v, want %v", got, want)
	}
	if st, err := s.Load(ctx, spillBatch("article-001", "article-100")); err != nil || st != (graph.LoadStats{}) {
		t.Errorf("a load adding nothing: %+v, %v; want no change", st, err)
	}
	// A scalar that changes rewrites the record, which keeps its marker.
	b := spillBatch("article-200")
	b.Relationships[0].Props["rate"] = "25%"
	if _, err := s.Load(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, n := rawRel(t, s); n != 8 {
		t.Errorf("%d items, want 8", n)
	}
	exp, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := exp.Relationships[0].Props[graph.PropSources]; len(got.([]string)) != 8 || exp.Relationships[0].Props["rate"] != "25%" {
		t.Errorf("export: %v", exp.Relationships[0].Props)
	}
}

// TestSpilledSetsAndCypherWrites: a query that sets a spilled property
// replaces its items; one that deletes the element deletes them; a list
// written by Cypher out of order stays in its record, in its order.
func TestSpilledSetsAndCypherWrites(t *testing.T) {
	ctx := context.Background()
	SetSpillMin(t, 4)
	s := openTemp(t)
	if _, err := s.Load(ctx, spillBatch(articles(0, 10)...)); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		query string
		items int
		want  []any
	}{
		{"MATCH ()-[r:SANCTIONED]->() SET r.sources = ['x', 'y']", 0, []any{"x", "y"}},
		{"MATCH ()-[r:SANCTIONED]->() SET r.sources = ['e', 'd', 'c', 'b', 'a']", 0, []any{"e", "d", "c", "b", "a"}},
		{"MATCH ()-[r:SANCTIONED]->() SET r.sources = ['a', 'b', 'c', 'd', 'e']", 5, []any{"a", "b", "c", "d", "e"}},
		{"MATCH ()-[r:SANCTIONED]->() SET r.note = 'checked'", 5, []any{"a", "b", "c", "d", "e"}},
	}
	for _, st := range steps {
		if _, err := s.Query(ctx, st.query, nil); err != nil {
			t.Fatalf("%s: %v", st.query, err)
		}
		if _, n := rawRel(t, s); n != st.items {
			t.Errorf("%s: %d items, want %d", st.query, n, st.items)
		}
		if err := s.Check(); err != nil {
			t.Errorf("%s: check: %v", st.query, err)
		}
		s.mu.Lock()
		s.mem = nil // read back from the file
		s.mu.Unlock()
		if got := sourcesOf(t, s); !reflect.DeepEqual(got, st.want) {
			t.Errorf("%s: sources = %v, want %v", st.query, got, st.want)
		}
	}
	if _, err := s.Query(ctx, "MATCH ()-[r:SANCTIONED]->() DELETE r", nil); err != nil {
		t.Fatal(err)
	}
	if _, n := rawRel(t, s); n != 0 {
		t.Errorf("after DELETE: %d items, want none", n)
	}
}

// TestCheckFindsItemDamage: an item without its set, a set without items
// and an item whose checksum fails are each reported.
func TestCheckFindsItemDamage(t *testing.T) {
	ctx := context.Background()
	SetSpillMin(t, 4)
	cases := []struct {
		name   string
		damage func(b *bolt.Bucket) error
		want   string
	}{
		{"orphan", func(b *bolt.Bucket) error {
			k := append(itemPropPrefix(itemRel, 1, "claimedBy"), "nobody"...)
			return b.Put(k, seal(k, nil))
		}, `no relationship 1 with the spilled property "claimedBy"`},
		{"no items", func(b *bolt.Bucket) error { return deleteItems(b, itemRel, 1) }, `spilled property "sources" has no items`},
		{"checksum", func(b *bolt.Bucket) error {
			k := append(itemPropPrefix(itemRel, 1, graph.PropSources), "article-003"...)
			return b.Put(k, []byte{0, 0, 0, 0})
		}, "checksum mismatch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(t.TempDir()+"/kg.db", nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Load(ctx, spillBatch(articles(0, 8)...)); err != nil {
				t.Fatal(err)
			}
			if err := s.updateTx(func(tx *bolt.Tx) error { return c.damage(tx.Bucket(bucketItems)) }); err != nil {
				t.Fatal(err)
			}
			err = s.Check()
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Check() = %v, want ErrDamaged naming %q", err, c.want)
			}
		})
	}
}

// TestOlderFormats opens files of formats 2 (no items bucket) and 3 (a
// relationship index keyed by model id alone): each reads and checks as it
// is, and the first write upgrades it to FormatVersion, in transactions of
// one relationship each here, also after an upgrade stopped half way.
func TestOlderFormats(t *testing.T) {
	chunk := upgradeChunk
	t.Cleanup(func() { upgradeChunk = chunk })
	upgradeChunk = 1
	for _, tc := range []struct {
		version string
		stopped bool // a stopped upgrade left part of the new index
	}{{"2", false}, {"3", false}, {"3", true}} {
		version := tc.version
		t.Run(fmt.Sprintf("format %s, stopped %v", version, tc.stopped), func(t *testing.T) {
			ctx := context.Background()
			SetSpillMin(t, 4)
			path := t.TempDir() + "/kg.db"
			s, err := Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Load(ctx, spillBatch("a", "b")); err != nil {
				t.Fatal(err)
			}
			// A second relationship, so that the upgrade takes two chunks.
			back := spillBatch("c")
			r := &back.Relationships[0]
			r.ID, r.Type, r.Start, r.End = "t2", "TRADES_WITH", "JPN", "FRA"
			if _, err := s.Load(ctx, back); err != nil {
				t.Fatal(err)
			}
			if err := s.updateTx(func(tx *bolt.Tx) error {
				if err := downgrade(tx, version); err != nil || !tc.stopped {
					return err
				}
				b, err := tx.CreateBucket(bucketRelIdx)
				if err != nil {
					return err
				}
				return b.Put(relIndexKey(7, "stale"), indexValue("stale", 7))
			}); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			ro, err := Open(path, &Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("open format %s read-only: %v", version, err)
			}
			if got := sourcesOf(t, ro); !reflect.DeepEqual(got, []any{"a", "b"}) {
				t.Errorf("sources = %v", got)
			}
			if err := errors.Join(ro.Check(), ro.Close()); err != nil {
				t.Fatal(err)
			}
			var upgrades []int
			s, err = Open(path, &Options{OnUpgrade: func(from int) { upgrades = append(upgrades, from) }})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			// The relationship loaded again is found through the upgraded
			// index: its sources grow, no second relationship appears.
			st, err := s.Load(ctx, spillBatch(articles(0, 6)...))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Load(ctx, spillBatch(articles(6, 7)...)); err != nil {
				t.Fatal(err)
			}
			if want := []int{int(version[0] - '0')}; !reflect.DeepEqual(upgrades, want) {
				t.Errorf("OnUpgrade called with %v, want %v", upgrades, want)
			}
			if st.RelationshipsCreated != 0 || st.RelationshipsUpdated != 1 {
				t.Errorf("load after the upgrade: %+v, want the relationship updated", st)
			}
			var got string
			if err := s.view(func(tx *bolt.Tx) error {
				got = string(tx.Bucket(bucketMeta).Get(metaVersion))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if _, n := rawRel(t, s); got != strconv.Itoa(FormatVersion) || n != 9 {
				t.Errorf("after spilling loads: format %s, %d items; want %d and 9", got, n, FormatVersion)
			}
			if err := s.Check(); err != nil {
				t.Error(err)
			}
		})
	}
}

// downgrade turns the file of tx into one of the older format version, as
// an earlier kg wrote it: the relationship index keyed by model id alone,
// and for format 2 no items (the test's sets fit in their records).
func downgrade(tx *bolt.Tx, version string) error {
	type entry struct{ k, v []byte }
	var entries []entry
	if err := tx.Bucket(bucketRelIdx).ForEach(func(k, v []byte) error {
		entries = append(entries, entry{bytes.Clone(k[8:]), bytes.Clone(v)})
		return nil
	}); err != nil {
		return err
	}
	if err := tx.DeleteBucket(bucketRelIdx); err != nil {
		return err
	}
	ri, err := tx.CreateBucket(bucketRelIdx3)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := ri.Put(e.k, e.v); err != nil {
			return err
		}
	}
	if version == "2" {
		if err := tx.DeleteBucket(bucketItems); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(metaVersion, []byte(version))
}

func TestSpillable(t *testing.T) {
	long := func(n int, size int) []string {
		var l []string
		for i := range n {
			l = append(l, fmt.Sprintf("%03d%s", i, strings.Repeat("x", size-3)))
		}
		return l
	}
	cases := []struct {
		name string
		v    any
		want bool
	}{
		{"a few short strings", long(5, 10), false},
		{"spillMin short strings", long(spillMin, 10), true},
		{"four making spillBytes", long(4, spillBytes/4), true},
		{"three making spillBytes", long(3, spillBytes/2), false},
		{"unsorted", append(long(spillMin, 10), "000"), false},
		{"duplicates", append(long(spillMin, 10), long(spillMin, 10)[spillMin-1]), false},
		{"an element too long for a key", long(spillMin, maxItemLen+1), false},
		{"a string", "x", false},
		{"a list of integers", []any{int64(1), int64(2)}, false},
	}
	for _, c := range cases {
		if _, got := spillable(c.v); got != c.want {
			t.Errorf("%s: spillable = %v, want %v", c.name, got, c.want)
		}
	}
}
