package export_test

import (
	"os"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/export"
)

func ExampleJSON() {
	b := &graph.Batch{
		Nodes: []graph.Node{
			{ID: "USA", Label: graph.LabelCountry, Props: graph.Props{"name": "United States"}},
			{ID: "IRN", Label: graph.LabelCountry, Props: graph.Props{"name": "Iran", "aliases": []string{"Tehran"}}},
		},
		Relationships: []graph.Relationship{{ID: "sanctioned-1", Type: graph.Sanctioned, Start: "USA", End: "IRN",
			Props: graph.Props{"sources": []string{"article-1"}, "rate": 0.25, "measure": "tariff"}}},
	}
	if err := export.JSON(os.Stdout, b); err != nil {
		panic(err)
	}
	// Output:
	// {"nodes":[
	// {"id":"IRN","labels":["Country"],"properties":{"aliases":["Tehran"],"name":"Iran"}},
	// {"id":"USA","labels":["Country"],"properties":{"name":"United States"}}
	// ],"relationships":[
	// {"id":"sanctioned-1","type":"SANCTIONED","start":"USA","end":"IRN","properties":{"measure":"tariff","rate":0.25,"sources":["article-1"]}}
	// ]}
}

func ExampleCypher() {
	b := &graph.Batch{Nodes: []graph.Node{{ID: "CHN", Label: graph.LabelCountry, Props: graph.Props{"name": "China"}}}}
	if err := export.Cypher(os.Stdout, b, 0); err != nil {
		panic(err)
	}
	// Output:
	// // kg graph export: 1 nodes, 0 relationships.
	// // Recreate with: cypher-shell -f FILE (Neo4j 5; idempotent).
	//
	// CREATE CONSTRAINT IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
	//
	// UNWIND [
	//   {id: "CHN", props: {name: "China"}}
	// ] AS row
	// MERGE (n:Country {id: row.id}) SET n += row.props;
}
