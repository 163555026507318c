package queries_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kgnews/kg/queries"
)

func TestDefaultPack(t *testing.T) {
	p := queries.Default()
	want := []string{"linking", "who-spoke-with", "pledges", "sanctions", "single-source", "most-connected",
		"profile", "agreements", "timeline", "shortest-path", "co-mentioned", "evidence"}
	for _, n := range want {
		q, ok := p.Get(n)
		if !ok {
			t.Errorf("pack has no query %q", n)
			continue
		}
		if q.Title == "" || q.Description == "" {
			t.Errorf("%s: title or description missing", n)
		}
		for _, prm := range q.Params {
			if !strings.Contains(q.Body, "$"+prm.Name) {
				t.Errorf("%s: declared parameter $%s is not used", n, prm.Name)
			}
		}
	}
}

func TestParseHeader(t *testing.T) {
	text := `// name: demo
// title: A demo
// description: First line,
// description: second line.
// param: a      string  'Xi Jinping'  who to look for
// param: limit  int     25            how many
// param: req    string  -             required one
MATCH (n) RETURN n LIMIT $limit`
	q, err := queries.Parse("demo.cypher", text)
	if err != nil {
		t.Fatal(err)
	}
	if q.Description != "First line, second line." {
		t.Errorf("Description = %q", q.Description)
	}
	want := []queries.Param{
		{Name: "a", Type: "string", Default: "Xi Jinping", Description: "who to look for"},
		{Name: "limit", Type: "int", Default: "25", Description: "how many"},
		{Name: "req", Type: "string", Required: true, Description: "required one"},
	}
	if !reflect.DeepEqual(q.Params, want) {
		t.Errorf("Params = %+v, want %+v", q.Params, want)
	}
	if q.Body != "MATCH (n) RETURN n LIMIT $limit" {
		t.Errorf("Body = %q", q.Body)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, file, text, want string }{
		{"no name", "x.cypher", "// title: t\nRETURN 1", "missing '// name:'"},
		{"name mismatch", "x.cypher", "// name: y\n// title: t\nRETURN 1", "does not match"},
		{"no title", "x.cypher", "// name: x\nRETURN 1", "missing '// title:'"},
		{"no body", "x.cypher", "// name: x\n// title: t\n", "no Cypher"},
		{"bad type", "x.cypher", "// name: x\n// title: t\n// param: a strng b c\nRETURN $a", "unknown type"},
		{"bad default", "x.cypher", "// name: x\n// title: t\n// param: a int many c\nRETURN $a", "bad default"},
		{"short param", "x.cypher", "// name: x\n// title: t\n// param: a int\nRETURN $a", "needs"},
		{"duplicate", "x.cypher", "// name: x\n// title: t\n// param: a int 1 d\n// param: a int 2 d\nRETURN $a", "twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := queries.Parse(tc.file, tc.text)
			var he *queries.HeaderError
			if !errors.As(err, &he) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Parse error = %v, want a HeaderError containing %q", err, tc.want)
			}
		})
	}
}

func TestBind(t *testing.T) {
	q, err := queries.Parse("q.cypher", `// name: q
// title: t
// param: a      string  Iran  entity
// param: limit  int     25    how many
// param: min    float   0.5   threshold
// param: all    bool    false everything
// param: names  list    'x,y' names
// param: who    string  -     required
RETURN $a, $limit, $min, $all, $names, $who`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := q.Bind(map[string]string{"who": "'Xi Jinping'", "limit": "3"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": "Iran", "limit": int64(3), "min": 0.5, "all": false,
		"names": []any{"x", "y"}, "who": "Xi Jinping"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Bind = %#v, want %#v", got, want)
	}
	for _, tc := range []struct {
		name string
		args map[string]string
		want string
	}{
		{"unknown", map[string]string{"who": "x", "bogus": "1"}, `unknown parameter "bogus"`},
		{"missing", map[string]string{}, `missing required parameter "who"`},
		{"wrong int", map[string]string{"who": "x", "limit": "ten"}, "want an integer"},
		{"wrong bool", map[string]string{"who": "x", "all": "yes please"}, "want true or false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := q.Bind(tc.args)
			var pe *queries.ParamError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "parameters: a string = Iran") {
				t.Fatalf("Bind error = %v, want a ParamError with %q listing the parameters", err, tc.want)
			}
		})
	}
}

func TestLoadRejectsDuplicatesAndBadFiles(t *testing.T) {
	_, err := queries.Load(fstest.MapFS{"a.cypher": {Data: []byte("// name: a\nRETURN 1")}})
	if err == nil {
		t.Fatal("Load accepted a query without a title")
	}
}

func TestBrowserFiles(t *testing.T) {
	p := queries.Default()
	guide := string(queries.Guide(p))
	for _, q := range p.Queries() {
		if !strings.Contains(guide, q.Title) {
			t.Errorf("guide lacks the slide of %s", q.Name)
		}
	}
	if !strings.Contains(guide, `:params {a: &#39;Iran&#39;, b: &#39;China&#39;, limit: 25}`) {
		t.Errorf("guide lacks the params block of linking")
	}
	zb, err := queries.Favorites(p)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(zb), int64(len(zb)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(p.Names()) {
		t.Fatalf("favorites hold %d files, want %d", len(zr.File), len(p.Names()))
	}
	again, _ := queries.Favorites(p)
	if !bytes.Equal(zb, again) {
		t.Error("two exports of the favorites differ")
	}
}

// TestBrowserFilesUpToDate checks that the guide and favorites served by the
// docker-compose setup (browser/) were generated from the current pack:
// regenerate them with `go run ./cmd/kg query export --browser browser`.
func TestBrowserFilesUpToDate(t *testing.T) {
	p := queries.Default()
	guide, err := os.ReadFile(filepath.Join("..", "browser", queries.GuideFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(guide, queries.Guide(p)) {
		t.Errorf("browser/%s is stale: run go run ./cmd/kg query export --browser browser", queries.GuideFile)
	}
	fav, err := os.ReadFile(filepath.Join("..", "browser", queries.FavoritesFile))
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := queries.Favorites(p); !bytes.Equal(fav, want) {
		t.Errorf("browser/%s is stale: run go run ./cmd/kg query export --browser browser", queries.FavoritesFile)
	}
}
