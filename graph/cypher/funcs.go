package cypher

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kgnews/kg/graph/value"
)

// fnSpec is a scalar function: arity bounds and implementation.
type fnSpec struct {
	min, max int // max < 0: variadic
	fn       func(ec *execCtx, args []any) (any, error)
}

var aggregates = map[string]bool{"count": true, "collect": true, "sum": true, "avg": true, "min": true, "max": true,
	"percentiledisc": true, "percentilecont": true, "stdev": true, "stdevp": true}

func isAggregateCall(e expr) bool {
	c, ok := e.(*callExpr)
	return ok && aggregates[strings.ToLower(c.name)]
}

// containsAggregate reports whether e has an aggregate call outside nested scopes.
func containsAggregate(e expr) bool {
	found := false
	walkExpr(e, func(x expr) bool {
		if isAggregateCall(x) {
			found = true
		}
		return !found
	})
	return found
}

func (c *compiler) compileCall(x *callExpr, sc *scope) (evalFn, error) {
	name := strings.ToLower(x.name)
	if aggregates[name] {
		if c.aggs == nil {
			return nil, c.errAt(x, SyntaxError, "InvalidAggregation", "aggregation is not allowed here")
		}
		if c.inAgg {
			return nil, c.errAt(x, SyntaxError, "NestedAggregation", "aggregate inside an aggregate")
		}
		if x.star && name != "count" {
			return nil, c.errAt(x, SyntaxError, "UnexpectedSyntax", "only count accepts *")
		}
		want := 1
		if name == "percentiledisc" || name == "percentilecont" {
			want = 2
		}
		if !x.star && len(x.args) != want {
			return nil, c.errAt(x, SyntaxError, "InvalidNumberOfArguments", "wrong number of arguments to "+x.name)
		}
		for _, a := range x.args {
			nondet := false
			walkExpr(a, func(e expr) bool {
				if ce, ok := e.(*callExpr); ok && strings.EqualFold(ce.name, "rand") {
					nondet = true
				}
				return !nondet
			})
			if nondet {
				return nil, c.errAt(a, SyntaxError, "NonConstantExpression", "the argument of "+x.name+" cannot be non-deterministic (rand())")
			}
		}
		c.inAgg = true
		args, err := c.compileExprs(x.args, sc)
		c.inAgg = false
		if err != nil {
			return nil, err
		}
		spec := &aggSpec{name: name, distinct: x.distinct, star: x.star, args: args, slot: c.slot(), text: c.src[x.Pos():x.End()]}
		*c.aggs = append(*c.aggs, spec)
		slot := spec.slot
		return func(_ *execCtx, row []any) (any, error) { return row[slot], nil }, nil
	}
	spec, ok := functions[name]
	if !ok {
		if name == "exists" {
			return c.compileExists(x, sc)
		}
		return nil, c.errAt(x, SyntaxError, "UnknownFunction", "unknown function "+x.name)
	}
	if len(x.args) < spec.min || (spec.max >= 0 && len(x.args) > spec.max) || x.star {
		return nil, c.errAt(x, SyntaxError, "InvalidNumberOfArguments", "wrong number of arguments to "+x.name)
	}
	if name == "tostring" || name == "tointeger" || name == "tofloat" || name == "toboolean" {
		st := c.staticType(x.args[0], sc)
		bad := st == stList || st == stMap || st == stNode || st == stRel || st == stPath
		if name == "toboolean" && (st == stFloat) {
			bad = true
		}
		if bad {
			return nil, c.errAt(x.args[0], SyntaxError, "InvalidArgumentType", "wrong argument type to "+x.name)
		}
	}
	if accepted, ok := staticArgTypes[name]; ok {
		if st := c.staticType(x.args[0], sc); st != stUnknown && st != stNull && !accepted[st] {
			return nil, c.errAt(x.args[0], SyntaxError, "InvalidArgumentType",
				"wrong argument type to "+x.name+": "+typeNameOfStatic(st))
		}
	}
	args, err := c.compileExprs(x.args, sc)
	if err != nil {
		return nil, err
	}
	f := spec.fn
	if name == "rand" {
		return func(ec *execCtx, _ []any) (any, error) { return f(ec, nil) }, nil
	}
	return func(ec *execCtx, row []any) (any, error) {
		vals, err := evalAll(ec, row, args)
		if err != nil {
			return nil, err
		}
		return f(ec, vals)
	}, nil
}

