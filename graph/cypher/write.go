package cypher

import "github.com/kgnews/kg/graph/value"

// checkPropValue validates a value to be stored as a property.
func checkPropValue(ec *execCtx, v any) error {
	switch x := v.(type) {
	case nil, bool, int64, float64, string, value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime, value.Duration, value.Point, []byte:
		return nil
	case []any:
		for _, e := range x {
			switch e.(type) {
			case nil, bool, int64, float64, string, value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime, value.Duration, value.Point:
			default:
				return ec.runtimeErr(TypeError, "InvalidPropertyType", "a property list cannot hold %s", typeName(e))
			}
		}
		return nil
	}
	return ec.runtimeErr(TypeError, "InvalidPropertyType", "a property cannot be %s", typeName(v))
}

// evalProps evaluates a pattern property map for creation.
func evalProps(ec *execCtx, f evalFn, row []any) (map[string]any, error) {
	if f == nil {
		return nil, nil
	}
	v, err := f(ec, row)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return nil, nil
		}
		return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "property map expected, got %s", typeName(v))
	}
	out := map[string]any{}
	for k, x := range m {
		if err := checkPropValue(ec, x); err != nil {
			return nil, err
		}
		if x != nil {
			out[k] = x
			ec.stats.PropertiesSet++
		}
	}
	return out, nil
}

// creator creates the paths of a CREATE (or an unmatched MERGE) per row.
type creator func(ec *execCtx, row []any) error

