package testutil_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

// recorder is a testing.TB that records how a helper ended the test
// instead of ending it; Skip and Fatal stop the goroutine, as testing's do.
type recorder struct {
	testing.TB
	name    string
	skipped string
	failed  string
}

func (r *recorder) Name() string { return r.name }
func (r *recorder) Helper()      {}
func (r *recorder) Skip(args ...any) {
	r.skipped = args[0].(string)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Errorf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

// run calls fn on a recorder named name in a goroutine of its own, as the
// testing package runs a test, and returns the recorder.
func run(name string, fn func(testing.TB)) *recorder {
	r := &recorder{name: name}
	var wg sync.WaitGroup
	wg.Go(func() { fn(r) })
	wg.Wait()
	return r
}

func TestSkip(t *testing.T) {
	tests := []struct {
		name     string
		env      string
		test     string
		wantFail bool
	}{
		{"unset", "", "TestA", false},
		{"not listed", "TestB,TestC", "TestA", false},
		{"listed", "TestB,TestA", "TestA", true},
		{"listed with spaces", " TestB , TestA ", "TestA", true},
		{"a prefix is not the name", "TestA", "TestAB", false},
		{"a parent does not cover its subtests", "TestA", "TestA/sub", false},
		{"a subtest by its full name", "TestA/sub", "TestA/sub", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(testutil.DisallowSkipEnv, tc.env)
			for _, skip := range []func(testing.TB){
				func(tb testing.TB) { testutil.Skip(tb, "no ", "tool") },
				func(tb testing.TB) { testutil.Skipf(tb, "no %s", "tool") },
			} {
				r := run(tc.test, skip)
				if tc.wantFail {
					if r.failed == "" || r.skipped != "" {
						t.Errorf("%s listed in %q: skipped %q, failed %q; want a failure", tc.test, tc.env, r.skipped, r.failed)
					}
					continue
				}
				if r.skipped != "no tool" || r.failed != "" {
					t.Errorf("%s with %q: skipped %q, failed %q; want a skip saying %q", tc.test, tc.env, r.skipped, r.failed, "no tool")
				}
			}
		})
	}
}

func TestSkipDisallowedMessage(t *testing.T) {
	t.Setenv(testutil.DisallowSkipEnv, "TestA")
	r := run("TestA", func(tb testing.TB) { testutil.Skip(tb, "no tool") })
	for _, want := range []string{"TestA must not skip", testutil.DisallowSkipEnv, "no tool"} {
		if !strings.Contains(r.failed, want) {
			t.Errorf("failure %q does not say %q", r.failed, want)
		}
	}
}
