package embedded

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"slices"
	"sort"

	"github.com/kgnews/kg/graph/cypher"
)

// snapGraph is the read side of cypher.Graph over a snapshot, for one query:
// it caches the properties it decodes, so it is used by one goroutine. It
// answers as the in-memory graph built from the same state would, in the
// same order: nodes by ascending id, relationships of a node by ascending
// relationship id.
//
// Damage found while reading (a record failing its checksum, an entry out
// of range) is kept in err and cancels the query, whose result is then
// dropped: the caller runs it again on the in-memory graph.
type snapGraph struct {
	s      *snapshot
	err    error
	cancel context.CancelFunc

	nodeProps map[int64]map[string]any
	relProps  map[int64]map[string]any
}

var (
	_ cypher.Graph      = (*snapGraph)(nil)
	_ cypher.NameLookup = (*snapGraph)(nil)
	_ cypher.RelScanner = (*snapGraph)(nil)
)

// errSnapWrite is a write attempted on a snapshot (a bug: only read-only
// statements run on one).
var errSnapWrite = errors.New("embedded: write on a read-only snapshot")

func newSnapGraph(s *snapshot, cancel context.CancelFunc) *snapGraph {
	return &snapGraph{s: s, cancel: cancel, nodeProps: map[int64]map[string]any{}, relProps: map[int64]map[string]any{}}
}

func (g *snapGraph) fail(err error) {
	if g.err == nil {
		g.err = err
		if g.cancel != nil {
			g.cancel()
		}
	}
}

func (g *snapGraph) node(id int64) (set, adjLo, adjHi uint32, recLo, recHi uint64, ok bool) {
	set, adjLo, adjHi, recLo, recHi, ok, err := g.s.nodeAt(id)
	if err != nil {
		g.fail(err)
	}
	return set, adjLo, adjHi, recLo, recHi, ok
}

// ScanNodes implements cypher.Graph.
func (g *snapGraph) ScanNodes(label string, fn func(id int64) bool) {
	if label == "" {
		for id := range int64(g.s.nNodes) {
			if _, _, _, _, _, ok := g.node(id); ok && !fn(id) {
				return
			}
		}
		return
	}
	l, ok := g.s.nameIDs[label]
	if !ok {
		return
	}
	lo, hi, err := g.s.labelRange(l)
	if err != nil {
		g.fail(err)
		return
	}
	for i := lo; i < hi; i++ {
		if !fn(g.s.labelID(i)) {
			return
		}
	}
}

// LabelCount implements cypher.Graph.
func (g *snapGraph) LabelCount(label string) int {
	if label == "" {
		return g.s.nodes
	}
	l, ok := g.s.nameIDs[label]
	if !ok {
		return 0
	}
	lo, hi, err := g.s.labelRange(l)
	if err != nil {
		g.fail(err)
		return 0
	}
	return int(hi - lo)
}

// LookupNodes implements cypher.Graph: (label, k) is indexed for string
// values of the keys "id" and "name". Any other value reports false, so
// that the engine scans the label instead, which finds what the in-memory
// graph's index would, in the same order. Label "" is served label by
// label while every node has one (the index holds no node without a
// label); otherwise it reports false.
func (g *snapGraph) LookupNodes(label, key string, value any, fn func(id int64) bool) bool {
	k := slices.Index(indexKeys, key)
	v, isString := value.(string)
	if k < 0 || !isString {
		return false
	}
	if label != "" {
		g.seekIndex(label, uint32(k), v, fn)
		return true
	}
	labels, bare, err := g.s.labelsInUse()
	if err != nil {
		g.fail(err)
		return true // the query is cancelled
	}
	if bare > 0 {
		return false
	}
	for _, l := range labels {
		if !g.seekLabel(l, uint32(k), v, fn) {
			break
		}
	}
	return true
}

// LookupNames implements cypher.NameLookup.
func (g *snapGraph) LookupNames(label, lower string, fn func(id int64) bool) bool {
	g.seekIndex(label, keyNames, lower, fn)
	return true
}

// seekIndex calls fn for each node of the index entries (label, k, v), in
// ascending order, until fn returns false.
func (g *snapGraph) seekIndex(label string, k uint32, v string, fn func(id int64) bool) {
	if l, ok := g.s.nameIDs[label]; ok {
		g.seekLabel(l, k, v, fn)
	}
}

