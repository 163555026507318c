package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/embedded"
)

// emptyStore returns the path of a new, empty store file.
func emptyStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "kg.db")
	s, err := embedded.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestCypherPointOutput prints points in every output format of kg cypher.
func TestCypherPointOutput(t *testing.T) {
	db := emptyStore(t)
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

// TestCypherPlanOutput prints the plan of EXPLAIN instead of rows, and the
// profile of PROFILE after them (on stderr beside CSV).
func TestCypherPlanOutput(t *testing.T) {
	db := emptyStore(t)
	if code, _, stderr := kg(t, "", "--db", db, "cypher", "--write", "CREATE (:P {id: 'a'})-[:R]->(:P {id: 'b'})"); code != 0 {
		t.Fatalf("create: exit %d: %s", code, stderr)
	}
	tests := []struct {
		name           string
		args           []string
		stdout, stderr []string // substrings, in order
		notOut         string
	}{
		{"explain", []string{"cypher", "EXPLAIN MATCH (a:P {id: $x})-->(b) RETURN b.id"},
			[]string{"Plan:\nProduceResults\n", "└─ Projection  b.id\n", "Expand(All)  (a)-[]->(b)", "NodeIndexSeek  a:P(id)"}, nil, "(1 row)"},
		{"profile", []string{"cypher", "PROFILE MATCH (a:P)-->(b) RETURN b.id"},
			[]string{"b.id", "(1 row)", "Profile:\nProduceResults  (rows 1, db hits 0)", "NodeByLabelScan  a:P  (rows 2, db hits"}, nil, ""},
		{"profile csv", []string{"cypher", "--format", "csv", "PROFILE MATCH (a:P)-->(b) RETURN b.id"},
			[]string{"b.id\nb\n"}, []string{"Profile:", "Expand(All)  (a)-[]->(b)  (rows 1, db hits 1)"}, "Profile"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := kg(t, "", append([]string{"--db", db}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			wantInOrder(t, "stdout", out, tc.stdout)
			wantInOrder(t, "stderr", stderr, tc.stderr)
			if tc.notOut != "" && strings.Contains(out, tc.notOut) {
				t.Errorf("stdout has %q:\n%s", tc.notOut, out)
			}
		})
	}
}

func wantInOrder(t *testing.T, name, text string, parts []string) {
	t.Helper()
	rest := text
	for _, p := range parts {
		i := strings.Index(rest, p)
		if i < 0 {
			t.Errorf("%s lacks %q after the earlier parts:\n%s", name, p, text)
			return
		}
		rest = rest[i+len(p):]
	}
}
