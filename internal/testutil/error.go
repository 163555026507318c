package testutil

import (
	"strings"
	"testing"
)

// WantError checks err against want, a text the error must contain, or ""
// for no error, and fails and stops tb when they disagree. It reports
// whether an error was wanted: a table test then has nothing more to check.
func WantError(tb testing.TB, err error, want string) bool {
	tb.Helper()
	if want == "" {
		if err != nil {
			tb.Fatalf("unexpected error: %v", err)
		}
		return false
	}
	if err == nil || !strings.Contains(err.Error(), want) {
		tb.Fatalf("error = %v, want one containing %q", err, want)
	}
	return true
}
