package cypher_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

// nameSeekGraph holds names and aliases in the arrangements a name seek
// must get right: names differing only by case, or by accents; an alias
// shared by two nodes; a name equal to another node's alias; a node with
// two labels; a node without a name; a label outside the queries' unions;
// and letters whose lower case is not ASCII.
func nameSeekGraph(t *testing.T) *memgraph.Graph {
	g := memgraph.New()
	mustRun(t, g, `
		CREATE (a1:Actor {id: 'a1', name: 'Iran', aliases: ['IRI', 'Tehran']}),
		       (:Country {id: 'c1', name: 'IRAN', aliases: ['Islamic Republic']}),
		       (:Actor {id: 'a2', name: 'Élysée', aliases: ['elysee']}),
		       (:Actor {id: 'a3', name: 'élysée'}),
		       (:Actor:Country {id: 'ac', name: 'Persia', aliases: ['Iran', 'iri']}),
		       (:Agreement {id: 'g1', name: 'Deal', aliases: ['iri', 'IRI']}),
		       (:Other {id: 'o1', name: 'tehran'}),
		       (:Actor {id: 'a4', aliases: ['Iran']}),
		       (:Actor {id: 'a5', name: 'İSTANBUL', aliases: []}),
		       (:Commitment {id: 'm1', name: 'deal'}), (:Actor {id: 'a7', name: 'DEAL'}),
		       (a1)-[:R]->(:Actor {id: 'a6', name: 'Tehran'})`, nil)
	return g
}

// paramRuns are the parameters every query of TestNameSeekMatchesScan
// runs with.
var paramRuns = []map[string]any{
	{"a": "Iran", "b": "deal"},
	{"a": "iri", "b": "ÉLYSÉE"},
	{"a": "élysée", "b": "persia"},
	{"a": "İstanbul", "b": "tehran"},
	{"a": "nobody", "b": "Islamic republic"},
	{"a": nil, "b": "IRAN"},
}

// TestNameSeekMatchesScan runs queries the planner answers by a name
// seek on the graph with its name index and on the graph without one
// (scanned), and requires the same rows in the same order, and the seek
// in the plan.
func TestNameSeekMatchesScan(t *testing.T) {
	for _, q := range []string{
		`MATCH (x) WHERE (x:Actor OR x:Country OR x:Agreement OR x:Commitment)
		   AND (toLower(x.name) = toLower($a) OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = toLower($a)))
		 RETURN x.id`,
		`MATCH (x) WHERE (x:Actor OR x:Country) AND (toLower(x.name) = toLower($a) OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = toLower($a)))
		 MATCH (y) WHERE (y:Actor OR y:Agreement) AND (toLower(y.name) = toLower($b) OR any(al IN coalesce(y.aliases, []) WHERE toLower(al) = toLower($b)))
		   AND x <> y
		 RETURN x.id, y.id`,
		`MATCH (x:Actor) WHERE toLower(x.name) = toLower($a) RETURN x.id`,
		`MATCH (x:Actor) WHERE toLower($a) = TOLOWER(x.name) RETURN x.id`,
		`MATCH (x:Actor:Country) WHERE toLower(x.name) = toLower($b) RETURN x.id`,
		`MATCH (x:Actor) WHERE any(n IN [x.name] + coalesce(x.aliases, []) WHERE toLower(n) = toLower($a)) RETURN x.id`,
		`MATCH (x:Actor) WHERE any(n IN x.aliases WHERE toLower($a) = toLower(n)) RETURN x.id`,
		`MATCH (x) WHERE x:Actor AND (toLower(x.name) = toLower($a) OR toLower(x.name) = toLower($b)) RETURN x.id`,
		`MATCH (x) WHERE x:Agreement OR x:Commitment WITH x MATCH (y:Actor) WHERE toLower(y.name) = toLower(x.name) RETURN x.id, y.id`,
		`MATCH (o:Other), (x:Actor) WHERE toLower(x.name) = toLower(o.name) RETURN o.id, x.id`,
		`UNWIND [$a, $b, 'Tehran', null] AS k MATCH (x:Actor) WHERE toLower(x.name) = toLower(k) RETURN k, x.id`,
		`MATCH (x:Actor)-[:R]->(y) WHERE toLower(x.name) = toLower($a) RETURN x.id, y.id`,
		`MATCH (y)<-[:R]-(x:Actor) WHERE toLower(x.name) = toLower($a) RETURN x.id, y.id`,
		`OPTIONAL MATCH (x:Country) WHERE toLower(x.name) = toLower($a) RETURN x.id`,
		`MATCH (x:Actor) WHERE toLower(x.name) = toLower($a) AND x.id <> 'a1' RETURN x.id`,
	} {
		t.Run(q, func(t *testing.T) {
			g := nameSeekGraph(t)
			if plan := planText(t, g, "EXPLAIN "+q); !strings.Contains(plan, "NodeNameIndexSeek") {
				t.Errorf("the plan does not seek by name:\n%s", plan)
			}
			found := false
			for _, params := range paramRuns {
				want := rowsInOrder(t, scanOnly{g}, q, params)
				found = found || want != ""
				if got := rowsInOrder(t, g, q, params); got != want {
					t.Errorf("%v: with the index:\n%s\nwant\n%s", params, got, want)
				}
			}
			if !found {
				t.Errorf("no parameters find anything")
			}
		})
	}
}

