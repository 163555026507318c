package extract_test

import (
	"fmt"
	"log"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
)

// Extract reads one article into a batch of nodes and relationships: the
// entities it names and the facts between them, each with its evidence.
func ExampleExtractor_Extract() {
	article := []byte(`Title: Leaders hold call on trade
Outlet: Example Wire
Date: 2025-11-02

US President Donald Trump spoke by phone with Chinese President Xi Jinping on Sunday, the White House said.
`)
	doc, err := document.Read("call.txt", article)
	if err != nil {
		log.Fatal(err)
	}
	b, err := extract.New(extract.Options{}).Extract(doc)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range b.Relationships {
		if r.Type != graph.SpokeWith {
			continue
		}
		fmt.Println(r.Type, r.Start, "–", r.End, "on", r.Props[graph.PropDate])
		fmt.Println("evidence:", r.Props[graph.PropEvidence])
	}
	// Output:
	// SPOKE_WITH actor-donald-trump – actor-xi-jinping on 2025-11-02
	// evidence: [US President Donald Trump spoke by phone with Chinese President Xi Jinping on Sunday, the White House said.]
}
