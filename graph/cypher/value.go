package cypher

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kgnews/kg/graph/value"
)

// Internal value representation: nil, bool, int64, float64, string, []any,
// map[string]any, nodeV, relV and pathV. Nodes and relationships are ids
// resolved against the graph lazily.
type (
	nodeV int64
	relV  int64
	pathV struct {
		nodes []int64
		rels  []int64
	}
)

// typeName names v's type as error messages do.
func typeName(v any) string {
	switch v.(type) {
	case nodeV:
		return "Node"
	case relV:
		return "Relationship"
	case pathV:
		return "Path"
	}
	return value.TypeName(v)
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

// tri is a three-valued boolean: -1 null, 0 false, 1 true.
type tri int8

const (
	triNull  tri = -1
	triFalse tri = 0
	triTrue  tri = 1
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

func (t tri) value() any {
	switch t {
	case triTrue:
		return true
	case triFalse:
		return false
	}
	return nil
}

// equal implements Cypher's = : three-valued.
func equal(a, b any) tri {
	if a == nil || b == nil {
		return triNull
	}
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return triOf(x == y)
		case float64:
			return triOf(float64(x) == y)
		}
		return triFalse
	case float64:
		switch y := b.(type) {
		case int64:
			return triOf(x == float64(y))
		case float64:
			return triOf(x == y)
		}
		return triFalse
	case string, bool, nodeV, relV:
		// Equal interfaces: the same type and the same value.
		return triOf(x == b)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return triFalse
		}
		res := triTrue
		for i := range x {
			switch equal(x[i], y[i]) {
			case triFalse:
				return triFalse
			case triNull:
				res = triNull
			}
		}
		return res
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return triFalse
		}
		res := triTrue
		for k, xv := range x {
			yv, ok := y[k]
			if !ok {
				return triFalse
			}
			switch equal(xv, yv) {
			case triFalse:
				return triFalse
			case triNull:
				res = triNull
			}
		}
		return res
	case pathV:
		y, ok := b.(pathV)
		if !ok || len(x.nodes) != len(y.nodes) || len(x.rels) != len(y.rels) {
			return triFalse
		}
		for i := range x.nodes {
			if x.nodes[i] != y.nodes[i] {
				return triFalse
			}
		}
		for i := range x.rels {
			if x.rels[i] != y.rels[i] {
				return triFalse
			}
		}
		return triTrue
	case value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime, value.Duration, value.Point:
		return triOf(a == b)
	case []byte:
		y, ok := b.([]byte)
		return triOf(ok && bytes.Equal(x, y))
	}
	return triFalse
}

// compare implements comparability for < <= > >=: ok is false when the
// values are not comparable (the result is then null).
func compare(a, b any) (int, bool) {
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return cmp.Compare(x, y), true
		case float64:
			if math.IsNaN(y) {
				return 0, false
			}
			return cmpFloat(float64(x), y), true
		}
	case float64:
		if math.IsNaN(x) {
			return 0, false
		}
		switch y := b.(type) {
		case int64:
			return cmpFloat(x, float64(y)), true
		case float64:
			if math.IsNaN(y) {
				return 0, false
			}
			return cmpFloat(x, y), true
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y), true
		}
	case bool:
		if y, ok := b.(bool); ok {
			return cmpBool(x, y), true
		}
	case []any:
		if y, ok := b.([]any); ok {
			for i := 0; i < len(x) && i < len(y); i++ {
				if x[i] == nil || y[i] == nil {
					return 0, false
				}
				c, ok := compare(x[i], y[i])
				if !ok {
					return 0, false
				}
				if c != 0 {
					return c, true
				}
			}
			return cmp.Compare(len(x), len(y)), true
		}
	case value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime:
		return value.Compare(a, b)
	case []byte:
		if y, ok := b.([]byte); ok {
			return bytes.Compare(x, y), true
		}
	}
	return 0, false
}

// cmpFloat orders floats; unlike cmp.Compare it leaves NaN unordered (0),
// which callers rank themselves.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpBool(a, b bool) int {
	if a == b {
		return 0
	}
	if !a {
		return -1
	}
	return 1
}

// rankNaN is NaN's place in the global sort order: after the numbers.
const rankNaN = 30

// orderRank gives the type's place in the global sort order.
func orderRank(v any) int {
	switch x := v.(type) {
	case map[string]any:
		return 0
	case nodeV:
		return 2
	case relV:
		return 4
	case []any:
		return 6
	case pathV:
		return 8
	case value.Point:
		return 10
	case value.DateTime:
		return 12
	case value.LocalDateTime:
		return 14
	case value.Date:
		return 16
	case value.Time:
		return 18
	case value.LocalTime:
		return 20
	case value.Duration:
		return 22
	case []byte:
		return 23 // after the temporal types, before strings
	case string:
		return 24
	case bool:
		return 26
	case int64:
		return 28
	case float64:
		if math.IsNaN(x) {
			return rankNaN
		}
		return 28
	case nil:
		return 32
	}
	return 34
}

