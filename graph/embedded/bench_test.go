package embedded_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/internal/testutil"
)

// corpus is a synthetic news corpus already extracted into batches.
type corpus struct {
	batches   []*graph.Batch
	articles  int
	textBytes int64 // size of the synthetic article texts the batches came from
}

var words = strings.Fields(`the minister said talks with officials would continue next week after a call on trade
tariffs sanctions soybeans export controls agreement partnership package summit leaders pledged to buy tonnes
of grain energy chips security council embassy spokesperson statement according to reports on tuesday`)

func sentence(r *rand.Rand) string {
	n := 12 + r.IntN(14)
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(words[r.IntN(len(words))])
	}
	sb.WriteByte('.')
	return sb.String()
}

// genCorpus generates n articles: each an Article node, 5–15 entities from
// shared pools picked with Zipf-like reuse (a few entities appear in most
// articles, as in news), MENTIONS from the article to each, and 2–6 facts
// (SPOKE_WITH, PLEDGED with its Commitment, SANCTIONED) carrying provenance.
// Articles are grouped perBatch to a graph.Builder, as the ingest does.
func genCorpus(n, perBatch int, seed uint64) *corpus {
	r := rand.New(rand.NewPCG(seed, 42))
	const actors, countries = 5000, 200
	actorZipf := rand.NewZipf(r, 1.2, 4, actors-1)
	countryZipf := rand.NewZipf(r, 1.3, 2, countries-1)
	actor := func() graph.Node {
		i := actorZipf.Uint64()
		name := fmt.Sprintf("Actor Number%d", i)
		return graph.Node{ID: graph.ActorID(name), Label: graph.LabelActor, Props: graph.Props{
			graph.PropName: name, graph.PropKind: "person", graph.PropRole: []string{"minister", "president", "spokesperson"}[i%3],
			graph.PropAliases: []string{fmt.Sprintf([]string{"Number%d", "Mr Number%d", "Minister Number%d"}[r.IntN(3)], i)}, graph.PropCountry: fmt.Sprintf("Country %d", i%countries)}}
	}
	country := func() graph.Node {
		i := countryZipf.Uint64()
		return graph.Node{ID: fmt.Sprintf("C%02d", i), Label: graph.LabelCountry, Props: graph.Props{
			graph.PropName: fmt.Sprintf("Country %d", i), graph.PropAliases: []string{fmt.Sprintf("Capital %d", i)}}}
	}
	c := &corpus{articles: n}
	var bd graph.Builder
	for a := range n {
		// The article text: 20–40 sentences, some of which are evidence.
		sentences := make([]string, 20+r.IntN(21))
		for i := range sentences {
			sentences[i] = sentence(r)
			c.textBytes += int64(len(sentences[i]) + 1)
		}
		title := sentences[0]
		text := strings.Join(sentences, " ")
		date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(60)).Format(time.DateOnly)
		art := graph.Node{ID: graph.ArticleID([]byte(text)), Label: graph.LabelArticle, Props: graph.Props{
			graph.PropTitle: title, graph.PropPath: fmt.Sprintf("corpus/%05d.txt", a), graph.PropOutlet: "Synthetic News",
			graph.PropPublishedAt: date}}
		bd.AddNode(art)
		var ents []graph.Node
		for range 5 + r.IntN(11) {
			var e graph.Node
			if r.IntN(3) == 0 {
				e = country()
			} else {
				e = actor()
			}
			ents = append(ents, e)
			bd.AddNode(e)
			bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.Mentions, art.ID, e.ID), Type: graph.Mentions,
				Start: art.ID, End: e.ID, Props: graph.Props{}})
		}
		for range 2 + r.IntN(5) {
			from, to := ents[r.IntN(len(ents))], ents[r.IntN(len(ents))]
			prov := graph.Props{graph.PropSources: []string{art.ID}, graph.PropEvidence: []string{sentences[r.IntN(len(sentences))]},
				graph.PropDate: date}
			if r.IntN(4) == 0 {
				prov[graph.PropClaimedBy] = []string{actor().Props[graph.PropName].(string)}
			}
			switch r.IntN(3) {
			case 0:
				if from.ID == to.ID {
					continue
				}
				prov[graph.PropMedium] = "call"
				bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.SpokeWith, from.ID, to.ID, date), Type: graph.SpokeWith,
					Start: from.ID, End: to.ID, Props: prov})
			case 1:
				obj := words[r.IntN(len(words))]
				qty := strconv.Itoa(1 + r.IntN(50))
				cm := graph.Node{ID: graph.CommitmentID(from.ID, "buy", obj, qty), Label: graph.LabelCommitment, Props: graph.Props{
					graph.PropName: "buy " + qty + " million tonnes of " + obj, graph.PropAction: "buy", graph.PropObject: obj,
					graph.PropQuantity: int64(len(qty)), graph.PropUnit: "million tonnes", graph.PropText: prov[graph.PropEvidence].([]string)[0]}}
				bd.AddNode(cm)
				bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.Pledged, from.ID, cm.ID), Type: graph.Pledged,
					Start: from.ID, End: cm.ID, Props: prov})
			default:
				prov[graph.PropMeasure] = "tariff"
				prov[graph.PropRate] = float64(r.IntN(100)) / 100
				bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.Sanctioned, from.ID, to.ID, "tariff"), Type: graph.Sanctioned,
					Start: from.ID, End: to.ID, Props: prov})
			}
		}
		if (a+1)%perBatch == 0 || a == n-1 {
			c.batches = append(c.batches, bd.Batch())
			bd = graph.Builder{}
		}
	}
	return c
}

