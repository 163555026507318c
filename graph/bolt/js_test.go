package bolt_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/bolt/bolttest"
	"github.com/kgnews/kg/internal/testutil"
)

// The npm project of the JavaScript tests; .ci/run installs it with npm ci.
const jsDir = "testdata/js"

// jsDrivers are the neo4j-driver releases tested: the latest 6.x, the
// latest 5.x, and 5.26.0, the one Neo4j Browser pins (package.json
// aliases).
var jsDrivers = []string{"neo4j-driver", "neo4j-driver-5", "neo4j-driver-5.26"}

// nodeProject returns the npm project's absolute path, skipping (through
// testutil, so that CI can forbid it) when node or its modules are missing.
func nodeProject(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		testutil.Skip(t, "node is not installed")
	}
	dir, err := filepath.Abs(jsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range append(jsDrivers, "playwright-core") {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", d, "package.json")); err != nil {
			testutil.Skipf(t, "%s is not installed: run npm ci in %s", d, jsDir)
		}
	}
	return dir
}

// nodeWebSocketFlag returns the flag that gives Node a WebSocket global
// (built in from Node 22; behind a flag in Node 20), or "" if none is
// needed.
func nodeWebSocketFlag(t *testing.T) string {
	t.Helper()
	if exec.Command("node", "-e", "process.exit(typeof WebSocket === 'function' ? 0 : 1)").Run() == nil {
		return ""
	}
	if exec.Command("node", "--experimental-websocket", "-e", "process.exit(typeof WebSocket === 'function' ? 0 : 1)").Run() == nil {
		return "--experimental-websocket"
	}
	testutil.Skip(t, "this node has no WebSocket, even with --experimental-websocket")
	return ""
}

// runNode runs a script of the npm project with env added, and returns
// its output.
func runNode(t *testing.T, dir string, env []string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// TestJSDriver runs testdata/js/check.mjs (parameters, transactions,
// errors with codes, every value type) with each neo4j-driver line, over
// TCP with the Node build and over WebSocket with the browser build, in
// plain text and TLS, and logs the Bolt version each one negotiated.
func TestJSDriver(t *testing.T) {
	dir := nodeProject(t)
	wsFlag := nodeWebSocketFlag(t)
	store := graphStore(t)
	plain := serve(t, store, nil)
	cert := bolttest.NewCert(t)
	certFile, keyFile, caFile := cert.WriteFiles(t, t.TempDir())
	tlsCfg, err := bolt.LoadTLS(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	secure := serve(t, store, func(c *bolt.Config) { c.TLS = tlsCfg })
	secure = "localhost" + secure[strings.LastIndex(secure, ":"):]

	for _, driver := range jsDrivers {
		for _, tc := range []struct{ transport, bundle, url string }{
			{"bolt", "node", "bolt://" + plain},
			{"neo4j", "node", "neo4j://" + plain},
			{"ws", "browser", "bolt://" + plain},
			{"bolt+s", "node", "bolt+s://" + secure},
			{"wss", "browser", "neo4j+s://" + secure},
		} {
			t.Run(driver+"/"+tc.transport, func(t *testing.T) {
				args := []string{"check.mjs"}
				if tc.bundle == "browser" && wsFlag != "" {
					args = []string{wsFlag, "check.mjs"}
				}
				out, err := runNode(t, dir, []string{
					"KG_DRIVER=" + driver, "KG_BUNDLE=" + tc.bundle, "KG_URL=" + tc.url, "KG_GRAPH=1",
					"KG_USER=" + testUser, "KG_PASSWORD=" + testPassword, "NODE_EXTRA_CA_CERTS=" + caFile,
				}, args...)
				if err != nil {
					t.Fatalf("node check.mjs: %v\n%s", err, out)
				}
				checks := strings.Count("\n"+out, "\nok ")
				if checks < 25 {
					t.Fatalf("only %d checks ran:\n%s", checks, out)
				}
				_, protocol, _ := strings.Cut(out, "\nprotocol ")
				t.Logf("%s over %s (%s build): %d checks passed, Bolt %s", driver, tc.transport, tc.bundle, checks, strings.TrimSpace(protocol))
			})
		}
	}
}

// syncLog collects the server's log lines.
type syncLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *syncLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// pageResult is what page.html reports.
type pageResult struct {
	Protocol string
	Rows     [][]int
	Node     struct {
		Labels []string
		Name   string
	}
	Error string
}

// TestBrowser loads neo4j-driver's browser bundle (from node_modules) in
// a headless Chromium, from a page served on localhost, and runs queries
// over WebSocket against the server; a page from another origin is
// refused.
func TestBrowser(t *testing.T) {
	dir := nodeProject(t)
	chromium := os.Getenv("KG_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		testutil.Skipf(t, "no Chromium at %s (apt-get install chromium, or set KG_CHROMIUM)", chromium)
	}
	var log syncLog
	addr := serve(t, graphStore(t), func(c *bolt.Config) { c.Logf = log.logf })
	pages := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer pages.Close()
	pagePort := pages.URL[strings.LastIndex(pages.URL, ":"):]
	page := func(host, driver string) string {
		q := url.Values{"driver": {driver}, "url": {"bolt://" + addr}, "user": {testUser}, "password": {testPassword}}
		return "http://" + host + pagePort + "/page.html?" + q.Encode()
	}
	urls := []string{page("127.0.0.1", "neo4j-driver"), page("localhost", "neo4j-driver-5.26"), page("evil.example", "neo4j-driver")}
	out, err := runNode(t, dir, []string{"KG_CHROMIUM=" + chromium, "KG_RESOLVE=MAP evil.example 127.0.0.1"},
		append([]string{"browser.mjs"}, urls...)...)
	if err != nil {
		t.Fatalf("node browser.mjs: %v\n%s", err, out)
	}
	got := map[string]pageResult{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var line struct {
			URL     string
			Result  pageResult
			Console []string
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("browser.mjs printed %q: %v", sc.Text(), err)
		}
		got[line.URL] = line.Result
	}
	for _, u := range urls[:2] {
		r := got[u]
		if r.Error != "" || !reflect.DeepEqual(r.Rows, [][]int{{1, 1}, {2, 4}, {3, 9}}) || r.Node.Name != "Ann" {
			t.Errorf("%s: %+v", u, r)
			continue
		}
		t.Logf("%s: Bolt %s over WebSocket", u, r.Protocol)
	}
	if r := got[urls[2]]; r.Error == "" {
		t.Errorf("a page from http://evil.example connected: %+v", r)
	}
	if want := `origin "http://evil.example` + pagePort + `" refused`; !strings.Contains(log.String(), want) {
		t.Errorf("the server log lacks %q:\n%s", want, log.String())
	}
}
