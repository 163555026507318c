package cypher

import (
	"fmt"
	"slices"
)

// The property seek
//
// A node found by the value of an indexed property (id or name), with or
// without a label, is looked up rather than scanned:
//
//	MATCH (n) WHERE n.id = $id          AllNodesIndexSeek(n(id))
//	MATCH (n) WHERE n.id IN $ids        AllNodesIndexSeek(n(id))
//	MATCH (n {id: $id})                 AllNodesIndexSeek(n(id))
//	MATCH (a:Article) WHERE a.id IN $ids  NodeIndexSeek(a:Article(id))
//
// (a labelled node with n.id = E is NodeIndexSeek, planned in bindNode). E
// is an expression of neither n nor a variable bound later in the pattern.
// Without a label, the graph's LookupNodes is asked with label "", which
// covers the nodes of every label and of none; a graph that cannot answer
// it (no index, or nodes without a label it does not index) reports false
// and the row is scanned. The conjunct stays as a filter after the seek and
// the candidates come sorted and once each, so the rows are those of the
// scan, in the same order (ascending node id). A value the index may not
// hold as the engine compares it (a list, a number of 2^53 or more, a temporal
// or spatial value) is scanned too, so that the filter decides.

// propSeek is an equality or IN conjunct, or an entry of a pattern map,
// that a property seek serves.
type propSeek struct {
	key string
	val expr // the value, or the list with in
	in  bool
}

// propSeekable returns the seek of an unbound node np by an indexed
// property: any such equality when np has no label, an IN list when it
// has one (NodeIndexSeek serves the equalities); nil when there is none.
func (c *compiler) propSeekable(np *nodePattern, ms *matchState) *propSeek {
	if np.v != "" && ms.bound[np.v] {
		return nil
	}
	free := func(e expr) bool {
		for v := range exprVars(e) {
			if _, in := ms.sc.vars[v]; (in && !ms.bound[v]) || v == np.v {
				return false
			}
		}
		return true
	}
	indexed := func(k string) bool { return k == "id" || k == "name" }
	if m, ok := np.props.(*mapExpr); ok && len(np.labels) == 0 {
		for i, k := range m.keys {
			if indexed(k) && free(m.vals[i]) {
				return &propSeek{key: k, val: m.vals[i]}
			}
		}
	}
	if np.v == "" {
		return nil
	}
	for _, p := range ms.pending {
		key, val, in, ok := propTerm(p, np.v)
		if ok && indexed(key) && (in || len(np.labels) == 0) && free(val) {
			return &propSeek{key: key, val: val, in: in}
		}
	}
	return nil
}

// propTerm matches a WHERE conjunct v.key = E, E = v.key or v.key IN E for
// variable v, and returns key and E.
func propTerm(p expr, v string) (key string, val expr, in, ok bool) {
	b, isBin := p.(*binExpr)
	if !isBin || (b.op != "=" && b.op != "IN") {
		return "", nil, false, false
	}
	sides := [][2]expr{{b.l, b.r}}
	if b.op == "=" {
		sides = append(sides, [2]expr{b.r, b.l})
	}
	for _, side := range sides {
		if pe, isProp := side[0].(*propExpr); isProp && isVar(pe.x, v) {
			return pe.key, side[1], b.op == "IN", true
		}
	}
	return "", nil, false, false
}

// seekProps plans the property seek ps of node np, whose rows check: the
// scan of its label (of every node without one) where the graph cannot
// look a value up.
func (c *compiler) seekProps(op operator, np *nodePattern, ps *propSeek, ms *matchState, check func(ec *execCtx, row []any, id int64) (bool, error)) (operator, error) {
	vf, err := c.compileExpr(ps.val, ms.sc)
	if err != nil {
		return nil, err
	}
	label := ""
	name := fmt.Sprintf("AllNodesIndexSeek(%s(%s))", varName(np.v), ps.key)
	if len(np.labels) > 0 {
		label = np.labels[0]
		name = fmt.Sprintf("NodeIndexSeek(%s:%s(%s))", varName(np.v), label, ps.key)
	}
	scan := &scanOp{in: op, name: name, label: label, slot: ms.nodeSlot[np], check: check}
	key, in := ps.key, ps.in
	scan.seek = func(ec *execCtx, row []any, ids []int64) ([]int64, bool, error) {
		v, err := vf(ec, row)
		if err != nil {
			return ids, false, nil // the filter fails as it would after a scan
		}
		vals := []any{v}
		if in {
			switch l := v.(type) {
			case nil:
				return ids, true, nil // x IN null is null: no row
			case []any:
				vals = l
			default:
				return ids, false, nil // the filter's type error
			}
		}
		add := func(id int64) bool { ids = append(ids, id); return true }
		for _, v := range vals {
			if v == nil {
				continue // never equal
			}
			if !seekValue(v) || !ec.g.LookupNodes(label, key, v, add) {
				return ids, false, nil
			}
		}
		slices.Sort(ids)
		return slices.Compact(ids), true, nil
	}
	return scan, nil
}

// maxExact bounds the numbers an index lookup finds as Cypher equality
// does: from it on, an integer and a float may be equal (2^53 + 1 and
// 2^53.0) without being the same index key.
const maxExact = 1 << 53

// seekValue reports whether an index lookup of v finds every property
// value equal to it: a string, a boolean, or a number of magnitude below
// 2^53.
func seekValue(v any) bool {
	switch x := v.(type) {
	case string, bool:
		return true
	case int64:
		return x > -maxExact && x < maxExact
	case float64:
		return x > -maxExact && x < maxExact // false for NaN
	}
	return false
}
