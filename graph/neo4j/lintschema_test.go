package neo4j

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/internal/testutil"
)

// lintSchemaPath is the schema the Cypher lint (.ci/lint/lint.mjs) checks
// statements and saved queries against.
var lintSchemaPath = filepath.Join("..", "..", ".ci", "lint", "schema.json")

// modelPropertyKeys returns the values of the graph package's Prop*
// string constants, read from its source so that a new property key is
// picked up without a list to maintain.
func modelPropertyKeys(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join("..", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !strings.HasPrefix(name.Name, "Prop") || !name.IsExported() || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					v, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					seen[v] = true
				}
			}
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestLintSchema checks that .ci/lint/schema.json holds the model's labels,
// relationship types and property keys; with -update it rewrites it.
func TestLintSchema(t *testing.T) {
	keys := modelPropertyKeys(t)
	for _, must := range []string{graph.PropID, graph.PropName, graph.PropSources} {
		if !containsString(keys, must) {
			t.Fatalf("property keys read from the graph package %v lack %q", keys, must)
		}
	}
	want, err := NewLintSchema(keys).JSON()
	if err != nil {
		t.Fatal(err)
	}
	testutil.Golden(t, lintSchemaPath, want)
}

// TestLoadRowKeys checks that the row keys declared to the lint are the
// keys the load rows use.
func TestLoadRowKeys(t *testing.T) {
	rels := []graph.Relationship{{ID: "r", Start: "a", End: "b", Props: graph.Props{"sources": []string{"s"}}}}
	rows, _ := mergeRelRows(rels, nil)
	if len(rows) != 1 {
		t.Fatalf("mergeRelRows: %d rows, want 1", len(rows))
	}
	seen := map[string]bool{}
	for _, r := range append(rows, relLockRows(rels)...) {
		for k := range r {
			if k != graph.PropID {
				seen[k] = true
			}
		}
	}
	var got []string
	for k := range seen {
		got = append(got, k)
	}
	sort.Strings(got)
	if want := []string{"end", "props", "start"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("relationship load row keys = %v, want %v (update TestLintSchema)", got, want)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
