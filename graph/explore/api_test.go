package explore_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/explore"
)

// Ids in the graph of the seed articles.
const (
	trump     = "actor-donald-trump"
	xi        = "actor-xi-jinping"
	trumpXiID = "spoke_with-d552266cc8d5887e" // their call of 2026-02-04, reported by four articles
)

func list(v any) []any { l, _ := v.([]any); return l }

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

func str(v any) string { s, _ := v.(string); return s }

func TestStatsAndStyle(t *testing.T) {
	srv := server(t, seedStore(t), nil)
	v := get(t, srv, "/api/stats")
	if v["store"] != "embedded" || obj(v["labels"])["Country"].(float64) < 5 || obj(v["types"])["SPOKE_WITH"].(float64) != 9 {
		t.Errorf("stats = %v", v)
	}
	st := get(t, srv, "/api/style")
	country := obj(obj(st["labels"])["Country"])
	if country["color"] != "#4C8EDA" || country["borderColor"] != "#2870C2" || country["caption"] != "name" || country["diameter"] != "75px" {
		t.Errorf("style of Country = %v", country)
	}
	if c := obj(obj(st["labels"])["Article"])["caption"]; c != "title" {
		t.Errorf("Article caption = %v, want title", c)
	}
	spoke := obj(obj(st["types"])["SPOKE_WITH"])
	if spoke["color"] != "#57C7E3" || spoke["caption"] != "<type>" || spoke["textColorExternal"] != "#000000" {
		t.Errorf("style of SPOKE_WITH = %v (defaults folded in?)", spoke)
	}
}

func TestSearch(t *testing.T) {
	srv := server(t, seedStore(t), nil)
	tests := []struct {
		q, label  string
		wantFirst string
		wantMatch string
	}{
		{"iran", "", "IRN", "name"},
		{"IRAN", "", "IRN", "name"},
		{"Irán", "", "IRN", "name"}, // accents fold
		{"tehran", "", "IRN", "alias"},
		{"beij", "", "CHN", "prefix"},
		{"jinp", "", xi, "prefix"}, // a word of the name
		{"xi jinpign", "", xi, "fuzzy"},
		{"Pution", "", "actor-vladimir-putin", "fuzzy"},
		{"united states", "Country", "USA", "name"},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			path := "/api/search?q=" + url.QueryEscape(tc.q)
			if tc.label != "" {
				path += "&label=" + tc.label
			}
			v := get(t, srv, path)
			res := list(v["results"])
			if len(res) == 0 {
				t.Fatalf("no results: %v", v)
			}
			first := obj(res[0])
			if id := obj(first["node"])["id"]; id != tc.wantFirst || first["match"] != tc.wantMatch {
				t.Fatalf("first result %v (%v), want %s (%s); all: %s", id, first["match"], tc.wantFirst, tc.wantMatch, jsonString(res))
			}
		})
	}
	t.Run("ranked", func(t *testing.T) {
		res := list(get(t, srv, "/api/search?q=x&limit=100")["results"])
		rank := map[string]int{"name": 0, "alias": 1, "prefix": 2, "fuzzy": 3}
		for i := 1; i < len(res); i++ {
			a, b := obj(res[i-1]), obj(res[i])
			ra, rb := rank[str(a["match"])], rank[str(b["match"])]
			if ra > rb || ra == rb && a["degree"].(float64) < b["degree"].(float64) {
				t.Fatalf("results %d and %d out of order: %s", i-1, i, jsonString(res))
			}
		}
	})
	t.Run("articles only with label=Article", func(t *testing.T) {
		for _, r := range list(get(t, srv, "/api/search?q=t&limit=100")["results"]) {
			if slices.Contains(list(obj(obj(r)["node"])["labels"]), any("Article")) {
				t.Fatalf("an Article without label=Article: %v", r)
			}
		}
		res := list(get(t, srv, "/api/search?q=trump&label=Article")["results"])
		if len(res) == 0 {
			t.Fatal("no article matches trump")
		}
		for _, r := range res {
			if !slices.Contains(list(obj(obj(r)["node"])["labels"]), any("Article")) {
				t.Fatalf("label=Article gave %v", r)
			}
		}
	})
	t.Run("limit", func(t *testing.T) {
		if n := len(list(get(t, srv, "/api/search?q=a&limit=2")["results"])); n != 2 {
			t.Fatalf("limit=2 gave %d results", n)
		}
		if n := len(list(get(t, srv, "/api/search?q=zzzzqqq")["results"])); n != 0 {
			t.Fatalf("nonsense gave %d results", n)
		}
	})
}

