package embedded

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

// The snapshot
//
// Queries on a read-only store do not decode the whole file into an
// in-memory graph: they read an immutable adjacency snapshot kept beside the
// store, path+".snap" (SnapshotPath), mapped into memory. It holds what the
// engine needs to find its way — the node and relationship tables, each
// node's relationships in one array, the nodes of each label, equality
// indexes on the properties "id" and "name", and an index of lower-cased
// names and aliases (cypher.NameLookup) — and the store's records
// verbatim, whose properties are decoded (and their checksums verified) only
// when a query reads them, by the store's own record codec.
//
// Layout (every integer little endian, whatever the machine; offsets and
// lengths of sections are 64-bit, so that a 32-bit reader can tell a file it
// cannot map from a damaged one):
//
//	header (headerSize bytes):
//	  magic "kgsnap\x00\x01", version u32, section count u32,
//	  stamp: bbolt txid u64, node sequence u64, relationship sequence u64,
//	         state [16]byte (meta "state", rewritten by every kg commit),
//	  nodes u64, relationships u64 (alive),
//	  sections: numSections × {offset u64, length u64, crc u32, 0 u32},
//	  crc u32 of everything before it
//	names:   n u32, ends u32*n, bytes — labels and types
//	sets:    n u32, ends u32*n, name u32* — sorted label sets; set 0 is empty
//	nodes:   per id in [0, N): set u32 (absent: ^0), adjacency end u32,
//	         record end u64 (each start is the end of the id before)
//	rels:    per id in [0, M): type u32 (absent: ^0), start u32, end u32,
//	         0 u32, record end u64 (continuing after the node records)
//	edges:   rel u32 (high bit set: incoming), other node u32; per node in
//	         relationship id order, as the in-memory graph holds them
//	labels:  per name: end u32 (into the ids after), then node ids u32*,
//	         ascending per label
//	types:   per name: relationships of that type u32
//	index:   entries {label u32, key u32 (0 id, 1 name, 2 the lower
//	         case of the name and of each alias), node u32, length u32,
//	         offset u64 into istrings}, sorted by label, key, value,
//	         node — string values only, each (label, key, value, node) once
//	istrings: the index's values
//	sums:    CRC-32C u32 of each sumBlock bytes of nodes, rels, edges,
//	         labels, index and istrings, in that order
//	records: the store's sealed node then relationship records (last in
//	         the file, though not in the section table)
//
// The snapshot is tied to the exact committed state of the file by its
// stamp: a snapshot whose stamp differs from the file's, or that fails its
// checksums, is never used. Every section but records has a CRC-32C, which
// kg check verifies. Opening checks the header, the small sections and the
// block sums, in constant time; the large tables are verified a block of
// sumBlock bytes at a time, when a query first reads the block, and each
// record keeps the checksum it has in the store, checked when it is first
// decoded. A query that meets damage is run again (see Store.Query). A snapshot is written to a temporary
// file, synced, and renamed over the old one, so that a crash while writing
// it leaves the previous one whole.

const (
	snapVersion = 2
	numSections = 11
	headerFixed = 72 // magic to relationship count
	headerSize  = headerFixed + numSections*24 + 4
	absent      = ^uint32(0)
	snapInBit   = uint32(1) << 31
)

var snapMagic = []byte("kgsnap\x00\x01")

// Sections of a snapshot, in file order.
const (
	secNames = iota
	secSets
	secNodes
	secRels
	secEdges
	secLabels
	secTypes
	secIndex
	secRecords
	secIStrings
	secSums
)

// sumBlock is the size of the blocks of the large sections whose checksums
// are verified when a query first reads them, rather than at open.
const sumBlock = 16 << 10

// lazySection reports whether section i is verified block by block when
// read (the large tables); the small ones are verified at open, and the
// records carry their own checksums.
func lazySection(i int) bool {
	switch i {
	case secNodes, secRels, secEdges, secLabels, secIndex, secIStrings:
		return true
	}
	return false
}

