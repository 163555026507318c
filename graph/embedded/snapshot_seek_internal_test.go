package embedded

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSnapshotLooksUpAnyLabel checks LookupNodes with label "" on the
// snapshots of stores whose nodes all carry a label (one or two: served
// by the index, each node found once per label) and of one with a node
// without a label (not served: the engine scans).
func TestSnapshotLooksUpAnyLabel(t *testing.T) {
	for _, tc := range []struct {
		name, create string
		bare         int
		served       bool
		want         []int64 // the nodes found for id 'x', sorted
	}{
		{"one label each", "CREATE (:A {id: 'x'}), (:B {id: 'y'}), (:B {name: 'x'})", 0, true, []int64{0}},
		{"two labels", "CREATE (:A {id: 'y'}), (:A:B {id: 'x'}), (:B {name: 'z'})", 0, true, []int64{1, 1}},
		{"no label", "CREATE (:A:B {id: 'y'}), ({id: 'x'}), (:B {id: 'z'}), ({name: 'n'})", 2, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kg.db")
			s, err := Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Query(context.Background(), tc.create, nil); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(SnapshotPath(path))
			if err != nil {
				t.Fatal(err)
			}
			snap, err := parseSnapshot(data)
			if err != nil {
				t.Fatal(err)
			}
			if _, bare, err := snap.labelsInUse(); err != nil || bare != tc.bare {
				t.Fatalf("labelsInUse: %d nodes without a label, %v; want %d", bare, err, tc.bare)
			}
			g := newSnapGraph(snap, nil)
			var got []int64
			served := g.LookupNodes("", "id", "x", func(id int64) bool { got = append(got, id); return true })
			slices.Sort(got)
			if served != tc.served || !slices.Equal(got, tc.want) || g.err != nil {
				t.Fatalf("LookupNodes(\"\", id, x) = %v, %v (%v); want %v, %v", got, served, g.err, tc.want, tc.served)
			}
			if g.LookupNodes("", "id", int64(1), func(int64) bool { return true }) {
				t.Fatal("LookupNodes(\"\", id, 1) reports an index of numbers")
			}
		})
	}
}
