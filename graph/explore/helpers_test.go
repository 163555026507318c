package explore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/graph/explore"
	"github.com/kgnews/kg/internal/ingest"
	"github.com/kgnews/kg/internal/testutil"
	"github.com/kgnews/kg/queries"
)

// seedStore returns an embedded store holding the repository's seed
// articles, ingested once per test binary into a temporary directory.
func seedStore(t testing.TB) *embedded.Store {
	t.Helper()
	s := embeddedtest.Open(t)
	if _, err := ingest.Run(context.Background(), extract.New(extract.Options{}), s, []string{"../../seeds"}, ingest.Options{}); err != nil {
		t.Fatalf("ingest seeds: %v", err)
	}
	return s
}

var grass = sync.OnceValues(func() ([]byte, error) { return os.ReadFile(filepath.Join("..", "..", "browser", "kg.grass")) })

// testAssets is a page bundle for the tests.
var testAssets = fstest.MapFS{
	"index.html":   {Data: []byte("<!doctype html><title>kg</title><script src=\"app.js\"></script>")},
	"app.js":       {Data: []byte("console.log('kg')")},
	"assets/a.css": {Data: []byte("body{}")},
}

// server is an explorer over s, with test defaults changed by edit.
func server(t testing.TB, s graph.Store, edit func(*explore.Config)) *httptest.Server {
	t.Helper()
	style, err := grass()
	if err != nil {
		t.Fatal(err)
	}
	cfg := explore.Config{Store: s, Queries: queries.Default(), Style: style, Assets: testAssets}
	if edit != nil {
		edit(&cfg)
	}
	h, err := explore.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// call makes a request and returns the status and the decoded JSON body.
func call(t testing.TB, srv *httptest.Server, method, path, body string, hdr map[string]string) (int, map[string]any) {
	t.Helper()
	status, data, _ := raw(t, srv, method, path, body, hdr)
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s %s: status %d, body is no JSON object: %v\n%s", method, path, status, err, data)
	}
	return status, v
}

func raw(t testing.TB, srv *httptest.Server, method, path, body string, hdr map[string]string) (int, []byte, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, data := testutil.Fetch(t, srv.Client(), req)
	return resp.StatusCode, data, resp.Header
}

// get is a GET that must answer 200.
func get(t testing.TB, srv *httptest.Server, path string) map[string]any {
	t.Helper()
	status, v := call(t, srv, http.MethodGet, path, "", nil)
	if status != http.StatusOK {
		t.Fatalf("GET %s: status %d, %v", path, status, v)
	}
	return v
}

// post is a POST of a JSON body that must answer 200.
func post(t testing.TB, srv *httptest.Server, path string, body any) map[string]any {
	t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	status, v := call(t, srv, http.MethodPost, path, string(data), nil)
	if status != http.StatusOK {
		t.Fatalf("POST %s: status %d, %v", path, status, v)
	}
	return v
}

// errorOf returns the status and code of an error answer.
func errorOf(t testing.TB, v map[string]any) (float64, string, string) {
	t.Helper()
	e, ok := v["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error object in %v", v)
	}
	msg, _ := e["message"].(string)
	if msg == "" || strings.Contains(msg, "\n") {
		t.Errorf("error message %q is not one line", msg)
	}
	status, _ := e["status"].(float64)
	code, _ := e["code"].(string)
	return status, code, msg
}

func jsonString(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return b.String()
}