// appendBlockSums appends the CRC-32C of each sumBlock of sec.
func appendBlockSums(out, sec []byte) []byte {
	for off := 0; off < len(sec); off += sumBlock {
		out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(sec[off:min(off+sumBlock, len(sec))], castagnoli))
	}
	return out
}

// Entry sizes of the fixed-size sections.
const (
	nodeEntry  = 16
	relEntry   = 24
	edgeEntry  = 8
	indexEntry = 24
)

// ErrSnapshot is wrapped by the errors of a snapshot that cannot be used:
// damaged, truncated, or of another version. Such a snapshot is rebuilt.
var ErrSnapshot = errors.New("unusable snapshot")

// errStale is a snapshot of another state of the store.
var errStale = fmt.Errorf("%w: stale (written for another state of the store)", ErrSnapshot)

// indexKeys are the property keys of the snapshot's equality indexes.
var indexKeys = memgraph.IndexedKeys

// keyNames is the key of the index entries of lower-cased names and
// aliases (memgraph.NameKeys), after those of indexKeys.
var keyNames = uint32(len(indexKeys))

// nodeIndexKeys are the properties the index is built from, sorted (as
// decodeNodeKeys takes them).
var nodeIndexKeys = slices.Sorted(slices.Values(append(slices.Clone(indexKeys), "aliases")))

// SnapshotPath returns the snapshot file of the store at path.
func SnapshotPath(path string) string { return path + ".snap" }

// stamp identifies one committed state of a store file.
type stamp struct {
	txid    uint64
	nodeSeq uint64
	relSeq  uint64
	state   [16]byte
}

var metaState = []byte("state") // 16 random bytes, rewritten by every commit

// readStamp returns the stamp of the state tx reads.
func readStamp(tx *bolt.Tx) stamp {
	st := stamp{txid: uint64(tx.ID()),
		nodeSeq: tx.Bucket(bucketNodes).Sequence(), relSeq: tx.Bucket(bucketRels).Sequence()}
	copy(st.state[:], tx.Bucket(bucketMeta).Get(metaState))
	return st
}

func (st stamp) String() string {
	return fmt.Sprintf("transaction %d, state %x", st.txid, st.state[:4])
}

// snapBuilder collects a snapshot from a read transaction.
type snapBuilder struct {
	names   []string
	nameIDs map[string]uint32
	sets    [][]uint32
	setIDs  map[string]uint32

	nodeSet []uint32 // by id; absent for holes
	nodeRec []uint64 // record end, by id
	// rels is the rels section itself, an entry per id (see the layout):
	// the builder's largest table is held once, not also as the arrays it
	// would be encoded from.
	rels    []byte
	relT    relTable // the relationships as scanned, until finishRels
	recEnd  uint64   // bytes of the records added so far
	keep    bool     // keep the records in records (SnapshotOf)
	records []byte
	// index holds the index section's entries in their final form, unsorted
	// until encode, and istrings their values, each once per node: on a
	// store of a million nodes, strings and structs per entry, then a copy
	// of each, took several hundred megabytes.
	index    indexEntries
	istrings []byte
	sorted   bool   // index sorted
	alive    [2]int // nodes, relationships
}

// sortIndex sorts the index entries, once, on every core: it is the
// longest step of a build that has no other work to overlap it.
func (b *snapBuilder) sortIndex() {
	if b.sorted {
		return
	}
	b.index.strings = b.istrings
	b.index.sort(runtime.GOMAXPROCS(0))
	b.sorted = true
}

// parallelSortMin is the fewest entries indexEntries.sort shares out (a
// variable for tests).
var parallelSortMin = 1 << 14

// sort sorts x on up to par goroutines: it places an entry near the median
// where it belongs, the smaller ones before it and the larger after, and
// sorts the two sides at once. It takes no memory beyond x.
func (x *indexEntries) sort(par int) {
	n := x.Len()
	if par < 2 || n < parallelSortMin {
		sort.Sort(x)
		return
	}
	p := x.partition()
	left := &indexEntries{b: x.b[:p*indexEntry], strings: x.strings}
	right := &indexEntries{b: x.b[(p+1)*indexEntry:], strings: x.strings}
	var wg sync.WaitGroup
	wg.Go(func() { left.sort(par / 2) })
	right.sort(par - par/2)
	wg.Wait()
}

