package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract/document"
)

// TestDebugMentions prints the mentions of the file in KG_DEBUG_FILE.
func TestDebugMentions(t *testing.T) {
	path := os.Getenv("KG_DEBUG_FILE")
	if path == "" {
		t.Skip("KG_DEBUG_FILE not set")
	}
	data, _ := os.ReadFile(path)
	doc, err := document.Read(path, data)
	if err != nil {
		t.Fatal(err)
	}
	x := New(Options{})
	a := new(analysis)
	a.init(x, doc)
	a.run()
	grep := os.Getenv("KG_DEBUG_GREP")
	for i := range a.sents {
		s := &a.sents[i]
		txt := a.text[s.start:s.end]
		if grep != "" && !strings.Contains(txt, grep) {
			continue
		}
		fmt.Printf("S%d: %s\n", s.idx, txt)
		for _, m := range s.ments {
			name := "<nil>"
			if m.ent != nil {
				name = m.ent.name
			}
			if m.kind == mGroup && m.group[0] != nil {
				name = m.group[0].name + "+" + m.group[1].name
			}
			fmt.Printf("   [%s] kind=%d -> %s prep=%q adj=%v poss=%v\n", a.span(s, m.i, m.j), m.kind, name, m.prep, m.adj, m.poss)
		}
	}
	for _, f := range a.facts {
		to := ""
		if f.to != nil {
			to = f.to.name
		}
		if f.commit != nil {
			to = f.commit.name()
		}
		if f.agree != nil {
			to = f.agree.name
		}
		fmt.Printf("FACT %s %s -> %s date=%s | %s\n", f.typ, f.from.name, to, f.date, f.evidence)
	}
	fmt.Printf("title=%q date=%v byline=%q outlet=%q\n", doc.Title, doc.Date, doc.Byline, doc.Outlet)
}