// TestNameSeekNotChosen lists WHERE clauses the name index cannot serve
// alone: the planner must not seek.
func TestNameSeekNotChosen(t *testing.T) {
	for _, q := range []string{
		`MATCH (x) WHERE toLower(x.name) = toLower($a) RETURN x`,                                                // no label
		`MATCH (x:Actor) WHERE $a = '' OR toLower(x.name) = toLower($a) RETURN x`,                               // OR with another condition
		`MATCH (x:Actor) WHERE toLower(x.name) = $a RETURN x`,                                                   // not both lower-cased
		`MATCH (x:Actor) WHERE toUpper(x.name) = toUpper($a) RETURN x`,                                          // another function
		`MATCH (x:Actor) WHERE toLower(x.name) = toLower(x.id) RETURN x`,                                        // the value reads x
		`MATCH (x:Actor) WHERE toLower(x.role) = toLower($a) RETURN x`,                                          // another property
		`MATCH (x:Actor)-[:R]->(y:Actor) WHERE toLower(x.name) = toLower(y.name) RETURN x`,                      // y unbound
		`MATCH (x:Actor) WHERE any(n IN coalesce(x.aliases, ['Iran']) WHERE toLower(n) = toLower($a)) RETURN x`, // not only names
		`MATCH (x:Actor) WHERE all(n IN coalesce(x.aliases, []) WHERE toLower(n) = toLower($a)) RETURN x`,
		`MATCH (x:Actor) WHERE any(n IN x.aliases WHERE toLower(n) = toLower(n)) RETURN x`,
		`MATCH (x:Actor) WHERE any(n IN x.aliases WHERE toLower(n) = toLower($a) OR x.id = 'a') RETURN x`,
		`MATCH (x:Actor), (y:Actor) WHERE any(n IN y.aliases WHERE toLower(n) = toLower($a)) AND x.id = y.id RETURN x`,
		`MATCH (x) WHERE (x:Actor OR x.id = 'c1') AND toLower(x.name) = toLower($a) RETURN x`,
		`MATCH (x:Actor {id: 'a1'}) WHERE toLower(x.name) = toLower($a) RETURN x`, // the id index first
	} {
		t.Run(q, func(t *testing.T) {
			g := nameSeekGraph(t)
			if plan := planText(t, g, "EXPLAIN "+q); strings.Contains(plan, "NodeNameIndexSeek") {
				t.Errorf("the plan seeks by name:\n%s", plan)
			}
			for _, params := range paramRuns {
				want, werr := runRows(scanOnly{g}, q, params)
				got, gerr := runRows(g, q, params)
				if got != want || (werr == nil) != (gerr == nil) {
					t.Errorf("%v: got %q, %v; want %q, %v", params, got, gerr, want, werr)
				}
			}
		})
	}
}

// TestNameSeekValueErrors: a value that is not a string is left to the
// filter, which fails as it would after a scan.
func TestNameSeekValueErrors(t *testing.T) {
	g := nameSeekGraph(t)
	q := `MATCH (x:Actor) WHERE toLower(x.name) = toLower($a) RETURN x.id`
	for _, a := range []any{int64(5), []any{"Iran"}} {
		_, werr := runRows(scanOnly{g}, q, map[string]any{"a": a})
		_, gerr := runRows(g, q, map[string]any{"a": a})
		if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
			t.Errorf("$a = %v: error %v, want %v", a, gerr, werr)
		}
	}
}

// TestNameSeekFollowsWrites: the in-memory graph's name index, once
// built, follows names, aliases and labels as queries change them, and
// forgets what a failed query did.
func TestNameSeekFollowsWrites(t *testing.T) {
	g := nameSeekGraph(t)
	q := `MATCH (x) WHERE (x:Actor OR x:Country) AND any(n IN [x.name] + coalesce(x.aliases, []) WHERE toLower(n) = toLower($a)) RETURN x.id`
	check := func(step string) {
		t.Helper()
		for _, a := range []string{"iran", "new", "alias", "gone", "tehran", "Persia"} {
			p := map[string]any{"a": a}
			if got, want := rowsInOrder(t, g, q, p), rowsInOrder(t, scanOnly{g}, q, p); got != want {
				t.Errorf("after %s, %q: %s, want %s", step, a, got, want)
			}
		}
	}
	check("nothing")
	for _, w := range []string{
		`MATCH (x {id: 'a1'}) SET x.name = 'New'`,
		`MATCH (x {id: 'a2'}) SET x.aliases = ['ALIAS', 'Gone']`,
		`MATCH (x {id: 'a2'}) SET x.aliases = ['alias']`,
		`MATCH (x {id: 'c1'}) REMOVE x.name`,
		`MATCH (x {id: 'o1'}) SET x:Actor`,
		`MATCH (x {id: 'ac'}) REMOVE x:Actor`,
		`MATCH (x {id: 'ac'}) REMOVE x:Country`,
		`CREATE (:Country {name: 'gone', aliases: ['Iran']})`,
		`MATCH (x {id: 'a6'}) DETACH DELETE x`,
		`MATCH (x {id: 'a3'}) SET x += {name: 'NEW', aliases: ['iran']}`,
		`MATCH (x {id: 'a5'}) SET x = {id: 'a5'}`,
	} {
		mustRun(t, g, w, nil)
		check(w)
	}
	if _, err := cypher.Run(context.Background(), g, `MATCH (x {id: 'a4'}) SET x.name = 'Persia' WITH x RETURN 1 / 0`, nil); err == nil {
		t.Fatal("the failing query did not fail")
	}
	check("a failed query")
}

// rowsInOrder returns the rows of q, in order.
func rowsInOrder(t *testing.T, g cypher.Graph, q string, params map[string]any) string {
	t.Helper()
	s, err := runRows(g, q, params)
	if err != nil {
		t.Fatalf("Run(%q): %v", q, err)
	}
	return s
}

func runRows(g cypher.Graph, q string, params map[string]any) (string, error) {
	res, err := cypher.Run(context.Background(), g, q, params)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, r := range res.Rows {
		fmt.Fprintln(&b, r...)
	}
	return b.String(), nil
}
