package cypher

import (
	"slices"
	"strings"
)

// The name seek
//
// The saved queries find their entities by name or alias, whatever the
// case:
//
//	MATCH (x) WHERE (x:Actor OR x:Country)
//	  AND (toLower(x.name) = toLower($a) OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = toLower($a)))
//
// When a graph implements NameLookup, such a node is not found by scanning
// its labels: the planner looks each value up in the graph's index of
// lower-cased names and aliases and checks the candidates only. The
// conjunct stays as a filter after the seek, so the rows are those of the
// scan, in the same order (ascending node id). A WHERE conjunct is served
// when it is a term below, or an OR of terms, for a node variable x that
// carries a label (in its pattern, or by a conjunct x:A OR x:B); E is an
// expression of neither x nor a variable bound later in the pattern:
//
//	toLower(x.name) = toLower(E)
//	any(v IN NAMES WHERE toLower(v) = toLower(E))
//
// where NAMES is x.aliases, coalesce(x.aliases, []), [x.name], or a sum
// (+) of those. Every term narrows to a subset of the nodes whose lower-
// cased name or alias equals one of the lower-cased Es; an OR with any
// other condition (x.name = 'a' OR $all) is not served. When an E is not a
// string, the row is scanned instead, so that the filter decides (and
// fails) as it would have.
//
// The one difference from the scan: a node whose name or alias is not a
// string (toLower fails on it) is not a candidate, so a query that would
// fail on it does not.

// nameSeek is a WHERE conjunct the name index serves.
type nameSeek struct {
	labels []string // the node carries one of them
	vals   []expr   // the Es of the terms, distinct
	text   string   // the conjunct, for the plan
}

// nameSeekable returns how the name index can serve node np, or nil.
func (c *compiler) nameSeekable(np *nodePattern, ms *matchState) *nameSeek {
	if np.v == "" || ms.bound[np.v] {
		return nil
	}
	labels := np.labels
	if len(labels) > 0 {
		labels = labels[:1] // a superset of the nodes carrying all of them
	} else {
		labels = labelUnion(np.v, ms.pending)
	}
	if len(labels) == 0 {
		return nil
	}
	for _, p := range ms.pending {
		if vals, ok := c.nameTerms(np.v, p, ms, nil); ok {
			return &nameSeek{labels: labels, vals: vals, text: exprText(c, p)}
		}
	}
	return nil
}

// nameTerms appends to vals the Es of e when e is a name term of node
// variable v or an OR of them.
func (c *compiler) nameTerms(v string, e expr, ms *matchState, vals []expr) ([]expr, bool) {
	switch e := e.(type) {
	case *binExpr:
		switch e.op {
		case "OR":
			vals, ok := c.nameTerms(v, e.l, ms, vals)
			if !ok {
				return nil, false
			}
			return c.nameTerms(v, e.r, ms, vals)
		case "=":
			isName := func(x expr) bool { p, ok := x.(*propExpr); return ok && p.key == "name" && isVar(p.x, v) }
			if val, ok := c.lowerEquals(e, isName, []string{v}, ms); ok {
				return c.addVal(vals, val), true
			}
		}
	case *quantExpr:
		if e.kind != "any" || e.where == nil || e.v == v || !namesOf(e.list, v) {
			return nil, false
		}
		b, ok := e.where.(*binExpr)
		if !ok || b.op != "=" {
			return nil, false
		}
		isElem := func(x expr) bool { return isVar(x, e.v) }
		if val, ok := c.lowerEquals(b, isElem, []string{v, e.v}, ms); ok {
			return c.addVal(vals, val), true
		}
	}
	return nil, false
}

// lowerEquals matches toLower(X) = toLower(E), either way round, where
// isX(X) holds and E reads none of the variables not nor one still
// unbound; it returns E.
func (c *compiler) lowerEquals(b *binExpr, isX func(expr) bool, not []string, ms *matchState) (expr, bool) {
	for _, side := range [][2]expr{{b.l, b.r}, {b.r, b.l}} {
		x, ok := lowerArg(side[0])
		if !ok || !isX(x) {
			continue
		}
		val, ok := lowerArg(side[1])
		if !ok {
			continue
		}
		for u := range exprVars(val) {
			if slices.Contains(not, u) || !ms.bound[u] {
				return nil, false
			}
		}
		return val, true
	}
	return nil, false
}

// lowerArg returns X of toLower(X).
func lowerArg(e expr) (expr, bool) {
	f, ok := e.(*callExpr)
	if !ok || !strings.EqualFold(f.name, "toLower") || len(f.args) != 1 || f.distinct || f.star {
		return nil, false
	}
	return f.args[0], true
}

// namesOf reports whether list holds nothing but the name and aliases of
// node variable v: x.aliases, coalesce(x.aliases, []), [x.name], or a sum.
func namesOf(list expr, v string) bool {
	switch e := list.(type) {
	case *binExpr:
		return e.op == "+" && namesOf(e.l, v) && namesOf(e.r, v)
	case *listExpr:
		for _, el := range e.elems {
			if p, ok := el.(*propExpr); !ok || p.key != "name" || !isVar(p.x, v) {
				return false
			}
		}
		return true
	case *propExpr:
		return e.key == "aliases" && isVar(e.x, v)
	case *callExpr:
		if !strings.EqualFold(e.name, "coalesce") || len(e.args) != 2 || !namesOf(e.args[0], v) {
			return false
		}
		l, ok := e.args[1].(*listExpr)
		return ok && len(l.elems) == 0
	}
	return false
}

func isVar(e expr, v string) bool {
	x, ok := e.(*varExpr)
	return ok && x.name == v
}

// addVal appends val to vals unless an expression of the same text is
// there.
func (c *compiler) addVal(vals []expr, val expr) []expr {
	for _, x := range vals {
		if exprText(c, x) == exprText(c, val) {
			return vals
		}
	}
	return append(vals, val)
}

// seekNames plans the name seek ns of node np, whose rows check: the
// scan of its labels where the graph has no name index or a value is not a
// string.
func (c *compiler) seekNames(op operator, np *nodePattern, ns *nameSeek, ms *matchState, check func(ec *execCtx, row []any, id int64) (bool, error)) (operator, error) {
	fns, err := c.compileExprs(ns.vals, ms.sc)
	if err != nil {
		return nil, err
	}
	labels := ns.labels
	scan := &scanOp{in: op, slot: ms.nodeSlot[np], check: check,
		name: "NodeNameIndexSeek(" + np.v + ":" + strings.Join(labels, "|") + ", " + ns.text + ")"}
	if len(labels) == 1 {
		scan.label = labels[0]
	} else {
		scan.union = labels
	}
	var keys []string
	scan.seek = func(ec *execCtx, row []any, ids []int64) ([]int64, bool, error) {
		nl, ok := ec.g.(NameLookup)
		if !ok {
			return ids, false, nil
		}
		keys = keys[:0]
		for _, f := range fns {
			v, err := f(ec, row)
			s, ok := v.(string)
			if err != nil {
				ok = false // the filter fails as it would after a scan
			}
			if !ok {
				return ids, false, nil
			}
			keys = append(keys, strings.ToLower(s))
		}
		add := func(id int64) bool { ids = append(ids, id); return true }
		for _, l := range labels {
			for _, k := range keys {
				if !nl.LookupNames(l, k, add) {
					return ids, false, nil
				}
			}
		}
		slices.Sort(ids)
		return slices.Compact(ids), true, nil
	}
	return scan, nil
}
