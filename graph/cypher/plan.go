package cypher

import (
	"context"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/kgnews/kg/graph/value"
)

// program is a compiled query: one plan per UNION part.
type program struct {
	params map[string]bool
	writes bool
	width  int
	parts  []*partPlan
	union  bool // UNION (distinct) between parts
	cols   []string
	src    string
	maxMem int64    // memory budget of a run; 0: none
	mode   planMode // EXPLAIN, PROFILE or a plain run
}

type partPlan struct {
	root  operator
	cols  []string
	slots []int // result slots; nil when the query returns nothing
}

func prepare(src string, opts Options) (prog *program, err error) {
	mode, body := splitMode(src)
	if mode != modeRun {
		defer func() {
			if e, ok := err.(*Error); ok {
				e.Query = src // the text with its EXPLAIN or PROFILE
			}
		}()
	}
	q, perr := parse(body)
	if perr != nil {
		return nil, perr
	}
	c := &compiler{src: body, params: map[string]bool{}, opts: opts}
	prog = &program{params: c.params, src: src, mode: mode}
	for i, sq := range q.parts {
		pp, err := c.compileSingle(sq)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			if q.all[i-1] != q.all[0] {
				return nil, c.errAt(sq, SyntaxError, "InvalidClauseComposition", "cannot mix UNION and UNION ALL")
			}
			if strings.Join(pp.cols, "\x00") != strings.Join(prog.parts[0].cols, "\x00") {
				return nil, c.errAt(sq, SyntaxError, "DifferentColumnsInUnion", "all parts of a UNION must return the same columns")
			}
		}
		prog.parts = append(prog.parts, pp)
	}
	if len(c.deferred) > 0 {
		return nil, c.deferred[0]
	}
	prog.union = len(q.all) > 0 && !q.all[0]
	prog.cols = prog.parts[0].cols
	prog.writes = c.writes
	prog.width = c.nslots
	prog.maxMem = opts.MaxMemory
	if mode == modeProfile {
		for _, pp := range prog.parts {
			pp.root = instrument(pp.root)
		}
	}
	return prog, nil
}

