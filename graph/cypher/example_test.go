package cypher_test

import (
	"context"
	"fmt"
	"log"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

// Run parses, checks, plans and executes one statement against a graph;
// here kg's in-memory graph, which the embedded store builds from its file.
func ExampleRun() {
	ctx := context.Background()
	g := memgraph.New()
	_, err := cypher.Run(ctx, g, `
		CREATE (t:Actor {id: 'actor-donald-trump', name: 'Donald Trump'}),
		       (x:Actor {id: 'actor-xi-jinping', name: 'Xi Jinping'}),
		       (t)-[:SPOKE_WITH {date: '2025-11-02', sources: ['article-1', 'article-2']}]->(x)`, nil)
	if err != nil {
		log.Fatal(err)
	}
	res, err := cypher.Run(ctx, g, `
		MATCH (a:Actor {name: $name})-[r:SPOKE_WITH]-(b)
		RETURN b.name AS with, r.date AS date, size(r.sources) AS sources`,
		map[string]any{"name": "Xi Jinping"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Columns)
	for _, row := range res.Rows {
		fmt.Println(row...)
	}
	// Output:
	// [with date sources]
	// Donald Trump 2025-11-02 2
}

// Errors are classified as the openCypher TCK and Neo4j classify them,
// with the position of the fault in the query.
func ExampleRun_error() {
	_, err := cypher.Run(context.Background(), memgraph.New(), "MATCH (n) RETURN m", nil)
	if e, ok := cypher.IsError(err); ok {
		fmt.Println(e.Type, e.Detail, e.Line, e.Column)
		fmt.Println(e.Caret())
	}
	// Output:
	// SyntaxError UndefinedVariable 1 18
	// MATCH (n) RETURN m
	//                  ^
}