func (c *compiler) compileCreate(paths []*pathPattern, sc *scope, merge bool) (creator, error) {
	type nodeStep struct {
		slot   int
		labels []string
		props  evalFn
	}
	type relStep struct {
		slot, from, to int
		typ            string
		props          evalFn
	}
	var steps []func(ec *execCtx, row []any) error
	declared := map[string]bool{}
	for _, pp := range paths {
		nodeSlots := make([]int, len(pp.nodes))
		for i, np := range pp.nodes {
			ns := nodeStep{labels: np.labels}
			if np.v != "" {
				if s, ok := sc.lookup(np.v); ok {
					if s.kind != kNode && s.kind != kAny {
						return nil, c.errAt(np, SyntaxError, "VariableTypeConflict", "variable `"+np.v+"` is not a node")
					}
					if len(np.labels) > 0 || np.props != nil || (merge && len(pp.nodes) == 1) {
						return nil, c.errAt(np, SyntaxError, "VariableAlreadyBound", "variable `"+np.v+"` already declared")
					}
					if !declared[np.v] && len(pp.nodes) == 1 && !merge {
						return nil, c.errAt(np, SyntaxError, "VariableAlreadyBound", "variable `"+np.v+"` already declared")
					}
					nodeSlots[i] = s.slot
					continue
				}
				ns.slot = c.slot()
				sc.vars[np.v] = symbol{slot: ns.slot, kind: kNode}
				declared[np.v] = true
			} else {
				ns.slot = c.slot()
			}
			if np.props != nil {
				f, err := c.compileExpr(np.props, sc)
				if err != nil {
					return nil, err
				}
				ns.props = f
			}
			nodeSlots[i] = ns.slot
			st := ns
			steps = append(steps, func(ec *execCtx, row []any) error {
				props, err := evalProps(ec, st.props, row)
				if err != nil {
					return err
				}
				id := ec.g.CreateNode(st.labels, props)
				ec.stats.NodesCreated++
				ec.stats.LabelsAdded += len(st.labels)
				row[st.slot] = nodeV(id)
				return nil
			})
		}
		relSlots := make([]int, len(pp.rels))
		for i, rp := range pp.rels {
			if _, ok := sc.lookup(rp.v); ok && rp.v != "" {
				return nil, c.errAt(rp, SyntaxError, "VariableAlreadyBound", "variable `"+rp.v+"` already declared")
			}
			if len(rp.types) != 1 {
				return nil, c.errAt(rp, SyntaxError, "NoSingleRelationshipType", "a relationship must have exactly one type to be created")
			}
			if rp.varLen {
				return nil, c.errAt(rp, SyntaxError, "CreatingVarLength", "variable length relationships cannot be created")
			}
			if rp.dir == dirBoth && !merge {
				return nil, c.errAt(rp, SyntaxError, "RequiresDirectedRelationship", "only directed relationships can be created")
			}
			rs := relStep{typ: rp.types[0], from: nodeSlots[i], to: nodeSlots[i+1]}
			if rp.dir == dirLeft {
				rs.from, rs.to = rs.to, rs.from
			}
			if rp.v != "" {
				if _, ok := sc.lookup(rp.v); ok {
					return nil, c.errAt(rp, SyntaxError, "VariableAlreadyBound", "variable `"+rp.v+"` already declared")
				}
				rs.slot = c.slot()
				sc.vars[rp.v] = symbol{slot: rs.slot, kind: kRel}
			} else {
				rs.slot = c.slot()
			}
			relSlots[i] = rs.slot
			if rp.props != nil {
				f, err := c.compileExpr(rp.props, sc)
				if err != nil {
					return nil, err
				}
				rs.props = f
			}
			st := rs
			steps = append(steps, func(ec *execCtx, row []any) error {
				a, ok1 := row[st.from].(nodeV)
				b, ok2 := row[st.to].(nodeV)
				if !ok1 || !ok2 {
					return ec.runtimeErr(SemanticError, "CreateRelationshipOnNullNode", "cannot create a relationship with a null end node")
				}
				props, err := evalProps(ec, st.props, row)
				if err != nil {
					return err
				}
				id, err := ec.g.CreateRel(st.typ, int64(a), int64(b), props)
				if err != nil {
					return ec.runtimeErr(EntityNotFound, "DeletedEntityAccess", "%v", err)
				}
				ec.stats.RelationshipsCreated++
				row[st.slot] = relV(id)
				return nil
			})
		}
		if pp.v != "" {
			if _, ok := sc.lookup(pp.v); ok {
				return nil, c.errAt(pp, SyntaxError, "VariableAlreadyBound", "variable `"+pp.v+"` already declared")
			}
			pslot := c.slot()
			sc.vars[pp.v] = symbol{slot: pslot, kind: kPath}
			ns, rs := nodeSlots, relSlots
			steps = append(steps, func(ec *execCtx, row []any) error {
				p := pathV{}
				for i, s := range ns {
					n, _ := row[s].(nodeV)
					p.nodes = append(p.nodes, int64(n))
					if i < len(rs) {
						r, _ := row[rs[i]].(relV)
						p.rels = append(p.rels, int64(r))
					}
				}
				row[pslot] = p
				return nil
			})
		}
	}
	return func(ec *execCtx, row []any) error {
		for _, s := range steps {
			if err := s(ec, row); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (c *compiler) planCreate(op operator, x *createClause, sc *scope) (operator, error) {
	cr, err := c.compileCreate(x.paths, sc, false)
	if err != nil {
		return nil, err
	}
	return &eagerOp{in: op, name: "Create", fn: func(ec *execCtx, rows [][]any) ([][]any, error) {
		out := make([][]any, len(rows))
		for i, r := range rows {
			row := copyRow(r)
			if err := cr(ec, row); err != nil {
				return nil, err
			}
			out[i] = row
		}
		return out, nil
	}}, nil
}

func (c *compiler) planMerge(op operator, x *mergeClause, sc *scope) (operator, error) {
	for _, np := range x.path.nodes {
		if np.v != "" {
			if _, ok := sc.lookup(np.v); ok && len(x.path.nodes) == 1 {
				return nil, c.errAt(np, SyntaxError, "VariableAlreadyBound", "variable `"+np.v+"` already declared")
			}
		}
	}
	for _, rp := range x.path.rels {
		if _, ok := sc.lookup(rp.v); ok && rp.v != "" {
			return nil, c.errAt(rp, SyntaxError, "VariableAlreadyBound", "variable `"+rp.v+"` already declared")
		}
		if len(rp.types) != 1 {
			return nil, c.errAt(rp, SyntaxError, "NoSingleRelationshipType", "MERGE needs exactly one relationship type")
		}
		if rp.varLen {
			return nil, c.errAt(rp, SyntaxError, "CreatingVarLength", "variable length relationships cannot be merged")
		}
	}
	matchSc := sc.clone()
	sub, err := c.planMatch(&argOp{}, []*pathPattern{x.path}, matchSc, nil)
	if err != nil {
		return nil, err
	}
	// a null property value can never be matched, and creating it would
	// not store it: MERGE refuses it when it would create (maps that refer
	// to the pattern's own new variables are left to the create side)
	patternVars := map[string]bool{}
	for _, np := range x.path.nodes {
		if _, bound := sc.lookup(np.v); np.v != "" && !bound {
			patternVars[np.v] = true
		}
	}
	for _, rp := range x.path.rels {
		if rp.v != "" {
			patternVars[rp.v] = true
		}
	}
	var propMaps []evalFn
	for _, np := range x.path.nodes {
		if np.props != nil && !refersTo(np.props, patternVars) {
			f, err := c.compileExpr(np.props, sc)
			if err != nil {
				return nil, err
			}
			propMaps = append(propMaps, f)
		}
	}
	for _, rp := range x.path.rels {
		if rp.props != nil && !refersTo(rp.props, patternVars) {
			f, err := c.compileExpr(rp.props, sc)
			if err != nil {
				return nil, err
			}
			propMaps = append(propMaps, f)
		}
	}
	// the create side must bind the same slots as the match side
	createSc := sc.clone()
	cr, err := c.compileCreateInto(x.path, createSc, matchSc)
	if err != nil {
		return nil, err
	}
	for n, s := range matchSc.vars {
		sc.vars[n] = s
	}
	onMatch, err := c.compileSetItems(x.onMatch, sc)
	if err != nil {
		return nil, err
	}
	onCreate, err := c.compileSetItems(x.onCreate, sc)
	if err != nil {
		return nil, err
	}
	return &eagerOp{in: op, name: "Merge", fn: func(ec *execCtx, rows [][]any) ([][]any, error) {
		var out [][]any
		for _, r := range rows {
			if err := sub.open(ec, r); err != nil {
				return nil, err
			}
			var matched [][]any
			for {
				m, err := sub.next(ec)
				if err != nil {
					return nil, err
				}
				if m == nil {
					break
				}
				matched = append(matched, m)
			}
			if len(matched) > 0 {
				for _, m := range matched {
					if err := onMatch(ec, m); err != nil {
						return nil, err
					}
				}
				out = append(out, matched...)
				continue
			}
			for _, f := range propMaps {
				v, err := f(ec, r)
				if err != nil {
					return nil, err
				}
				m, _ := v.(map[string]any)
				for k, pv := range m {
					if pv == nil {
						return nil, ec.runtimeErr(SemanticError, "MergeReadOwnWrites",
							"cannot merge using null property value for %s", k)
					}
				}
			}
			row := copyRow(r)
			if err := cr(ec, row); err != nil {
				return nil, err
			}
			if err := onCreate(ec, row); err != nil {
				return nil, err
			}
			out = append(out, row)
		}
		return out, nil
	}}, nil
}

// compileCreateInto compiles MERGE's create side so that it fills the slots
// the match side assigned (taken from matchSc).
func (c *compiler) compileCreateInto(pp *pathPattern, createSc, matchSc *scope) (creator, error) {
	cr, err := c.compileCreate([]*pathPattern{pp}, createSc, true)
	if err != nil {
		return nil, err
	}
	type move struct{ from, to int }
	var moves []move
	for n, s := range createSc.vars {
		if m, ok := matchSc.vars[n]; ok && m.slot != s.slot {
			moves = append(moves, move{s.slot, m.slot})
		}
	}
	return func(ec *execCtx, row []any) error {
		for _, np := range pp.nodes {
			if m, ok := np.props.(*mapExpr); ok {
				_ = m
			}
		}
		if err := cr(ec, row); err != nil {
			return err
		}
		for _, m := range moves {
			row[m.to] = row[m.from]
		}
		return nil
	}, nil
}

// setter applies SET items to a row.
type setter func(ec *execCtx, row []any) error

func (c *compiler) compileSetItems(items []*setItem, sc *scope) (setter, error) {
	var fs []setter
	for _, it := range items {
		if err := c.checkPatterns(false, it.val); err != nil {
			return nil, err
		}
		f, err := c.compileSetItem(it, sc)
		if err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	return allSetters(fs), nil
}

// allSetters runs fs in order on a row, stopping at the first error.
func allSetters(fs []setter) setter {
	return func(ec *execCtx, row []any) error {
		for _, f := range fs {
			if err := f(ec, row); err != nil {
				return err
			}
		}
		return nil
	}
}

// updateRows is the operator, named name, that applies f to each row of op
// once op has produced them all.
func updateRows(op operator, name string, f setter) operator {
	return &eagerOp{in: op, name: name, fn: func(ec *execCtx, rows [][]any) ([][]any, error) {
		for _, r := range rows {
			if err := f(ec, r); err != nil {
				return nil, err
			}
		}
		return rows, nil
	}}
}

func writeProp(ec *execCtx, target any, key string, v any) error {
	if err := checkPropValue(ec, v); err != nil {
		return err
	}
	switch t := target.(type) {
	case nil:
		return nil
	case nodeV:
		if !ec.g.NodeExists(int64(t)) {
			return ec.runtimeErr(EntityNotFound, "DeletedEntityAccess", "node %d was deleted", int64(t))
		}
		ec.g.SetNodeProp(int64(t), key, v)
	case relV:
		if _, _, _, ok := ec.g.Rel(int64(t)); !ok {
			return ec.runtimeErr(EntityNotFound, "DeletedEntityAccess", "relationship %d was deleted", int64(t))
		}
		ec.g.SetRelProp(int64(t), key, v)
	default:
		return ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot set a property on %s", typeName(target))
	}
	ec.stats.PropertiesSet++
	return nil
}

func (c *compiler) compileSetItem(it *setItem, sc *scope) (setter, error) {
	var val evalFn
	var err error
	if it.val != nil {
		if val, err = c.compileExpr(it.val, sc); err != nil {
			return nil, err
		}
	}
	switch it.kind {
	case setProp:
		pe := it.target.(*propExpr)
		tf, err := c.compileExpr(pe.x, sc)
		if err != nil {
			return nil, err
		}
		key := pe.key
		return func(ec *execCtx, row []any) error {
			t, err := tf(ec, row)
			if err != nil {
				return err
			}
			v, err := val(ec, row)
			if err != nil {
				return err
			}
			return writeProp(ec, t, key, v)
		}, nil
	case setLabels:
		tf, err := c.compileExpr(it.target, sc)
		if err != nil {
			return nil, err
		}
		return changeLabels(tf, it.labels, true), nil
	}
	tf, err := c.compileExpr(it.target, sc)
	if err != nil {
		return nil, err
	}
	replace := it.kind == setAll
	return func(ec *execCtx, row []any) error {
		t, err := tf(ec, row)
		if err != nil || t == nil {
			return err
		}
		v, err := val(ec, row)
		if err != nil {
			return err
		}
		var m map[string]any
		switch x := v.(type) {
		case nil:
			m = map[string]any{}
		case map[string]any:
			m = x
		case nodeV, relV:
			p, err := propsOf(ec, x)
			if err != nil {
				return err
			}
			m = map[string]any{}
			for k, e := range p {
				m[k] = e
			}
		default:
			return ec.runtimeErr(TypeError, "InvalidArgumentType", "expected a map, got %s", typeName(v))
		}
		if replace {
			cur, err := propsOf(ec, t)
			if err != nil {
				return err
			}
			var drop []string
			for k := range cur {
				if _, keep := m[k]; !keep {
					drop = append(drop, k)
				}
			}
			for _, k := range drop {
				if err := writeProp(ec, t, k, nil); err != nil {
					return err
				}
			}
		}
		for k, e := range m {
			if err := writeProp(ec, t, k, e); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (c *compiler) planSet(op operator, items []*setItem, sc *scope, name string) (operator, error) {
	f, err := c.compileSetItems(items, sc)
	if err != nil {
		return nil, err
	}
	return updateRows(op, name, f), nil
}

func (c *compiler) planRemove(op operator, x *removeClause, sc *scope) (operator, error) {
	var fs []setter
	for _, it := range x.items {
		if it.kind == setProp {
			pe := it.target.(*propExpr)
			tf, err := c.compileExpr(pe.x, sc)
			if err != nil {
				return nil, err
			}
			key := pe.key
			fs = append(fs, func(ec *execCtx, row []any) error {
				t, err := tf(ec, row)
				if err != nil || t == nil {
					return err
				}
				p, err := propsOf(ec, t)
				if err != nil {
					return err
				}
				if _, ok := p[key]; !ok {
					return nil
				}
				return writeProp(ec, t, key, nil)
			})
			continue
		}
		tf, err := c.compileExpr(it.target, sc)
		if err != nil {
			return nil, err
		}
		fs = append(fs, changeLabels(tf, it.labels, false))
	}
	return updateRows(op, "Remove", allSetters(fs)), nil
}

func (c *compiler) planDelete(op operator, x *deleteClause, sc *scope) (operator, error) {
	for _, e := range x.exprs {
		if _, ok := e.(*labelExpr); ok {
			return nil, c.errAt(e, SyntaxError, "InvalidDelete", "cannot delete a label expression")
		}
		switch c.staticType(e, sc) {
		case stInt, stFloat, stString, stBool, stMap:
			return nil, c.errAt(e, SyntaxError, "InvalidArgumentType", "DELETE expects a node, relationship or path")
		}
	}
	fs, err := c.compileExprs(x.exprs, sc)
	if err != nil {
		return nil, err
	}
	detach := x.detach
	return &eagerOp{in: op, name: "Delete", fn: func(ec *execCtx, rows [][]any) ([][]any, error) {
		var nodes, rels []int64
		var collect func(v any) error
		collect = func(v any) error {
			switch t := v.(type) {
			case nil:
			case nodeV:
				nodes = append(nodes, int64(t))
			case relV:
				rels = append(rels, int64(t))
			case pathV:
				rels = append(rels, t.rels...)
				nodes = append(nodes, t.nodes...)
			case []any:
				for _, e := range t {
					if err := collect(e); err != nil {
						return err
					}
				}
			default:
				return ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot delete %s", typeName(v))
			}
			return nil
		}
		for _, r := range rows {
			for _, f := range fs {
				v, err := f(ec, r)
				if err != nil {
					return nil, err
				}
				if err := collect(v); err != nil {
					return nil, err
				}
			}
		}
		delRel := func(id int64) {
			if typ, _, _, ok := ec.g.Rel(id); ok {
				ec.g.DeleteRel(id)
				ec.delRels[id] = typ
				ec.stats.RelationshipsDeleted++
			}
		}
		for _, id := range rels {
			delRel(id)
		}
		for _, id := range nodes {
			if !ec.g.NodeExists(id) || ec.deleted[id] {
				continue
			}
			if detach {
				var rs []int64
				ec.g.Expand(id, Both, nil, func(r, _ int64) bool { rs = append(rs, r); return true })
				for _, r := range rs {
					delRel(r)
				}
			}
			if ec.g.Degree(id) > 0 {
				// a later clause may still delete its relationships: the
				// check happens when the query ends (see finishDeletes)
				ec.pendingDel = append(ec.pendingDel, id)
				ec.deleted[id] = true
				ec.stats.NodesDeleted++
				continue
			}
			if err := ec.g.DeleteNode(id); err != nil {
				return nil, ec.runtimeErr(ConstraintError, "DeleteConnectedNode", "%v", err)
			}
			ec.deleted[id] = true
			ec.stats.NodesDeleted++
		}
		return rows, nil
	}}, nil
}

// refersTo reports whether e uses any of the variables vars.
func refersTo(e expr, vars map[string]bool) bool {
	for v := range exprVars(e) {
		if vars[v] {
			return true
		}
	}
	return false
}

// finishDeletes deletes the nodes a DELETE left while they still had
// relationships, failing with DeleteConnectedNode for any that still has.
func finishDeletes(ec *execCtx) error {
	for _, id := range ec.pendingDel {
		if !ec.g.NodeExists(id) {
			continue
		}
		if ec.g.Degree(id) > 0 {
			return ec.runtimeErr(ConstraintError, "DeleteConnectedNode", "cannot delete node %d: it still has relationships", id)
		}
		if err := ec.g.DeleteNode(id); err != nil {
			return ec.runtimeErr(ConstraintError, "DeleteConnectedNode", "%v", err)
		}
	}
	ec.pendingDel = nil
	return nil
}

// changeLabels returns the update that adds (SET n:L) or removes (REMOVE
// n:L) labels on the node tf evaluates to; null is left alone.
func changeLabels(tf evalFn, labels []string, add bool) func(*execCtx, []any) error {
	return func(ec *execCtx, row []any) error {
		t, err := tf(ec, row)
		if err != nil || t == nil {
			return err
		}
		n, ok := t.(nodeV)
		if !ok {
			verb := "remove labels from"
			if add {
				verb = "set labels on"
			}
			return ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot %s %s", verb, typeName(t))
		}
		for _, l := range labels {
			if add && ec.g.AddLabel(int64(n), l) {
				ec.stats.LabelsAdded++
			}
			if !add && ec.g.RemoveLabel(int64(n), l) {
				ec.stats.LabelsRemoved++
			}
		}
		return nil
	}
}
