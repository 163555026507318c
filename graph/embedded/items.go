package embedded

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// # Spilled sets
//
// A list property that merges as a set — the sources, evidence and
// citations of a fact that hundreds or thousands of articles report — would
// make its record grow with every article, and every Load that adds one
// element would rewrite, and decode, the whole record: the cost of a batch
// would grow with the store. So a sorted set of strings longer than
// spillMin is kept outside its record, one key per element in the items
// bucket, and its record holds only the marker tagSpilled: adding an
// element to it is one insert, and the record is not rewritten unless one
// of its other properties changes.
//
// An item's key is
//
//	kind (itemNode or itemRel) · 8-byte id · uvarint(len(key)) key · element
//
// so that the items of one element are contiguous, in id order (as the
// records are), and the elements of one property are in string order (as
// MergeProps sorts them). Its value is the CRC-32C of the key, as every
// value kg stores is sealed (see seal).
//
// Readers that need whole values — the in-memory graph, the snapshot, the
// export — read records through scanRecords or getRecord, which put the
// elements back, so that only the store file knows of spilling: a
// snapshot's records never carry the marker.

// bucketItems holds the elements of spilled sets.
var bucketItems = []byte("items")

// Kinds of element an item belongs to.
const (
	itemNode byte = 'n'
	itemRel  byte = 'r'
)

// spillMin is the length from which a sorted set of strings is spilled,
// and spillBytes the size from which a set of four or more is (a fact's
// citations are a few hundred bytes each: thirty of them would make its
// record span pages, rewritten whole by every article that adds one).
// Below both a record holds its lists: most lists are short, and keys cost
// more than bytes in a record. (Variables, so that tests can spill most
// sets.)
var (
	spillMin   = 32
	spillBytes = 1024
)

// maxItemLen is the longest element spilled: a set with a longer element
// stays in its record (bbolt's keys are at most 32 KiB, and long keys make
// shallow pages).
const maxItemLen = 4096

// spilledSet is the value, in the properties of a record read from the
// store file, of a set whose elements are items.
type spilledSet struct{}

// spillable returns v as the elements of a set to spill, or false when v is
// not a long, strictly sorted list of strings short enough to be keys.
func spillable(v any) ([]string, bool) {
	l, ok := v.([]string)
	if !ok || len(l) < min(spillMin, 4) {
		return nil, false
	}
	size := 0
	for i, s := range l {
		if len(s) > maxItemLen || i > 0 && l[i-1] >= s {
			return nil, false
		}
		size += len(s)
	}
	return l, len(l) >= spillMin || size >= spillBytes
}

// writableItems returns the items bucket of the write transaction tx,
// which upgrade created in a file of format 2.
func writableItems(tx *bolt.Tx) (*bolt.Bucket, error) {
	if b := tx.Bucket(bucketItems); b != nil {
		return b, nil
	}
	return nil, fmt.Errorf("bucket %s missing from a file of format %d: %w", bucketItems, FormatVersion, errCorrupt)
}

// itemPrefix is the key prefix of every item of element id of kind.
func itemPrefix(kind byte, id int64) []byte {
	return binary.BigEndian.AppendUint64([]byte{kind}, uint64(id))
}

// itemPropPrefix is the key prefix of the items of property key of element
// id of kind.
func itemPropPrefix(kind byte, id int64, key string) []byte {
	p := binary.AppendUvarint(itemPrefix(kind, id), uint64(len(key)))
	return append(p, key...)
}

// hasItem reports whether the items of property key (whose prefix is
// propPrefix) include elem.
func hasItem(b *bolt.Bucket, propPrefix []byte, elem string) bool {
	return b.Get(append(slices.Clip(propPrefix), elem...)) != nil
}

// putItems stores elems as items of propPrefix.
func putItems(b *bolt.Bucket, propPrefix []byte, elems []string) error {
	for _, e := range elems {
		k := append(slices.Clip(propPrefix), e...)
		if err := b.Put(k, seal(k, nil)); err != nil {
			return fmt.Errorf("write item: %w", err)
		}
	}
	return nil
}

// deleteItems deletes every item of element id of kind.
func deleteItems(b *bolt.Bucket, kind byte, id int64) error {
	prefix := itemPrefix(kind, id)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return fmt.Errorf("delete items of %d: %w", id, err)
		}
	}
	return nil
}

// deleteSpilled deletes the items of element id of kind when its stored
// properties props have spilled sets.
func deleteSpilled(b *bolt.Bucket, kind byte, id int64, props map[string]any) error {
	if len(spilledKeys(props)) == 0 {
		return nil
	}
	return deleteItems(b, kind, id)
}

// writeProps returns the properties of the record to write for props
// (whole values, or spilledSet markers of sets already spilled) and stores
// as items the elements of the sets long enough to spill, which the record
// then marks.
func writeProps(b *bolt.Bucket, kind byte, id int64, props map[string]any) (map[string]any, error) {
	var rec map[string]any
	for k, v := range props {
		elems, ok := spillable(v)
		if !ok {
			continue
		}
		if err := putItems(b, itemPropPrefix(kind, id, k), elems); err != nil {
			return nil, err
		}
		if rec == nil {
			rec = maps.Clone(props)
		}
		rec[k] = spilledSet{}
	}
	if rec == nil {
		return props, nil
	}
	return rec, nil
}

