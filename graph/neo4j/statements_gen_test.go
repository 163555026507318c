package neo4j

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated cypher/*.cypher files and testdata goldens")

// TestStatementFiles checks that the generated statement files in cypher/
// are the rendering for the model (StatementFiles), which the store sends;
// with -update it rewrites them.
func TestStatementFiles(t *testing.T) {
	files, err := StatementFiles()
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range files {
		path := filepath.Join("cypher", file)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./graph/neo4j -run TestStatementFiles -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date with the model: run go test ./graph/neo4j -run TestStatementFiles -update", path)
		}
	}
}