// seekLabel calls fn for each node of the index entries (l, k, v), where l
// is the label's name id, in ascending order, until fn returns false, and
// reports whether fn never did.
func (g *snapGraph) seekLabel(l, k uint32, v string, fn func(id int64) bool) bool {
	want := []byte(v)
	cmp := func(i int) int { // entry i against (l, k, v)
		el, ek, _, ev, err := g.s.indexAt(i)
		if err != nil {
			g.fail(err)
			return 0
		}
		return cmp.Or(cmp.Compare(el, l), cmp.Compare(ek, k), bytes.Compare(ev, want))
	}
	i := sort.Search(g.s.nIndex, func(i int) bool { return cmp(i) >= 0 })
	for ; i < g.s.nIndex && g.err == nil && cmp(i) == 0; i++ {
		_, _, node, _, _ := g.s.indexAt(i)
		if !fn(int64(node)) {
			return false
		}
	}
	return true
}

// ScanRels implements cypher.RelScanner: it reads the relationship table
// in id order.
func (g *snapGraph) ScanRels(types []string, fn func(rel int64) bool) bool {
	var filter []uint32
	for _, t := range types {
		if n, ok := g.s.nameIDs[t]; ok {
			filter = append(filter, n)
		}
	}
	if len(types) > 0 && len(filter) == 0 {
		return true
	}
	for id := range int64(g.s.nRels) {
		typ, _, _, _, ok, err := g.s.relAt(id)
		if err != nil {
			g.fail(err)
			return true
		}
		if ok && (filter == nil || slices.Contains(filter, typ)) && !fn(id) {
			break
		}
	}
	return true
}

// Expand implements cypher.Graph.
func (g *snapGraph) Expand(id int64, dir cypher.Direction, types []string, fn func(rel, other int64) bool) {
	_, lo, hi, _, _, ok := g.node(id)
	if !ok {
		return
	}
	var filter []uint32
	if len(types) > 0 {
		for _, t := range types {
			if n, ok := g.s.nameIDs[t]; ok {
				filter = append(filter, n)
			}
		}
		if len(filter) == 0 {
			return
		}
	}
	if err := g.s.edges(lo, hi); err != nil {
		g.fail(err)
		return
	}
	for i := lo; i < hi; i++ {
		rel, in, other := g.s.edge(i)
		if in {
			if dir == cypher.Outgoing || dir == cypher.Both && int64(other) == id {
				continue // a self-loop is reported once, by its outgoing entry
			}
		} else if dir == cypher.Incoming {
			continue
		}
		if filter != nil {
			typ, _, _, _, ok, err := g.s.relAt(int64(rel))
			if err != nil || !ok {
				g.fail(errors.Join(err, snapDamage("node %d: edge to missing relationship %d", id, rel)))
				return
			}
			if !slices.Contains(filter, typ) {
				continue
			}
		}
		if !fn(int64(rel), int64(other)) {
			return
		}
	}
}

// NodeExists implements cypher.Graph.
func (g *snapGraph) NodeExists(id int64) bool {
	_, _, _, _, _, ok := g.node(id)
	return ok
}

// NodeLabels implements cypher.Graph. The slice is shared and read-only.
func (g *snapGraph) NodeLabels(id int64) []string {
	set, _, _, _, _, ok := g.node(id)
	if !ok {
		return nil
	}
	return g.s.sets[set]
}

// HasLabel implements cypher.Graph.
func (g *snapGraph) HasLabel(id int64, label string) bool {
	set, _, _, _, _, ok := g.node(id)
	if !ok {
		return false
	}
	return slices.Contains(g.s.sets[set], label)
}

// NodeProps implements cypher.Graph: the map is cached and read-only.
func (g *snapGraph) NodeProps(id int64) map[string]any {
	if p, ok := g.nodeProps[id]; ok {
		return p
	}
	_, _, _, lo, hi, ok := g.node(id)
	if !ok {
		return nil
	}
	_, props, err := decodeNode(id, g.s.sec[secRecords][lo:hi])
	if err != nil {
		g.fail(snapDamage("node %d: %v", id, err))
		return nil
	}
	p := toEngine(props)
	g.nodeProps[id] = p
	return p
}

