// Package extract turns news articles into the nodes and relationships of
// kg's data model: the people, organisations and countries an article names,
// and the facts between them (SPOKE_WITH, PLEDGED, SANCTIONED) with their
// provenance: the article, the exact sentence, the date of the event and who
// claims it.
//
// # Pipeline
//
// Extraction is rule based and works on text it has never seen. For each
// document (already cleaned and split by package document):
//
//  1. Tokenise every sentence (words, numbers, quotes, possessives).
//  2. Find mentions: countries and their government metonyms through the
//     gazetteer, organisations (intergovernmental bodies, ministries,
//     agencies, news agencies, companies) through the gazetteer and generic
//     patterns, and people: capitalised name spans licensed by generic
//     evidence (a title or role before them, an apposition after them, being
//     the subject of a verb of speech or action). Bylines and photo credits
//     never become actors.
//  3. Resolve within the article: short forms ("Xi", "President Xi", "Mr
//     Trump"), role references ("the Chinese leader", "the US president"),
//     pronouns and group references ("the two leaders", "both") to the full
//     name; each person keeps the longest full form as canonical name.
//  4. Match relation rules over the tokens and mentions, in the manner of
//     CAMEO verb classes: consultation (calls, talks, meetings: SPOKE_WITH
//     with medium, date and topics), commitments and agreements (PLEDGED to
//     a Commitment with action, object, quantity, unit and period, or to an
//     Agreement; PART_OF and PARTY_TO), punitive measures (SANCTIONED with
//     measure and rate, active and passive), and stated trade partnerships
//     (TRADES_WITH). Each candidate is checked for modality (threats,
//     proposals, plans, considerations, conditionals, questions, unsourced
//     reports, negation and reversals are not facts) and attribution ("X
//     said", "according to X", a quotation's speaker, a transcript's).
//  5. Date each fact: a date expression in its clause, else the date of the
//     consultation the clause hangs on, else the latest recent dated mention
//     of the same consultation in the article, else the article's date.
//  6. Build the batch with graph.Builder's merge semantics: one node per id,
//     one relationship per id with its evidence merged, sorted.
//
// Extraction reads one article alone: a person the article names only by a
// short form ("President Ferraz") is the Actor "Ferraz", apart from the
// "Joana Ferraz" other articles name in full. Resolving it across articles
// would make the graph depend on which articles were loaded first and in
// which runs (a full name arriving later, or a second "Ferraz" making the
// first resolution wrong, cannot be undone in a store that keeps no
// per-article copy); ingesting must give the same graph for the same set of
// articles.
//
// The vocabulary (titles, verb classes, organisation heads) lives in
// lexicon.go; countries and well-known organisations come from package
// gazetteer. Nothing names a particular person.
//
// An [Extractor] holds no per-document state and is safe for concurrent use.
package extract

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/extract/gazetteer"
	"github.com/kgnews/kg/extract/syntax"
	"github.com/kgnews/kg/graph"
)

// Options configure an Extractor. The zero value is ready to use.
type Options struct {
	// Gazetteer resolves country and organisation names; nil means
	// gazetteer.Default().
	Gazetteer *gazetteer.Gazetteer
}

// Extractor turns documents into graph batches. It holds no per-document
// state and is safe for concurrent use by many goroutines.
type Extractor struct {
	gz   *gazetteer.Gazetteer
	pool sync.Pool // *analysis scratch space
	ids  idCache
}

// Prepare decodes what every extraction needs and the first one would
// otherwise wait for — the syntax model (about a tenth of a second) and the
// gazetteer — so that a caller can have it done in the background while it
// does other things. Calling it is never necessary.
func Prepare() {
	syntax.Default()
	gazetteer.Default()
}

// New returns an Extractor configured by opts.
func New(opts Options) *Extractor {
	gz := opts.Gazetteer
	if gz == nil {
		gz = gazetteer.Default()
	}
	return &Extractor{gz: gz}
}

// Extract returns the nodes and relationships one document yields: the
// Article node, MENTIONS from it to every entity, the Actors, Countries,
// Agreements and Commitments, and the SPOKE_WITH, PLEDGED, SANCTIONED,
// REPRESENTS, PARTY_TO and PART_OF relationships. Fact relationships carry
// sources ([doc.ID]), evidence (the exact sentence), date (the event's when
// the text dates it, else the article's) and claimedBy when attributed. The
// batch is built with graph.Builder, so it is merged and sorted.
//
// Extract never panics on document content; it returns an error only for a
// nil document.
func (x *Extractor) Extract(doc *document.Document) (b *graph.Batch, err error) {
	if doc == nil {
		return nil, fmt.Errorf("extract: nil document")
	}
	a, _ := x.pool.Get().(*analysis)
	if a == nil {
		a = new(analysis)
	}
	defer func() {
		if r := recover(); r != nil {
			// A rule bug must not take down an ingest of thousands of
			// articles: report it as this document's error.
			b, err = nil, fmt.Errorf("extract %s: internal error at %s: %v", doc.Path, panicSite(), r)
			a = new(analysis)
		}
		a.reset()
		x.pool.Put(a)
	}()
	a.init(x, doc)
	a.run()
	return a.build(), nil
}

