package ui_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/explore"
	"github.com/kgnews/kg/graph/explore/ui"
	"github.com/kgnews/kg/internal/ingest"
	"github.com/kgnews/kg/internal/testutil"
	"github.com/kgnews/kg/queries"
)

// TestExplorerInChromium ingests the seeds into a temporary embedded
// store, serves the explorer (the JSON API and the embedded page) and runs
// e2e.mjs in headless Chromium: search, expand, evidence, timeline, a saved
// query from its form, a bad parameter, a phone-sized view. Screenshots go
// to $KG_SCREENSHOTS (default: a folder kept in the test's temp dir, so set
// it to look at them). It needs node, npm ci's node_modules and Chromium
// (KG_CHROMIUM, default /usr/bin/chromium); it skips without them unless
// KG_TEST_DISALLOW_SKIP names it. KG_E2E_PERF (a view's URL hash, e.g.
// "#x=CHN") makes it also print that view's time to first render.
func TestExplorerInChromium(t *testing.T) {
	if testing.Short() {
		testutil.Skip(t, "-short: the browser test takes several seconds")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		testutil.Skip(t, "node is not installed: ", err)
	}
	if _, err := os.Stat(filepath.Join("node_modules", "playwright-core")); err != nil {
		testutil.Skip(t, "graph/explore/ui/node_modules is not installed (run npm ci there): ", err)
	}
	chromium := os.Getenv("KG_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		testutil.Skipf(t, "no Chromium at %s (apt-get install chromium, or set KG_CHROMIUM): %v", chromium, err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	store, err := embedded.Open(filepath.Join(t.TempDir(), "kg.db"), nil)
	if err != nil {
		t.Fatalf("embedded.Open: %v", err)
	}
	defer store.Close()
	if _, err := ingest.Run(ctx, extract.New(extract.Options{}), store, []string{"../../../seeds"}, ingest.Options{}); err != nil {
		t.Fatalf("ingest seeds: %v", err)
	}
	style, err := os.ReadFile("../../../browser/kg.grass")
	if err != nil {
		t.Fatal(err)
	}
	h, err := explore.New(explore.Config{Store: store, Queries: queries.Default(), Style: style, Assets: ui.FS})
	if err != nil {
		t.Fatalf("explore.New: %v", err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	shots := os.Getenv("KG_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(t.TempDir(), "screenshots")
	}
	cmd := exec.CommandContext(ctx, node, "e2e.mjs")
	cmd.Env = append(os.Environ(), "KG_URL="+srv.URL, "KG_SCREENSHOTS="+shots, "KG_CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		t.Log(line)
	}
	if err != nil {
		t.Fatalf("node e2e.mjs: %v (screenshots in %s)", err, shots)
	}
}
