package cypher

import "strings"

// walkExpr calls fn for e and, while fn returns true, for its subexpressions
// in depth-first order.
func walkExpr(e expr, fn func(expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	for _, x := range children(e) {
		if x != nil {
			walkExpr(x, fn)
		}
	}
}

// children returns the direct subexpressions of e (some may be nil). The
// body of a subquery expression is not among them: it has a scope of its
// own.
func children(e expr) []expr {
	switch x := e.(type) {
	case *listExpr:
		return x.elems
	case *mapExpr:
		return x.vals
	case *propExpr:
		return []expr{x.x}
	case *indexExpr:
		return []expr{x.x, x.idx}
	case *sliceExpr:
		return []expr{x.x, x.lo, x.hi}
	case *unaryExpr:
		return []expr{x.x}
	case *binExpr:
		return []expr{x.l, x.r}
	case *isNull:
		return []expr{x.x}
	case *labelExpr:
		return []expr{x.x}
	case *callExpr:
		return x.args
	case *caseExpr:
		out := []expr{x.test, x.els}
		out = append(out, x.whens...)
		return append(out, x.thens...)
	case *listComp:
		return []expr{x.list, x.where, x.proj}
	case *quantExpr:
		return []expr{x.list, x.where}
	case *reduceExpr:
		return []expr{x.init, x.list, x.body}
	case *patternComp:
		return []expr{x.where, x.proj}
	case *mapProj:
		out := make([]expr, 0, len(x.items))
		for _, it := range x.items {
			out = append(out, it.val)
		}
		return out
	}
	return nil
}

// misplacedPattern returns the first pattern expression in e that is used
// as a value rather than as a predicate (pred: e itself is in a predicate
// position, such as a WHERE condition or an operand of AND or NOT), or nil.
// Cypher 5 allows patterns only as predicates: a value is written with
// COUNT { … } or a pattern comprehension.
func misplacedPattern(e expr, pred bool) expr {
	if e == nil {
		return nil
	}
	var preds []expr // children in predicate position
	switch x := e.(type) {
	case *patternExpr:
		if pred {
			return nil
		}
		return x
	case *subqueryExpr:
		return nil
	case *unaryExpr:
		if x.op == "NOT" {
			preds = []expr{x.x}
		}
	case *binExpr:
		switch x.op {
		case "AND", "OR", "XOR":
			preds = []expr{x.l, x.r}
		}
	case *callExpr:
		if strings.EqualFold(x.name, "exists") {
			preds = x.args
		}
	case *caseExpr:
		if x.test == nil {
			preds = x.whens
		}
	case *listComp:
		preds = []expr{x.where}
	case *quantExpr:
		preds = []expr{x.where}
	case *patternComp:
		preds = []expr{x.where}
	}
	for _, c := range children(e) {
		isPred := false
		for _, p := range preds {
			if p == c {
				isPred = true
			}
		}
		if m := misplacedPattern(c, isPred); m != nil {
			return m
		}
	}
	return nil
}

// exprVars returns the names of variables e refers to (including locals of
// comprehensions, which callers ignore when not in scope).
func exprVars(e expr) map[string]bool {
	vs := map[string]bool{}
	walkExpr(e, func(x expr) bool {
		switch v := x.(type) {
		case *varExpr:
			vs[v.name] = true
		case *mapProj:
			vs[v.v] = true
		case *subqueryExpr:
			for _, b := range v.bodies {
				for n := range queryVars(b) {
					vs[n] = true
				}
			}
		case *patternExpr:
			for _, n := range v.path.nodes {
				if n.v != "" {
					vs[n.v] = true
				}
			}
			for _, r := range v.path.rels {
				if r.v != "" {
					vs[r.v] = true
				}
			}
		}
		return true
	})
	return vs
}

// splitAnd splits a predicate into its AND conjuncts.
func splitAnd(e expr) []expr {
	if b, ok := e.(*binExpr); ok && b.op == "AND" {
		return append(splitAnd(b.l), splitAnd(b.r)...)
	}
	if e == nil {
		return nil
	}
	return []expr{e}
}

// queryVars returns every name a single query uses as a variable, in
// expressions, patterns and YIELD items: a superset of the outer variables
// a subquery refers to.
func queryVars(sq *singleQuery) map[string]bool {
	vs := map[string]bool{}
	add := func(es ...expr) {
		for _, e := range es {
			if e != nil {
				for n := range exprVars(e) {
					vs[n] = true
				}
			}
		}
	}
	paths := func(ps ...*pathPattern) {
		for _, pp := range ps {
			if pp == nil {
				continue
			}
			if pp.v != "" {
				vs[pp.v] = true
			}
			for _, np := range pp.nodes {
				if np.v != "" {
					vs[np.v] = true
				}
				add(np.props)
			}
			for _, rp := range pp.rels {
				if rp.v != "" {
					vs[rp.v] = true
				}
				add(rp.props)
			}
		}
	}
	items := func(its []*setItem) {
		for _, it := range its {
			add(it.target, it.val)
			if it.v != "" {
				vs[it.v] = true
			}
		}
	}
	for _, cl := range sq.clauses {
		switch x := cl.(type) {
		case *matchClause:
			paths(x.paths...)
			add(x.where)
		case *unwindClause:
			add(x.x)
			vs[x.v] = true
		case *projClause:
			for _, it := range x.items {
				add(it.x)
			}
			for _, si := range x.order {
				add(si.x)
			}
			add(x.skip, x.limit, x.where)
		case *createClause:
			paths(x.paths...)
		case *mergeClause:
			paths(x.path)
			items(x.onCreate)
			items(x.onMatch)
		case *setClause:
			items(x.items)
		case *removeClause:
			items(x.items)
		case *deleteClause:
			add(x.exprs...)
		case *callClause:
			add(x.args...)
			add(x.where)
		}
	}
	return vs
}
