package cypher

// walkExpr calls fn for e and, while fn returns true, for its subexpressions
// in depth-first order.
func walkExpr(e expr, fn func(expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	w := func(xs ...expr) {
		for _, x := range xs {
			if x != nil {
				walkExpr(x, fn)
			}
		}
	}
	switch x := e.(type) {
	case *listExpr:
		w(x.elems...)
	case *mapExpr:
		w(x.vals...)
	case *propExpr:
		w(x.x)
	case *indexExpr:
		w(x.x, x.idx)
	case *sliceExpr:
		w(x.x, x.lo, x.hi)
	case *unaryExpr:
		w(x.x)
	case *binExpr:
		w(x.l, x.r)
	case *isNull:
		w(x.x)
	case *labelExpr:
		w(x.x)
	case *callExpr:
		w(x.args...)
	case *caseExpr:
		w(x.test, x.els)
		w(x.whens...)
		w(x.thens...)
	case *listComp:
		w(x.list, x.where, x.proj)
	case *quantExpr:
		w(x.list, x.where)
	case *reduceExpr:
		w(x.init, x.list, x.body)
	case *patternComp:
		w(x.where, x.proj)
	case *mapProj:
		for _, it := range x.items {
			w(it.val)
		}
	}
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
			for n := range queryVars(v.body) {
				vs[n] = true
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