// compileExists handles exists(n.prop) and exists((a)-->()).
func (c *compiler) compileExists(x *callExpr, sc *scope) (evalFn, error) {
	if len(x.args) != 1 {
		return nil, c.errAt(x, SyntaxError, "InvalidNumberOfArguments", "exists takes one argument")
	}
	switch x.args[0].(type) {
	case *propExpr, *patternExpr:
	default:
		return nil, c.errAt(x.args[0], SyntaxError, "InvalidArgumentType", "exists expects a property or a pattern")
	}
	f, err := c.compileExpr(x.args[0], sc)
	if err != nil {
		return nil, err
	}
	_, isPat := x.args[0].(*patternExpr)
	return func(ec *execCtx, row []any) (any, error) {
		v, err := f(ec, row)
		if err != nil {
			return nil, err
		}
		if isPat {
			return v, nil
		}
		return v != nil, nil
	}, nil
}

// staticArgTypes lists, for functions whose first argument must have one of
// a few types, the static types accepted: others fail at compile time.
var staticArgTypes = map[string]map[stype]bool{
	"properties":    {stMap: true, stNode: true, stRel: true},
	"keys":          {stMap: true, stNode: true, stRel: true},
	"labels":        {stNode: true},
	"type":          {stRel: true},
	"startnode":     {stRel: true},
	"endnode":       {stRel: true},
	"nodes":         {stPath: true},
	"relationships": {stPath: true},
	"length":        {stPath: true, stString: true, stList: true},
	"size":          {stString: true, stList: true, stMap: true},
}

func argErr(ec *execCtx, fn string, v any) error {
	return ec.runtimeErr(TypeError, "InvalidArgumentType", "%s cannot take %s", fn, typeName(v))
}

func toStringValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatFloat(x)
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return ""
}

func numFn(name string, fi func(int64) any, ff func(float64) any) fnSpec {
	return fnSpec{1, 1, func(ec *execCtx, a []any) (any, error) {
		switch x := a[0].(type) {
		case nil:
			return nil, nil
		case int64:
			return fi(x), nil
		case float64:
			return ff(x), nil
		}
		return nil, argErr(ec, name, a[0])
	}}
}

func floatFn(name string, f func(float64) float64) fnSpec {
	return fnSpec{1, 1, func(ec *execCtx, a []any) (any, error) {
		if a[0] == nil {
			return nil, nil
		}
		x, ok := toFloat(a[0])
		if !ok {
			return nil, argErr(ec, name, a[0])
		}
		return f(x), nil
	}}
}

func strFn(name string, f func(string) any) fnSpec {
	return fnSpec{1, 1, func(ec *execCtx, a []any) (any, error) {
		if a[0] == nil {
			return nil, nil
		}
		s, ok := a[0].(string)
		if !ok {
			return nil, argErr(ec, name, a[0])
		}
		return f(s), nil
	}}
}

func intArg(ec *execCtx, fn string, v any) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case float64:
		if x == math.Trunc(x) {
			return int64(x), nil
		}
	}
	return 0, argErr(ec, fn, v)
}

var functions map[string]fnSpec

