// Package memgraph is an in-memory property graph implementing [cypher.Graph]:
// never-reused int64 ids, a label index, out/in adjacency lists, equality
// indexes on the properties "id" and "name" of every label, an index of the
// lower-cased names and aliases of every label (built on first use, for
// [cypher.NameLookup]), an undo log so a
// failed query leaves no trace, and a change journal so that an embedded store
// can persist what a successful query changed.
//
// # Storage
//
// The graph is laid out for a small heap (about 90 bytes per relationship
// with one small property, plus about 250 bytes per node with three
// properties): nodes and relationships live in slices indexed by their ids
// (in pages of 4096 ids; ids are dense, as handed out by the graph or by an
// embedded store's sequence; a deleted id leaves a tombstone and is never
// reused);
// labels, relationship types and property keys are interned as small integers;
// a node refers to its set of labels by one interned label-set number;
// properties are short slices of (key, value) pairs; adjacency lists are
// one slice per node of 32-bit (relationship, other node) pairs, both
// directions; the label index is one paged bitmap
// per label, so label scans run in id order.
//
// Ids must lie in [0, [MaxID]].
//
// # Concurrency
//
// A Graph is not synchronised: use it from one goroutine at a time while it is
// written (queries that write, LoadNode, LoadRelationship), or from many
// goroutines that only read. Callers that mix both guard it with a
// sync.RWMutex (read-only queries under RLock, see cypher.Statement.ReadOnly).
package memgraph

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/value"
)

var _ cypher.Graph = (*Graph)(nil)

// ErrExists is returned by LoadNode and LoadRelationship for an id in use.
var ErrExists = errors.New("memgraph: id already in use")

// ErrNotFound is returned when a relationship end or a node is missing.
var ErrNotFound = errors.New("memgraph: no such node")

// ErrConnected is returned by DeleteNode for a node that still has relationships.
var ErrConnected = errors.New("memgraph: node still has relationships")

// ErrIDRange is returned by LoadNode and LoadRelationship for an id below 0
// or above [MaxID].
var ErrIDRange = errors.New("memgraph: id out of range")

// MaxID is the largest node or relationship id the graph accepts.
const MaxID = 1<<31 - 1

// IndexedKeys are the property keys indexed per label for equality lookups.
// The nodes without a label are indexed too, under a label of their own
// (see noLabel), so that LookupNodes finds a node of any label or none.
var IndexedKeys = []string{"id", "name"}

// noLabel is the pseudo label under which the indexed properties of the
// nodes without a label are indexed; no interned name has its id.
const noLabel = math.MaxUint32

// prop is one property: an interned key and a non-nil value.
type prop struct {
	key uint32
	val any
}

// edge is one adjacency entry: a relationship, with inBit set when the node
// is its end (an incoming relationship), and the node at its other end. A
// self-loop has two entries, one each way.
type edge struct {
	rel, other uint32
}

const inBit = 1 << 31

func (e edge) id() int64      { return int64(e.rel &^ inBit) }
func (e edge) incoming() bool { return e.rel&inBit != 0 }

type nodeRec struct {
	props []prop
	adj   []edge
	set   uint32 // interned label set; 0 is the empty set
	alive bool
}

type relRec struct {
	props      []prop
	start, end uint32
	typ        uint32
	alive      bool
}

// labelSet is an interned, sorted set of labels shared by many nodes.
type labelSet struct {
	names []string // sorted; read-only
	ids   []uint32 // interned label ids, parallel to names
}

// bitset is a set of node ids with its size, in pages of 4096 bits.
type bitset struct {
	pages []*[1 << pageBits / 64]uint64
	n     int
}

func (b *bitset) add(id int64) bool {
	p := int(id >> pageBits)
	if p >= len(b.pages) {
		b.pages = slices.Grow(b.pages, p+1-len(b.pages))[:p+1]
	}
	if b.pages[p] == nil {
		b.pages[p] = new([1 << pageBits / 64]uint64)
	}
	w, m := &b.pages[p][id>>6&(1<<(pageBits-6)-1)], uint64(1)<<(uint(id)&63)
	if *w&m != 0 {
		return false
	}
	*w |= m
	b.n++
	return true
}

func (b *bitset) del(id int64) {
	if !b.has(id) {
		return
	}
	b.pages[id>>pageBits][id>>6&(1<<(pageBits-6)-1)] &^= 1 << (uint(id) & 63)
	b.n--
}

func (b *bitset) has(id int64) bool {
	p := id >> pageBits
	return id >= 0 && p < int64(len(b.pages)) && b.pages[p] != nil &&
		b.pages[p][id>>6&(1<<(pageBits-6)-1)]&(1<<(uint(id)&63)) != 0
}