func (p *program) run(ctx context.Context, g Graph, params map[string]any) (*Result, error) {
	ec := &execCtx{ctx: ctx, g: g, params: params, width: p.width, src: p.src, maxMem: p.maxMem,
		deleted: map[int64]bool{}, delRels: map[int64]string{}}
	if ec.params == nil {
		ec.params = map[string]any{}
	}
	if p.mode == modeProfile {
		ec.g = hitGraph{Graph: g, hits: &ec.hits}
		for _, pp := range p.parts {
			resetProfile(pp.root)
		}
	}
	res := &Result{Columns: p.cols}
	var seen *rowSet
	if p.union {
		seen = &rowSet{}
	}
	for _, pp := range p.parts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := pp.root.open(ec, nil); err != nil {
			return nil, err
		}
		for {
			row, err := pp.root.next(ec)
			if err != nil {
				return nil, err
			}
			if row == nil {
				break
			}
			if pp.slots == nil {
				continue
			}
			if seen != nil {
				added, size := seen.add(row, pp.slots)
				if !added {
					continue
				}
				if err := ec.grow(size + bytesKey); err != nil {
					return nil, err
				}
			}
			out := value.ConvertList(pp.slots, func(s int) any { return exportValue(ec, row[s]) })
			if ec.maxMem > 0 {
				if err := ec.grow(deepBytes(out)); err != nil {
					return nil, err
				}
			}
			res.Rows = append(res.Rows, out)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := finishDeletes(ec); err != nil {
		return nil, err
	}
	if res.Columns == nil {
		res.Columns = []string{}
	}
	if res.Rows == nil {
		res.Rows = [][]any{}
	}
	res.Stats = ec.stats
	if p.mode == modeProfile {
		res.Plan = p.plan(true, int64(len(res.Rows)), ec.hits)
	}
	return res, nil
}

// exportValue converts an internal value to the API representation.
func exportValue(ec *execCtx, v any) any {
	switch x := v.(type) {
	case nodeV:
		return exportNode(ec, int64(x))
	case relV:
		return exportRel(ec, int64(x))
	case pathV:
		return Path{
			Nodes: value.ConvertList(x.nodes, func(n int64) Node { return exportNode(ec, n) }),
			Rels:  value.ConvertList(x.rels, func(r int64) Relationship { return exportRel(ec, r) }),
		}
	case []any:
		return value.ConvertList(x, func(e any) any { return exportValue(ec, e) })
	case map[string]any:
		return value.ConvertMap(x, func(e any) any { return exportValue(ec, e) })
	}
	return v
}

func exportNode(ec *execCtx, id int64) Node {
	n := Node{ID: id, Labels: append([]string{}, ec.g.NodeLabels(id)...), Props: map[string]any{}}
	for k, v := range ec.g.NodeProps(id) {
		n.Props[k] = v
	}
	return n
}

func exportRel(ec *execCtx, id int64) Relationship {
	t, s, e, _ := ec.g.Rel(id)
	r := Relationship{ID: id, Type: t, StartID: s, EndID: e, Props: map[string]any{}}
	for k, v := range ec.g.RelProps(id) {
		r.Props[k] = v
	}
	return r
}

func isUpdating(cl clause) bool {
	switch cl.(type) {
	case *createClause, *mergeClause, *setClause, *removeClause, *deleteClause:
		return true
	}
	return false
}

// compileSingle plans one single query (no UNION).
func (c *compiler) compileSingle(sq *singleQuery) (*partPlan, error) {
	return c.compileClauses(sq, newScope(), false)
}

// compileSubquery compiles EXISTS { … } or COUNT { … }: the body runs, with
// the outer variables of sc in scope, once per evaluation on the current
// row; EXISTS is true when it yields a row, COUNT counts its rows.
func (c *compiler) compileSubquery(x *subqueryExpr, sc *scope) (evalFn, error) {
	var parts []*partPlan
	for _, body := range x.bodies {
		for _, cl := range body.clauses {
			if isUpdating(cl) {
				return nil, c.errAt(cl, SyntaxError, "InvalidClauseComposition", "a subquery expression cannot update the graph")
			}
		}
		savedAggs, savedIn := c.aggs, c.inAgg
		c.aggs, c.inAgg = nil, false
		pp, err := c.compileClauses(body, sc.clone(), true)
		c.aggs, c.inAgg = savedAggs, savedIn
		if err != nil {
			return nil, err
		}
		if x.kind == "COLLECT" && len(pp.slots) != 1 {
			return nil, c.errAt(body, SemanticError, "InvalidClauseComposition", "a COLLECT subquery must end with a RETURN of exactly one column")
		}
		if len(parts) > 0 && strings.Join(pp.cols, "\x00") != strings.Join(parts[0].cols, "\x00") {
			return nil, c.errAt(body, SyntaxError, "DifferentColumnsInUnion", "all parts of a UNION must return the same columns")
		}
		parts = append(parts, pp)
	}
	kind, distinct := x.kind, len(parts) > 1 && !x.all
	return func(ec *execCtx, row []any) (any, error) {
		var (
			n    int64
			list []any
			seen *rowSet
		)
		if distinct {
			seen = &rowSet{}
		}
		for _, pp := range parts {
			if err := pp.root.open(ec, copyRow(row)); err != nil {
				return nil, err
			}
			for {
				r, err := pp.root.next(ec)
				if err != nil {
					return nil, err
				}
				if r == nil {
					break
				}
				if seen != nil && pp.slots != nil {
					if added, _ := seen.add(r, pp.slots); !added {
						continue
					}
				}
				switch kind {
				case "EXISTS":
					return true, nil
				case "COLLECT":
					list = append(list, r[pp.slots[0]])
				}
				n++
			}
		}
		switch kind {
		case "COUNT":
			return n, nil
		case "COLLECT":
			if list == nil {
				list = []any{}
			}
			return list, nil
		}
		return false, nil
	}, nil
}

// compileClauses plans the clauses of sq starting from the variables of sc.
// A subquery body (sub) may end with any reading clause.
func (c *compiler) compileClauses(sq *singleQuery, sc *scope, sub bool) (*partPlan, error) {
	var op operator = &argOp{}
	pp := &partPlan{}
	for i, cl := range sq.clauses {
		last := i == len(sq.clauses)-1
		var err error
		switch x := cl.(type) {
		case *matchClause:
			if x.optional {
				inner := sc.clone()
				var sub operator
				if sub, err = c.planMatch(&argOp{}, x.paths, inner, x.where); err != nil {
					return nil, err
				}
				var slots []int
				for n, s := range inner.vars {
					if _, ok := sc.vars[n]; !ok {
						slots = append(slots, s.slot)
					}
				}
				sort.Ints(slots)
				op = &optionalOp{in: op, sub: sub, slots: slots}
				sc = inner
			} else {
				op, err = c.planMatch(op, x.paths, sc, x.where)
			}
		case *unwindClause:
			op, err = c.planUnwind(op, x, sc)
		case *projClause:
			if x.ret && !last {
				return nil, c.errAt(sq.clauses[i+1], SyntaxError, "InvalidClauseComposition", "RETURN must be the last clause")
			}
			var cols []string
			var slots []int
			op, sc, cols, slots, err = c.planProjection(op, x, sc)
			if x.ret {
				pp.cols, pp.slots = cols, slots
			}
		case *createClause:
			c.writes = true
			op, err = c.planCreate(op, x, sc)
		case *mergeClause:
			c.writes = true
			op, err = c.planMerge(op, x, sc)
		case *setClause:
			c.writes = true
			op, err = c.planSet(op, x.items, sc, "Set")
		case *removeClause:
			c.writes = true
			op, err = c.planRemove(op, x, sc)
		case *deleteClause:
			c.writes = true
			op, err = c.planDelete(op, x, sc)
		case *callClause:
			standalone := len(sq.clauses) == 1 && !sub
			var cols []string
			var slots []int
			op, cols, slots, err = c.planCall(op, x, sc, standalone)
			if standalone {
				pp.cols, pp.slots = cols, slots
			}
		default:
			return nil, c.errAt(cl, SyntaxError, "UnexpectedSyntax", "unsupported clause")
		}
		if err != nil {
			return nil, err
		}
		if last && !sub {
			if _, ok := cl.(*projClause); ok && !cl.(*projClause).ret {
				return nil, c.errAt(cl, SyntaxError, "InvalidClauseComposition", "a query cannot end with WITH")
			}
			if call, ok := cl.(*callClause); ok {
				if d, found := lookupProc(c.opts, call.proc); found && len(d.p.Outputs) > 0 && len(sq.clauses) > 1 {
					return nil, c.errAt(cl, SyntaxError, "InvalidClauseComposition", "a query cannot end with a call of a procedure with outputs")
				}
			} else if !isUpdating(cl) {
				if _, ok := cl.(*projClause); !ok {
					return nil, c.errAt(cl, SyntaxError, "InvalidClauseComposition", "a query must end with RETURN or an updating clause")
				}
			}
		}
	}
	pp.root = op
	return pp, nil
}

// checkPatterns rejects pattern expressions used as values in es (pred:
// es are predicates).
func (c *compiler) checkPatterns(pred bool, es ...expr) error {
	for _, e := range es {
		if m := misplacedPattern(e, pred); m != nil {
			return c.errAt(m, SyntaxError, "UnexpectedSyntax",
				"a pattern expression can only be used as a predicate: use EXISTS { … }, COUNT { … } or a pattern comprehension")
		}
	}
	return nil
}

func (c *compiler) planUnwind(op operator, x *unwindClause, sc *scope) (operator, error) {
	if err := c.checkPatterns(false, x.x); err != nil {
		return nil, err
	}
	f, err := c.compileExpr(x.x, sc)
	if err != nil {
		return nil, err
	}
	if _, ok := sc.vars[x.v]; ok {
		return nil, c.errAt(x, SyntaxError, "VariableAlreadyBound", "variable `"+x.v+"` already declared")
	}
	slot := c.slot()
	sc.vars[x.v] = symbol{slot: slot, kind: kAny}
	return &unwindOp{in: op, name: "Unwind(" + x.v + ")", list: f, slot: slot}, nil
}

// unwindOp yields, for each input row, one row per element of its list,
// one at a time: a long list is never expanded into rows all at once.
type unwindOp struct {
	in   operator
	name string
	list evalFn
	slot int

	cur   []any // input row being unwound; nil before the first
	elems []any
	pos   int
}

func (o *unwindOp) open(ec *execCtx, arg []any) error {
	o.cur, o.elems, o.pos = nil, nil, 0
	return o.in.open(ec, arg)
}

func (o *unwindOp) next(ec *execCtx) ([]any, error) {
	for {
		if o.cur != nil && o.pos < len(o.elems) {
			if err := ec.tick(); err != nil {
				return nil, err
			}
			out := copyRow(o.cur)
			out[o.slot] = o.elems[o.pos]
			o.pos++
			return out, nil
		}
		in, err := o.in.next(ec)
		if err != nil || in == nil {
			o.cur, o.elems = nil, nil
			return nil, err
		}
		v, err := o.list(ec, in)
		if err != nil {
			return nil, err
		}
		o.cur, o.pos = in, 0
		switch l := v.(type) {
		case nil:
			o.elems = nil
		case []any:
			o.elems = l
		default:
			o.elems = []any{v}
		}
	}
}

func (o *unwindOp) describe() (string, []operator) { return o.name, []operator{o.in} }

func exprText(c *compiler, e expr) string { return strings.TrimSpace(c.src[e.Pos():e.End()]) }

// kindOf returns the symbol kind an expression yields.
func (c *compiler) kindOf(e expr, sc *scope) kind {
	if v, ok := e.(*varExpr); ok {
		if s, ok := sc.lookup(v.name); ok {
			return s.kind
		}
	}
	switch c.staticType(e, sc) {
	case stNode:
		return kNode
	case stRel:
		return kRel
	case stPath:
		return kPath
	case stBool, stInt, stFloat, stString, stList, stMap:
		return kValue
	}
	return kAny
}

// planProjection plans WITH and RETURN.
func (c *compiler) planProjection(op operator, pc *projClause, sc *scope) (operator, *scope, []string, []int, error) {
	items := append([]*projItem(nil), pc.items...)
	for _, it := range items {
		if err := c.checkPatterns(false, it.x); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	for _, si := range pc.order {
		if err := c.checkPatterns(false, si.x); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	if err := c.checkPatterns(true, pc.where); err != nil {
		return nil, nil, nil, nil, err
	}
	if pc.star {
		names := slices.Sorted(maps.Keys(sc.vars))
		if len(names) == 0 && pc.ret && len(pc.items) == 0 {
			return nil, nil, nil, nil, c.errAt(pc, SyntaxError, "NoVariablesInScope", "RETURN * with no variables in scope")
		}
		var star []*projItem
		for _, n := range names {
			star = append(star, &projItem{x: &varExpr{span{pc.P, pc.P}, n}, text: n})
		}
		items = append(star, items...)
	}
	cols := make([]string, len(items))
	texts := make([]string, len(items)) // "expr AS alias", for the plan
	seenCol := map[string]bool{}
	for i, it := range items {
		cols[i], texts[i] = it.text, it.text
		if it.alias != "" {
			cols[i] = it.alias
			if it.alias != it.text {
				texts[i] += " AS " + it.alias
			}
		} else if !pc.ret {
			if _, ok := it.x.(*varExpr); !ok {
				return nil, nil, nil, nil, c.errAt(it.x, SyntaxError, "NoExpressionAlias", "expression in WITH must be aliased (use AS)")
			}
		}
		if seenCol[cols[i]] {
			return nil, nil, nil, nil, c.errAt(it.x, SyntaxError, "ColumnNameConflict", "multiple columns named "+cols[i])
		}
		seenCol[cols[i]] = true
	}
	hasAgg := false
	for _, it := range items {
		if containsAggregate(it.x) {
			hasAgg = true
		}
	}
	newSc := newScope()
	slots := make([]int, len(items))
	fns := make([]evalFn, len(items))
	var aggs []*aggSpec
	var keyIdx, aggIdx []int
	for i, it := range items {
		slots[i] = c.slot()
		if hasAgg && containsAggregate(it.x) {
			if err := c.checkAmbiguous(it.x, items); err != nil {
				return nil, nil, nil, nil, err
			}
			c.aggs = &aggs
			f, err := c.compileExpr(it.x, sc)
			c.aggs = nil
			if err != nil {
				return nil, nil, nil, nil, err
			}
			fns[i] = f
			aggIdx = append(aggIdx, i)
		} else {
			f, err := c.compileExpr(it.x, sc)
			if err != nil {
				return nil, nil, nil, nil, err
			}
			fns[i] = f
			keyIdx = append(keyIdx, i)
		}
		newSc.vars[cols[i]] = symbol{slot: slots[i], kind: c.kindOf(it.x, sc), st: c.staticType(it.x, sc)}
	}
	var count operator
	if hasAgg && len(items) == 1 {
		count = countFromStore(op, items, sc, slots[0], texts[0])
	}
	if count != nil {
		op = count
	} else if hasAgg {
		op = c.aggregateOp(op, fns, slots, keyIdx, aggIdx, aggs)
		op.(*aggOp).text = strings.Join(texts, ", ")
	} else {
		op = &flatOp{in: op, name: "Projection(" + strings.Join(texts, ", ") + ")", fn: func(ec *execCtx, row []any, emit func([]any)) error {
			out := copyRow(row)
			for i, f := range fns {
				v, err := f(ec, row)
				if err != nil {
					return err
				}
				out[slots[i]] = v
			}
			emit(out)
			return nil
		}}
	}
	if pc.distinct {
		op = &distinctOp{in: op, slots: slots}
	}
	// ORDER BY and WHERE see the projected columns and, unless DISTINCT or
	// an aggregation collapsed the rows, the incoming variables too.
	// Collapsed, they read a projected expression from its column, whole or
	// inside a larger one (ORDER BY a.name + 'C' after WITH a.name AS name,
	// count(*) AS c), and any other variable declared before is an error.
	after := newSc
	var projected map[string]int
	if hasAgg || pc.distinct {
		projected = c.projectedExprs(items, cols, slots)
		saved := c.hidden
		c.hidden = map[string]bool{}
		for n := range sc.vars {
			if _, ok := newSc.vars[n]; !ok {
				c.hidden[n] = true
			}
		}
		defer func() { c.hidden = saved }()
	} else {
		after = sc.clone()
		for n, s := range newSc.vars {
			after.vars[n] = s
		}
	}
	if len(pc.order) > 0 {
		var keys []sortKey
		for _, si := range pc.order {
			f, err := c.compileSortExpr(si.x, items, slots, cols, after, hasAgg, projected)
			if err != nil {
				return nil, nil, nil, nil, err
			}
			keys = append(keys, sortKey{f, si.desc})
		}
		op = &eagerOp{in: op, name: "Sort", fn: func(ec *execCtx, rows [][]any) ([][]any, error) { return sortRows(ec, rows, keys) }}
	}
	if pc.skip != nil {
		f, err := c.compileCount(pc.skip, "SKIP")
		if err != nil {
			return nil, nil, nil, nil, err
		}
		op = &limitOp{in: op, count: f, skip: true}
	}
	if pc.limit != nil {
		f, err := c.compileCount(pc.limit, "LIMIT")
		if err != nil {
			return nil, nil, nil, nil, err
		}
		op = &limitOp{in: op, count: f, drain: c.writes}
	}
	if pc.where != nil {
		f, err := c.compileSubst(pc.where, after, projected)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		op = &filterOp{in: op, pred: f, text: exprText(c, pc.where)}
	}
	return op, newSc, cols, slots, nil
}

// checkAmbiguous rejects variables used outside aggregates in an aggregating
// item unless they are grouping keys.
func (c *compiler) checkAmbiguous(e expr, items []*projItem) error {
	keys := map[string]bool{}
	for _, it := range items {
		if !containsAggregate(it.x) {
			keys[exprText(c, it.x)] = true
			if it.alias != "" {
				keys[it.alias] = true
			}
		}
	}
	var bad expr
	walkExpr(e, func(x expr) bool {
		if bad != nil || isAggregateCall(x) {
			return false
		}
		switch v := x.(type) {
		case *propExpr:
			if keys[exprText(c, v)] {
				return false
			}
		case *varExpr:
			if !keys[v.name] {
				bad = v
			}
			return false
		case *listComp, *quantExpr, *reduceExpr, *patternComp, *patternExpr:
			return false
		}
		return true
	})
	if bad != nil {
		return c.errAt(bad, SyntaxError, "AmbiguousAggregationExpression", "expression mixes aggregation with a non-grouping variable")
	}
	return nil
}

// readsRebound reports, for each item of a projection, whether it reads a
// variable that the projection rebinds to another value (WITH x % 3 AS x,
// WITH a.name AS a): after the projection its text means something else,
// so ORDER BY and WHERE must not read it from the item's column.
func readsRebound(items []*projItem, cols []string) []bool {
	rebound := map[string]bool{}
	for i, it := range items {
		if v, ok := it.x.(*varExpr); !ok || v.name != cols[i] {
			rebound[cols[i]] = true
		}
	}
	out := make([]bool, len(items))
	for i, it := range items {
		for v := range exprVars(it.x) {
			out[i] = out[i] || rebound[v]
		}
	}
	return out
}

// projectedExprs maps the text of each grouping (non-aggregate) item of a
// projection to its slot, for ORDER BY and WHERE after DISTINCT or an
// aggregation; items that read a rebound variable are left out.
func (c *compiler) projectedExprs(items []*projItem, cols []string, slots []int) map[string]int {
	rebound := readsRebound(items, cols)
	out := map[string]int{}
	for i, it := range items {
		if !rebound[i] && !containsAggregate(it.x) {
			out[exprText(c, it.x)] = slots[i]
		}
	}
	return out
}

// compileSubst compiles e in scope sc reading the expressions in subst
// (text to slot) from their slots.
func (c *compiler) compileSubst(e expr, sc *scope, subst map[string]int) (evalFn, error) {
	saved := c.subst
	c.subst = subst
	defer func() { c.subst = saved }()
	return c.compileExpr(e, sc)
}

func (c *compiler) compileSortExpr(e expr, items []*projItem, slots []int, cols []string, sc *scope, hasAgg bool, projected map[string]int) (evalFn, error) {
	text := exprText(c, e)
	rebound := readsRebound(items, cols)
	for i, it := range items {
		if cols[i] == text || it.text == text && !rebound[i] {
			slot := slots[i]
			return func(_ *execCtx, row []any) (any, error) { return row[slot], nil }, nil
		}
	}
	if hasAgg && containsAggregate(e) {
		return c.compileAggSortExpr(e, items, slots, sc)
	}
	return c.compileSubst(e, sc, projected)
}

// compileAggSortExpr compiles an ORDER BY expression holding aggregates
// after an aggregating projection: its aggregates and property accesses
// must be projected items (read from their columns), its variables
// projected aliases; constants and parameters are free.
func (c *compiler) compileAggSortExpr(e expr, items []*projItem, slots []int, sc *scope) (evalFn, error) {
	subst := map[string]int{}
	keyVars := map[string]bool{} // variables the grouping keys use
	for i, it := range items {
		switch it.x.(type) {
		case *propExpr, *callExpr:
			subst[exprText(c, it.x)] = slots[i]
		}
		if !containsAggregate(it.x) {
			for v := range exprVars(it.x) {
				keyVars[v] = true
			}
		}
	}
	// An aggregate that is not a projected item may not be computed here;
	// the variables it reads are checked first, as Neo4j does: one that
	// the projection hid is an undefined variable.
	var bad *Error
	var check func(x expr, inAgg bool)
	check = func(x expr, inAgg bool) {
		walkExpr(x, func(x expr) bool {
			if bad != nil {
				return false
			}
			if _, ok := subst[exprText(c, x)]; ok {
				return false
			}
			switch x := x.(type) {
			case *callExpr:
				if isAggregateCall(x) && !inAgg {
					for _, a := range x.args {
						check(a, true)
					}
					return false
				}
			case *listComp, *quantExpr, *reduceExpr, *patternComp, *patternExpr:
				return false // their own variables; compiling checks the rest
			}
			if v, ok := x.(*varExpr); ok {
				if _, ok := sc.lookup(v.name); !ok {
					if keyVars[v.name] && !inAgg {
						bad = c.errAt(v, SyntaxError, "AmbiguousAggregationExpression",
							"ORDER BY mixes aggregation with `"+v.name+"`, which is not a projected column")
					} else {
						bad = c.undefinedVar(v, v.name)
					}
				}
			}
			return true
		})
	}
	check(e, false)
	if bad != nil {
		return nil, bad
	}
	return c.compileSubst(e, sc, subst)
}

// compileCount compiles a SKIP or LIMIT expression, which must be constant.
func (c *compiler) compileCount(e expr, what string) (evalFn, error) {
	if len(exprVars(e)) > 0 {
		return nil, c.errAt(e, SyntaxError, "NonConstantExpression", what+" must be a constant")
	}
	if l, ok := e.(*litExpr); ok {
		switch v := l.val.(type) {
		case int64:
			if v < 0 {
				return nil, c.errAt(e, SyntaxError, "NegativeIntegerArgument", what+" must be non-negative")
			}
		default:
			return nil, c.errAt(e, SyntaxError, "InvalidArgumentType", what+" must be an integer")
		}
	}
	if u, ok := e.(*unaryExpr); ok && u.op == "-" {
		if l, ok := u.x.(*litExpr); ok {
			if _, ok := l.val.(int64); ok {
				return nil, c.errAt(e, SyntaxError, "NegativeIntegerArgument", what+" must be non-negative")
			}
		}
	}
	return c.compileExpr(e, newScope())
}

// aggregateOp groups rows by the key items and computes the aggregates.
func (c *compiler) aggregateOp(in operator, fns []evalFn, slots []int, keyIdx, aggIdx []int, aggs []*aggSpec) operator {
	return &aggOp{in: in, fns: fns, slots: slots, keyIdx: keyIdx, aggIdx: aggIdx, aggs: aggs}
}

// aggOp groups its input rows by the key items as it pulls them, keeping one
// row per group (its first, with the keys set) and the aggregate states,
// then yields one row per group in order of first appearance.
type aggOp struct {
	text   string // the projection, for the plan
	in     operator
	fns    []evalFn
	slots  []int
	keyIdx []int
	aggIdx []int
	aggs   []*aggSpec

	out  [][]any
	pos  int
	done bool
	held int // bytes charged to the budget
}

type aggGroup struct {
	rep    []any
	states []aggState
}

func (o *aggOp) open(ec *execCtx, arg []any) error {
	o.out, o.pos, o.done = nil, 0, false
	ec.shrink(o.held)
	o.held = 0
	return o.in.open(ec, arg)
}

func (o *aggOp) newGroup(rep []any) *aggGroup {
	g := &aggGroup{rep: rep, states: make([]aggState, len(o.aggs))}
	for i, a := range o.aggs {
		g.states[i].spec = a
	}
	return g
}

func (o *aggOp) run(ec *execCtx) error {
	groups := map[string]*aggGroup{}
	var order []*aggGroup
	var single *aggGroup // the only group when there are no keys
	var key, buf []byte
	var vals []any
	rows := 0
	for {
		r, err := o.in.next(ec)
		if err != nil {
			return err
		}
		if r == nil {
			break
		}
		rows++
		if err := ec.tick(); err != nil {
			return err
		}
		var g *aggGroup
		if len(o.keyIdx) == 0 {
			if single == nil {
				single = o.newGroup(copyRow(r))
				order = append(order, single)
			}
			g = single
		} else {
			key, vals = key[:0], vals[:0]
			for _, i := range o.keyIdx {
				v, err := o.fns[i](ec, r)
				if err != nil {
					return err
				}
				vals = append(vals, v)
				key = appendKey(key, v)
				key = append(key, '|')
			}
			if g = groups[string(key)]; g == nil {
				rep := copyRow(r)
				for j, i := range o.keyIdx {
					rep[o.slots[i]] = vals[j]
				}
				g = o.newGroup(rep)
				groups[string(key)] = g
				order = append(order, g)
				n := heldRowBytes(rep) + len(key) + bytesKey
				o.held += n
				if err := ec.grow(n); err != nil {
					return err
				}
			}
		}
		for i := range g.states {
			var n int
			if buf, n, err = g.states[i].step(ec, r, buf); err != nil {
				return err
			}
			if n > 0 {
				o.held += n
				if err := ec.grow(n); err != nil {
					return err
				}
			}
		}
		recycleTo(o.in, r)
	}
	if rows == 0 && len(o.keyIdx) == 0 {
		order = append(order, o.newGroup(ec.newRow()))
	}
	o.out = make([][]any, 0, len(order))
	for _, g := range order {
		row := g.rep
		for j := range g.states {
			v, err := g.states[j].result(ec)
			if err != nil {
				return err
			}
			row[o.aggs[j].slot] = v
		}
		for _, i := range o.aggIdx {
			v, err := o.fns[i](ec, row)
			if err != nil {
				return err
			}
			row[o.slots[i]] = v
		}
		o.out = append(o.out, row)
	}
	return nil
}

func (o *aggOp) next(ec *execCtx) ([]any, error) {
	if !o.done {
		o.done = true
		if err := o.run(ec); err != nil {
			return nil, err
		}
	}
	if o.pos < len(o.out) {
		r := o.out[o.pos]
		o.out[o.pos] = nil
		o.pos++
		return r, nil
	}
	return nil, nil
}

func (o *aggOp) describe() (string, []operator) {
	if o.text == "" {
		return "EagerAggregation", []operator{o.in}
	}
	return "EagerAggregation(" + o.text + ")", []operator{o.in}
}

// rowSet is the set of rows a UNION has produced, by the values of their
// projected slots.
type rowSet struct {
	seen map[string]bool
	key  []byte // scratch
}

// add adds the projection of row on slots and reports whether it is new,
// and the bytes its key holds.
func (s *rowSet) add(row []any, slots []int) (added bool, size int) {
	s.key = s.key[:0]
	for _, i := range slots {
		s.key = append(appendKey(s.key, row[i]), '|')
	}
	if s.seen[string(s.key)] {
		return false, 0
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[string(s.key)] = true
	return true, len(s.key)
}