// analysis is the state of one document's extraction; it is reused through
// the Extractor's pool.
type analysis struct {
	x     *Extractor
	gz    *gazetteer.Gazetteer
	doc   *document.Document
	text  string // doc.Text
	lower string // ASCII-lowered doc.Text, same offsets
	ref   time.Time
	date  string // article date, ISO, or ""

	toks      []token
	sents     []sent
	quotedBuf []bool  // backing store of every sent.quoted
	coverBuf  []int16 // backing store of every sent.cover

	ents      []*entity
	byKey     map[string]*entity
	byCountry map[*gazetteer.Country]*entity
	commitIDs map[string]*commitment
	persons   []*entity
	short     map[string][]*entity // single-token short form → persons
	fullNames map[string]*entity   // canonical and earlier full names → person
	inner     map[string][]*entity // inner name tokens → persons
	byline    map[string]bool

	era      map[*gazetteer.Country]*gazetteer.Country // undated text: successor → historical state
	cands    []personCand
	acronyms map[string]*entity // acronyms and short names defined in the article

	facts   []*fact
	nCalls  int // SPOKE_WITH facts so far
	commits []*commitment
	agrees  []*agreement
	wordBuf []string // the parser's input, reused
	cur     *sent    // the sentence the relation rules are reading
	// agreedHeads, while set, are further nouns an agreement phrase may
	// end in (after "agreed")
	agreedHeads map[string]string
	rule        string // the relation rule running, recorded by the facts it adds
	why         string // why the running rule dropped its candidate, for the trace
	tr          *tracer

	// resolution state, in document order
	lastPerson  *entity
	lastSubject *entity // most recent country or organisation subject
	lastPair    [2]*entity
	recent      [2]*entity // the two most recently mentioned persons
	lastCall    *fact
	lastCallS   int
	lastSanct   *fact
	lastSanctS  int // the sentence of lastSanct
	lastAgree   *agreement
	lastAgreeS  int
}

func (a *analysis) reset() {
	toks, sents := a.toks[:0], a.sents[:0]
	for i := range sents[:cap(sents)] {
		sents[:cap(sents)][i] = sent{}
	}
	quoted, cover := a.quotedBuf[:0], a.coverBuf[:0]
	*a = analysis{toks: toks, sents: sents, quotedBuf: quoted, coverBuf: cover}
}

func (a *analysis) init(x *Extractor, doc *document.Document) {
	a.x, a.gz, a.doc = x, x.gz, doc
	a.text = doc.Text
	if doc.Title != "" {
		// the headline is read for names and titles, never for facts
		a.text = doc.Text + "\n" + doc.Title
	}
	a.lower = asciiLower(a.text)
	a.ref = doc.Date
	if !doc.Date.IsZero() {
		a.date = doc.Date.UTC().Format("2006-01-02")
	}
	a.byKey = make(map[string]*entity)
	a.byCountry = make(map[*gazetteer.Country]*entity)
	a.commitIDs = make(map[string]*commitment)
	a.short = make(map[string][]*entity)
	if len(doc.Byline) > 0 {
		a.byline = make(map[string]bool)
		for _, n := range doc.Byline {
			a.byline[strings.ToLower(strings.Join(strings.Fields(n), " "))] = true
			for _, f := range strings.Fields(n) {
				a.byline[strings.ToLower(f)] = true
			}
		}
	}
}

func (a *analysis) run() {
	a.tokenizeAll()
	a.readEra()
	for i := range a.sents {
		a.findFixedMentions(&a.sents[i])
	}
	a.findSelfReportingCompanies()
	for i := range a.sents {
		a.findAcronyms(&a.sents[i])
	}
	for i := range a.sents {
		a.findPersonCandidates(&a.sents[i])
	}
	a.registerPersons()
	for i := range a.sents {
		a.findPersonMentions(&a.sents[i])
	}
	for i := range a.sents {
		s := &a.sents[i]
		if s.headline {
			continue
		}
		a.resolve(s)
		a.relations(s)
	}
	a.corefEvents()
	a.activateMedia()
}

