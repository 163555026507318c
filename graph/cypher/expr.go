package cypher

import (
	"math"
	"regexp"
	"strings"

	"github.com/kgnews/kg/graph/value"
)

// evalFn is a compiled expression evaluated against a row.
type evalFn func(ec *execCtx, row []any) (any, error)

// Symbol kinds for light static typing.
type kind int

const (
	kAny kind = iota
	kNode
	kRel
	kPath
	kRelList // var-length relationship variable
	kValue   // a value known not to be a node, relationship or path
)

var kindNames = [...]string{"Any", "Node", "Relationship", "Path", "List<Relationship>", "Value"}

type symbol struct {
	slot int
	kind kind
	st   stype // static type of a projected value, when known
}

// scope maps variable names to row slots.
type scope struct {
	vars map[string]symbol
}

func newScope() *scope { return &scope{vars: map[string]symbol{}} }

func (s *scope) clone() *scope {
	c := newScope()
	for k, v := range s.vars {
		c.vars[k] = v
	}
	return c
}

func (s *scope) lookup(n string) (symbol, bool) {
	v, ok := s.vars[n]
	return v, ok
}

// aggSpec is an aggregate call found in a projection.
type aggSpec struct {
	name     string
	distinct bool
	star     bool
	args     []evalFn
	slot     int
	text     string
}

// compiler holds compile-time state for one query.
type compiler struct {
	src    string
	nslots int
	params map[string]bool
	writes bool
	// aggs collects aggregate calls while compiling a projection item; nil
	// where aggregates are not allowed.
	aggs  *[]*aggSpec
	inAgg bool
	// opts holds the procedures CALL may use.
	opts Options
	// deferred holds errors raised only if the query has no earlier one.
	deferred []*Error
	// subst, when set, maps the text of expressions already computed by a
	// projection to their slots (ORDER BY and WHERE after DISTINCT or an
	// aggregation).
	subst map[string]int
	// hidden holds the variables declared before a projection with
	// DISTINCT or an aggregation, which its ORDER BY and WHERE cannot see.
	hidden map[string]bool
}

// undefinedVar is the error for a variable n names that is not in scope,
// in Neo4j's words when a DISTINCT or aggregating projection hid it.
func (c *compiler) undefinedVar(n node, name string) *Error {
	if c.hidden[name] {
		return c.errAt(n, SyntaxError, "UndefinedVariable",
			"In a WITH/RETURN with DISTINCT or an aggregation, it is not possible to access variables declared before the WITH/RETURN: "+name)
	}
	return c.errAt(n, SyntaxError, "UndefinedVariable", "variable `"+name+"` not defined")
}

func (c *compiler) slot() int {
	c.nslots++
	return c.nslots - 1
}

func (c *compiler) errAt(n node, typ, detail, msg string) *Error {
	off := -1
	if n != nil {
		off = n.Pos()
	}
	return newError(typ, CompileTime, detail, msg, c.src, off)
}

func constFn(v any) evalFn { return func(*execCtx, []any) (any, error) { return v, nil } }

// staticKind infers what an expression yields, when known from its form.
type stype int

const (
	stUnknown stype = iota
	stNull
	stBool
	stInt
	stFloat
	stString
	stList
	stMap
	stNode
	stRel
	stPath
)

func (c *compiler) staticType(e expr, sc *scope) stype {
	switch x := e.(type) {
	case *litExpr:
		switch x.val.(type) {
		case nil:
			return stNull
		case bool:
			return stBool
		case int64:
			return stInt
		case float64:
			return stFloat
		case string:
			return stString
		}
	case *listExpr, *listComp, *patternComp:
		return stList
	case *mapExpr, *mapProj:
		return stMap
	case *varExpr:
		if s, ok := sc.lookup(x.name); ok {
			switch s.kind {
			case kNode:
				return stNode
			case kRel:
				return stRel
			case kPath:
				return stPath
			case kRelList:
				return stList
			}
			return s.st
		}
	case *binExpr:
		switch x.op {
		case "AND", "OR", "XOR", "=", "<>", "<", ">", "<=", ">=", "STARTS WITH", "ENDS WITH", "CONTAINS", "IN", "=~":
			return stBool
		case "+", "-", "*", "/", "%", "^":
			l, r := c.staticType(x.l, sc), c.staticType(x.r, sc)
			num := func(t stype) bool { return t == stInt || t == stFloat }
			switch {
			case !num(l) || !num(r):
			case x.op == "^" || l == stFloat || r == stFloat:
				return stFloat
			default:
				return stInt
			}
		}
	case *unaryExpr:
		if x.op == "NOT" {
			return stBool
		}
	case *isNull, *labelExpr, *quantExpr, *patternExpr:
		return stBool
	case *subqueryExpr:
		switch x.kind {
		case "COUNT":
			return stInt
		case "EXISTS":
			return stBool
		}
	}
	return stUnknown
}

