package gazetteer_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgnews/kg/extract/gazetteer"
)

var update = flag.Bool("update", false, "rewrite the testdata golden files")

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
	golden := filepath.Join("testdata", "passages.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("mentions differ from %s (run go test -update after checking):\n%s", golden, buf.String())
	}
}