func init() {
	functions = map[string]fnSpec{
		"abs": numFn("abs", func(i int64) any {
			if i < 0 {
				return -i
			}
			return i
		}, func(f float64) any { return math.Abs(f) }),
		"sign": numFn("sign", func(i int64) any { return int64(cmp.Compare(i, 0)) }, func(f float64) any { return int64(cmpFloat(f, 0)) }),
		"ceil": floatFn("ceil", math.Ceil), "floor": floatFn("floor", math.Floor), "sqrt": floatFn("sqrt", math.Sqrt),
		"exp": floatFn("exp", math.Exp), "log": floatFn("log", math.Log), "log10": floatFn("log10", math.Log10),
		"sin": floatFn("sin", math.Sin), "cos": floatFn("cos", math.Cos), "tan": floatFn("tan", math.Tan),
		"asin": floatFn("asin", math.Asin), "acos": floatFn("acos", math.Acos), "atan": floatFn("atan", math.Atan),
		"degrees": floatFn("degrees", func(f float64) float64 { return f * 180 / math.Pi }),
		"radians": floatFn("radians", func(f float64) float64 { return f * math.Pi / 180 }),
		"round": {1, 1, func(ec *execCtx, a []any) (any, error) {
			if a[0] == nil {
				return nil, nil
			}
			x, ok := toFloat(a[0])
			if !ok {
				return nil, argErr(ec, "round", a[0])
			}
			return math.Floor(x + 0.5), nil
		}},
		"pi":      {0, 0, func(*execCtx, []any) (any, error) { return math.Pi, nil }},
		"e":       {0, 0, func(*execCtx, []any) (any, error) { return math.E, nil }},
		"rand":    {0, 0, func(*execCtx, []any) (any, error) { return rand.Float64(), nil }},
		"tolower": strFn("toLower", func(s string) any { return strings.ToLower(s) }),
		"toupper": strFn("toUpper", func(s string) any { return strings.ToUpper(s) }),
		"trim":    strFn("trim", func(s string) any { return strings.TrimSpace(s) }),
		"ltrim":   strFn("ltrim", func(s string) any { return strings.TrimLeft(s, " \t\n\r") }),
		"rtrim":   strFn("rtrim", func(s string) any { return strings.TrimRight(s, " \t\n\r") }),
		"reverse": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case string:
				r := []rune(x)
				for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
					r[i], r[j] = r[j], r[i]
				}
				return string(r), nil
			case []any:
				out := make([]any, len(x))
				for i, e := range x {
					out[len(x)-1-i] = e
				}
				return out, nil
			}
			return nil, argErr(ec, "reverse", a[0])
		}},
		"replace": {3, 3, func(ec *execCtx, a []any) (any, error) {
			if a[0] == nil || a[1] == nil || a[2] == nil {
				return nil, nil
			}
			s, ok1 := a[0].(string)
			f, ok2 := a[1].(string)
			t, ok3 := a[2].(string)
			if !ok1 || !ok2 || !ok3 {
				return nil, argErr(ec, "replace", a[0])
			}
			return strings.ReplaceAll(s, f, t), nil
		}},
		"split": {2, 2, func(ec *execCtx, a []any) (any, error) {
			if a[0] == nil || a[1] == nil {
				return nil, nil
			}
			s, ok1 := a[0].(string)
			sep, ok2 := a[1].(string)
			if !ok1 || !ok2 {
				return nil, argErr(ec, "split", a[0])
			}
			return value.AnyList(strings.Split(s, sep)), nil
		}},
		"substring": {2, 3, func(ec *execCtx, a []any) (any, error) {
			if a[0] == nil {
				return nil, nil
			}
			s, ok := a[0].(string)
			if !ok {
				return nil, argErr(ec, "substring", a[0])
			}
			r := []rune(s)
			start, err := intArg(ec, "substring", a[1])
			if err != nil {
				return nil, err
			}
			n := int64(len(r))
			if len(a) == 3 {
				if n, err = intArg(ec, "substring", a[2]); err != nil {
					return nil, err
				}
			}
			if start < 0 || n < 0 {
				return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "negative substring bound")
			}
			if start >= int64(len(r)) {
				return "", nil
			}
			end := min(start+n, int64(len(r)))
			return string(r[start:end]), nil
		}},
		"left":  {2, 2, func(ec *execCtx, a []any) (any, error) { return leftRight(ec, a, true) }},
		"right": {2, 2, func(ec *execCtx, a []any) (any, error) { return leftRight(ec, a, false) }},
		"tostring": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case string, int64, float64, bool:
				return toStringValue(x), nil
			case value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime, value.Duration, value.Point:
				return x.(fmt.Stringer).String(), nil
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentValue", "toString cannot take %s", typeName(a[0]))
		}},
		"tointeger": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case int64:
				return x, nil
			case float64:
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return nil, nil
				}
				return int64(x), nil
			case string:
				if i, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
					return i, nil
				}
				if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
					return int64(f), nil
				}
				return nil, nil
			case bool:
				if x {
					return int64(1), nil
				}
				return int64(0), nil
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentValue", "toInteger cannot take %s", typeName(a[0]))
		}},
		"tofloat": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case int64:
				return float64(x), nil
			case float64:
				return x, nil
			case string:
				if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
					return f, nil
				}
				return nil, nil
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentValue", "toFloat cannot take %s", typeName(a[0]))
		}},
		"toboolean": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case bool:
				return x, nil
			case string:
				switch strings.ToLower(strings.TrimSpace(x)) {
				case "true":
					return true, nil
				case "false":
					return false, nil
				}
				return nil, nil
			case int64:
				return x != 0, nil
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentValue", "toBoolean cannot take %s", typeName(a[0]))
		}},
		"size": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case string:
				return int64(utf8.RuneCountInString(x)), nil
			case []any:
				return int64(len(x)), nil
			case []byte:
				return int64(len(x)), nil
			case map[string]any:
				return int64(len(x)), nil
			}
			return nil, argErr(ec, "size", a[0])
		}},
		"length": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case pathV:
				return int64(len(x.rels)), nil
			case string:
				return int64(utf8.RuneCountInString(x)), nil
			case []any:
				return int64(len(x)), nil
			}
			return nil, argErr(ec, "length", a[0])
		}},
		"head": {1, 1, func(ec *execCtx, a []any) (any, error) {
			l, ok, err := listArg(ec, a[0])
			if err != nil || !ok || len(l) == 0 {
				return nil, err
			}
			return l[0], nil
		}},
		"last": {1, 1, func(ec *execCtx, a []any) (any, error) {
			l, ok, err := listArg(ec, a[0])
			if err != nil || !ok || len(l) == 0 {
				return nil, err
			}
			return l[len(l)-1], nil
		}},
		"tail": {1, 1, func(ec *execCtx, a []any) (any, error) {
			l, ok, err := listArg(ec, a[0])
			if err != nil || !ok {
				return nil, err
			}
			if len(l) == 0 {
				return []any{}, nil
			}
			return append([]any(nil), l[1:]...), nil
		}},
		"range": {2, 3, func(ec *execCtx, a []any) (any, error) {
			var ns [3]int64
			ns[2] = 1
			for i, v := range a {
				n, ok := v.(int64)
				if !ok {
					return nil, ec.runtimeErr(ArgumentError, "InvalidArgumentType", "range cannot take %s", typeName(v))
				}
				ns[i] = n
			}
			if ns[2] == 0 {
				return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "range step must not be zero")
			}
			if n := (float64(ns[1]) - float64(ns[0])) / float64(ns[2]); n > 0 {
				if err := ec.reserve(rowBytes(0) + bytesScalar*int(min(n+1, 1e12))); err != nil {
					return nil, err
				}
			}
			var out []any
			for i := ns[0]; (ns[2] > 0 && i <= ns[1]) || (ns[2] < 0 && i >= ns[1]); i += ns[2] {
				if len(out) > 10_000_000 {
					return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "range too large")
				}
				if err := ec.tick(); err != nil {
					return nil, err
				}
				out = append(out, i)
			}
			if out == nil {
				out = []any{}
			}
			return out, nil
		}},
		"coalesce": {1, -1, func(_ *execCtx, a []any) (any, error) {
			for _, v := range a {
				if v != nil {
					return v, nil
				}
			}
			return nil, nil
		}},
		"id": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case nodeV:
				return int64(x), nil
			case relV:
				return int64(x), nil
			}
			return nil, argErr(ec, "id", a[0])
		}},
		"elementid": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case nodeV:
				return NodeElementID(int64(x)), nil
			case relV:
				return RelElementID(int64(x)), nil
			}
			return nil, argErr(ec, "elementId", a[0])
		}},
		"labels": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case nodeV:
				if !ec.g.NodeExists(int64(x)) && ec.deleted[int64(x)] {
					return nil, ec.runtimeErr(EntityNotFound, "DeletedEntityAccess", "node %d was deleted", int64(x))
				}
				return value.AnyList(ec.g.NodeLabels(int64(x))), nil
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentValue", "labels() expects a node, got %s", typeName(a[0]))
		}},
		"type": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case relV:
				t, _, _, ok := ec.g.Rel(int64(x))
				if !ok {
					t = ec.delRels[int64(x)] // the type of a deleted relationship is still known
				}
				return t, nil
			}
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentValue", "type() expects a relationship, got %s", typeName(a[0]))
		}},
		"properties": {1, 1, func(ec *execCtx, a []any) (any, error) {
			if a[0] == nil {
				return nil, nil
			}
			m, err := propsOf(ec, a[0])
			if err != nil {
				return nil, err
			}
			out := make(map[string]any, len(m))
			for k, v := range m {
				out[k] = v
			}
			return out, nil
		}},
		"keys": {1, 1, func(ec *execCtx, a []any) (any, error) {
			if a[0] == nil {
				return nil, nil
			}
			m, err := propsOf(ec, a[0])
			if err != nil {
				return nil, err
			}
			return value.AnyList(slices.Sorted(maps.Keys(m))), nil
		}},
		"startnode": {1, 1, func(ec *execCtx, a []any) (any, error) { return relEnd(ec, a[0], true) }},
		"endnode":   {1, 1, func(ec *execCtx, a []any) (any, error) { return relEnd(ec, a[0], false) }},
		"nodes": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case pathV:
				return value.ConvertList(x.nodes, func(n int64) any { return nodeV(n) }), nil
			}
			return nil, argErr(ec, "nodes", a[0])
		}},
		"relationships": {1, 1, func(ec *execCtx, a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case pathV:
				return value.ConvertList(x.rels, func(r int64) any { return relV(r) }), nil
			}
			return nil, argErr(ec, "relationships", a[0])
		}},
	}
	registerTemporal(functions)
	registerSpatial(functions)
}

