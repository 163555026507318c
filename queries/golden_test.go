package queries_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/internal/ingest"
	"github.com/kgnews/kg/internal/testutil"
	"github.com/kgnews/kg/queries"
)

// seedsStore ingests ../seeds into a fresh embedded store.
func seedsStore(t *testing.T) graph.Store {
	t.Helper()
	s := embeddedtest.Open(t)
	sum, err := ingest.Run(context.Background(), extract.New(extract.Options{}), s, []string{"../seeds"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 5 {
		t.Fatalf("ingested %d seed articles, want 5 (skipped %v)", sum.Articles, sum.Skipped)
	}
	return s
}

// render prints a result as stable JSON lines: the columns, then one row
// per line. Article ids are hashes of the seed files, so they are stable.
func render(t *testing.T, res *graph.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res.Columns); err != nil {
		t.Fatal(err)
	}
	for _, row := range res.Rows {
		if err := enc.Encode(row); err != nil {
			t.Fatalf("row %v: %v", row, err)
		}
	}
	return b.Bytes()
}

// TestGoldenResults runs every saved query with its default parameters on
// the graph of the seed articles and compares the rows, in order, with
// testdata/NAME.golden. Queries end in ORDER BY, so the order is stable.
func TestGoldenResults(t *testing.T) {
	s := seedsStore(t)
	ctx := context.Background()
	for _, q := range queries.Default().Queries() {
		t.Run(q.Name, func(t *testing.T) {
			params, err := q.Bind(nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Query(ctx, q.Body, params)
			if err != nil {
				t.Fatalf("query %s: %v", q.Name, err)
			}
			testutil.Golden(t, filepath.Join("testdata", q.Name+".golden"), render(t, res))
		})
	}
}

// TestResultsAreOrdered checks that every query orders its rows: running it
// twice gives the same rows in the same order, and the pack says ORDER BY.
func TestResultsAreOrdered(t *testing.T) {
	for _, q := range queries.Default().Queries() {
		if !strings.Contains(strings.ToUpper(q.Body), "ORDER BY") {
			t.Errorf("%s has no ORDER BY: its golden results would depend on the engine's order", q.Name)
		}
	}
}

// TestAliasesResolve checks that names are found through aliases and case:
// the same query with an alias gives the same rows as with the name.
func TestAliasesResolve(t *testing.T) {
	s := seedsStore(t)
	ctx := context.Background()
	// Find a country with an alias in the graph itself, so the test does not
	// depend on which aliases extraction recorded.
	res, err := s.Query(ctx, `MATCH (c:Country)-[:SPOKE_WITH|PLEDGED|SANCTIONED|TRADES_WITH]-()
		WHERE size(coalesce(c.aliases, [])) > 0
		RETURN DISTINCT c.name AS name, c.aliases AS aliases ORDER BY name`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) == 0 {
		t.Fatal("no country with aliases and facts in the seeds graph")
	}
	tl, _ := queries.Default().Get("timeline")
	checked := 0
	for _, row := range res.Rows {
		name := row[0].(string)
		for _, a := range row[1].([]any) {
			alias := a.(string)
			if strings.EqualFold(alias, name) {
				continue
			}
			run := func(v string) []byte {
				params, err := tl.Bind(map[string]string{"name": v})
				if err != nil {
					t.Fatal(err)
				}
				r, err := s.Query(ctx, tl.Body, params)
				if err != nil {
					t.Fatal(err)
				}
				return render(t, r)
			}
			byName, byAlias, byCase := run(name), run(alias), run(strings.ToUpper(alias))
			if !bytes.Equal(byName, byAlias) || !bytes.Equal(byAlias, byCase) {
				t.Errorf("timeline of %q and of its alias %q differ:\n%s\nvs\n%s", name, alias, byName, byAlias)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no alias to check")
	}
}

// TestLinkingIranChina holds the answer the pack exists for: on the seeds,
// linking Iran and China shows the Trump–Xi call that discussed Iran, the
// US tax on countries doing business with Iran, and China as Iran's largest
// trading partner.
func TestLinkingIranChina(t *testing.T) {
	s := seedsStore(t)
	q, _ := queries.Default().Get("linking")
	params, err := q.Bind(map[string]string{"a": "Iran", "b": "Beijing", "limit": "100"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Query(context.Background(), q.Body, params)
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, row := range res.Rows {
		links = append(links, fmt.Sprint(row[2]))
	}
	sort.Strings(links)
	all := strings.Join(links, "\n")
	for _, want := range []struct{ what, sub string }{
		{"the Trump–Xi call that discussed Iran", "Donald Trump -SPOKE_WITH- Xi Jinping about"},
		{"the US tax on imports from countries doing business with Iran", "Iran <-SANCTIONED- United States"},
		{"China as Iran's largest trading partner", "Iran -TRADES_WITH-> China"},
	} {
		if !strings.Contains(all, want.sub) {
			t.Errorf("linking Iran and China does not show %s (%q) in:\n%s", want.what, want.sub, all)
		}
	}
}
