package architecture

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/kgnews/kg/"

var root = filepath.Join("..", "..")

// packages returns the module's packages (directories holding .go files,
// outside testdata, node_modules and hidden directories) with the kg
// packages each one's non-test files import, as paths relative to the
// module root.
func packages(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(rel)
		if _, ok := out[pkg]; !ok {
			out[pkg] = nil
		}
		if strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if dep, ok := strings.CutPrefix(p, module); ok && !slices.Contains(out[pkg], dep) {
				out[pkg] = append(out[pkg], dep)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readPage(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "ARCHITECTURE.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRoomsListed: the table of rooms names every package, and every
// package it names exists.
func TestRoomsListed(t *testing.T) {
	page := readPage(t)
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9_/]+)/` \\|").FindAllStringSubmatch(page, -1) {
		listed[m[1]] = true
	}
	pkgs := packages(t)
	for pkg := range pkgs {
		if !listed[pkg] {
			t.Errorf("package %s is not in ARCHITECTURE.md's table of rooms", pkg)
		}
	}
	for pkg := range listed {
		if _, ok := pkgs[pkg]; !ok {
			t.Errorf("ARCHITECTURE.md lists %s/, which is no package", pkg)
		}
	}
}

// rule forbids the packages matched by from to import those matched by to.
type rule struct {
	why      string
	from, to func(pkg string) bool
}

func under(prefix string) func(string) bool {
	return func(p string) bool { return p == prefix || strings.HasPrefix(p, prefix+"/") }
}

func is(names ...string) func(string) bool {
	return func(p string) bool { return slices.Contains(names, p) }
}

func not(f func(string) bool) func(string) bool { return func(p string) bool { return !f(p) } }

func anyOf(fs ...func(string) bool) func(string) bool {
	return func(p string) bool {
		for _, f := range fs {
			if f(p) {
				return true
			}
		}
		return false
	}
}

// TestDependencyRules checks the rules of ARCHITECTURE.md's "Dependency
// rules" on the imports of every non-test file.
func TestDependencyRules(t *testing.T) {
	stores := is("graph/cypher", "graph/memgraph", "graph/embedded", "graph/neo4j", "graph/bolt", "graph/explore")
	rules := []rule{
		{"graph/value imports no kg package", is("graph/value"), func(string) bool { return true }},
		{"graph imports only graph/value", is("graph"), not(is("graph/value"))},
		{"nothing under graph/ knows news", under("graph"), anyOf(under("extract"), is("internal/ingest"), under("cmd"))},
		{"extraction is a function of the text", under("extract"), anyOf(stores, is("internal/ingest"))},
		{"the Neo4j store, the exporters, the conformance suite and the model do not import the engine",
			is("graph/neo4j", "graph/export", "graph/storetest", "graph"), is("graph/cypher")},
		{"the pipeline takes its extractor and store as interfaces", is("internal/ingest"), anyOf(is("extract"), stores)},
		{"the query pack imports no store and no engine", is("queries"), stores},
	}
	for pkg, deps := range packages(t) {
		for _, dep := range deps {
			for _, r := range rules {
				if r.from(pkg) && r.to(dep) {
					t.Errorf("%s imports %s, against the rule: %s", pkg, dep, r.why)
				}
			}
		}
	}
}

// TestRecipesChecked: every test, benchmark, fuzz target or example the
// page names exists in the module.
func TestRecipesChecked(t *testing.T) {
	named := regexp.MustCompile("`((?:Test|Fuzz|Benchmark|Example)[A-Za-z0-9_]+)`").FindAllStringSubmatch(readPage(t), -1)
	if len(named) < 10 {
		t.Fatalf("ARCHITECTURE.md names %d tests; its recipes should each name theirs", len(named))
	}
	defined := map[string]bool{}
	decl := regexp.MustCompile(`(?m)^func ((?:Test|Fuzz|Benchmark|Example)[A-Za-z0-9_]+)\(`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range decl.FindAllStringSubmatch(string(b), -1) {
			defined[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range named {
		if !defined[m[1]] {
			t.Errorf("ARCHITECTURE.md names %s, which no test file defines", m[1])
		}
	}
}