func TestNodeAndNeighbours(t *testing.T) {
	srv := server(t, seedStore(t), nil)
	v := get(t, srv, "/api/nodes/"+xi)
	n := obj(v["node"])
	if n["name"] != "Xi Jinping" || !slices.Contains(list(n["labels"]), any("Actor")) || obj(n["properties"])["kind"] != "person" {
		t.Errorf("node = %v", n)
	}
	if d := obj(v["degree"]); d["SPOKE_WITH"].(float64) < 6 || d["MENTIONS"] == nil {
		t.Errorf("degree = %v", d)
	}

	all := get(t, srv, "/api/nodes/"+xi+"/neighbours?limit=500")
	total := int(all["total"].(float64))
	if total != len(list(all["edges"])) || total < 8 {
		t.Fatalf("total %d, %d edges", total, len(list(all["edges"])))
	}
	for _, e := range list(all["edges"]) {
		e := obj(e)
		if e["type"] == "MENTIONS" || e["start"] != xi && e["end"] != xi {
			t.Errorf("edge %v: MENTIONS without provenance, or not Xi's", e)
		}
	}
	// pages of 3 cover the whole list, in order, without repeats
	var paged []string
	for off := 0; off < total; off += 3 {
		p := get(t, srv, fmt.Sprintf("/api/nodes/%s/neighbours?limit=3&offset=%d", xi, off))
		if p["offset"].(float64) != float64(off) || p["limit"].(float64) != 3 || int(p["total"].(float64)) != total {
			t.Fatalf("page at %d: %v", off, p)
		}
		for _, e := range list(p["edges"]) {
			paged = append(paged, str(obj(e)["id"]))
		}
	}
	var whole []string
	for _, e := range list(all["edges"]) {
		whole = append(whole, str(obj(e)["id"]))
	}
	if !slices.Equal(paged, whole) {
		t.Errorf("pages %v, whole %v", paged, whole)
	}
	// every edge's other end is among the nodes
	ids := map[string]bool{}
	for _, n := range list(all["nodes"]) {
		ids[str(obj(n)["id"])] = true
	}
	for _, e := range list(all["edges"]) {
		e := obj(e)
		if !ids[str(e["start"])] && !ids[str(e["end"])] {
			t.Errorf("edge %v: its other end is not in nodes", e["id"])
		}
	}

	spoke := get(t, srv, "/api/nodes/"+xi+"/neighbours?type=SPOKE_WITH&type=SANCTIONED")
	for _, e := range list(spoke["edges"]) {
		if typ := obj(e)["type"]; typ != "SPOKE_WITH" && typ != "SANCTIONED" {
			t.Errorf("type filter let %v through", typ)
		}
	}
	dated := get(t, srv, "/api/nodes/"+xi+"/neighbours?type=SPOKE_WITH&from=2025-10&to=2025-11")
	for _, e := range list(dated["edges"]) {
		d := str(obj(obj(e)["properties"])["date"])
		if d != "" && (d < "2025-10" || d > "2025-11~") {
			t.Errorf("date filter let %s through", d)
		}
	}
	if got := int(dated["total"].(float64)); got >= int(spoke["total"].(float64)) || got < 2 {
		t.Errorf("dated total %d, all SPOKE_WITH %v", got, spoke["total"])
	}
	prov := get(t, srv, "/api/nodes/"+xi+"/neighbours?provenance=true&type=MENTIONS")
	if len(list(prov["edges"])) == 0 {
		t.Error("provenance=true&type=MENTIONS gave no edges")
	}
	for _, n := range list(prov["nodes"]) {
		if !slices.Contains(list(obj(n)["labels"]), any("Article")) {
			t.Errorf("MENTIONS of Xi from a non-article %v", n)
		}
	}
}

