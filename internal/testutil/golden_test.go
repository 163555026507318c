package testutil_test

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	golden := func(got string, update bool) string {
		if err := flag.Set("update", strconv.FormatBool(update)); err != nil {
			t.Fatal(err)
		}
		defer flag.Set("update", "false")
		return run("TestX/sub", func(tb testing.TB) { testutil.Golden(tb, path, []byte(got)) }).failed
	}
	if failed := golden("a\n", false); !strings.Contains(failed, "go test -run '^TestX$' -update writes it") {
		t.Errorf("missing golden file: failure %q, want one naming the -update run", failed)
	}
	if failed := golden("a\n", true); failed != "" {
		t.Errorf("-update failed: %s", failed)
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "a\n" {
		t.Fatalf("-update wrote %q, %v; want %q", data, err, "a\n")
	}
	if failed := golden("a\n", false); failed != "" {
		t.Errorf("the same output failed: %s", failed)
	}
	if failed := golden("a\na\n", false); !strings.Contains(failed, "+ a\n") {
		t.Errorf("a repeated line: failure %q, want a diff adding it", failed)
	}
}