func relEnd(ec *execCtx, v any, start bool) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case relV:
		_, s, e, ok := ec.g.Rel(int64(x))
		if !ok {
			return nil, nil
		}
		if start {
			return nodeV(s), nil
		}
		return nodeV(e), nil
	}
	return nil, argErr(ec, "startNode/endNode", v)
}

func leftRight(ec *execCtx, a []any, left bool) (any, error) {
	if a[0] == nil {
		return nil, nil
	}
	s, ok := a[0].(string)
	if !ok {
		return nil, argErr(ec, "left/right", a[0])
	}
	if a[1] == nil {
		return nil, ec.runtimeErr(ArgumentError, "InvalidArgumentValue", "length must not be null")
	}
	n, err := intArg(ec, "left/right", a[1])
	if err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "negative length")
	}
	r := []rune(s)
	if n > int64(len(r)) {
		n = int64(len(r))
	}
	if left {
		return string(r[:n]), nil
	}
	return string(r[int64(len(r))-n:]), nil
}

// aggState accumulates one aggregate over a group.
type aggState struct {
	spec  *aggSpec
	seen  map[string]bool
	count int64
	vals  []any
	sumI  int64
	sumF  float64
	float bool
	best  any
	param any
}

// step feeds the aggregate one row. It returns the bytes the state grew
// by, for the memory budget (collected values and DISTINCT keys).
func (s *aggState) step(ec *execCtx, row []any, buf []byte) ([]byte, int, error) {
	sp := s.spec
	if sp.star {
		s.count++
		return buf, 0, nil
	}
	v, err := sp.args[0](ec, row)
	if err != nil {
		return buf, 0, err
	}
	if v == nil {
		return buf, 0, nil
	}
	if len(sp.args) > 1 && s.param == nil {
		p, err := sp.args[1](ec, row)
		if err != nil {
			return buf, 0, err
		}
		s.param = p
	}
	grew := 0
	if sp.distinct {
		buf = appendKey(buf[:0], v)
		if s.seen == nil {
			s.seen = map[string]bool{}
		}
		if s.seen[string(buf)] {
			return buf, 0, nil
		}
		s.seen[string(buf)] = true
		grew += len(buf) + bytesKey
	}
	s.count++
	switch sp.name {
	case "collect", "percentiledisc", "percentilecont", "stdev", "stdevp":
		s.vals = append(s.vals, v)
		grew += bytesSlot + valBytes(v)
	case "sum", "avg":
		switch x := v.(type) {
		case int64:
			s.sumI += x
			s.sumF += float64(x)
		case float64:
			s.float = true
			s.sumF += x
		default:
			return buf, 0, ec.runtimeErr(TypeError, "InvalidArgumentType", "%s cannot take %s", sp.name, typeName(v))
		}
	case "min":
		if s.best == nil || order(v, s.best) < 0 {
			s.best = v
		}
	case "max":
		if s.best == nil || order(v, s.best) > 0 {
			s.best = v
		}
	}
	return buf, grew, nil
}