// partition moves the median of a sample of x's entries to the place p it
// has in sorted order, every entry less than it before and the others
// after, and returns p.
func (x *indexEntries) partition() int {
	n := x.Len()
	var sample [31]int
	for i := range sample {
		sample[i] = i * (n - 1) / (len(sample) - 1)
	}
	slices.SortFunc(sample[:], x.compare)
	x.Swap(sample[len(sample)/2], n-1)
	p := 0
	for j := range n - 1 {
		if x.Less(j, n-1) {
			x.Swap(p, j)
			p++
		}
	}
	x.Swap(p, n-1)
	return p
}

// indexEntries are index section entries (see the layout), indexEntry
// bytes each, sorted by label, key, value and node with their values in
// strings.
type indexEntries struct {
	b       []byte
	strings []byte
}

func (x *indexEntries) Len() int { return len(x.b) / indexEntry }

func (x *indexEntries) Less(i, j int) bool { return x.compare(i, j) < 0 }

// compare orders entries i and j by label, key, value and node.
func (x *indexEntries) compare(i, j int) int {
	le := binary.LittleEndian
	a, b := x.b[i*indexEntry:(i+1)*indexEntry], x.b[j*indexEntry:(j+1)*indexEntry]
	return cmp.Or(
		cmp.Compare(le.Uint32(a), le.Uint32(b)),
		cmp.Compare(le.Uint32(a[4:]), le.Uint32(b[4:])),
		bytes.Compare(x.val(a), x.val(b)),
		cmp.Compare(le.Uint32(a[8:]), le.Uint32(b[8:])))
}

func (x *indexEntries) Swap(i, j int) {
	var t [indexEntry]byte
	a, b := x.b[i*indexEntry:(i+1)*indexEntry], x.b[j*indexEntry:(j+1)*indexEntry]
	copy(t[:], a)
	copy(a, b)
	copy(b, t[:])
}

// val returns the value of entry e.
func (x *indexEntries) val(e []byte) []byte {
	off, n := binary.LittleEndian.Uint64(e[16:]), uint64(binary.LittleEndian.Uint32(e[12:]))
	return x.strings[off : off+n]
}

// add appends an entry whose value lies at off, n bytes long.
func (x *indexEntries) add(label, key, node uint32, off uint64, n int) {
	le := binary.LittleEndian
	x.b = le.AppendUint32(x.b, label)
	x.b = le.AppendUint32(x.b, key)
	x.b = le.AppendUint32(x.b, node)
	x.b = le.AppendUint32(x.b, uint32(n))
	x.b = le.AppendUint64(x.b, off)
}

func (b *snapBuilder) intern(name string) uint32 {
	if id, ok := b.nameIDs[name]; ok {
		return id
	}
	id := uint32(len(b.names))
	b.names = append(b.names, name)
	b.nameIDs[name] = id
	return id
}

func (b *snapBuilder) internSet(labels []string) uint32 {
	labels = slices.Compact(slices.Sorted(slices.Values(labels)))
	key := strings.Join(labels, "\x00")
	if s, ok := b.setIDs[key]; ok {
		return s
	}
	ids := make([]uint32, len(labels))
	for i, l := range labels {
		ids[i] = b.intern(l)
	}
	s := uint32(len(b.sets))
	b.sets = append(b.sets, ids)
	b.setIDs[key] = s
	return s
}