// order implements orderability: a total order over all values.
func order(a, b any) int {
	ra, rb := orderRank(a), orderRank(b)
	if ra != rb {
		return cmp.Compare(int64(ra), int64(rb))
	}
	switch x := a.(type) {
	case []byte:
		return bytes.Compare(x, b.([]byte))
	case map[string]any:
		y := b.(map[string]any)
		kx, ky := slices.Sorted(maps.Keys(x)), slices.Sorted(maps.Keys(y))
		for i := 0; i < len(kx) && i < len(ky); i++ {
			if c := strings.Compare(kx[i], ky[i]); c != 0 {
				return c
			}
			if c := order(x[kx[i]], y[ky[i]]); c != 0 {
				return c
			}
		}
		return cmp.Compare(len(kx), len(ky))
	case nodeV:
		return cmp.Compare(int64(x), int64(b.(nodeV)))
	case relV:
		return cmp.Compare(int64(x), int64(b.(relV)))
	case []any:
		y := b.([]any)
		for i := 0; i < len(x) && i < len(y); i++ {
			if c := order(x[i], y[i]); c != 0 {
				return c
			}
		}
		return cmp.Compare(len(x), len(y))
	case pathV:
		y := b.(pathV)
		for i := 0; i < len(x.nodes) && i < len(y.nodes); i++ {
			if c := cmp.Compare(x.nodes[i], y.nodes[i]); c != 0 {
				return c
			}
			if i < len(x.rels) && i < len(y.rels) {
				if c := cmp.Compare(x.rels[i], y.rels[i]); c != 0 {
					return c
				}
			}
		}
		return cmp.Compare(len(x.nodes), len(y.nodes))
	case string:
		return strings.Compare(x, b.(string))
	case bool:
		return cmpBool(x, b.(bool))
	case value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime:
		c, _ := value.Compare(a, b)
		return c
	case value.Duration:
		return value.CompareDurations(x, b.(value.Duration))
	case value.Point:
		return value.ComparePoints(x, b.(value.Point))
	case int64, float64:
		if orderRank(a) == rankNaN {
			return 0
		}
		if y, ok := b.(int64); ok {
			if xi, ok := a.(int64); ok {
				return cmp.Compare(xi, y)
			}
		}
		fa, _ := toFloat(a)
		fb, _ := toFloat(b)
		if c := cmpFloat(fa, fb); c != 0 {
			return c
		}
		// equal as floats: order int before float for determinism
		_, ai := a.(int64)
		_, bi := b.(int64)
		if ai && !bi {
			return -1
		}
		if !ai && bi {
			return 1
		}
		return 0
	}
	return 0
}

// appendKey appends a canonical encoding of v for equivalence (DISTINCT and
// grouping): null ≡ null, NaN ≡ NaN, 1 ≡ 1.0.
func appendKey(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 'N')
	case bool:
		if x {
			return append(b, 'T')
		}
		return append(b, 'F')
	case int64:
		b = append(b, 'i')
		return strconv.AppendInt(b, x, 10)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<62 {
			b = append(b, 'i')
			return strconv.AppendInt(b, int64(x), 10)
		}
		b = append(b, 'f')
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	case string:
		b = append(b, 's')
		b = strconv.AppendInt(b, int64(len(x)), 10)
		b = append(b, ':')
		return append(b, x...)
	case []byte:
		b = append(b, 'b')
		b = strconv.AppendInt(b, int64(len(x)), 10)
		b = append(b, ':')
		return append(b, x...)
	case []any:
		b = append(b, '[')
		for _, e := range x {
			b = appendKey(b, e)
			b = append(b, ',')
		}
		return append(b, ']')
	case map[string]any:
		b = append(b, '{')
		for _, k := range slices.Sorted(maps.Keys(x)) {
			b = strconv.AppendInt(b, int64(len(k)), 10)
			b = append(b, ':')
			b = append(b, k...)
			b = appendKey(b, x[k])
			b = append(b, ',')
		}
		return append(b, '}')
	case nodeV:
		b = append(b, 'n')
		return strconv.AppendInt(b, int64(x), 10)
	case relV:
		b = append(b, 'r')
		return strconv.AppendInt(b, int64(x), 10)
	case pathV:
		b = append(b, 'p')
		for i, n := range x.nodes {
			b = strconv.AppendInt(b, n, 10)
			if i < len(x.rels) {
				b = append(b, '-')
				b = strconv.AppendInt(b, x.rels[i], 10)
				b = append(b, '-')
			}
		}
		return append(b, ';')
	case value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime, value.Duration, value.Point:
		b = append(b, 't')
		b = append(b, typeName(v)...)
		return append(append(b, x.(fmt.Stringer).String()...), ';')
	}
	return append(b, '?')
}

// formatFloat renders a float as Cypher's toString does.
func formatFloat(f float64) string { return value.FormatFloat(f) }
