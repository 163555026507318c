package extract_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
)

// facts extracts text (read as a .txt article) and renders each fact as
// "TYPE from -> to" (to is the Commitment's or Agreement's name for
// PLEDGED), sorted.
func facts(t *testing.T, text string) []string {
	t.Helper()
	doc, err := document.Read("passage.txt", []byte(text))
	if err != nil {
		t.Fatalf("document.Read: %v", err)
	}
	b, err := extract.New(extract.Options{}).Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, n := range b.Nodes {
		names[n.ID], _ = n.Props[graph.PropName].(string)
	}
	var out []string
	for _, r := range b.Relationships {
		if graph.IsFactType(r.Type) {
			out = append(out, fmt.Sprintf("%s %s -> %s", r.Type, names[r.Start], names[r.End]))
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func TestDebugFacts(t *testing.T) {
	t.Log(facts(t, "The US Commerce Department on Thursday added Shenzhen-based Kuntai Semiconductor Co. to its Entity List, imposing export controls that bar American suppliers from shipping advanced chipmaking tools to the company without a licence."))
	_ = strings.Join
}
