package tck_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kgnews/kg/graph/cypher/internal/tck"
)

func TestSplitStatements(t *testing.T) {
	tests := []struct {
		script string
		want   []string
	}{
		{"", nil},
		{" ; ;\n", nil},
		{"CREATE ()", []string{"CREATE ()"}},
		{"CREATE ();\n", []string{"CREATE ()"}},
		{"CREATE (:A);\nCREATE (:B)\n;", []string{"CREATE (:A)", "CREATE (:B)"}},
		{"CREATE ({s: 'a;b'}); CREATE ({s: \"c;d\"})", []string{"CREATE ({s: 'a;b'})", `CREATE ({s: "c;d"})`}},
		{`CREATE ({s: 'it\'s;'});`, []string{`CREATE ({s: 'it\'s;'})`}},
		{"CREATE (:`A;B`)", []string{"CREATE (:`A;B`)"}},
		{"CREATE () // one; two\n; CREATE ()", []string{"CREATE () // one; two", "CREATE ()"}},
		{"CREATE () /* a; b */; RETURN 1", []string{"CREATE () /* a; b */", "RETURN 1"}},
		{"RETURN 'open;", []string{"RETURN 'open;"}},
		{"RETURN 1 /* open;", []string{"RETURN 1 /* open;"}},
	}
	for _, tc := range tests {
		if got := tck.SplitStatements(tc.script); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("SplitStatements(%q) = %q, want %q", tc.script, got, tc.want)
		}
	}
}

func TestGraphMetaCheck(t *testing.T) {
	meta := &tck.GraphMeta{
		Nodes: []tck.GraphStat{
			{Count: 3, Distinct: 1},
			{Label: "A", Count: 2, Distinct: 1},
			{Label: "A", Key: "name", Count: 2, Distinct: 1},
			{Label: "Z", Count: 0, Distinct: 0},
		},
		Relationships: []tck.GraphStat{
			{Type: "T", Count: 1, Distinct: 1},
			{Type: "T", Key: "w", Count: 1, Distinct: 1},
		},
		Labels: []tck.LabelStat{{Label: "A", Count: 2}},
	}
	meta.Labels[0].Sublabels = append(meta.Labels[0].Sublabels, struct {
		Label string `json:"label"`
		Count int    `json:"count"`
	}{"B", 1})
	nodes := []tck.Node{
		{ID: 1, Labels: []string{"A"}, Props: map[string]any{"name": "x"}},
		{ID: 2, Labels: []string{"A", "B"}, Props: map[string]any{"name": "x"}},
		{ID: 3},
	}
	rels := []tck.Relationship{{ID: 4, Type: "T", StartID: 1, EndID: 2, Props: map[string]any{"w": int64(1)}}}
	if err := meta.Check(nodes, rels); err != nil {
		t.Fatalf("Check: %v", err)
	}
	nodes[1].Props["name"] = "y"
	nodes[1].Labels = []string{"A"}
	err := meta.Check(nodes, rels[:0])
	if err == nil {
		t.Fatal("Check accepted a different graph")
	}
	for _, want := range []string{"nodes A / name: count 2 distinct 2", "relationships T / any key: count 0", "relationships T / w", "labelled A and B"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Check error %q lacks %q", err, want)
		}
	}
}

func TestRunScenarioNamedGraphMetadata(t *testing.T) {
	graphs := fstest.MapFS{
		"two/two.json":   {Data: []byte(`{"name": "two", "scripts": ["a", "b"], "nodes": [{"label": "", "key": "", "count": 3, "distinct": 1}]}`)},
		"two/a.cypher":   {Data: []byte("CREATE ();\nCREATE ();\n")},
		"two/b.cypher":   {Data: []byte("CREATE ()")},
		"bad/bad.json":   {Data: []byte(`{"nodes": [{"label": "", "key": "", "count": 5, "distinct": 1}]}`)},
		"bad/bad.cypher": {Data: []byte("CREATE ()")},
	}
	run := func(g *fakeGraph, _ context.Context, q string) (*tck.Result, error) {
		if strings.HasPrefix(q, "CREATE") {
			g.create()
		}
		return &tck.Result{}, nil
	}
	for _, tc := range []struct {
		graph  string
		status tck.Status
		msg    string
	}{
		{"two", tck.Passed, ""},
		{"bad", tck.Failed, "differs from its description: nodes any / any key: count 1 distinct 1, want count 5"},
		{"none", tck.Failed, "failed to read named graph"},
	} {
		g := &fakeGraph{RunFunc: run}
		sc := scenario(t, "Given the "+tc.graph+" graph", query, "Then the result should be empty")
		out := tck.RunScenario(context.Background(), sc, g, tck.Options{Graphs: graphs})
		if out.Status != tc.status || !strings.Contains(out.Msg, tc.msg) {
			t.Errorf("graph %s: outcome = %v %q, want %v containing %q", tc.graph, out.Status, out.Msg, tc.status, tc.msg)
		}
	}
}
