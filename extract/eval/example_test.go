package eval_test

import (
	"fmt"
	"strings"

	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/graph"
)

func ExampleScore() {
	g, err := eval.ReadGold(strings.NewReader(`{
		"entities": [{"type": "Country", "name": "United States", "aliases": ["US"]}, {"type": "Country", "name": "Iran"}],
		"relations": [{"type": "SANCTIONED", "from_any": ["US"], "to_any": ["Iran"], "keywords": ["tax"]}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	b := &graph.Batch{
		Nodes: []graph.Node{
			{ID: "USA", Label: graph.LabelCountry, Props: graph.Props{"name": "United States"}},
			{ID: "IRN", Label: graph.LabelCountry, Props: graph.Props{"name": "Iran"}},
		},
		Relationships: []graph.Relationship{{
			ID: graph.RelID(graph.Sanctioned, "USA", "IRN", "tax"), Type: graph.Sanctioned, Start: "USA", End: "IRN",
			Props: graph.Props{"measure": "tax", "rate": "25%"},
		}},
	}
	r := eval.Score(g, b)
	m := r.PerType[graph.Sanctioned]
	fmt.Printf("SANCTIONED TP=%d FP=%d FN=%d F1=%.2f\n", m.TP, m.FP, m.FN, m.F1)
	fmt.Printf("entity recall %.2f\n", r.EntityRecall)
	// Output:
	// SANCTIONED TP=1 FP=0 FN=0 F1=1.00
	// entity recall 1.00
}
