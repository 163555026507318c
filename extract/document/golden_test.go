package document_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/extract/document/documenttest"
	"github.com/kgnews/kg/internal/testutil"
)

// render prints what Read made of an article, for golden comparison.
func render(d *document.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", d.Title)
	fmt.Fprintf(&b, "outlet: %s\n", d.Outlet)
	date := ""
	if !d.Date.IsZero() {
		date = d.Date.Format("2006-01-02")
	}
	fmt.Fprintf(&b, "date: %s\n", date)
	fmt.Fprintf(&b, "byline: %s\n", strings.Join(d.Byline, "; "))
	b.WriteString("sentences:\n")
	for _, s := range d.Sentences {
		fmt.Fprintf(&b, "[%d] %s\n", s.Paragraph, s.Text)
	}
	return b.String()
}

func TestReadGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "articles", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			d := documenttest.Read(t, f)
			checkInvariants(t, d)
			testutil.Golden(t, filepath.Join("testdata", "golden", name+".golden"), []byte(render(d)))
		})
	}
}

// checkInvariants holds for every document Read returns.
func checkInvariants(t *testing.T, d *document.Document) {
	t.Helper()
	if strings.Contains(d.Text, "\n\n\n") || strings.HasPrefix(d.Text, "\n") || strings.HasSuffix(d.Text, "\n") {
		t.Errorf("Text has stray blank lines: %q", d.Text)
	}
	if strings.Count(d.Text, "\n") != 2*strings.Count(d.Text, "\n\n") {
		t.Errorf("Text has line breaks inside paragraphs: %q", d.Text)
	}
	para := 0
	for i, s := range d.Sentences {
		if s.Start < 0 || s.End > len(d.Text) || s.Start >= s.End {
			t.Fatalf("sentence %d offsets [%d:%d] outside Text (len %d)", i, s.Start, s.End, len(d.Text))
		}
		if d.Text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %d: Text[%d:%d]=%q, want %q", i, s.Start, s.End, d.Text[s.Start:s.End], s.Text)
		}
		if s.Paragraph < para {
			t.Errorf("sentence %d: paragraph %d after %d", i, s.Paragraph, para)
		}
		para = s.Paragraph
	}
	if n := strings.Count(d.Text, "\n\n") + 1; len(d.Sentences) > 0 && para != n-1 {
		t.Errorf("last paragraph index %d, want %d", para, n-1)
	}
	for _, name := range d.Byline {
		for _, s := range d.Sentences {
			if strings.Contains(s.Text, name) && strings.Contains(s.Text, "Photo") {
				t.Errorf("caption with %q reached sentences: %q", name, s.Text)
			}
		}
	}
}
