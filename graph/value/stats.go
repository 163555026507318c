package value

// Stats counts what an updating query changed, as Neo4j's summary counters
// do. The engine fills it, both stores return it in their results, and the
// kg command prints it.
type Stats struct {
	NodesCreated         int
	NodesDeleted         int
	RelationshipsCreated int
	RelationshipsDeleted int
	PropertiesSet        int
	LabelsAdded          int
	LabelsRemoved        int
}
