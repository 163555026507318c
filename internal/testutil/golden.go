package testutil

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is the -update flag of every test binary that checks golden files.
var update = flag.Bool("update", false, "rewrite the golden files that testutil.Golden checks with this run's output")

// Golden compares got with the golden file at path. With -update it writes
// got there instead, creating the directory. A missing file or a
// difference fails tb; a difference is shown as the ordered LineDiff of the
// file (want) and got.
func Golden(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	rerun := "go test -run '^" + strings.SplitN(tb.Name(), "/", 2)[0] + "$' -update"
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (%s writes it)", err, rerun)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("the output differs from %s (%s rewrites it, after checking):\n%s", path, rerun, LineDiff(string(want), string(got)))
	}
}