func TestEdgeCitations(t *testing.T) {
	srv := server(t, seedStore(t), nil)
	v := get(t, srv, "/api/edges/"+trumpXiID)
	e := obj(v["edge"])
	if e["type"] != "SPOKE_WITH" || e["start"] != trump || e["end"] != xi {
		t.Fatalf("edge = %v", e)
	}
	if obj(v["startNode"])["name"] != "Donald Trump" || obj(v["endNode"])["name"] != "Xi Jinping" {
		t.Errorf("ends %v, %v", v["startNode"], v["endNode"])
	}
	props := obj(e["properties"])
	sources, evidence := list(props["sources"]), list(props["evidence"])
	cites := list(v["citations"])
	if len(cites) != len(sources) || len(cites) < 2 {
		t.Fatalf("%d citations for %d sources", len(cites), len(sources))
	}
	seen := 0
	for i, c := range cites {
		c := obj(c)
		art := obj(c["article"])
		if !slices.Contains(sources, art["id"]) || str(art["title"]) == "" && str(art["path"]) == "" || c["aligned"] != true {
			t.Errorf("citation %d: article %v", i, art)
		}
		if i > 0 && str(art["publishedAt"]) < str(obj(obj(cites[i-1])["article"])["publishedAt"]) {
			t.Errorf("citations not by date")
		}
		for _, s := range list(c["sentences"]) {
			if !slices.Contains(evidence, s) {
				t.Errorf("citation sentence %q not in the evidence", s)
			}
			seen++
		}
		if len(list(c["rules"])) == 0 {
			t.Errorf("citation %d has no rule", i)
		}
	}
	if seen < len(evidence) {
		t.Errorf("citations hold %d sentences, the evidence %d", seen, len(evidence))
	}
}

func TestTimeline(t *testing.T) {
	srv := server(t, seedStore(t), nil)
	v := get(t, srv, "/api/timeline?a="+trump+"&b="+xi)
	if obj(v["a"])["id"] != trump || obj(v["b"])["id"] != xi {
		t.Fatalf("a, b = %v, %v", v["a"], v["b"])
	}
	ev := list(v["events"])
	if len(ev) < 4 {
		t.Fatalf("%d events", len(ev))
	}
	for i, e := range ev {
		e := obj(e)
		edge := obj(e["edge"])
		ends := []any{edge["start"], edge["end"]}
		if !slices.Contains(ends, any(trump)) || !slices.Contains(ends, any(xi)) {
			t.Errorf("event %d is not between the two: %v", i, ends)
		}
		if prev := str(obj(ev[max(i-1, 0)])["date"]); i > 0 && (prev == "" && e["date"] != "" || e["date"] != "" && str(e["date"]) < prev) {
			t.Errorf("events not by date: %v after %v", e["date"], obj(ev[i-1])["date"])
		}
		if e["sources"].(float64) < 1 || e["type"] != edge["type"] {
			t.Errorf("event %v", e)
		}
	}
	one := get(t, srv, "/api/timeline?a=CHN&type=SANCTIONED")
	if one["b"] != nil || len(list(one["events"])) == 0 {
		t.Fatalf("timeline of China's sanctions: %v", one)
	}
	for _, e := range list(one["events"]) {
		if obj(e)["type"] != "SANCTIONED" {
			t.Errorf("type filter let %v through", obj(e)["type"])
		}
	}
}

func TestQueries(t *testing.T) {
	srv := server(t, seedStore(t), nil)
	qs := list(get(t, srv, "/api/queries")["queries"])
	var linking map[string]any
	for _, q := range qs {
		if obj(q)["name"] == "linking" {
			linking = obj(q)
		}
	}
	if len(qs) < 10 || linking == nil || str(linking["title"]) == "" || str(linking["description"]) == "" {
		t.Fatalf("queries = %v", qs)
	}
	a := obj(list(linking["params"])[0])
	if a["name"] != "a" || a["type"] != "string" || a["default"] != "Iran" || str(a["description"]) == "" {
		t.Errorf("linking's first param = %v", a)
	}
	got := get(t, srv, "/api/queries/linking?a=Iran&b=China")
	if cols := list(got["columns"]); len(cols) == 0 || len(list(got["rows"])) == 0 || got["truncated"] != false {
		t.Fatalf("linking = %v", got)
	}
	viaPost := post(t, srv, "/api/queries/linking", map[string]any{"params": map[string]any{"a": "Iran", "b": "China", "limit": 25}})
	if jsonString(viaPost["rows"]) != jsonString(got["rows"]) {
		t.Errorf("POST and GET differ:\n%v\n%v", viaPost["rows"], got["rows"])
	}
	limited := get(t, srv, "/api/queries/linking?a=Iran&b=China&limit=1")
	if n := len(list(limited["rows"])); n >= len(list(got["rows"])) {
		t.Errorf("limit=1 gave %d rows", n)
	}
	// a query that returns nodes and relationships fills the graph
	prof := get(t, srv, "/api/queries/who-spoke-with?name=Xi")
	if len(list(prof["rows"])) == 0 {
		t.Fatalf("who-spoke-with Xi: %v", prof)
	}
}