// BenchmarkIngest loads a synthetic corpus of 10,000 articles, in batches of
// 100 articles, into a new store per iteration. MB/s is of article text.
func BenchmarkIngest(b *testing.B) {
	const articles = 10000
	c := genCorpus(articles, 100, 1)
	dir := b.TempDir()
	ctx := context.Background()
	b.SetBytes(c.textBytes)
	b.ReportAllocs()
	b.ResetTimer()
	var last *embedded.Store
	for i := 0; b.Loop(); i++ {
		s, err := embedded.Open(filepath.Join(dir, fmt.Sprintf("bench-%d.db", i)), nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, bt := range c.batches {
			if _, err := s.Load(ctx, bt); err != nil {
				b.Fatal(err)
			}
		}
		if last != nil {
			last.Close()
		}
		last = s
	}
	b.StopTimer()
	b.ReportMetric(float64(articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	testutil.ReportPeakRSS(b)
	counts, err := last.Counts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(counts.TotalNodes()), "nodes")
	b.ReportMetric(float64(counts.TotalRelationships()), "rels")
	if info, err := os.Stat(last.Path()); err == nil {
		b.ReportMetric(float64(info.Size())/(1<<20), "file-MB")
	}
	if err := last.Check(); err != nil {
		b.Fatal(err)
	}
	last.Close()
}

// benchStore loads a synthetic corpus of n articles into a new store and
// closes it (which writes its snapshot); it returns the path.
func benchStore(b *testing.B, n int) string {
	b.Helper()
	c := genCorpus(n, 100, 1)
	path := filepath.Join(b.TempDir(), "kg.db")
	s, err := embedded.Open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, bt := range c.batches {
		if _, err := s.Load(context.Background(), bt); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkFirstQuery measures what a command answering one query pays:
// opening a read-only store and answering, from the snapshot or from the
// in-memory graph built from the whole file, at two sizes.
func BenchmarkFirstQuery(b *testing.B) {
	ctx := context.Background()
	queries := []struct{ name, query string }{
		{"count", "MATCH (n) RETURN count(n)"},
		{"lookup", "MATCH (c:Country {id: 'C01'})<-[:SANCTIONED]-(x) RETURN count(x)"},
		{"2-hop", "MATCH (c:Country {id: 'C01'})-[*1..2]-(m) RETURN count(DISTINCT m)"},
	}
	for _, n := range []int{1000, 10000} {
		path := benchStore(b, n)
		for _, mode := range []struct {
			name  string
			reads embedded.ReadMode
		}{{"snapshot", embedded.ReadAuto}, {"in-memory", embedded.ReadInMemory}} {
			for _, q := range queries {
				b.Run(fmt.Sprintf("articles=%d/%s/%s", n, q.name, mode.name), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						s, err := embedded.Open(path, &embedded.Options{ReadOnly: true, Reads: mode.reads})
						if err != nil {
							b.Fatal(err)
						}
						if _, err := s.Query(ctx, q.query, nil); err != nil {
							b.Fatal(err)
						}
						s.Close()
					}
				})
			}
		}
	}
}

// BenchmarkSnapshotWrite measures building and writing the snapshot of a
// 10,000-article store, as a writer's Close does after a write.
func BenchmarkSnapshotWrite(b *testing.B) {
	path := benchStore(b, 10000)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		if err := os.Remove(embedded.SnapshotPath(path)); err != nil {
			b.Fatal(err)
		}
		s, err := embedded.Open(path, &embedded.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Query(ctx, "MATCH (n) RETURN count(n)", nil); err != nil { // builds it
			b.Fatal(err)
		}
		s.Close()
	}
	for _, f := range []string{path, embedded.SnapshotPath(path)} {
		if info, err := os.Stat(f); err == nil {
			b.ReportMetric(float64(info.Size())/(1<<20), filepath.Ext(f)[1:]+"-MB")
		}
	}
}

// TestSyntheticCorpusLoads keeps the benchmark's generator honest in plain
// test runs: a small corpus loads, twice without change, and checks.
func TestSyntheticCorpusLoads(t *testing.T) {
	c := genCorpus(300, 50, 7)
	s := embeddedtest.Open(t)
	var total graph.LoadStats
	for _, bt := range c.batches {
		total.Add(mustLoad(t, s, bt))
	}
	if total.NodesCreated == 0 || total.RelationshipsCreated == 0 || total.NodesUpdated == 0 {
		t.Fatalf("load stats %+v: the corpus should create and update", total)
	}
	for _, bt := range c.batches {
		if st := mustLoad(t, s, bt); st != (graph.LoadStats{}) {
			t.Fatalf("reloading changed %+v", st)
		}
	}
	counts, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if counts.Nodes[graph.LabelArticle] != 300 {
		t.Fatalf("articles = %d, want 300", counts.Nodes[graph.LabelArticle])
	}
}
