package cypher

// This file holds the syntax tree. Every node records the byte offsets of its
// first character (Pos) and just past its last (End) in the query text.

// span is embedded in every syntax node.
type span struct{ P, E int }

// Pos returns the offset of the node's first byte.
func (s span) Pos() int { return s.P }

// End returns the offset just past the node's last byte.
func (s span) End() int { return s.E }

// node is implemented by every syntax node.
type node interface {
	Pos() int
	End() int
}

// expr is an expression node.
type expr interface {
	node
	exprNode()
}

// clause is a clause node.
type clause interface {
	node
	clauseNode()
}

type (
	litExpr struct {
		span
		val any
	} // null, bool, int64, float64, string
	paramExpr struct {
		span
		name string
	} // $name
	varExpr struct {
		span
		name string
	} // n
	listExpr struct {
		span
		elems []expr
	} // [a, b]
	mapExpr struct {
		span
		keys []string
		vals []expr
	} // {k: v}
	propExpr struct {
		span
		x   expr
		key string
	} // x.key
	indexExpr struct {
		span
		x, idx expr
	} // x[idx]
	sliceExpr struct {
		span
		x, lo, hi expr
	} // x[lo..hi]; lo or hi may be nil
	unaryExpr struct {
		span
		op string
		x  expr
	} // NOT x, -x, +x
	binExpr struct {
		span
		op   string
		l, r expr
	} // l op r
	isNull struct {
		span
		x   expr
		not bool
	} // x IS [NOT] NULL
	labelExpr struct {
		span
		x      expr
		labels []string
	} // x:A:B
	callExpr struct {
		span
		name           string
		distinct, star bool
		args           []expr
	} // f(DISTINCT a), count(*)
	caseExpr struct {
		span
		test         expr
		whens, thens []expr
		els          expr
	} // CASE [test] WHEN … THEN … [ELSE …] END
	listComp struct {
		span
		v                 string
		list, where, proj expr
	} // [v IN list WHERE … | proj]
	quantExpr struct {
		span
		kind, v     string
		list, where expr
	} // all(v IN list WHERE …)
	reduceExpr struct {
		span
		acc        string
		init       expr
		v          string
		list, body expr
	} // reduce(acc = init, v IN list | body)
	patternExpr struct {
		span
		path *pathPattern
	} // (a)-->(b) as a predicate
	patternComp struct {
		span
		path        *pathPattern
		where, proj expr
	} // [p = (a)-->(b) WHERE … | proj]
	mapProj struct {
		span
		v     string
		items []mapProjItem
	} // v{.k, k: e, .*}
	subqueryExpr struct {
		span
		kind   string         // "EXISTS", "COUNT" or "COLLECT"
		bodies []*singleQuery // one, or the parts of a UNION
		all    bool           // UNION ALL between the bodies
	} // EXISTS { … }, COUNT { … } or COLLECT { … }: a pattern with WHERE, or a query, or a UNION of queries
)

// mapProjItem is one map projection element: .key, key: expr, or .* (all).
type mapProjItem struct {
	key  string
	val  expr // nil for .key and .*
	all  bool
	prop bool
}

func (*litExpr) exprNode()      {}
func (*paramExpr) exprNode()    {}
func (*varExpr) exprNode()      {}
func (*listExpr) exprNode()     {}
func (*mapExpr) exprNode()      {}
func (*propExpr) exprNode()     {}
func (*indexExpr) exprNode()    {}
func (*sliceExpr) exprNode()    {}
func (*unaryExpr) exprNode()    {}
func (*binExpr) exprNode()      {}
func (*isNull) exprNode()       {}
func (*labelExpr) exprNode()    {}
func (*callExpr) exprNode()     {}
func (*caseExpr) exprNode()     {}
func (*listComp) exprNode()     {}
func (*quantExpr) exprNode()    {}
func (*reduceExpr) exprNode()   {}
func (*patternExpr) exprNode()  {}
func (*patternComp) exprNode()  {}
func (*mapProj) exprNode()      {}
func (*subqueryExpr) exprNode() {}

// Path pattern kinds.
const (
	pathPlain = iota
	pathShortest
	pathAllShortest
)

// pathPattern is a [v =] (a)-[r]->(b)… chain, possibly inside shortestPath.
type pathPattern struct {
	span
	v     string // path variable; or ""
	vpos  int
	kind  int
	nodes []*nodePattern
	rels  []*relPattern // len(rels) == len(nodes)-1
}

// nodePattern is (v:L1:L2 {k: e}).
type nodePattern struct {
	span
	v      string
	labels []string
	props  expr // *mapExpr or *paramExpr; or nil
}

// Relationship directions as written.
const (
	dirBoth  = iota // -[]-
	dirRight        // -[]->
	dirLeft         // <-[]-
)

// relPattern is -[v:T1|T2 *min..max {k: e}]->.
type relPattern struct {
	span
	v        string
	types    []string
	props    expr
	dir      int
	varLen   bool
	min, max int64 // max < 0: unbounded
}

type (
	matchClause struct {
		span
		optional bool
		paths    []*pathPattern
		where    expr
	}
	unwindClause struct {
		span
		x expr
		v string
	}
	projClause struct {
		span
		ret      bool // RETURN, else WITH
		distinct bool
		star     bool
		items    []*projItem
		order    []*sortItem
		skip     expr
		limit    expr
		where    expr
	}
	createClause struct {
		span
		paths []*pathPattern
	}
	mergeClause struct {
		span
		path     *pathPattern
		onCreate []*setItem
		onMatch  []*setItem
	}
	setClause struct {
		span
		items []*setItem
	}
	removeClause struct {
		span
		items []*setItem
	}
	deleteClause struct {
		span
		detach bool
		exprs  []expr
	}
	callClause struct {
		span
		proc     string // dotted name
		procPos  int
		args     []expr
		implicit bool // CALL p without parentheses: arguments from parameters
		yieldAll bool // YIELD *
		yields   []*yieldItem
		where    expr
	} // CALL p(args) [YIELD a, b AS c [WHERE …]]
)

// yieldItem is one YIELD item: procedure output name [AS alias].
type yieldItem struct {
	span
	name  string
	alias string // the variable bound; equals name when there is no AS
}

func (*matchClause) clauseNode()  {}
func (*unwindClause) clauseNode() {}
func (*projClause) clauseNode()   {}
func (*createClause) clauseNode() {}
func (*mergeClause) clauseNode()  {}
func (*setClause) clauseNode()    {}
func (*removeClause) clauseNode() {}
func (*deleteClause) clauseNode() {}
func (*callClause) clauseNode()   {}

// projItem is one RETURN/WITH item: expression, alias (or ""), verbatim text.
type projItem struct {
	x     expr
	alias string
	text  string
}

// sortItem is an ORDER BY key.
type sortItem struct {
	x    expr
	desc bool
}

// Set item kinds.
const (
	setProp   = iota // x.k = v  (REMOVE x.k)
	setAll           // x = map
	setMerge         // x += map
	setLabels        // x:A:B  (REMOVE x:A)
)

// setItem is one SET or REMOVE item.
type setItem struct {
	span
	kind   int
	target expr // *propExpr for setProp, *varExpr otherwise
	v      string
	labels []string
	val    expr
}

// singleQuery is a sequence of clauses; query is single queries joined by UNION.
type singleQuery struct {
	span
	clauses []clause
}

type query struct {
	parts []*singleQuery
	all   []bool // all[i]: UNION ALL between parts[i] and parts[i+1]
}
