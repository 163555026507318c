package extract

import (
	"fmt"
	"os"
	"testing"

	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
)

func TestDumpFile(t *testing.T) {
	path := os.Getenv("KG_DUMP_FILE")
	if path == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(path)
	doc, err := document.Read(path, data)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := New(Options{}).Extract(doc)
	names := map[string]string{}
	for _, n := range b.Nodes {
		names[n.ID], _ = n.Props[graph.PropName].(string)
		if n.Label == graph.LabelActor || n.Label == graph.LabelCountry || n.Label == graph.LabelAgreement {
			fmt.Printf("%s %q role=%v country=%v\n", n.Label, names[n.ID], n.Props[graph.PropRole], n.Props[graph.PropCountry])
		}
	}
	for _, r := range b.Relationships {
		if graph.IsFactType(r.Type) {
			fmt.Printf("%s %s -> %s date=%v medium=%v measure=%v rate=%v claimed=%v topics=%v\n", r.Type, names[r.Start], names[r.End], r.Props[graph.PropDate], r.Props[graph.PropMedium], r.Props[graph.PropMeasure], r.Props[graph.PropRate], r.Props[graph.PropClaimedBy], r.Props[graph.PropTopics])
		}
	}
}
