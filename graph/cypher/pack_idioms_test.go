package cypher_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
	"github.com/kgnews/kg/graph/value"
)

// packDir holds the saved query pack, two levels above this package.
const packDir = "../../queries"

// packQuery is one saved query: its name, text and default parameters.
type packQuery struct {
	name   string
	text   string
	params map[string]any
}

var paramLine = regexp.MustCompile(`^//\s*param:\s*(\S+)\s+(\S+)\s+('[^']*'|\S+)`)

// loadPack reads every queries/*.cypher file, unchanged, with the default
// values its "// param:" header lines declare.
func loadPack(t testing.TB) []packQuery {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(packDir, "*.cypher"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no saved queries in %s", packDir)
	}
	var pack []packQuery
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		q := packQuery{name: strings.TrimSuffix(filepath.Base(f), ".cypher"), text: string(b), params: map[string]any{}}
		for _, line := range strings.Split(q.text, "\n") {
			m := paramLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			switch def := strings.Trim(m[3], "'"); m[2] {
			case "int":
				n, err := strconv.ParseInt(def, 10, 64)
				if err != nil {
					t.Fatalf("%s: param %s: %v", f, m[1], err)
				}
				q.params[m[1]] = n
			default:
				q.params[m[1]] = def
			}
		}
		pack = append(pack, q)
	}
	return pack
}

// TestPackQueriesParse checks that every saved query, header comments
// included, parses and passes the semantic checks.
func TestPackQueriesParse(t *testing.T) {
	for _, q := range loadPack(t) {
		t.Run(q.name, func(t *testing.T) {
			st, err := cypher.Parse(q.text)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !st.ReadOnly() {
				t.Errorf("saved query %s writes", q.name)
			}
			for _, p := range st.Parameters() {
				if _, ok := q.params[p]; !ok {
					t.Errorf("parameter $%s has no // param: header line", p)
				}
			}
		})
	}
}

// idiomGraph is a small news graph: two leaders representing their
// countries, a call, a pledge, a sanction, a trade tie and two articles.
const idiomGraph = `
CREATE (cn:Country {id: 'CHN', name: 'China', aliases: ['Beijing', 'PRC']}),
       (ir:Country {id: 'IRN', name: 'Iran', aliases: ['Tehran']}),
       (us:Country {id: 'USA', name: 'United States', aliases: ['Washington']}),
       (xi:Actor {id: 'xi', name: 'Xi Jinping', aliases: ['Xi']}),
       (tr:Actor {id: 'trump', name: 'Donald Trump', aliases: ['Trump']}),
       (ag:Agreement {id: 'deal', name: 'Trade truce'}),
       (cm:Commitment {id: 'soy', name: 'buy soybeans'}),
       (a1:Article {id: 'a1', title: 'T1'}), (a2:Article {id: 'a2', title: 'T2'}),
       (xi)-[:REPRESENTS]->(cn), (tr)-[:REPRESENTS]->(us),
       (xi)-[:SPOKE_WITH {evidence: ['e1', 'e2'], sources: ['a1']}]->(tr),
       (cn)-[:PLEDGED {evidence: ['e3'], sources: ['a1', 'a2']}]->(cm),
       (cm)-[:PART_OF]->(ag),
       (us)-[:SANCTIONED {evidence: ['e4', 'e1'], sources: ['a2']}]->(ir),
       (cn)-[:TRADES_WITH {evidence: ['e5']}]->(us),
       (a1)-[:MENTIONS]->(xi), (a1)-[:MENTIONS]->(tr), (a1)-[:MENTIONS]->(cn),
       (a2)-[:MENTIONS]->(ir), (a2)-[:MENTIONS]->(us)`

// linkReduce is the pack's way of spelling a path with directions.
const linkReduce = `reduce(s = ns[0].name, i IN range(0, size(rels) - 1) |
  s + CASE WHEN startNode(rels[i]) = ns[i] THEN ' -' + type(rels[i]) + '-> ' ELSE ' <-' + type(rels[i]) + '- ' END + ns[i + 1].name)`

// nameMatch is the pack's name-or-alias lookup of x by $a.
const nameMatch = `(toLower(x.name) = toLower($a) OR any(al IN coalesce(x.aliases, []) WHERE toLower(al) = toLower($a)))`

