package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

// queryCase is one query on the fixture graph and its expected result,
// compared after Normalize.
type queryCase struct {
	name    string
	query   string
	params  map[string]any
	columns []string
	rows    [][]any
	// check, when set, replaces the comparison of rows.
	check func(t *testing.T, res *graph.Result)
}

var queryCases = []queryCase{
	{
		name:    "Scalars",
		query:   "RETURN 1 AS i, 1.5 AS f, 'x' AS s, true AS b, null AS n",
		columns: []string{"i", "f", "s", "b", "n"},
		rows:    [][]any{{int64(1), 1.5, "x", true, nil}},
	},
	{
		name:    "IntsAndFloats",
		query:   "RETURN 7 / 2 AS i, 7 / 2.0 AS f, toFloat(2) AS tf, toInteger(2.9) AS ti",
		columns: []string{"i", "f", "tf", "ti"},
		rows:    [][]any{{int64(3), 3.5, 2.0, int64(2)}},
	},
	{
		name:    "ListsAndMaps",
		query:   "RETURN [1, 'a', null, [2.5]] AS l, {k: 1, m: {x: 'y'}, e: []} AS m",
		columns: []string{"l", "m"},
		rows: [][]any{{[]any{int64(1), "a", nil, []any{2.5}},
			map[string]any{"k": int64(1), "m": map[string]any{"x": "y"}, "e": []any{}}}},
	},
	{
		name:    "Parameters",
		query:   "RETURN $s AS s, $i AS i, $f AS f, $l AS l, $m.k AS mk, $missing IS NULL AS nothing",
		params:  map[string]any{"s": "Iran", "i": int64(4), "f": 0.5, "l": []any{"a", int64(1)}, "m": map[string]any{"k": "v"}, "missing": nil},
		columns: []string{"s", "i", "f", "l", "mk", "nothing"},
		rows:    [][]any{{"Iran", int64(4), 0.5, []any{"a", int64(1)}, "v", true}},
	},
	{
		name:    "Node",
		query:   "MATCH (c:Country {id: $id}) RETURN c",
		params:  map[string]any{"id": China},
		columns: []string{"c"},
		rows: [][]any{{value.Node{Labels: []string{graph.LabelCountry}, Props: map[string]any{
			graph.PropID: China, graph.PropName: "China", graph.PropAliases: []any{"Beijing", "PRC"}}}}},
	},
	{
		name:    "Relationship",
		query:   "MATCH (:Country {id: $from})-[r:SANCTIONED]->(:Country {id: $to}) RETURN r, type(r) AS t",
		params:  map[string]any{"from": USA, "to": Iran},
		columns: []string{"r", "t"},
		rows: [][]any{{value.Relationship{Type: graph.Sanctioned, Props: map[string]any{
			graph.PropID: SanctionedIran, graph.PropSources: []any{Art2}, graph.PropMeasure: "tariff", graph.PropRate: 0.25,
			graph.PropDate: "2026-01-11", graph.PropEvidence: []any{"Washington imposed a 25% tariff on goods from Iran."}}},
			graph.Sanctioned}},
	},
	{
		name:    "Path",
		query:   "MATCH p = (:Actor {id: $a})-[:REPRESENTS]->(:Country)<-[:REPRESENTS]-(b:Actor) RETURN p, length(p) AS len, b.name AS other",
		params:  map[string]any{"a": Xi},
		columns: []string{"p", "len", "other"},
		check: func(t *testing.T, res *graph.Result) {
			if len(res.Rows) != 1 {
				t.Fatalf("got %d rows, want 1: %v", len(res.Rows), res.Rows)
			}
			p, ok := res.Rows[0][0].(value.Path)
			if !ok {
				t.Fatalf("p is %T, want value.Path", res.Rows[0][0])
			}
			if len(p.Nodes) != 3 || len(p.Relationships) != 2 {
				t.Fatalf("path has %d nodes and %d relationships, want 3 and 2", len(p.Nodes), len(p.Relationships))
			}
			var ids []any
			for _, n := range p.Nodes {
				ids = append(ids, n.Props[graph.PropID])
			}
			if want := []any{Xi, China, Wang}; !reflect.DeepEqual(ids, want) {
				t.Errorf("path nodes = %v, want %v", ids, want)
			}
			// Relationships join consecutive nodes, in either direction.
			for i, r := range p.Relationships {
				a, b := p.Nodes[i].ElementID, p.Nodes[i+1].ElementID
				if !(r.StartElementID == a && r.EndElementID == b || r.StartElementID == b && r.EndElementID == a) {
					t.Errorf("relationship %d (%s→%s) does not join nodes %s and %s", i, r.StartElementID, r.EndElementID, a, b)
				}
				if r.Type != graph.Represents {
					t.Errorf("relationship %d type = %s, want %s", i, r.Type, graph.Represents)
				}
			}
			if p.Relationships[0].StartElementID != p.Nodes[0].ElementID {
				t.Errorf("first REPRESENTS does not start at Xi")
			}
			if got := Normalize(res.Rows[0][1:]); !reflect.DeepEqual(got, []any{int64(2), "Wang Yi"}) {
				t.Errorf("len, other = %v, want [2 Wang Yi]", got)
			}
		},
	},
	{
		name: "VariableLengthOverFacts",
		query: "MATCH p = (a:Actor {name: $name})-[:SPOKE_WITH|PLEDGED|SANCTIONED*1..2]-(b) " +
			"RETURN b.name AS name, length(p) AS hops ORDER BY hops, name",
		params:  map[string]any{"name": "Donald Trump"},
		columns: []string{"name", "hops"},
		rows:    [][]any{{"Xi Jinping", int64(1)}, {"trade truce", int64(2)}},
	},
	{
		name: "OptionalMatch",
		query: "MATCH (c:Country) OPTIONAL MATCH (c)<-[:SANCTIONED]-(by) " +
			"RETURN c.name AS country, by.name AS sanctionedBy ORDER BY country",
		columns: []string{"country", "sanctionedBy"},
		rows:    [][]any{{"China", nil}, {"Iran", "United States"}, {"United States", nil}},
	},
	{
		name: "Aggregation",
		query: "MATCH (:Article)-[:MENTIONS]->(e) " +
			"RETURN e.name AS name, count(*) AS mentions ORDER BY mentions DESC, name LIMIT 3",
		columns: []string{"name", "mentions"},
		rows:    [][]any{{"China", int64(1)}, {"Donald Trump", int64(1)}, {"Iran", int64(1)}},
	},
	{
		name: "CollectAndSize",
		query: "MATCH (a:Article)-[:MENTIONS]->(e) WITH a, collect(e.name) AS names " +
			"RETURN a.title AS title, size(names) AS n ORDER BY title",
		columns: []string{"title", "n"},
		rows:    [][]any{{"New tariffs on Iran", int64(3)}, {"Trump and Xi talk trade", int64(3)}},
	},
	{
		name: "ProvenanceLists",
		query: "MATCH (x)-[r:PLEDGED]->(c:Commitment) UNWIND r.claimedBy AS claimant " +
			"RETURN x.name AS party, c.quantity AS quantity, claimant, r.sources AS sources",
		columns: []string{"party", "quantity", "claimant", "sources"},
		rows:    [][]any{{"China", int64(25), "Donald Trump", []any{Art1}}},
	},
	{
		name: "AliasMatch",
		query: "MATCH (c:Country) WHERE toLower(c.name) = toLower($q) OR any(a IN coalesce(c.aliases, []) WHERE toLower(a) = toLower($q)) " +
			"RETURN c.id AS id",
		params:  map[string]any{"q": "beijing"},
		columns: []string{"id"},
		rows:    [][]any{{China}},
	},
	{
		name:    "DistinctAndMissingProperty",
		query:   "MATCH (a:Actor) RETURN DISTINCT a.country AS country, a.nickname AS nickname ORDER BY country",
		columns: []string{"country", "nickname"},
		rows:    [][]any{{"China", nil}, {"Iran", nil}, {"United States", nil}},
	},
	{
		name:    "Empty",
		query:   "MATCH (a:Actor {name: 'Nobody'}) RETURN a.name AS name",
		columns: []string{"name"},
		rows:    nil,
	},
}