func TestCypher(t *testing.T) {
	srv := server(t, seedStore(t), nil)
	v := post(t, srv, "/api/cypher", map[string]any{
		"query":  "MATCH p = (a {id: $a})-[r:SPOKE_WITH]-(b) RETURN a, r, p, b.name AS name, date('2026-02-04') AS d, 1.5 AS f, $n AS n ORDER BY r.id LIMIT 2",
		"params": map[string]any{"a": xi, "n": 7},
	})
	if cols := strings.Join(strings.Fields(fmt.Sprint(v["columns"])), " "); cols != "[a r p name d f n]" {
		t.Errorf("columns %s", cols)
	}
	rows := list(v["rows"])
	if len(rows) != 2 {
		t.Fatalf("rows %v", rows)
	}
	row := list(rows[0])
	if obj(obj(row[0])["$node"])["id"] != xi {
		t.Errorf("a = %v", row[0])
	}
	edge := obj(obj(row[1])["$edge"])
	if edge["type"] != "SPOKE_WITH" || edge["start"] == "" || strings.HasPrefix(str(edge["start"]), "element:") {
		t.Errorf("r = %v", row[1])
	}
	path := obj(obj(row[2])["$path"])
	if len(list(path["nodes"])) != 2 || len(list(path["edges"])) != 1 {
		t.Errorf("p = %v", row[2])
	}
	if row[4] != "2026-02-04" || row[5] != 1.5 || row[6] != float64(7) {
		t.Errorf("scalars %v", row[3:])
	}
	g := obj(v["graph"])
	if len(list(g["nodes"])) < 2 || len(list(g["edges"])) != 2 {
		t.Errorf("graph %v", g)
	}
	// a relationship alone: its ends are looked up, so the graph is whole
	r := post(t, srv, "/api/cypher", map[string]any{"query": "MATCH ()-[r:SANCTIONED]->() RETURN r"})
	g = obj(r["graph"])
	ids := map[any]bool{}
	for _, n := range list(g["nodes"]) {
		ids[obj(n)["id"]] = true
	}
	for _, e := range list(g["edges"]) {
		if e := obj(e); !ids[e["start"]] || !ids[e["end"]] {
			t.Errorf("edge %v: an end is missing from the graph's nodes", e["id"])
		}
	}
	if len(list(g["edges"])) != 3 || len(list(g["nodes"])) < 3 {
		t.Errorf("graph of SANCTIONED: %v", g)
	}
}

func TestRowLimit(t *testing.T) {
	srv := server(t, seedStore(t), func(c *explore.Config) { c.MaxRows = 5 })
	v := post(t, srv, "/api/cypher", map[string]any{"query": "UNWIND range(1, 20) AS i RETURN i"})
	if len(list(v["rows"])) != 5 || v["truncated"] != true {
		t.Fatalf("rows %v truncated %v", v["rows"], v["truncated"])
	}
	v = post(t, srv, "/api/cypher", map[string]any{"query": "UNWIND range(1, 5) AS i RETURN i"})
	if len(list(v["rows"])) != 5 || v["truncated"] != false {
		t.Fatalf("rows %v truncated %v", v["rows"], v["truncated"])
	}
}

// TestSearchSeesLoads: a node loaded after the search index was built is
// found once the index is older than Config.SearchRefresh (the rebuild runs
// in the background, so a later search finds it).
func TestSearchSeesLoads(t *testing.T) {
	s := seedStore(t)
	srv := server(t, s, func(c *explore.Config) { c.SearchRefresh = time.Millisecond })
	if n := len(list(get(t, srv, "/api/search?q=zanzibar")["results"])); n != 0 {
		t.Fatalf("zanzibar before the load: %d results", n)
	}
	b := &graph.Batch{Nodes: []graph.Node{{ID: "actor-zanzibar-envoy", Label: graph.LabelActor,
		Props: graph.Props{graph.PropName: "Zanzibar Envoy"}}}}
	if _, err := s.Load(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		time.Sleep(5 * time.Millisecond)
		res := list(get(t, srv, "/api/search?q=zanzibar")["results"])
		if len(res) == 1 && obj(obj(res[0])["node"])["id"] == "actor-zanzibar-envoy" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the loaded node is not found: %v", res)
		}
	}
}
