package memgraph

import (
	"slices"

	"github.com/kgnews/kg/graph/cypher"
)

var _ cypher.RelScanner = (*Graph)(nil)

// ScanRels implements cypher.RelScanner: relationships come in ascending
// id order.
func (g *Graph) ScanRels(types []string, fn func(rel int64) bool) bool {
	var buf [4]uint32
	filter, ok := g.typeFilter(types, buf[:])
	if !ok {
		return true
	}
	for id := range g.rels.ids() {
		r := g.rels.at(id)
		if r.alive && (filter == nil || slices.Contains(filter, r.typ)) && !fn(id) {
			break
		}
	}
	return true
}
