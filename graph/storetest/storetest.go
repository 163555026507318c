// Package storetest is the conformance suite of graph.Store: the same
// loads, merges and queries run on every store (graph/embedded always,
// graph/neo4j through testcontainers where Docker runs), so that both give
// the same answers.
//
// A store's test calls [Run] with a function that opens an empty store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) graph.Store { return embeddedtest.Open(t) })
//	}
//
// Expectations are store-neutral: element ids are never compared, nodes and
// relationships are compared by labels, type and properties (see
// [Normalize]).
package storetest

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/export"
	"github.com/kgnews/kg/graph/value"
)

// Opener returns an empty store for one subtest. It registers its own
// cleanup with t (closing the store); Run may also close the store itself,
// so Close must tolerate being called twice or the opener must not call it.
type Opener func(t *testing.T) graph.Store

// Run runs the conformance suite on the stores open returns, one fresh
// store per subtest.
func Run(t *testing.T, open Opener) {
	t.Run("Load", func(t *testing.T) { testLoad(t, open) })
	t.Run("Merge", func(t *testing.T) { testMerge(t, open) })
	t.Run("Snapshot", func(t *testing.T) { testSnapshot(t, open) })
	t.Run("Query", func(t *testing.T) { testQuery(t, open) })
}

// load loads b into s and fails the test on error.
func load(t *testing.T, s graph.Store, b *graph.Batch) graph.LoadStats {
	t.Helper()
	st, err := s.Load(context.Background(), b)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return st
}

// fixtureCounts returns the nodes per label and relationships per type of
// b, as Counts reports them.
func fixtureCounts(b *graph.Batch) *graph.Counts {
	c := &graph.Counts{Nodes: map[string]int{}, Relationships: map[string]int{}}
	for _, n := range b.Nodes {
		c.Nodes[n.Label]++
	}
	for _, r := range b.Relationships {
		c.Relationships[r.Type]++
	}
	return c
}

