package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
// 256 articles (FlushEvery's default) or of 2,048 (what the pipeline's
// group commit reaches while the store is busy). It reports the load time
// per article over the first batches to cover 5,000 articles and over all of them: equal
// figures would mean the cost per article stays flat as the store grows.
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
	for _, flush := range []int{256, 2048} {
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
	for i := 0; i < b.N; i++ {
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
	}
	b.ReportMetric(float64(firstTime.Microseconds())/float64(b.N*firstN), "µs/article-first-5k")
	b.ReportMetric(float64(allTime.Microseconds())/float64(b.N*len(batches)), "µs/article-all")
	b.ReportMetric(float64(len(batches)), "articles")
}
