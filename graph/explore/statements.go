package explore

import _ "embed"

// The statements the explorer sends to the store, one file each in
// cypher/: CI lints them with Neo4j's own Cypher 5 front end (.ci/lint),
// so the text linted is the text sent. Each takes its values as
// parameters.
var (
	//go:embed cypher/search.cypher
	searchQuery string
	//go:embed cypher/node.cypher
	nodeQuery string
	//go:embed cypher/lookup.cypher
	lookupQuery string
	//go:embed cypher/lookup-many.cypher
	lookupManyQuery string
	//go:embed cypher/expand.cypher
	expandQuery string
	//go:embed cypher/neighbours-count.cypher
	neighbourCountQuery string
	//go:embed cypher/neighbours-page.cypher
	neighbourPageQuery string
	//go:embed cypher/edge.cypher
	edgeQuery string
	//go:embed cypher/articles.cypher
	articlesQuery string
	//go:embed cypher/timeline.cypher
	timelineQuery string
	//go:embed cypher/resolve.cypher
	resolveQuery string
)
