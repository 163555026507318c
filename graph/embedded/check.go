package embedded

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the invariants of the file and returns every violation
// found, joined: the metadata is kg's; every record decodes; the buckets'
// sequences are at least their highest id; every relationship's end points
// exist; the id indexes and the records' "id" properties agree both ways;
// and the in-memory graph, when built, has as many nodes and relationships
// as the file. It also runs bbolt's own page consistency check.
func (s *Store) Check() error {
	var errs []error
	add := func(format string, a ...any) {
		if len(errs) < 100 {
			errs = append(errs, fmt.Errorf(format, a...))
		}
	}
	var nodes, rels int
	err := s.view(func(tx *bolt.Tx) error {
		if err := checkMeta(tx); err != nil {
			return err
		}
		for err := range tx.Check() {
			add("bbolt: %v", err)
		}
		nb, rb := tx.Bucket(bucketNodes), tx.Bucket(bucketRels)
		ni, ri := tx.Bucket(bucketNodeIdx), tx.Bucket(bucketRelIdx)
		checkRecords := func(what string, b, idx *bolt.Bucket, decode func([]byte) (map[string]any, error)) int {
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
				props, err := decode(v)
				if err != nil {
					add("%s %d: %v", what, id, err)
					return nil
				}
				if v, ok := props["id"]; ok {
					s, isString := v.(string)
					if !isString || s == "" {
						add("%s %d: id property %v is not a non-empty string", what, id, v)
						return nil
					}
					got := idx.Get([]byte(s))
					if got == nil {
						add("%s %d: id %q missing from the index", what, id, s)
					} else if cur, err := btoi(got); err != nil || cur != id {
						add("%s %d: index maps id %q to %x", what, id, s, got)
					}
				}
				return nil
			})
			if uint64(maxID) > b.Sequence() {
				add("%s sequence %d below highest id %d", what, b.Sequence(), maxID)
			}
			_ = idx.ForEach(func(k, v []byte) error {
				rec := b.Get(v)
				if rec == nil {
					add("%s index: id %q points to missing %x", what, k, v)
					return nil
				}
				if props, err := decode(rec); err == nil && props["id"] != string(k) {
					add("%s index: id %q points to %x whose id is %v", what, k, v, props["id"])
				}
				return nil
			})
			return n
		}
		nodes = checkRecords("node", nb, ni, func(v []byte) (map[string]any, error) {
			_, props, err := decodeNode(v)
			return props, err
		})
		rels = checkRecords("relationship", rb, ri, func(v []byte) (map[string]any, error) {
			_, start, end, props, err := decodeRel(v)
			if err != nil {
				return nil, err
			}
			if nb.Get(itob(start)) == nil || nb.Get(itob(end)) == nil {
				return props, fmt.Errorf("dangling: (%d)->(%d) has a missing end point", start, end)
			}
			return props, nil
		})
		return nil
	})
	if err != nil {
		return fmt.Errorf("check %s: %w", s.path, err)
	}
	s.mu.RLock()
	if g := s.mem; g != nil && (g.NodeCount() != nodes || g.RelationshipCount() != rels) {
		add("in-memory graph has %d nodes and %d relationships, the file %d and %d",
			g.NodeCount(), g.RelationshipCount(), nodes, rels)
	}
	s.mu.RUnlock()
	if len(errs) > 0 {
		return fmt.Errorf("check %s: %w", s.path, errors.Join(errs...))
	}
	return nil
}
