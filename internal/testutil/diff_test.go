package testutil_test

import (
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name      string
		want, got string
		diff      string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"both empty", "", "", ""},
		{"a line repeated", "a\nb\nc\n", "a\nb\nb\nc\n", "@@ want line 3, got line 3\n+ b\n"},
		{"a repeat dropped", "a\na\nb\n", "a\nb\n", "@@ want line 2, got line 2\n- a\n"},
		{"a line changed", "a\nb\nc\n", "a\nB\nc\n", "@@ want line 2, got line 2\n- b\n+ B\n"},
		{"lines swapped", "a\nb\n", "b\na\n", "@@ want line 1, got line 1\n- a\n@@ want line 3, got line 2\n+ a\n"},
		{"two hunks", "a\nb\nc\nd\ne\n", "a\nx\nc\nd\n", "@@ want line 2, got line 2\n- b\n+ x\n@@ want line 5, got line 5\n- e\n"},
		{"a trailing newline dropped", "a\n", "a", "@@ want line 2, got line 2\n- \n"},
		{"from nothing", "", "a\n", "@@ want line 1, got line 1\n+ a\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := testutil.LineDiff(tc.want, tc.got); got != tc.diff {
				t.Errorf("LineDiff(%q, %q) =\n%s\nwant\n%s", tc.want, tc.got, got, tc.diff)
			}
		})
	}
}
