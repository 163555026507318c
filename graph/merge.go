package graph

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"unicode/utf8"
)

// MergeProps merges src into dst with kg's merge rules and reports whether dst
// changed:
//
//   - a list ([]string) is a set: dst gets the sorted union, without
//     duplicates, so the result does not depend on the order of loads;
//   - of two different non-empty scalars, the one [PreferScalar] ranks
//     first is kept, whichever came first, so that merging is commutative
//     and associative and a graph does not depend on the order in which
//     articles were loaded;
//   - nil values and empty strings in src are ignored.
//
// A list and a scalar under one key are merged as a list.
func MergeProps(dst, src Props) (changed bool) {
	for k, v := range src {
		if isEmpty(v) {
			continue
		}
		old, ok := dst[k]
		if list, isList := v.([]string); isList || isStringList(old) {
			merged := union(toList(old), list, v)
			if !ok || !slices.Equal(toList(old), merged) || !isStringList(old) {
				dst[k] = merged
				changed = true
			}
			continue
		}
		if !ok || isEmpty(old) || PreferScalar(v, old) {
			dst[k] = v
			changed = true
		}
	}
	return changed
}

// PreferScalar reports whether the scalar a wins over b when two values of
// one property merge. The order is total, so the winner of any number of
// values does not depend on the order in which they are merged:
//
//   - a string beats a number, and a number beats a bool;
//   - of two strings, the longer (in characters) wins, being the more
//     specific ("Treasury Secretary" over "Secretary"), and of two of the
//     same length the smaller in byte order ("Plaza Agreement" over
//     "Plaza agreement", "1987-03-02" over "1987-03-09");
//   - of two numbers the greater wins (NaN loses); of two bools, true.
//
// Equal values do not win over each other.
func PreferScalar(a, b any) bool {
	ra, rb := scalarRank(a), scalarRank(b)
	if ra != rb {
		return ra > rb
	}
	switch a := a.(type) {
	case string:
		b := b.(string)
		if la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b); la != lb {
			return la > lb
		}
		return a < b
	case bool:
		return a && !b.(bool)
	}
	fa, fb := toFloat(a), toFloat(b)
	if na, nb := math.IsNaN(fa), math.IsNaN(fb); na || nb {
		return nb && !na // NaN loses to every number
	}
	if fa != fb {
		return fa > fb
	}
	// the same number as an integer and as a float: the float wins
	_, aFloat := a.(float64)
	_, bFloat := b.(float64)
	if aFloat != bFloat {
		return aFloat
	}
	// other types (not in the model): by their printed form
	return cmp.Less(fmt.Sprint(b), fmt.Sprint(a))
}

// scalarRank orders the kinds of scalar for PreferScalar.
func scalarRank(v any) int {
	switch v.(type) {
	case string:
		return 3
	case int64, float64:
		return 2
	case bool:
		return 1
	}
	return 0
}

func toFloat(v any) float64 {
	switch v := v.(type) {
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return 0
}

// SetElements returns the elements MergeProps adds to a list property when
// it merges v into it: a list's non-empty strings, a scalar's printed form.
func SetElements(v any) []string {
	if l, ok := v.([]string); ok {
		return slices.DeleteFunc(slices.Clone(l), func(s string) bool { return s == "" })
	}
	return toList(v)
}

func isStringList(v any) bool { _, ok := v.([]string); return ok }

func toList(v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case []string:
		return v
	case string:
		if v == "" {
			return nil
		}
		return []string{v}
	default:
		return []string{fmt.Sprint(v)}
	}
}

// union returns the sorted set union of a, b and the scalar form of v when v
// is not a list.
func union(a, b []string, v any) []string {
	if _, ok := v.([]string); !ok {
		b = toList(v)
	}
	out := make([]string, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	sort.Strings(out)
	return slices.Compact(out)
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []string:
		return len(v) == 0
	}
	return false
}

// Normalize returns a copy of p in the form MergeProps produces: lists
// sorted without duplicates or empty strings, and nil or empty values
// dropped. Stores keep properties in this form, so that a property's value
// does not depend on the order in which facts arrived.
func Normalize(p Props) Props {
	out := p.Clone()
	out.Canon()
	return out
}

