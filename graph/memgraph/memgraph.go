// Package memgraph is an in-memory property graph implementing [cypher.Graph]:
// never-reused int64 ids, a label index, out/in adjacency lists, equality
// indexes on the properties "id" and "name" of every label, an undo log so a
// failed query leaves no trace, and a change journal so that an embedded store
// can persist what a successful query changed.
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
	"slices"
	"sort"

	"github.com/kgnews/kg/graph/cypher"
)

var _ cypher.Graph = (*Graph)(nil)

// ErrExists is returned by LoadNode and LoadRelationship for an id in use.
var ErrExists = errors.New("memgraph: id already in use")

// ErrNotFound is returned when a relationship end or a node is missing.
var ErrNotFound = errors.New("memgraph: no such node")

// ErrConnected is returned by DeleteNode for a node that still has relationships.
var ErrConnected = errors.New("memgraph: node still has relationships")

// IndexedKeys are the property keys indexed per label for equality lookups.
var IndexedKeys = []string{"id", "name"}

type node struct {
	labels []string // sorted
	props  map[string]any
	out    []int64 // relationship ids
	in     []int64
}

type rel struct {
	typ        string
	start, end int64
	props      map[string]any
}

type indexKey struct {
	label, key string
	value      any
}

// Graph is an in-memory property graph. The zero value is not usable; call New.
type Graph struct {
	nodes  map[int64]*node
	rels   map[int64]*rel
	labels map[string]map[int64]struct{}
	index  map[indexKey]map[int64]struct{}
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
	return &Graph{
		nodes:   map[int64]*node{},
		rels:    map[int64]*rel{},
		labels:  map[string]map[int64]struct{}{},
		index:   map[indexKey]map[int64]struct{}{},
		journal: Journal{Nodes: map[int64]struct{}{}, Rels: map[int64]struct{}{}},
	}
}

// Journal returns the ids touched since the last ResetJournal. The maps are
// owned by the graph and valid until the next write or ResetJournal.
func (g *Graph) Journal() Journal { return g.journal }

// ResetJournal empties the change journal and forgets the undo log (the state
// becomes the new baseline; savepoints taken earlier become invalid).
func (g *Graph) ResetJournal() {
	g.journal = Journal{Nodes: map[int64]struct{}{}, Rels: map[int64]struct{}{}}
	g.undo = g.undo[:0]
}

// NodeCount returns the number of nodes.
func (g *Graph) NodeCount() int { return len(g.nodes) }

// RelationshipCount returns the number of relationships.
func (g *Graph) RelationshipCount() int { return len(g.rels) }

// ForEachNode calls fn for each node in ascending id order until fn returns false.
// The node's Labels and Props are copies.
func (g *Graph) ForEachNode(fn func(n cypher.Node) bool) {
	ids := make([]int64, 0, len(g.nodes))
	for id := range g.nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		n := g.nodes[id]
		if !fn(cypher.Node{ID: id, Labels: append([]string{}, n.labels...), Props: copyProps(n.props)}) {
			return
		}
	}
}

// ForEachRelationship calls fn for each relationship in ascending id order
// until fn returns false. Props is a copy.
func (g *Graph) ForEachRelationship(fn func(r cypher.Relationship) bool) {
	ids := make([]int64, 0, len(g.rels))
	for id := range g.rels {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r := g.rels[id]
		if !fn(cypher.Relationship{ID: id, Type: r.typ, StartID: r.start, EndID: r.end, Props: copyProps(r.props)}) {
			return
		}
	}
}

// LoadNode adds a node with a given id, as when rebuilding from a file. It is
// not journaled nor undoable. Later CreateNode calls use higher ids.
func (g *Graph) LoadNode(id int64, labels []string, props map[string]any) error {
	if _, ok := g.nodes[id]; ok {
		return fmt.Errorf("load node %d: %w", id, ErrExists)
	}
	g.insertNode(id, labels, props)
	if id >= g.nextID {
		g.nextID = id + 1
	}
	return nil
}

