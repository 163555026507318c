package ui_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/explore/ui"
)

// TestFSServesThePage checks that the embedded bundle has index.html and
// every script and stylesheet it links to, all local (no CDN).
func TestFSServesThePage(t *testing.T) {
	index, err := fs.ReadFile(ui.FS, "index.html")
	if err != nil {
		t.Fatalf("ReadFile(index.html): %v", err)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"#]+)"`).FindAllSubmatch(index, -1)
	if len(refs) < 2 {
		t.Fatalf("index.html links %d assets, want the script and the stylesheet", len(refs))
	}
	for _, m := range refs {
		ref := string(m[1])
		if strings.HasPrefix(ref, "data:") {
			continue // inline, nothing to fetch
		}
		if regexp.MustCompile(`^[a-z]+:|^//`).MatchString(ref) {
			t.Errorf("index.html links %q: every asset must be bundled, not fetched", ref)
			continue
		}
		if _, err := fs.Stat(ui.FS, ref); err != nil {
			t.Errorf("index.html links %q, not in the bundle: %v", ref, err)
		}
	}
}
