package value

import "fmt"

// Visitor is what a printer or an encoder implements to write values: Walk
// calls the one method that fits the value's type. Lists, maps, nodes,
// relationships and paths arrive whole; the visitor walks their elements
// (by calling Walk again) where its format puts them. A method returns an
// error for a value its format cannot carry.
type Visitor interface {
	Null() error
	Bool(b bool) error
	Int(n int64) error
	Float(f float64) error
	String(s string) error
	// Temporal receives a Date, LocalTime, Time, LocalDateTime, DateTime or
	// Duration; its String method writes Neo4j's text form.
	Temporal(t fmt.Stringer) error
	// Point receives a Point; its String method writes Neo4j's text form.
	Point(p Point) error
	// Bytes receives a byte array (Neo4j's ByteArray, Bolt's Bytes).
	Bytes(b []byte) error
	// List receives []any, and []string as []any.
	List(l []any) error
	Map(m map[string]any) error
	Node(n Node) error
	Relationship(r Relationship) error
	Path(p Path) error
}

// Walk canonicalises the scalar v (see Canon) and hands it to the method of vis that
// fits its type. A value outside the model is an error, as is an integer
// Canon cannot widen.
func Walk(v any, vis Visitor) error {
	v, err := canonScalar(v)
	if err != nil {
		return err
	}
	switch v := v.(type) {
	case nil:
		return vis.Null()
	case bool:
		return vis.Bool(v)
	case int64:
		return vis.Int(v)
	case float64:
		return vis.Float(v)
	case string:
		return vis.String(v)
	case Date, LocalTime, Time, LocalDateTime, DateTime, Duration:
		return vis.Temporal(v.(fmt.Stringer))
	case Point:
		return vis.Point(v)
	case []byte:
		return vis.Bytes(v)
	case []any:
		return vis.List(v)
	case []string:
		return vis.List(AnyList(v))
	case map[string]any:
		return vis.Map(v)
	case Node:
		return vis.Node(v)
	case Relationship:
		return vis.Relationship(v)
	case Path:
		return vis.Path(v)
	}
	return fmt.Errorf("unsupported value %v of type %T", v, v)
}
