package cypher

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// parser is a recursive-descent parser with one token of lookahead. The first
// syntax error aborts parsing through a bailout panic recovered in parse.
type parser struct {
	src string
	sc  scanner
	tok token // current token
	err *Error
	// prevEnd is the end offset of the last consumed token.
	prevEnd int
	// speculative parsing depth: errors bail out without being recorded
	depth int
	// nest is the nesting of expressions being parsed (see enter); steps
	// counts tokens read, re-reads after backtracking included, against
	// maxSteps; fatal is an error no backtracking may undo.
	nest     int
	steps    int
	maxSteps int
	fatal    *Error
}

// Parser limits: nesting deeper than MaxNesting levels (parentheses,
// brackets, braces, unary operators, subqueries, or every chainPerLevel
// operators of a chain such as a + b + c, which builds a left-deep tree)
// fails with a SyntaxError wrapping ErrTooComplex, as does a query whose
// parsing would read more than stepsPerByte tokens per byte of its text
// (backtracking gone exponential), so that parsing stays linear and the
// checker, planner and executor, which recurse over the tree, stay within
// their stacks.
const (
	MaxNesting    = 500
	chainPerLevel = 20
	stepsPerByte  = 64
)

// ErrTooComplex is wrapped by the *Error of a query nested deeper than
// MaxNesting or too costly to parse.
var ErrTooComplex = errors.New("query too complex")

type bailout struct{}

func parse(src string) (q *query, err *Error) {
	p := &parser{src: src, maxSteps: stepsPerByte*len(src) + 4096}
	p.sc = scanner{src: src, err: func(off int, detail, msg string) { p.fail(off, detail, msg) }}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
			q, err = nil, p.err
			if p.fatal != nil {
				err = p.fatal
			}
		}
	}()
	p.next()
	q = p.parseQuery()
	return q, nil
}

func (p *parser) fail(off int, detail, msg string) {
	// A speculative error is dropped when try backtracks: building it
	// (line and column are O(len(src))) would make parsing quadratic.
	if p.err == nil && p.depth == 0 {
		p.err = newError(SyntaxError, CompileTime, detail, msg, p.src, off)
	}
	panic(bailout{})
}

// failFatal fails with an error that ends parsing, speculative or not.
func (p *parser) failFatal(off int, msg string) {
	if p.fatal == nil {
		p.fatal = newError(SyntaxError, CompileTime, "QueryTooComplex", msg, p.src, off)
		p.fatal.cause = ErrTooComplex
	}
	panic(bailout{})
}

func (p *parser) next() {
	if p.steps++; p.steps > p.maxSteps {
		p.failFatal(p.tok.pos, "the query is too complex to parse")
	}
	p.prevEnd = p.tok.end
	p.tok = p.sc.scan()
}

// enter counts one more level of nesting, failing past MaxNesting; the
// caller decrements p.nest when done (try restores it on backtracking).
func (p *parser) enter() {
	if p.nest++; p.nest > MaxNesting {
		p.failFatal(p.tok.pos, fmt.Sprintf("the query is nested more than %d levels deep", MaxNesting))
	}
}

// link counts one more operator of a chain; unlink undoes the levels the
// n operators of a finished chain entered.
func (p *parser) link(n *int) {
	if *n++; *n%chainPerLevel == 0 {
		p.enter()
	}
}

func (p *parser) unlink(n int) { p.nest -= n / chainPerLevel }

// state captures the position for backtracking.
type pstate struct {
	off, prev, nest int
	tok             token
}

func (p *parser) save() pstate { return pstate{p.sc.off, p.prevEnd, p.nest, p.tok} }
func (p *parser) restore(s pstate) {
	p.sc.off, p.prevEnd, p.nest, p.tok = s.off, s.prev, s.nest, s.tok
}

// try runs f speculatively; on a syntax error it restores the position and
// reports false.
func (p *parser) try(f func()) (ok bool) {
	s := p.save()
	saved := p.err
	p.depth++
	defer func() {
		p.depth--
		if r := recover(); r != nil {
			if _, isB := r.(bailout); !isB || p.fatal != nil {
				panic(r)
			}
			p.restore(s)
			p.err = saved
			ok = false
		}
	}()
	f()
	return true
}

func (p *parser) errorExpected(what string) {
	p.fail(p.tok.pos, "UnexpectedSyntax", "expected "+what+", found "+p.tok.String())
}

func (p *parser) is(punct string) bool { return p.tok.kind == tPunct && p.tok.lit == punct }

