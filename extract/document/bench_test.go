package document_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgnews/kg/extract/document"
)

// synthCorpus builds a deterministic corpus of at least size bytes of
// synthetic news articles in several styles (wire datelines, corpus date
// prefixes, label metadata, captions, promotions, quotes and abbreviations).
func synthCorpus(size int) [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	people := []string{"President Ana Costa", "Foreign Minister Li Wen", "Gen. Omar Haddad", "Mr. Jonas Berg",
		"Prime Minister Sara Nilsen", "spokesman Ivan Petrov", "Sen. Mary O'Neil", "J. D. Ruiz"}
	places := []string{"Brazil", "Norway", "the U.S.", "Egypt", "Vietnam", "Kenya", "the U.K.", "Chile"}
	verbs := []string{"held talks with", "spoke by phone with", "met", "had a video call with", "agreed with"}
	objects := []string{"soybeans", "LNG cargoes", "rare earths", "wheat", "semiconductors", "steel"}
	var out [][]byte
	total := 0
	for i := 0; total < size; i++ {
		var b strings.Builder
		day := 1 + i%28
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, " date 2026-02-%02d ", day)
		case 1:
			fmt.Fprintf(&b, "Talks on trade resume in %s\nBy Ana Lima and Tom Reyes\n\nOSLO, Feb %d (Reuters) - ", places[i%len(places)], day)
		case 2:
			b.WriteString("Unlock the Trade Watch newsletter for free\nYour guide to what the talks mean for business\n")
		case 3:
			fmt.Fprintf(&b, "Published On: Feb %d, 2026\n\nLeaders at the summit. Photograph: Kai Moreno/AFP/Getty Images\n\n", day)
		}
		for p := 0; p < 14; p++ {
			for s := 0; s < 3; s++ {
				a := people[r.IntN(len(people))]
				c := people[r.IntN(len(people))]
				switch r.IntN(5) {
				case 0:
					fmt.Fprintf(&b, "%s %s %s on Wednesday in %s, officials said. ", a, verbs[r.IntN(len(verbs))], c, places[r.IntN(len(places))])
				case 1:
					fmt.Fprintf(&b, "“We will buy %d.%d million tonnes of %s,” %s said. ", r.IntN(30), r.IntN(10), objects[r.IntN(len(objects))], a)
				case 2:
					fmt.Fprintf(&b, "The deal, worth $%d.%dbn, was signed at 10 a.m. on Feb. %d by %s. ", r.IntN(90), r.IntN(10), day, c)
				case 3:
					fmt.Fprintf(&b, "%s pledged to cut tariffs on %s by %d%% — a step . . . long expected — next month. ", places[r.IntN(len(places))], objects[r.IntN(len(objects))], r.IntN(40))
				case 4:
					fmt.Fprintf(&b, "Did %s threaten new sanctions? %s declined to say! ", a, c)
				}
			}
			b.WriteString("\n\n")
			if p == 6 {
				b.WriteString("Advertisement\n\n")
			}
		}
		b.WriteString("- Ends\nPublished By:\nRita Das\nTune In\n\n1 hour ago\n")
		out = append(out, []byte(b.String()))
		total += b.Len()
	}
	return out
}

var (
	corpusOnce sync.Once
	corpus     [][]byte
	corpusSize int
)

func benchCorpus() ([][]byte, int) {
	corpusOnce.Do(func() {
		corpus = synthCorpus(10 << 20)
		for _, a := range corpus {
			corpusSize += len(a)
		}
	})
	return corpus, corpusSize
}

// BenchmarkRead reads a synthetic corpus of 10 MiB; MB/s is the read
// throughput on one core, allocs/article the allocations per article.
func BenchmarkRead(b *testing.B) {
	docs, size := benchCorpus()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if _, err := document.Read("a.txt", d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		for _, d := range docs[:100] {
			_, _ = document.Read("a.txt", d)
		}
	}))/100, "allocs/article")
}

// BenchmarkReadHTML reads the synthetic corpus wrapped as HTML pages (head
// with meta tags, navigation, paragraphs, a footer).
func BenchmarkReadHTML(b *testing.B) {
	docs, _ := benchCorpus()
	pages := make([][]byte, 0, 500)
	size := 0
	for _, d := range docs[:500] {
		var p strings.Builder
		p.WriteString(`<!DOCTYPE html><html><head><title>Talks | Example</title><meta property="og:site_name" content="Example">` +
			`<meta property="article:published_time" content="2026-02-04T10:00:00Z"><script>var a = 1;</script></head><body>` +
			`<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav><article><h1>Talks</h1>`)
		for _, para := range strings.Split(string(d), "\n\n") {
			p.WriteString(`<p class="body-text">`)
			p.WriteString(strings.ReplaceAll(para, "&", "&amp;"))
			p.WriteString("</p>\n")
		}
		p.WriteString(`</article><footer><p>&copy; 2026 Example</p></footer></body></html>`)
		pages = append(pages, []byte(p.String()))
		size += p.Len()
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, pg := range pages {
			if _, err := document.Read("a.html", pg); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkSplit measures the sentence splitter alone.
func BenchmarkSplit(b *testing.B) {
	docs, _ := benchCorpus()
	texts := make([]string, 0, 200)
	size := 0
	for _, d := range docs[:200] {
		texts = append(texts, string(d))
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			document.Split(t)
		}
	}
}

// BenchmarkResolveDate measures one date resolution in a sentence.
func BenchmarkResolveDate(b *testing.B) {
	ref := time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC)
	s := "The US president is expected to travel to China in April, officials said on Wednesday."
	b.ReportAllocs()
	for b.Loop() {
		document.ResolveDate(s, ref)
	}
}
