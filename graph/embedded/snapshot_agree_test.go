package embedded_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/internal/ingest"
	"github.com/kgnews/kg/queries"
)

// agreeQueries are queries without ORDER BY, so that the order in which the
// snapshot yields nodes, relationships and index hits is compared too.
var agreeQueries = []struct {
	query  string
	params map[string]any
}{
	{"MATCH (n) RETURN n", nil},
	{"MATCH (n:Actor) RETURN n.name, labels(n), size(keys(n))", nil},
	{"MATCH (a)-[r]->(b) RETURN a.id, type(r), r, b.id", nil},
	{"MATCH (a)-[r]-(b) RETURN id(a), id(r), id(b)", nil},
	{"MATCH (a:Country)<-[r]-(b) RETURN a.name, type(r), b.name", nil},
	{"MATCH (a)-[r:SPOKE_WITH|PLEDGED]->(b) RETURN a.name, r.evidence, b.name", nil},
	{"MATCH (n:Country {name: $name})-[*1..2]-(m) RETURN DISTINCT m.name", map[string]any{"name": "China"}},
	{"MATCH (n:Country) WHERE n.id = $id RETURN n", map[string]any{"id": "CHN"}},
	{"MATCH (n {name: 'Iran'}) RETURN n", nil},
	{"MATCH (n:Actor {name: 1}) RETURN n", nil},
	{"MATCH (n:Nothing) RETURN n", nil},
	{"MATCH (n) RETURN labels(n) AS l, count(*) AS c", nil},
	{"MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c", nil},
	{"MATCH (n) RETURN n.name, size([(n)--() | 1]) AS degree", nil},
	{"CALL db.labels()", nil},
	{"CALL db.relationshipTypes()", nil},
	{"CALL db.propertyKeys()", nil},
	{"MATCH p = (a:Actor)-[*..2]->(b) RETURN p LIMIT 200", nil},
	{"MATCH (a) WHERE NOT (a)--() RETURN a.id", nil},
	{"MATCH (n) RETURN count(n)", nil},
	{"MATCH (n:Actor) RETURN count(*)", nil},
	{"MATCH (n) WHERE n.id = $id RETURN n", map[string]any{"id": "CHN"}},
	{"MATCH (n) WHERE n.id IN $ids RETURN n.id, labels(n)", map[string]any{"ids": []any{"USA", "CHN", "nothing", "CHN", nil, "IRN"}}},
	{"MATCH (n {id: $id})-[r]-(m) RETURN type(r), m.id", map[string]any{"id": "CHN"}},
	{"MATCH (n) WHERE n.name = 'China' RETURN n.id", nil},
	{"MATCH (n) WHERE n.id = 1 RETURN n", nil},
	{"MATCH (x:Country) WITH collect(x.id) AS ids MATCH (n) WHERE n.id IN ids RETURN n.id", nil},
	{"MATCH (x:Article) WITH collect(x.id)[0..3] AS ids MATCH (a:Article) WHERE a.id IN ids RETURN a.id", nil},
	{"MATCH ()-[q]->() WITH collect(q.id)[0..5] AS ids MATCH (a)-[r]->(b) WHERE r.id IN ids RETURN a.id, r.id, b.id", nil},
}

