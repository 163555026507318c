package embedded

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// CheckError lists what Check found wrong with a store file. It wraps
// ErrDamaged.
type CheckError struct {
	Path     string
	Problems []error // at most maxProblems
}

// maxProblems caps the problems Check reports.
const maxProblems = 100

func (e *CheckError) Error() string {
	return fmt.Sprintf("%q: %s: %v", e.Path, ErrDamaged, errors.Join(e.Problems...))
}

// Unwrap returns ErrDamaged and the problems.
func (e *CheckError) Unwrap() []error { return append([]error{ErrDamaged}, e.Problems...) }

// Check verifies the invariants of the file and returns every violation
// found as a *CheckError: the metadata is kg's; bbolt's own page
// consistency check passes; every record, index entry and ingested-input
// entry passes its checksum, and every record decodes; the buckets' sequences
// are at least their highest id; every relationship's end points exist;
// the id indexes and the records' "id" properties agree both ways; the
// snapshot, when there is one of the file's state, holds exactly what one
// built from the file would (see SnapshotPath); and the in-memory graph, when built, has as many nodes and relationships as the
// file. A page bbolt faults on is reported, not a crash.
func (s *Store) Check() error {
	var errs []error
	add := func(format string, a ...any) {
		if len(errs) < maxProblems {
			errs = append(errs, fmt.Errorf(format, a...))
		}
	}
	// No writer may change the file while its pages are read directly:
	// not this Store's (wmu), nor another process's (the file lock, held
	// from the page walk to the end of the read transaction).
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, release, err := s.acquire(false)
	if err != nil {
		return fmt.Errorf("check %q: %w", s.path, err)
	}
	defer release()
	pageProblems, err := walkPages(s.path)
	if err != nil {
		return fmt.Errorf("check %q: %w", s.path, err)
	}
	if len(pageProblems) > 0 {
		// bbolt's own check runs in a goroutine of its own, where a fault
		// on these pages could not be recovered: report them and stop.
		return &CheckError{Path: s.path, Problems: pageProblems}
	}
	var nodes, rels, txid int
	err = s.view(func(tx *bolt.Tx) error {
		defer releasing(tx.DB())() // it reads every page of the file
		txid = tx.ID()
		if err := checkMeta(tx); err != nil {
			return err
		}
		for err := range tx.Check() {
			add("bbolt: %v", err)
		}
		nb, rb := tx.Bucket(bucketNodes), tx.Bucket(bucketRels)
		ni, ri := tx.Bucket(bucketNodeIdx), tx.Bucket(bucketRelIdx)
		spilled := map[itemOwner]int{} // spilled sets → items found
		// An index entry's key: the model id of a node; for a relationship,
		// its start node's id then its model id (relIndexKey), or the model
		// id alone in a file of format 2 or 3, which the first write
		// upgrades.
		nodeKey := func(_ int64, mid string) []byte { return nodeIndexKey(mid) }
		relKey, relMID := relIndexKey, func(k []byte) []byte {
			if len(k) < 8 {
				return nil
			}
			return k[8:]
		}
		if v := string(tx.Bucket(bucketMeta).Get(metaVersion)); v == "2" || v == "3" {
			ri = tx.Bucket(bucketRelIdx3)
			relKey, relMID = func(_ int64, mid string) []byte { return []byte(mid) }, func(k []byte) []byte { return k }
		}
		// checkRecords checks the records of b and the index idx, whose
		// entry for a record with model id mid and start start (or -1) is
		// key(start, mid) and has the model id modelID(key).
		checkRecords := func(kind byte, b, idx *bolt.Bucket, decode func(int64, []byte) (map[string]any, int64, error),
			key func(start int64, mid string) []byte, modelID func(key []byte) []byte) int {
			what := kindName(kind)
			n := 0
			var maxID int64
			_ = b.ForEach(func(k, v []byte) error {
				n++
				id, err := btoi(k)
				if err != nil {
					add("%s key %x: %v", what, k, err)
					return nil
				}
				maxID = max(maxID, id)
				props, start, err := decode(id, v)
				if err != nil {
					add("%s %d: %v", what, id, err)
					return nil
				}
				for _, k := range spilledKeys(props) {
					spilled[itemOwner{kind: kind, id: id, key: k}] = 0
				}
				if v, ok := props["id"]; ok {
					s, isString := v.(string)
					if !isString || s == "" {
						add("%s %d: id property %v is not a non-empty string", what, id, v)
						return nil
					}
					got := idx.Get(key(start, s))
					if got == nil {
						add("%s %d: id %q missing from the index", what, id, s)
					} else if cur, err := indexID([]byte(s), got); err != nil {
						add("%s %d: %v", what, id, err)
					} else if cur != id {
						add("%s %d: index maps id %q to %d", what, id, s, cur)
					}
				}
				return nil
			})
			if uint64(maxID) > b.Sequence() {
				add("%s sequence %d below highest id %d", what, b.Sequence(), maxID)
			}
			_ = idx.ForEach(func(k, v []byte) error {
				mid := modelID(k)
				if mid == nil {
					add("%s index: key %x too short", what, k)
					return nil
				}
				id, err := indexID(mid, v)
				if err != nil {
					add("%s %v", what, err)
					return nil
				}
				rec := b.Get(itob(id))
				if rec == nil {
					add("%s index: id %q points to missing %d", what, mid, id)
					return nil
				}
				props, start, err := decode(id, rec)
				switch {
				case err != nil:
				case props["id"] != string(mid):
					add("%s index: id %q points to %d whose id is %v", what, mid, id, props["id"])
				case !bytes.Equal(key(start, string(mid)), k):
					add("%s index: id %q of %d is under the key %x, not %x", what, mid, id, k, key(start, string(mid)))
				}
				return nil
			})
			return n
		}
		nodes = checkRecords(itemNode, nb, ni, func(id int64, v []byte) (map[string]any, int64, error) {
			_, props, err := decodeStoredNode(id, v)
			return props, -1, err
		}, nodeKey, func(k []byte) []byte { return k })
		rels = checkRecords(itemRel, rb, ri, func(id int64, v []byte) (map[string]any, int64, error) {
			_, start, end, props, err := decodeStoredRel(id, v)
			if err != nil {
				return nil, 0, err
			}
			if nb.Get(itob(start)) == nil || nb.Get(itob(end)) == nil {
				return props, start, fmt.Errorf("dangling: (%d)->(%d) has a missing end point", start, end)
			}
			return props, start, nil
		}, relKey, relMID)
		for _, p := range checkItems(tx.Bucket(bucketItems), spilled) {
			add("%v", p)
		}
		_ = tx.Bucket(bucketIngested).ForEach(func(k, v []byte) error {
			if _, err := unseal(k, v); err != nil {
				add("ingested input %q: %v", k, err)
			}
			return nil
		})
		if err := checkSnapshot(tx, SnapshotPath(s.path)); err != nil && len(errs) < maxProblems {
			errs = append(errs, err) // as it is: it wraps ErrSnapshot
		}
		return nil
	})
	if err != nil {
		if IsDamaged(err) || errors.Is(err, ErrNotStore) {
			return &CheckError{Path: s.path, Problems: append(errs, err)}
		}
		return fmt.Errorf("check %q: %w", s.path, err)
	}
	s.mu.RLock()
	// A read-only store's graph may be of an earlier transaction.
	if g := s.mem; g != nil && s.tx == nil && (!s.readOnly || s.memTx == txid) && (g.NodeCount() != nodes || g.RelationshipCount() != rels) {
		add("in-memory graph has %d nodes and %d relationships, the file %d and %d",
			g.NodeCount(), g.RelationshipCount(), nodes, rels)
	}
	s.mu.RUnlock()
	if len(errs) > 0 {
		return &CheckError{Path: s.path, Problems: errs}
	}
	return nil
}