// nonZero drops zero entries, which a store may or may not report.
func nonZero(m map[string]int) map[string]int {
	out := make(map[string]int)
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

func checkCounts(t *testing.T, s graph.Store, want *graph.Counts) {
	t.Helper()
	got, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	if g, w := nonZero(got.Nodes), nonZero(want.Nodes); !reflect.DeepEqual(g, w) {
		t.Errorf("Counts().Nodes = %v, want %v", g, w)
	}
	if g, w := nonZero(got.Relationships), nonZero(want.Relationships); !reflect.DeepEqual(g, w) {
		t.Errorf("Counts().Relationships = %v, want %v", g, w)
	}
}

func testLoad(t *testing.T, open Opener) {
	fix := Fixture()
	tests := []struct {
		name string
		run  func(t *testing.T, s graph.Store)
	}{
		{"Fresh", func(t *testing.T, s graph.Store) {
			st := load(t, s, Fixture())
			want := graph.LoadStats{NodesCreated: len(fix.Nodes), RelationshipsCreated: len(fix.Relationships)}
			if st != want {
				t.Errorf("LoadStats = %+v, want %+v", st, want)
			}
			checkCounts(t, s, fixtureCounts(fix))
		}},
		{"Idempotent", func(t *testing.T, s graph.Store) {
			load(t, s, Fixture())
			before := snapshot(t, s)
			if st := load(t, s, Fixture()); st != (graph.LoadStats{}) {
				t.Errorf("second Load of the same batch: LoadStats = %+v, want zero", st)
			}
			checkCounts(t, s, fixtureCounts(fix))
			if after := snapshot(t, s); !reflect.DeepEqual(NormalizeBatch(before), NormalizeBatch(after)) {
				t.Errorf("second Load changed the graph:\nbefore %v\nafter  %v", before, after)
			}
		}},
		{"InParts", func(t *testing.T, s graph.Store) {
			// Nodes first, relationships later: endpoints already stored.
			st1 := load(t, s, &graph.Batch{Nodes: Fixture().Nodes})
			st2 := load(t, s, &graph.Batch{Relationships: Fixture().Relationships})
			if st1.NodesCreated != len(fix.Nodes) || st2.RelationshipsCreated != len(fix.Relationships) {
				t.Errorf("LoadStats = %+v then %+v, want %d nodes then %d relationships created",
					st1, st2, len(fix.Nodes), len(fix.Relationships))
			}
			checkCounts(t, s, fixtureCounts(fix))
		}},
		{"Empty", func(t *testing.T, s graph.Store) {
			if st := load(t, s, &graph.Batch{}); st != (graph.LoadStats{}) {
				t.Errorf("LoadStats = %+v, want zero", st)
			}
			checkCounts(t, s, &graph.Counts{})
		}},
		{"DuplicatesInBatch", func(t *testing.T, s graph.Store) {
			b := &graph.Batch{Nodes: []graph.Node{
				node(China, graph.LabelCountry, graph.Props{graph.PropName: "China", graph.PropAliases: []string{"PRC"}}),
				node(China, graph.LabelCountry, graph.Props{graph.PropName: "china", graph.PropAliases: []string{"Beijing", "PRC"}}),
			}}
			st := load(t, s, b)
			if st.NodesCreated != 1 {
				t.Errorf("LoadStats = %+v, want 1 node created", st)
			}
			got := propsOf(t, s, China)
			want := graph.Props{graph.PropName: "China", graph.PropAliases: []string{"Beijing", "PRC"}}
			if !reflect.DeepEqual(Normalize(got), Normalize(want)) {
				t.Errorf("merged node = %v, want %v", got, want)
			}
		}},
		{"MissingEndpoint", func(t *testing.T, s graph.Store) {
			b := &graph.Batch{
				Nodes: []graph.Node{node(Xi, graph.LabelActor, graph.Props{graph.PropName: "Xi Jinping"})},
				Relationships: []graph.Relationship{rel(graph.SpokeWith, Xi, "actor-nobody", graph.Props{
					graph.PropSources: []string{Art1}}, "2026-02-04")},
			}
			if _, err := s.Load(context.Background(), b); err == nil {
				t.Fatalf("Load of a relationship to a missing node succeeded, want an error")
			}
			got, err := s.Counts(context.Background())
			if err != nil {
				t.Fatalf("Counts: %v", err)
			}
			if n := got.TotalRelationships(); n != 0 {
				t.Errorf("%d relationships after the failed load, want 0", n)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, open(t)) })
	}
}

// propsOf returns the properties of the node or relationship with id (ids
// are unique across both), read by snapshot.
func propsOf(t *testing.T, s graph.Store, id string) graph.Props {
	t.Helper()
	b := snapshot(t, s)
	for _, n := range b.Nodes {
		if n.ID == id {
			return n.Props
		}
	}
	for _, r := range b.Relationships {
		if r.ID == id {
			return r.Props
		}
	}
	t.Fatalf("no node or relationship %s", id)
	return nil
}

// ExportJSON returns the JSON export (kg's contract) of the snapshot of s,
// the form in which tests compare the contents of two stores. It fails tb
// on any error.
func ExportJSON(tb testing.TB, s graph.Store) []byte {
	tb.Helper()
	snap, err := s.Snapshot(context.Background())
	if err != nil {
		tb.Fatalf("Snapshot: %v", err)
	}
	var buf bytes.Buffer
	if err := export.JSON(&buf, snap); err != nil {
		tb.Fatalf("export.JSON: %v", err)
	}
	return buf.Bytes()
}

func snapshot(t *testing.T, s graph.Store) *graph.Batch {
	t.Helper()
	b, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	return b
}

func testMerge(t *testing.T, open Opener) {
	tests := []struct {
		name      string
		batches   []*graph.Batch
		wantStats graph.LoadStats // of the last batch
		check     func(t *testing.T, s graph.Store)
	}{
		{
			name: "ProvenanceUnion",
			batches: []*graph.Batch{Fixture(), {Relationships: []graph.Relationship{
				rel(graph.SpokeWith, Trump, Xi, graph.Props{graph.PropSources: []string{Art2, Art1},
					graph.PropEvidence:  []string{"Trump spoke with Xi by phone.", "The two leaders held a call."},
					graph.PropClaimedBy: []string{"Xinhua"}}, "2026-02-04"),
			}}},
			wantStats: graph.LoadStats{RelationshipsUpdated: 1},
			check: func(t *testing.T, s graph.Store) {
				got := propsOf(t, s, SpokeTrumpXi)
				want := graph.Props{
					graph.PropSources:   []string{Art1, Art2},
					graph.PropEvidence:  []string{"The two leaders held a call.", "Trump spoke with Xi by phone."},
					graph.PropClaimedBy: []string{"Xinhua"},
					graph.PropDate:      "2026-02-04",
					graph.PropMedium:    "call",
				}
				if !reflect.DeepEqual(Normalize(got), Normalize(want)) {
					t.Errorf("merged SPOKE_WITH = %v, want %v", got, want)
				}
			},
		},
		{
			name: "ReversedSpokeWith",
			// The same symmetric fact reported the other way round is the
			// same relationship (same id), never a second one.
			batches: []*graph.Batch{Fixture(), {Relationships: []graph.Relationship{{
				ID: SpokeTrumpXi, Type: graph.SpokeWith, Start: Xi, End: Trump,
				Props: graph.Props{graph.PropSources: []string{Art2}},
			}}}},
			wantStats: graph.LoadStats{RelationshipsUpdated: 1},
			check: func(t *testing.T, s graph.Store) {
				c := fixtureCounts(Fixture())
				checkCounts(t, s, c)
				if got := propsOf(t, s, SpokeTrumpXi)[graph.PropSources]; !reflect.DeepEqual(Normalize(got), Normalize([]string{Art1, Art2})) {
					t.Errorf("sources = %v, want [%s %s]", got, Art1, Art2)
				}
			},
		},
		{
			// A shorter role, a name of the same length that sorts after the
			// stored one: the stored values stay (graph.PreferScalar).
			name: "StoredScalarPreferred",
			batches: []*graph.Batch{Fixture(), {Nodes: []graph.Node{
				node(Xi, graph.LabelActor, graph.Props{graph.PropRole: "Leader", graph.PropName: "xi jinping",
					graph.PropAliases: []string{"President Xi"}, graph.PropTopics: []string{"trade"}}),
			}}},
			wantStats: graph.LoadStats{NodesUpdated: 1},
			check: func(t *testing.T, s graph.Store) {
				got := propsOf(t, s, Xi)
				want := graph.Props{graph.PropName: "Xi Jinping", graph.PropAliases: []string{"President Xi", "Xi"},
					graph.PropKind: "person", graph.PropRole: "President", graph.PropCountry: "China",
					graph.PropTopics: []string{"trade"}}
				if !reflect.DeepEqual(Normalize(got), Normalize(want)) {
					t.Errorf("merged Xi = %v, want %v", got, want)
				}
			},
		},
		{
			// A longer role wins over the stored one, whatever came first.
			name: "NewScalarPreferred",
			batches: []*graph.Batch{Fixture(), {Nodes: []graph.Node{
				node(Xi, graph.LabelActor, graph.Props{graph.PropRole: "General Secretary", graph.PropName: "Xi Jinping"}),
			}}},
			wantStats: graph.LoadStats{NodesUpdated: 1},
			check: func(t *testing.T, s graph.Store) {
				if got := propsOf(t, s, Xi)[graph.PropRole]; got != "General Secretary" {
					t.Errorf("merged Xi role = %v, want General Secretary", got)
				}
			},
		},
		{
			name: "NoChange",
			// Only values already stored, in another order, and empty ones:
			// nothing to update.
			batches: []*graph.Batch{Fixture(), {Nodes: []graph.Node{
				node(China, graph.LabelCountry, graph.Props{graph.PropName: "china", graph.PropAliases: []string{"Beijing", "PRC"},
					graph.PropRole: ""}),
			}}},
			wantStats: graph.LoadStats{},
			check: func(t *testing.T, s graph.Store) {
				want := graph.Props{graph.PropName: "China", graph.PropAliases: []string{"Beijing", "PRC"}}
				if got := propsOf(t, s, China); !reflect.DeepEqual(Normalize(got), Normalize(want)) {
					t.Errorf("China = %v, want %v", got, want)
				}
			},
		},
		{
			name: "EmptyScalarFilled",
			batches: []*graph.Batch{
				{Nodes: []graph.Node{node(Wang, graph.LabelActor, graph.Props{graph.PropName: "Wang Yi", graph.PropRole: ""})}},
				{Nodes: []graph.Node{node(Wang, graph.LabelActor, graph.Props{graph.PropRole: "Foreign Minister", graph.PropQuantity: int64(3),
					graph.PropRate: 1.5})}},
			},
			wantStats: graph.LoadStats{NodesUpdated: 1},
			check: func(t *testing.T, s graph.Store) {
				want := graph.Props{graph.PropName: "Wang Yi", graph.PropRole: "Foreign Minister",
					graph.PropQuantity: int64(3), graph.PropRate: 1.5}
				if got := propsOf(t, s, Wang); !reflect.DeepEqual(Normalize(got), Normalize(want)) {
					t.Errorf("Wang Yi = %v, want %v", got, want)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			var st graph.LoadStats
			for _, b := range tc.batches {
				st = load(t, s, b)
			}
			if st != tc.wantStats {
				t.Errorf("LoadStats of the last batch = %+v, want %+v", st, tc.wantStats)
			}
			tc.check(t, s)
		})
	}
}

// testSnapshot checks that Snapshot returns exactly what graph.Builder
// makes of the same batches: the merged model.
func testSnapshot(t *testing.T, open Opener) {
	extra := &graph.Batch{
		Nodes: []graph.Node{
			node(Iran, graph.LabelCountry, graph.Props{graph.PropAliases: []string{"Islamic Republic of Iran"}}),
			node(Art2, graph.LabelArticle, graph.Props{graph.PropURL: "https://example.com/a2"}),
		},
		Relationships: []graph.Relationship{
			rel(graph.Sanctioned, USA, Iran, graph.Props{graph.PropSources: []string{Art1}, graph.PropRate: 0.5,
				graph.PropEvidence: []string{"The US raised tariffs on Iran."}}, "tariff"),
			rel(graph.Mentions, Art1, Iran, graph.Props{}),
		},
	}
	s := open(t)
	var bd graph.Builder
	for _, b := range []*graph.Batch{Fixture(), extra} {
		load(t, s, b)
		bd.AddBatch(b)
	}
	want := canonical(bd.Batch())
	got := snapshot(t, s)
	if !reflect.DeepEqual(NormalizeBatch(got), NormalizeBatch(want)) {
		gn, wn := NormalizeBatch(got), NormalizeBatch(want)
		t.Errorf("Snapshot differs from the merged batches:\n got %v\nwant %v", gn, wn)
	}
	// Sorted by graph.SortBatch.
	sorted := &graph.Batch{Nodes: slices.Clone(got.Nodes), Relationships: slices.Clone(got.Relationships)}
	graph.SortBatch(sorted)
	if !reflect.DeepEqual(idsOf(sorted), idsOf(got)) {
		t.Errorf("Snapshot is not sorted by graph.SortBatch: %v", idsOf(got))
	}
}

// canonical returns b with every property map as the stores keep it: merged
// into an empty map by graph.MergeProps (lists sorted, empties dropped).
func canonical(b *graph.Batch) *graph.Batch {
	for i := range b.Nodes {
		p := graph.Props{}
		graph.MergeProps(p, b.Nodes[i].Props)
		b.Nodes[i].Props = p
	}
	for i := range b.Relationships {
		p := graph.Props{}
		graph.MergeProps(p, b.Relationships[i].Props)
		b.Relationships[i].Props = p
	}
	return b
}

func idsOf(b *graph.Batch) []string {
	var out []string
	for _, n := range b.Nodes {
		out = append(out, n.ID)
	}
	for _, r := range b.Relationships {
		out = append(out, r.ID)
	}
	return out
}

// NormalizeBatch returns b in a comparable form: nodes as
// {id, label, props} and relationships as {id, type, start, end, props},
// sorted by id within label and type, properties normalised by Normalize.
func NormalizeBatch(b *graph.Batch) []any {
	var out []any
	nodes := slices.Clone(b.Nodes)
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	for _, n := range nodes {
		out = append(out, []any{"node", n.ID, n.Label, Normalize(map[string]any(n.Props))})
	}
	rels := slices.Clone(b.Relationships)
	sort.Slice(rels, func(i, j int) bool { return rels[i].ID < rels[j].ID })
	for _, r := range rels {
		// A type stored once per pair (SPOKE_WITH): compare its endpoints
		// as a set.
		start, end := r.Start, r.End
		if spec, _ := graph.SpecOf(r.Type); spec.SortedEnds && end < start {
			start, end = end, start
		}
		out = append(out, []any{"rel", r.ID, r.Type, start, end, Normalize(map[string]any(r.Props))})
	}
	return out
}

// Normalize returns v in a store-neutral form for comparison: []string
// becomes []any, graph.Props a map, ints int64, float32 float64; a node
// becomes {"labels": sorted labels, "props": props} and a relationship
// {"type": type, "props": props}, without element ids; a path becomes
// {"nodes": […], "relationships": […]}, relationships oriented as stored.
func Normalize(v any) any {
	switch v := v.(type) {
	case nil, bool, int64, float64, string:
		return v
	case int, int8, int16, int32, uint, uint8, uint16, uint32, uint64, float32:
		c, err := value.Canon(v)
		if err != nil {
			return err.Error()
		}
		return c
	case []string:
		return value.AnyList(v)
	case []any:
		return value.ConvertList(v, Normalize)
	case graph.Props:
		return Normalize(map[string]any(v))
	case map[string]any:
		return value.ConvertMap(v, Normalize)
	case value.Node:
		labels := slices.Clone(v.Labels)
		sort.Strings(labels)
		return map[string]any{"labels": Normalize(labels), "props": Normalize(v.Props)}
	case value.Relationship:
		return map[string]any{"type": v.Type, "props": Normalize(v.Props)}
	case value.Path:
		return map[string]any{"nodes": Normalize(value.AnyList(v.Nodes)), "relationships": Normalize(value.AnyList(v.Relationships))}
	}
	return fmt.Sprintf("unexpected %T: %v", v, v)
}
