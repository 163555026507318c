package tck_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/cypher/internal/tck"
)

func TestParseFeatureSample(t *testing.T) {
	src, err := os.ReadFile("testdata/sample.feature")
	if err != nil {
		t.Fatal(err)
	}
	f, err := tck.ParseFeature("dir/Sample1.feature", src)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "Sample1 - Parser coverage" {
		t.Errorf("Name = %q", f.Name)
	}
	if got, want := len(f.Scenarios), 5; got != want {
		t.Fatalf("len(Scenarios) = %d, want %d", got, want)
	}

	s1 := f.Scenarios[0]
	if s1.ID != "dir/Sample1.feature:[1]" || s1.Number != 1 || s1.Row != 0 || s1.Line != 12 {
		t.Errorf("scenario 1: ID=%q Number=%d Row=%d Line=%d", s1.ID, s1.Number, s1.Row, s1.Line)
	}
	if s1.Dir() != "dir" {
		t.Errorf("Dir() = %q, want dir", s1.Dir())
	}
	wantSteps := []tck.Step{
		{Keyword: "Given", Text: "an empty graph", Line: 10},
		{Keyword: "And", Text: "having executed:", Line: 13, Doc: "CREATE (:A {name: 'a'})\n  -[:T]->(:B)", HasDoc: true},
		{Keyword: "When", Text: "executing query:", Line: 18, Doc: `RETURN """"" AS q`, HasDoc: true},
		{Keyword: "Then", Text: "the result should be, in any order:", Line: 22, Table: [][]string{
			{"q", "esc"},
			{"'a|b'", `'back\slash'`},
			{"'new\nline'", `'\t'`},
		}},
		{Keyword: "And", Text: "no side effects", Line: 26},
	}
	if !reflect.DeepEqual(s1.Steps, wantSteps) {
		t.Errorf("scenario 1 steps:\n got %#v\nwant %#v", s1.Steps, wantSteps)
	}
	if !s1.HasTag("@featureTag") || s1.HasTag("@ignore") {
		t.Errorf("scenario 1 tags = %q", s1.Tags)
	}

	outline := []struct {
		id, name, doc, cell string
		row                 int
		rowTag              bool
	}{
		{"dir/Sample1.feature:[2]#1", "[2] Outline int", "RETURN 1 AS v", "1", 1, false},
		{"dir/Sample1.feature:[2]#2", "[2] Outline str", "RETURN 'x' AS v", "'x'", 2, false},
		{"dir/Sample1.feature:[2]#3", "[2] Outline float", "RETURN 1.5 AS v", "1.5", 3, true},
	}
	for i, tc := range outline {
		sc := f.Scenarios[1+i]
		if sc.ID != tc.id || sc.Name != tc.name || sc.Row != tc.row || sc.Number != 2 {
			t.Errorf("outline row %d: ID=%q Name=%q Row=%d Number=%d", i, sc.ID, sc.Name, sc.Row, sc.Number)
		}
		if len(sc.Steps) != 3 || sc.Steps[1].Doc != tc.doc || sc.Steps[2].Table[1][0] != tc.cell {
			t.Errorf("outline row %d: steps %#v", i, sc.Steps)
		}
		if !sc.HasTag("@ignore") || !sc.HasTag("@featureTag") || sc.HasTag("@rowTag") != tc.rowTag {
			t.Errorf("outline row %d: tags %q", i, sc.Tags)
		}
	}

	s3 := f.Scenarios[4]
	last := s3.Steps[len(s3.Steps)-1]
	if last.Table == nil || len(last.Table) != 1 || len(last.Table[0]) != 0 {
		t.Errorf("bare '|' row: Table = %#v, want one empty row", last.Table)
	}
}