// itemOwner is a spilled set: the kind and id of its element, its key.
type itemOwner struct {
	kind byte
	id   int64
	key  string
}

// checkItems verifies every item of b (nil in a file of format 2): its
// checksum, and that it belongs to one of the spilled sets, which it
// counts; then that every spilled set has items.
func checkItems(b *bolt.Bucket, spilled map[itemOwner]int) []error {
	var problems []error
	if b != nil {
		_ = b.ForEach(func(k, v []byte) error {
			key, _, err := splitItem(k)
			if err == nil {
				_, err = unseal(k, v)
			}
			if err != nil {
				problems = append(problems, fmt.Errorf("item %x: %w", k, err))
				return nil
			}
			o := itemOwner{kind: k[0], id: int64(binary.BigEndian.Uint64(k[1:9])), key: key}
			n, ok := spilled[o]
			if !ok {
				problems = append(problems, fmt.Errorf("item %x: no %s %d with the spilled property %q", k, kindName(o.kind), o.id, key))
				return nil
			}
			spilled[o] = n + 1
			return nil
		})
	}
	for o, n := range spilled {
		if n == 0 {
			problems = append(problems, fmt.Errorf("%s %d: spilled property %q has no items", kindName(o.kind), o.id, o.key))
		}
	}
	return problems
}

