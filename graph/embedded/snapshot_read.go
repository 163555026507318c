package embedded

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"sync"
	"sync/atomic"
)

// snapshot is an opened snapshot: its bytes (mapped, or in memory) and what
// was decoded from them at open. Names are copied out of the bytes, so that
// no value handed to a query points into the mapping. Accessors check every
// offset they read against the bytes: a snapshot whose checksums pass but
// whose structure is wrong (a writer's bug) reports damage, never reads out
// of range.
type snapshot struct {
	data  []byte
	unmap func() error // nil for bytes in memory
	stamp stamp
	nodes int // alive
	rels  int

	names   []string
	nameIDs map[string]uint32
	sets    [][]string // sorted label names
	setIDs  [][]uint32

	sec       [numSections][]byte
	nNodes    int // entries of the node table
	nRels     int
	nEdges    int
	nIndex    int
	labelEnds []byte // the ends part of the labels section
	labelIDs  []byte
	// verified has a bit per record (nodes, then relationships) whose
	// checksum passed, so that it is checked once, not at every read.
	verified []atomic.Uint64
	// blockOK has a bit per block of the lazily verified sections whose
	// checksum passed; sumBase is each section's first block.
	blockOK []atomic.Uint64
	sumBase [numSections]int
	// labels and bare are labelsInUse's, worked out once.
	bareOnce sync.Once
	labels   []uint32
	bare     int
	bareErr  error
}

// need verifies, once, the checksums of the blocks holding bytes [off,
// off+n) of section sec, which must be lazily verified.
func (s *snapshot) need(sec int, off, n uint64) error {
	if n == 0 {
		return nil
	}
	b := s.sec[sec]
	if off > uint64(len(b)) || n > uint64(len(b))-off {
		return snapDamage("section %d: %d bytes at %d out of range", sec, n, off)
	}
	for blk := off / sumBlock; blk <= (off+n-1)/sumBlock; blk++ {
		g := uint64(s.sumBase[sec]) + blk
		w, bit := &s.blockOK[g/64], uint64(1)<<(g%64)
		if w.Load()&bit != 0 {
			continue
		}
		lo := blk * sumBlock
		hi := min(lo+sumBlock, uint64(len(b)))
		if crc32.Checksum(b[lo:hi], castagnoli) != binary.LittleEndian.Uint32(s.sec[secSums][4*g:]) {
			return snapDamage("section %d: block %d checksum mismatch", sec, blk)
		}
		w.Or(bit)
	}
	return nil
}

// open returns a decoder of record rec of element id, whose bit in
// verified is slot: the checksum is verified on the first open only.
func (s *snapshot) open(slot, id int64, rec []byte) decoder {
	w, bit := &s.verified[slot>>6], uint64(1)<<(slot&63)
	if w.Load()&bit != 0 {
		return openVerified(rec)
	}
	d := openRecord(id, rec)
	if d.err == nil {
		w.Or(bit)
	}
	return d
}

// errSnapDamaged is wrapped by the errors of a damaged snapshot.
var errSnapDamaged = fmt.Errorf("%w: damaged", ErrSnapshot)

// errSnapVersion is a snapshot an earlier kg wrote in an earlier layout:
// stale, not damaged; the next query rebuilds it.
var errSnapVersion = fmt.Errorf("%w: written by another kg", ErrSnapshot)

func snapDamage(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errSnapDamaged, fmt.Sprintf(format, a...))
}

// openSnapshotFile maps the snapshot at path and opens it. It returns an
// error wrapping fs.ErrNotExist when there is none.
func openSnapshotFile(path string) (*snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, snapDamage("%q is not a regular file", path)
	}
	if fi.Size() < headerSize {
		return nil, snapDamage("%d bytes, shorter than a header", fi.Size())
	}
	if int64(int(fi.Size())) != fi.Size() {
		return nil, fmt.Errorf("%w: %d bytes is too large to map on this machine", ErrSnapshot, fi.Size())
	}
	data, unmap, err := mapFile(f, int(fi.Size()))
	if err != nil {
		return nil, fmt.Errorf("map snapshot %q: %w", path, err)
	}
	s, err := parseSnapshot(data)
	if err != nil {
		return nil, errors.Join(err, unmap())
	}
	s.unmap = unmap
	return s, nil
}