// readBoth opens the store at path twice, read-only: reading its snapshot
// and reading the in-memory graph. compare runs a query on both, requires
// the same result, and returns it.
func readBoth(t *testing.T, path string) (snap, mem *embedded.Store, compare func(name, query string, params map[string]any) *graph.Result) {
	t.Helper()
	open := func(mode embedded.ReadMode) *embedded.Store {
		s, err := embedded.Open(path, &embedded.Options{ReadOnly: true, Reads: mode,
			Logf: func(format string, args ...any) { t.Errorf("unexpected: "+format, args...) }})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	snap, mem = open(embedded.ReadSnapshot), open(embedded.ReadInMemory)
	compare = func(name, query string, params map[string]any) *graph.Result {
		t.Helper()
		ctx := context.Background()
		got, gerr := snap.Query(ctx, query, params)
		want, werr := mem.Query(ctx, query, params)
		if (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
			t.Fatalf("%s: snapshot error %v, in-memory error %v", name, gerr, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the snapshot and the in-memory graph disagree:\n snapshot %v\nin memory %v", name, got, want)
		}
		return want
	}
	return snap, mem, compare
}

// TestSnapshotNamesAgreeWithMemory runs the saved queries that find
// entities by name or alias (through the name indexes of both) on a store
// whose names differ only by case or by accents, where two entities share
// an alias and an entity's name is another's alias: the snapshot and the
// in-memory graph must give the same rows, in order, and find what each
// name means.
func TestSnapshotNamesAgreeWithMemory(t *testing.T) {
	s, path := newStore(t)
	ctx := context.Background()
	if _, err := s.Query(ctx, `
		CREATE (iran:Country {id: 'IRN', name: 'Iran', aliases: ['Tehran', 'IRI']}),
		       (irn:Actor {id: 'iran-gov', name: 'IRAN', aliases: ['Islamic Republic', 'iri']}),
		       (per:Actor {id: 'persia', name: 'Persia', aliases: ['Iran']}),
		       (e1:Actor {id: 'elysee-1', name: 'Élysée', kind: 'organization'}),
		       (e2:Actor {id: 'elysee-2', name: 'élysée', aliases: ['Elysee']}),
		       (chn:Country {id: 'CHN', name: 'China', aliases: ['Beijing', 'PRC']}),
		       (art:Article {id: 'art-1', title: 'Iran', path: 'a.txt'}),
		       (deal:Agreement {id: 'deal', name: 'Tehran', aliases: ['PRC deal']}),
		       (irn)-[:REPRESENTS]->(iran), (e1)-[:SPOKE_WITH {date: '2026-01-02', sources: ['art-1'], evidence: ['met']}]->(irn),
		       (iran)-[:SANCTIONED {date: '2026-01-03', sources: ['art-1'], evidence: ['banned']}]->(chn),
		       (per)-[:PLEDGED {sources: ['art-1'], evidence: ['will sign']}]->(deal),
		       (chn)-[:PARTY_TO]->(deal), (e2)-[:SPOKE_WITH {sources: ['art-1'], topics: ['Iran']}]->(chn),
		       (art)-[:MENTIONS]->(iran), (art)-[:MENTIONS]->(chn), (art)-[:MENTIONS]->(e1), (art)-[:MENTIONS]->(per)`, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, _, compare := readBoth(t, path)
	names := []string{"Iran", "iran", "IRI", "Tehran", "ÉLYSÉE", "elysee", "Elysée", "beijing", "prc", "nobody"}
	rows := 0
	for _, q := range queries.Default().Queries() {
		for i, a := range names {
			b := names[(i+3)%len(names)]
			args := map[string]string{}
			for _, p := range q.Params {
				switch p.Name {
				case "a", "name", "party", "country", "target":
					args[p.Name] = "'" + a + "'"
				case "b":
					args[p.Name] = "'" + b + "'"
				}
			}
			params, err := q.Bind(args)
			if err != nil {
				t.Fatal(err)
			}
			rows += len(compare(q.Name+" "+a+", "+b, q.Body, params).Rows)
		}
	}
	if rows == 0 {
		t.Fatal("no saved query found anything")
	}
	for _, tc := range []struct {
		name string
		want int
	}{{"iran", 3}, {"IRI", 2}, {"ÉLYSÉE", 2}, {"elysee", 1}, {"ELYSÉE", 0}, {"tehran", 2}, {"prc", 1}} {
		res := compare("find "+tc.name, `MATCH (x) WHERE (x:Actor OR x:Country OR x:Agreement)
			AND (toLower(x.name) = toLower($a) OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = toLower($a)))
			RETURN x.id`, map[string]any{"a": tc.name})
		if len(res.Rows) != tc.want {
			t.Errorf("%s finds %v, want %d entities", tc.name, res.Rows, tc.want)
		}
	}
}

// TestSnapshotAgreesWithMemory runs every saved query with its default
// parameters, and queries that compare orders, on a store read through
// its snapshot and through the in-memory graph, on the seeds and on the
// development corpus: the results must be identical, rows in order.
func TestSnapshotAgreesWithMemory(t *testing.T) {
	corpora := []struct{ name, dir string }{
		{"seeds", "../../seeds"},
		{"dev", "../../../shared/corpus/dev"},
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			if _, err := os.Stat(c.dir); err != nil {
				t.Fatalf("no corpus at %s (the shared dev corpus lies beside the repository): %v", c.dir, err)
			}
			s, path := newStore(t)
			ctx := context.Background()
			if _, err := ingest.Run(ctx, extract.New(extract.Options{}), s, []string{c.dir}, ingest.Options{}); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil { // writes the snapshot
				t.Fatal(err)
			}
			snap, mem, compare := readBoth(t, path)
			// The saved queries with their defaults, then with the two
			// entities of this corpus that have the most facts.
			top := compare("top", "MATCH (n)-[r:SPOKE_WITH|PLEDGED|SANCTIONED]-() "+
				"RETURN n.name AS name, count(r) AS c ORDER BY c DESC, name LIMIT 2", nil)
			if len(top.Rows) < 2 {
				t.Fatalf("the %s store has %d entities with facts, want 2 or more", c.name, len(top.Rows))
			}
			first, second := top.Rows[0][0].(string), top.Rows[1][0].(string)
			picks := map[string]string{"a": first, "b": second, "name": first, "party": first, "country": first, "target": second}
			rows := 0
			for _, q := range queries.Default().Queries() {
				params, err := q.Bind(nil)
				if err != nil {
					t.Fatal(err)
				}
				compare(q.Name, q.Body, params)
				args := map[string]string{}
				for _, p := range q.Params {
					if v, ok := picks[p.Name]; ok {
						args[p.Name] = "'" + v + "'"
					}
				}
				if params, err = q.Bind(args); err != nil {
					t.Fatal(err)
				}
				rows += len(compare(q.Name+" "+first+", "+second, q.Body, params).Rows)
			}
			if rows == 0 {
				t.Errorf("no saved query found anything about %s and %s", first, second)
			}
			for _, q := range agreeQueries {
				compare(q.query, q.query, q.params)
			}
			gc, err := snap.Counts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			wc, err := mem.Counts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gc, wc) {
				t.Errorf("Counts: snapshot %v, file %v", gc, wc)
			}
		})
	}
}

