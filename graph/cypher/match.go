package cypher

import (
	"fmt"
	"slices"
	"strings"
)

// matchState tracks one MATCH clause being planned.
type matchState struct {
	sc       *scope
	bound    map[string]bool // variables bound so far (names)
	relSlots []int           // relationship slots bound in this clause (uniqueness)
	listRels []bool          // parallel: slot holds a list of relationships
	pending  []expr          // WHERE conjuncts not yet applied
	segs     map[*relPattern]int
	nodeSlot map[*nodePattern]int
	relSlot  map[*relPattern]int
	relTemp  map[*relPattern]int // temp slot when the rel variable was bound before
}

func dirOf(rp *relPattern, reversed bool) Direction {
	switch rp.dir {
	case dirRight:
		if reversed {
			return Incoming
		}
		return Outgoing
	case dirLeft:
		if reversed {
			return Outgoing
		}
		return Incoming
	}
	return Both
}

// declarePattern binds the variables of paths in sc, checking kinds.
func (c *compiler) declarePattern(paths []*pathPattern, sc *scope, ms *matchState, create bool) error {
	relSeen := map[string]bool{}
	for _, pp := range paths {
		for _, np := range pp.nodes {
			if np.v == "" {
				ms.nodeSlot[np] = c.slot()
				continue
			}
			if s, ok := sc.lookup(np.v); ok {
				if s.kind != kNode && s.kind != kAny {
					return c.errAt(np, SyntaxError, "VariableTypeConflict", "variable `"+np.v+"` already declared as "+kindNames[s.kind])
				}
				if s.kind == kAny && !ms.bound[np.v] {
					return c.errAt(np, SyntaxError, "VariableTypeConflict", "variable `"+np.v+"` is not a node")
				}
				ms.nodeSlot[np] = s.slot
				continue
			}
			s := symbol{slot: c.slot(), kind: kNode}
			sc.vars[np.v] = s
			ms.nodeSlot[np] = s.slot
		}
		for _, rp := range pp.rels {
			if rp.v == "" {
				ms.relSlot[rp] = c.slot()
				continue
			}
			want := kRel
			if rp.varLen {
				want = kRelList
			}
			if relSeen[rp.v] {
				return c.errAt(rp, SyntaxError, "RelationshipUniquenessViolation", "relationship `"+rp.v+"` used twice")
			}
			relSeen[rp.v] = true
			if s, ok := sc.lookup(rp.v); ok {
				listOK := s.kind == kAny || (s.kind == kValue && s.st == stList) // a bound list of relationships
				if s.kind != want && !(listOK && ms.bound[rp.v] && want == kRelList) {
					if s.kind == kAny && ms.bound[rp.v] && want == kRel {
						ms.relSlot[rp] = s.slot
						ms.relTemp[rp] = c.slot()
						continue
					}
					return c.errAt(rp, SyntaxError, "VariableTypeConflict", "variable `"+rp.v+"` already declared as "+kindNames[s.kind])
				}
				if create {
					return c.errAt(rp, SyntaxError, "VariableAlreadyBound", "variable `"+rp.v+"` already declared")
				}
				ms.relSlot[rp] = s.slot
				if ms.bound[rp.v] {
					ms.relTemp[rp] = c.slot()
				}
				continue
			}
			s := symbol{slot: c.slot(), kind: want}
			sc.vars[rp.v] = s
			ms.relSlot[rp] = s.slot
		}
		if pp.v != "" {
			// Assigning a path to any variable bound by an earlier clause
			// rebinds it, whatever it holds.
			if _, ok := sc.lookup(pp.v); ok {
				return c.errAt(pp, SyntaxError, "VariableAlreadyBound", "variable `"+pp.v+"` already declared")
			}
			sc.vars[pp.v] = symbol{slot: c.slot(), kind: kPath}
		}
	}
	return nil
}

