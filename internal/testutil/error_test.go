package testutil_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

func TestWantError(t *testing.T) {
	for _, tc := range []struct {
		name     string
		err      error
		want     string
		wanted   bool
		failWith string
	}{
		{"no error, none wanted", nil, "", false, ""},
		{"the error wanted", errors.New("bad input"), "bad", true, ""},
		{"an error, none wanted", errors.New("bad input"), "", false, "unexpected error: bad input"},
		{"another error", errors.New("bad input"), "missing", true, `want one containing "missing"`},
		{"no error, one wanted", nil, "missing", true, `error = <nil>`},
	} {
		var wanted bool
		r := run("TestX", func(tb testing.TB) { wanted = testutil.WantError(tb, tc.err, tc.want) })
		if tc.failWith == "" && (r.failed != "" || wanted != tc.wanted) {
			t.Errorf("%s: failed %q, returned %v; want no failure and %v", tc.name, r.failed, wanted, tc.wanted)
		}
		if tc.failWith != "" && !strings.Contains(r.failed, tc.failWith) {
			t.Errorf("%s: failed %q, want a failure with %q", tc.name, r.failed, tc.failWith)
		}
	}
}