// tokenizeAll tokenises every sentence of the document.
func (a *analysis) tokenizeAll() {
	text := a.text
	for i, ds := range a.doc.Sentences {
		if ds.Start < 0 || ds.End > len(text) || ds.Start >= ds.End {
			continue
		}
		from := len(a.toks)
		a.toks = tokenize(a.toks, text, ds.Start, ds.End)
		a.sents = append(a.sents, sent{idx: i, start: ds.Start, end: ds.End, para: ds.Paragraph,
			t0: from, t1: len(a.toks)})
	}
	if a.doc.Title != "" {
		from := len(a.toks)
		start := len(a.doc.Text) + 1
		a.toks = tokenize(a.toks, a.text, start, len(a.text))
		a.sents = append(a.sents, sent{idx: len(a.doc.Sentences), start: start, end: len(a.text), para: -1,
			t0: from, t1: len(a.toks), headline: true})
	}
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind == tWord {
			t.cls = lexClasses[a.lower[t.start:t.end]]
		}
	}
	// per-token flags in two document-wide buffers, one slice per sentence
	a.quotedBuf = zeroed(a.quotedBuf, len(a.toks))
	a.coverBuf = zeroed(a.coverBuf, len(a.toks))
	for i := range a.sents {
		s := &a.sents[i]
		s.quoted = a.quotedBuf[s.t0:s.t1:s.t1]
		s.cover = a.coverBuf[s.t0:s.t1:s.t1]
		s.toks = a.toks[s.t0:s.t1]
		s.markQuotes(a)
		s.credit = a.isCreditSentence(s)
	}
}

// word returns the lower-case text of token k of s.
func (a *analysis) word(s *sent, k int) string {
	if k < 0 || k >= len(s.toks) {
		return ""
	}
	t := s.toks[k]
	return a.lower[t.start:t.end]
}

// surface returns the text of token k of s as written.
func (a *analysis) surface(s *sent, k int) string {
	if k < 0 || k >= len(s.toks) {
		return ""
	}
	t := s.toks[k]
	return a.text[t.start:t.end]
}

// span returns the text of tokens [i, j) of s as written.
func (a *analysis) span(s *sent, i, j int) string {
	if i >= j || i < 0 || j > len(s.toks) {
		return ""
	}
	return a.text[s.toks[i].start:s.toks[j-1].end]
}

// isCreditSentence reports whether s is a photo credit, caption credit or
// byline line that escaped the document cleaner: names in it are never
// actors.
func (a *analysis) isCreditSentence(s *sent) bool {
	for k := 0; k+1 < len(s.toks); k++ {
		switch a.word(s, k) {
		case "photograph", "photo", "photos", "picture", "image", "credit", "illustration", "byline":
			if s.toks[k+1].kind == tPunct && a.surface(s, k+1) == ":" {
				return true
			}
		case "published", "written", "reported", "edited":
			if a.word(s, k+1) == "by" && (k+2 >= len(s.toks) || a.surface(s, k+2) == ":") {
				return true
			}
		}
	}
	return false
}

// sent is one sentence's tokens and mentions.
type sent struct {
	idx        int // index in doc.Sentences
	start, end int // byte offsets in doc.Text
	para       int
	t0, t1     int // token range in analysis.toks
	toks       []token
	quoted     []bool // token inside a quotation
	credit     bool
	headline   bool // the document title: names only, no facts

	ments []mention
	cover []int16         // token → mention index + 1, 0 when none
	syn   syntax.Sentence // tags, lemmas and tree, as far as tree says
	tree  treeState
	dates []document.DateMention
	dated bool
}

func (s *sent) markQuotes(a *analysis) {
	s.quoted = zeroed(s.quoted, len(s.toks))
	in := false
	for k, t := range s.toks {
		if t.kind == tQuote {
			r := a.text[t.start:t.end]
			switch r {
			case "“", "«", "‘":
				in = true
			case "”", "»":
				in = false
			default: // straight quote: toggle
				in = !in
			}
			s.quoted[k] = false
			continue
		}
		s.quoted[k] = in
	}
}

// zeroed returns b resized to n zero values, reusing its array when it is
// large enough.
func zeroed[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// panicSite returns the file:line of the extract code that panicked, for
// the internal-error message.
func panicSite() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "kg/extract.") && !strings.Contains(f.Function, "panicSite") &&
			!strings.Contains(f.Function, "Extract.func") {
			return fmt.Sprintf("%s:%d", filepath.Base(f.File), f.Line)
		}
		if !more {
			return "unknown"
		}
	}
}
