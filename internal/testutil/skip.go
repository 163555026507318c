// Package testutil holds helpers shared by kg's tests.
package testutil

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// DisallowSkipEnv names the environment variable that lists, separated by
// commas, the tests that must not skip (restic's RESTIC_TEST_DISALLOW_SKIP
// idiom). CI sets it to the tests it expects to run, so that a missing tool,
// a -short flag or a changed environment fails them instead of turning a
// green run into one that ran less. A name is a test's full name as
// t.Name() gives it: TestCrashDuringIngest, or TestA/sub for a subtest.
const DisallowSkipEnv = "KG_TEST_DISALLOW_SKIP"

// SkipDisallowed reports whether the test named name is listed in
// KG_TEST_DISALLOW_SKIP.
func SkipDisallowed(name string) bool {
	list := os.Getenv(DisallowSkipEnv)
	if list == "" {
		return false
	}
	names := strings.Split(list, ",")
	for i := range names {
		names[i] = strings.TrimSpace(names[i])
	}
	return slices.Contains(names, name)
}

// Skip skips tb with the reason args, formatted as by fmt.Sprint, unless
// tb's name is listed in KG_TEST_DISALLOW_SKIP: then it fails tb with the
// reason instead.
func Skip(tb testing.TB, args ...any) {
	tb.Helper()
	skip(tb, fmt.Sprint(args...))
}

// Skipf is Skip with a reason formatted as by fmt.Sprintf.
func Skipf(tb testing.TB, format string, args ...any) {
	tb.Helper()
	skip(tb, fmt.Sprintf(format, args...))
}

func skip(tb testing.TB, reason string) {
	tb.Helper()
	if SkipDisallowed(tb.Name()) {
		tb.Fatalf("%s must not skip (it is listed in %s): %s", tb.Name(), DisallowSkipEnv, reason)
	}
	tb.Skip(reason)
}