// buildSnapshot writes to w the snapshot of the state tx reads. Its bytes
// depend on that state alone. It holds the tables in memory, not the
// records, which it copies from tx to w at the end.
func buildSnapshot(ctx context.Context, tx *bolt.Tx, w io.Writer) error {
	b := newSnapBuilder()
	// Size the tables once: ids run to the buckets' sequences, and no
	// file holds more records than it has 16-byte slots (a damaged
	// sequence cannot ask for more).
	most := uint64(tx.Size() / 16)
	nb, rb, ib := tx.Bucket(bucketNodes), tx.Bucket(bucketRels), tx.Bucket(bucketItems)
	nodes := min(nb.Sequence()+1, most)
	b.nodeSet, b.nodeRec = make([]uint32, 0, nodes), make([]uint64, 0, nodes)
	b.relT.rels = make([]byte, 0, min(rb.Sequence()+1, most)*relEntry)
	// Relationships, the first half of the nodes and the second half
	// (decoded apart, added after the first) at once, on every core: each
	// reads its own buckets through its own cursors of this read-only
	// transaction, and writes only its own tables. Then the sort of the
	// nodes' index, on every core too.
	var relErr, restErr error
	var rest []nodeKeys
	var wg sync.WaitGroup
	wg.Go(func() { relErr = scanBucketRecords(ctx, rb, ib, itemRel, 0, -1, b.relT.add) })
	half := int64(-1) // no split
	if nodes >= parallelScanMin {
		half = int64(nodes / 2)
		wg.Go(func() {
			restErr = scanBucketRecords(ctx, nb, ib, itemNode, half, -1, func(id int64, v []byte) error {
				k, err := readNodeKeys(id, v)
				if err == nil {
					rest = append(rest, k)
				}
				return err
			})
		})
	}
	nodeErr := scanBucketRecords(ctx, nb, ib, itemNode, 0, half, b.addNode)
	wg.Wait()
	if err := errors.Join(nodeErr, restErr, relErr); err != nil {
		return err
	}
	for i := range rest {
		if err := b.addNodeKeys(&rest[i]); err != nil {
			return err
		}
	}
	rest = nil
	b.sortIndex()
	if err := b.finishRels(); err != nil {
		return err
	}
	for _, part := range b.encode(readStamp(tx)) {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	write := func(_ int64, v []byte) error {
		_, err := w.Write(v)
		return err
	}
	if err := scanRecords(ctx, tx, itemNode, write); err != nil {
		return err
	}
	return scanRecords(ctx, tx, itemRel, write)
}

// buildSnapshotBytes returns the snapshot of the state tx reads.
func buildSnapshotBytes(ctx context.Context, tx *bolt.Tx) ([]byte, error) {
	var buf bytes.Buffer
	err := buildSnapshot(ctx, tx, &buf)
	return buf.Bytes(), err
}

func newSnapBuilder() *snapBuilder {
	return &snapBuilder{nameIDs: map[string]uint32{}, setIDs: map[string]uint32{"": 0}, sets: [][]uint32{{}}}
}

// parallelScanMin is the fewest nodes whose scan a snapshot build splits
// (a variable for tests).
var parallelScanMin uint64 = 1 << 14

// nodeKeys is what a snapshot takes from a node record: its labels, the
// values of the index's properties, its lower-cased names and aliases, and
// the record itself.
type nodeKeys struct {
	id     int64
	rec    []byte
	labels []string
	vals   []any // by nodeIndexKeys
	names  []string
}

// readNodeKeys decodes the nodeKeys of node id, whose sealed record is v.
func readNodeKeys(id int64, v []byte) (nodeKeys, error) {
	labels, vals, err := decodeNodeKeys(id, v, nodeIndexKeys)
	if err != nil {
		return nodeKeys{}, fmt.Errorf("node %d: %w", id, err)
	}
	val := func(key string) any { return vals[slices.Index(nodeIndexKeys, key)] }
	return nodeKeys{id: id, rec: v, labels: labels, vals: vals, names: memgraph.NameKeys(val("name"), val("aliases"))}, nil
}

// addNode adds node id, whose sealed record is v; ids come in ascending
// order.
func (b *snapBuilder) addNode(id int64, v []byte) error {
	k, err := readNodeKeys(id, v)
	if err != nil {
		return err
	}
	return b.addNodeKeys(&k)
}

// addNodeKeys adds the node k describes; ids come in ascending order.
func (b *snapBuilder) addNodeKeys(k *nodeKeys) error {
	id := k.id
	if id < 0 || id > memgraph.MaxID || id < int64(len(b.nodeSet)) {
		return fmt.Errorf("node %d: id out of range: %w", id, errCorrupt)
	}
	for int64(len(b.nodeSet)) < id {
		b.nodeSet = append(b.nodeSet, absent)
		b.nodeRec = append(b.nodeRec, b.recEnd)
	}
	set := b.internSet(k.labels)
	b.addRecord(k.rec)
	b.nodeSet = append(b.nodeSet, set)
	b.nodeRec = append(b.nodeRec, b.recEnd)
	b.alive[0]++
	b.addIndexItems(uint32(id), b.sets[set], k.vals, k.names)
	return nil
}

// addIndexItems adds the index entries of node id, whose labels are
// labels, whose nodeIndexKeys properties are vals and whose lower-cased
// names and aliases are names.
func (b *snapBuilder) addIndexItems(id uint32, labels []uint32, vals []any, names []string) {
	if len(labels) == 0 {
		return
	}
	val := func(key string) any { return vals[slices.Index(nodeIndexKeys, key)] }
	// Each value once, whatever the labels.
	type entry struct {
		key uint32
		off uint64
		n   int
	}
	var entries []entry
	put := func(key uint32, s string) {
		entries = append(entries, entry{key, uint64(len(b.istrings)), len(s)})
		b.istrings = append(b.istrings, s...)
	}
	for k, key := range indexKeys {
		if s, ok := val(key).(string); ok {
			put(uint32(k), s)
		}
	}
	for _, s := range names {
		put(keyNames, s)
	}
	for _, l := range labels {
		for _, e := range entries {
			b.index.add(l, e.key, id, e.off, e.n)
		}
	}
}

// addRel adds relationship id, whose sealed record is v, after every
// node; ids come in ascending order.
func (b *snapBuilder) addRel(id int64, v []byte) error {
	if err := b.relT.add(id, v); err != nil {
		return err
	}
	if b.keep {
		b.records = append(b.records, v...)
	}
	return nil
}

// relTable collects the relationships of a snapshot apart from its nodes,
// so that both can be scanned at once: the entries are those of the rels
// section, but with types numbered in the table's own order and record
// ends counted from the first relationship record, and their end points
// not yet checked; finishRels puts them right.
type relTable struct {
	rels    []byte
	recEnd  uint64
	types   []string
	typeIDs map[string]uint32
	alive   int
}

// count returns the number of entries: the next id.
func (t *relTable) count() int64 { return int64(len(t.rels) / relEntry) }

// add adds relationship id, whose sealed record is v; ids come in
// ascending order.
func (t *relTable) add(id int64, v []byte) error {
	typ, start, end, err := decodeRelHead(id, v)
	if err != nil {
		return fmt.Errorf("relationship %d: %w", id, err)
	}
	if id < 0 || id > memgraph.MaxID || id < t.count() {
		return fmt.Errorf("relationship %d: id out of range: %w", id, errCorrupt)
	}
	for _, n := range []int64{start, end} {
		if n < 0 || n > memgraph.MaxID {
			return fmt.Errorf("relationship %d: dangling end point %d: %w", id, n, errCorrupt)
		}
	}
	for t.count() < id {
		t.append(absent, 0, 0)
	}
	t.recEnd += uint64(len(v))
	local, ok := t.typeIDs[typ]
	if !ok {
		if t.typeIDs == nil {
			t.typeIDs = map[string]uint32{}
		}
		local = uint32(len(t.types))
		t.types = append(t.types, typ)
		t.typeIDs[typ] = local
	}
	t.append(local, uint32(start), uint32(end))
	t.alive++
	return nil
}

// append appends the entry of the next id, whose record ends at t.recEnd.
func (t *relTable) append(typ, start, end uint32) {
	le := binary.LittleEndian
	t.rels = le.AppendUint32(t.rels, typ)
	t.rels = le.AppendUint32(t.rels, start)
	t.rels = le.AppendUint32(t.rels, end)
	t.rels = le.AppendUint32(t.rels, 0)
	t.rels = le.AppendUint64(t.rels, t.recEnd)
}

// finishRels makes b.relT, once every node is in, the rels section: types
// numbered among the names (after the labels, in order of first use),
// record ends after the node records, end points checked against the
// nodes.
func (b *snapBuilder) finishRels() error {
	t := &b.relT
	ids := make([]uint32, len(t.types))
	for i, typ := range t.types {
		ids[i] = b.intern(typ)
	}
	le := binary.LittleEndian
	for r := range int(t.count()) {
		e := t.rels[r*relEntry:]
		le.PutUint64(e[16:], le.Uint64(e[16:])+b.recEnd)
		typ := le.Uint32(e)
		if typ == absent {
			continue
		}
		le.PutUint32(e, ids[typ])
		for _, n := range []uint32{le.Uint32(e[4:]), le.Uint32(e[8:])} {
			if int(n) >= len(b.nodeSet) || b.nodeSet[n] == absent {
				return fmt.Errorf("relationship %d: dangling end point %d: %w", r, n, errCorrupt)
			}
		}
	}
	b.rels, b.recEnd, b.alive[1] = t.rels, b.recEnd+t.recEnd, t.alive
	*t = relTable{}
	return nil
}

// relCount returns the number of entries of b.rels: the next id.
func (b *snapBuilder) relCount() int64 { return int64(len(b.rels) / relEntry) }

// rel returns the type and end points of entry r of b.rels.
func (b *snapBuilder) rel(r int) (typ, start, end uint32) {
	e := b.rels[r*relEntry:]
	le := binary.LittleEndian
	return le.Uint32(e), le.Uint32(e[4:]), le.Uint32(e[8:])
}

// addRecord counts the record v, and keeps it when b.keep is set.
func (b *snapBuilder) addRecord(v []byte) {
	b.recEnd += uint64(len(v))
	if b.keep {
		b.records = append(b.records, v...)
	}
}

// SnapshotOf returns the read side of the snapshot a store holding g would
// have: the engine answers read-only queries on it as on g. It serves tests
// that run query suites through both (the openCypher TCK); a property value
// a store cannot hold is an error.
func SnapshotOf(g *memgraph.Graph) (cypher.Graph, error) {
	b := newSnapBuilder()
	b.keep = true
	var err error
	g.ForEachNode(func(n cypher.Node) bool {
		var props map[string]any
		var rec []byte
		if props, err = normalizeProps(n.Props); err == nil {
			if rec, err = encodeNode(n.ID, n.Labels, props); err == nil {
				err = b.addNode(n.ID, rec)
			}
		}
		return err == nil
	})
	g.ForEachRelationship(func(r cypher.Relationship) bool {
		var props map[string]any
		var rec []byte
		if err == nil {
			if props, err = normalizeProps(r.Props); err == nil {
				if rec, err = encodeRel(r.ID, r.Type, r.StartID, r.EndID, props); err == nil {
					err = b.addRel(r.ID, rec)
				}
			}
		}
		return err == nil
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot of an in-memory graph: %w", err)
	}
	if err := b.finishRels(); err != nil {
		return nil, fmt.Errorf("snapshot of an in-memory graph: %w", err)
	}
	snap, err := parseSnapshot(append(bytes.Join(b.encode(stamp{}), nil), b.records...))
	if err != nil {
		return nil, err
	}
	return newSnapGraph(snap, nil), nil
}

// encode returns the snapshot up to its records, which come last, in
// parts to write in order.
func (b *snapBuilder) encode(st stamp) [][]byte {
	le := binary.LittleEndian
	var sec [numSections][]byte

	sec[secNames] = stringTable(b.names)

	sets := le.AppendUint32(nil, uint32(len(b.sets)))
	end := uint32(0)
	for _, s := range b.sets {
		end += uint32(len(s))
		sets = le.AppendUint32(sets, end)
	}
	for _, s := range b.sets {
		for _, l := range s {
			sets = le.AppendUint32(sets, l)
		}
	}
	sec[secSets] = sets

	// Adjacency, in the order the in-memory graph links relationships:
	// by relationship id, the outgoing entry before the incoming one.
	nrels := int(b.relCount())
	typeCount := make([]uint32, len(b.names))
	deg := make([]uint32, len(b.nodeSet)+1)
	for r := range nrels {
		if t, s, e := b.rel(r); t != absent {
			deg[s+1]++
			deg[e+1]++
			typeCount[t]++
		}
	}
	for i := 1; i < len(deg); i++ {
		deg[i] += deg[i-1]
	}
	edges := make([]byte, int(deg[len(deg)-1])*edgeEntry)
	fill := slices.Clone(deg[:len(deg)-1])
	for r := range nrels {
		t, s, e := b.rel(r)
		if t == absent {
			continue
		}
		le.PutUint32(edges[fill[s]*edgeEntry:], uint32(r))
		le.PutUint32(edges[fill[s]*edgeEntry+4:], e)
		fill[s]++
		le.PutUint32(edges[fill[e]*edgeEntry:], uint32(r)|snapInBit)
		le.PutUint32(edges[fill[e]*edgeEntry+4:], s)
		fill[e]++
	}
	sec[secEdges] = edges

	nodes := make([]byte, 0, len(b.nodeSet)*nodeEntry)
	byLabel := make([][]uint32, len(b.names))
	for id, set := range b.nodeSet {
		nodes = le.AppendUint32(nodes, set)
		nodes = le.AppendUint32(nodes, deg[id+1])
		nodes = le.AppendUint64(nodes, b.nodeRec[id])
		if set != absent {
			for _, l := range b.sets[set] {
				byLabel[l] = append(byLabel[l], uint32(id))
			}
		}
	}
	sec[secNodes] = nodes

	sec[secRels] = b.rels

	var labels, ids []byte
	end = 0
	for _, l := range byLabel {
		end += uint32(len(l))
		labels = le.AppendUint32(labels, end)
		for _, id := range l {
			ids = le.AppendUint32(ids, id)
		}
	}
	sec[secLabels] = append(labels, ids...)

	var types []byte
	for _, c := range typeCount {
		types = le.AppendUint32(types, c)
	}
	sec[secTypes] = types

	b.sortIndex()
	sec[secIndex] = b.index.b
	sec[secIStrings] = b.istrings
	for i := range secSums {
		if lazySection(i) {
			sec[secSums] = appendBlockSums(sec[secSums], sec[i])
		}
	}

	// The header, then the tables, each as it is (a copy of them all
	// would double the memory a large snapshot takes to build); the
	// records come last: the caller writes them.
	out := make([]byte, headerSize)
	copy(out, snapMagic)
	le.PutUint32(out[8:], snapVersion)
	le.PutUint32(out[12:], numSections)
	le.PutUint64(out[16:], st.txid)
	le.PutUint64(out[24:], st.nodeSeq)
	le.PutUint64(out[32:], st.relSeq)
	copy(out[40:56], st.state[:])
	le.PutUint64(out[56:], uint64(b.alive[0]))
	le.PutUint64(out[64:], uint64(b.alive[1]))
	parts := [][]byte{out}
	off := uint64(headerSize)
	for i, s := range sec {
		if i == secRecords {
			continue
		}
		h := out[headerFixed+24*i:]
		le.PutUint64(h, off)
		le.PutUint64(h[8:], uint64(len(s)))
		le.PutUint32(h[16:], crc32.Checksum(s, castagnoli))
		parts = append(parts, s)
		off += uint64(len(s))
	}
	h := out[headerFixed+24*secRecords:]
	le.PutUint64(h, off)
	le.PutUint64(h[8:], b.recEnd)
	le.PutUint32(out[headerSize-4:], crc32.Checksum(out[:headerSize-4], castagnoli))
	return parts
}

// stringTable encodes names as n u32, ends u32*n, bytes.
func stringTable(names []string) []byte {
	le := binary.LittleEndian
	out := le.AppendUint32(nil, uint32(len(names)))
	end := uint32(0)
	for _, n := range names {
		end += uint32(len(n))
		out = le.AppendUint32(out, end)
	}
	for _, n := range names {
		out = append(out, n...)
	}
	return out
}