func (c *compiler) compileExprs(es []expr, sc *scope) ([]evalFn, error) {
	fs := make([]evalFn, len(es))
	for i, e := range es {
		f, err := c.compileExpr(e, sc)
		if err != nil {
			return nil, err
		}
		fs[i] = f
	}
	return fs, nil
}

// evalAll evaluates each of fs on row, in order, stopping at the first
// error.
func evalAll(ec *execCtx, row []any, fs []evalFn) ([]any, error) {
	out := make([]any, len(fs))
	for i, f := range fs {
		v, err := f(ec, row)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// compileExpr compiles e in scope sc.
func (c *compiler) compileExpr(e expr, sc *scope) (evalFn, error) {
	if c.subst != nil {
		if slot, ok := c.subst[exprText(c, e)]; ok {
			return func(_ *execCtx, row []any) (any, error) { return row[slot], nil }, nil
		}
	}
	switch x := e.(type) {
	case *litExpr:
		return constFn(x.val), nil
	case *paramExpr:
		c.params[x.name] = true
		name := x.name
		return func(ec *execCtx, _ []any) (any, error) { return ec.params[name], nil }, nil
	case *varExpr:
		s, ok := sc.lookup(x.name)
		if !ok {
			return nil, c.undefinedVar(x, x.name)
		}
		slot := s.slot
		return func(_ *execCtx, row []any) (any, error) { return row[slot], nil }, nil
	case *listExpr:
		fs, err := c.compileExprs(x.elems, sc)
		if err != nil {
			return nil, err
		}
		return func(ec *execCtx, row []any) (any, error) {
			l, err := evalAll(ec, row, fs)
			if err != nil {
				return nil, err
			}
			return l, nil
		}, nil
	case *mapExpr:
		fs, err := c.compileExprs(x.vals, sc)
		if err != nil {
			return nil, err
		}
		keys := x.keys
		return func(ec *execCtx, row []any) (any, error) {
			out := make(map[string]any, len(fs))
			for i, f := range fs {
				v, err := f(ec, row)
				if err != nil {
					return nil, err
				}
				out[keys[i]] = v
			}
			return out, nil
		}, nil
	case *propExpr:
		switch c.staticType(x.x, sc) {
		case stInt, stFloat, stString, stBool, stList:
			return nil, c.errAt(x, TypeError, "InvalidArgumentType", "type mismatch: expected Map, Node or Relationship")
		case stPath:
			return nil, c.errAt(x, SyntaxError, "InvalidArgumentType", "type mismatch: a path has no properties")
		}
		f, err := c.compileExpr(x.x, sc)
		if err != nil {
			return nil, err
		}
		key := x.key
		return func(ec *execCtx, row []any) (any, error) {
			v, err := f(ec, row)
			if err != nil {
				return nil, err
			}
			return propOf(ec, v, key)
		}, nil
	case *indexExpr:
		return c.compileIndex(x, sc)
	case *sliceExpr:
		return c.compileSlice(x, sc)
	case *unaryExpr:
		return c.compileUnary(x, sc)
	case *binExpr:
		return c.compileBinary(x, sc)
	case *isNull:
		f, err := c.compileExpr(x.x, sc)
		if err != nil {
			return nil, err
		}
		not := x.not
		return func(ec *execCtx, row []any) (any, error) {
			v, err := f(ec, row)
			if err != nil {
				return nil, err
			}
			return (v == nil) != not, nil
		}, nil
	case *labelExpr:
		f, err := c.compileExpr(x.x, sc)
		if err != nil {
			return nil, err
		}
		labels := x.labels
		return func(ec *execCtx, row []any) (any, error) {
			v, err := f(ec, row)
			if err != nil {
				return nil, err
			}
			switch n := v.(type) {
			case nil:
				return nil, nil
			case nodeV:
				for _, l := range labels {
					if !ec.g.HasLabel(int64(n), l) {
						return false, nil
					}
				}
				return true, nil
			case relV:
				t, _, _, _ := ec.g.Rel(int64(n))
				for _, l := range labels {
					if l != t {
						return false, nil
					}
				}
				return true, nil
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "label predicate on %s", typeName(v))
		}, nil
	case *callExpr:
		return c.compileCall(x, sc)
	case *caseExpr:
		return c.compileCase(x, sc)
	case *listComp:
		return c.compileListComp(x, sc)
	case *quantExpr:
		return c.compileQuant(x, sc)
	case *reduceExpr:
		return c.compileReduce(x, sc)
	case *patternExpr:
		return c.compilePatternExpr(x, sc)
	case *patternComp:
		return c.compilePatternComp(x, sc)
	case *mapProj:
		return c.compileMapProj(x, sc)
	case *subqueryExpr:
		return c.compileSubquery(x, sc)
	}
	return nil, c.errAt(e, SyntaxError, "UnexpectedSyntax", "unsupported expression")
}

// propOf reads property key of a node, relationship or map value.
func propOf(ec *execCtx, v any, key string) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case nodeV:
		v, ok := ec.g.NodeProp(int64(x), key)
		if !ok && ec.deleted[int64(x)] {
			return nil, ec.runtimeErr(EntityNotFound, "DeletedEntityAccess", "node %d was deleted", int64(x))
		}
		return v, nil
	case relV:
		v, ok := ec.g.RelProp(int64(x), key)
		if !ok && ec.delRels[int64(x)] != "" {
			return nil, ec.runtimeErr(EntityNotFound, "DeletedEntityAccess", "relationship %d was deleted", int64(x))
		}
		return v, nil
	case map[string]any:
		return x[key], nil
	case value.Duration:
		if f, ok := value.DurationField(x, key); ok {
			return f, nil
		}
		return nil, ec.runtimeErr(ArgumentError, "InvalidArgumentValue", "a Duration has no field %q", key)
	case value.Point:
		if f, ok := value.PointField(x, key); ok {
			return f, nil
		}
		return nil, ec.runtimeErr(ArgumentError, "InvalidArgumentValue", "field %q is not available on a %s point", key, x.CRS())
	case value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime:
		if f, ok := value.Field(x, key); ok {
			return f, nil
		}
		return nil, ec.runtimeErr(ArgumentError, "InvalidArgumentValue", "a %s has no field %q", typeName(v), key)
	}
	return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot access property %q of %s", key, typeName(v))
}