// itemsReader reads the items of elements in ascending id order, with one
// cursor: the merge that puts spilled sets back into records in scans.
type itemsReader struct {
	c     *bolt.Cursor
	k, v  []byte // current item, k nil at the end
	kind  byte
	reads scanReads
}

func newItemsReader(b *bolt.Bucket, kind byte) *itemsReader {
	r := &itemsReader{kind: kind}
	if b == nil {
		return r
	}
	r.c, r.reads.tx = b.Cursor(), b.Tx()
	r.k, r.v = r.c.Seek([]byte{kind})
	return r
}

// sets returns the spilled sets of element id, by property, verifying every
// item's checksum; ids must come in ascending order.
func (r *itemsReader) sets(id int64) (map[string][]string, error) {
	if r.c == nil {
		return nil, nil
	}
	prefix := itemPrefix(r.kind, id)
	for r.k != nil && r.k[0] == r.kind && bytes.Compare(r.k[:min(len(r.k), 9)], prefix) < 0 {
		r.k, r.v = r.c.Seek(prefix)
	}
	var out map[string][]string
	for r.k != nil && bytes.HasPrefix(r.k, prefix) {
		key, elem, err := splitItem(r.k)
		if err == nil {
			_, err = unseal(r.k, r.v)
		}
		if err != nil {
			return nil, fmt.Errorf("item %x: %w", r.k, err)
		}
		if out == nil {
			out = map[string][]string{}
		}
		out[key] = append(out[key], elem)
		r.reads.add(r.k, r.v)
		r.k, r.v = r.c.Next()
	}
	return out, nil
}

// splitItem returns the property key and element of an item's key.
func splitItem(k []byte) (key, elem string, err error) {
	if len(k) < 10 {
		return "", "", fmt.Errorf("%w: item key of %d bytes", errCorrupt, len(k))
	}
	n, w := binary.Uvarint(k[9:])
	if w <= 0 || n > uint64(len(k)-9-w) {
		return "", "", fmt.Errorf("%w: item key", errCorrupt)
	}
	rest := k[9+w:]
	return string(rest[:n]), string(rest[n:]), nil
}

// fill replaces the spilledSet markers of props by their sets, which must
// match the markers one for one.
func fill(props map[string]any, sets map[string][]string) error {
	for k, v := range props {
		if _, ok := v.(spilledSet); !ok {
			continue
		}
		l, ok := sets[k]
		if !ok {
			return fmt.Errorf("%w: spilled property %q has no items", errCorrupt, k)
		}
		props[k] = l
	}
	for k := range sets {
		if _, ok := props[k].([]string); !ok {
			return fmt.Errorf("%w: items of property %q, which is not spilled", errCorrupt, k)
		}
	}
	return nil
}

// spilledKeys returns the keys of props whose value is a spilledSet
// marker, in no order.
func spilledKeys(props map[string]any) []string {
	var keys []string
	for k, v := range props {
		if _, ok := v.(spilledSet); ok {
			keys = append(keys, k)
		}
	}
	return keys
}

// scanRecords calls fn for every record of the nodes (kind itemNode) or
// relationships (itemRel) of tx, in id order, as scanBucket does, with
// whole records: a record with spilled sets is given with their elements
// put back, sealed as the store would have sealed it unspilled.
func scanRecords(ctx context.Context, tx *bolt.Tx, kind byte, fn func(id int64, rec []byte) error) error {
	b := tx.Bucket(bucketNodes)
	if kind == itemRel {
		b = tx.Bucket(bucketRels)
	}
	return scanBucketRecords(ctx, b, tx.Bucket(bucketItems), kind, 0, -1, fn)
}

// scanBucketRecords is scanRecords over the records of b whose ids are
// from from up to to (excluded; to < 0: to the last), whose items are in
// itemsBucket (nil when the file has none). It touches no state of their
// transaction but its own cursors, so that a read-only transaction can
// scan ranges of nodes and relationships on several goroutines at once.
func scanBucketRecords(ctx context.Context, b, itemsBucket *bolt.Bucket, kind byte, from, to int64, fn func(id int64, rec []byte) error) error {
	items := newItemsReader(itemsBucket, kind)
	return scanBucket(ctx, b, from, to, func(id int64, v []byte) error {
		sets, err := items.sets(id)
		if err != nil {
			return fmt.Errorf("%s %d: %w", kindName(kind), id, err)
		}
		if sets == nil {
			return fn(id, v)
		}
		rec, err := wholeRecord(kind, id, v, sets)
		if err != nil {
			return fmt.Errorf("%s %d: %w", kindName(kind), id, err)
		}
		return fn(id, rec)
	})
}

// wholeRecord returns the record v of element id with sets put back.
func wholeRecord(kind byte, id int64, v []byte, sets map[string][]string) ([]byte, error) {
	if kind == itemNode {
		labels, props, err := decodeStoredNode(id, v)
		if err == nil {
			err = fill(props, sets)
		}
		if err != nil {
			return nil, err
		}
		return encodeNode(id, labels, props)
	}
	typ, start, end, props, err := decodeStoredRel(id, v)
	if err == nil {
		err = fill(props, sets)
	}
	if err != nil {
		return nil, err
	}
	return encodeRel(id, typ, start, end, props)
}

func kindName(kind byte) string {
	if kind == itemNode {
		return "node"
	}
	return "relationship"
}
