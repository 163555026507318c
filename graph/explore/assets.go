package explore

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// pageSecurity is the Content-Security-Policy of the page: its own
// scripts, styles and workers only (inline styles and blob: workers for
// the graph drawing), no framing, and calls to its own origin alone.
const pageSecurity = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// assets serves the page: "/" is index.html, other paths the bundle's
// files; a path with no file is a 404. Without Config.Assets, "/" is a
// one-line page saying so.
func (h *handler) assets(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, r, &apiError{http.StatusMethodNotAllowed, codeRequest, r.Method + " is not allowed on " + r.URL.Path + "; use GET"})
		return
	}
	w.Header().Set("Content-Security-Policy", pageSecurity)
	w.Header().Set("X-Frame-Options", "DENY")
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	if h.cfg.Assets == nil {
		if name == "index.html" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write([]byte("kg explorer: this kg was built without the explorer's page; the API is at /api/ (see graph/explore/API.md)\n"))
			return
		}
		writeError(w, r, &apiError{http.StatusNotFound, codeRequest, "no file " + r.URL.Path + ": this kg was built without the explorer's page"})
		return
	}
	if st, err := fs.Stat(h.cfg.Assets, name); err != nil || st.IsDir() {
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			writeError(w, r, &apiError{http.StatusNotFound, codeRequest, "no file " + r.URL.Path})
			return
		}
		writeError(w, r, err)
		return
	}
	if name == "index.html" {
		w.Header().Set("Cache-Control", "no-cache")
	}
	http.ServeFileFS(w, r, h.cfg.Assets, name)
}