// close releases the mapping; the snapshot must not be used afterwards.
func (s *snapshot) close() error {
	if s == nil || s.unmap == nil {
		return nil
	}
	u := s.unmap
	s.unmap, s.data = nil, nil
	return u()
}

// parseSnapshot checks the header and the checksums of the small sections,
// decodes the small tables, and prepares the lazy verification of the
// large ones (see need); records carry their own checksums.
func parseSnapshot(data []byte) (*snapshot, error) {
	le := binary.LittleEndian
	if len(data) < headerSize {
		return nil, snapDamage("%d bytes, shorter than a header", len(data))
	}
	if string(data[:8]) != string(snapMagic) {
		return nil, snapDamage("not a kg snapshot")
	}
	switch v := le.Uint32(data[8:]); {
	case v >= 1 && v < snapVersion:
		return nil, fmt.Errorf("%w (version %d, this kg reads %d)", errSnapVersion, v, snapVersion)
	case v != snapVersion:
		// a flipped bit, or a newer kg's: nothing this kg can tell apart
		return nil, snapDamage("version %d, want %d (damaged, or written by a newer kg)", v, snapVersion)
	}
	if n := le.Uint32(data[12:]); n != numSections {
		return nil, snapDamage("%d sections, want %d", n, numSections)
	}
	if le.Uint32(data[headerSize-4:]) != crc32.Checksum(data[:headerSize-4], castagnoli) {
		return nil, snapDamage("header checksum mismatch")
	}
	s := &snapshot{data: data}
	s.stamp.txid = le.Uint64(data[16:])
	s.stamp.nodeSeq = le.Uint64(data[24:])
	s.stamp.relSeq = le.Uint64(data[32:])
	copy(s.stamp.state[:], data[40:56])
	nodes, rels := le.Uint64(data[56:]), le.Uint64(data[64:])
	size := uint64(len(data))
	for i := range numSections {
		h := data[headerFixed+24*i:]
		off, n := le.Uint64(h), le.Uint64(h[8:])
		if off > size || n > size-off {
			return nil, snapDamage("section %d (%d bytes at %d) runs past the end (%d bytes)", i, n, off, size)
		}
		s.sec[i] = data[off : off+n]
		if i != secRecords && !lazySection(i) && le.Uint32(h[16:]) != crc32.Checksum(s.sec[i], castagnoli) {
			return nil, snapDamage("section %d checksum mismatch", i)
		}
	}
	blocks := 0
	for i := range secSums {
		if lazySection(i) {
			s.sumBase[i] = blocks
			blocks += (len(s.sec[i]) + sumBlock - 1) / sumBlock
		}
	}
	if len(s.sec[secSums]) != 4*blocks {
		return nil, snapDamage("block sums of %d bytes for %d blocks", len(s.sec[secSums]), blocks)
	}
	s.blockOK = make([]atomic.Uint64, blocks/64+1)
	if nodes > size || rels > size {
		return nil, snapDamage("counts %d and %d exceed the file", nodes, rels)
	}
	s.nodes, s.rels = int(nodes), int(rels)
	var err error
	if s.names, err = readStringTable(s.sec[secNames]); err != nil {
		return nil, err
	}
	s.nameIDs = make(map[string]uint32, len(s.names))
	for i, n := range s.names {
		s.nameIDs[n] = uint32(i)
	}
	if err := s.readSets(); err != nil {
		return nil, err
	}
	for _, c := range []struct {
		sec, entry int
		n          *int
	}{{secNodes, nodeEntry, &s.nNodes}, {secRels, relEntry, &s.nRels}, {secEdges, edgeEntry, &s.nEdges}, {secIndex, indexEntry, &s.nIndex}} {
		if len(s.sec[c.sec])%c.entry != 0 {
			return nil, snapDamage("section %d: %d bytes is not a whole number of entries", c.sec, len(s.sec[c.sec]))
		}
		*c.n = len(s.sec[c.sec]) / c.entry
	}
	labels := s.sec[secLabels]
	if len(labels) < 4*len(s.names) || len(s.sec[secTypes]) != 4*len(s.names) {
		return nil, snapDamage("label or type tables shorter than the %d names", len(s.names))
	}
	s.labelEnds, s.labelIDs = labels[:4*len(s.names)], labels[4*len(s.names):]
	s.verified = make([]atomic.Uint64, (s.nNodes+s.nRels)/64+1)
	if len(s.labelIDs)%4 != 0 {
		return nil, snapDamage("label index of %d bytes", len(s.labelIDs))
	}
	return s, nil
}

