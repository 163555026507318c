package ui_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

// TestPageUnits runs the page's unit tests (test/*.test.mjs: the URL
// state, result tables and CSV, names in results, styles, the batch and
// prefetched API calls) with node's own test runner. They need node
// alone, no node_modules and no browser.
func TestPageUnits(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		testutil.Skip(t, "node is not installed: ", err)
	}
	out, err := exec.Command(node, "--test", "test/").CombinedOutput()
	if err != nil {
		t.Fatalf("node --test test/: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "# fail 0") {
		t.Fatalf("node --test test/ did not report its tests:\n%s", out)
	}
}
