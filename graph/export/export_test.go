package export_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/export"
	"github.com/kgnews/kg/internal/testutil"
)

const awkward = "He said \"no\" \\ then\nleft\ttab\r\x01 'single' `tick` <b>&amp; — 中国 🇨🇳 \u2028"

// sample is a hand-made graph exercising every value type and awkward
// strings, keys, labels and types.
func sample() *graph.Batch {
	return &graph.Batch{
		Nodes: []graph.Node{
			{ID: "CHN", Label: graph.LabelCountry, Props: graph.Props{"name": "China", "aliases": []string{"Beijing", "PRC"}}},
			{ID: "actor-xi-jinping", Label: graph.LabelActor, Props: graph.Props{"name": "Xi Jinping", "kind": "person",
				"country": "China", "aliases": []string{}}},
			{ID: "commitment-1", Label: graph.LabelCommitment, Props: graph.Props{
				"name": "buy 25 million tonnes of US soybeans", "text": awkward,
				"quantity": int64(25000000), "share": 0.25, "whole": 2.0, "tiny": 1e-7, "huge": 1e21, "negZero": math.Copysign(0, -1),
				"min": int64(math.MinInt64), "max": int64(math.MaxInt64), "binding": true, "draft": false,
				"odd key": "x", "end": "reserved word", "back`tick": int64(1), "counts": []any{int64(1), int64(-2)}, "flags": []any{true, false}}},
			{ID: "weird \"id\" <&>", Label: "Odd Label", Props: graph.Props{"name": "odd", "quantity": 1.5}},
			{ID: "article-1", Label: graph.LabelArticle, Props: graph.Props{"title": "Talks", "publishedAt": "2026-02-04",
				"quantity": int64(3)}},
		},
		Relationships: []graph.Relationship{
			{ID: "pledged-1", Type: graph.Pledged, Start: "CHN", End: "commitment-1", Props: graph.Props{
				graph.PropSources: []string{"article-1"}, graph.PropEvidence: []string{awkward, "China agreed."},
				graph.PropClaimedBy: []string{"Donald Trump"}, graph.PropDate: "2026-02-04"}},
			{ID: "mentions-1", Type: graph.Mentions, Start: "article-1", End: "CHN", Props: graph.Props{}},
			{ID: "mentions-2", Type: graph.Mentions, Start: "article-1", End: "actor-xi-jinping", Props: nil},
			{ID: "odd-1", Type: "ODD TYPE", Start: "weird \"id\" <&>", End: "CHN", Props: graph.Props{"weight": int64(2)}},
			{ID: "odd-2", Type: "ODD TYPE", Start: "weird \"id\" <&>", End: "actor-xi-jinping", Props: graph.Props{"weight": 0.5}},
		},
	}
}

type writer func(w *bytes.Buffer, b *graph.Batch) error

var formats = []struct {
	name  string
	write writer
}{
	{"json", func(w *bytes.Buffer, b *graph.Batch) error { return export.JSON(w, b) }},
	{"graphml", func(w *bytes.Buffer, b *graph.Batch) error { return export.GraphML(w, b) }},
	{"cypher", func(w *bytes.Buffer, b *graph.Batch) error { return export.Cypher(w, b, 2) }},
}

func TestGolden(t *testing.T) {
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.write(&buf, sample()); err != nil {
				t.Fatal(err)
			}
			testutil.Golden(t, filepath.Join("testdata", "sample."+f.name+".golden"), buf.Bytes())
		})
	}
}

// TestDeterministic checks that the input order does not matter and that
// the input is left as it was.
func TestDeterministic(t *testing.T) {
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			var want bytes.Buffer
			if err := f.write(&want, sample()); err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(1, 2))
			for range 10 {
				b := sample()
				r.Shuffle(len(b.Nodes), func(i, j int) { b.Nodes[i], b.Nodes[j] = b.Nodes[j], b.Nodes[i] })
				r.Shuffle(len(b.Relationships), func(i, j int) {
					b.Relationships[i], b.Relationships[j] = b.Relationships[j], b.Relationships[i]
				})
				firstBefore := b.Nodes[0].ID
				var got bytes.Buffer
				if err := f.write(&got, b); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Fatalf("output depends on input order")
				}
				if b.Nodes[0].ID != firstBefore {
					t.Fatalf("the writer reordered its input")
				}
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := export.JSON(&buf, &graph.Batch{}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "{\"nodes\":[],\"relationships\":[]}\n"; got != want {
		t.Fatalf("JSON(empty) = %q, want %q", got, want)
	}
	for _, f := range formats {
		buf.Reset()
		if err := f.write(&buf, nil); err != nil {
			t.Fatalf("%s(nil): %v", f.name, err)
		}
	}
}