// CheckFile checks the store file at path without writing to it: first the
// file itself (size, page size, both meta pages, as Open does), then, when
// bbolt can open it, everything Check verifies. It returns nil for a sound
// store, a *CheckError for a damaged one, graph.ErrStoreInUse (wrapped)
// when a writer holds the file, and ErrNotStore for a file kg did not
// write.
func CheckFile(path string, waitTimeout time.Duration, onWait func(Wait)) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	s, err := Open(path, &Options{ReadOnly: true, WaitTimeout: waitTimeout, OnWait: onWait})
	if err != nil {
		var de *DamageError
		if errors.As(err, &de) {
			return &CheckError{Path: path, Problems: []error{errors.New(de.Reason)}}
		}
		return err
	}
	return errors.Join(s.Check(), s.Close())
}

// checkSnapshot verifies the snapshot at path against the state tx reads:
// it must open, and when its stamp is that state's, hold the bytes a
// snapshot built now would. A stale snapshot is not a problem: the next
// query rebuilds it.
func checkSnapshot(tx *bolt.Tx, path string) error {
	snap, err := openSnapshotFile(path)
	if isNotExist(err) || errors.Is(err, errSnapVersion) {
		return nil // none, or another kg's: the next query builds one
	}
	if err != nil {
		return fmt.Errorf("snapshot %s: %w (it is rebuilt by the next query; deleting it is safe)", path, err)
	}
	defer snap.close()
	if snap.stamp != readStamp(tx) {
		return nil
	}
	// The comparison reads the whole snapshot: keep little of it
	// resident (a 2.5 GB one took as much).
	defer releasingSnapshot(snap)()
	same := &sameWriter{want: snap.data}
	if err := buildSnapshot(context.Background(), tx, same); err != nil && !errors.Is(err, errDiffer) {
		return nil // the records' own problems are reported above
	}
	if !same.same() {
		return fmt.Errorf("snapshot %s: %w: its content differs from the store's (it is rebuilt by the next query; deleting it is safe)",
			path, errSnapDamaged)
	}
	return nil
}

// errDiffer stops a sameWriter's writer at the first difference.
var errDiffer = errors.New("the bytes differ")

// sameWriter compares the bytes written to it with want.
type sameWriter struct {
	want   []byte
	off    int
	differ bool
}

func (w *sameWriter) Write(p []byte) (int, error) {
	if len(p) > len(w.want)-w.off || !bytes.Equal(p, w.want[w.off:w.off+len(p)]) {
		w.differ = true
		return 0, errDiffer
	}
	w.off += len(p)
	return len(p), nil
}

// same reports whether the bytes written were want, all of it.
func (w *sameWriter) same() bool { return !w.differ && w.off == len(w.want) }
