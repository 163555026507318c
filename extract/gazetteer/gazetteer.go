// Package gazetteer finds references to countries and well-known organisations in news text.
//
// Its data are two files embedded in the package, written from public facts: countries.tsv (every
// UN member and observer state and the territories news treats as actors, each with its ISO 3166-1
// alpha-3 code, names, aliases, demonyms, capitals and government metonyms) and orgs.tsv
// (intergovernmental bodies, government agencies, news organisations, armed movements and
// companies that news treats as actors). The headers of the files document every form and every
// choice about ambiguous ones.
//
// Matching is exact and fast: an index keyed by the first word of every form (and by the word after
// an article), no regular expressions. Forms match with their capitalisation ("US" but never "us"),
// on word boundaries on both sides, longest form first, with "the" optional where a form has it,
// either apostrophe, and any run of whitespace inside a form.
package gazetteer

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

//go:embed countries.tsv
var countriesTSV string

//go:embed orgs.tsv
var orgsTSV string

// Country is a sovereign state or a territory that news treats as one.
//
// Name and Official carry no article. The list fields hold the forms of the data file without its
// markers; an optional or required article is kept on metonyms ("the Kremlin") and on required
// forms of the other lists ("the Emirates"), and dropped elsewhere ("US" for "the? US").
type Country struct {
	ID       string   // ISO 3166-1 alpha-3, e.g. "CHN"; a stable made-up code like "XKX" for Kosovo
	Name     string   // common English name: "China", "United States", "Russia"
	Official string   // "People's Republic of China"
	Aliases  []string // other names and abbreviations: "US", "U.S.", "USA", "America", "PRC", "UK", "Britain"
	Demonyms []string // "Chinese", "American", "Russian"
	Capitals []string // capital(s) used as metonyms: "Beijing"
	Metonyms []string // other government metonyms: "the White House", "the Kremlin", "Downing Street", "Zhongnanhai"
	// Until is the ISO date a historical state ceased to exist ("1991-12-26" for the Soviet
	// Union); "" for today's states.
	Until string
}

// Org is a well-known organisation that news treats as an actor.
type Org struct {
	ID      string   // graph.ActorID(Name)
	Name    string   // canonical English name: "United Nations", "Xinhua"
	Aliases []string // other names and abbreviations: "UN", "U.N."
	Kind    string   // "igo", "igo body", "government agency", "news agency", "broadcaster", "newspaper", "armed group", "company"
	Country string   // home country's gazetteer Name, or "" for none
}

// Kind tells what sort of form a country reference was.
type Kind int

// The kinds of country reference.
const (
	KindName    Kind = iota // the common or official name: "China", "People's Republic of China"
	KindAlias               // another name or an abbreviation: "PRC", "the US", "Britain"
	KindDemonym             // "Chinese", "Britons"
	KindCapital             // a capital standing for the government: "Beijing"
	KindMetonym             // another government metonym: "the Kremlin", "Downing Street"
)

var kindNames = [...]string{
	KindName:    "name",
	KindAlias:   "alias",
	KindDemonym: "demonym",
	KindCapital: "capital",
	KindMetonym: "metonym",
}

// String returns the lower-case name of the kind: "name", "alias", "demonym", "capital" or
// "metonym".
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Mention is one country reference found in a text.
type Mention struct {
	Country    *Country
	Start, End int    // byte offsets of the reference in the text searched
	Kind       Kind   // the sort of form matched
	Text       string // the text matched, text[Start:End], e.g. "the White House" or "China"
}

// OrgMention is one organisation reference found in a text.
type OrgMention struct {
	Org        *Org
	Start, End int    // byte offsets of the reference in the text searched
	Text       string // the text matched, text[Start:End]
}

// Gazetteer holds countries and organisations and finds references to them in text. It is
// immutable once built and safe for concurrent use by many goroutines. The *Country and *Org
// values it returns are shared: callers must not modify them.
type Gazetteer struct {
	countries []*Country // sorted by ID
	byID      map[string]*Country
	lookup    map[string]*Country // normalised form → country
	cindex    *index

	// predecessors maps one of today's states to the historical states its forms stood for
	// before their Until dates, earliest end first: Russia → the Soviet Union.
	predecessors map[*Country][]*Country

	orgs      []*Org // sorted by ID
	orgByID   map[string]*Org
	orgLookup map[string]*Org
	oindex    *index
}

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
)

// Default returns the gazetteer built from the embedded data files, parsed once on first use and
// shared. It panics only if the embedded files are malformed, which the package tests rule out.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := New(strings.NewReader(countriesTSV), strings.NewReader(orgsTSV))
		if err != nil {
			panic(fmt.Sprintf("gazetteer: embedded data: %v", err))
		}
		defaultG = g
	})
	return defaultG
}

// ByID returns the country with the ISO 3166-1 alpha-3 id (exact, upper case).
func (g *Gazetteer) ByID(id string) (*Country, bool) {
	c, ok := g.byID[id]
	return c, ok
}

// Countries returns every country, sorted by ID. The slice is the caller's; the countries are
// shared.
func (g *Gazetteer) Countries() []*Country {
	return append([]*Country(nil), g.countries...)
}

