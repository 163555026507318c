package cypher

// Direction selects which relationships of a node an expansion follows.
type Direction int

// Directions of an expansion, seen from the node being expanded.
const (
	Outgoing Direction = iota // (n)-[]->()
	Incoming                  // (n)<-[]-()
	Both                      // (n)-[]-(): every relationship once, self-loops once
)

// RelLookup is implemented by graphs that find relationships by the value
// of a property without scanning. LookupRels calls fn for every
// relationship whose property key equals value (Cypher equality), until fn
// returns false, and reports true; it reports false without calling fn when
// it holds no index on key. The planner seeks a relationship by its "id"
// when neither end of its pattern is bound or indexed; graphs without the
// method are scanned.
type RelLookup interface {
	LookupRels(key string, value any, fn func(rel int64) bool) bool
}

// NameLookup is implemented by graphs that find nodes by name or alias,
// case-insensitively, without scanning. LookupNames calls fn for every
// node carrying label whose property "name", or an element of whose list
// property "aliases", is a string s with strings.ToLower(s) == lower (the
// engine's toLower), once per node, until fn returns false, and reports
// true; it reports false without calling fn when it holds no such index.
// The planner seeks the nodes of
// WHERE toLower(x.name) = toLower($a) OR any(al IN x.aliases WHERE …)
// through it; graphs without the method are scanned.
type NameLookup interface {
	LookupNames(label, lower string, fn func(id int64) bool) bool
}

// RelScanner is implemented by graphs that list the relationships of some
// types without going through every node. ScanRels calls fn for every
// relationship whose type is one of types, in ascending id order, until fn
// returns false, and reports true; it reports false without calling fn
// when it cannot. The planner scans the relationships of a typed pattern
// (a)-[r:T]->(b) whose ends are neither bound nor labelled; graphs without
// the method go through every node's relationships instead.
type RelScanner interface {
	ScanRels(types []string, fn func(rel int64) bool) bool
}

// Graph is the store view the executor reads and writes. Node and
// relationship identities are int64 ids that are never reused.
//
// Reads must reflect earlier writes of the same query. Writes must be
// undoable: the executor takes a [Graph.Savepoint] before running an updating
// query and calls [Graph.Rollback] with it when the query fails, which must
// restore the graph exactly (ids handed out may stay consumed).
//
// Property maps returned by NodeProps and RelProps may belong to the graph:
// the executor never modifies them and copies them before they escape in
// results. Single properties are read with NodeProp and RelProp, which need
// not build a map.
type Graph interface {
	// ScanNodes calls fn for every node carrying label (every node when label
	// is ""), until fn returns false.
	ScanNodes(label string, fn func(id int64) bool)
	// LabelCount returns the number of nodes carrying label (all nodes for "").
	LabelCount(label string) int
	// LookupNodes calls fn for every node carrying label whose property key
	// equals value (Cypher equality) and reports true, when the graph holds an
	// index on (label, key); it reports false without calling fn otherwise.
	// With label "", it looks among all nodes, of any label or none, and
	// reports false unless it can find every one (a graph that indexes only
	// labelled nodes reports false while a node has no label); fn may then
	// be called in any order, more than once for a node of several labels.
	LookupNodes(label, key string, value any, fn func(id int64) bool) bool
	// Expand calls fn with each relationship of node in direction dir whose
	// type is one of types (any type when types is empty), and the node at its
	// other end, until fn returns false.
	Expand(node int64, dir Direction, types []string, fn func(rel, other int64) bool)
	// NodeExists reports whether node id exists.
	NodeExists(id int64) bool
	// NodeLabels returns the labels of node id, sorted; nil if it does not exist.
	NodeLabels(id int64) []string
	// HasLabel reports whether node id carries label.
	HasLabel(id int64, label string) bool
	// NodeProps returns the properties of node id (read-only), nil if none.
	NodeProps(id int64) map[string]any
	// NodeProp returns the value of property key of node id (nil when the
	// node has no such property); ok is false when the node does not exist.
	NodeProp(id int64, key string) (value any, ok bool)
	// Rel returns the type and end points of relationship id.
	Rel(id int64) (typ string, start, end int64, ok bool)
	// RelProps returns the properties of relationship id (read-only), nil if none.
	RelProps(id int64) map[string]any
	// RelProp returns the value of property key of relationship id (nil when
	// it has no such property); ok is false when it does not exist.
	RelProp(id int64, key string) (value any, ok bool)
	// Degree returns the number of relationships attached to node id.
	Degree(id int64) int

	// CreateNode creates a node and returns its new id.
	CreateNode(labels []string, props map[string]any) int64
	// CreateRel creates a relationship between existing nodes.
	CreateRel(typ string, start, end int64, props map[string]any) (int64, error)
	// SetNodeProp sets (value non-nil) or removes (value nil) a node property.
	SetNodeProp(id int64, key string, value any)
	// SetRelProp sets (value non-nil) or removes (value nil) a relationship property.
	SetRelProp(id int64, key string, value any)
	// AddLabel adds label to node id and reports whether it was absent.
	AddLabel(id int64, label string) bool
	// RemoveLabel removes label from node id and reports whether it was present.
	RemoveLabel(id int64, label string) bool
	// DeleteRel deletes relationship id; deleting a missing one is a no-op.
	DeleteRel(id int64)
	// DeleteNode deletes node id, which must have no relationships left.
	DeleteNode(id int64) error

	// Savepoint marks the current state for Rollback.
	Savepoint() int
	// Rollback undoes every write made since savepoint sp was taken.
	Rollback(sp int)
}