// LoadRelationship adds a relationship with a given id between loaded nodes.
// It is not journaled nor undoable.
func (g *Graph) LoadRelationship(id int64, typ string, start, end int64, props map[string]any) error {
	if _, ok := g.rels[id]; ok {
		return fmt.Errorf("load relationship %d: %w", id, ErrExists)
	}
	if g.nodes[start] == nil || g.nodes[end] == nil {
		return fmt.Errorf("load relationship %d (%d)-[:%s]->(%d): %w", id, start, typ, end, ErrNotFound)
	}
	g.insertRel(id, typ, start, end, props)
	if id >= g.nextRe {
		g.nextRe = id + 1
	}
	return nil
}

func copyProps(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = v
	}
	return out
}

func (g *Graph) insertNode(id int64, labels []string, props map[string]any) {
	n := &node{props: map[string]any{}}
	for k, v := range props {
		if v != nil {
			n.props[k] = v
		}
	}
	for _, l := range labels {
		if i, found := slices.BinarySearch(n.labels, l); !found {
			n.labels = slices.Insert(n.labels, i, l)
		}
	}
	g.nodes[id] = n
	for _, l := range n.labels {
		g.labelAdd(id, n, l)
	}
}

func (g *Graph) labelAdd(id int64, n *node, l string) {
	set := g.labels[l]
	if set == nil {
		set = map[int64]struct{}{}
		g.labels[l] = set
	}
	set[id] = struct{}{}
	for _, k := range IndexedKeys {
		if v, ok := n.props[k]; ok {
			g.indexAdd(l, k, v, id)
		}
	}
}

func (g *Graph) labelDel(id int64, n *node, l string) {
	delete(g.labels[l], id)
	for _, k := range IndexedKeys {
		if v, ok := n.props[k]; ok {
			g.indexDel(l, k, v, id)
		}
	}
}

func (g *Graph) insertRel(id int64, typ string, start, end int64, props map[string]any) {
	r := &rel{typ: typ, start: start, end: end, props: map[string]any{}}
	for k, v := range props {
		if v != nil {
			r.props[k] = v
		}
	}
	g.rels[id] = r
	s := g.nodes[start]
	s.out = append(s.out, id)
	e := g.nodes[end]
	e.in = append(e.in, id)
}

func isIndexed(key string) bool {
	for _, k := range IndexedKeys {
		if k == key {
			return true
		}
	}
	return false
}

