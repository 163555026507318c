package embedded

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
)

// TestQueriesThatReadNoDataDoNotLoad runs each query twice on a fresh
// store: cold (where a query that reads nothing must not build the
// in-memory graph) and after the graph is built. Both answers, errors
// included, must agree.
func TestQueriesThatReadNoDataDoNotLoad(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	if err := openWithBase(t, path).Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query    string
		readData bool
	}{
		{"RETURN 1", false},
		{"UNWIND [1, 2, 3] AS x RETURN x * 2 AS y ORDER BY y DESC", false},
		{"RETURN $p + 1 AS v", false},
		{"WITH 'a' AS s RETURN toUpper(s), size([1, 2])", false},
		{"RETURN 1 / 0", false},
		{"MATCH (n) RETURN count(n)", true},
		{"MATCH (n:Country {id: 'CHN'}) RETURN n.name", true},
		{"OPTIONAL MATCH (n:Nothing) RETURN n", true},
		{"CALL db.labels()", true},
		{"RETURN EXISTS { MATCH (n) }", true},
		{"UNWIND [1] AS x MATCH (a)-[r]->(b) RETURN type(r), x", true},
		{"MATCH (a)-[r {id: 'sanctioned-1'}]->(b) RETURN a.name, b.name", true},
		{"MATCH (a)-[r:SANCTIONED]->(b) RETURN a.name, b.name", true},
		{"MATCH (n) WHERE n.id = 'CHN' RETURN n.name", true},
		{"MATCH (n) WHERE n.id IN ['CHN', 'nothing'] RETURN n.name", true},
		{"MATCH (n:Country) WHERE n.id IN ['CHN'] RETURN n.name", true},
		{"MATCH (a)-[r]->(b) WHERE r.id IN ['sanctioned-1'] RETURN a.name, b.name", true},
		{"MATCH (n) WHERE n.id IN [] RETURN count(n)", false},
		{"MATCH (n:Country) WHERE toLower(n.name) = toLower('BEIJING') OR any(a IN n.aliases WHERE toLower(a) = toLower('BEIJING')) RETURN n.name", true},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			params := map[string]any{"p": int64(41)}
			s, err := Open(path, &Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			cold, coldErr := s.Query(ctx, tc.query, params)
			if built := s.mem != nil || s.snap != nil; built != tc.readData {
				t.Errorf("in-memory graph built: %v, want %v", built, tc.readData)
			}
			if _, err := s.memLocked(ctx); err != nil {
				t.Fatal(err)
			}
			warm, warmErr := s.Query(ctx, tc.query, params)
			if tc.readData && (warmErr != nil || len(warm.Rows) == 0) {
				t.Errorf("the query finds nothing in the graph: %+v, %v", warm, warmErr)
			}
			if fmt.Sprint(coldErr) != fmt.Sprint(warmErr) || !reflect.DeepEqual(cold, warm) {
				t.Errorf("cold: %+v, %v; with the graph built: %+v, %v", cold, coldErr, warm, warmErr)
			}
		})
	}
}
