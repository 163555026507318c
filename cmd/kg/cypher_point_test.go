package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/embedded"
)

// TestCypherPointOutput prints points in every output format of kg cypher.
func TestCypherPointOutput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	s, err := embedded.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	const q = `RETURN point({longitude: 12.5, latitude: 56.0}) AS p, [point({x: 1, y: 2, z: 3})] AS l`
	tests := []struct {
		format string
		want   []string
	}{
		{"table", []string{"point({x: 12.5, y: 56.0, crs: 'wgs-84'})", "[point({x: 1.0, y: 2.0, z: 3.0, crs: 'cartesian-3d'})]"}},
		{"csv", []string{"point({x: 12.5, y: 56.0, crs: 'wgs-84'})", `"[{""crs"":""cartesian-3d"",""srid"":9157,""x"":1,""y"":2,""z"":3}]"`}},
		{"json", []string{`"p":{"crs":"wgs-84","srid":4326,"x":12.5,"y":56}`, `"l":[{"crs":"cartesian-3d","srid":9157,"x":1,"y":2,"z":3}]`}},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			code, out, stderr := kg(t, "", "--db", db, "cypher", "--format", tc.format, q)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if tc.format == "json" {
				out = strings.Join(strings.Fields(out), "")
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %s:\n%s", w, out)
				}
			}
		})
	}
}