func TestErrors(t *testing.T) {
	dangling := &graph.Batch{Nodes: []graph.Node{{ID: "a", Label: "A"}},
		Relationships: []graph.Relationship{{ID: "r", Type: "T", Start: "a", End: "missing"}}}
	badValue := &graph.Batch{Nodes: []graph.Node{{ID: "a", Label: "A", Props: graph.Props{"m": map[string]any{}}}}}
	nan := &graph.Batch{Nodes: []graph.Node{{ID: "a", Label: "A", Props: graph.Props{"f": math.NaN()}}}}
	noLabel := &graph.Batch{Nodes: []graph.Node{{ID: "a"}}}
	mixed := &graph.Batch{Nodes: []graph.Node{{ID: "a", Label: "A", Props: graph.Props{"l": []any{int64(1), "x"}}}}}
	tests := []struct {
		format string
		b      *graph.Batch
		want   string // "" for no error
	}{
		{"json", badValue, `node "a" property "m": unsupported`},
		{"json", nan, "NaN"},
		{"json", dangling, ""}, // JSON names end points by id; it needs no node
		{"graphml", dangling, `relationship "r"`},
		{"graphml", badValue, "unsupported"},
		{"graphml", nan, ""},
		{"cypher", dangling, `relationship "r"`},
		{"cypher", badValue, "unsupported"},
		{"cypher", noLabel, "no label"},
		{"cypher", nan, ""},
		{"cypher", mixed, "mixing"},
		{"json", mixed, ""},
		{"graphml", mixed, ""},
	}
	for _, tc := range tests {
		for _, f := range formats {
			if f.name != tc.format {
				continue
			}
			var buf bytes.Buffer
			err := f.write(&buf, tc.b)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("%s: error %v, want %q", tc.format, err, tc.want)
			}
		}
	}
}

// graphML mirrors the GraphML structure for decoding.
type graphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string   `xml:"id,attr"`
			Data []gmData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string   `xml:"id,attr"`
			Source string   `xml:"source,attr"`
			Target string   `xml:"target,attr"`
			Data   []gmData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type gmData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func TestGraphMLParsesBack(t *testing.T) {
	var buf bytes.Buffer
	if err := export.GraphML(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	var doc graphML
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	keyName := map[string]string{}
	keyType := map[string]string{} // "node/name" → type
	for _, k := range doc.Keys {
		if _, dup := keyName[k.ID]; dup {
			t.Fatalf("key id %s declared twice", k.ID)
		}
		keyName[k.ID] = k.Name
		if _, dup := keyType[k.For+"/"+k.Name]; dup {
			t.Fatalf("attribute %s/%s declared twice", k.For, k.Name)
		}
		keyType[k.For+"/"+k.Name] = k.Type
	}
	for attr, want := range map[string]string{
		"node/labels": "string", "node/quantity": "double", "node/max": "long", "node/binding": "boolean",
		"node/aliases": "string", "node/counts": "string", "edge/type": "string", "edge/weight": "double",
		"edge/sources": "string", "node/share": "double",
	} {
		if got := keyType[attr]; got != want {
			t.Errorf("attr.type of %s = %q, want %q", attr, got, want)
		}
	}
	b := sample()
	if doc.Graph.EdgeDefault != "directed" || len(doc.Graph.Nodes) != len(b.Nodes) || len(doc.Graph.Edges) != len(b.Relationships) {
		t.Fatalf("graph has %d nodes, %d edges (%s)", len(doc.Graph.Nodes), len(doc.Graph.Edges), doc.Graph.EdgeDefault)
	}
	nodeData := map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		m := map[string]string{}
		for _, d := range n.Data {
			m[keyName[d.Key]] = d.Value
		}
		nodeData[n.ID] = m
	}
	c := nodeData["commitment-1"]
	// XML normalises a literal \r to \n on reading unless escaped: it must
	// have been escaped. Control characters XML cannot carry become U+FFFD.
	wantText := strings.ReplaceAll(awkward, "\x01", "\uFFFD")
	if c == nil || c["text"] != wantText || c["labels"] != "Commitment" || c["max"] != "9223372036854775807" || c["whole"] != "2.0" {
		t.Fatalf("commitment data = %q", c)
	}
	var aliases []string
	if err := json.Unmarshal([]byte(nodeData["CHN"]["aliases"]), &aliases); err != nil || !reflect.DeepEqual(aliases, []string{"Beijing", "PRC"}) {
		t.Fatalf("aliases = %q (%v)", nodeData["CHN"]["aliases"], err)
	}
	if nodeData["weird \"id\" <&>"] == nil {
		t.Fatalf("escaped node id did not survive: %v", nodeData)
	}
	for _, e := range doc.Graph.Edges {
		if nodeData[e.Source] == nil || nodeData[e.Target] == nil {
			t.Fatalf("edge %s joins unknown nodes %q, %q", e.ID, e.Source, e.Target)
		}
	}
}

