package ingest

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

// TestGoBuildID: the test binary's build ID is what the go command reads.
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	if runtime.GOOS != "linux" {
		testutil.Skip(t, fmt.Sprintf("build id %q: only ELF executables are read", id))
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		testutil.Skip(t, fmt.Sprintf("go tool buildid: %v", err))
	}
	if want := strings.TrimSpace(string(out)); id != want {
		t.Errorf("goBuildID = %q, want %q", id, want)
	}
	if goBuildID("/nonexistent") != "" || goBuildID("stamp.go") != "" {
		t.Error("a missing file or one that is not ELF has a build id")
	}
}
