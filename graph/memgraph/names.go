package memgraph

import (
	"slices"
	"strings"

	"github.com/kgnews/kg/graph/cypher"
)

var _ cypher.NameLookup = (*Graph)(nil)

// Properties the name index reads: a node's name and its list of aliases.
const (
	nameKey    = "name"
	aliasesKey = "aliases"
)

// nameIndex maps the lower-cased names and aliases of nodes to them, per
// interned label.
type nameIndex map[uint32]*valueIndex

// NameKeys returns the keys a node whose properties are name and aliases
// has in a name index: strings.ToLower of name and of each element of
// aliases that are strings, each once, sorted.
func NameKeys(name, aliases any) []string {
	var out []string
	if s, ok := name.(string); ok {
		out = append(out, strings.ToLower(s))
	}
	switch l := aliases.(type) {
	case []any:
		for _, a := range l {
			if s, ok := a.(string); ok {
				out = append(out, strings.ToLower(s))
			}
		}
	case []string:
		for _, s := range l {
			out = append(out, strings.ToLower(s))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nameKeys returns the name index keys of a node with properties ps.
func (g *Graph) nameKeys(ps []prop) []string {
	return NameKeys(g.propNamed(ps, nameKey), g.propNamed(ps, aliasesKey))
}

// lowerNames returns the name index, building it on the first call in one pass
// over the nodes. Readers may call it concurrently: namesMu serialises the
// build, and writers, which run alone, keep the built index up to date
// (nameIndexAdd, nameIndexDel).
func (g *Graph) lowerNames() nameIndex {
	if x := g.nameIdx.Load(); x != nil {
		return *x
	}
	g.namesMu.Lock()
	defer g.namesMu.Unlock()
	if x := g.nameIdx.Load(); x != nil {
		return *x
	}
	x := nameIndex{}
	for id := range g.nodes.ids() {
		if n := g.nodes.at(id); n.alive {
			x.add(id, g.sets[n.set].ids, g.nameKeys(n.props))
		}
	}
	g.nameIdx.Store(&x)
	return x
}

func (x nameIndex) add(id int64, labels []uint32, keys []string) {
	for _, l := range labels {
		vi := x[l]
		if vi == nil {
			vi = &valueIndex{one: map[any]int64{}, many: map[any][]int64{}}
			x[l] = vi
		}
		for _, k := range keys {
			vi.add(k, id)
		}
	}
}

func (x nameIndex) del(id int64, labels []uint32, keys []string) {
	for _, l := range labels {
		if vi := x[l]; vi != nil {
			for _, k := range keys {
				vi.del(k, id)
			}
		}
	}
}

// nameIndexAdd and nameIndexDel keep the name index, once built, in step
// with node id, which gains (loses) labels with properties ps.
func (g *Graph) nameIndexAdd(id int64, n *nodeRec, labels []uint32) {
	if x := g.nameIdx.Load(); x != nil {
		x.add(id, labels, g.nameKeys(n.props))
	}
}

func (g *Graph) nameIndexDel(id int64, n *nodeRec, labels []uint32) {
	if x := g.nameIdx.Load(); x != nil {
		x.del(id, labels, g.nameKeys(n.props))
	}
}

// isNameKey reports whether property key feeds the name index.
func (g *Graph) isNameKey(key uint32) bool {
	k := g.names[key]
	return k == nameKey || k == aliasesKey
}

// LookupNames implements cypher.NameLookup: nodes come in ascending id
// order.
func (g *Graph) LookupNames(label, lower string, fn func(id int64) bool) bool {
	x := g.lowerNames()
	l, ok := g.lookupName(label)
	if !ok {
		return true
	}
	vi := x[l]
	if vi == nil {
		return true
	}
	vi.each(lower, fn)
	return true
}