func TestPackIdioms(t *testing.T) {
	g := memgraph.New()
	ctx := context.Background()
	if _, err := cypher.Run(ctx, g, idiomGraph, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := cypher.Run(ctx, g, `UNWIND range(1, 300) AS i CREATE (:N {v: i})`, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		query  string
		params map[string]any
		want   [][]any
	}{
		{"name or alias", `MATCH (x) WHERE (x:Actor OR x:Country) AND ` + nameMatch + ` RETURN x.id`,
			map[string]any{"a": "beijing"}, [][]any{{"CHN"}}},
		{"name or alias by name", `MATCH (x) WHERE (x:Actor OR x:Country) AND ` + nameMatch + ` RETURN x.id`,
			map[string]any{"a": "XI JINPING"}, [][]any{{"xi"}}},
		{"name or alias outside the labels", `MATCH (x) WHERE (x:Actor OR x:Country) AND ` + nameMatch + ` RETURN x.id`,
			map[string]any{"a": "Trade truce"}, nil},
		{"var-length without inner endpoints",
			`MATCH (x {id: 'xi'}), (y {id: 'IRN'})
			 MATCH p = (x)-[:SPOKE_WITH|SANCTIONED|REPRESENTS*1..4]-(y)
			 WHERE none(n IN nodes(p)[1..-1] WHERE n = x OR n = y)
			 WITH p, relationships(p) AS rels, nodes(p) AS ns
			 RETURN length(p), ` + linkReduce,
			nil, [][]any{{int64(3), "Xi Jinping -SPOKE_WITH-> Donald Trump -REPRESENTS-> United States -SANCTIONED-> Iran"}}},
		{"link reduce against the direction",
			`MATCH (x {id: 'IRN'}), (y {id: 'xi'})
			 MATCH p = (x)-[:SPOKE_WITH|SANCTIONED|REPRESENTS*1..4]-(y)
			 WITH p, relationships(p) AS rels, nodes(p) AS ns
			 RETURN ` + linkReduce,
			nil, [][]any{{"Iran <-SANCTIONED- United States <-REPRESENTS- Donald Trump <-SPOKE_WITH- Xi Jinping"}}},
		{"evidence reduce without duplicates",
			`MATCH p = ({id: 'xi'})-[:SPOKE_WITH|SANCTIONED|REPRESENTS*3]-({id: 'IRN'})
			 WITH relationships(p) AS rels
			 RETURN reduce(ev = [], r IN rels | ev + [e IN coalesce(r.evidence, []) WHERE NOT e IN ev])`,
			nil, [][]any{{[]any{"e1", "e2", "e4"}}}},
		{"pattern predicate with OR",
			`MATCH (e {id: 'CHN'})
			 MATCH (a)-[r:SPOKE_WITH|PLEDGED]-(b)
			 WHERE a = e OR (a)-[:REPRESENTS]->(e)
			 RETURN a.id, type(r) ORDER BY a.id`,
			nil, [][]any{{"CHN", "PLEDGED"}, {"xi", "SPOKE_WITH"}}},
		{"union all with order and limit per branch",
			`MATCH (n:Actor) RETURN n.name AS name ORDER BY name LIMIT 1
			 UNION ALL
			 MATCH (n:Country) RETURN n.name AS name ORDER BY name DESC LIMIT 2`,
			nil, [][]any{{"Donald Trump"}, {"United States"}, {"Iran"}}},
		{"allShortestPaths",
			`MATCH (x {id: 'xi'}), (y {id: 'IRN'})
			 MATCH p = allShortestPaths((x)-[:SPOKE_WITH|SANCTIONED|REPRESENTS|TRADES_WITH*..8]-(y))
			 WITH p, relationships(p) AS rels, nodes(p) AS ns
			 RETURN length(p), ` + linkReduce + ` AS link ORDER BY link`,
			nil, [][]any{
				{int64(3), "Xi Jinping -REPRESENTS-> China -TRADES_WITH-> United States -SANCTIONED-> Iran"},
				{int64(3), "Xi Jinping -SPOKE_WITH-> Donald Trump -REPRESENTS-> United States -SANCTIONED-> Iran"},
			}},
		{"optional match and collect distinct",
			`MATCH (g) WHERE g:Agreement OR g:Commitment
			 OPTIONAL MATCH (party)-[:PLEDGED|PARTY_TO]->(g)
			 RETURN g.name, collect(DISTINCT party.name) ORDER BY g.name`,
			nil, [][]any{{"Trade truce", []any{}}, {"buy soybeans", []any{"China"}}}},
		{"distinct relationship and its start",
			`MATCH (a)-[r:SPOKE_WITH]-(b)
			 WITH DISTINCT r, startNode(r) AS s
			 RETURN s.name, count(*)`,
			nil, [][]any{{"Xi Jinping", int64(1)}}},
		{"first evidence or null",
			`MATCH ()-[r]->() WHERE type(r) IN ['SANCTIONED', 'PART_OF']
			 RETURN type(r) AS t, coalesce(r.evidence, [])[0] ORDER BY t`,
			nil, [][]any{{"PART_OF", nil}, {"SANCTIONED", "e4"}}},
		{"first label", `MATCH (n {id: 'xi'}) RETURN labels(n)[0]`, nil, [][]any{{"Actor"}}},
		{"scan filter keeps the right rows",
			`MATCH (n:N) WHERE n.v % 3 = 0 RETURN count(*), sum(n.v), collect(n.v)[0..3]`,
			nil, [][]any{{int64(100), int64(15150), []any{int64(3), int64(6), int64(9)}}}},
		{"aggregation groups streamed rows",
			`MATCH (n:N) RETURN n.v % 2 AS k, count(*), min(n.v), max(n.v) ORDER BY k`,
			nil, [][]any{{int64(0), int64(150), int64(2), int64(300)}, {int64(1), int64(150), int64(1), int64(299)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := cypher.Run(ctx, g, tc.query, tc.params)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			got := res.Rows
			if len(got) == 0 {
				got = nil
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("rows = %v, want %v", got, tc.want)
			}
		})
	}
}

// packGraph generates a news graph of about n entities: countries, actors
// representing them, agreements, commitments, articles mentioning them, and
// calls, pledges, sanctions and trade ties carrying provenance. The first
// countries are named as in the pack's default parameters.
func packGraph(t testing.TB, n int) *memgraph.Graph {
	t.Helper()
	g := memgraph.New()
	ctx := context.Background()
	countries := []string{"Iran", "China", "United States", "Russia"}
	for i := len(countries); i < n/20; i++ {
		countries = append(countries, fmt.Sprintf("Country %d", i))
	}
	actors := []string{"Donald Trump", "Xi Jinping", "Vladimir Putin"}
	for i := len(actors); i < n/2; i++ {
		actors = append(actors, fmt.Sprintf("Actor %d", i))
	}
	_, err := cypher.Run(ctx, g, `
		UNWIND range(0, size($countries) - 1) AS i
		CREATE (:Country {id: 'C' + i, name: $countries[i], aliases: ['c' + i]})`,
		map[string]any{"countries": value.AnyList(countries)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cypher.Run(ctx, g, `
		UNWIND range(0, size($actors) - 1) AS i
		MATCH (c:Country {id: 'C' + (i % $nc)})
		CREATE (a:Actor {id: 'A' + i, name: $actors[i], aliases: ['a' + i], kind: 'person'})-[:REPRESENTS]->(c)`,
		map[string]any{"actors": value.AnyList(actors), "nc": int64(len(countries))})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		query  string
		params map[string]any
	}{
		{`UNWIND range(0, $n - 1) AS i
		  CREATE (:Agreement {id: 'G' + i, name: 'Agreement ' + i, kind: 'deal'})`, map[string]any{"n": int64(n / 20)}},
		{`UNWIND range(0, $n - 1) AS i
		  MATCH (g:Agreement {id: 'G' + (i % $ng)})
		  CREATE (:Commitment {id: 'M' + i, name: 'Commitment ' + i, action: 'buy'})-[:PART_OF]->(g)`,
			map[string]any{"n": int64(n / 10), "ng": int64(n / 20)}},
		{`UNWIND range(0, $n - 1) AS i
		  CREATE (:Article {id: 'R' + i, title: 'Article ' + i, outlet: 'Wire', publishedAt: '2025-01-' + (10 + i % 20)})`,
			map[string]any{"n": int64(n / 5)}},
		{`MATCH (r:Article) WITH r, toInteger(substring(r.id, 1)) AS k
		  MATCH (a:Actor) WHERE toInteger(substring(a.id, 1)) % 97 = k % 97
		  CREATE (r)-[:MENTIONS]->(a)`, nil},
		{`MATCH (r:Article) WITH r, toInteger(substring(r.id, 1)) AS k
		  MATCH (c:Country) WHERE toInteger(substring(c.id, 1)) IN [k % $nc, (k + 1) % $nc]
		  CREATE (r)-[:MENTIONS]->(c)`, map[string]any{"nc": int64(len(countries))}},
		{`MATCH (a:Actor) WITH a, toInteger(substring(a.id, 1)) AS k
		  MATCH (b:Actor {id: 'A' + ((k * 7 + 1) % $na)}) WHERE a <> b
		  CREATE (a)-[:SPOKE_WITH {date: '2025-01-0' + (k % 9 + 1), medium: 'call', sources: ['R' + (k % $nr)],
		          evidence: ['a' + k + ' called'], claimedBy: CASE WHEN k % 3 = 0 THEN [a.name] ELSE [] END,
		          topics: ['Country ' + (k % 11), 'Iran']}]->(b)`,
			map[string]any{"na": int64(len(actors)), "nr": int64(n / 5)}},
		{`MATCH (c:Commitment) WITH c, toInteger(substring(c.id, 1)) AS k
		  MATCH (p:Country {id: 'C' + (k % $nc)})
		  CREATE (p)-[:PLEDGED {sources: ['R' + (k % $nr), 'R' + ((k + 1) % $nr)], evidence: ['pledge ' + k]}]->(c)`,
			map[string]any{"nc": int64(len(countries)), "nr": int64(n / 5)}},
		{`MATCH (a:Country) WITH a, toInteger(substring(a.id, 1)) AS k
		  MATCH (b:Country {id: 'C' + ((k + 1) % $nc)})
		  CREATE (a)-[:SANCTIONED {measure: 'tariff', rate: '10%', date: '2025-02-01', sources: ['R' + k], evidence: ['s' + k]}]->(b),
		         (a)-[:TRADES_WITH {value: k, year: 2024, sources: ['R' + k], evidence: ['t' + k]}]->(b)`,
			map[string]any{"nc": int64(len(countries))}},
	}
	for _, s := range steps {
		if s.params == nil {
			s.params = map[string]any{}
		}
		if _, err := cypher.Run(ctx, g, s.query, s.params); err != nil {
			t.Fatalf("building the graph: %v\n%s", err, s.query)
		}
	}
	return g
}

// TestPackQueriesRun runs every saved query with its default parameters on
// a generated graph of a few thousand nodes.
func TestPackQueriesRun(t *testing.T) {
	g := packGraph(t, 2000)
	if g.NodeCount() < 1500 {
		t.Fatalf("generated graph has %d nodes", g.NodeCount())
	}
	for _, q := range loadPack(t) {
		t.Run(q.name, func(t *testing.T) {
			res, err := cypher.Run(context.Background(), g, q.text, q.params)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if len(res.Rows) == 0 {
				t.Errorf("no rows with the default parameters %v", q.params)
			}
		})
	}
}

// BenchmarkPackQueries runs each saved query with its default parameters on
// a generated graph of about 2,000 nodes.
func BenchmarkPackQueries(b *testing.B) {
	g := packGraph(b, 2000)
	ctx := context.Background()
	for _, q := range loadPack(b) {
		b.Run(q.name, func(b *testing.B) {
			st, err := cypher.Parse(q.text)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := st.Run(ctx, g, q.params); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestStatementConcurrentRuns runs one read-only Statement from several
// goroutines at once (run with -race): each run must see its own rows.
func TestStatementConcurrentRuns(t *testing.T) {
	g := memgraph.New()
	ctx := context.Background()
	if _, err := cypher.Run(ctx, g, `UNWIND range(1, 500) AS i CREATE (:N {v: i})`, nil); err != nil {
		t.Fatal(err)
	}
	st, err := cypher.Parse(`MATCH (n:N) WHERE n.v <= $max RETURN count(*) AS c, sum(n.v) AS s`)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				max := int64(50*w + i)
				res, err := st.Run(ctx, g, map[string]any{"max": max})
				if err != nil {
					errs <- err
					return
				}
				if got, want := res.Rows[0], []any{max, max * (max + 1) / 2}; !reflect.DeepEqual(got, want) {
					errs <- fmt.Errorf("max %d: row %v, want %v", max, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