func readStringTable(b []byte) ([]string, error) {
	le := binary.LittleEndian
	if len(b) < 4 {
		return nil, snapDamage("name table truncated")
	}
	n := uint64(le.Uint32(b))
	if n > uint64(len(b)-4)/4 {
		return nil, snapDamage("name table of %d names in %d bytes", n, len(b))
	}
	ends, text := b[4:4+4*n], b[4+4*n:]
	out := make([]string, n)
	lo := uint32(0)
	for i := range out {
		hi := le.Uint32(ends[4*i:])
		if hi < lo || uint64(hi) > uint64(len(text)) {
			return nil, snapDamage("name %d out of range", i)
		}
		out[i] = string(text[lo:hi])
		lo = hi
	}
	return out, nil
}

func (s *snapshot) readSets() error {
	le := binary.LittleEndian
	b := s.sec[secSets]
	if len(b) < 4 {
		return snapDamage("label sets truncated")
	}
	n := uint64(le.Uint32(b))
	if n == 0 || n > uint64(len(b)-4)/4 {
		return snapDamage("%d label sets in %d bytes", n, len(b))
	}
	ends, ids := b[4:4+4*n], b[4+4*n:]
	s.sets, s.setIDs = make([][]string, n), make([][]uint32, n)
	lo := uint32(0)
	for i := range s.sets {
		hi := le.Uint32(ends[4*i:])
		if hi < lo || uint64(hi) > uint64(len(ids))/4 {
			return snapDamage("label set %d out of range", i)
		}
		names := make([]string, 0, hi-lo)
		lids := make([]uint32, 0, hi-lo)
		for j := lo; j < hi; j++ {
			l := le.Uint32(ids[4*j:])
			if uint64(l) >= uint64(len(s.names)) {
				return snapDamage("label set %d names label %d of %d", i, l, len(s.names))
			}
			names = append(names, s.names[l])
			lids = append(lids, l)
		}
		s.sets[i], s.setIDs[i] = names, lids
		lo = hi
	}
	if len(s.sets[0]) != 0 {
		return snapDamage("label set 0 is not empty")
	}
	return nil
}

// nodeAt returns the table entry of node id: its label set, its adjacency
// range and its record range. ok is false when the node does not exist;
// err is set when the entry is inconsistent.
func (s *snapshot) nodeAt(id int64) (set uint32, adjLo, adjHi uint32, recLo, recHi uint64, ok bool, err error) {
	if id < 0 || id >= int64(s.nNodes) {
		return 0, 0, 0, 0, 0, false, nil
	}
	le := binary.LittleEndian
	t := s.sec[secNodes]
	first := max(id-1, 0)
	if err := s.need(secNodes, uint64(first)*nodeEntry, uint64(id+1-first)*nodeEntry); err != nil {
		return 0, 0, 0, 0, 0, false, err
	}
	e := t[id*nodeEntry:]
	set, adjHi, recHi = le.Uint32(e), le.Uint32(e[4:]), le.Uint64(e[8:])
	if id > 0 {
		p := t[(id-1)*nodeEntry:]
		adjLo, recLo = le.Uint32(p[4:]), le.Uint64(p[8:])
	}
	if set == absent {
		return 0, 0, 0, 0, 0, false, nil
	}
	if uint64(set) >= uint64(len(s.sets)) || adjLo > adjHi || uint64(adjHi) > uint64(s.nEdges) ||
		recLo > recHi || recHi > uint64(len(s.sec[secRecords])) {
		return 0, 0, 0, 0, 0, false, snapDamage("node %d: entry out of range", id)
	}
	return set, adjLo, adjHi, recLo, recHi, true, nil
}