// decoded is the JSON export read back.
type decoded struct {
	Nodes []struct {
		ID         string                     `json:"id"`
		Labels     []string                   `json:"labels"`
		Properties map[string]json.RawMessage `json:"properties"`
	} `json:"nodes"`
	Relationships []struct {
		ID, Type, Start, End string
		Properties           map[string]json.RawMessage `json:"properties"`
	} `json:"relationships"`
}

// fromJSON decodes a JSON property value with kg's types: integers as
// int64, numbers with a fraction or exponent as float64, arrays of strings
// as []string.
func fromJSON(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return typed(t, v)
}

func typed(t *testing.T, v any) any {
	switch v := v.(type) {
	case json.Number:
		if strings.ContainsAny(string(v), ".eE") {
			f, err := strconv.ParseFloat(string(v), 64)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		i, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return i
	case []any:
		allStrings := true
		for i, x := range v {
			v[i] = typed(t, x)
			if _, ok := v[i].(string); !ok {
				allStrings = false
			}
		}
		if allStrings {
			out := make([]string, len(v))
			for i, x := range v {
				out[i] = x.(string)
			}
			return out
		}
		return v
	}
	return v
}

// checkJSONRoundTrip writes b as JSON and checks that reading it back gives
// b's ids, labels, end points and properties with their exact types.
func checkJSONRoundTrip(t *testing.T, b *graph.Batch) {
	t.Helper()
	var buf bytes.Buffer
	if err := export.JSON(&buf, b); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Fatalf("invalid JSON:\n%s", buf.Bytes())
	}
	var d decoded
	if err := json.Unmarshal(buf.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	want := &graph.Batch{Nodes: append([]graph.Node(nil), b.Nodes...), Relationships: append([]graph.Relationship(nil), b.Relationships...)}
	graph.SortBatch(want)
	if len(d.Nodes) != len(want.Nodes) || len(d.Relationships) != len(want.Relationships) {
		t.Fatalf("read back %d nodes, %d relationships", len(d.Nodes), len(d.Relationships))
	}
	for i, n := range want.Nodes {
		got := d.Nodes[i]
		if got.ID != n.ID || len(got.Labels) != 1 || got.Labels[0] != n.Label {
			t.Fatalf("node %d = %s %v, want %s %s", i, got.ID, got.Labels, n.ID, n.Label)
		}
		checkProps(t, n.ID, got.Properties, n.Props)
	}
	for i, r := range want.Relationships {
		got := d.Relationships[i]
		if got.ID != r.ID || got.Type != r.Type || got.Start != r.Start || got.End != r.End {
			t.Fatalf("relationship %d = %+v, want %+v", i, got, r)
		}
		checkProps(t, r.ID, got.Properties, r.Props)
	}
}

func checkProps(t *testing.T, id string, got map[string]json.RawMessage, want graph.Props) {
	t.Helper()
	n := 0
	for k, v := range want {
		if k == graph.PropID || v == nil {
			continue
		}
		n++
		raw, ok := got[k]
		if !ok {
			t.Fatalf("%s: property %q missing", id, k)
		}
		g := fromJSON(t, raw)
		if f, ok := v.(float64); ok && f == 0 && math.Signbit(f) {
			if gf, ok := g.(float64); !ok || !math.Signbit(gf) {
				t.Fatalf("%s.%s = %v, want -0.0", id, k, g)
			}
			continue
		}
		if !reflect.DeepEqual(g, v) {
			t.Fatalf("%s.%s = %#v, want %#v", id, k, g, v)
		}
	}
	if len(got) != n {
		t.Fatalf("%s: %d properties, want %d", id, len(got), n)
	}
}

func TestJSONRoundTripSample(t *testing.T) {
	b := sample()
	// JSON carries \x01 and U+2028 exactly; nothing to adjust.
	checkJSONRoundTrip(t, b)
}

func FuzzJSONRoundTrip(f *testing.F) {
	f.Add("CHN", "Country", "name", "China", int64(3), 0.5, true)
	f.Add("a\"b", "L", "k\\", awkward, int64(math.MinInt64), 1e300, false)
	f.Fuzz(func(t *testing.T, id, label, key, s string, i int64, x float64, flag bool) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Skip("no JSON form")
		}
		for _, str := range []string{id, label, key, s} {
			if !utf8Valid(str) {
				t.Skip("invalid UTF-8 is replaced, by design")
			}
		}
		if key == graph.PropID || key == "n" || key == "f" || key == "b" || key == "l" || label == "" {
			t.Skip()
		}
		b := &graph.Batch{
			Nodes: []graph.Node{{ID: id, Label: label, Props: graph.Props{key: s, "n": i, "f": x, "b": flag, "l": []string{s, id}}}},
			Relationships: []graph.Relationship{{ID: s, Type: label, Start: id, End: id,
				Props: graph.Props{key: []any{i, x, s, flag}}}},
		}
		checkJSONRoundTrip(t, b)
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