func (p *parser) got(punct string) bool {
	if p.is(punct) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expect(punct string) int {
	pos := p.tok.pos
	if !p.is(punct) {
		p.errorExpected("'" + punct + "'")
	}
	p.next()
	return pos
}

func (p *parser) isKw(kw string) bool {
	return p.tok.kind == tIdent && strings.EqualFold(p.tok.lit, kw)
}

func (p *parser) gotKw(kw string) bool {
	if p.isKw(kw) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expectKw(kw string) {
	if !p.gotKw(kw) {
		p.errorExpected(kw)
	}
}

// peekKw reports whether the token after the current one is keyword kw.
func (p *parser) peekKw(kw string) bool {
	s := p.save()
	p.next()
	ok := p.isKw(kw)
	p.restore(s)
	return ok
}

func (p *parser) peekPunct(punct string) bool {
	s := p.save()
	p.next()
	ok := p.is(punct)
	p.restore(s)
	return ok
}

// name parses a symbolic name (identifier, keyword or `quoted`).
func (p *parser) name(what string) string {
	if p.tok.kind != tIdent && p.tok.kind != tQuoted {
		p.errorExpected(what)
	}
	n := p.tok.lit
	p.next()
	return n
}

var clauseStarts = []string{"MATCH", "OPTIONAL", "WITH", "RETURN", "UNWIND", "CREATE", "MERGE", "SET", "REMOVE", "DELETE", "DETACH", "CALL", "UNION", "FOREACH", "LOAD", "USE"}

func (p *parser) parseQuery() *query {
	q := &query{}
	for {
		q.parts = append(q.parts, p.parseSingle())
		if p.gotKw("UNION") {
			q.all = append(q.all, p.gotKw("ALL"))
			continue
		}
		break
	}
	p.got(";")
	if p.tok.kind != tEOF {
		p.errorExpected("a clause")
	}
	return q
}

func (p *parser) parseSingle() *singleQuery {
	sq := &singleQuery{span: span{P: p.tok.pos}}
	for p.tok.kind == tIdent && !p.isKw("UNION") {
		sq.clauses = append(sq.clauses, p.parseClause())
	}
	if len(sq.clauses) == 0 {
		p.errorExpected("a clause")
	}
	sq.E = p.tok.pos
	return sq
}

func (p *parser) parseClause() clause {
	pos := p.tok.pos
	switch {
	case p.isKw("MATCH"):
		p.next()
		return p.parseMatch(pos, false)
	case p.isKw("OPTIONAL"):
		p.next()
		p.expectKw("MATCH")
		return p.parseMatch(pos, true)
	case p.isKw("UNWIND"):
		p.next()
		x := p.parseExpr()
		p.expectKw("AS")
		v := p.name("a variable")
		return &unwindClause{span: span{pos, p.tok.pos}, x: x, v: v}
	case p.isKw("WITH"), p.isKw("RETURN"):
		return p.parseProjection()
	case p.isKw("CREATE"):
		p.next()
		c := &createClause{paths: p.parsePatterns()}
		c.span = span{pos, p.tok.pos}
		return c
	case p.isKw("MERGE"):
		p.next()
		m := &mergeClause{path: p.parsePath()}
		for p.isKw("ON") {
			p.next()
			create := false
			if p.gotKw("CREATE") {
				create = true
			} else {
				p.expectKw("MATCH")
			}
			p.expectKw("SET")
			items := p.parseSetItems()
			if create {
				m.onCreate = append(m.onCreate, items...)
			} else {
				m.onMatch = append(m.onMatch, items...)
			}
		}
		m.span = span{pos, p.tok.pos}
		return m
	case p.isKw("SET"):
		p.next()
		return &setClause{span: span{pos, p.tok.pos}, items: p.parseSetItems()}
	case p.isKw("REMOVE"):
		p.next()
		r := &removeClause{}
		for {
			ipos := p.tok.pos
			x := p.parseAtomPostfix(true)
			switch t := x.(type) {
			case *propExpr:
				r.items = append(r.items, &setItem{span: span{ipos, t.E}, kind: setProp, target: t})
			case *labelExpr:
				v, ok := t.x.(*varExpr)
				if !ok {
					p.fail(ipos, "UnexpectedSyntax", "expected a variable with labels")
				}
				r.items = append(r.items, &setItem{span: span{ipos, t.E}, kind: setLabels, target: v, v: v.name, labels: t.labels})
			default:
				p.fail(ipos, "UnexpectedSyntax", "expected a property or labels to remove")
			}
			if !p.got(",") {
				break
			}
		}
		r.span = span{pos, p.tok.pos}
		return r
	case p.isKw("DELETE"), p.isKw("DETACH"):
		d := &deleteClause{}
		if p.gotKw("DETACH") {
			d.detach = true
		}
		p.expectKw("DELETE")
		for {
			d.exprs = append(d.exprs, p.parseExpr())
			if !p.got(",") {
				break
			}
		}
		d.span = span{pos, p.tok.pos}
		return d
	case p.isKw("CALL"):
		p.next()
		return p.parseCall(pos)
	}
	p.errorExpected("a clause")
	return nil
}

// parseCall parses a procedure call after CALL:
// name.space.proc[(args)] [YIELD * | YIELD out [AS v], … [WHERE …]].
func (p *parser) parseCall(pos int) *callClause {
	if p.is("{") {
		p.fail(p.tok.pos, "UnexpectedSyntax", "CALL { … } subqueries are not supported")
	}
	c := &callClause{procPos: p.tok.pos}
	c.proc = p.name("a procedure name")
	for p.got(".") {
		c.proc += "." + p.name("a procedure name")
	}
	if p.got("(") {
		if !p.is(")") {
			for {
				c.args = append(c.args, p.parseExpr())
				if !p.got(",") {
					break
				}
			}
		}
		p.expect(")")
	} else {
		c.implicit = true
	}
	if p.gotKw("YIELD") {
		if p.got("*") {
			c.yieldAll = true
		} else {
			for {
				ipos := p.tok.pos
				it := &yieldItem{name: p.name("a procedure output")}
				it.alias = it.name
				if p.gotKw("AS") {
					it.alias = p.name("a variable")
				}
				it.span = span{ipos, p.prevEnd}
				c.yields = append(c.yields, it)
				if !p.got(",") {
					break
				}
			}
			if p.gotKw("WHERE") {
				c.where = p.parseExpr()
			}
		}
	}
	c.span = span{pos, p.tok.pos}
	return c
}

// parseSubquery parses EXISTS { … }, COUNT { … } or COLLECT { … } from
// the keyword: the braces hold either a query (its first token a clause
// keyword), possibly a UNION of queries, or patterns with an optional
// WHERE, read as MATCH patterns WHERE … (not for COLLECT, which needs a
// RETURN).
func (p *parser) parseSubquery() expr {
	pos := p.tok.pos
	x := &subqueryExpr{kind: strings.ToUpper(p.tok.lit)}
	p.next()
	p.expect("{")
	if p.tok.kind == tIdent && isClauseStart(p.tok.lit) {
		x.bodies = append(x.bodies, p.parseSingle())
		for i := 0; p.isKw("UNION"); i++ {
			upos := p.tok.pos
			p.next()
			all := p.gotKw("ALL")
			if i > 0 && all != x.all {
				p.fail(upos, "InvalidClauseComposition", "cannot mix UNION and UNION ALL")
			}
			x.all = all
			x.bodies = append(x.bodies, p.parseSingle())
		}
	} else {
		if x.kind == "COLLECT" {
			p.fail(p.tok.pos, "UnexpectedSyntax", "a COLLECT subquery must be a query ending with RETURN")
		}
		mpos := p.tok.pos
		m := p.parseMatch(mpos, false)
		x.bodies = []*singleQuery{{span: m.span, clauses: []clause{m}}}
	}
	x.span = span{pos, p.expect("}") + 1}
	return x
}

func isClauseStart(lit string) bool {
	for _, kw := range clauseStarts {
		if strings.EqualFold(lit, kw) {
			return true
		}
	}
	return false
}

func (p *parser) parseMatch(pos int, optional bool) *matchClause {
	m := &matchClause{optional: optional, paths: p.parsePatterns()}
	if p.gotKw("WHERE") {
		m.where = p.parseExpr()
	}
	m.span = span{pos, p.tok.pos}
	return m
}

func (p *parser) parseSetItems() []*setItem {
	var items []*setItem
	for {
		ipos := p.tok.pos
		if p.tok.kind == tIdent || p.tok.kind == tQuoted {
			if p.peekPunct("=") || p.peekPunct("+=") || p.peekPunct(":") {
				v := p.name("a variable")
				ve := &varExpr{span{ipos, ipos + len(v)}, v}
				switch {
				case p.got("="):
					items = append(items, &setItem{kind: setAll, target: ve, v: v, val: p.parseExpr()})
				case p.got("+="):
					items = append(items, &setItem{kind: setMerge, target: ve, v: v, val: p.parseExpr()})
				default:
					var labels []string
					for p.got(":") {
						labels = append(labels, p.name("a label"))
					}
					items = append(items, &setItem{kind: setLabels, target: ve, v: v, labels: labels})
				}
				items[len(items)-1].span = span{ipos, p.tok.pos}
				if !p.got(",") {
					return items
				}
				continue
			}
		}
		x := p.parseAtomPostfix(false)
		pe, ok := x.(*propExpr)
		if !ok {
			p.fail(ipos, "UnexpectedSyntax", "expected a property to set")
		}
		p.expect("=")
		items = append(items, &setItem{span: span{ipos, p.tok.pos}, kind: setProp, target: pe, val: p.parseExpr()})
		if !p.got(",") {
			return items
		}
	}
}

func (p *parser) parseProjection() *projClause {
	pc := &projClause{span: span{P: p.tok.pos}, ret: p.isKw("RETURN")}
	p.next()
	pc.distinct = p.gotKw("DISTINCT")
	if p.got("*") {
		pc.star = true
		if !p.got(",") {
			goto tail
		}
	}
	for {
		start := p.tok.pos
		x := p.parseExpr()
		it := &projItem{x: x, text: strings.TrimSpace(p.src[start:p.prevEnd])}
		if p.gotKw("AS") {
			it.alias = p.name("an alias")
		}
		pc.items = append(pc.items, it)
		if !p.got(",") {
			break
		}
	}
tail:
	if p.isKw("ORDER") {
		p.next()
		p.expectKw("BY")
		for {
			si := &sortItem{x: p.parseExpr()}
			if p.gotKw("DESC") || p.gotKw("DESCENDING") {
				si.desc = true
			} else if !p.gotKw("ASC") {
				p.gotKw("ASCENDING")
			}
			pc.order = append(pc.order, si)
			if !p.got(",") {
				break
			}
		}
	}
	if p.gotKw("SKIP") {
		pc.skip = p.parseExpr()
	}
	if p.gotKw("LIMIT") {
		pc.limit = p.parseExpr()
	}
	if !pc.ret && p.gotKw("WHERE") {
		pc.where = p.parseExpr()
	}
	pc.E = p.tok.pos
	return pc
}

func (p *parser) parsePatterns() []*pathPattern {
	var ps []*pathPattern
	for {
		ps = append(ps, p.parsePath())
		if !p.got(",") {
			return ps
		}
	}
}

func (p *parser) parsePath() *pathPattern {
	pos := p.tok.pos
	var v string
	vpos := -1
	if (p.tok.kind == tIdent || p.tok.kind == tQuoted) && p.peekPunct("=") {
		vpos = p.tok.pos
		v = p.name("a variable")
		p.expect("=")
	}
	kind := pathPlain
	if p.isKw("shortestPath") || p.isKw("allShortestPaths") {
		if p.isKw("shortestPath") {
			kind = pathShortest
		} else {
			kind = pathAllShortest
		}
		p.next()
		p.expect("(")
		pp := p.parseChain()
		p.expect(")")
		pp.v, pp.vpos, pp.kind = v, vpos, kind
		pp.span = span{pos, p.tok.pos}
		return pp
	}
	pp := p.parseChain()
	pp.v, pp.vpos = v, vpos
	pp.P = pos
	return pp
}

func (p *parser) parseChain() *pathPattern {
	pp := &pathPattern{span: span{P: p.tok.pos}}
	pp.nodes = append(pp.nodes, p.parseNodePattern())
	for p.is("-") || p.is("<-") || p.is("->") {
		pp.rels = append(pp.rels, p.parseRelPattern())
		pp.nodes = append(pp.nodes, p.parseNodePattern())
	}
	pp.E = p.tok.pos
	return pp
}

func (p *parser) parseNodePattern() *nodePattern {
	pos := p.expect("(")
	np := &nodePattern{}
	if p.tok.kind == tIdent || p.tok.kind == tQuoted {
		np.v = p.name("a variable")
	}
	for p.got(":") {
		np.labels = append(np.labels, p.name("a label"))
	}
	if p.is("{") {
		np.props = p.parseMapLit()
	} else if p.tok.kind == tParam {
		np.props = &paramExpr{span{p.tok.pos, p.tok.end}, p.tok.lit}
		p.next()
	}
	p.expect(")")
	np.span = span{pos, p.tok.pos}
	return np
}

func (p *parser) parseRelPattern() *relPattern {
	rp := &relPattern{span: span{P: p.tok.pos}, max: -1}
	left := false
	switch {
	case p.got("<-"):
		left = true
	case p.got("-"):
	default:
		p.errorExpected("'-'")
	}
	if p.got("[") {
		if p.tok.kind == tIdent || p.tok.kind == tQuoted {
			rp.v = p.name("a variable")
		}
		if p.got(":") {
			rp.types = append(rp.types, p.name("a relationship type"))
			for p.got("|") {
				p.got(":")
				rp.types = append(rp.types, p.name("a relationship type"))
			}
		}
		if p.is("..") || p.tok.kind == tInt {
			p.fail(p.tok.pos, "InvalidRelationshipPattern", "a variable-length relationship needs '*' before its range")
		}
		if p.got("*") {
			rp.varLen = true
			rp.min = 1
			if p.is("-") {
				p.fail(p.tok.pos, "InvalidRelationshipPattern", "the bounds of a variable-length relationship cannot be negative")
			}
			if p.tok.kind == tInt {
				rp.min = p.smallInt()
				rp.max = rp.min
			}
			if p.got("..") {
				rp.max = -1
				if p.is("-") {
					p.fail(p.tok.pos, "InvalidRelationshipPattern", "the bounds of a variable-length relationship cannot be negative")
				}
				if p.tok.kind == tInt {
					rp.max = p.smallInt()
				}
			} else if p.tok.kind == tFloat && strings.HasPrefix(p.tok.lit, ".") {
				// "*..5" scanned as float ".5"? never: ".." is matched first
				p.errorExpected("'..'")
			}
		}
		if p.is("{") {
			rp.props = p.parseMapLit()
		} else if p.tok.kind == tParam {
			rp.props = &paramExpr{span{p.tok.pos, p.tok.end}, p.tok.lit}
			p.next()
		}
		p.expect("]")
	}
	right := false
	switch {
	case p.got("->"):
		right = true
	case p.got("-"):
	default:
		p.errorExpected("'-' or '->'")
	}
	switch {
	case left && right:
		rp.dir = dirBoth
	case left:
		rp.dir = dirLeft
	case right:
		rp.dir = dirRight
	}
	rp.E = p.tok.pos
	return rp
}

func (p *parser) smallInt() int64 {
	n, err := strconv.ParseInt(p.tok.lit, 10, 64)
	if err != nil {
		p.fail(p.tok.pos, "InvalidNumberLiteral", "invalid range bound "+p.tok.lit)
	}
	p.next()
	return n
}

func (p *parser) parseMapLit() *mapExpr {
	pos := p.expect("{")
	m := &mapExpr{}
	if !p.is("}") {
		for {
			m.keys = append(m.keys, p.name("a property key"))
			p.expect(":")
			m.vals = append(m.vals, p.parseExpr())
			if !p.got(",") {
				break
			}
		}
	}
	p.expect("}")
	m.span = span{pos, p.tok.pos}
	return m
}

// Expressions, loosest first.

func (p *parser) parseExpr() expr {
	p.enter()
	x := p.parseOr()
	p.nest--
	return x
}

func (p *parser) binary(op string, l, r expr) expr {
	return &binExpr{span{l.Pos(), r.End()}, op, l, r}
}

func (p *parser) parseOr() expr {
	x, n := p.parseXor(), 0
	for p.gotKw("OR") {
		p.link(&n)
		x = p.binary("OR", x, p.parseXor())
	}
	p.unlink(n)
	return x
}

func (p *parser) parseXor() expr {
	x, n := p.parseAnd(), 0
	for p.gotKw("XOR") {
		p.link(&n)
		x = p.binary("XOR", x, p.parseAnd())
	}
	p.unlink(n)
	return x
}

func (p *parser) parseAnd() expr {
	x, n := p.parseNot(), 0
	for p.gotKw("AND") {
		p.link(&n)
		x = p.binary("AND", x, p.parseNot())
	}
	p.unlink(n)
	return x
}

func (p *parser) parseNot() expr {
	if p.isKw("NOT") {
		pos := p.tok.pos
		p.next()
		p.enter()
		x := p.parseNot()
		p.nest--
		return &unaryExpr{span{pos, x.End()}, "NOT", x}
	}
	return p.parseComparison()
}

func (p *parser) compOp() string {
	if p.tok.kind == tPunct {
		switch p.tok.lit {
		case "=", "<>", "<", ">", "<=", ">=", "!=":
			return p.tok.lit
		}
	}
	return ""
}

func (p *parser) parseComparison() expr {
	x := p.parsePredicate()
	op := p.compOp()
	if op == "" {
		return x
	}
	var result expr
	left, n := x, 0
	for op != "" {
		p.link(&n)
		p.next()
		if op == "!=" {
			op = "<>"
		}
		right := p.parsePredicate()
		c := p.binary(op, left, right)
		if result == nil {
			result = c
		} else {
			result = p.binary("AND", result, c)
		}
		left = right
		op = p.compOp()
	}
	p.unlink(n)
	return result
}

// parsePredicate parses STARTS WITH, ENDS WITH, CONTAINS, IN, =~ and IS [NOT] NULL.
func (p *parser) parsePredicate() expr {
	x, n := p.parseAdd(), 0
	for {
		p.link(&n)
		switch {
		case p.isKw("STARTS"):
			p.next()
			p.expectKw("WITH")
			x = p.binary("STARTS WITH", x, p.parseAdd())
		case p.isKw("ENDS"):
			p.next()
			p.expectKw("WITH")
			x = p.binary("ENDS WITH", x, p.parseAdd())
		case p.isKw("CONTAINS"):
			p.next()
			x = p.binary("CONTAINS", x, p.parseAdd())
		case p.isKw("IN"):
			p.next()
			x = p.binary("IN", x, p.parseAdd())
		case p.is("=~"):
			p.next()
			x = p.binary("=~", x, p.parseAdd())
		case p.isKw("IS"):
			p.next()
			not := p.gotKw("NOT")
			end := p.tok.end
			p.expectKw("NULL")
			x = &isNull{span{x.Pos(), end}, x, not}
		default:
			p.unlink(n)
			return x
		}
	}
}

func (p *parser) parseAdd() expr {
	x, n := p.parseMul(), 0
	for p.is("+") || p.is("-") {
		p.link(&n)
		op := p.tok.lit
		p.next()
		x = p.binary(op, x, p.parseMul())
	}
	p.unlink(n)
	return x
}

func (p *parser) parseMul() expr {
	x, n := p.parsePow(), 0
	for p.is("*") || p.is("/") || p.is("%") {
		p.link(&n)
		op := p.tok.lit
		p.next()
		x = p.binary(op, x, p.parsePow())
	}
	p.unlink(n)
	return x
}

func (p *parser) parsePow() expr {
	x, n := p.parseUnary(), 0
	for p.is("^") {
		p.link(&n)
		p.next()
		x = p.binary("^", x, p.parseUnary())
	}
	p.unlink(n)
	return x
}

func (p *parser) parseUnary() expr {
	if p.is("-") || p.is("+") {
		pos, op := p.tok.pos, p.tok.lit
		p.next()
		if op == "-" && p.tok.kind == tInt && p.tok.pos == pos+1 {
			// -9223372036854775808 is a valid literal
			lit := p.tok
			if v, ok := parseIntLit("-" + lit.lit); ok {
				p.next()
				return p.parsePostfix(&litExpr{span{pos, lit.end}, v})
			}
		}
		p.enter()
		x := p.parseUnary()
		p.nest--
		return &unaryExpr{span{pos, x.End()}, op, x}
	}
	return p.parseAtomPostfix(true)
}

func parseIntLit(lit string) (int64, bool) {
	neg := strings.HasPrefix(lit, "-")
	body := strings.TrimPrefix(lit, "-")
	base := 10
	switch {
	case strings.HasPrefix(body, "0x"):
		base, body = 16, body[2:]
	case strings.HasPrefix(body, "0o"):
		base, body = 8, body[2:]
	}
	if neg {
		body = "-" + body
	}
	v, err := strconv.ParseInt(body, base, 64)
	return v, err == nil
}

func (p *parser) parseAtomPostfix(labels bool) expr {
	return p.parsePostfixL(p.parseAtom(), labels)
}

func (p *parser) parsePostfix(x expr) expr { return p.parsePostfixL(x, true) }

func (p *parser) parsePostfixL(x expr, labels bool) expr {
	n := 0
	for {
		p.link(&n)
		switch {
		case p.is("."):
			p.next()
			end := p.tok.end
			key := p.name("a property key")
			x = &propExpr{span{x.Pos(), end}, x, key}
		case p.is("["):
			p.next()
			var lo, hi expr
			if !p.is("..") {
				lo = p.parseExpr()
			}
			if p.got("..") {
				if !p.is("]") {
					hi = p.parseExpr()
				}
				end := p.expect("]") + 1
				x = &sliceExpr{span{x.Pos(), end}, x, lo, hi}
				continue
			}
			if lo == nil {
				p.errorExpected("an expression")
			}
			end := p.expect("]") + 1
			x = &indexExpr{span{x.Pos(), end}, x, lo}
		case p.is(":") && labels:
			var ls []string
			end := 0
			for p.got(":") {
				end = p.tok.end
				ls = append(ls, p.name("a label"))
			}
			x = &labelExpr{span{x.Pos(), end}, x, ls}
		default:
			p.unlink(n)
			return x
		}
	}
}

func (p *parser) parseAtom() expr {
	t := p.tok
	switch t.kind {
	case tInt:
		p.next()
		if v, ok := parseIntLit(t.lit); ok {
			return &litExpr{span{t.pos, t.end}, v}
		}
		if isDigits(t.lit) || (strings.HasPrefix(t.lit, "0x") && isHex(t.lit[2:])) || (strings.HasPrefix(t.lit, "0o") && isOct(t.lit[2:])) {
			p.fail(t.pos, "IntegerOverflow", "integer literal overflows: "+t.lit)
		}
		p.fail(t.pos, "InvalidNumberLiteral", "invalid number literal: "+t.lit)
	case tFloat:
		p.next()
		v, err := strconv.ParseFloat(t.lit, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange && !math.IsNaN(v) {
				p.fail(t.pos, "FloatingPointOverflow", "float literal overflows: "+t.lit)
			}
			p.fail(t.pos, "InvalidNumberLiteral", "invalid number literal: "+t.lit)
		}
		return &litExpr{span{t.pos, t.end}, v}
	case tString:
		p.next()
		return &litExpr{span{t.pos, t.end}, t.lit}
	case tParam:
		p.next()
		return &paramExpr{span{t.pos, t.end}, t.lit}
	case tPunct:
		switch t.lit {
		case "[":
			return p.parseListOrComp()
		case "{":
			return p.parseMapLit()
		case "(":
			var pe expr
			if p.try(func() {
				path := p.parseChain()
				if len(path.rels) == 0 {
					p.fail(path.P, "UnexpectedSyntax", "not a pattern")
				}
				pe = &patternExpr{path.span, path}
			}) {
				return pe
			}
			p.next()
			x := p.parseExpr()
			end := p.expect(")") + 1
			_ = end
			return x
		}
	case tQuoted:
		p.next()
		return p.afterName(t)
	case tIdent:
		switch strings.ToUpper(t.lit) {
		case "NULL":
			p.next()
			return &litExpr{span{t.pos, t.end}, nil}
		case "TRUE":
			p.next()
			return &litExpr{span{t.pos, t.end}, true}
		case "FALSE":
			p.next()
			return &litExpr{span{t.pos, t.end}, false}
		case "CASE":
			return p.parseCase()
		case "ALL", "ANY", "NONE", "SINGLE":
			if p.peekPunct("(") {
				return p.parseQuant()
			}
		case "REDUCE":
			if p.peekPunct("(") {
				return p.parseReduce()
			}
		case "EXISTS", "COUNT", "COLLECT":
			if p.peekPunct("{") {
				return p.parseSubquery()
			}
		}
		p.next()
		return p.afterName(t)
	}
	p.errorExpected("an expression")
	return nil
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func isHex(s string) bool {
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return s != ""
}

func isOct(s string) bool {
	for _, c := range s {
		if c < '0' || c > '7' {
			return false
		}
	}
	return s != ""
}

// afterName parses what follows a name: a function call, a map projection or
// nothing (a variable).
func (p *parser) afterName(t token) expr {
	name := t.lit
	if t.kind == tIdent && p.is(".") {
		// a namespaced function name a.b.c( — else a.b.c is property access
		s := p.save()
		parts := []string{name}
		dangling := false
		for p.is(".") {
			p.next()
			if dangling = p.tok.kind != tIdent; dangling {
				break
			}
			parts = append(parts, p.tok.lit)
			p.next()
		}
		if p.is("(") && !dangling {
			name = strings.Join(parts, ".")
		} else {
			p.restore(s)
		}
	}
	if p.is("(") && t.kind == tIdent {
		p.next()
		c := &callExpr{name: name}
		if p.got("*") {
			c.star = true
		} else if !p.is(")") {
			c.distinct = p.gotKw("DISTINCT")
			for {
				c.args = append(c.args, p.parseExpr())
				if !p.got(",") {
					break
				}
			}
		}
		end := p.expect(")") + 1
		c.span = span{t.pos, end}
		return c
	}
	if strings.Contains(name, ".") {
		p.errorExpected("'('")
	}
	if p.is("{") {
		return p.parseMapProj(t)
	}
	return &varExpr{span{t.pos, t.end}, name}
}

func (p *parser) parseMapProj(t token) expr {
	p.expect("{")
	m := &mapProj{v: t.lit}
	if !p.is("}") {
		for {
			switch {
			case p.got("."):
				if p.got("*") {
					m.items = append(m.items, mapProjItem{all: true})
				} else {
					m.items = append(m.items, mapProjItem{key: p.name("a property key"), prop: true})
				}
			default:
				nt := p.tok
				k := p.name("a property key")
				if p.got(":") {
					m.items = append(m.items, mapProjItem{key: k, val: p.parseExpr()})
				} else {
					m.items = append(m.items, mapProjItem{key: k, val: &varExpr{span{nt.pos, nt.end}, k}})
				}
			}
			if !p.got(",") {
				break
			}
		}
	}
	end := p.expect("}") + 1
	m.span = span{t.pos, end}
	return m
}

func (p *parser) parseCase() expr {
	pos := p.tok.pos
	p.next()
	c := &caseExpr{}
	if !p.isKw("WHEN") {
		c.test = p.parseExpr()
	}
	for p.gotKw("WHEN") {
		// the simple form may list several values: WHEN 1, 2 THEN …
		whens := []expr{p.parseExpr()}
		for c.test != nil && p.got(",") {
			whens = append(whens, p.parseExpr())
		}
		p.expectKw("THEN")
		then := p.parseExpr()
		for _, w := range whens {
			c.whens = append(c.whens, w)
			c.thens = append(c.thens, then)
		}
	}
	if len(c.whens) == 0 {
		p.errorExpected("WHEN")
	}
	if p.gotKw("ELSE") {
		c.els = p.parseExpr()
	}
	end := p.tok.end
	p.expectKw("END")
	c.span = span{pos, end}
	return c
}

// parseInHead parses "v IN list".
func (p *parser) parseInHead() (string, expr) {
	v := p.name("a variable")
	p.expectKw("IN")
	return v, p.parseExpr()
}

func (p *parser) parseQuant() expr {
	pos := p.tok.pos
	kind := strings.ToLower(p.tok.lit)
	p.next()
	p.expect("(")
	q := &quantExpr{kind: kind}
	q.v, q.list = p.parseInHead()
	if p.gotKw("WHERE") {
		q.where = p.parseExpr()
	}
	end := p.expect(")") + 1
	q.span = span{pos, end}
	return q
}

func (p *parser) parseReduce() expr {
	pos := p.tok.pos
	p.next()
	p.expect("(")
	r := &reduceExpr{}
	r.acc = p.name("an accumulator")
	p.expect("=")
	r.init = p.parseExpr()
	p.expect(",")
	r.v, r.list = p.parseInHead()
	p.expect("|")
	r.body = p.parseExpr()
	end := p.expect(")") + 1
	r.span = span{pos, end}
	return r
}

func (p *parser) parseListOrComp() expr {
	pos := p.expect("[")
	// list comprehension: [v IN list …]
	if (p.tok.kind == tIdent || p.tok.kind == tQuoted) && p.peekKw("IN") {
		lc := &listComp{}
		lc.v, lc.list = p.parseInHead()
		if p.gotKw("WHERE") {
			lc.where = p.parseExpr()
		}
		if p.got("|") {
			lc.proj = p.parseExpr()
		}
		end := p.expect("]") + 1
		lc.span = span{pos, end}
		return lc
	}
	// pattern comprehension: [[p =] (a)-->(b) [WHERE …] | proj]
	var pc *patternComp
	if p.is("(") || ((p.tok.kind == tIdent || p.tok.kind == tQuoted) && p.peekPunct("=")) {
		p.try(func() {
			path := p.parsePath()
			if len(path.rels) == 0 {
				p.fail(path.P, "UnexpectedSyntax", "not a pattern")
			}
			c := &patternComp{path: path}
			if p.gotKw("WHERE") {
				c.where = p.parseExpr()
			}
			p.expect("|")
			c.proj = p.parseExpr()
			end := p.expect("]") + 1
			c.span = span{pos, end}
			pc = c
		})
	}
	if pc != nil {
		return pc
	}
	l := &listExpr{}
	if !p.is("]") {
		for {
			l.elems = append(l.elems, p.parseExpr())
			if !p.got(",") {
				break
			}
		}
	}
	end := p.expect("]") + 1
	l.span = span{pos, end}
	return l
}