// relAt returns the table entry of relationship id.
func (s *snapshot) relAt(id int64) (typ, start, end uint32, rec []byte, ok bool, err error) {
	if id < 0 || id >= int64(s.nRels) {
		return 0, 0, 0, nil, false, nil
	}
	le := binary.LittleEndian
	t := s.sec[secRels]
	first := max(id-1, 0)
	if err := s.need(secRels, uint64(first)*relEntry, uint64(id+1-first)*relEntry); err != nil {
		return 0, 0, 0, nil, false, err
	}
	e := t[id*relEntry:]
	typ, start, end = le.Uint32(e), le.Uint32(e[4:]), le.Uint32(e[8:])
	hi := le.Uint64(e[16:])
	var lo uint64
	if id > 0 {
		lo = le.Uint64(t[(id-1)*relEntry+16:])
	} else if s.nNodes > 0 {
		if err := s.need(secNodes, uint64(s.nNodes-1)*nodeEntry, nodeEntry); err != nil {
			return 0, 0, 0, nil, false, err
		}
		lo = le.Uint64(s.sec[secNodes][(s.nNodes-1)*nodeEntry+8:])
	}
	if typ == absent {
		return 0, 0, 0, nil, false, nil
	}
	if uint64(typ) >= uint64(len(s.names)) || uint64(start) >= uint64(s.nNodes) || uint64(end) >= uint64(s.nNodes) ||
		lo > hi || hi > uint64(len(s.sec[secRecords])) {
		return 0, 0, 0, nil, false, snapDamage("relationship %d: entry out of range", id)
	}
	return typ, start, end, s.sec[secRecords][lo:hi], true, nil
}

// edges verifies adjacency entries [lo, hi), which edge then reads.
func (s *snapshot) edges(lo, hi uint32) error {
	return s.need(secEdges, uint64(lo)*edgeEntry, uint64(hi-lo)*edgeEntry)
}

// edge returns adjacency entry i (i < nEdges), verified by edges.
func (s *snapshot) edge(i uint32) (rel uint32, in bool, other uint32) {
	e := s.sec[secEdges][uint64(i)*edgeEntry:]
	r := binary.LittleEndian.Uint32(e)
	return r &^ snapInBit, r&snapInBit != 0, binary.LittleEndian.Uint32(e[4:])
}

// labelRange returns the node ids of label name l as a range of labelIDs,
// verified for labelID to read.
func (s *snapshot) labelRange(l uint32) (lo, hi uint32, err error) {
	le := binary.LittleEndian
	first := uint64(max(l, 1) - 1)
	if err := s.need(secLabels, 4*first, 4*(uint64(l)+1-first)); err != nil {
		return 0, 0, err
	}
	hi = le.Uint32(s.labelEnds[4*l:])
	if l > 0 {
		lo = le.Uint32(s.labelEnds[4*(l-1):])
	}
	if lo > hi || uint64(hi) > uint64(len(s.labelIDs))/4 {
		return 0, 0, snapDamage("label %q: range out of range", s.names[l])
	}
	if err := s.need(secLabels, uint64(len(s.labelEnds))+4*uint64(lo), 4*uint64(hi-lo)); err != nil {
		return 0, 0, err
	}
	return lo, hi, nil
}

func (s *snapshot) labelID(i uint32) int64 {
	return int64(binary.LittleEndian.Uint32(s.labelIDs[4*uint64(i):]))
}

// typeCount returns the number of relationships of type name t.
func (s *snapshot) typeCount(t uint32) int {
	return int(binary.LittleEndian.Uint32(s.sec[secTypes][4*t:]))
}

// indexAt returns index entry i: label, key, node and value.
func (s *snapshot) indexAt(i int) (label, key, node uint32, val []byte, err error) {
	le := binary.LittleEndian
	if err := s.need(secIndex, uint64(i)*indexEntry, indexEntry); err != nil {
		return 0, 0, 0, nil, err
	}
	e := s.sec[secIndex][i*indexEntry:]
	label, key, node = le.Uint32(e), le.Uint32(e[4:]), le.Uint32(e[8:])
	n, off := uint64(le.Uint32(e[12:])), le.Uint64(e[16:])
	str := s.sec[secIStrings]
	if off > uint64(len(str)) || n > uint64(len(str))-off {
		return 0, 0, 0, nil, snapDamage("index entry %d out of range", i)
	}
	if err := s.need(secIStrings, off, n); err != nil {
		return 0, 0, 0, nil, err
	}
	return label, key, node, str[off : off+n], nil
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
