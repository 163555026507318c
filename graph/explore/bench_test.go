package explore_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/internal/ingest"
)

// reutersDir is the 714 Reuters trade and diplomacy stories of the shared
// corpus (KG_REUTERS_DIPLOMACY overrides).
func reutersDir() string {
	if d := os.Getenv("KG_REUTERS_DIPLOMACY"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "corpus", "reuters-diplomacy")
}

var reuters struct {
	once sync.Once
	dir  string
	err  error
}

// reutersStore ingests the Reuters diplomacy stories once per test binary
// and opens the store read-only for b.
func reutersStore(b *testing.B) *embedded.Store {
	b.Helper()
	reuters.once.Do(func() {
		reuters.dir, reuters.err = os.MkdirTemp("", "kg-explore-bench-")
		if reuters.err != nil {
			return
		}
		var s *embedded.Store
		if s, reuters.err = embedded.Open(filepath.Join(reuters.dir, "kg.db"), nil); reuters.err != nil {
			return
		}
		defer s.Close()
		_, reuters.err = ingest.Run(context.Background(), extract.New(extract.Options{}), s, []string{reutersDir()}, ingest.Options{})
	})
	if reuters.err != nil {
		b.Fatalf("the Reuters diplomacy graph (%s): %v", reutersDir(), reuters.err)
	}
	s, err := embedded.Open(filepath.Join(reuters.dir, "kg.db"), &embedded.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkEndpoints measures each endpoint on the graph of the 714
// Reuters trade and diplomacy stories, over HTTP on loopback, cycling
// through realistic requests (the most connected entities, their edges,
// searches by prefix and with typos, 5 and 27 of them expanded at once
// with pages of 100), and reports the median and 95th percentile latency
// (p50-ms, p95-ms) beside the mean.
//
//	go test -run '^$' -bench Endpoints -benchtime 200x ./graph/explore
func BenchmarkEndpoints(b *testing.B) {
	s := reutersStore(b)
	srv := server(b, s, nil)
	// the most connected entities, and fact edges of theirs
	top := list(post(b, srv, "/api/cypher", map[string]any{"query": `MATCH (n) WHERE NOT n:Article
RETURN n.id AS id, n.name AS name, COUNT { (n)-[r]-() WHERE type(r) <> 'MENTIONS' } AS d ORDER BY d DESC, id LIMIT 30`})["rows"])
	rels := list(post(b, srv, "/api/cypher", map[string]any{"query": `MATCH (a)-[r:SPOKE_WITH|PLEDGED|SANCTIONED]->(b)
RETURN r.id, a.id, b.id ORDER BY r.id LIMIT 50`})["rows"])
	if len(top) < 30 || len(rels) < 50 {
		b.Fatalf("a small graph: %d entities, %d facts", len(top), len(rels))
	}
	id := func(i int) string { return str(list(top[i%20])[0]) }
	name := func(i int) string { return str(list(top[i%20])[1]) }
	// expand: the n most connected entities after the first i, as a page
	// restoring a shared view asks for them
	expand := func(i, n int) string {
		q := url.Values{"limit": {"100"}}
		for j := range n {
			q.Add("id", str(list(top[(i+j)%len(top)])[0]))
		}
		return "/api/expand?" + q.Encode()
	}
	typo := func(s string) string { // swap two letters in the middle
		r := []rune(s)
		if len(r) > 4 {
			r[2], r[3] = r[3], r[2]
		}
		return string(r)
	}
	endpoints := []struct {
		name string
		path func(i int) string
	}{
		{"stats", func(int) string { return "/api/stats" }},
		{"style", func(int) string { return "/api/style" }},
		{"search-prefix", func(i int) string { return "/api/search?q=" + url.QueryEscape(name(i)[:min(3, len(name(i)))]) }},
		{"search-fuzzy", func(i int) string { return "/api/search?q=" + url.QueryEscape(typo(name(i))) }},
		{"node", func(i int) string { return "/api/nodes/" + url.PathEscape(id(i)) }},
		{"neighbours", func(i int) string { return "/api/nodes/" + url.PathEscape(id(i)) + "/neighbours?limit=50" }},
		{"neighbours-provenance", func(i int) string {
			return "/api/nodes/" + url.PathEscape(id(i)) + "/neighbours?limit=100&provenance=true"
		}},
		{"expand-5", func(i int) string { return expand(i, 5) }},
		{"expand-27", func(i int) string { return expand(i, 27) }},
		{"edge", func(i int) string { return "/api/edges/" + url.PathEscape(str(list(rels[i%len(rels)])[0])) }},
		{"timeline", func(i int) string { return "/api/timeline?a=" + url.QueryEscape(id(i)) }},
		{"timeline-pair", func(i int) string {
			r := list(rels[i%len(rels)])
			return "/api/timeline?a=" + url.QueryEscape(str(r[1])) + "&b=" + url.QueryEscape(str(r[2]))
		}},
		{"queries", func(int) string { return "/api/queries" }},
		{"query-linking", func(i int) string {
			return "/api/queries/linking?a=" + url.QueryEscape(name(i)) + "&b=" + url.QueryEscape(name(i+1))
		}},
		{"query-who-spoke-with", func(i int) string { return "/api/queries/who-spoke-with?name=" + url.QueryEscape(name(i)) }},
	}
	for _, ep := range endpoints {
		b.Run(ep.name, func(b *testing.B) {
			get(b, srv, ep.path(0)) // warm: the graph and the search index are loaded
			durs := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if status, _, _ := raw(b, srv, "GET", ep.path(i), "", nil); status != 200 {
					b.Fatalf("GET %s: %d", ep.path(i), status)
				}
				durs = append(durs, time.Since(start))
			}
			b.StopTimer()
			reportPercentiles(b, durs)
		})
	}
	b.Run("cypher", func(b *testing.B) {
		durs := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			start := time.Now()
			post(b, srv, "/api/cypher", map[string]any{"query": "MATCH (a {id: $id})-[r]-(b) RETURN a, r, b LIMIT 25", "params": map[string]any{"id": id(i)}})
			durs = append(durs, time.Since(start))
		}
		reportPercentiles(b, durs)
	})
}

func reportPercentiles(b *testing.B, durs []time.Duration) {
	slices.Sort(durs)
	at := func(p float64) float64 {
		return float64(durs[min(len(durs)-1, int(p*float64(len(durs))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
}