// each calls fn for every member in ascending order until fn returns false.
// It reads each word as it is when it reaches it.
func (b *bitset) each(fn func(id int64) bool) {
	for p := 0; p < len(b.pages); p++ {
		page := b.pages[p]
		if page == nil {
			continue
		}
		for w := range page {
			x := page[w]
			for x != 0 {
				t := bits.TrailingZeros64(x)
				x &= x - 1
				if !fn(int64(p)<<pageBits | int64(w)<<6 | int64(t)) {
					return
				}
			}
		}
	}
}

// valueIndex maps property values to the ids of the nodes holding them: one
// id in one, two or more (sorted) in many.
type valueIndex struct {
	one  map[any]int64
	many map[any][]int64
}

func (x *valueIndex) add(v any, id int64) {
	if ids, ok := x.many[v]; ok {
		if i, found := slices.BinarySearch(ids, id); !found {
			x.many[v] = slices.Insert(ids, i, id)
		}
		return
	}
	if o, ok := x.one[v]; ok {
		if o == id {
			return
		}
		delete(x.one, v)
		x.many[v] = []int64{min(o, id), max(o, id)}
		return
	}
	x.one[v] = id
}

// each calls fn with the ids holding v, in ascending order, until fn
// returns false; fn may change the index.
func (x *valueIndex) each(v any, fn func(id int64) bool) {
	if id, ok := x.one[v]; ok {
		fn(id)
		return
	}
	for _, id := range slices.Clone(x.many[v]) {
		if !fn(id) {
			return
		}
	}
}

func (x *valueIndex) del(v any, id int64) {
	if o, ok := x.one[v]; ok {
		if o == id {
			delete(x.one, v)
		}
		return
	}
	ids := x.many[v]
	i, found := slices.BinarySearch(ids, id)
	if !found {
		return
	}
	ids = slices.Delete(ids, i, i+1)
	if len(ids) == 1 {
		delete(x.many, v)
		x.one[v] = ids[0]
		return
	}
	x.many[v] = ids
}

// Graph is an in-memory property graph. The zero value is not usable; call New.
type Graph struct {
	names   []string // interned labels, types and property keys
	nameIDs map[string]uint32

	nodes     table[nodeRec]
	rels      table[relRec]
	nodeCount int
	relCount  int

	sets    []labelSet
	setIDs  map[string]uint32 // joined names → set
	single  map[uint32]uint32 // label → the set of that label alone
	byLabel []bitset          // by interned label id
	indexed []uint32          // interned IndexedKeys
	index   map[uint64]*valueIndex
	bare    int // nodes without a label
	// relIDs indexes relationships by their "id" property; built by the
	// first LookupRels, then kept up to date (nil until then, so that a
	// graph that is never searched by relationship id does not pay for it).
	// Readers may run LookupRels concurrently: relIDsMu serialises the
	// build, and writers, which run alone, update the built index.
	relIDs   atomic.Pointer[valueIndex]
	relIDsMu sync.Mutex
	// nameIdx is the index of LookupNames, built by its first call like
	// relIDs (see lowerNames).
	nameIdx atomic.Pointer[nameIndex]
	namesMu sync.Mutex

	nextID int64 // next node id handed out
	nextRe int64 // next relationship id handed out

	undo    []func()
	journal Journal
}

// Journal lists the nodes and relationships touched (created, modified or
// deleted) since the last [Graph.ResetJournal]. To persist a change, look each
// id up: present means upsert its current state, absent means delete it. Ids
// touched by a rolled-back query may stay listed; rewriting them is harmless.
type Journal struct {
	Nodes map[int64]struct{}
	Rels  map[int64]struct{}
}

// New returns an empty graph.
func New() *Graph {
	g := &Graph{
		nameIDs: map[string]uint32{},
		sets:    []labelSet{{names: []string{}}},
		setIDs:  map[string]uint32{"": 0},
		single:  map[uint32]uint32{},
		index:   map[uint64]*valueIndex{},
		journal: Journal{Nodes: map[int64]struct{}{}, Rels: map[int64]struct{}{}},
	}
	for _, k := range IndexedKeys {
		g.indexed = append(g.indexed, g.intern(k))
	}
	return g
}

// intern returns the id of name, assigning one on first use.
func (g *Graph) intern(name string) uint32 {
	if id, ok := g.nameIDs[name]; ok {
		return id
	}
	id := uint32(len(g.names))
	g.names = append(g.names, name)
	g.nameIDs[name] = id
	return id
}