func (c *compiler) compileIndex(x *indexExpr, sc *scope) (evalFn, error) {
	switch c.staticType(x.x, sc) {
	case stInt, stFloat, stBool, stString:
		return nil, c.errAt(x, TypeError, "InvalidArgumentType", "cannot index a "+typeNameOfStatic(c.staticType(x.x, sc)))
	}
	if st := c.staticType(x.idx, sc); st == stBool || st == stFloat || st == stList || st == stMap {
		if lst := c.staticType(x.x, sc); lst == stList {
			return nil, c.errAt(x.idx, TypeError, "InvalidArgumentType", "list index must be an integer")
		}
		if st != stString && c.staticType(x.x, sc) == stMap {
			return nil, c.errAt(x.idx, TypeError, "InvalidArgumentType", "map key must be a string")
		}
	}
	f, err := c.compileExpr(x.x, sc)
	if err != nil {
		return nil, err
	}
	fi, err := c.compileExpr(x.idx, sc)
	if err != nil {
		return nil, err
	}
	return func(ec *execCtx, row []any) (any, error) {
		v, err := f(ec, row)
		if err != nil {
			return nil, err
		}
		i, err := fi(ec, row)
		if err != nil {
			return nil, err
		}
		if v == nil || i == nil {
			return nil, nil
		}
		switch l := v.(type) {
		case []any:
			n, ok := i.(int64)
			if !ok {
				return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "list index must be an integer, got %s", typeName(i))
			}
			if n < 0 {
				n += int64(len(l))
			}
			if n < 0 || n >= int64(len(l)) {
				return nil, nil
			}
			return l[n], nil
		case map[string]any, nodeV, relV:
			k, ok := i.(string)
			if !ok {
				return nil, ec.runtimeErr(TypeError, "MapElementAccessByNonString", "map key must be a string, got %s", typeName(i))
			}
			return propOf(ec, v, k)
		}
		return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot index %s", typeName(v))
	}, nil
}

