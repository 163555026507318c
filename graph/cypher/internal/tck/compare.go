package tck

import (
	"fmt"
	"math"

	"slices"
	"sort"

	"github.com/kgnews/kg/graph/value"
)

// Equal reports whether got, a value returned by the engine, equals want, a
// value parsed by [ParseValue], as the TCK compares them: integers and floats
// are different types (1 is not 1.0), NaN equals NaN, nodes and
// relationships compare structurally (labels as a set, type, properties),
// paths element by element including each relationship's direction. With
// unorderedLists, lists at any depth compare as multisets.
func Equal(want, got any, unorderedLists bool) bool {
	switch w := want.(type) {
	case nil:
		return got == nil
	case bool:
		g, ok := got.(bool)
		return ok && g == w
	case int64:
		g, ok := got.(int64)
		return ok && g == w
	case float64:
		g, ok := got.(float64)
		return ok && (g == w || math.IsNaN(g) && math.IsNaN(w))
	case string:
		if g, ok := got.(string); ok {
			return g == w
		}
		// the TCK writes temporal values as strings in Neo4j's format
		return temporalString(got) == w && w != ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		if unorderedLists {
			return matchBag(w, g, func(a, b any) bool { return Equal(a, b, true) }) == nil
		}
		for i := range w {
			if !Equal(w[i], g[i], false) {
				return false
			}
		}
		return true
	case map[string]any:
		g, ok := got.(map[string]any)
		return ok && equalMaps(w, g, unorderedLists)
	case Node:
		g, ok := got.(Node)
		return ok && equalNodes(w, g, unorderedLists)
	case Relationship:
		g, ok := got.(Relationship)
		return ok && w.Type == g.Type && equalMaps(w.Props, g.Props, unorderedLists)
	case Path:
		g, ok := got.(Path)
		if !ok || len(w.Nodes) != len(g.Nodes) || len(w.Rels) != len(g.Rels) {
			return false
		}
		for i := range w.Nodes {
			if !equalNodes(w.Nodes[i], g.Nodes[i], unorderedLists) {
				return false
			}
		}
		for i := range w.Rels {
			wr, gr := w.Rels[i], g.Rels[i]
			if wr.Type != gr.Type || !equalMaps(wr.Props, gr.Props, unorderedLists) {
				return false
			}
			wf := wr.StartID == w.Nodes[i].ID && wr.EndID == w.Nodes[i+1].ID
			gf := gr.StartID == g.Nodes[i].ID && gr.EndID == g.Nodes[i+1].ID
			gb := gr.StartID == g.Nodes[i+1].ID && gr.EndID == g.Nodes[i].ID
			if !gf && !gb {
				return false // the relationship does not connect these nodes
			}
			selfLoop := gr.StartID == gr.EndID
			if !selfLoop && wf != gf {
				return false
			}
		}
		return true
	}
	return false
}

func equalMaps(w, g map[string]any, unorderedLists bool) bool {
	if len(w) != len(g) {
		return false
	}
	for k, wv := range w {
		gv, ok := g[k]
		if !ok || !Equal(wv, gv, unorderedLists) {
			return false
		}
	}
	return true
}

func equalNodes(w, g Node, unorderedLists bool) bool {
	if len(w.Labels) != len(g.Labels) {
		return false
	}
	wl, gl := slices.Clone(w.Labels), slices.Clone(g.Labels)
	sort.Strings(wl)
	sort.Strings(gl)
	return slices.Equal(wl, gl) && equalMaps(w.Props, g.Props, unorderedLists)
}

// bagMismatch lists the elements left unmatched by a multiset comparison, as
// indexes into the wanted and the got slices.
type bagMismatch struct {
	missing    []int // wanted, not got
	unexpected []int // got, not wanted
}

// matchBag pairs every element of want with a distinct equal element of got
// and returns nil when all of both are paired. eq must be an equivalence
// relation, which makes greedy pairing exact.
func matchBag[T any](want, got []T, eq func(w, g T) bool) *bagMismatch {
	used := make([]bool, len(got))
	var m bagMismatch
	for i, w := range want {
		found := false
		for j, g := range got {
			if !used[j] && eq(w, g) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			m.missing = append(m.missing, i)
		}
	}
	for j, u := range used {
		if !u {
			m.unexpected = append(m.unexpected, j)
		}
	}
	if m.missing == nil && m.unexpected == nil {
		return nil
	}
	return &m
}

// temporalString returns the Neo4j rendering of a temporal value of package
// cypher, or "" for any other value.
func temporalString(v any) string {
	switch v.(type) {
	case value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime, value.Duration:
		return v.(fmt.Stringer).String()
	}
	return ""
}