// lookupName returns the id of an interned name.
func (g *Graph) lookupName(name string) (uint32, bool) {
	id, ok := g.nameIDs[name]
	return id, ok
}

// internSet returns the label set holding exactly the labels ids (any order).
func (g *Graph) internSet(ids []uint32) uint32 {
	if len(ids) == 0 {
		return 0
	}
	if len(ids) == 1 {
		if s, ok := g.single[ids[0]]; ok {
			return s
		}
	}
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		names = append(names, g.names[id])
	}
	slices.Sort(names)
	names = slices.Compact(names)
	key := strings.Join(names, "\x00")
	if s, ok := g.setIDs[key]; ok {
		return s
	}
	set := labelSet{names: names, ids: make([]uint32, len(names))}
	for i, n := range names {
		set.ids[i] = g.nameIDs[n]
	}
	s := uint32(len(g.sets))
	g.sets = append(g.sets, set)
	g.setIDs[key] = s
	if len(set.ids) == 1 {
		g.single[set.ids[0]] = s
	}
	return s
}

func (g *Graph) labelBits(label uint32) *bitset {
	if int(label) >= len(g.byLabel) {
		g.byLabel = slices.Grow(g.byLabel, int(label)+1-len(g.byLabel))[:label+1]
	}
	return &g.byLabel[label]
}

// Journal returns the ids touched since the last ResetJournal. The maps are
// owned by the graph and valid until the next write or ResetJournal.
func (g *Graph) Journal() Journal { return g.journal }

// ResetJournal empties the change journal and forgets the undo log (the state
// becomes the new baseline; savepoints taken earlier become invalid).
func (g *Graph) ResetJournal() {
	g.journal = Journal{Nodes: map[int64]struct{}{}, Rels: map[int64]struct{}{}}
	clear(g.undo)
	g.undo = g.undo[:0]
}

// NodeCount returns the number of nodes.
func (g *Graph) NodeCount() int { return g.nodeCount }

// RelationshipCount returns the number of relationships.
func (g *Graph) RelationshipCount() int { return g.relCount }

func (g *Graph) node(id int64) *nodeRec {
	if n := g.nodes.at(id); n != nil && n.alive {
		return n
	}
	return nil
}

func (g *Graph) rel(id int64) *relRec {
	if r := g.rels.at(id); r != nil && r.alive {
		return r
	}
	return nil
}

func (g *Graph) propMap(ps []prop) map[string]any {
	m := make(map[string]any, len(ps))
	for _, p := range ps {
		m[g.names[p.key]] = p.val
	}
	return m
}

// ForEachNode calls fn for each node in ascending id order until fn returns false.
// The node's Labels and Props are copies.
func (g *Graph) ForEachNode(fn func(n cypher.Node) bool) {
	for id := range g.nodes.ids() {
		n := g.nodes.at(id)
		if !n.alive {
			continue
		}
		if !fn(cypher.Node{ID: id, Labels: append([]string{}, g.sets[n.set].names...), Props: g.propMap(n.props)}) {
			return
		}
	}
}

// ForEachRelationship calls fn for each relationship in ascending id order
// until fn returns false. Props is a copy.
func (g *Graph) ForEachRelationship(fn func(r cypher.Relationship) bool) {
	for id := range g.rels.ids() {
		r := g.rels.at(id)
		if !r.alive {
			continue
		}
		if !fn(cypher.Relationship{ID: id, Type: g.names[r.typ], StartID: int64(r.start), EndID: int64(r.end), Props: g.propMap(r.props)}) {
			return
		}
	}
}

// LoadNode adds a node with a given id, as when rebuilding from a file. It is
// not journaled nor undoable. Later CreateNode calls use higher ids. The id
// must lie in [0, MaxID] ([ErrIDRange]) and be unused ([ErrExists]).
func (g *Graph) LoadNode(id int64, labels []string, props map[string]any) error {
	if id < 0 || id > MaxID {
		return fmt.Errorf("load node %d: %w", id, ErrIDRange)
	}
	if g.node(id) != nil {
		return fmt.Errorf("load node %d: %w", id, ErrExists)
	}
	g.insertNode(id, labels, props)
	if id >= g.nextID {
		g.nextID = id + 1
	}
	return nil
}