// planMatch plans the paths of a MATCH (or of a pattern predicate or MERGE)
// on top of in. sc is updated with the new variables; where is applied.
func (c *compiler) planMatch(in operator, paths []*pathPattern, sc *scope, where expr) (operator, error) {
	ms := &matchState{sc: sc, bound: map[string]bool{}, segs: map[*relPattern]int{},
		nodeSlot: map[*nodePattern]int{}, relSlot: map[*relPattern]int{}, relTemp: map[*relPattern]int{}}
	for n := range sc.vars {
		ms.bound[n] = true
	}
	// a parameter cannot stand for a pattern's property map when matching
	for _, pp := range paths {
		for _, np := range pp.nodes {
			if _, ok := np.props.(*paramExpr); ok {
				return nil, c.errAt(np.props, SyntaxError, "InvalidParameterUse", "parameter maps cannot be used in MATCH or MERGE patterns")
			}
		}
		for _, rp := range pp.rels {
			if _, ok := rp.props.(*paramExpr); ok {
				return nil, c.errAt(rp.props, SyntaxError, "InvalidParameterUse", "parameter maps cannot be used in MATCH or MERGE patterns")
			}
		}
	}
	// a variable both node and relationship within the clause
	kinds := map[string]string{}
	for _, pp := range paths {
		for _, np := range pp.nodes {
			if np.v != "" {
				if kinds[np.v] == "rel" {
					return nil, c.errAt(np, SyntaxError, "VariableTypeConflict", "`"+np.v+"` is a relationship")
				}
				kinds[np.v] = "node"
			}
		}
		for _, rp := range pp.rels {
			if rp.v != "" {
				if kinds[rp.v] == "node" {
					return nil, c.errAt(rp, SyntaxError, "VariableTypeConflict", "`"+rp.v+"` is a node")
				}
				kinds[rp.v] = "rel"
			}
		}
		if pp.v != "" && kinds[pp.v] != "" {
			return nil, c.errAt(pp, SyntaxError, "VariableAlreadyBound", "`"+pp.v+"` is already used in the pattern")
		}
	}
	if err := c.declarePattern(paths, sc, ms, false); err != nil {
		return nil, err
	}
	if err := c.checkPatterns(true, where); err != nil {
		return nil, err
	}
	ms.pending = splitAnd(where)
	if where != nil {
		if st := c.staticType(where, sc); st != stUnknown && st != stBool && st != stNull {
			return nil, c.errAt(where, SyntaxError, "InvalidArgumentType", "WHERE expects a boolean")
		}
	}
	var err error
	op := in
	var shortest []*pathPattern
	for _, pp := range paths {
		if pp.kind != pathPlain {
			shortest = append(shortest, pp)
			continue
		}
		if op, err = c.planPath(op, pp, ms); err != nil {
			return nil, err
		}
	}
	for _, pp := range shortest {
		if op, err = c.planShortest(op, pp, ms); err != nil {
			return nil, err
		}
	}
	if op, err = c.applyPending(op, ms, true); err != nil {
		return nil, err
	}
	return op, nil
}

// applyPending filters on every pending conjunct whose variables are bound.
func (c *compiler) applyPending(op operator, ms *matchState, all bool) (operator, error) {
	var rest []expr
	for _, p := range ms.pending {
		ok := all
		if !ok {
			ok = true
			for v := range exprVars(p) {
				if _, inScope := ms.sc.vars[v]; inScope && !ms.bound[v] {
					ok = false
				}
			}
		}
		if !ok {
			rest = append(rest, p)
			continue
		}
		f, err := c.compileExpr(p, ms.sc)
		if err != nil {
			return nil, err
		}
		op = &filterOp{in: op, pred: f, text: c.src[p.Pos():p.End()]}
	}
	ms.pending = rest
	return op, nil
}

// indexable finds an equality usable for an index seek on node np: from its
// property map or from a WHERE conjunct v.key = expr.
func (c *compiler) indexable(np *nodePattern, ms *matchState) (label, key string, val expr) {
	if len(np.labels) == 0 {
		return "", "", nil
	}
	independent := func(e expr) bool {
		for v := range exprVars(e) {
			if _, in := ms.sc.vars[v]; in && !ms.bound[v] {
				return false
			}
		}
		return true
	}
	if m, ok := np.props.(*mapExpr); ok {
		for i, k := range m.keys {
			if (k == "id" || k == "name") && independent(m.vals[i]) {
				return np.labels[0], k, m.vals[i]
			}
		}
	}
	if np.v == "" {
		return "", "", nil
	}
	for _, p := range ms.pending {
		b, ok := p.(*binExpr)
		if !ok || b.op != "=" {
			continue
		}
		for _, side := range [][2]expr{{b.l, b.r}, {b.r, b.l}} {
			pe, ok := side[0].(*propExpr)
			if !ok || (pe.key != "id" && pe.key != "name") {
				continue
			}
			if v, ok := pe.x.(*varExpr); ok && v.name == np.v && !exprVars(side[1])[np.v] && independent(side[1]) {
				return np.labels[0], pe.key, side[1]
			}
		}
	}
	return "", "", nil
}