func typeNameOfStatic(s stype) string {
	return [...]string{"Any", "Null", "Boolean", "Integer", "Float", "String", "List", "Map", "Node", "Relationship", "Path"}[s]
}

// compileOptional compiles e, or returns dflt when the optional
// sub-expression e is absent.
func (c *compiler) compileOptional(e expr, sc *scope, dflt evalFn) (evalFn, error) {
	if e == nil {
		return dflt, nil
	}
	return c.compileExpr(e, sc)
}

func (c *compiler) compileSlice(x *sliceExpr, sc *scope) (evalFn, error) {
	f, err := c.compileExpr(x.x, sc)
	if err != nil {
		return nil, err
	}
	var lo, hi evalFn
	if lo, err = c.compileOptional(x.lo, sc, lo); err != nil {
		return nil, err
	}
	if hi, err = c.compileOptional(x.hi, sc, hi); err != nil {
		return nil, err
	}
	return func(ec *execCtx, row []any) (any, error) {
		v, err := f(ec, row)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, nil
		}
		l, ok := v.([]any)
		if !ok {
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot slice %s", typeName(v))
		}
		n := int64(len(l))
		a, b := int64(0), n
		for i, bf := range []evalFn{lo, hi} {
			if bf == nil {
				continue
			}
			bv, err := bf(ec, row)
			if err != nil {
				return nil, err
			}
			if bv == nil {
				return nil, nil
			}
			k, ok := bv.(int64)
			if !ok {
				return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "slice bound must be an integer")
			}
			if k < 0 {
				k += n
			}
			k = max(0, min(k, n))
			if i == 0 {
				a = k
			} else {
				b = k
			}
		}
		if a >= b {
			return []any{}, nil
		}
		return append([]any(nil), l[a:b]...), nil
	}, nil
}

func (c *compiler) compileUnary(x *unaryExpr, sc *scope) (evalFn, error) {
	if x.op == "NOT" {
		switch c.staticType(x.x, sc) {
		case stInt, stFloat, stString, stList, stMap, stNode, stRel, stPath:
			return nil, c.errAt(x.x, SyntaxError, "InvalidArgumentType", "NOT expects a boolean")
		}
	}
	f, err := c.compileExpr(x.x, sc)
	if err != nil {
		return nil, err
	}
	switch x.op {
	case "NOT":
		return func(ec *execCtx, row []any) (any, error) {
			v, err := f(ec, row)
			if err != nil {
				return nil, err
			}
			switch b := v.(type) {
			case nil:
				return nil, nil
			case bool:
				return !b, nil
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "NOT expects a boolean, got %s", typeName(v))
		}, nil
	case "-":
		return func(ec *execCtx, row []any) (any, error) {
			v, err := f(ec, row)
			if err != nil {
				return nil, err
			}
			switch n := v.(type) {
			case nil:
				return nil, nil
			case int64:
				if n == math.MinInt64 {
					return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "integer overflow")
				}
				return -n, nil
			case float64:
				return -n, nil
			case value.Duration:
				return n.Neg(), nil
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot negate %s", typeName(v))
		}, nil
	}
	return func(ec *execCtx, row []any) (any, error) {
		v, err := f(ec, row)
		if err != nil {
			return nil, err
		}
		if v != nil && !isNumber(v) {
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "unary plus on %s", typeName(v))
		}
		return v, nil
	}, nil
}

