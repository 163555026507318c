package gazetteer_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgnews/kg/extract/gazetteer"
	"github.com/kgnews/kg/internal/testutil"
)

// TestGolden lists every country and organisation reference FindAll and FindOrgs find in
// testdata/passages.txt and compares the list with testdata/passages.golden (-update rewrites it).
func TestGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "passages.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	g := gazetteer.Default()
	var buf bytes.Buffer
	for _, m := range g.FindAll(text) {
		fmt.Fprintf(&buf, "%d:%d\tcountry\t%s\t%s\t%q\n", m.Start, m.End, m.Country.ID, m.Kind, m.Text)
	}
	for _, m := range g.FindOrgs(text) {
		fmt.Fprintf(&buf, "%d:%d\torg\t%s\t%s\t%q\n", m.Start, m.End, m.Org.Name, m.Org.Kind, m.Text)
	}
	testutil.Golden(t, filepath.Join("testdata", "passages.golden"), buf.Bytes())
}
