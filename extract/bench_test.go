package extract_test

import (
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/extract/gazetteer"
)

// corpusSize is the size of the synthetic benchmark corpus.
const corpusSize = 10 << 20

var (
	corpusOnce sync.Once
	corpusDocs []*document.Document
	corpusRaw  [][]byte
	corpusLen  int64
)

// syllables make up invented personal names, so that the benchmark never
// leans on real ones.
var syllables = []string{"ka", "lo", "mi", "ren", "sa", "to", "vi", "dar", "nel", "pa", "qui", "ros", "tan", "ul",
	"zho", "bek", "fen", "gar", "hul", "jin", "mor", "nak", "ost", "pel", "rik", "sun", "tor", "val", "yen", "zen"}

func inventName(r *rand.Rand) string {
	part := func() string {
		n := 2 + r.Intn(2)
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(syllables[r.Intn(len(syllables))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return part() + " " + part()
}

// sentence templates: %[1]s/%[2]s are people, %[3]s/%[4]s their countries'
// demonyms, %[5]s/%[6]s the countries, %[7]d a number, %[8]s a weekday. About
// half carry a fact or a negative case (threat, proposal, denial, lifted
// sanctions), half are context, a denser mix than most real articles.
var templates = []string{
	"%[3]s President %[1]s held a phone call with %[4]s Prime Minister %[2]s on %[8]s, discussing trade, energy and %[6]s.",
	"%[1]s and %[2]s spoke by video link on %[8]s about security in the region, officials said.",
	"%[5]s agreed to buy %[7]d million tonnes of %[4]s soybeans in the following season, %[1]s said.",
	"The %[5]s government imposed a %[7]d%% tariff on imports from %[6]s on %[8]s.",
	"%[5]s threatened to impose sanctions on %[6]s if talks failed, but no measures were announced.",
	"Foreign Minister %[2]s said %[6]s would never accept such demands.",
	"Both leaders pledged to strengthen ties and to expand cooperation on energy.",
	"The two sides signed a trade agreement on %[8]s, under which %[6]s committed to cut tariffs by %[7]d per cent.",
	"“We are ready to work with our partners,” %[1]s told reporters in the capital.",
	"Analysts said the move could hurt exporters, according to %[3]s state media.",
	"%[1]s, the %[3]s foreign minister, met %[2]s in Geneva last month.",
	"The readout did not mention whether %[5]s agreed to the proposal.",
	"%[6]s lifted sanctions on %[5]s banks after the talks, a spokesman said.",
	"Markets rose %[7]d per cent on %[8]s as investors weighed the outlook for growth and inflation.",
	"The ministry said it would postpone the new rules until next year.",
	// context sentences without facts, as most of a real article is
	"Inflation in %[5]s slowed to %[7]d.5 per cent in January, the statistics office said, while unemployment held steady.",
	"The capital has been gripped by protests since the elections, and the opposition has called for a recount.",
	"Shares of exporters fell sharply after the announcement, and the currency weakened against the dollar.",
	"%[1]s, a former banker who took office in 2019, has promised voters a tougher line on corruption.",
	"The region accounts for about a third of global shipping traffic and much of the world's energy supply.",
	"Critics say the policy has done little to curb prices, pointing to a %[7]d%% rise in food costs over the past year.",
	"“This is a difficult moment for all of us, but we remain confident,” the central bank governor told a news conference.",
	"Officials in %[6]s declined to comment on the report, which could not be independently verified.",
	"The two countries have a long history of rivalry over water, borders and fishing rights in the disputed sea.",
	"Turnout was the lowest in two decades, according to the election commission, with young voters staying away.",
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}

// corpus builds (once) a synthetic corpus of at least corpusSize bytes of
// article text from varied templates, read through document.Read.
func corpus(tb testing.TB) []*document.Document {
	corpusOnce.Do(func() {
		r := rand.New(rand.NewSource(1))
		var cs []*gazetteer.Country
		for _, c := range gazetteer.Default().Countries() {
			if len(c.Demonyms) > 0 {
				cs = append(cs, c)
			}
		}
		total := 0
		for n := 0; total < corpusSize; n++ {
			var b strings.Builder
			fmt.Fprintf(&b, "Published On: Feb %d, 2026\n\n", 1+n%27)
			people := []string{inventName(r), inventName(r), inventName(r)}
			for p := 0; p < 8; p++ {
				for q := 0; q < 3; q++ {
					c1, c2 := cs[r.Intn(len(cs))], cs[r.Intn(len(cs))]
					t := templates[r.Intn(len(templates))]
					fmt.Fprintf(&b, t+" ", people[r.Intn(3)], people[r.Intn(3)], c1.Demonyms[0], c2.Demonyms[0],
						c1.Name, c2.Name, 2+r.Intn(40), weekdays[r.Intn(len(weekdays))])
				}
				b.WriteString("\n\n")
			}
			raw := []byte(b.String())
			doc, err := document.Read(fmt.Sprintf("synthetic-%05d.txt", n), raw)
			if err != nil {
				continue
			}
			corpusDocs = append(corpusDocs, doc)
			corpusRaw = append(corpusRaw, raw)
			corpusLen += int64(len(doc.Text))
			total += len(raw)
		}
	})
	if len(corpusDocs) == 0 {
		tb.Fatal("empty synthetic corpus")
	}
	return corpusDocs
}

// BenchmarkExtract measures extraction throughput (MB/s of cleaned article
// text) and allocations per article over a synthetic corpus of at least
// 10 MB, on one goroutine.
func BenchmarkExtract(b *testing.B) {
	docs := corpus(b)
	x := extract.New(extract.Options{})
	b.SetBytes(corpusLen)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := x.Extract(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(docs)), "articles/op")
}

// BenchmarkReadExtract is BenchmarkExtract with document.Read included:
// the whole per-file cost of an ingest.
func BenchmarkReadExtract(b *testing.B) {
	corpus(b)
	x := extract.New(extract.Options{})
	var n int64
	for _, r := range corpusRaw {
		n += int64(len(r))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, raw := range corpusRaw {
			d, err := document.Read(corpusDocs[j].Path, raw)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := x.Extract(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractHuge extracts one article of several megabytes (the
// document reader accepts up to 10 MiB), so that no rule is quadratic in
// the article's length.
func BenchmarkExtractHuge(b *testing.B) {
	docs := corpus(b)
	var sb strings.Builder
	sb.WriteString("Published On: Feb 1, 2026\n\n")
	for _, raw := range corpusRaw {
		if sb.Len() > 4<<20 {
			break
		}
		text := string(raw)
		if i := strings.Index(text, "\n\n"); i >= 0 {
			text = text[i+2:]
		}
		sb.WriteString(text)
	}
	doc, err := document.Read("huge.txt", []byte(sb.String()))
	if err != nil {
		b.Fatal(err)
	}
	_ = docs
	x := extract.New(extract.Options{})
	b.SetBytes(int64(len(doc.Text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Extract(doc); err != nil {
			b.Fatal(err)
		}
	}
}