func (c *compiler) planPath(op operator, pp *pathPattern, ms *matchState) (operator, error) {
	// choose the start node
	best, bestScore := 0, -1
	for i, np := range pp.nodes {
		score := 1
		switch {
		case np.v != "" && ms.bound[np.v]:
			score = 4
		case func() bool { l, _, _ := c.indexable(np, ms); return l != "" }(), c.propSeekable(np, ms) != nil,
			c.nameSeekable(np, ms) != nil:
			score = 3
		case len(np.labels) > 0:
			score = 2
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	var err error
	if bestScore < 3 {
		if i, rs := c.relSeekable(pp, ms); rs != nil {
			if op, err = c.seekRel(op, pp, i, rs, ms); err != nil {
				return nil, err
			}
			return c.expandOut(op, pp, i+1, i-1, ms)
		}
	}
	if bestScore < 2 {
		if i, ok := relScannable(pp, ms); ok {
			if op, err = c.scanRels(op, pp, i, ms); err != nil {
				return nil, err
			}
			return c.expandOut(op, pp, i+1, i-1, ms)
		}
	}
	if op, err = c.bindNode(op, pp.nodes[best], ms); err != nil {
		return nil, err
	}
	return c.expandOut(op, pp, best, best-1, ms)
}

// expandOut expands pp outward from what op has bound: forward through
// the relationships from fwd to the last, then backward from back to the
// first; then it finishes the path.
func (c *compiler) expandOut(op operator, pp *pathPattern, fwd, back int, ms *matchState) (operator, error) {
	var err error
	for i := fwd; i < len(pp.rels); i++ {
		if op, err = c.expandStep(op, pp, i, false, ms); err != nil {
			return nil, err
		}
	}
	for i := back; i >= 0; i-- {
		if op, err = c.expandStep(op, pp, i, true, ms); err != nil {
			return nil, err
		}
	}
	return c.finishPath(op, pp, ms)
}

// finishPath binds the path variable of pp, if any, and applies the WHERE
// conjuncts that have become evaluable.
func (c *compiler) finishPath(op operator, pp *pathPattern, ms *matchState) (operator, error) {
	if pp.v != "" {
		op = c.buildPath(op, pp, ms)
		ms.bound[pp.v] = true
	}
	return c.applyPending(op, ms, false)
}

// relSeekable finds a relationship of pp that a seek by its "id" property
// can bind, with both its ends: single-hop, with no bound variable at
// either end or in itself, ends that are two distinct variables (or
// anonymous), and an id given by an expression that needs nothing this
// MATCH binds, in its pattern map or in a WHERE conjunct r.id = E or
// r.id IN E. It returns the relationship's index and the seek, or nil.
func (c *compiler) relSeekable(pp *pathPattern, ms *matchState) (int, *propSeek) {
	for i, rp := range pp.rels {
		from, to := pp.nodes[i], pp.nodes[i+1]
		if rp.varLen || (rp.v != "" && ms.bound[rp.v]) || (from.v != "" && ms.bound[from.v]) ||
			(to.v != "" && ms.bound[to.v]) || (from.v != "" && from.v == to.v) {
			continue
		}
		free := func(e expr) bool {
			for v := range exprVars(e) {
				if _, in := ms.sc.vars[v]; (in && !ms.bound[v]) || v == rp.v {
					return false
				}
			}
			return true
		}
		if m, ok := rp.props.(*mapExpr); ok {
			for j, k := range m.keys {
				if k == "id" && free(m.vals[j]) {
					return i, &propSeek{key: k, val: m.vals[j]}
				}
			}
		}
		if rp.v == "" {
			continue
		}
		for _, p := range ms.pending {
			if key, val, in, ok := propTerm(p, rp.v); ok && key == "id" && free(val) {
				return i, &propSeek{key: "id", val: val, in: in}
			}
		}
	}
	return 0, nil
}

// relScannable finds a relationship of pp that a scan of its types can
// bind, with both its ends: as relSeekable's, but typed, and found in any
// pattern whose nodes are neither bound nor labelled nor indexed.
func relScannable(pp *pathPattern, ms *matchState) (int, bool) {
	for i, rp := range pp.rels {
		from, to := pp.nodes[i], pp.nodes[i+1]
		if len(rp.types) > 0 && !rp.varLen && (rp.v == "" || !ms.bound[rp.v]) && (from.v == "" || !ms.bound[from.v]) &&
			(to.v == "" || !ms.bound[to.v]) && (from.v == "" || from.v != to.v) {
			return i, true
		}
	}
	return 0, false
}

// scanRels binds relationship i of pp and its two ends by scanning the
// relationships of its types, through the graph's RelScanner, or by going
// through every node's outgoing relationships when the graph has none.
func (c *compiler) scanRels(op operator, pp *pathPattern, i int, ms *matchState) (operator, error) {
	types := pp.rels[i].types
	kind := "RelationshipTypeScan"
	if len(types) > 1 {
		kind = "UnionRelationshipTypesScan"
	}
	return c.bindRel(op, pp, i, ms, kind, "", func(ec *execCtx, _ []any, found func(r int64) bool) error {
		if rs, ok := ec.g.(RelScanner); ok && rs.ScanRels(types, found) {
			return nil
		}
		eachRel(ec.g, types, found)
		return nil
	})
}

// eachRel calls fn with every relationship of types (any type when types
// is empty) by going through every node's outgoing relationships, until
// fn returns false.
func eachRel(g Graph, types []string, fn func(r int64) bool) {
	g.ScanNodes("", func(n int64) bool {
		more := true
		g.Expand(n, Outgoing, types, func(r, _ int64) bool {
			more = fn(r)
			return more
		})
		return more
	})
}

// seekRel binds relationship i of pp and its two ends by looking the
// relationship up by its "id" (the value of rs, or each element of its
// list), through the graph's RelLookup, or by scanning every node's
// outgoing relationships when the graph has none or the value is one the
// index may not hold as the engine compares it.
func (c *compiler) seekRel(op operator, pp *pathPattern, i int, rs *propSeek, ms *matchState) (operator, error) {
	vf, err := c.compileExpr(rs.val, ms.sc)
	if err != nil {
		return nil, err
	}
	types := pp.rels[i].types
	in := rs.in
	return c.bindRel(op, pp, i, ms, "RelationshipIndexSeek", "(id)", func(ec *execCtx, row []any, found func(r int64) bool) error {
		v, err := vf(ec, row)
		if err != nil || v == nil {
			return err
		}
		vals := []any{v}
		if in {
			l, ok := v.([]any)
			if !ok {
				// not a list: the filter fails (or rejects) as after a scan
				eachRel(ec.g, types, found)
				return nil
			}
			vals = l
		}
		rl, _ := ec.g.(RelLookup)
		var ids []int64
		add := func(r int64) bool { ids = append(ids, r); return true }
		for _, v := range vals {
			if v == nil {
				continue
			}
			if rl == nil || !seekValue(v) || !rl.LookupRels("id", v, add) {
				eachRel(ec.g, types, func(r int64) bool {
					if got, _ := ec.g.RelProp(r, "id"); equal(got, v) != triTrue {
						return true
					}
					return add(r)
				})
			}
		}
		if len(vals) > 1 {
			slices.Sort(ids)
			ids = slices.Compact(ids)
		}
		for _, r := range ids {
			if !found(r) {
				break
			}
		}
		return nil
	})
}

// bindRel binds relationship i of pp and its two ends, for each input row,
// from the relationships that source finds (in any order, each once; found
// returning false asks it to stop); the operator is named kind, Directed
// or Undirected, with the relationship's detail after its name.
func (c *compiler) bindRel(op operator, pp *pathPattern, i int, ms *matchState, kind, detail string,
	source func(ec *execCtx, row []any, found func(r int64) bool) error) (operator, error) {
	rp, from, to := pp.rels[i], pp.nodes[i], pp.nodes[i+1]
	checkFrom, err := c.nodeCheck(from, ms.sc, "")
	if err != nil {
		return nil, err
	}
	checkTo, err := c.nodeCheck(to, ms.sc, "")
	if err != nil {
		return nil, err
	}
	relProps, err := c.propsCheck(rp.props, ms.sc)
	if err != nil {
		return nil, err
	}
	fromSlot, toSlot, relSlot := ms.nodeSlot[from], ms.nodeSlot[to], ms.relSlot[rp]
	unique := uniqueFn(ms.relSlots, ms.listRels)
	ms.relSlots = append(ms.relSlots, relSlot)
	ms.listRels = append(ms.listRels, false)
	for _, v := range []string{from.v, rp.v, to.v} {
		if v != "" {
			ms.bound[v] = true
		}
	}
	dir := dirOf(rp, false)
	types := rp.types
	rel := rp.v
	if len(types) > 0 {
		rel += ":" + strings.Join(types, "|")
	}
	name := "Directed" + kind + "(" + expandText(from.v, rel+detail, to.v, nil, dir) + ")"
	if dir == Both {
		name = "Undirected" + name[len("Directed"):]
	}
	bind := func(ec *execCtx, row []any, r int64, emit func([]any)) error {
		typ, start, end, ok := ec.g.Rel(r)
		if !ok || (len(types) > 0 && !slices.Contains(types, typ)) || !unique(row, r) {
			return nil
		}
		if ok, err := relAccepted(ec, row, relProps, r); err != nil || !ok {
			return err
		}
		try := func(a, b int64) error {
			if ok, err := checkFrom(ec, row, a); err != nil || !ok {
				return err
			}
			if ok, err := checkTo(ec, row, b); err != nil || !ok {
				return err
			}
			out := copyRow(row)
			out[fromSlot], out[relSlot], out[toSlot] = nodeV(a), relV(r), nodeV(b)
			emit(out)
			return nil
		}
		switch dir {
		case Outgoing:
			return try(start, end)
		case Incoming:
			return try(end, start)
		}
		if err := try(start, end); err != nil || start == end {
			return err
		}
		return try(end, start)
	}
	return &relScanOp{in: op, name: name, source: source, bind: bind}, nil
}

// buildPath assembles the named path from its node and relationship slots.
func (c *compiler) buildPath(op operator, pp *pathPattern, ms *matchState) operator {
	pslot := ms.sc.vars[pp.v].slot
	nodeSlots := make([]int, len(pp.nodes))
	for i, np := range pp.nodes {
		nodeSlots[i] = ms.nodeSlot[np]
	}
	type relInfo struct {
		slot, seg int
		varLen    bool
	}
	rels := make([]relInfo, len(pp.rels))
	for i, rp := range pp.rels {
		rels[i] = relInfo{ms.relSlot[rp], ms.segs[rp], rp.varLen}
		if t, ok := ms.relTemp[rp]; ok && !rp.varLen {
			rels[i].slot = t
		}
	}
	return &flatOp{in: op, name: "ProjectPath(" + pp.v + ")", fn: func(ec *execCtx, row []any, emit func([]any)) error {
		p := pathV{}
		first, ok := row[nodeSlots[0]].(nodeV)
		if !ok {
			out := copyRow(row)
			out[pslot] = nil
			emit(out)
			return nil
		}
		p.nodes = append(p.nodes, int64(first))
		for i, ri := range rels {
			if ri.varLen {
				seg, _ := row[ri.seg].([]int64)
				rl, _ := row[ri.slot].([]any)
				for j, r := range rl {
					p.rels = append(p.rels, int64(r.(relV)))
					p.nodes = append(p.nodes, seg[j+1])
				}
				continue
			}
			r, _ := row[ri.slot].(relV)
			p.rels = append(p.rels, int64(r))
			n, _ := row[nodeSlots[i+1]].(nodeV)
			p.nodes = append(p.nodes, int64(n))
		}
		out := copyRow(row)
		out[pslot] = p
		emit(out)
		return nil
	}}
}

// nodeCheck compiles the label and property checks of a node pattern.
func (c *compiler) nodeCheck(np *nodePattern, sc *scope, skipLabel string) (func(ec *execCtx, row []any, id int64) (bool, error), error) {
	var labels []string
	for _, l := range np.labels {
		if l != skipLabel {
			labels = append(labels, l)
		} else {
			skipLabel = "\x00"
		}
	}
	props, err := c.propsCheck(np.props, sc)
	if err != nil {
		return nil, err
	}
	return func(ec *execCtx, row []any, id int64) (bool, error) {
		for _, l := range labels {
			if !ec.g.HasLabel(id, l) {
				return false, nil
			}
		}
		if props != nil {
			return props(ec, row, id, false)
		}
		return true, nil
	}, nil
}

// propCheckFn tests the properties of node id (rel false) or relationship id
// (rel true) against a pattern map.
type propCheckFn func(ec *execCtx, row []any, id int64, rel bool) (bool, error)

// propsCheck compiles a {k: v} pattern map into a predicate over the
// properties of a node or relationship.
func (c *compiler) propsCheck(e expr, sc *scope) (propCheckFn, error) {
	if e == nil {
		return nil, nil
	}
	f, err := c.compileExpr(e, sc)
	if err != nil {
		return nil, err
	}
	return func(ec *execCtx, row []any, id int64, rel bool) (bool, error) {
		v, err := f(ec, row)
		if err != nil {
			return false, err
		}
		m, ok := v.(map[string]any)
		if !ok {
			if v == nil {
				return true, nil
			}
			return false, ec.runtimeErr(TypeError, "InvalidArgumentType", "property map expected, got %s", typeName(v))
		}
		for k, want := range m {
			var got any
			if rel {
				got, _ = ec.g.RelProp(id, k)
			} else {
				got, _ = ec.g.NodeProp(id, k)
			}
			if equal(got, want) != triTrue {
				return false, nil
			}
		}
		return true, nil
	}, nil
}

// bindNode binds (or re-checks) the start node of a path.
func (c *compiler) bindNode(op operator, np *nodePattern, ms *matchState) (operator, error) {
	slot := ms.nodeSlot[np]
	if np.v != "" && ms.bound[np.v] {
		check, err := c.nodeCheck(np, ms.sc, "")
		if err != nil {
			return nil, err
		}
		return &flatOp{in: op, name: "CheckNode(" + np.v + ")", fn: func(ec *execCtx, row []any, emit func([]any)) error {
			n, ok := row[slot].(nodeV)
			if !ok || !ec.g.NodeExists(int64(n)) {
				return nil
			}
			if ok, err := check(ec, row, int64(n)); err != nil || !ok {
				return err
			}
			emit(row)
			return nil
		}}, nil
	}
	defer func() {
		if np.v != "" {
			ms.bound[np.v] = true
		}
	}()
	if label, key, val := c.indexable(np, ms); label != "" {
		vf, err := c.compileExpr(val, ms.sc)
		if err != nil {
			return nil, err
		}
		check, err := c.nodeCheck(np, ms.sc, label)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("NodeIndexSeek(%s:%s(%s))", varName(np.v), label, key)
		return &flatOp{in: op, name: name, fn: func(ec *execCtx, row []any, emit func([]any)) error {
			v, err := vf(ec, row)
			if err != nil || v == nil {
				return err
			}
			var ferr error
			emitOne := func(id int64) bool {
				ferr = emitChecked(ec, row, check, id, emit, func(out []any) { out[slot] = nodeV(id) })
				return ferr == nil
			}
			if !ec.g.LookupNodes(label, key, v, emitOne) {
				ec.g.ScanNodes(label, func(id int64) bool {
					if got, _ := ec.g.NodeProp(id, key); equal(got, v) != triTrue {
						return true
					}
					return emitOne(id)
				})
			}
			return ferr
		}}, nil
	}
	label := ""
	if len(np.labels) > 0 {
		label = np.labels[0]
	}
	check, err := c.nodeCheck(np, ms.sc, label)
	if err != nil {
		return nil, err
	}
	if ps := c.propSeekable(np, ms); ps != nil {
		return c.seekProps(op, np, ps, ms, check)
	}
	if ns := c.nameSeekable(np, ms); ns != nil {
		return c.seekNames(op, np, ns, ms, check)
	}
	name := "AllNodesScan(" + varName(np.v) + ")"
	if label != "" {
		name = "NodeByLabelScan(" + varName(np.v) + ":" + label + ")"
	}
	scan := &scanOp{in: op, name: name, label: label, slot: slot, check: check,
		plain: np.props == nil && len(np.labels) <= 1}
	if label == "" {
		if union := labelUnion(np.v, ms.pending); len(union) > 1 {
			// WHERE x:A OR x:B …: scan those labels, not every node (the
			// filter stays, so the rows are the same, in the same order).
			scan.name = "UnionNodeByLabelsScan(" + varName(np.v) + ":" + strings.Join(union, "|") + ")"
			scan.union, scan.plain = union, false
		}
	}
	return scan, nil
}

// labelUnion returns the labels of a WHERE conjunct that requires node
// variable v to carry one of them — x:A OR x:B OR … — or nil.
func labelUnion(v string, pending []expr) []string {
	if v == "" {
		return nil
	}
	var leaves func(e expr, out []string) ([]string, bool)
	leaves = func(e expr, out []string) ([]string, bool) {
		switch e := e.(type) {
		case *binExpr:
			if e.op != "OR" {
				return nil, false
			}
			out, ok := leaves(e.l, out)
			if !ok {
				return nil, false
			}
			return leaves(e.r, out)
		case *labelExpr:
			if x, ok := e.x.(*varExpr); ok && x.name == v && len(e.labels) > 0 {
				return append(out, e.labels[0]), true
			}
		}
		return nil, false
	}
	for _, p := range pending {
		if out, ok := leaves(p, nil); ok {
			return out
		}
	}
	return nil
}

// expandText writes an expansion as Neo4j's plans do: (a)-[r:T|U]->(b).
func expandText(from, rel, to string, types []string, dir Direction) string {
	r := rel
	if len(types) > 0 {
		r += ":" + strings.Join(types, "|")
	}
	left, right := "-", "-"
	switch dir {
	case Outgoing:
		right = "->"
	case Incoming:
		left = "<-"
	}
	return "(" + from + ")" + left + "[" + r + "]" + right + "(" + to + ")"
}

func varName(v string) string {
	if v == "" {
		return "_"
	}
	return v
}

// uniqueFn reports whether relationship id is not yet used in the row by the
// relationship slots bound earlier in the clause.
func uniqueFn(slots []int, lists []bool) func(row []any, id int64) bool {
	slots = append([]int(nil), slots...)
	lists = append([]bool(nil), lists...)
	return func(row []any, id int64) bool {
		for i, s := range slots {
			if lists[i] {
				l, _ := row[s].([]any)
				for _, r := range l {
					if int64(r.(relV)) == id {
						return false
					}
				}
				continue
			}
			if r, ok := row[s].(relV); ok && int64(r) == id {
				return false
			}
		}
		return true
	}
}

// expandStep expands rel i of the path from its known end to the other.
func (c *compiler) expandStep(op operator, pp *pathPattern, i int, reversed bool, ms *matchState) (operator, error) {
	rp := pp.rels[i]
	from, to := pp.nodes[i], pp.nodes[i+1]
	if reversed {
		from, to = to, from
	}
	fromSlot, toSlot := ms.nodeSlot[from], ms.nodeSlot[to]
	relSlot := ms.relSlot[rp]
	relBound := -1
	if t, ok := ms.relTemp[rp]; ok {
		relBound, relSlot = relSlot, t
	}
	toBound := to.v != "" && ms.bound[to.v]
	check, err := c.nodeCheck(to, ms.sc, "")
	if err != nil {
		return nil, err
	}
	relProps, err := c.propsCheck(rp.props, ms.sc)
	if err != nil {
		return nil, err
	}
	unique := uniqueFn(ms.relSlots, ms.listRels)
	dir := dirOf(rp, reversed)
	types := rp.types
	if to.v != "" {
		ms.bound[to.v] = true
	}
	if rp.v != "" {
		ms.bound[rp.v] = true
	}
	name := "Expand" + expandText(from.v, rp.v, to.v, types, dir)
	if rp.varLen {
		segSlot := c.slot()
		ms.segs[rp] = segSlot
		ms.relSlots = append(ms.relSlots, relSlot)
		ms.listRels = append(ms.listRels, true)
		minH, maxH := rp.min, rp.max
		hops := fmt.Sprintf("*%d..", minH)
		if maxH >= 0 {
			hops += fmt.Sprint(maxH)
		}
		name = "VarLengthExpand" + expandText(from.v, rp.v+":"+strings.Join(types, "|")+hops, to.v, nil, dir)
		if len(types) == 0 {
			name = "VarLengthExpand" + expandText(from.v, rp.v+hops, to.v, nil, dir)
		}
		return &flatOp{in: op, name: name, fn: func(ec *execCtx, row []any, emit func([]any)) error {
			start, bound, ok := expandEnds(row, fromSlot, toSlot, toBound)
			if !ok {
				return nil
			}
			var relBoundList []any
			if relBound >= 0 {
				relBoundList, _ = row[relBound].([]any)
			}
			rels := []any{}
			nodes := []int64{int64(start)}
			var walk func(n int64) error
			walk = func(n int64) error {
				if err := ec.tick(); err != nil {
					return err
				}
				// the recursion itself counts against the budget
				if err := ec.grow(bytesFrame); err != nil {
					return err
				}
				defer ec.shrink(bytesFrame)
				depth := int64(len(rels))
				if depth >= minH && (!toBound || n == int64(bound)) {
					if ok, err := check(ec, row, n); err != nil {
						return err
					} else if ok && (relBound < 0 || equal(relBoundList, pathRels(rels, reversed)) == triTrue) {
						rl := pathRels(rels, reversed)
						out := copyRow(row)
						seg := append([]int64(nil), nodes...)
						if reversed {
							slices.Reverse(seg)
						}
						out[relSlot] = rl
						if relBound >= 0 {
							out[relBound] = rl
						}
						out[segSlot] = seg
						out[toSlot] = nodeV(n)
						emit(out)
					}
				}
				if maxH >= 0 && depth >= maxH {
					return nil
				}
				var ferr error
				type step struct{ r, o int64 }
				var steps []step
				ec.g.Expand(n, dir, types, func(r, o int64) bool {
					steps = append(steps, step{r, o})
					return true
				})
				for _, s := range steps {
					used := false
					for _, x := range rels {
						if int64(x.(relV)) == s.r {
							used = true
							break
						}
					}
					if used || !unique(row, s.r) {
						continue
					}
					if ok, err := relAccepted(ec, row, relProps, s.r); err != nil {
						return err
					} else if !ok {
						continue
					}
					rels = append(rels, relV(s.r))
					nodes = append(nodes, s.o)
					ferr = walk(s.o)
					rels = rels[:len(rels)-1]
					nodes = nodes[:len(nodes)-1]
					if ferr != nil {
						return ferr
					}
				}
				return nil
			}
			return walk(int64(start))
		}, size: func(r []any) int { return valBytes(r[relSlot]) + valBytes(r[segSlot]) }}, nil
	}
	ms.relSlots = append(ms.relSlots, relSlot)
	ms.listRels = append(ms.listRels, false)
	if toBound {
		name = "ExpandInto" + name[len("Expand"):]
	}
	return &flatOp{in: op, name: name, fn: func(ec *execCtx, row []any, emit func([]any)) error {
		start, bound, ok := expandEnds(row, fromSlot, toSlot, toBound)
		if !ok {
			return nil
		}
		var ferr error
		ec.g.Expand(int64(start), dir, types, func(r, o int64) bool {
			if toBound && o != int64(bound) {
				return true
			}
			if relBound >= 0 {
				if b, ok := row[relBound].(relV); !ok || int64(b) != r {
					return true
				}
			}
			if !unique(row, r) {
				return true
			}
			if ok, err := relAccepted(ec, row, relProps, r); err != nil || !ok {
				ferr = err
				return err == nil
			}
			ferr = emitChecked(ec, row, check, o, emit, func(out []any) { out[relSlot], out[toSlot] = relV(r), nodeV(o) })
			return ferr == nil
		})
		return ferr
	}}, nil
}

// relAccepted reports whether relationship r passes a pattern's property
// check (a nil check passes every one), or the check's error.
func relAccepted(ec *execCtx, row []any, check propCheckFn, r int64) (bool, error) {
	if check == nil {
		return true, nil
	}
	return check(ec, row, r, true)
}

// emitChecked emits a copy of row, its slots set by fill, when check
// accepts node id; it returns check's error.
func emitChecked(ec *execCtx, row []any, check func(*execCtx, []any, int64) (bool, error), id int64, emit func([]any), fill func(out []any)) error {
	ok, err := check(ec, row, id)
	if err != nil || !ok {
		return err
	}
	out := copyRow(row)
	fill(out)
	emit(out)
	return nil
}

// pathRels copies the relationships of a var-length walk, in pattern order.
func pathRels(rels []any, reversed bool) []any {
	rl := append([]any(nil), rels...)
	if reversed {
		slices.Reverse(rl)
	}
	return rl
}

// planShortest binds the end points of a shortestPath pattern and finds the
// shortest path(s) between them breadth-first.
func (c *compiler) planShortest(op operator, pp *pathPattern, ms *matchState) (operator, error) {
	if len(pp.rels) != 1 {
		return nil, c.errAt(pp, SyntaxError, "UnexpectedSyntax", "shortestPath needs a single relationship pattern")
	}
	var err error
	for _, np := range []*nodePattern{pp.nodes[0], pp.nodes[1]} {
		if op, err = c.bindNode(op, np, ms); err != nil {
			return nil, err
		}
	}
	rp := pp.rels[0]
	aSlot, bSlot := ms.nodeSlot[pp.nodes[0]], ms.nodeSlot[pp.nodes[1]]
	relSlot := ms.relSlot[rp]
	relProps, err := c.propsCheck(rp.props, ms.sc)
	if err != nil {
		return nil, err
	}
	pslot := -1
	if pp.v != "" {
		pslot = ms.sc.vars[pp.v].slot
		ms.bound[pp.v] = true
	}
	if rp.v != "" {
		ms.bound[rp.v] = true
	}
	minH, maxH := rp.min, rp.max
	if !rp.varLen {
		minH, maxH = 1, 1
	}
	all := pp.kind == pathAllShortest
	dir := dirOf(rp, false)
	types := rp.types
	name := "ShortestPath"
	if all {
		name = "AllShortestPaths"
	}
	return &flatOp{in: op, name: name, fn: func(ec *execCtx, row []any, emit func([]any)) error {
		a, ok1 := row[aSlot].(nodeV)
		b, ok2 := row[bSlot].(nodeV)
		if !ok1 || !ok2 {
			return nil
		}
		paths, err := shortestPaths(ec, row, int64(a), int64(b), dir, types, relProps, minH, maxH, all)
		if err != nil {
			return err
		}
		for _, p := range paths {
			out := copyRow(row)
			rl := make([]any, len(p.rels))
			for i, r := range p.rels {
				rl[i] = relV(r)
			}
			if rp.varLen {
				out[relSlot] = rl
			} else if len(rl) == 1 {
				out[relSlot] = rl[0]
			}
			if pslot >= 0 {
				out[pslot] = p
			}
			emit(out)
		}
		return nil
	}}, nil
}

// shortestPaths runs a breadth-first search from a to b, keeping every
// predecessor on a shortest route when all is set.
func shortestPaths(ec *execCtx, row []any, a, b int64, dir Direction, types []string,
	relProps propCheckFn, minH, maxH int64, all bool) ([]pathV, error) {
	if a == b {
		if minH == 0 {
			return []pathV{{nodes: []int64{a}}}, nil
		}
		// a path from a node to itself needs a cycle: not a shortest path
		return nil, nil
	}
	type pred struct{ node, rel int64 }
	preds := map[int64][]pred{a: nil}
	depth := map[int64]int64{a: 0}
	frontier := []int64{a}
	found := false
	var d int64
	for len(frontier) > 0 && !found && (maxH < 0 || d < maxH) {
		d++
		var next []int64
		for _, n := range frontier {
			if err := ec.tick(); err != nil {
				return nil, err
			}
			var ferr error
			ec.g.Expand(n, dir, types, func(r, o int64) bool {
				if ok, err := relAccepted(ec, row, relProps, r); err != nil || !ok {
					ferr = err
					return err == nil
				}
				if od, seen := depth[o]; seen {
					if all && od == d {
						preds[o] = append(preds[o], pred{n, r})
					}
					return true
				}
				depth[o] = d
				preds[o] = []pred{{n, r}}
				next = append(next, o)
				if o == b {
					found = true
				}
				return true
			})
			if ferr != nil {
				return nil, ferr
			}
		}
		frontier = next
	}
	if !found || d < minH {
		return nil, nil
	}
	var out []pathV
	var build func(n int64, nodes, rels []int64)
	build = func(n int64, nodes, rels []int64) {
		if n == a {
			p := pathV{nodes: make([]int64, 0, len(nodes)+1), rels: make([]int64, 0, len(rels))}
			p.nodes = append(p.nodes, a)
			for i := len(rels) - 1; i >= 0; i-- {
				p.rels = append(p.rels, rels[i])
				p.nodes = append(p.nodes, nodes[i])
			}
			out = append(out, p)
			return
		}
		for _, pr := range preds[n] {
			build(pr.node, append(nodes, n), append(rels, pr.rel))
			if !all && len(out) > 0 {
				return
			}
		}
	}
	build(b, nil, nil)
	return out, nil
}

// compilePatternExpr compiles a pattern used as a predicate: true when at
// least one match exists.
func (c *compiler) compilePatternExpr(x *patternExpr, sc *scope) (evalFn, error) {
	for _, np := range x.path.nodes {
		if np.v != "" {
			if _, ok := sc.lookup(np.v); !ok {
				return nil, c.undefinedVar(np, np.v)
			}
		}
	}
	for _, rp := range x.path.rels {
		if rp.v != "" {
			if _, ok := sc.lookup(rp.v); !ok {
				return nil, c.undefinedVar(rp, rp.v)
			}
		}
	}
	arg := &argOp{}
	sub, err := c.planMatch(arg, []*pathPattern{x.path}, sc.clone(), nil)
	if err != nil {
		return nil, err
	}
	return func(ec *execCtx, row []any) (any, error) {
		if err := sub.open(ec, row); err != nil {
			return nil, err
		}
		r, err := sub.next(ec)
		if err != nil {
			return nil, err
		}
		return r != nil, nil
	}, nil
}

// compilePatternComp compiles [p = (a)-->(b) WHERE … | proj].
func (c *compiler) compilePatternComp(x *patternComp, sc *scope) (evalFn, error) {
	inner := sc.clone()
	arg := &argOp{}
	sub, err := c.planMatch(arg, []*pathPattern{x.path}, inner, x.where)
	if err != nil {
		return nil, err
	}
	proj, err := c.compileExpr(x.proj, inner)
	if err != nil {
		return nil, err
	}
	return func(ec *execCtx, row []any) (any, error) {
		if err := sub.open(ec, row); err != nil {
			return nil, err
		}
		out := []any{}
		for {
			r, err := sub.next(ec)
			if err != nil {
				return nil, err
			}
			if r == nil {
				return out, nil
			}
			v, err := proj(ec, r)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	}, nil
}

// expandEnds reads from row the start node of an expansion and, when
// toBound, the node it must end at (else -1); ok is false when either is
// not a node (null from an OPTIONAL MATCH), which expands to nothing.
func expandEnds(row []any, fromSlot, toSlot int, toBound bool) (start, bound nodeV, ok bool) {
	if start, ok = row[fromSlot].(nodeV); !ok {
		return 0, 0, false
	}
	bound = -1
	if toBound {
		if bound, ok = row[toSlot].(nodeV); !ok {
			return 0, 0, false
		}
	}
	return start, bound, true
}
