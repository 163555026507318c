package gazetteer

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kgnews/kg/graph"
)

// DataError reports a malformed line of a data file given to [New].
type DataError struct {
	File string // "countries" or "orgs"
	Line int    // 1-based line number; 0 when the error is not tied to one line
	Msg  string
}

func (e *DataError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("gazetteer: %s line %d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("gazetteer: %s: %s", e.File, e.Msg)
}

// spec is one form of a data file with its markers parsed.
type spec struct {
	text       string // the form without markers, apostrophes normalised to '
	optArticle bool   // "the? X"
	reqArticle bool   // "the X"
	nameLike   bool   // "X?"
	lookupOnly bool   // "~X"
}

// display is the form as the Country and Org list fields show it.
func (s spec) display(keepArticle bool) string {
	if s.reqArticle || (s.optArticle && keepArticle) {
		return "the " + s.text
	}
	return s.text
}

func parseSpec(raw string) (spec, error) {
	var s spec
	t := strings.TrimSpace(raw)
	if strings.HasPrefix(t, "~") {
		s.lookupOnly = true
		t = strings.TrimSpace(t[1:])
	}
	if len(t) > 1 && strings.HasSuffix(t, "?") {
		s.nameLike = true
		t = strings.TrimSpace(t[:len(t)-1])
	}
	switch {
	case strings.HasPrefix(t, "the? "):
		s.optArticle = true
		t = t[len("the? "):]
	case strings.HasPrefix(t, "the "):
		s.reqArticle = true
		t = t[len("the "):]
	}
	t = normApostrophes(strings.Join(strings.Fields(t), " "))
	if t == "" {
		return s, fmt.Errorf("empty form %q", raw)
	}
	if len(t) < 2 {
		return s, fmt.Errorf("form %q is shorter than two bytes", raw)
	}
	r, _ := utf8.DecodeRuneInString(t)
	if !isWordRune(r) {
		return s, fmt.Errorf("form %q does not start with a letter or digit", raw)
	}
	s.text = t
	return s, nil
}

// articleWords are the words that make a country's name take "the" in running English: "the
// Republic of Korea", "the United Arab Emirates", "the Czech Republic".
var articleWords = map[string]bool{
	"Commonwealth": true, "Confederation": true, "Duchy": true, "Emirate": true, "Emirates": true, "Federation": true,
	"Islands": true, "Kingdom": true, "Principality": true, "Republic": true, "State": true,
	"States": true, "Sultanate": true, "Union": true,
}

// takesArticle reports whether a name of several words reads with "the" ("the Russian
// Federation"), so that the article is optional on it even when the data file does not say so.
func takesArticle(s spec) bool {
	if s.reqArticle {
		return false
	}
	ws := strings.Fields(s.text)
	if len(ws) < 2 {
		return false
	}
	for _, w := range ws {
		if articleWords[w] {
			return true
		}
	}
	return false
}

// parseList parses a ";"-separated list column; "-" is the empty list.
func parseList(col string) ([]spec, error) {
	col = strings.TrimSpace(col)
	if col == "" || col == "-" {
		return nil, nil
	}
	var out []spec
	for _, raw := range strings.Split(col, ";") {
		s, err := parseSpec(raw)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func displays(ss []spec, keepArticle bool) []string {
	var out []string
	seen := make(map[string]bool, len(ss))
	for _, s := range ss {
		d := s.display(keepArticle)
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// record is one data line: the forms of one target, by kind, in priority order.
type record struct {
	line  int
	forms []kindSpec
}

type kindSpec struct {
	kind Kind
	spec
}

// dataLines yields the non-comment, non-blank lines of r split on tabs. A line has cols columns, or
// extra more when extra is not zero (the historical states of countries.tsv).
func dataLines(file string, r io.Reader, cols, extra int, each func(line int, f []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		if !utf8.ValidString(text) {
			return &DataError{File: file, Line: n, Msg: "invalid UTF-8"}
		}
		f := strings.Split(text, "\t")
		if len(f) != cols && (extra == 0 || len(f) != cols+extra) {
			want := fmt.Sprint(cols)
			if extra != 0 {
				want += fmt.Sprintf(" or %d", cols+extra)
			}
			return &DataError{File: file, Line: n, Msg: fmt.Sprintf("%d tab-separated columns, want %s", len(f), want)}
		}
		if err := each(n, f); err != nil {
			return &DataError{File: file, Line: n, Msg: err.Error()}
		}
	}
	if err := sc.Err(); err != nil {
		return &DataError{File: file, Msg: fmt.Sprintf("failed to read: %v", err)}
	}
	return nil
}

var isoID = regexp.MustCompile(`^[A-Z]{3}$`)

// New builds a gazetteer from a countries file and an organisations file in the format of the
// embedded countries.tsv and orgs.tsv (see their headers). orgs may be nil for none. Errors are
// *[DataError] values naming the file and line.
func New(countries, orgs io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{
		byID:      make(map[string]*Country),
		lookup:    make(map[string]*Country),
		orgByID:   make(map[string]*Org),
		orgLookup: make(map[string]*Org),
	}
	if err := g.readCountries(countries); err != nil {
		return nil, err
	}
	if orgs != nil {
		if err := g.readOrgs(orgs); err != nil {
			return nil, err
		}
	} else {
		g.oindex = newIndex()
	}
	return g, nil
}

func (g *Gazetteer) readCountries(r io.Reader) error {
	const file = "countries"
	var entries []entry[*Country]
	var blockers []record
	successors := make(map[*Country][]string)
	err := dataLines(file, r, 7, 2, func(line int, f []string) error {
		id := strings.TrimSpace(f[0])
		if id == "-" {
			rec, err := blocker(line, f[1])
			blockers = append(blockers, rec)
			return err
		}
		if !isoID.MatchString(id) {
			return fmt.Errorf("id %q is not three capital letters", id)
		}
		if _, dup := g.byID[id]; dup {
			return fmt.Errorf("duplicate id %s", id)
		}
		name, err := parseSpec(f[1])
		if err != nil {
			return fmt.Errorf("name: %v", err)
		}
		official, err := parseList(f[2])
		if err != nil || len(official) > 1 {
			return fmt.Errorf("official: want one form, got %q", f[2])
		}
		var lists [4][]spec
		for i := range lists {
			if lists[i], err = parseList(f[3+i]); err != nil {
				return fmt.Errorf("column %d: %v", 4+i, err)
			}
		}
		c := &Country{
			ID:       id,
			Name:     name.text,
			Aliases:  displays(lists[0], false),
			Demonyms: displays(lists[1], false),
			Capitals: displays(lists[2], false),
			Metonyms: displays(lists[3], true),
		}
		name.optArticle = name.optArticle || takesArticle(name)
		for i := range official {
			official[i].optArticle = official[i].optArticle || takesArticle(official[i])
		}
		for i := range lists[0] {
			lists[0][i].optArticle = lists[0][i].optArticle || takesArticle(lists[0][i])
		}
		rec := record{line: line, forms: []kindSpec{{KindName, name}}}
		if len(official) == 1 {
			c.Official = official[0].text
			rec.forms = append(rec.forms, kindSpec{KindName, official[0]})
		}
		for i, k := range []Kind{KindAlias, KindDemonym, KindCapital, KindMetonym} {
			for _, s := range lists[i] {
				rec.forms = append(rec.forms, kindSpec{k, s})
			}
		}
		for _, s := range lists[1] {
			if p := pluralDemonym(s.text); p != "" && !s.lookupOnly {
				rec.forms = append(rec.forms, kindSpec{KindDemonym, spec{text: p, nameLike: s.nameLike}})
			}
		}
		if len(f) == 9 {
			until := strings.TrimSpace(f[7])
			if _, err := time.Parse(time.DateOnly, until); err != nil {
				return fmt.Errorf("until: want an ISO date, got %q", f[7])
			}
			c.Until = until
			if succ := strings.TrimSpace(f[8]); succ != "" && succ != "-" {
				for _, id := range strings.Split(succ, ";") {
					if id = strings.TrimSpace(id); !isoID.MatchString(id) {
						return fmt.Errorf("successor %q is not three capital letters", id)
					}
					successors[c] = append(successors[c], strings.TrimSpace(id))
				}
			}
		}
		g.byID[id] = c
		entries = append(entries, entry[*Country]{c, rec})
		return nil
	})
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return &DataError{File: file, Msg: "no countries"}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].target.ID < entries[j].target.ID })
	if err := g.linkSuccessors(file, successors); err != nil {
		return err
	}
	for _, e := range entries {
		g.countries = append(g.countries, e.target)
	}
	g.cindex, err = indexForms(file, entries, g.lookup, blockers)
	return err
}

// linkSuccessors records, for each of today's states, the historical states it succeeded.
func (g *Gazetteer) linkSuccessors(file string, successors map[*Country][]string) error {
	for old, ids := range successors {
		for _, id := range ids {
			c, ok := g.byID[id]
			if !ok || c.Until != "" {
				return &DataError{File: file, Msg: fmt.Sprintf("%s: successor %s is not a current state", old.ID, id)}
			}
			if g.predecessors == nil {
				g.predecessors = make(map[*Country][]*Country)
			}
			g.predecessors[c] = append(g.predecessors[c], old)
		}
	}
	for _, olds := range g.predecessors {
		sort.Slice(olds, func(i, j int) bool { return olds[i].Until < olds[j].Until })
	}
	return nil
}

func (g *Gazetteer) readOrgs(r io.Reader) error {
	const file = "orgs"
	var entries []entry[*Org]
	var blockers []record
	err := dataLines(file, r, 4, 0, func(line int, f []string) error {
		if strings.TrimSpace(f[0]) == "-" {
			rec, err := blocker(line, f[3])
			blockers = append(blockers, rec)
			return err
		}
		name, err := parseSpec(f[0])
		if err != nil {
			return fmt.Errorf("name: %v", err)
		}
		kind := strings.TrimSpace(f[1])
		if kind == "" || kind == "-" {
			return fmt.Errorf("missing kind")
		}
		country := ""
		if cs := strings.TrimSpace(f[2]); cs != "" && cs != "-" {
			c, ok := g.Lookup(cs)
			if !ok {
				return fmt.Errorf("unknown country %q", cs)
			}
			country = c.Name
		}
		aliases, err := parseList(f[3])
		if err != nil {
			return fmt.Errorf("aliases: %v", err)
		}
		o := &Org{
			ID:      graph.ActorID(name.text),
			Name:    name.text,
			Aliases: displays(aliases, false),
			Kind:    kind,
			Country: country,
		}
		if _, dup := g.orgByID[o.ID]; dup {
			return fmt.Errorf("duplicate organisation id %s", o.ID)
		}
		g.orgByID[o.ID] = o
		// An organisation's aliases match as its names do.
		rec := record{line: line, forms: []kindSpec{{KindName, name}}}
		for _, s := range aliases {
			rec.forms = append(rec.forms, kindSpec{KindName, s})
		}
		entries = append(entries, entry[*Org]{o, rec})
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].target.ID < entries[j].target.ID })
	for _, e := range entries {
		g.orgs = append(g.orgs, e.target)
	}
	g.oindex, err = indexForms(file, entries, g.orgLookup, blockers)
	return err
}

// blocker reads the forms of a blocker line (an entry whose id is "-"):
// text that looks like an entry's form but names nothing.
func blocker(line int, list string) (record, error) {
	ss, err := parseList(list)
	rec := record{line: line}
	for _, s := range ss {
		rec.forms = append(rec.forms, kindSpec{KindName, s})
	}
	return rec, err
}

// entry is a country or an organisation with the record of its forms.
type entry[T any] struct {
	target T
	rec    record
}

// indexForms builds the index of the entries' forms, those of entries[i]
// naming target i, which it also records in lookup; then of the blockers'
// forms, which the index finds but which name nothing (-1).
func indexForms[T comparable](file string, entries []entry[T], lookup map[string]T, blockers []record) (*index, error) {
	b := newBuilder(file)
	for i, e := range entries {
		rec := e.rec
		for _, ks := range rec.forms {
			if err := b.add(ks.spec, int32(i), ks.kind, rec.line); err != nil {
				return nil, err
			}
			if err := addLookup(file, lookup, ks.spec.text, e.target, rec.line); err != nil {
				return nil, err
			}
		}
	}
	for _, rec := range blockers {
		for _, ks := range rec.forms {
			if err := b.add(ks.spec, -1, KindName, rec.line); err != nil {
				return nil, err
			}
		}
	}
	return b.build(), nil
}

// addLookup records a form for case-insensitive lookup; two targets for one form is an error.
func addLookup[T comparable](file string, m map[string]T, text string, v T, line int) error {
	k := normKey(text)
	if old, ok := m[k]; ok && old != v {
		return &DataError{File: file, Line: line, Msg: fmt.Sprintf("form %q is already another entry's", text)}
	}
	m[k] = v
	return nil
}

// pluralSuffixes are the endings of demonyms that are also nouns taking a plural "s": "Iranians",
// "Israelis", "Britons", "Swedes", "Kazakhs", "Czechs". Adjective-only demonyms ("French",
// "Chinese", "Swiss") and invariable ones ("Basotho", "Kyrgyz", "Malagasy") end otherwise.
var pluralSuffixes = []string{
	"an", "i", "er", "ar", "ot", "ard", "ite", "ene", "ane", "ede", "ine", "ino", "que", "on", "nn",
	"rb", "at", "k", "kh", "ech",
}

// pluralDemonym returns the plural of a demonym used as a noun, or "" when it has none.
func pluralDemonym(d string) string {
	if strings.HasSuffix(d, "ese") || strings.Contains(d, "-") && strings.HasPrefix(d, "I-") {
		return ""
	}
	for _, suf := range pluralSuffixes {
		if strings.HasSuffix(d, suf) {
			return d + "s"
		}
	}
	return ""
}

// normKey is the lookup key of a form: accents folded, lower case, one apostrophe, single spaces,
// no leading article.
func normKey(s string) string {
	s = strings.ToLower(foldDiacritics(normApostrophes(s)))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimPrefix(s, "the ")
	if strings.Contains(s, " & ") {
		s = strings.ReplaceAll(s, " & ", " and ")
	}
	for _, st := range []string{"st. ", "st "} {
		if rest, ok := strings.CutPrefix(s, st); ok {
			return "saint " + rest
		}
	}
	return s
}

// normApostrophes turns the typographic apostrophes into '.
func normApostrophes(s string) string {
	if !strings.ContainsAny(s, "’‘ʼ") {
		return s
	}
	return strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'").Replace(s)
}

// variants returns the literal strings a form matches in running text. explicit ones are the form
// with and without its article; generated ones fold accents, spell "Saint" as "St"/"St.", "and" as
// "&", capitalise a lower-case initial, and put the form in capitals for headlines.
func variants(s spec) (explicit, generated []string) {
	bases := []string{s.text}
	seen := map[string]bool{s.text: true}
	add := func(v string) {
		if !seen[v] {
			seen[v] = true
			bases = append(bases, v)
		}
	}
	add(foldDiacritics(s.text))
	for _, v := range append([]string(nil), bases...) {
		if rest, ok := strings.CutPrefix(v, "Saint "); ok {
			add("St " + rest)
			add("St. " + rest)
		}
	}
	for _, v := range append([]string(nil), bases...) {
		if strings.Contains(v, " and ") {
			add(strings.ReplaceAll(v, " and ", " & "))
		}
	}
	for _, v := range append([]string(nil), bases...) {
		r, size := utf8.DecodeRuneInString(v)
		if unicode.IsLower(r) {
			add(string(unicode.ToUpper(r)) + v[size:])
		}
	}
	var upper []string
	for _, v := range bases {
		if hasLower(v) && letterCount(v) >= 4 {
			upper = append(upper, strings.ToUpper(v))
		}
	}
	withArticle := func(v, article string) []string {
		switch {
		case s.optArticle:
			return []string{v, article + " " + v}
		case s.reqArticle:
			return []string{article + " " + v}
		}
		return []string{v}
	}
	for i, v := range bases {
		vs := append(withArticle(v, "the"), withArticle(v, "The")...)
		if i == 0 {
			explicit = append(explicit, dedupe(vs)...)
		} else {
			generated = append(generated, dedupe(vs)...)
		}
	}
	for _, v := range upper {
		generated = append(generated, withArticle(v, "THE")...)
	}
	return dedupe(explicit), dedupe(generated)
}

func dedupe(vs []string) []string {
	out := vs[:0:0]
	seen := make(map[string]bool, len(vs))
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
