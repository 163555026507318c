package explore

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/queries"
)

// Config configures the explorer's handler. Store and Queries are
// required; the zero value of every other field has a sane meaning.
type Config struct {
	// Store answers every request. The handler only reads it.
	Store graph.Store
	// StoreKind names the store in /api/stats: "embedded" (the default)
	// or "neo4j".
	StoreKind string
	// Queries is the saved query pack /api/queries lists and runs.
	Queries *queries.Pack
	// Style is the Neo4j Browser style sheet (GraSS, browser/kg.grass)
	// /api/style serves as JSON; nil serves an empty style.
	Style []byte
	// Assets is the page: "/" serves its index.html, other paths outside
	// /api/ its files. Nil serves a one-line page saying the explorer's
	// page is not built in.
	Assets fs.FS
	// AllowedOrigins are the origins ("https://host:port") besides the
	// server's own whose pages may call the API; "*" allows every origin.
	AllowedOrigins []string
	// Hosts, when set, are the only Host headers accepted ("localhost:7480"),
	// compared without case. See LoopbackHosts.
	Hosts []string
	// QueryTimeout bounds each statement; zero means 30 seconds.
	QueryTimeout time.Duration
	// MaxBodyBytes bounds a request body; zero means 64 KiB.
	MaxBodyBytes int64
	// MaxRows bounds the rows a Cypher or saved query returns (the rest are
	// cut and the result says truncated); zero means 1,000.
	MaxRows int
	// MaxExpandEdges bounds the relationships of one /api/expand answer,
	// over all its nodes' pages; zero means 5,000.
	MaxExpandEdges int
	// SearchRefresh is how old the search index (every named node, read
	// from the store) may grow before a search rebuilds it in the
	// background, answering from the old one meanwhile; zero means 10
	// seconds.
	SearchRefresh time.Duration
	// Logf, if set, receives one line per failed request (status ≥ 500).
	Logf func(format string, args ...any)
}

// Defaults of Config's zero values, and the limits of the lists.
const (
	DefaultQueryTimeout  = 30 * time.Second
	DefaultMaxBodyBytes  = 64 << 10
	DefaultMaxRows       = 1000
	DefaultSearchRefresh = 10 * time.Second
)

// handler serves the explorer.
type handler struct {
	cfg    Config
	style  *Style
	mux    *http.ServeMux
	search *searchIndex
	hosts  map[string]bool
	origin map[string]bool
	any    bool // every origin allowed
}

// New returns the explorer's handler for cfg. It fails when Store or
// Queries is missing or the style does not parse.
func New(cfg Config) (http.Handler, error) {
	if cfg.Store == nil {
		return nil, errors.New("explore: Config.Store is nil")
	}
	if cfg.Queries == nil {
		return nil, errors.New("explore: Config.Queries is nil")
	}
	if cfg.StoreKind == "" {
		cfg.StoreKind = "embedded"
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = DefaultQueryTimeout
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = DefaultMaxRows
	}
	if cfg.MaxExpandEdges <= 0 {
		cfg.MaxExpandEdges = DefaultMaxExpandEdges
	}
	if cfg.SearchRefresh <= 0 {
		cfg.SearchRefresh = DefaultSearchRefresh
	}
	style, err := ParseGraSS(string(cfg.Style))
	if err != nil {
		return nil, err
	}
	h := &handler{cfg: cfg, style: style, mux: http.NewServeMux(), search: &searchIndex{store: cfg.Store, refresh: cfg.SearchRefresh},
		hosts: map[string]bool{}, origin: map[string]bool{}}
	for _, host := range cfg.Hosts {
		h.hosts[strings.ToLower(host)] = true
	}
	for _, o := range cfg.AllowedOrigins {
		if o == "*" {
			h.any = true
		}
		h.origin[strings.ToLower(strings.TrimSuffix(o, "/"))] = true
	}
	h.routes()
	return h, nil
}