// TestSpillingChangesNoAnswer ingests the development corpus twice, in
// batches of three articles, once with sets kept in their records and once
// with every set of two or more strings spilled as items: every saved query
// and agreeQueries answer the same on both, through the snapshot and the
// in-memory graph, and the exports are equal.
func TestSpillingChangesNoAnswer(t *testing.T) {
	dir := "../../../shared/corpus/dev"
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("no corpus at %s (the shared dev corpus lies beside the repository): %v", dir, err)
	}
	ctx := context.Background()
	build := func(spill bool) string {
		if spill {
			embedded.SetSpillMin(t, 2)
		}
		s, path := newStore(t)
		if _, err := ingest.Run(ctx, extract.New(extract.Options{}), s, []string{dir},
			ingest.Options{Workers: 1, FlushEvery: 3, MaxFlush: 3}); err != nil {
			t.Fatal(err)
		}
		if n := embedded.ItemCount(t, s); spill != (n > 0) {
			t.Fatalf("spill %v: %d items", spill, n)
		}
		if err := errors.Join(s.Check(), s.Close()); err != nil {
			t.Fatal(err)
		}
		return path
	}
	plain, spilled := build(false), build(true)
	open := func(path string, mode embedded.ReadMode) *embedded.Store {
		s, err := embedded.Open(path, &embedded.Options{ReadOnly: true, Reads: mode})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	want := open(plain, embedded.ReadInMemory)
	for _, mode := range []embedded.ReadMode{embedded.ReadSnapshot, embedded.ReadInMemory} {
		got := open(spilled, mode)
		run := func(name, query string, params map[string]any) {
			g, gerr := got.Query(ctx, query, params)
			w, werr := want.Query(ctx, query, params)
			if gerr != nil || werr != nil {
				t.Fatalf("%s: spilled %v, plain %v", name, gerr, werr)
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s (mode %v): spilled and plain stores disagree:\nspilled %v\n  plain %v", name, mode, g, w)
			}
		}
		for _, q := range queries.Default().Queries() {
			params, err := q.Bind(nil)
			if err != nil {
				t.Fatal(err)
			}
			run(q.Name, q.Body, params)
		}
		for _, q := range agreeQueries {
			run(q.query, q.query, q.params)
		}
		ge, err := got.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		we, err := want.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ge, we) {
			t.Errorf("exports differ")
		}
	}
}

// TestSnapshotIDsAgreeWithMemory seeks nodes by id without a label on
// stores the snapshot serves by its index (labelled nodes, one of two
// labels) and one it must scan (a node without a label too): the snapshot
// and the in-memory graph must give the same rows, in order.
func TestSnapshotIDsAgreeWithMemory(t *testing.T) {
	for _, extra := range []string{"", ", ({id: 'u', name: 'U'}), ({id: 'CHN2', name: 'China'}), ({name: 'no id'})"} {
		t.Run(extra, func(t *testing.T) {
			s, path := newStore(t)
			ctx := context.Background()
			if _, err := s.Query(ctx, `
				CREATE (:Country {id: 'CHN', name: 'China'}), (:Actor:Country {id: 'TWN', name: 'Taiwan'}),
				       (:Actor {id: 'xi', name: 'Xi Jinping'}), (:Actor {name: 'one'}), (:Actor {id: 'USA', name: 'CHN'}),
				       (:Article {id: 'art-1', title: 'x'})`+extra, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Query(ctx, `MATCH (a {id: 'xi'}), (b {id: 'CHN'}) CREATE (a)-[:REPRESENTS {id: 'rep'}]->(b)`, nil); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			_, _, compare := readBoth(t, path)
			for _, q := range []string{
				"MATCH (n) WHERE n.id = 'CHN' RETURN n.id, n.name, labels(n)",
				"MATCH (n) WHERE n.id IN ['TWN', 'u', 'CHN', 'xi', 'USA', 1, 'CHN2'] RETURN n.id, labels(n)",
				"MATCH (n) WHERE n.name IN ['CHN', 'U', 'Taiwan', 'China'] RETURN n.id",
				"MATCH (n {id: 'TWN'}) RETURN n",
				"MATCH (n) WHERE n.name = 'one' RETURN n.name",
				"MATCH (n)-[r]-(m) WHERE n.id = 'CHN' RETURN type(r), r.id, m.id",
				"MATCH (a)-[r]->(b) WHERE r.id IN ['rep', 'none'] RETURN a.id, b.id",
			} {
				if res := compare(q, q, nil); len(res.Rows) == 0 {
					t.Errorf("%s finds nothing", q)
				}
			}
		})
	}
}
