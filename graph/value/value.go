// Package value is kg's model of the values a query takes and returns, shared
// by the Cypher engine, the stores, the exporters and the printers.
//
// A value is one of:
//
//   - nil (Cypher null), bool, int64, float64 or string;
//   - []any, a list of values, or map[string]any, a map of values;
//   - Node, Relationship or Path, graph elements in a query result;
//   - Date, LocalTime, Time, LocalDateTime, DateTime or Duration, Cypher's
//     temporal types;
//   - Point, Cypher's spatial type.
//
// These are the canonical forms, and Canon is the one function that brings a
// value to them: Go's other integer kinds become int64 and float32 float64
// (an unsigned integer beyond int64 is an error), and a time.Time, as the
// Neo4j driver sends an instant, becomes a DateTime. A list of strings may
// also be []string, the form in which graph.Props keep string sets; Walk
// hands it to a visitor as []any.
//
// Temporal values are small comparable structs in a canonical form, so ==
// is Cypher equality and they can key maps. Their String methods write the
// text Neo4j's toString() writes. The package also holds their Cypher
// semantics (parsing, construction from maps, truncation, arithmetic and
// fields), so that the engine and any other reader agree on them.
//
// Walk visits a value once for a Visitor, so that printers and encoders
// share one dispatch over the model (and one canonicalisation) instead of
// each switching on every type: the JSON, CSV and table printers of the kg
// command and the JSON, GraphML and Cypher-script exports are Visitors.
//
// Stats, the update counters of a query, and Plan, the operator tree of an
// EXPLAIN or PROFILE, complete what a query returns.
package value

// Node is a node in a query result. ElementID identifies it within its
// store (Neo4j's elementId); Props holds every property, "id" included.
type Node struct {
	ElementID string
	Labels    []string
	Props     map[string]any
}

// Relationship is a relationship in a query result.
type Relationship struct {
	ElementID      string
	Type           string
	StartElementID string
	EndElementID   string
	Props          map[string]any
}

// Path is a path in a query result: len(Nodes) == len(Relationships)+1, and
// Relationships[i] joins Nodes[i] and Nodes[i+1] in either direction.
type Path struct {
	Nodes         []Node
	Relationships []Relationship
}

// TypeName names v's Cypher type as error messages do: "Null", "Boolean",
// "Integer", "Float", "String", "List", "Map", "Node", "Relationship",
// "Path", "Date", "LocalTime", "Time", "LocalDateTime", "DateTime",
// "Duration", "Point", or "Unknown" for a value outside the model.
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "Null"
	case bool:
		return "Boolean"
	case int64:
		return "Integer"
	case float64:
		return "Float"
	case string:
		return "String"
	case []any:
		return "List"
	case []byte:
		return "ByteArray"
	case map[string]any:
		return "Map"
	case Node:
		return "Node"
	case Relationship:
		return "Relationship"
	case Path:
		return "Path"
	case Date:
		return "Date"
	case LocalTime:
		return "LocalTime"
	case Time:
		return "Time"
	case LocalDateTime:
		return "LocalDateTime"
	case DateTime:
		return "DateTime"
	case Duration:
		return "Duration"
	case Point:
		return "Point"
	}
	return "Unknown"
}