func TestParseFeatureErrors(t *testing.T) {
	tests := []struct {
		name, src, msg string
		line           int
	}{
		{"no feature", "# nothing\n", "no Feature", 1},
		{"scenario first", "Scenario: x\n", "scenario before Feature", 1},
		{"two features", "Feature: a\nFeature: b\n", "second Feature", 2},
		{"unterminated doc", "Feature: a\nScenario: s\n  When executing query:\n    \"\"\"\n    RETURN 1\n", "unterminated doc string", 4},
		{"open row", "Feature: a\nScenario: s\n  Then x:\n    | a | b\n", "must end with '|'", 4},
		{"row outside step", "Feature: a\nScenario: s\n  | a |\n", "table row outside a step", 3},
		{"examples outside outline", "Feature: a\nScenario: s\n  Given x\n  Examples:\n", "Examples outside", 4},
		{"outline without rows", "Feature: a\nScenario Outline: s <x>\n  Given <x>\n  Examples:\n    | x |\n", "without examples rows", 2},
		{"ragged examples", "Feature: a\nScenario Outline: s\n  Given <x>\n  Examples:\n    | x |\n    | 1 | 2 |\n", "2 cells", 4},
		{"text after steps", "Feature: a\nScenario: s\n  Given x\n  whatever\n", "unexpected text", 4},
		{"late background", "Feature: a\nScenario: s\n  Given x\nBackground:\n", "Background must come once", 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tck.ParseFeature("f.feature", []byte(tc.src))
			var pe *tck.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *ParseError", err)
			}
			if pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("err = %v, want line %d and %q", err, tc.line, tc.msg)
			}
		})
	}
}

// tckDir is the TCK read by tests that read every feature: KG_TCK_DIR, or
// the copy vendored in graph/cypher/testdata/tck. A missing TCK fails tb.
func tckDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("KG_TCK_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "testdata", "tck")
	}
	if _, err := os.Stat(filepath.Join(dir, "features")); err != nil {
		tb.Fatalf("no openCypher TCK at %s (KG_TCK_DIR must name a directory holding features/): %v", dir, err)
	}
	return dir
}

// TestLoadFeaturesTCK reads the whole TCK: every file parses, IDs are unique,
// and every expected value and parameter parses and survives a Format round
// trip.
func TestLoadFeaturesTCK(t *testing.T) {
	feats, err := tck.LoadFeatures(os.DirFS(tckDir(t)), "features")
	if err != nil {
		t.Fatal(err)
	}
	if len(feats) == 0 {
		t.Fatal("no features")
	}
	ids := map[string]bool{}
	values := 0
	for _, f := range feats {
		if len(f.Scenarios) == 0 && !strings.Contains(f.Path, "/") {
			t.Errorf("%s: bad path", f.Path)
		}
		for _, sc := range f.Scenarios {
			if ids[sc.ID] {
				t.Errorf("duplicate ID %s", sc.ID)
			}
			ids[sc.ID] = true
			for _, st := range sc.Steps {
				var cells []string
				switch {
				case st.Text == "parameters are:":
					for _, row := range st.Table {
						cells = append(cells, row[1])
					}
				case strings.HasPrefix(st.Text, "the result should be") && len(st.Table) > 0:
					for _, row := range st.Table[1:] {
						cells = append(cells, row...)
					}
				}
				for _, c := range cells {
					values++
					v, err := tck.ParseValue(c)
					if err != nil {
						t.Errorf("%s line %d: %v", sc.ID, st.Line, err)
						continue
					}
					back, err := tck.ParseValue(tck.Format(v))
					if err != nil || !tck.Equal(v, back, false) {
						t.Errorf("%s: %q formats as %q, which parses back as %v (%v)", sc.ID, c, tck.Format(v), back, err)
					}
				}
			}
		}
	}
	t.Logf("%d features, %d scenarios, %d values", len(feats), len(ids), values)
}

// FuzzParseFeature checks that the Gherkin reader never panics and reports
// every failure as a *ParseError.
func FuzzParseFeature(f *testing.F) {
	if src, err := os.ReadFile("testdata/sample.feature"); err == nil {
		f.Add(string(src))
	}
	f.Add("Feature: a\nScenario Outline: <x>\n  Given <x>\n  Examples:\n    | x |\n    | 1 |\n")
	f.Add("Feature: a\nScenario: s\n  When q:\n    \"\"\"\n    x\n    \"\"\"\n  Then t:\n    | a \\| b | \\n |\n")
	f.Fuzz(func(t *testing.T, src string) {
		_, err := tck.ParseFeature("f.feature", []byte(src))
		var pe *tck.ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error %v is not a *ParseError", err)
		}
	})
}

func BenchmarkLoadFeatures(b *testing.B) {
	fsys := os.DirFS(tckDir(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tck.LoadFeatures(fsys, "features"); err != nil {
			b.Fatal(err)
		}
	}
}
