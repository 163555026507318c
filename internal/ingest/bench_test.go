package ingest_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/internal/ingest"
	"github.com/kgnews/kg/internal/testutil"
)

func lastName(full string) string { return full[strings.LastIndexByte(full, ' ')+1:] }

// BenchmarkIngest runs the whole pipeline — read, extract, merge, load into
// a fresh embedded store — over 10,000 synthetic articles per iteration.
// It reports articles/s, MB/s (through SetBytes) and the peak resident
// memory of the process.
func BenchmarkIngest(b *testing.B) {
	const articles = 10000
	dir := b.TempDir()
	size := synthCorpus(b, filepath.Join(dir, "corpus"), articles, smallPools)
	x := extract.New(extract.Options{})
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := embedded.Open(filepath.Join(dir, fmt.Sprintf("kg-%d.db", i)), nil)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := ingest.Run(context.Background(), x, s, []string{filepath.Join(dir, "corpus")}, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Articles != articles {
			b.Fatalf("ingested %d articles, want %d (skipped %v)", sum.Articles, articles, sum.Skipped[:min(3, len(sum.Skipped))])
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	testutil.ReportPeakRSS(b)
}

// BenchmarkStoreWrites measures what loading costs per article as the
// store grows: the Reuters corpus (../shared/corpus) is extracted once,
// then each iteration loads it into a fresh embedded store in batches of
// 1,024 articles (FlushEvery's default), of 2,048 (what the pipeline's
// group commit reaches on Reuters while the store is busy, where 8,192
// relationships stop it) and of 256 (the default before). It reports the
// load time per article over the first batches to cover 5,000 articles and
// over all of them, and the median over iterations of their ratio, which
// this shared machine's noise blurs least: 1 would mean the cost per
// article stays flat as the store grows.
// KG_BENCH_ARTICLES caps the articles (default: the whole corpus).
func BenchmarkStoreWrites(b *testing.B) {
	n := 0
	if v, err := strconv.Atoi(os.Getenv("KG_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	dir := b.TempDir()
	paths := testutil.UntarFirst(b, reutersTarball, dir, n)
	x := extract.New(extract.Options{})
	batches := make([]*graph.Batch, 0, len(paths))
	for _, p := range paths {
		doc, _, err := ingest.Read(ingest.Input{Path: p}, nil)
		if err != nil {
			continue
		}
		bt, err := x.Extract(doc)
		if err != nil {
			b.Fatal(err)
		}
		batches = append(batches, bt)
	}
	for _, flush := range []int{256, 1024, 2048} {
		b.Run(fmt.Sprintf("batch=%d", flush), func(b *testing.B) {
			benchLoads(b, dir, batches, flush)
		})
	}
}

func benchLoads(b *testing.B, dir string, batches []*graph.Batch, flush int) {
	// The first whole batches covering 5,000 articles.
	firstN := min(len(batches), (5000+flush-1)/flush*flush)
	ctx := context.Background()
	var firstTime, allTime time.Duration
	var ratios []float64
	for i := 0; i < b.N; i++ {
		first0, all0 := firstTime, allTime
		s, err := embedded.Open(filepath.Join(dir, fmt.Sprintf("kg-%d-%d.db", flush, i)), nil)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for j := 0; j < len(batches); j += flush {
			var bd graph.Builder
			for _, bt := range batches[j:min(j+flush, len(batches))] {
				bd.AddBatch(bt)
			}
			if _, err := s.Load(ctx, bd.Batch()); err != nil {
				b.Fatal(err)
			}
			if j < firstN && j+flush >= firstN {
				firstTime += time.Since(start)
			}
		}
		allTime += time.Since(start)
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		perFirst := float64(firstTime-first0) / float64(firstN)
		perAll := float64(allTime-all0) / float64(len(batches))
		ratios = append(ratios, perAll/perFirst)
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "all/first-5k")
	b.ReportMetric(float64(firstTime.Microseconds())/float64(b.N*firstN), "µs/article-first-5k")
	b.ReportMetric(float64(allTime.Microseconds())/float64(b.N*len(batches)), "µs/article-all")
	b.ReportMetric(float64(len(batches)), "articles")
}

// synthPools sets how many distinct people a synthetic corpus draws on, how
// skewed their reuse is, and how many articles share a publication date.
type synthPools struct {
	people  int // 0: the 144 names of 12 first and 12 last names
	perDate int // articles per date; 0: the 27 days of one month, in turn
	// The people are drawn by rand.NewZipf(s, v); 0 means s = 1.3, v = 1.
	s, v float64
}

// smallPools is BenchmarkIngest's corpus: a few people who meet often, so
// that most facts merge across articles.
var smallPools = synthPools{}

// scalePools grows with the corpus, as a wire service's archive does: one
// person for every 20 articles and 300 articles a day. The reuse is skewed
// as in Reuters-21578, whose most cited entity (the Federal Reserve) is in
// 2% of the stories: here the most frequent person is in 2–5% of the
// articles. smallPools' skew (one person in nearly half the articles) would
// make a few relationships cite a third of a large corpus.
func scalePools(n int) synthPools {
	return synthPools{people: max(144, n/20), perDate: 300, s: 1.1, v: 20}
}

// synthCorpus writes n synthetic news articles into dir, 1,000 to a
// directory, and returns their total size. Names are drawn from the pools
// with skewed (Zipf) reuse, so that many facts merge across articles as in
// real news; each article carries its serial number, so no two are equal.
func synthCorpus(tb testing.TB, dir string, n int, pools synthPools) int64 {
	tb.Helper()
	rng := rand.New(rand.NewSource(1))
	first := []string{"Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lucia"}
	last := []string{"Novak", "Ortega", "Petrov", "Quinn", "Rahman", "Silva", "Tanaka", "Umar", "Varga", "Weber", "Yilmaz", "Zhou"}
	if pools.people > len(first)*len(last) {
		side := 1
		for side*side < pools.people {
			side++
		}
		first, last = syllableNames(side, 0), syllableNames(side, 7)
	}
	countries := []string{"France", "Germany", "Japan", "Brazil", "India", "Turkey", "Egypt", "Mexico", "Canada", "Poland", "Kenya", "Vietnam"}
	demonyms := map[string]string{"France": "French", "Germany": "German", "Japan": "Japanese", "Brazil": "Brazilian", "India": "Indian",
		"Turkey": "Turkish", "Egypt": "Egyptian", "Mexico": "Mexican", "Canada": "Canadian", "Poland": "Polish", "Kenya": "Kenyan", "Vietnam": "Vietnamese"}
	roles := []string{"President", "Prime Minister", "Foreign Minister", "Trade Minister"}
	goods := []string{"wheat", "soybeans", "liquefied natural gas", "steel", "rare earths", "coffee"}
	if pools.s == 0 {
		pools.s, pools.v = 1.3, 1
	}
	zipf := rand.NewZipf(rng, pools.s, pools.v, uint64(len(first)*len(last)-1))
	person := func() (string, string, string) {
		i := int(zipf.Uint64())
		c := countries[i%len(countries)]
		return first[i%len(first)] + " " + last[(i/len(first))%len(last)], roles[i%len(roles)], c
	}
	day0 := time.Date(2031, 3, 1, 0, 0, 0, 0, time.UTC)
	var total int64
	var b strings.Builder
	for a := 0; a < n; a++ {
		p1, r1, c1 := person()
		p2, r2, c2 := person()
		date := day0.AddDate(0, 0, a%27)
		if pools.perDate > 0 {
			date = day0.AddDate(0, 0, a/pools.perDate)
		}
		b.Reset()
		fmt.Fprintf(&b, "date %s %s %s %s held a phone call with %s %s %s on Tuesday, discussing trade and %s.\n\n",
			date.Format(time.DateOnly), demonyms[c1], r1, p1, demonyms[c2], r2, p2, countries[rng.Intn(len(countries))])
		fmt.Fprintf(&b, "%s said that %s had agreed to buy %d million tonnes of %s over the next two years.\n\n",
			lastName(p1), c2, 1+rng.Intn(40), goods[rng.Intn(len(goods))])
		if rng.Intn(3) == 0 {
			fmt.Fprintf(&b, "Last month, %s imposed a %d%% tariff on imports of %s from %s, according to officials.\n\n",
				c1, 5+rng.Intn(40), goods[rng.Intn(len(goods))], countries[rng.Intn(len(countries))])
		}
		if rng.Intn(4) == 0 {
			fmt.Fprintf(&b, "%s threatened to impose sanctions on %s if talks failed.\n\n", lastName(p2), countries[rng.Intn(len(countries))])
		}
		fmt.Fprintf(&b, "The two leaders pledged to strengthen ties and to meet again in %s later this year. "+
			"Analysts in %s said the talks marked a shift after months of tension, and markets rose %d.%d%% on the news. "+
			"Dispatch %d.\n", countries[rng.Intn(len(countries))], countries[rng.Intn(len(countries))], rng.Intn(5), rng.Intn(10), a)
		path := filepath.Join(dir, fmt.Sprintf("%04d", a/1000), fmt.Sprintf("article-%07d.txt", a))
		if a%1000 == 0 {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				tb.Fatal(err)
			}
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
		total += int64(b.Len())
	}
	return total
}

// syllableNames returns n distinct capitalised names of two or three
// syllables; offset shifts the syllables so that first and last names differ.
func syllableNames(n, offset int) []string {
	syl := []string{"ka", "ren", "mi", "tor", "sa", "vel", "do", "rin", "lu", "mar", "be", "tan", "zo", "li", "fen", "go", "ra", "nes", "pi", "ul"}
	names := make([]string, n)
	for i := range names {
		j := i
		var s strings.Builder
		for k := 0; k < 2 || j > 0; k++ {
			s.WriteString(syl[(j+offset+k)%len(syl)])
			j /= len(syl)
		}
		names[i] = strings.ToUpper(s.String()[:1]) + s.String()[1:]
	}
	return names
}

// TestWriteScaleCorpus writes the synthetic corpus behind the scale figures
// of README's Performance section: KG_SCALE_ARTICLES articles (default
// 10,000) into the directory KG_SCALE_CORPUS, which must not exist yet.
// Without KG_SCALE_CORPUS it skips. For example:
//
//	KG_SCALE_CORPUS=/tmp/c1m KG_SCALE_ARTICLES=1000000 go test -run TestWriteScaleCorpus -timeout 1h ./internal/ingest
func TestWriteScaleCorpus(t *testing.T) {
	dir := os.Getenv("KG_SCALE_CORPUS")
	if dir == "" {
		testutil.Skip(t, "KG_SCALE_CORPUS names no directory to write the scale corpus into")
	}
	n := 10000
	if v := os.Getenv("KG_SCALE_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			t.Fatalf("KG_SCALE_ARTICLES=%q: want a positive number of articles", v)
		}
	}
	if _, err := os.Stat(dir); err == nil {
		t.Fatalf("%s exists: the scale corpus goes into a new directory", dir)
	}
	size := synthCorpus(t, dir, n, scalePools(n))
	t.Logf("wrote %d articles, %.1f MB, into %s", n, float64(size)/1e6, dir)
}
