// Package neo4j is kg's graph.Store on a Neo4j 5 server, through the
// official Go driver (github.com/neo4j/neo4j-go-driver/v5).
//
// # Connecting
//
// [Open] takes a [Config] (filled by the command line from --neo4j-uri and
// NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), creates one
// driver and checks within a timeout that the server answers, accepts the
// credentials, is recent enough and has the database. Failures are typed
// errors with one clear line each: [UnreachableError], [AuthError],
// [VersionError], [DatabaseNotFoundError]; test them with [IsUnreachable]
// and friends, which see through wrapping.
//
// # Statements
//
// Every Cypher statement the store sends lives in cypher/*.cypher: the
// schema (uniqueness constraints on id per label and relationship type,
// indexes on name and date) and the load statements per label and type,
// which the store renders from the model when it opens ([StatementFiles];
// TestStatementFiles checks that the files are that rendering), and the
// counts and snapshot, embedded with go:embed. CI lints these files with
// Neo4j's own Cypher 5 front end (.ci/lint), so what is linted is what is
// sent. Parameters are always maps; no statement is built from strings.
//
// # Loading
//
// [Store.Load] merges a graph.Batch with the rules of graph.MergeProps. Each
// chunk of rows (Config.BatchSize) is one managed write transaction that
// creates the missing ids and locks every row of the chunk (so concurrent
// loads of the same ids are serialised, not lost), reads the stored
// properties, merges them in Go and writes back the new and changed rows
// with UNWIND $rows … SET: the stored result is
// exactly what graph.MergeProps gives, and the counts distinguish created
// from updated. The driver retries transient errors; when its retry time
// runs out, a [RetriesExhaustedError] says so. Cancelling the context
// (Ctrl-C) rolls back the transaction in flight.
//
// # Queries
//
// [Store.Query] maps the driver's values to kg's: nodes, relationships and
// paths to value.Node, value.Relationship and value.Path
// (with elementIds), integers to int64, floats to float64, temporal values
// to ISO 8601 strings.
package neo4j
