package main

import "github.com/kgnews/kg/graph/neo4j"

// neo4jCode maps the Neo4j store's connection errors to exitStore. Their
// messages already say what to do, so no hint is added.
func neo4jCode(err error) (code int, hint string) {
	switch {
	case neo4j.IsUnreachable(err), neo4j.IsAuth(err), neo4j.IsDatabaseNotFound(err), neo4j.IsUnsupportedVersion(err):
		return exitStore, ""
	case neo4j.IsRetriesExhausted(err):
		return exitStore, "the server may be overloaded; try again, or a smaller --batch-size"
	}
	return 0, ""
}