func (h *handler) routes() {
	get := func(pattern string, fn apiFunc) {
		h.mux.Handle("GET "+pattern, h.api(fn))
	}
	get("/api/stats", h.stats)
	get("/api/style", h.styleJSON)
	get("/api/search", h.searchHandler)
	get("/api/nodes/{id}", h.node)
	get("/api/nodes/{id}/neighbours", h.neighbours)
	get("/api/expand", h.expand)
	get("/api/edges/{id}", h.edge)
	get("/api/timeline", h.timeline)
	get("/api/queries", h.listQueries)
	get("/api/queries/{name}", h.runQueryGet)
	h.mux.Handle("POST /api/queries/{name}", h.api(h.runQueryPost))
	h.mux.Handle("POST /api/cypher", h.api(h.cypherPost))
	h.mux.Handle("/api/", h.api(h.apiFallback))
	h.mux.HandleFunc("/", h.assets)
}

// ServeHTTP checks the request's Host, Origin, method and body, then
// routes it.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	if len(h.hosts) > 0 && !h.hosts[strings.ToLower(r.Host)] {
		writeError(w, r, &apiError{Status: http.StatusMisdirectedRequest, Code: codeRequest,
			Message: "the Host header " + quote(r.Host) + " is not this server's (DNS rebinding protection); open the explorer through " + h.cfg.Hosts[0]})
		return
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		if !h.originAllowed(origin, r) {
			writeError(w, r, &apiError{Status: http.StatusForbidden, Code: codeForbidden,
				Message: "requests from origin " + quote(origin) + " are not allowed; start kg serve with --http-origin " + quote(origin) + " to allow them"})
			return
		}
		if h.crossOrigin(origin, r) {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Vary", "Origin")
			if r.Method == http.MethodOptions {
				w.Header().Set("Access-Control-Allow-Methods", "GET, HEAD, POST")
				w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
				w.Header().Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
	}
	if r.ContentLength > h.cfg.MaxBodyBytes {
		writeError(w, r, tooLarge(h.cfg.MaxBodyBytes))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.cfg.MaxBodyBytes)
	h.mux.ServeHTTP(w, r)
}

// originAllowed says whether a request carrying origin may be served:
// the server's own origin (the scheme and Host the request came with),
// or one Config.AllowedOrigins names.
func (h *handler) originAllowed(origin string, r *http.Request) bool {
	return !h.crossOrigin(origin, r) || h.any || h.origin[strings.ToLower(origin)]
}

// crossOrigin says whether origin differs from the server's own.
func (h *handler) crossOrigin(origin string, r *http.Request) bool {
	scheme := "http://"
	if r.TLS != nil {
		scheme = "https://"
	}
	return !strings.EqualFold(origin, scheme+r.Host)
}

// apiFallback answers /api/ paths no route takes: 404 for an unknown path,
// 405 for a known path asked with another method.
func (h *handler) apiFallback(w http.ResponseWriter, r *http.Request) (any, error) {
	probe := r.Clone(context.Background())
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		probe.Method = m
		if _, pattern := h.mux.Handler(probe); pattern != "" && pattern != "/api/" && !strings.HasSuffix(pattern, " /") {
			allow := "GET, HEAD"
			if m == http.MethodPost {
				allow = "POST"
			}
			w.Header().Set("Allow", allow)
			return nil, &apiError{Status: http.StatusMethodNotAllowed, Code: codeRequest,
				Message: r.Method + " is not allowed on " + r.URL.Path + "; use " + allow}
		}
	}
	return nil, &apiError{Status: http.StatusNotFound, Code: codeRequest, Message: "no API endpoint " + r.URL.Path}
}

// queryContext bounds one statement by the configured timeout.
func (h *handler) queryContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, h.cfg.QueryTimeout)
}

// api serves fn, logging the requests that fail with a server error.
func (h *handler) api(fn apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		v, err := fn(w, r)
		if err == nil {
			writeJSON(w, r, http.StatusOK, v)
			return
		}
		ae := classify(err)
		if ae.Status >= 500 && h.cfg.Logf != nil {
			h.cfg.Logf("%s %s: %d %s", r.Method, r.URL.Path, ae.Status, ae.Message)
		}
		writeError(w, r, ae)
	})
}

// LoopbackHosts returns the Host headers a server listening at addr
// ("127.0.0.1:7480", "localhost:7480", "[::1]:7480") answers to when addr
// is a loopback address: localhost, 127.0.0.1 and [::1] with its port. For
// any other address it returns nil: the server is reachable by names it
// cannot know, so Host is not checked.
func LoopbackHosts(addr string) []string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	if host != "localhost" {
		ip := net.ParseIP(host)
		if ip == nil || !ip.IsLoopback() {
			return nil
		}
	}
	return []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port}
}