func (c *compiler) compileBinary(x *binExpr, sc *scope) (evalFn, error) {
	switch x.op {
	case "AND", "OR", "XOR":
		for _, side := range []expr{x.l, x.r} {
			switch c.staticType(side, sc) {
			case stInt, stFloat, stString, stList, stMap, stNode, stRel, stPath:
				return nil, c.errAt(side, SyntaxError, "InvalidArgumentType", x.op+" expects booleans")
			}
		}
	}
	switch x.op {
	case "IN":
		switch c.staticType(x.r, sc) {
		case stBool, stInt, stFloat, stString, stMap, stNode, stRel, stPath:
			return nil, c.errAt(x.r, SyntaxError, "InvalidArgumentType", "IN expects a list")
		}
	case "-", "*", "/", "%", "^", "+":
		lt, rt := c.staticType(x.l, sc), c.staticType(x.r, sc)
		num := func(t stype) bool { return t == stInt || t == stFloat }
		bad := func(t stype) bool {
			return t == stBool || t == stMap || t == stNode || t == stRel || t == stPath || (x.op != "+" && (t == stString || t == stList))
		}
		if (bad(lt) && (num(rt) || bad(rt))) || (bad(rt) && num(lt)) {
			if !(x.op == "+" && (lt == stList || rt == stList || lt == stString && rt == stString)) {
				return nil, c.errAt(x, SyntaxError, "InvalidArgumentType", "type mismatch for "+x.op)
			}
		}
	}
	l, err := c.compileExpr(x.l, sc)
	if err != nil {
		return nil, err
	}
	r, err := c.compileExpr(x.r, sc)
	if err != nil {
		return nil, err
	}
	op := x.op
	switch op {
	case "AND", "OR", "XOR":
		return func(ec *execCtx, row []any) (any, error) {
			a, err := l(ec, row)
			if err != nil {
				return nil, err
			}
			ta, err := toTri(ec, a, op)
			if err != nil {
				return nil, err
			}
			if op == "AND" && ta == triFalse {
				return false, nil
			}
			if op == "OR" && ta == triTrue {
				return true, nil
			}
			b, err := r(ec, row)
			if err != nil {
				return nil, err
			}
			tb, err := toTri(ec, b, op)
			if err != nil {
				return nil, err
			}
			switch op {
			case "AND":
				if tb == triFalse {
					return false, nil
				}
				if ta == triNull || tb == triNull {
					return nil, nil
				}
				return true, nil
			case "OR":
				if tb == triTrue {
					return true, nil
				}
				if ta == triNull || tb == triNull {
					return nil, nil
				}
				return false, nil
			}
			if ta == triNull || tb == triNull {
				return nil, nil
			}
			return ta != tb, nil
		}, nil
	case "=~":
		return func(ec *execCtx, row []any) (any, error) {
			a, b, err := both(ec, row, l, r)
			if err != nil || a == nil || b == nil {
				return nil, err
			}
			s, ok1 := a.(string)
			pat, ok2 := b.(string)
			if !ok1 || !ok2 {
				return nil, nil
			}
			re, err := c.regexp(pat)
			if err != nil {
				return nil, ec.runtimeErr(ArgumentError, "InvalidArgumentValue", "invalid regular expression %q: %v", pat, err)
			}
			return re.MatchString(s), nil
		}, nil
	}
	bin := binaryOps[op]
	return func(ec *execCtx, row []any) (any, error) {
		a, b, err := both(ec, row, l, r)
		if err != nil {
			return nil, err
		}
		return bin(ec, a, b)
	}, nil
}

// regexp compiles a pattern for =~, which must match the whole string (RE2
// syntax: no back-references). Patterns are compiled per evaluation.
func (c *compiler) regexp(pat string) (*regexp.Regexp, error) {
	return regexp.Compile("^(?:" + pat + ")$")
}

func both(ec *execCtx, row []any, l, r evalFn) (any, any, error) {
	a, err := l(ec, row)
	if err != nil {
		return nil, nil, err
	}
	b, err := r(ec, row)
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

func toTri(ec *execCtx, v any, op string) (tri, error) {
	switch b := v.(type) {
	case nil:
		return triNull, nil
	case bool:
		return triOf(b), nil
	}
	return triNull, ec.runtimeErr(TypeError, "InvalidArgumentType", "%s expects booleans, got %s", op, typeName(v))
}

type binFn func(ec *execCtx, a, b any) (any, error)

var binaryOps map[string]binFn

func init() {
	cmp := func(test func(int) bool) binFn {
		return func(_ *execCtx, a, b any) (any, error) {
			if a == nil || b == nil {
				return nil, nil
			}
			c, ok := compare(a, b)
			if !ok {
				if isNumber(a) && isNumber(b) {
					return false, nil // NaN is neither smaller nor larger than any number
				}
				return nil, nil
			}
			return test(c), nil
		}
	}
	strOp := func(test func(a, b string) bool) binFn {
		return func(_ *execCtx, a, b any) (any, error) {
			x, ok1 := a.(string)
			y, ok2 := b.(string)
			if !ok1 || !ok2 {
				return nil, nil
			}
			return test(x, y), nil
		}
	}
	binaryOps = map[string]binFn{
		"=": func(_ *execCtx, a, b any) (any, error) { return equal(a, b).value(), nil },
		"<>": func(_ *execCtx, a, b any) (any, error) {
			t := equal(a, b)
			if t == triNull {
				return nil, nil
			}
			return t == triFalse, nil
		},
		"<":           cmp(func(c int) bool { return c < 0 }),
		">":           cmp(func(c int) bool { return c > 0 }),
		"<=":          cmp(func(c int) bool { return c <= 0 }),
		">=":          cmp(func(c int) bool { return c >= 0 }),
		"STARTS WITH": strOp(strings.HasPrefix),
		"ENDS WITH":   strOp(strings.HasSuffix),
		"CONTAINS":    strOp(strings.Contains),
		"IN":          inList,
		"+":           add,
		"-":           arith("-"),
		"*":           arith("*"),
		"/":           arith("/"),
		"%":           arith("%"),
		"^":           arith("^"),
	}
}

func inList(ec *execCtx, a, b any) (any, error) {
	if b == nil {
		return nil, nil
	}
	l, ok := b.([]any)
	if !ok {
		return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "IN expects a list, got %s", typeName(b))
	}
	res := triFalse
	for _, e := range l {
		switch equal(a, e) {
		case triTrue:
			return true, nil
		case triNull:
			res = triNull
		}
	}
	return res.value(), nil
}

