package eval_test

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/internal/testutil"
)

// sampleFixture reads a small export with six SPOKE_WITH, three PLEDGED
// (to a Commitment, to an Agreement and to a missing node), one SANCTIONED
// and one TRADES_WITH fact, and a REPRESENTS edge.
func sampleFixture(t *testing.T) *graph.Batch {
	t.Helper()
	b, err := eval.LoadExport(filepath.Join("testdata", "sample", "fixture.export.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sampledIDs returns, per sampled type, the ids of its facts.
func sampledIDs(s *eval.Sample) map[string][]string {
	out := make(map[string][]string)
	for _, ts := range s.Types {
		ids := []string{}
		for _, f := range ts.Facts {
			ids = append(ids, f.ID)
		}
		out[ts.Type] = ids
	}
	return out
}

func TestDraw(t *testing.T) {
	tests := []struct {
		name  string
		opts  eval.SampleOptions
		types []string // the sampled types, in order
		sizes []int    // facts sampled per type
		err   string
	}{
		{"default types", eval.SampleOptions{Size: 2, Seed: 1}, eval.SampleTypes, []int{2, 2, 1}, ""},
		{"fewer facts than the size", eval.SampleOptions{Size: 50, Seed: 1}, eval.SampleTypes, []int{6, 3, 1}, ""},
		{"chosen types", eval.SampleOptions{Size: 1, Seed: 7, Types: []string{graph.TradesWith, graph.SpokeWith}},
			[]string{graph.TradesWith, graph.SpokeWith}, []int{1, 1}, ""},
		{"size zero", eval.SampleOptions{Size: 0}, nil, nil, "want at least 1"},
		{"not a fact type", eval.SampleOptions{Size: 1, Types: []string{graph.Represents}}, nil, nil, `"REPRESENTS": not a fact`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := eval.Draw(sampleFixture(t), tc.opts)
			if testutil.WantError(t, err, tc.err) {
				return
			}
			var types []string
			var sizes []int
			for _, ts := range s.Types {
				types = append(types, ts.Type)
				sizes = append(sizes, len(ts.Facts))
				if !slices.IsSorted(sampledIDs(s)[ts.Type]) {
					t.Errorf("%s facts %v are not in id order", ts.Type, sampledIDs(s)[ts.Type])
				}
				for _, f := range ts.Facts {
					if f.Type != ts.Type {
						t.Errorf("a %s fact in the %s sample", f.Type, ts.Type)
					}
				}
			}
			if !slices.Equal(types, tc.types) || !slices.Equal(sizes, tc.sizes) {
				t.Errorf("sampled types %v sizes %v, want %v %v", types, sizes, tc.types, tc.sizes)
			}
		})
	}
}

func TestDrawIsDeterministic(t *testing.T) {
	b := sampleFixture(t)
	opts := eval.SampleOptions{Size: 3, Seed: 42}
	want, err := eval.Draw(b, opts)
	if err != nil {
		t.Fatal(err)
	}
	// The store's order of relationships does not matter.
	shuffled := &graph.Batch{Nodes: b.Nodes, Relationships: slices.Clone(b.Relationships)}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled.Relationships), func(i, j int) {
		shuffled.Relationships[i], shuffled.Relationships[j] = shuffled.Relationships[j], shuffled.Relationships[i]
	})
	got, err := eval.Draw(shuffled, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range eval.SampleTypes {
		if g, w := sampledIDs(got)[typ], sampledIDs(want)[typ]; !slices.Equal(g, w) {
			t.Errorf("%s after shuffling the batch: %v, want %v", typ, g, w)
		}
	}
	// A type sampled alone gives the facts it gives among the others.
	alone, err := eval.Draw(b, eval.SampleOptions{Size: 3, Seed: 42, Types: []string{graph.SpokeWith}})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := sampledIDs(alone)[graph.SpokeWith], sampledIDs(want)[graph.SpokeWith]; !slices.Equal(g, w) {
		t.Errorf("SPOKE_WITH alone: %v, want %v", g, w)
	}
}

// TestDrawCoversEveryFact checks that the seed matters and that every fact
// can be drawn: over 200 seeds, two of six SPOKE_WITH facts at a time, each
// fact is drawn at least 40 times (its expectation is 67) and several
// different samples come out.
func TestDrawCoversEveryFact(t *testing.T) {
	b := sampleFixture(t)
	count := make(map[string]int)
	samples := make(map[string]bool)
	for seed := range uint64(200) {
		s, err := eval.Draw(b, eval.SampleOptions{Size: 2, Seed: seed, Types: []string{graph.SpokeWith}})
		if err != nil {
			t.Fatal(err)
		}
		ids := sampledIDs(s)[graph.SpokeWith]
		samples[strings.Join(ids, ",")] = true
		for _, id := range ids {
			count[id]++
		}
	}
	if len(count) != 6 || len(samples) < 10 {
		t.Fatalf("200 seeds drew %d distinct facts in %d distinct samples, want 6 in at least 10", len(count), len(samples))
	}
	for id, n := range count {
		if n < 40 {
			t.Errorf("%s drawn %d times in 200 samples of 2 of 6, want about 67", id, n)
		}
	}
}

func TestSampleMarkdownGolden(t *testing.T) {
	write := func() []byte {
		s, err := eval.Draw(sampleFixture(t), eval.SampleOptions{Size: 2, Seed: 1, Types: []string{graph.SpokeWith, graph.Pledged, graph.Sanctioned, graph.TradesWith}})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := s.WriteMarkdown(&buf, []string{"Made by `kg eval --sample 2 --seed 1` on the test fixture."}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	got := write()
	testutil.Golden(t, filepath.Join("testdata", "sample", "fixture.sample.md"), got)
	if again := write(); !bytes.Equal(again, got) {
		t.Error("a second draw and write differ")
	}
	// The blank sample tallies as all unjudged.
	tallies, err := eval.ReadJudgements(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	for _, tl := range tallies {
		if tl.Correct+tl.Wrong != 0 || tl.Unjudged == 0 {
			t.Errorf("blank sample: %+v, want only unjudged facts", tl)
		}
	}
}

func TestSampleWriteError(t *testing.T) {
	s, err := eval.Draw(sampleFixture(t), eval.SampleOptions{Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteMarkdown(failWriter{}, nil); err == nil {
		t.Error("WriteMarkdown to a failing writer returned nil")
	}
}