func (s *aggState) result(ec *execCtx) (any, error) {
	switch s.spec.name {
	case "count":
		return s.count, nil
	case "collect":
		if s.vals == nil {
			return []any{}, nil
		}
		return s.vals, nil
	case "sum":
		if s.float {
			return s.sumF, nil
		}
		return s.sumI, nil
	case "avg":
		if s.count == 0 {
			return nil, nil
		}
		return s.sumF / float64(s.count), nil
	case "min", "max":
		return s.best, nil
	case "stdev", "stdevp":
		n := float64(len(s.vals))
		if n == 0 || (n == 1 && s.spec.name == "stdev") {
			return 0.0, nil
		}
		var sum float64
		for _, v := range s.vals {
			f, ok := toFloat(v)
			if !ok {
				return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "stDev cannot take %s", typeName(v))
			}
			sum += f
		}
		mean := sum / n
		var sq float64
		for _, v := range s.vals {
			f, _ := toFloat(v)
			sq += (f - mean) * (f - mean)
		}
		if s.spec.name == "stdev" {
			return math.Sqrt(sq / (n - 1)), nil
		}
		return math.Sqrt(sq / n), nil
	}
	// percentiles
	p, ok := toFloat(s.param)
	if s.param == nil && len(s.vals) == 0 {
		return nil, nil
	}
	if !ok {
		return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "percentile must be a number")
	}
	if p < 0 || p > 1 {
		return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "percentile must be between 0 and 1")
	}
	if len(s.vals) == 0 {
		return nil, nil
	}
	fs := make([]float64, len(s.vals))
	allInt := true
	for i, v := range s.vals {
		f, ok := toFloat(v)
		if !ok {
			return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "percentile cannot take %s", typeName(v))
		}
		if _, isInt := v.(int64); !isInt {
			allInt = false
		}
		fs[i] = f
	}
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return fs[idx[a]] < fs[idx[b]] })
	if s.spec.name == "percentiledisc" {
		n := float64(len(fs))
		i := int(math.Ceil(p*n)) - 1
		if i < 0 {
			i = 0
		}
		v := s.vals[idx[i]]
		if allInt {
			return v, nil
		}
		f, _ := toFloat(v)
		return f, nil
	}
	pos := p * float64(len(fs)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	a, b := fs[idx[lo]], fs[idx[hi]]
	return a + (b-a)*(pos-float64(lo)), nil
}
