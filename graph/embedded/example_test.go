package embedded_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
)

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "kg-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	s, err := embedded.Open(filepath.Join(dir, "kg.db"), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	ctx := context.Background()
	for _, art := range []string{"article-1", "article-2"} {
		b := &graph.Batch{
			Nodes: []graph.Node{
				{ID: "USA", Label: graph.LabelCountry, Props: graph.Props{"name": "United States"}},
				{ID: "IRN", Label: graph.LabelCountry, Props: graph.Props{"name": "Iran"}},
			},
			Relationships: []graph.Relationship{{ID: "sanctioned-1", Type: graph.Sanctioned, Start: "USA", End: "IRN",
				Props: graph.Props{graph.PropSources: []string{art}}}},
		}
		st, err := s.Load(ctx, b)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%+v\n", st)
	}
	res, err := s.Query(ctx, "MATCH (a)-[r:SANCTIONED]->(b {name: $name}) RETURN a.name, r.sources", map[string]any{"name": "Iran"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Columns, res.Rows)
	// Output:
	// {NodesCreated:2 NodesUpdated:0 RelationshipsCreated:1 RelationshipsUpdated:0}
	// {NodesCreated:0 NodesUpdated:0 RelationshipsCreated:0 RelationshipsUpdated:1}
	// [a.name r.sources] [[United States [article-1 article-2]]]
}
