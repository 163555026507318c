package neo4j

import (
	"path/filepath"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

// TestStatementFiles checks that the generated statement files in cypher/
// are the rendering for the model (StatementFiles), which the store sends;
// with -update it rewrites them.
func TestStatementFiles(t *testing.T) {
	files, err := StatementFiles()
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range files {
		testutil.Golden(t, filepath.Join("cypher", file), want)
	}
}