// LoadRelationship adds a relationship with a given id between loaded nodes.
// It is not journaled nor undoable. The id must lie in [0, MaxID].
func (g *Graph) LoadRelationship(id int64, typ string, start, end int64, props map[string]any) error {
	if id < 0 || id > MaxID {
		return fmt.Errorf("load relationship %d: %w", id, ErrIDRange)
	}
	if g.rel(id) != nil {
		return fmt.Errorf("load relationship %d: %w", id, ErrExists)
	}
	if g.node(start) == nil || g.node(end) == nil {
		return fmt.Errorf("load relationship %d (%d)-[:%s]->(%d): %w", id, start, typ, end, ErrNotFound)
	}
	g.insertRel(id, typ, start, end, props)
	if id >= g.nextRe {
		g.nextRe = id + 1
	}
	return nil
}

// toProps converts a property map, dropping nil values, with keys in sorted
// order so that equal maps give equal slices.
func (g *Graph) toProps(m map[string]any) []prop {
	n := 0
	for _, v := range m {
		if v != nil {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	keys := make([]string, 0, n)
	for k, v := range m {
		if v != nil {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	ps := make([]prop, len(keys))
	for i, k := range keys {
		ps[i] = prop{g.intern(k), m[k]}
	}
	return ps
}

// propNamed returns the value of the property key in ps, nil when ps does
// not have it.
func (g *Graph) propNamed(ps []prop, key string) any {
	k, ok := g.lookupName(key)
	if !ok {
		return nil
	}
	v, _ := getProp(ps, k)
	return v
}

func getProp(ps []prop, key uint32) (any, bool) {
	for i := range ps {
		if ps[i].key == key {
			return ps[i].val, true
		}
	}
	return nil, false
}

// setProp returns ps with key set to v (removed when v is nil).
func setProp(ps []prop, key uint32, v any) []prop {
	for i := range ps {
		if ps[i].key == key {
			if v == nil {
				return slices.Delete(ps, i, i+1)
			}
			ps[i].val = v
			return ps
		}
	}
	if v == nil {
		return ps
	}
	return append(ps, prop{key, v})
}

const pageBits = 12

// table holds records by id in pages of 4096, so that a sparse id costs a
// page, not every record below it.
type table[T any] struct {
	pages []*[1 << pageBits]T
}

// at returns the record of id, nil when its page was never written.
func (t *table[T]) at(id int64) *T {
	p := id >> pageBits
	if id < 0 || p >= int64(len(t.pages)) || t.pages[p] == nil {
		return nil
	}
	return &t.pages[p][id&(1<<pageBits-1)]
}

// ref returns the record of id, creating its page; 0 <= id <= MaxID.
func (t *table[T]) ref(id int64) *T {
	p := int(id >> pageBits)
	if p >= len(t.pages) {
		t.pages = slices.Grow(t.pages, p+1-len(t.pages))[:p+1]
	}
	if t.pages[p] == nil {
		t.pages[p] = new([1 << pageBits]T)
	}
	return &t.pages[p][id&(1<<pageBits-1)]
}

// ids yields every id of the allocated pages in ascending order.
func (t *table[T]) ids() func(yield func(int64) bool) {
	return func(yield func(int64) bool) {
		for p, page := range t.pages {
			if page == nil {
				continue
			}
			for i := range page {
				if !yield(int64(p)<<pageBits | int64(i)) {
					return
				}
			}
		}
	}
}

func (g *Graph) insertNode(id int64, labels []string, props map[string]any) {
	ids := make([]uint32, 0, len(labels))
	for _, l := range labels {
		ids = append(ids, g.intern(l))
	}
	*g.nodes.ref(id) = nodeRec{props: g.toProps(props), set: g.internSet(ids), alive: true}
	g.nodeCount++
	n := g.nodes.ref(id)
	for _, l := range g.sets[n.set].ids {
		g.labelAdd(id, n, l)
	}
	if n.set == 0 {
		g.bareAdd(id, n)
	}
}

func (g *Graph) indexFor(label, key uint32, create bool) *valueIndex {
	k := uint64(label)<<32 | uint64(key)
	x := g.index[k]
	if x == nil && create {
		x = &valueIndex{one: map[any]int64{}, many: map[any][]int64{}}
		g.index[k] = x
	}
	return x
}

func (g *Graph) labelAdd(id int64, n *nodeRec, l uint32) {
	g.labelBits(l).add(id)
	g.nameIndexAdd(id, n, []uint32{l})
	g.propsIndexAdd(id, n, l)
}

func (g *Graph) labelDel(id int64, n *nodeRec, l uint32) {
	g.labelBits(l).del(id)
	g.nameIndexDel(id, n, []uint32{l})
	g.propsIndexDel(id, n, l)
}

// bareAdd and bareDel count node id, which has no label (any more), and
// index its properties under noLabel, or undo that.
func (g *Graph) bareAdd(id int64, n *nodeRec) {
	g.bare++
	g.propsIndexAdd(id, n, noLabel)
}

func (g *Graph) bareDel(id int64, n *nodeRec) {
	g.bare--
	g.propsIndexDel(id, n, noLabel)
}

// propsIndexAdd and propsIndexDel add node id's indexed properties to the
// indexes of label l, or remove them.
func (g *Graph) propsIndexAdd(id int64, n *nodeRec, l uint32) {
	for _, k := range g.indexed {
		if v, ok := getProp(n.props, k); ok {
			g.indexAdd(l, k, v, id)
		}
	}
}

func (g *Graph) propsIndexDel(id int64, n *nodeRec, l uint32) {
	for _, k := range g.indexed {
		if v, ok := getProp(n.props, k); ok {
			g.indexDel(l, k, v, id)
		}
	}
}

// indexLabels returns the labels under which the properties of a node of
// label set s are indexed: its labels, or noLabel for the empty set.
func (g *Graph) indexLabels(s uint32) []uint32 {
	if s == 0 {
		return []uint32{noLabel}
	}
	return g.sets[s].ids
}

func (g *Graph) insertRel(id int64, typ string, start, end int64, props map[string]any) {
	*g.rels.ref(id) = relRec{typ: g.intern(typ), start: uint32(start), end: uint32(end), props: g.toProps(props), alive: true}
	g.relCount++
	g.link(id, start, end)
	g.relIndexAdd(id)
}

func (g *Graph) link(id, start, end int64) {
	s := g.nodes.ref(start)
	s.adj = append(s.adj, edge{uint32(id), uint32(end)})
	e := g.nodes.ref(end)
	e.adj = append(e.adj, edge{uint32(id) | inBit, uint32(start)})
}

func (g *Graph) isIndexed(key uint32) bool {
	return slices.Contains(g.indexed, key)
}

// normKey returns the index form of v: integral floats become int64 so that
// 1 and 1.0 meet, as Cypher equality has them; temporal values are their own
// keys (their == is Cypher equality); ok is false for values that are not
// indexed (lists, maps, NaN).
func normKey(v any) (any, bool) {
	switch x := v.(type) {
	case string, int64, bool,
		value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime, value.Duration:
		return x, true
	case float64:
		if math.IsNaN(x) {
			return nil, false
		}
		if x == math.Trunc(x) && x >= -9.2e18 && x <= 9.2e18 {
			return int64(x), true
		}
		return x, true
	}
	return nil, false
}

func (g *Graph) indexAdd(label, key uint32, v any, id int64) {
	if nv, ok := normKey(v); ok {
		g.indexFor(label, key, true).add(nv, id)
	}
}

func (g *Graph) indexDel(label, key uint32, v any, id int64) {
	if nv, ok := normKey(v); ok {
		if x := g.indexFor(label, key, false); x != nil {
			x.del(nv, id)
		}
	}
}

// ScanNodes implements cypher.Graph: nodes come in ascending id order.
func (g *Graph) ScanNodes(label string, fn func(id int64) bool) {
	if label == "" {
		for id := range g.nodes.ids() {
			if g.nodes.at(id).alive && !fn(id) {
				return
			}
		}
		return
	}
	l, ok := g.lookupName(label)
	if !ok || int(l) >= len(g.byLabel) {
		return
	}
	g.byLabel[l].each(fn)
}

// LabelCount implements cypher.Graph.
func (g *Graph) LabelCount(label string) int {
	if label == "" {
		return g.nodeCount
	}
	l, ok := g.lookupName(label)
	if !ok || int(l) >= len(g.byLabel) {
		return 0
	}
	return g.byLabel[l].n
}

// LookupNodes implements cypher.Graph: (label, k) is indexed for k in
// IndexedKeys, with every label and none (label ""). Nodes come in
// ascending id order for a label; for "", label by label.
func (g *Graph) LookupNodes(label, key string, value any, fn func(id int64) bool) bool {
	k, ok := g.lookupName(key)
	if !ok || !g.isIndexed(k) {
		return false
	}
	nv, ok := normKey(value)
	if !ok {
		return true // lists, maps, NaN: never equal to an indexed scalar
	}
	if label == "" {
		g.lookupAll(k, nv, fn)
		return true
	}
	l, ok := g.lookupName(label)
	if !ok {
		return true
	}
	x := g.indexFor(l, k, false)
	if x == nil {
		return true
	}
	x.each(nv, fn)
	return true
}

// lookupAll calls fn with the nodes of every label, and of none, whose
// property k has index key nv, label by label, until fn returns false.
func (g *Graph) lookupAll(k uint32, nv any, fn func(id int64) bool) {
	more := true
	each := func(l uint32) {
		if x := g.indexFor(l, k, false); x != nil && more {
			x.each(nv, func(id int64) bool { more = fn(id); return more })
		}
	}
	for l := range g.byLabel {
		if g.byLabel[l].n > 0 {
			each(uint32(l))
		}
	}
	each(noLabel)
}

// UnlabelledCount returns the number of nodes without a label.
func (g *Graph) UnlabelledCount() int { return g.bare }

// typeFilter returns the interned ids of types; ok is false when none of
// them is in use (nothing can match). A nil filter matches every type.
func (g *Graph) typeFilter(types []string, buf []uint32) (filter []uint32, ok bool) {
	if len(types) == 0 {
		return nil, true
	}
	filter = buf[:0]
	for _, t := range types {
		if id, found := g.lookupName(t); found {
			filter = append(filter, id)
		}
	}
	return filter, len(filter) > 0
}

// Expand implements cypher.Graph.
func (g *Graph) Expand(id int64, dir cypher.Direction, types []string, fn func(rel, other int64) bool) {
	n := g.node(id)
	if n == nil {
		return
	}
	var buf [4]uint32
	filter, ok := g.typeFilter(types, buf[:])
	if !ok {
		return
	}
	adj := n.adj // fn may write: iterate over the list as it was
	for _, e := range adj {
		if e.incoming() {
			if dir == cypher.Outgoing || dir == cypher.Both && int64(e.other) == id {
				continue // a self-loop is reported once, by its outgoing entry
			}
		} else if dir == cypher.Incoming {
			continue
		}
		rel := e.id()
		if filter != nil && !slices.Contains(filter, g.rels.at(rel).typ) {
			continue
		}
		if !fn(rel, int64(e.other)) {
			return
		}
	}
}

// NodeExists implements cypher.Graph.
func (g *Graph) NodeExists(id int64) bool { return g.node(id) != nil }

// NodeLabels implements cypher.Graph. The slice is shared and read-only.
func (g *Graph) NodeLabels(id int64) []string {
	if n := g.node(id); n != nil {
		return g.sets[n.set].names
	}
	return nil
}

// HasLabel implements cypher.Graph.
func (g *Graph) HasLabel(id int64, label string) bool {
	l, ok := g.lookupName(label)
	if !ok || int(l) >= len(g.byLabel) {
		return false
	}
	return g.byLabel[l].has(id)
}

// NodeProps implements cypher.Graph: it returns a new map, nil when the node
// does not exist.
func (g *Graph) NodeProps(id int64) map[string]any {
	if n := g.node(id); n != nil {
		return g.propMap(n.props)
	}
	return nil
}

// NodeProp implements cypher.Graph.
func (g *Graph) NodeProp(id int64, key string) (any, bool) {
	if n := g.node(id); n != nil {
		return g.propNamed(n.props, key), true
	}
	return nil, false
}

// Rel implements cypher.Graph.
func (g *Graph) Rel(id int64) (string, int64, int64, bool) {
	if r := g.rel(id); r != nil {
		return g.names[r.typ], int64(r.start), int64(r.end), true
	}
	return "", 0, 0, false
}

// RelProps implements cypher.Graph: it returns a new map, nil when the
// relationship does not exist.
func (g *Graph) RelProps(id int64) map[string]any {
	if r := g.rel(id); r != nil {
		return g.propMap(r.props)
	}
	return nil
}

// RelProp implements cypher.Graph.
func (g *Graph) RelProp(id int64, key string) (any, bool) {
	if r := g.rel(id); r != nil {
		return g.propNamed(r.props, key), true
	}
	return nil, false
}

// Degree implements cypher.Graph.
func (g *Graph) Degree(id int64) int {
	if n := g.node(id); n != nil {
		return len(n.adj)
	}
	return 0
}

// CreateNode implements cypher.Graph.
func (g *Graph) CreateNode(labels []string, props map[string]any) int64 {
	id := g.nextID
	g.nextID++
	g.insertNode(id, labels, props)
	g.journal.Nodes[id] = struct{}{}
	g.undo = append(g.undo, func() { g.removeNode(id) })
	return id
}

// removeNode drops node id from the indexes and marks it deleted; it returns
// the record as it was.
func (g *Graph) removeNode(id int64) nodeRec {
	n := g.nodes.ref(id)
	for _, l := range g.sets[n.set].ids {
		g.labelDel(id, n, l)
	}
	if n.set == 0 {
		g.bareDel(id, n)
	}
	old := *n
	*g.nodes.ref(id) = nodeRec{}
	g.nodeCount--
	return old
}

// CreateRel implements cypher.Graph.
func (g *Graph) CreateRel(typ string, start, end int64, props map[string]any) (int64, error) {
	if g.node(start) == nil || g.node(end) == nil {
		return 0, fmt.Errorf("create relationship (%d)-[:%s]->(%d): %w", start, typ, end, ErrNotFound)
	}
	id := g.nextRe
	g.nextRe++
	g.insertRel(id, typ, start, end, props)
	g.journal.Rels[id] = struct{}{}
	g.undo = append(g.undo, func() { g.removeRel(id) })
	return id, nil
}

// removeEdge removes the entry of relationship rel (flagged as given) from s.
func removeEdge(s []edge, rel uint32) []edge {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i].rel == rel {
			return slices.Delete(s, i, i+1)
		}
	}
	return s
}

// removeRel unlinks and deletes relationship id and returns its record.
func (g *Graph) removeRel(id int64) (relRec, bool) {
	r := g.rel(id)
	if r == nil {
		return relRec{}, false
	}
	if s := g.node(int64(r.start)); s != nil {
		s.adj = removeEdge(s.adj, uint32(id))
	}
	if e := g.node(int64(r.end)); e != nil {
		e.adj = removeEdge(e.adj, uint32(id)|inBit)
	}
	g.relIndexDel(id)
	old := *r
	*g.rels.ref(id) = relRec{}
	g.relCount--
	return old, true
}

// SetNodeProp implements cypher.Graph.
func (g *Graph) SetNodeProp(id int64, key string, value any) {
	n := g.node(id)
	if n == nil {
		return
	}
	k := g.intern(key)
	old, _ := getProp(n.props, k)
	g.setNodeProp(id, k, value)
	g.journal.Nodes[id] = struct{}{}
	g.undo = append(g.undo, func() { g.setNodeProp(id, k, old) })
}

func (g *Graph) setNodeProp(id int64, key uint32, value any) {
	n := g.nodes.ref(id)
	indexed := g.isIndexed(key)
	if old, ok := getProp(n.props, key); ok && indexed {
		for _, l := range g.indexLabels(n.set) {
			g.indexDel(l, key, old, id)
		}
	}
	names := g.isNameKey(key)
	if names {
		g.nameIndexDel(id, n, g.sets[n.set].ids)
	}
	n.props = setProp(n.props, key, value)
	if value != nil && indexed {
		for _, l := range g.indexLabels(n.set) {
			g.indexAdd(l, key, value, id)
		}
	}
	if names {
		g.nameIndexAdd(id, n, g.sets[n.set].ids)
	}
}

// SetRelProp implements cypher.Graph.
func (g *Graph) SetRelProp(id int64, key string, value any) {
	r := g.rel(id)
	if r == nil {
		return
	}
	k := g.intern(key)
	old, _ := getProp(r.props, k)
	g.setRelProp(id, k, value)
	g.journal.Rels[id] = struct{}{}
	g.undo = append(g.undo, func() { g.setRelProp(id, k, old) })
}

func (g *Graph) setRelProp(id int64, key uint32, value any) {
	isID := g.names[key] == relIDKey
	if isID {
		g.relIndexDel(id)
	}
	r := g.rels.ref(id)
	r.props = setProp(r.props, key, value)
	if isID {
		g.relIndexAdd(id)
	}
}

// relIDKey is the relationship property LookupRels finds relationships by.
const relIDKey = "id"

// relIndexAdd and relIndexDel keep the relationship id index, once built,
// in step with relationship id's property "id".
func (g *Graph) relIndexAdd(id int64) {
	if x := g.relIDs.Load(); x != nil {
		relIndexAddTo(g, x, id)
	}
}

func relIndexAddTo(g *Graph, x *valueIndex, id int64) {
	if v, ok := g.relProp(id, relIDKey); ok {
		if nv, ok := normKey(v); ok {
			x.add(nv, id)
		}
	}
}

func (g *Graph) relIndexDel(id int64) {
	x := g.relIDs.Load()
	if x == nil {
		return
	}
	if v, ok := g.relProp(id, relIDKey); ok {
		if nv, ok := normKey(v); ok {
			x.del(nv, id)
		}
	}
}

// relProp returns the value of property key of live relationship id.
func (g *Graph) relProp(id int64, key string) (any, bool) {
	r := g.rel(id)
	if r == nil {
		return nil, false
	}
	k, ok := g.lookupName(key)
	if !ok {
		return nil, false
	}
	return getProp(r.props, k)
}

// LookupRels implements cypher.RelLookup: it calls fn for every
// relationship whose property "id" equals value (Cypher equality), in
// ascending id order, and reports whether it could (key "id" only). The
// index is built on the first call, in one pass over the relationships.
func (g *Graph) LookupRels(key string, value any, fn func(rel int64) bool) bool {
	if key != relIDKey {
		return false
	}
	x := g.relIDs.Load()
	if x == nil {
		g.relIDsMu.Lock()
		if x = g.relIDs.Load(); x == nil {
			x = &valueIndex{one: map[any]int64{}, many: map[any][]int64{}}
			for id := range g.rels.ids() {
				if g.rels.at(id).alive {
					relIndexAddTo(g, x, id)
				}
			}
			g.relIDs.Store(x)
		}
		g.relIDsMu.Unlock()
	}
	nv, ok := normKey(value)
	if !ok {
		return true // lists, maps, NaN: never equal to an indexed scalar
	}
	x.each(nv, fn)
	return true
}

// setLabels moves node id to label set s.
func (g *Graph) setLabels(id int64, s uint32) {
	g.nodes.ref(id).set = s
}

// AddLabel implements cypher.Graph.
func (g *Graph) AddLabel(id int64, label string) bool {
	n := g.node(id)
	if n == nil {
		return false
	}
	l := g.intern(label)
	if slices.Contains(g.sets[n.set].ids, l) {
		return false
	}
	old := n.set
	if old == 0 {
		g.bareDel(id, n)
	}
	g.setLabels(id, g.internSet(append(slices.Clone(g.sets[old].ids), l)))
	g.labelAdd(id, n, l)
	g.journal.Nodes[id] = struct{}{}
	g.undo = append(g.undo, func() {
		n := g.nodes.ref(id)
		g.labelDel(id, n, l)
		g.setLabels(id, old)
		if old == 0 {
			g.bareAdd(id, n)
		}
	})
	return true
}

// RemoveLabel implements cypher.Graph.
func (g *Graph) RemoveLabel(id int64, label string) bool {
	n := g.node(id)
	if n == nil {
		return false
	}
	l, ok := g.lookupName(label)
	if !ok {
		return false
	}
	ids := g.sets[n.set].ids
	i := slices.Index(ids, l)
	if i < 0 {
		return false
	}
	old := n.set
	g.labelDel(id, n, l)
	s := g.internSet(slices.Delete(slices.Clone(ids), i, i+1))
	g.setLabels(id, s)
	if s == 0 {
		g.bareAdd(id, n)
	}
	g.journal.Nodes[id] = struct{}{}
	g.undo = append(g.undo, func() {
		n := g.nodes.ref(id)
		if s == 0 {
			g.bareDel(id, n)
		}
		g.setLabels(id, old)
		g.labelAdd(id, n, l)
	})
	return true
}

// DeleteRel implements cypher.Graph.
func (g *Graph) DeleteRel(id int64) {
	r, ok := g.removeRel(id)
	if !ok {
		return
	}
	g.journal.Rels[id] = struct{}{}
	g.undo = append(g.undo, func() {
		*g.rels.ref(id) = r
		g.relCount++
		g.link(id, int64(r.start), int64(r.end))
		g.relIndexAdd(id)
	})
}

// DeleteNode implements cypher.Graph.
func (g *Graph) DeleteNode(id int64) error {
	n := g.node(id)
	if n == nil {
		return nil
	}
	if len(n.adj) > 0 {
		return fmt.Errorf("delete node %d: %w", id, ErrConnected)
	}
	old := g.removeNode(id)
	g.journal.Nodes[id] = struct{}{}
	g.undo = append(g.undo, func() {
		*g.nodes.ref(id) = old
		g.nodeCount++
		n := g.nodes.ref(id)
		for _, l := range g.sets[n.set].ids {
			g.labelAdd(id, n, l)
		}
		if n.set == 0 {
			g.bareAdd(id, n)
		}
	})
	return nil
}

// Savepoint implements cypher.Graph.
func (g *Graph) Savepoint() int { return len(g.undo) }

// Rollback implements cypher.Graph.
func (g *Graph) Rollback(sp int) {
	for i := len(g.undo) - 1; i >= sp && i >= 0; i-- {
		g.undo[i]()
		g.undo[i] = nil
	}
	if sp < len(g.undo) {
		g.undo = g.undo[:max(sp, 0)]
	}
}
