package main

import (
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestInterspersed(t *testing.T) {
	app := newApp(&globalOptions{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	tests := []struct{ in, want string }{
		{"kg query run linking -p a=Iran -p b=China", "kg query run -p a=Iran -p b=China linking"},
		{"kg --db x.db query run linking --format json", "kg --db x.db query run --format json linking"},
		{"kg cypher RETURN_1 -p x=1 --width 0", "kg cypher -p x=1 --width 0 RETURN_1"},
		{"kg ingest seeds --dry-run other", "kg ingest --dry-run seeds other"},
		{"kg ingest seeds -- -odd-name", "kg ingest seeds -- -odd-name"},
		{"kg stats", "kg stats"},
		{"kg", "kg"},
		{"kg ingest -", "kg ingest -"},
	}
	for _, tc := range tests {
		got := interspersed(app, strings.Fields(tc.in))
		if want := strings.Fields(tc.want); !reflect.DeepEqual(got, want) {
			t.Errorf("interspersed(%q) = %q, want %q", tc.in, got, want)
		}
	}
}