// Lookup returns the country an exact name, official name, alias, demonym, capital or metonym
// stands for, ignoring case, accents, the kind of apostrophe, extra whitespace and a leading
// "the": Lookup("the kremlin") and Lookup("Cote d'Ivoire") both succeed. Lookup-only forms of the
// data file ("Georgia") are found too, and so is the ISO id ("CHN").
func (g *Gazetteer) Lookup(name string) (*Country, bool) {
	if c, ok := g.byID[name]; ok {
		return c, true
	}
	c, ok := g.lookup[normKey(name)]
	return c, ok
}

// AsOf returns the state that a reference to c meant on date: the historical state c succeeded
// when the date falls before that state's end ("Moscow" and "Russian" in a 1987 story are the
// Soviet Union, "Bonn" and "Germany" West Germany), else c itself. A zero date reads today's
// states.
func (g *Gazetteer) AsOf(c *Country, date time.Time) *Country {
	if c == nil || date.IsZero() {
		return c
	}
	day := date.UTC().Format(time.DateOnly)
	for _, old := range g.predecessors[c] {
		if day < old.Until {
			return old
		}
	}
	return c
}

// EraOf reads the era of an undated text from its country mentions ms: when the text names a
// historical state and never names one of its successors by name or alias, the successor's other
// forms (capital, metonyms, demonyms) stand for the historical state ("Moscow" in a story about
// "the Soviet Union" that never says "Russia"). It returns the successor → historical state
// replacements, nil when none.
func (g *Gazetteer) EraOf(ms []Mention) map[*Country]*Country {
	var named map[*Country]bool
	var out map[*Country]*Country
	for _, m := range ms {
		if m.Kind == KindName || m.Kind == KindAlias {
			if named == nil {
				named = make(map[*Country]bool)
			}
			named[m.Country] = true
		}
	}
	for _, m := range ms {
		if m.Country.Until == "" {
			continue
		}
		for c, olds := range g.predecessors {
			if named[c] || !slices.Contains(olds, m.Country) {
				continue
			}
			if out == nil {
				out = make(map[*Country]*Country)
			}
			out[c] = m.Country
		}
	}
	return out
}

// Orgs returns every organisation, sorted by ID. The slice is the caller's; the organisations are
// shared.
func (g *Gazetteer) Orgs() []*Org {
	return append([]*Org(nil), g.orgs...)
}

// OrgByID returns the organisation whose ID (graph.ActorID of its name) is id.
func (g *Gazetteer) OrgByID(id string) (*Org, bool) {
	o, ok := g.orgByID[id]
	return o, ok
}

// LookupOrg returns the organisation an exact name or alias stands for, with the normalisation of
// [Gazetteer.Lookup]: LookupOrg("the u.n.") is the United Nations.
func (g *Gazetteer) LookupOrg(name string) (*Org, bool) {
	o, ok := g.orgLookup[normKey(name)]
	return o, ok
}

// Match finds the longest country reference starting at the beginning of text: a name, alias,
// demonym, capital or metonym, matched with the capitalisation news writes it, "the" optional where
// the form has it, and a word boundary after it. It returns the country, the number of bytes
// matched and the kind of form. A blocker ("New Mexico") or a name-like form followed by a
// capitalised word ("Jordan Bardella") is no match. Match does not look before text, so to scan a
// longer text use [Gazetteer.FindAll], which also checks the word before each reference.
func (g *Gazetteer) Match(text string) (c *Country, n int, kind Kind, ok bool) {
	f, end := g.cindex.matchAt(text, 0, false)
	if f == nil || f.target < 0 {
		return nil, 0, 0, false
	}
	return g.countries[f.target], end, f.kind, true
}

// FindAll returns every non-overlapping country reference in text, left to right, each the longest
// form starting at its position. References start and end on word boundaries; text inside a
// blocker ("Mexico" in "New Mexico") is skipped.
func (g *Gazetteer) FindAll(text string) []Mention {
	var out []Mention
	g.cindex.scan(text, func(f *form, start, end int) {
		out = append(out, Mention{
			Country: g.countries[f.target],
			Start:   start,
			End:     end,
			Kind:    f.kind,
			Text:    text[start:end],
		})
	})
	return out
}

// MatchOrg finds the longest organisation reference starting at the beginning of text, with the
// rules of [Gazetteer.Match], and returns the organisation and the number of bytes matched.
func (g *Gazetteer) MatchOrg(text string) (o *Org, n int, ok bool) {
	f, end := g.oindex.matchAt(text, 0, false)
	if f == nil || f.target < 0 {
		return nil, 0, false
	}
	return g.orgs[f.target], end, true
}

// FindOrgs returns every non-overlapping organisation reference in text, left to right, with the
// rules of [Gazetteer.FindAll].
func (g *Gazetteer) FindOrgs(text string) []OrgMention {
	var out []OrgMention
	g.oindex.scan(text, func(f *form, start, end int) {
		out = append(out, OrgMention{Org: g.orgs[f.target], Start: start, End: end, Text: text[start:end]})
	})
	return out
}
