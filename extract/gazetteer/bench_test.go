package gazetteer_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kgnews/kg/extract/gazetteer"
)

// corpus builds about size bytes of news-like English: sentences of ordinary words in which about
// one word in twelve is a country or organisation form, capitalised words, quotes and
// possessives, drawn with a fixed seed so that every run measures the same text.
func corpus(size int) string {
	g := gazetteer.Default()
	r := rand.New(rand.NewPCG(1, 2))
	var forms []string
	for _, c := range g.Countries() {
		forms = append(forms, c.Name)
		forms = append(forms, c.Aliases...)
		forms = append(forms, c.Demonyms...)
		forms = append(forms, c.Capitals...)
		forms = append(forms, c.Metonyms...)
	}
	for _, o := range g.Orgs() {
		forms = append(forms, o.Name)
		forms = append(forms, o.Aliases...)
	}
	words := strings.Fields(`the a of to and in that said on for with as was is by at from has have
		would will not officials talks president minister government trade tariffs agreed call
		meeting week last year percent economy security deal statement spokesperson foreign
		ministry counterpart discussed relations pledged sanctions imports exports energy markets
		The After However Monday Tuesday Wednesday Thursday Friday According Officials Analysts`)
	var b strings.Builder
	b.Grow(size + 256)
	for b.Len() < size {
		n := 8 + r.IntN(20)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch k := r.IntN(24); {
			case k < 2:
				b.WriteString(forms[r.IntN(len(forms))])
				if k == 0 {
					b.WriteString("’s")
				}
			case k == 2:
				b.WriteString("“" + words[r.IntN(len(words))] + "”")
			default:
				b.WriteString(words[r.IntN(len(words))])
			}
		}
		b.WriteString(". ")
		if r.IntN(6) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

func BenchmarkFindAll(b *testing.B) {
	g := gazetteer.Default()
	text := corpus(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(g.FindAll(text))
	}
	b.ReportMetric(float64(n), "mentions/op")
}

func BenchmarkFindOrgs(b *testing.B) {
	g := gazetteer.Default()
	text := corpus(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		g.FindOrgs(text)
	}
}

func BenchmarkMatch(b *testing.B) {
	g := gazetteer.Default()
	texts := []string{"the United States said", "Chinese President", "Democratic Republic of the Congo", "officials said"}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			g.Match(t)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gazetteer.New(strings.NewReader(countriesForBench()), strings.NewReader(orgsForBench())); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCorpus(t *testing.T) {
	text := corpus(64 << 10)
	if len(text) < 64<<10 || !utf8.ValidString(text) {
		t.Fatalf("corpus: %d bytes, valid UTF-8 %v", len(text), utf8.ValidString(text))
	}
	if n := len(gazetteer.Default().FindAll(text)); n < 200 {
		t.Errorf("corpus of %d bytes has %d country mentions, want a realistic density", len(text), n)
	}
}

// FuzzFindAll feeds arbitrary text to the matchers: they must not panic, and every mention must be
// a valid, ordered, non-overlapping span whose Text is the text it covers and whose form Match
// recognises again.
func FuzzFindAll(f *testing.F) {
	for _, s := range []string{
		"US President Donald Trump spoke with Chinese President Xi Jinping.",
		"the United\u00a0States and the U.S.-China talks; Côte d’Ivoire",
		"Jordan Bardella in Jordan; New Mexico; THE UNITED STATES",
		"the", "the ", "U.S", "\xff\xfeChina", "Saint", "St. ", "’", "China’",
	} {
		f.Add(s)
	}
	g := gazetteer.Default()
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, m := range g.FindAll(text) {
			if m.Start < end || m.End <= m.Start || m.End > len(text) || m.Country == nil {
				t.Fatalf("bad span %d:%d after %d in %q", m.Start, m.End, end, text)
			}
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("Text %q is not text[%d:%d]", m.Text, m.Start, m.End)
			}
			c, n, _, ok := g.Match(text[m.Start:])
			if !ok || c != m.Country || n != m.End-m.Start {
				t.Fatalf("Match(%q) = %v, %d, %v; FindAll found %s %d:%d", text[m.Start:], c, n, ok, m.Country.ID, m.Start, m.End)
			}
			end = m.End
		}
		end = 0
		for _, m := range g.FindOrgs(text) {
			if m.Start < end || m.End <= m.Start || m.End > len(text) || m.Org == nil || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad org span %d:%d after %d in %q", m.Start, m.End, end, text)
			}
			end = m.End
		}
		g.Match(text)
		g.MatchOrg(text)
		g.Lookup(text)
		g.LookupOrg(text)
	})
}

func countriesForBench() string { return gazetteer.CountriesTSV }
func orgsForBench() string      { return gazetteer.OrgsTSV }