func testQuery(t *testing.T, open Opener) {
	s := open(t)
	load(t, s, Fixture())
	for _, tc := range queryCases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Query(context.Background(), tc.query, tc.params)
			if err != nil {
				t.Fatalf("Query(%q): %v", tc.query, err)
			}
			if !reflect.DeepEqual(res.Columns, tc.columns) {
				t.Errorf("Columns = %q, want %q", res.Columns, tc.columns)
			}
			if tc.check != nil {
				tc.check(t, res)
				return
			}
			got, want := Normalize(value.AnyList(res.Rows)), Normalize(value.AnyList(tc.rows))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Rows of %q:\n got %v\nwant %v", tc.query, got, want)
			}
		})
	}
	t.Run("UpdateStats", func(t *testing.T) {
		res, err := s.Query(context.Background(), "CREATE (n:Article {id: $id, title: 'tmp'}) RETURN n.id AS id",
			map[string]any{"id": "article-tmp"})
		if err != nil {
			t.Fatalf("Query: %v", err)
		}
		if res.Stats.NodesCreated != 1 || res.Stats.LabelsAdded != 1 || res.Stats.PropertiesSet != 2 {
			t.Errorf("Stats = %+v, want 1 node, 1 label, 2 properties", res.Stats)
		}
		res, err = s.Query(context.Background(), "MATCH (n:Article {id: $id}) DETACH DELETE n", map[string]any{"id": "article-tmp"})
		if err != nil {
			t.Fatalf("Query: %v", err)
		}
		if res.Stats.NodesDeleted != 1 {
			t.Errorf("Stats = %+v, want 1 node deleted", res.Stats)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		for _, q := range []string{"MATCH (n RETURN n", "RETURN undefinedVariable", "RETURN $notGiven AS x"} {
			if _, err := s.Query(context.Background(), q, nil); err == nil {
				t.Errorf("Query(%q) succeeded, want an error", q)
			}
		}
	})
}
