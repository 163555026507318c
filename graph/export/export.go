// Package export writes a graph.Batch in kg's export formats: JSON (the
// contract of DESIGN.md), GraphML for Gephi and yEd, and a Cypher script that
// recreates the graph in an empty Neo4j 5 database.
//
// Every writer is deterministic: nodes and relationships in graph.SortBatch
// order, property keys sorted, so that two exports of the same graph are
// byte-identical. None modifies the batch it is given.
//
// Property values are string, bool, any Go integer kind (written as a 64-bit
// integer), float64 or float32, []string, and []any of such values; others,
// such as maps, are an error naming the node or relationship.
package export

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

// sorted returns a shallow copy of b in graph.SortBatch order.
func sorted(b *graph.Batch) *graph.Batch {
	if b == nil {
		return &graph.Batch{}
	}
	c := &graph.Batch{Nodes: slices.Clone(b.Nodes), Relationships: slices.Clone(b.Relationships)}
	graph.SortBatch(c)
	return c
}

// propKeys returns the keys of p to export, sorted: "id" (carried by the
// node or relationship itself) and nil values are left out.
func propKeys(p graph.Props) []string {
	keys := make([]string, 0, len(p))
	for k, v := range p {
		if k != graph.PropID && v != nil {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// scalar normalizes v to string, int64, float64, bool, []string or []any,
// or reports an error for a type the formats cannot carry.
func scalar(v any) (any, error) {
	switch v := v.(type) {
	case string, int64, float64, bool, []string, []any:
		return v, nil
	case int, int8, int16, int32, uint, uint8, uint16, uint32, uint64, float32:
		return value.Canon(v)
	}
	return nil, unsupported(v)
}

// unsupported is the error for a property value the formats cannot carry.
func unsupported(v any) error {
	return fmt.Errorf("unsupported property value %v of type %T", v, v)
}

// notProperty gives a value.Visitor that writes property values the
// methods of the values no property holds (temporal values, points, maps,
// nodes, relationships and paths): each is an unsupported error.
type notProperty struct{}

func (notProperty) Temporal(t fmt.Stringer) error           { return unsupported(t) }
func (notProperty) Point(p value.Point) error               { return unsupported(p) }
func (notProperty) Bytes(b []byte) error                    { return unsupported(b) }
func (notProperty) Map(m map[string]any) error              { return unsupported(m) }
func (notProperty) Node(n value.Node) error                 { return unsupported(n) }
func (notProperty) Relationship(r value.Relationship) error { return unsupported(r) }
func (notProperty) Path(p value.Path) error                 { return unsupported(p) }

// walkProperty walks the property value v, at a depth of list nesting,
// with vis; lists nested too deep are an error.
func walkProperty(v any, depth int, vis value.Visitor) error {
	if depth > 32 {
		return errors.New("lists nested too deep")
	}
	return value.Walk(v, vis)
}

// formatFloat returns f as the shortest decimal that parses back to f, with
// a fraction or an exponent so that it reads as a float, not an integer:
// 2.0, 0.25, 1e21, 1e-7. Non-finite values are the caller's to handle.
func formatFloat(f float64) string {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	s := strconv.FormatFloat(f, format, -1, 64)
	if format == 'e' {
		// "1e-07" → "1e-7", "1e+21" → "1e21": valid JSON and Cypher.
		mant, exp, _ := strings.Cut(s, "e")
		sign := ""
		if exp[0] == '-' {
			sign = "-"
		}
		exp = strings.TrimLeft(exp[1:], "0")
		return mant + "e" + sign + exp
	}
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// nodeErr and relErr name the element a value error belongs to.
func nodeErr(n *graph.Node, key string, err error) error {
	return fmt.Errorf("node %q property %q: %w", n.ID, key, err)
}

func relErr(r *graph.Relationship, key string, err error) error {
	return fmt.Errorf("relationship %q property %q: %w", r.ID, key, err)
}