// Canon puts p, in place, in the form MergeProps produces (see Normalize):
// nil values, empty strings and empty lists dropped, lists sorted without
// duplicates or empty strings. The lists must be p's own.
func (p Props) Canon() {
	for k, v := range p {
		switch v := v.(type) {
		case nil:
			delete(p, k)
		case string:
			if v == "" {
				delete(p, k)
			}
		case []string:
			v = slices.DeleteFunc(v, func(s string) bool { return s == "" })
			slices.Sort(v)
			v = slices.Compact(v)
			if len(v) == 0 {
				delete(p, k)
			} else {
				p[k] = v
			}
		}
	}
}

// Clone returns a deep copy of p.
func (p Props) Clone() Props {
	out := make(Props, len(p))
	for k, v := range p {
		if l, ok := v.([]string); ok {
			v = slices.Clone(l)
		}
		out[k] = v
	}
	return out
}

// Batch is a set of nodes and relationships to load with merge semantics.
// Relationships refer to nodes by id; their endpoints must be in the batch or
// already in the store.
type Batch struct {
	Nodes         []Node
	Relationships []Relationship
}

// Len returns the number of nodes and relationships in b.
func (b *Batch) Len() int { return len(b.Nodes) + len(b.Relationships) }

// Builder accumulates nodes and relationships, merging those with the same id
// by MergeProps, and yields them as a Batch in a deterministic order. The zero
// value is ready to use. A Builder is not safe for concurrent use.
type Builder struct {
	nodes map[string]*Node
	rels  map[string]*Relationship
}

// AddNode merges n into the builder. A node whose id is already present with
// another label keeps its first label.
func (bd *Builder) AddNode(n Node) {
	if bd.nodes == nil {
		bd.nodes = make(map[string]*Node)
	}
	if old, ok := bd.nodes[n.ID]; ok {
		MergeProps(old.Props, n.Props)
		return
	}
	n.Props = Normalize(n.Props)
	bd.nodes[n.ID] = &n
}

// AddRelationship merges r into the builder.
func (bd *Builder) AddRelationship(r Relationship) {
	if bd.rels == nil {
		bd.rels = make(map[string]*Relationship)
	}
	if old, ok := bd.rels[r.ID]; ok {
		MergeProps(old.Props, r.Props)
		return
	}
	r.Props = Normalize(r.Props)
	bd.rels[r.ID] = &r
}

// AddBatch merges every node and relationship of b into the builder.
func (bd *Builder) AddBatch(b *Batch) {
	for _, n := range b.Nodes {
		bd.AddNode(n)
	}
	for _, r := range b.Relationships {
		bd.AddRelationship(r)
	}
}

// Node returns the node with id, if the builder has it.
func (bd *Builder) Node(id string) (*Node, bool) {
	n, ok := bd.nodes[id]
	return n, ok
}

// Len returns the number of nodes and relationships in the builder.
func (bd *Builder) Len() int { return len(bd.nodes) + len(bd.rels) }

// Batch returns the merged contents, nodes sorted by label then id and
// relationships by type then id. The builder must not be used afterwards.
func (bd *Builder) Batch() *Batch {
	b := &Batch{
		Nodes:         make([]Node, 0, len(bd.nodes)),
		Relationships: make([]Relationship, 0, len(bd.rels)),
	}
	for _, n := range bd.nodes {
		b.Nodes = append(b.Nodes, *n)
	}
	for _, r := range bd.rels {
		b.Relationships = append(b.Relationships, *r)
	}
	SortBatch(b)
	return b
}

// SortBatch orders b's nodes by label then id, and its relationships by type
// then id, the order of every export.
func SortBatch(b *Batch) {
	slices.SortFunc(b.Nodes, func(x, y Node) int {
		return cmp.Or(cmp.Compare(x.Label, y.Label), cmp.Compare(x.ID, y.ID))
	})
	slices.SortFunc(b.Relationships, func(x, y Relationship) int {
		return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(x.ID, y.ID))
	})
}