// normKey returns the index form of v: integral floats become int64 so that
// 1 and 1.0 meet, as Cypher equality has them; ok is false for values that are
// not indexed (lists, maps, NaN).
func normKey(v any) (any, bool) {
	switch x := v.(type) {
	case string, int64, bool:
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

func (g *Graph) indexAdd(label, key string, v any, id int64) {
	nv, ok := normKey(v)
	if !ok {
		return
	}
	k := indexKey{label, key, nv}
	set := g.index[k]
	if set == nil {
		set = map[int64]struct{}{}
		g.index[k] = set
	}
	set[id] = struct{}{}
}

func (g *Graph) indexDel(label, key string, v any, id int64) {
	nv, ok := normKey(v)
	if !ok {
		return
	}
	k := indexKey{label, key, nv}
	if set := g.index[k]; set != nil {
		delete(set, id)
		if len(set) == 0 {
			delete(g.index, k)
		}
	}
}

// ScanNodes implements cypher.Graph.
func (g *Graph) ScanNodes(label string, fn func(id int64) bool) {
	if label == "" {
		for id := range g.nodes {
			if !fn(id) {
				return
			}
		}
		return
	}
	for id := range g.labels[label] {
		if !fn(id) {
			return
		}
	}
}

// LabelCount implements cypher.Graph.
func (g *Graph) LabelCount(label string) int {
	if label == "" {
		return len(g.nodes)
	}
	return len(g.labels[label])
}

// LookupNodes implements cypher.Graph: (label, k) is indexed for k in IndexedKeys.
func (g *Graph) LookupNodes(label, key string, value any, fn func(id int64) bool) bool {
	if !isIndexed(key) || label == "" {
		return false
	}
	nv, ok := normKey(value)
	if !ok {
		return true // lists, maps, NaN: never equal to an indexed scalar
	}
	set := g.index[indexKey{label, key, nv}]
	if len(set) == 0 {
		return true
	}
	ids := make([]int64, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	if len(ids) > 1 {
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	}
	for _, id := range ids {
		if !fn(id) {
			return true
		}
	}
	return true
}

func hasType(types []string, t string) bool {
	if len(types) == 0 {
		return true
	}
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

// Expand implements cypher.Graph.
func (g *Graph) Expand(id int64, dir cypher.Direction, types []string, fn func(rel, other int64) bool) {
	n := g.nodes[id]
	if n == nil {
		return
	}
	if dir == cypher.Outgoing || dir == cypher.Both {
		for _, rid := range n.out {
			r := g.rels[rid]
			if hasType(types, r.typ) && !fn(rid, r.end) {
				return
			}
		}
	}
	if dir == cypher.Incoming || dir == cypher.Both {
		for _, rid := range n.in {
			r := g.rels[rid]
			if dir == cypher.Both && r.start == r.end {
				continue // a self-loop was reported once by the outgoing list
			}
			if hasType(types, r.typ) && !fn(rid, r.start) {
				return
			}
		}
	}
}

// NodeExists implements cypher.Graph.
func (g *Graph) NodeExists(id int64) bool { return g.nodes[id] != nil }

// NodeLabels implements cypher.Graph.
func (g *Graph) NodeLabels(id int64) []string {
	if n := g.nodes[id]; n != nil {
		if n.labels == nil {
			return []string{}
		}
		return n.labels
	}
	return nil
}

// HasLabel implements cypher.Graph.
func (g *Graph) HasLabel(id int64, label string) bool {
	if n := g.nodes[id]; n != nil {
		_, found := slices.BinarySearch(n.labels, label)
		return found
	}
	return false
}

// NodeProps implements cypher.Graph.
func (g *Graph) NodeProps(id int64) map[string]any {
	if n := g.nodes[id]; n != nil {
		return n.props
	}
	return nil
}

// Rel implements cypher.Graph.
func (g *Graph) Rel(id int64) (string, int64, int64, bool) {
	if r := g.rels[id]; r != nil {
		return r.typ, r.start, r.end, true
	}
	return "", 0, 0, false
}

// RelProps implements cypher.Graph.
func (g *Graph) RelProps(id int64) map[string]any {
	if r := g.rels[id]; r != nil {
		return r.props
	}
	return nil
}

// Degree implements cypher.Graph.
func (g *Graph) Degree(id int64) int {
	if n := g.nodes[id]; n != nil {
		return len(n.out) + len(n.in)
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

func (g *Graph) removeNode(id int64) {
	n := g.nodes[id]
	for _, l := range n.labels {
		g.labelDel(id, n, l)
		if len(g.labels[l]) == 0 {
			delete(g.labels, l)
		}
	}
	delete(g.nodes, id)
}

// CreateRel implements cypher.Graph.
func (g *Graph) CreateRel(typ string, start, end int64, props map[string]any) (int64, error) {
	if g.nodes[start] == nil || g.nodes[end] == nil {
		return 0, fmt.Errorf("create relationship (%d)-[:%s]->(%d): %w", start, typ, end, ErrNotFound)
	}
	id := g.nextRe
	g.nextRe++
	g.insertRel(id, typ, start, end, props)
	g.journal.Rels[id] = struct{}{}
	g.undo = append(g.undo, func() { g.removeRel(id) })
	return id, nil
}

func removeID(s []int64, id int64) []int64 {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == id {
			return append(s[:i], s[i+1:]...)
		}
	}
	return s
}

func (g *Graph) removeRel(id int64) *rel {
	r := g.rels[id]
	if r == nil {
		return nil
	}
	if s := g.nodes[r.start]; s != nil {
		s.out = removeID(s.out, id)
	}
	if e := g.nodes[r.end]; e != nil {
		e.in = removeID(e.in, id)
	}
	delete(g.rels, id)
	return r
}

// SetNodeProp implements cypher.Graph.
func (g *Graph) SetNodeProp(id int64, key string, value any) {
	n := g.nodes[id]
	if n == nil {
		return
	}
	old, had := n.props[key]
	g.setNodeProp(id, n, key, value)
	g.journal.Nodes[id] = struct{}{}
	g.undo = append(g.undo, func() {
		if had {
			g.setNodeProp(id, n, key, old)
		} else {
			g.setNodeProp(id, n, key, nil)
		}
	})
}

func (g *Graph) setNodeProp(id int64, n *node, key string, value any) {
	indexed := isIndexed(key)
	if old, ok := n.props[key]; ok && indexed {
		for _, l := range n.labels {
			g.indexDel(l, key, old, id)
		}
	}
	if value == nil {
		delete(n.props, key)
		return
	}
	n.props[key] = value
	if indexed {
		for _, l := range n.labels {
			g.indexAdd(l, key, value, id)
		}
	}
}

// SetRelProp implements cypher.Graph.
func (g *Graph) SetRelProp(id int64, key string, value any) {
	r := g.rels[id]
	if r == nil {
		return
	}
	old, had := r.props[key]
	set := func(v any, ok bool) {
		if ok && v != nil {
			r.props[key] = v
		} else {
			delete(r.props, key)
		}
	}
	set(value, true)
	g.journal.Rels[id] = struct{}{}
	g.undo = append(g.undo, func() { set(old, had) })
}

// AddLabel implements cypher.Graph.
func (g *Graph) AddLabel(id int64, label string) bool {
	n := g.nodes[id]
	if n == nil {
		return false
	}
	i, found := slices.BinarySearch(n.labels, label)
	if found {
		return false
	}
	n.labels = slices.Insert(n.labels, i, label)
	g.labelAdd(id, n, label)
	g.journal.Nodes[id] = struct{}{}
	g.undo = append(g.undo, func() { g.dropLabel(id, n, label) })
	return true
}

func (g *Graph) dropLabel(id int64, n *node, label string) bool {
	i, found := slices.BinarySearch(n.labels, label)
	if !found {
		return false
	}
	n.labels = slices.Delete(n.labels, i, i+1)
	g.labelDel(id, n, label)
	if len(g.labels[label]) == 0 {
		delete(g.labels, label)
	}
	return true
}

// RemoveLabel implements cypher.Graph.
func (g *Graph) RemoveLabel(id int64, label string) bool {
	n := g.nodes[id]
	if n == nil || !g.dropLabel(id, n, label) {
		return false
	}
	g.journal.Nodes[id] = struct{}{}
	g.undo = append(g.undo, func() {
		i, _ := slices.BinarySearch(n.labels, label)
		n.labels = slices.Insert(n.labels, i, label)
		g.labelAdd(id, n, label)
	})
	return true
}

// DeleteRel implements cypher.Graph.
func (g *Graph) DeleteRel(id int64) {
	r := g.removeRel(id)
	if r == nil {
		return
	}
	g.journal.Rels[id] = struct{}{}
	g.undo = append(g.undo, func() {
		g.rels[id] = r
		g.nodes[r.start].out = append(g.nodes[r.start].out, id)
		g.nodes[r.end].in = append(g.nodes[r.end].in, id)
	})
}

// DeleteNode implements cypher.Graph.
func (g *Graph) DeleteNode(id int64) error {
	n := g.nodes[id]
	if n == nil {
		return nil
	}
	if len(n.out)+len(n.in) > 0 {
		return fmt.Errorf("delete node %d: %w", id, ErrConnected)
	}
	g.removeNode(id)
	g.journal.Nodes[id] = struct{}{}
	g.undo = append(g.undo, func() {
		g.nodes[id] = n
		for _, l := range n.labels {
			g.labelAdd(id, n, l)
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