func add(ec *execCtx, a, b any) (any, error) {
	if a == nil || b == nil {
		return nil, nil
	}
	if la, ok := a.([]any); ok {
		if lb, ok := b.([]any); ok {
			out := make([]any, 0, len(la)+len(lb))
			return append(append(out, la...), lb...), nil
		}
		return append(append([]any(nil), la...), b), nil
	}
	if lb, ok := b.([]any); ok {
		return append([]any{a}, lb...), nil
	}
	if sa, ok := a.(string); ok {
		if s, ok := stringish(b); ok {
			return sa + s, nil
		}
	}
	if sb, ok := b.(string); ok {
		if s, ok := stringish(a); ok {
			return s + sb, nil
		}
	}
	return arith("+")(ec, a, b)
}

func stringish(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int64, float64, bool:
		return toStringValue(x), true
	}
	return "", false
}

func arith(op string) binFn {
	return func(ec *execCtx, a, b any) (any, error) {
		if a == nil || b == nil {
			return nil, nil
		}
		if !isNumber(a) || !isNumber(b) {
			if isTemporal(a) || isTemporal(b) {
				return temporalArith(ec, op, a, b)
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot apply %s to %s and %s", op, typeName(a), typeName(b))
		}
		x, xi := a.(int64)
		y, yi := b.(int64)
		if xi && yi && op != "^" {
			switch op {
			case "+":
				s := x + y
				if (s > x) != (y > 0) {
					return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "integer overflow")
				}
				return s, nil
			case "-":
				s := x - y
				if (s < x) != (y > 0) {
					return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "integer overflow")
				}
				return s, nil
			case "*":
				if x != 0 && y != 0 {
					p := x * y
					if p/y != x || (x == -1 && y == math.MinInt64) || (y == -1 && x == math.MinInt64) {
						return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "integer overflow")
					}
					return p, nil
				}
				return int64(0), nil
			case "/":
				if y == 0 {
					return nil, ec.runtimeErr(ArgumentError, "ArithmeticError", "/ by zero")
				}
				return x / y, nil
			case "%":
				if y == 0 {
					return nil, ec.runtimeErr(ArgumentError, "ArithmeticError", "/ by zero")
				}
				return x % y, nil
			}
		}
		fx, _ := toFloat(a)
		fy, _ := toFloat(b)
		switch op {
		case "+":
			return fx + fy, nil
		case "-":
			return fx - fy, nil
		case "*":
			return fx * fy, nil
		case "/":
			return fx / fy, nil
		case "%":
			return math.Mod(fx, fy), nil
		}
		return math.Pow(fx, fy), nil
	}
}