// NodeProp implements cypher.Graph: it decodes the one property, unless
// the node's properties are cached.
func (g *snapGraph) NodeProp(id int64, key string) (any, bool) {
	if p, ok := g.nodeProps[id]; ok {
		return p[key], true
	}
	_, _, _, lo, hi, ok := g.node(id)
	if !ok {
		return nil, false
	}
	v, err := decodeNodeProp(g.s.open(id, id, g.s.sec[secRecords][lo:hi]), key)
	if err != nil {
		g.fail(snapDamage("node %d: %v", id, err))
		return nil, true
	}
	return engineValue(v), true
}

// Rel implements cypher.Graph.
func (g *snapGraph) Rel(id int64) (string, int64, int64, bool) {
	typ, start, end, _, ok, err := g.s.relAt(id)
	if err != nil {
		g.fail(err)
	}
	if !ok {
		return "", 0, 0, false
	}
	return g.s.names[typ], int64(start), int64(end), true
}

// RelProps implements cypher.Graph: the map is cached and read-only.
func (g *snapGraph) RelProps(id int64) map[string]any {
	if p, ok := g.relProps[id]; ok {
		return p
	}
	_, _, _, rec, ok, err := g.s.relAt(id)
	if err != nil {
		g.fail(err)
	}
	if !ok {
		return nil
	}
	_, _, _, props, err := decodeRel(id, rec)
	if err != nil {
		g.fail(snapDamage("relationship %d: %v", id, err))
		return nil
	}
	p := toEngine(props)
	g.relProps[id] = p
	return p
}

// RelProp implements cypher.Graph: it decodes the one property, unless
// the relationship's properties are cached.
func (g *snapGraph) RelProp(id int64, key string) (any, bool) {
	if p, ok := g.relProps[id]; ok {
		return p[key], true
	}
	_, _, _, rec, ok, err := g.s.relAt(id)
	if err != nil {
		g.fail(err)
	}
	if !ok {
		return nil, false
	}
	v, err := decodeRelProp(g.s.open(int64(g.s.nNodes)+id, id, rec), key)
	if err != nil {
		g.fail(snapDamage("relationship %d: %v", id, err))
		return nil, true
	}
	return engineValue(v), true
}

// Degree implements cypher.Graph.
func (g *snapGraph) Degree(id int64) int {
	_, lo, hi, _, _, ok := g.node(id)
	if !ok {
		return 0
	}
	return int(hi - lo)
}

// The write side is never called: only read-only statements run on a
// snapshot. Should one be, it fails the query rather than the process.

// CreateNode implements cypher.Graph; see errSnapWrite.
func (g *snapGraph) CreateNode([]string, map[string]any) int64 { g.fail(errSnapWrite); return -1 }

// CreateRel implements cypher.Graph; see errSnapWrite.
func (g *snapGraph) CreateRel(string, int64, int64, map[string]any) (int64, error) {
	g.fail(errSnapWrite)
	return 0, errSnapWrite
}

// SetNodeProp implements cypher.Graph; see errSnapWrite.
func (g *snapGraph) SetNodeProp(int64, string, any) { g.fail(errSnapWrite) }

// SetRelProp implements cypher.Graph; see errSnapWrite.
func (g *snapGraph) SetRelProp(int64, string, any) { g.fail(errSnapWrite) }

// AddLabel implements cypher.Graph; see errSnapWrite.
func (g *snapGraph) AddLabel(int64, string) bool { g.fail(errSnapWrite); return false }

// RemoveLabel implements cypher.Graph; see errSnapWrite.
func (g *snapGraph) RemoveLabel(int64, string) bool { g.fail(errSnapWrite); return false }

// DeleteRel implements cypher.Graph; see errSnapWrite.
func (g *snapGraph) DeleteRel(int64) { g.fail(errSnapWrite) }

// DeleteNode implements cypher.Graph; see errSnapWrite.
func (g *snapGraph) DeleteNode(int64) error { g.fail(errSnapWrite); return errSnapWrite }

// Savepoint implements cypher.Graph: there is nothing to undo.
func (g *snapGraph) Savepoint() int { return 0 }

// Rollback implements cypher.Graph: there is nothing to undo.
func (g *snapGraph) Rollback(int) {}