func (c *compiler) compileCase(x *caseExpr, sc *scope) (evalFn, error) {
	var test evalFn
	var err error
	if test, err = c.compileOptional(x.test, sc, test); err != nil {
		return nil, err
	}
	whens, err := c.compileExprs(x.whens, sc)
	if err != nil {
		return nil, err
	}
	thens, err := c.compileExprs(x.thens, sc)
	if err != nil {
		return nil, err
	}
	els := constFn(nil)
	if els, err = c.compileOptional(x.els, sc, els); err != nil {
		return nil, err
	}
	return func(ec *execCtx, row []any) (any, error) {
		var tv any
		if test != nil {
			v, err := test(ec, row)
			if err != nil {
				return nil, err
			}
			tv = v
		}
		for i, w := range whens {
			wv, err := w(ec, row)
			if err != nil {
				return nil, err
			}
			hit := false
			if test != nil {
				hit = equal(tv, wv) == triTrue
			} else {
				b, ok := wv.(bool)
				hit = ok && b
			}
			if hit {
				return thens[i](ec, row)
			}
		}
		return els(ec, row)
	}, nil
}

// bindLocal adds a local variable (comprehension, quantifier) in a child scope.
func (c *compiler) bindLocal(sc *scope, name string) (*scope, int) {
	inner := sc.clone()
	s := c.slot()
	inner.vars[name] = symbol{slot: s, kind: kAny}
	return inner, s
}

// bindElem binds name in a new scope to the elements of list: its static
// type is the elements' when list is a list literal whose elements all have
// the same known type, so that x % 2 over ['a', 'b'] fails at compile time.
func (c *compiler) bindElem(sc *scope, name string, list expr) (*scope, int) {
	inner, s := c.bindLocal(sc, name)
	l, ok := list.(*listExpr)
	if !ok || len(l.elems) == 0 {
		return inner, s
	}
	st := c.staticType(l.elems[0], sc)
	for _, e := range l.elems[1:] {
		if c.staticType(e, sc) != st {
			return inner, s
		}
	}
	switch st {
	case stBool, stInt, stFloat, stString, stList, stMap:
		inner.vars[name] = symbol{slot: s, kind: kAny, st: st}
	}
	return inner, s
}

func listArg(ec *execCtx, v any) ([]any, bool, error) {
	switch l := v.(type) {
	case nil:
		return nil, false, nil
	case []any:
		return l, true, nil
	}
	return nil, false, ec.runtimeErr(TypeError, "InvalidArgumentType", "expected a list, got %s", typeName(v))
}

func (c *compiler) compileListComp(x *listComp, sc *scope) (evalFn, error) {
	lf, err := c.compileExpr(x.list, sc)
	if err != nil {
		return nil, err
	}
	inner, slot := c.bindElem(sc, x.v, x.list)
	savedAggs := c.aggs
	c.aggs = nil // no aggregation inside the comprehension's body
	defer func() { c.aggs = savedAggs }()
	var where, proj evalFn
	if where, err = c.compileOptional(x.where, inner, where); err != nil {
		return nil, err
	}
	if proj, err = c.compileOptional(x.proj, inner, proj); err != nil {
		return nil, err
	}
	return func(ec *execCtx, row []any) (any, error) {
		lv, err := lf(ec, row)
		if err != nil {
			return nil, err
		}
		l, ok, err := listArg(ec, lv)
		if err != nil || !ok {
			return nil, err
		}
		out := make([]any, 0, len(l))
		// the list counts against the budget while it is built
		held := 0
		defer func() { ec.shrink(held) }()
		for _, e := range l {
			if err := ec.tick(); err != nil {
				return nil, err
			}
			row[slot] = e
			if where != nil {
				w, err := where(ec, row)
				if err != nil {
					return nil, err
				}
				if b, ok := w.(bool); !ok || !b {
					continue
				}
			}
			if proj != nil {
				v, err := proj(ec, row)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
				if ec.maxMem > 0 {
					n := bytesSlot + valBytes(v)
					held += n
					if err := ec.grow(n); err != nil {
						return nil, err
					}
				}
			} else {
				out = append(out, e)
			}
		}
		return out, nil
	}, nil
}

func (c *compiler) compileQuant(x *quantExpr, sc *scope) (evalFn, error) {
	lf, err := c.compileExpr(x.list, sc)
	if err != nil {
		return nil, err
	}
	inner, slot := c.bindElem(sc, x.v, x.list)
	where := constFn(true)
	if where, err = c.compileOptional(x.where, inner, where); err != nil {
		return nil, err
	}
	kind := x.kind
	return func(ec *execCtx, row []any) (any, error) {
		lv, err := lf(ec, row)
		if err != nil {
			return nil, err
		}
		l, ok, err := listArg(ec, lv)
		if err != nil || !ok {
			return nil, err
		}
		trues, nulls := 0, 0
		for _, e := range l {
			if err := ec.tick(); err != nil {
				return nil, err
			}
			row[slot] = e
			w, err := where(ec, row)
			if err != nil {
				return nil, err
			}
			switch b := w.(type) {
			case nil:
				nulls++
			case bool:
				if b {
					trues++
				}
			default:
				return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "quantifier predicate must be boolean")
			}
			if kind == "any" && trues > 0 {
				return true, nil
			}
			if kind == "none" && trues > 0 {
				return false, nil
			}
			if kind == "all" && trues+nulls < 1+int(0) && false {
				break
			}
		}
		falses := len(l) - trues - nulls
		switch kind {
		case "all":
			if falses > 0 {
				return false, nil
			}
			if nulls > 0 {
				return nil, nil
			}
			return true, nil
		case "any":
			if nulls > 0 {
				return nil, nil
			}
			return false, nil
		case "none":
			if nulls > 0 {
				return nil, nil
			}
			return true, nil
		}
		// single
		if trues > 1 {
			return false, nil
		}
		if nulls > 0 {
			return nil, nil
		}
		return trues == 1, nil
	}, nil
}

func (c *compiler) compileReduce(x *reduceExpr, sc *scope) (evalFn, error) {
	init, err := c.compileExpr(x.init, sc)
	if err != nil {
		return nil, err
	}
	lf, err := c.compileExpr(x.list, sc)
	if err != nil {
		return nil, err
	}
	inner, accSlot := c.bindLocal(sc, x.acc)
	inner2, vSlot := c.bindLocal(inner, x.v)
	body, err := c.compileExpr(x.body, inner2)
	if err != nil {
		return nil, err
	}
	return func(ec *execCtx, row []any) (any, error) {
		acc, err := init(ec, row)
		if err != nil {
			return nil, err
		}
		lv, err := lf(ec, row)
		if err != nil {
			return nil, err
		}
		l, ok, err := listArg(ec, lv)
		if err != nil || !ok {
			return nil, err
		}
		for _, e := range l {
			if err := ec.tick(); err != nil {
				return nil, err
			}
			row[accSlot], row[vSlot] = acc, e
			if acc, err = body(ec, row); err != nil {
				return nil, err
			}
		}
		return acc, nil
	}, nil
}

func (c *compiler) compileMapProj(x *mapProj, sc *scope) (evalFn, error) {
	s, ok := sc.lookup(x.v)
	if !ok {
		return nil, c.undefinedVar(x, x.v)
	}
	slot := s.slot
	vals := make([]evalFn, len(x.items))
	for i, it := range x.items {
		if it.val != nil {
			f, err := c.compileExpr(it.val, sc)
			if err != nil {
				return nil, err
			}
			vals[i] = f
		}
	}
	items := x.items
	return func(ec *execCtx, row []any) (any, error) {
		base := row[slot]
		if base == nil {
			return nil, nil
		}
		out := map[string]any{}
		for i, it := range items {
			switch {
			case it.all:
				m, err := propsOf(ec, base)
				if err != nil {
					return nil, err
				}
				for k, v := range m {
					out[k] = v
				}
			case it.prop:
				v, err := propOf(ec, base, it.key)
				if err != nil {
					return nil, err
				}
				out[it.key] = v
			default:
				v, err := vals[i](ec, row)
				if err != nil {
					return nil, err
				}
				out[it.key] = v
			}
		}
		return out, nil
	}, nil
}

// propsOf returns the property map of a node, relationship or map.
func propsOf(ec *execCtx, v any) (map[string]any, error) {
	switch x := v.(type) {
	case nodeV:
		if !ec.g.NodeExists(int64(x)) && ec.deleted[int64(x)] {
			return nil, ec.runtimeErr(EntityNotFound, "DeletedEntityAccess", "node %d was deleted", int64(x))
		}
		return ec.g.NodeProps(int64(x)), nil
	case relV:
		if _, _, _, ok := ec.g.Rel(int64(x)); !ok && ec.delRels[int64(x)] != "" {
			return nil, ec.runtimeErr(EntityNotFound, "DeletedEntityAccess", "relationship %d was deleted", int64(x))
		}
		return ec.g.RelProps(int64(x)), nil
	case map[string]any:
		return x, nil
	}
	return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "expected a map, node or relationship, got %s", typeName(v))
}
