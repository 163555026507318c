package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgnews/kg/extract/gazetteer"
)

// tokenStartAt returns the index of the token of s starting at byte offset off
// (relative to the document text), or -1.
func tokenStartAt(s *sent, off int) int {
	i := sort.Search(len(s.toks), func(k int) bool { return int(s.toks[k].start) >= off })
	if i < len(s.toks) && int(s.toks[i].start) == off {
		return i
	}
	return -1
}

// tokenEndAt returns the index of the token of s ending at byte offset off,
// or -1.
func tokenEndAt(s *sent, off int) int {
	i := sort.Search(len(s.toks), func(k int) bool { return int(s.toks[k].end) >= off })
	if i < len(s.toks) && int(s.toks[i].end) == off {
		return i
	}
	return -1
}

// addMention adds m to s unless it overlaps a mention already there.
func (s *sent) addMention(m mention) bool {
	if m.i < 0 || m.j > len(s.toks) || m.i >= m.j {
		return false
	}
	if len(s.cover) != len(s.toks) {
		s.cover = zeroed(s.cover, len(s.toks))
	}
	for k := m.i; k < m.j; k++ {
		if s.cover[k] != 0 {
			return false
		}
	}
	s.ments = append(s.ments, m)
	for k := m.i; k < m.j; k++ {
		s.cover[k] = int16(len(s.ments))
	}
	return true
}

// replaceMentions removes the mentions inside [i, j) and adds m.
func (s *sent) replaceMentions(m mention) {
	out := s.ments[:0]
	for _, old := range s.ments {
		if old.j <= m.i || old.i >= m.j {
			out = append(out, old)
		}
	}
	s.ments = out
	s.ments = append(s.ments, m)
	s.reindex()
}

// reindex orders the mentions by position and rebuilds the cover index.
func (s *sent) reindex() {
	slices.SortFunc(s.ments, func(x, y mention) int { return x.i - y.i })
	s.cover = zeroed(s.cover, len(s.toks))
	for n, m := range s.ments {
		for k := m.i; k < m.j; k++ {
			s.cover[k] = int16(n + 1)
		}
	}
}

// mentionAt returns the mention covering token k, or nil.
func (s *sent) mentionAt(k int) *mention {
	if k < 0 || k >= len(s.cover) || s.cover[k] == 0 {
		return nil
	}
	return &s.ments[s.cover[k]-1]
}

// findFixedMentions finds the countries and organisations of s: gazetteer
// forms and generic organisation patterns.
func (a *analysis) findFixedMentions(s *sent) {
	s.cover = zeroed(s.cover, len(s.toks))
	s.ments = s.ments[:0]
	if len(s.toks) == 0 {
		return
	}
	text := a.text[s.start:s.end]
	for _, om := range a.gz.FindOrgs(text) {
		i, j := tokenStartAt(s, s.start+om.Start), tokenEndAt(s, s.start+om.End)
		if i < 0 || j < 0 {
			continue
		}
		var c *gazetteer.Country
		if om.Org.Country != "" {
			c, _ = a.gz.Lookup(om.Org.Country)
			c = a.countryAsOf(c)
		}
		e := a.orgEntity(om.Org.Name, om.Org.Kind, c)
		media := om.Org.Kind == "news agency" || om.Org.Kind == "broadcaster" || om.Org.Kind == "newspaper"
		if !media {
			e.emit = true
		}
		if om.Text != om.Org.Name {
			e.addAlias(strings.TrimPrefix(strings.TrimPrefix(om.Text, "the "), "The "))
		}
		s.addMention(mention{i: i, j: j + 1, ent: e, media: media})
	}
	for _, cm := range a.gz.FindAll(text) {
		i, j := tokenStartAt(s, s.start+cm.Start), tokenEndAt(s, s.start+cm.End)
		if i < 0 || j < 0 {
			continue
		}
		if i == j && cm.Kind != gazetteer.KindDemonym && a.givenNameAfterTitle(s, i-1) {
			// "President Rafael Lima", "Minister Georgia Paris": a place
			// name after a titled given name is the family name
			continue
		}
		if i == j && cm.Kind != gazetteer.KindDemonym && a.givenNameBeforeName(s, i) {
			// "Defence Minister Israel Ortega": a titled place name
			// followed by a name is the given name
			continue
		}
		// "Moscow" in a 1987 story is the Soviet Union
		c := a.countryAsOf(cm.Country)
		m := mention{i: i, j: j + 1, ent: a.countryEntity(c), ckind: cm.Kind, rc: c}
		if cm.Kind == gazetteer.KindDemonym {
			// "Chinese" alone is the people or the language; before a
			// noun it is a modifier. Neither is the state acting, but the
			// country is mentioned.
			m.adj = true
			if j+1 < len(s.toks) && stateNouns[a.word(s, j+1)] {
				// "the Japanese government added …": the state itself
				m.adj, m.j = false, j+2
			}
		}
		if s.addMention(m) && !s.credit {
			m.ent.emit = true
			if cm.Kind != gazetteer.KindDemonym && cm.Kind != gazetteer.KindName {
				m.ent.addAlias(strings.TrimPrefix(strings.TrimPrefix(cm.Text, "the "), "The "))
			}
		}
	}
	a.findPatternOrgs(s)
	s.reindex()
	for n := range s.ments {
		m := &s.ments[n]
		if m.j < len(s.toks) && s.toks[m.j].kind == tPoss {
			m.poss = true
		}
	}
}

// readEra prepares countryAsOf for an undated document: a text that names a
// historical state and never its successor is from that state's time.
func (a *analysis) readEra() {
	if !a.ref.IsZero() {
		return
	}
	a.era = a.gz.EraOf(a.gz.FindAll(a.text))
}

// countryAsOf returns the state a reference to c meant when the document was
// written: "Moscow" in a 1987 story is the Soviet Union.
func (a *analysis) countryAsOf(c *gazetteer.Country) *gazetteer.Country {
	if old := a.era[c]; old != nil {
		return old
	}
	return a.gz.AsOf(c, a.ref)
}

// givenNameAfterTitle reports whether token p is a single capitalised name
// right after a title ("President Rafael", "Trade Minister Georgia"), so
// that a place name at p+1 continues the person's name. Token p must not
// itself be a country form: "Prime Minister Keir Starmer" has no place name,
// and in "Minister Chad Sydney" the first name is read before the second.
func (a *analysis) givenNameAfterTitle(s *sent, p int) bool {
	if p < 1 || s.toks[p].kind != tWord || !s.toks[p].cap || s.toks[p].upper || s.cover[p] != 0 ||
		s.toks[p].end != s.toks[p+1].start-1 {
		return false
	}
	if s.toks[p].cls&(clsNameStop|clsTitle1|clsTitlePlural) != 0 {
		return false
	}
	ti, _ := a.titleBefore(s, p)
	return ti < p
}

// givenNameBeforeName reports whether the single token i, right after a
// title, is followed on the same line by a capitalised word that can be a
// name and is no country form itself ("Minister Israel Ortega", not
// "President Xi Beijing").
func (a *analysis) givenNameBeforeName(s *sent, i int) bool {
	if i < 1 || i+1 >= len(s.toks) {
		return false
	}
	nx := s.toks[i+1]
	if nx.kind != tWord || !nx.cap || nx.upper || nx.start != s.toks[i].end+1 || nx.cls&(clsNameStop|clsTitle1|clsTitlePlural) != 0 {
		return false
	}
	if _, ok := a.gz.Lookup(a.surface(s, i+1)); ok {
		return false
	}
	ti, _ := a.titleBefore(s, i)
	return ti < i
}

// companySuffixEnd extends a company name ending before token j over its
// abbreviation's period and a second legal suffix: "Co., Ltd.", "Co. Ltd",
// "Corp., Inc.". The period is kept only when the sentence goes on.
func (a *analysis) companySuffixEnd(s *sent, j int) int {
	n := len(s.toks)
	period := func(q int) bool { return q < n && a.surface(s, q) == "." && q+1 < n }
	if period(j) {
		j++
	}
	q := j
	if q < n && a.surface(s, q) == "," {
		q++
	}
	switch a.word(s, q) {
	case "ltd", "limited", "inc", "llc", "plc":
		j = q + 1
		if period(j) {
			j++
		}
	}
	return j
}

// stateNouns after a demonym make the phrase the state acting: "the
// Japanese government", "Indian authorities".
var stateNouns = setOf("government", "authorities", "administration")

// orgHeads end a capitalised organisation name.
var orgHeads = setOf("ministry", "department", "agency", "organization", "organisation", "council", "commission",
	"committee", "union", "alliance", "fund", "bank", "court", "forum", "party", "association", "institute", "co",
	"bureau", "authority", "corporation", "corp", "inc", "ltd", "llc", "plc", "group", "holdings", "technologies",
	"technology", "company", "airlines", "motors", "industries", "systems", "electronics", "semiconductor",
	"pharmaceuticals", "petroleum", "guard", "corps", "parliament", "assembly", "senate", "congress", "cabinet",
	"secretariat", "office", "directorate", "service", "police", "army", "navy", "force", "forces", "board",
	"airways", "motor", "chamber", "chambers", "foundation", "federation", "confederation", "organisation",
	"league", "academy", "ag", "kk", "nv", "gmbh", "spa", "bv")

// ministryFields are the lower-case fields of "China's commerce ministry".
var ministryFields = setOf("foreign", "commerce", "defence", "defense", "finance", "trade", "interior", "justice",
	"economy", "energy", "industry", "agriculture", "health", "education", "treasury", "state", "war", "home",
	"environment", "transport", "culture", "information", "security", "intelligence", "economic", "oil")

// findPatternOrgs finds organisations by generic patterns: "X Ministry",
// "Ministry of X", "China's commerce ministry", "the X news agency", "X
// Corp".
func (a *analysis) findPatternOrgs(s *sent) {
	n := len(s.toks)
	for k := 0; k < n; k++ {
		if s.cover[k] != 0 {
			continue
		}
		w := a.word(s, k)
		// "news agency" after a capitalised name: "Interfax news agency",
		// "the Xinhua state news agency"
		if w == "news" && a.word(s, k+1) == "agency" || w == "state" && a.word(s, k+1) == "news" && a.word(s, k+2) == "agency" {
			j := k - 1
			for j >= 0 && (a.word(s, j) == "state-run" || a.word(s, j) == "official" || a.word(s, j) == "state") {
				j--
			}
			if j >= 0 && s.toks[j].cap && s.cover[j] == 0 && !nameStop[a.word(s, j)] {
				e := a.orgEntity(a.surface(s, j), "news agency", nil)
				s.addMention(mention{i: j, j: j + 1, ent: e, media: true})
				continue
			}
			if !s.toks[k].cap {
				continue
			}
			// "the Vietnam News Agency": a capitalised name, below
		}
		// "Ministry of Foreign Affairs"
		if s.toks[k].cap && (w == "ministry" || w == "department") && a.word(s, k+1) == "of" && k+2 < n && s.toks[k+2].cap {
			j := k + 2
			for j < n && (s.toks[j].cap || a.word(s, j) == "and") && s.cover[j] == 0 &&
				s.toks[j].cls&clsTitle1 == 0 && !titlePrefixes[a.word(s, j)] {
				j++ // "Department of Agriculture (Deputy Administrator X)"
			}
			if a.word(s, j-1) == "and" {
				j--
			}
			i, c := a.orgCountryBefore(s, k)
			name := a.span(s, k, j)
			if c != nil {
				name = c.Name + " " + name
			}
			e := a.orgEntity(name, "government agency", c)
			e.emit = true
			e.addAlias(a.span(s, i, j))
			s.addMention(mention{i: i, j: j, ent: e})
			k = j - 1
			continue
		}
		// "China's commerce ministry", "the Chinese Foreign Ministry"
		if ministryFields[w] && (a.word(s, k+1) == "ministry" || a.word(s, k+1) == "department") {
			i, c := a.orgCountryBefore(s, k)
			if c != nil {
				name := c.Name + " " + titleCase(w) + " " + titleCase(a.word(s, k+1))
				e := a.orgEntity(name, "government agency", c)
				e.emit = true
				e.addAlias(a.span(s, i, k+2))
				s.replaceMentions(mention{i: i, j: k + 2, ent: e})
				k++
				continue
			}
		}
		// capitalised span ending in an organisation head: "Truth Commission",
		// "Acme Technologies"
		if j := a.capitalOrgAt(s, k); j > k {
			k = j - 1
		}
	}
	a.findDescribedCompanies(s)
}

func orgKindOf(head string) string {
	switch head {
	case "corporation", "corp", "co", "inc", "ltd", "llc", "plc", "group", "holdings", "technologies", "technology",
		"company", "airlines", "airways", "motor", "motors", "industries", "systems", "electronics", "semiconductor",
		"pharmaceuticals", "petroleum", "ag", "kk", "nv", "gmbh", "spa", "bv":
		return "company"
	case "party":
		return "political organization"
	}
	return "government agency"
}

// orgCountryBefore returns the start of a country modifier before token k
// ("China's", "Chinese", "the US") and its country, or k and nil.
func (a *analysis) orgCountryBefore(s *sent, k int) (int, *gazetteer.Country) {
	j := k - 1
	if j >= 0 && s.toks[j].kind == tPoss {
		j--
	}
	if m := s.mentionAt(j); m != nil && m.rc != nil {
		i := m.i
		if a.word(s, i-1) == "the" {
			i--
		}
		return i, m.rc
	}
	return k, nil
}

func titleCase(w string) string {
	if w == "" {
		return w
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// trimCompanySuffix drops a legal-form suffix: "Kuntai Semiconductor Co" →
// "Kuntai Semiconductor".
func trimCompanySuffix(name string) string {
	for _, suf := range []string{" Co", " Corp", " Inc", " Ltd", " LLC", " PLC", " Plc", " plc", " Limited", " AG", " SA", " GmbH", " KK", " NV", " SpA", " BV"} {
		if strings.HasSuffix(name, suf) && strings.Count(name, " ") >= 2 {
			return strings.TrimSuffix(name, suf)
		}
	}
	return name
}

// defineAcronym makes form (an acronym or a company's first word) name e in
// the rest of the article.
func (a *analysis) defineAcronym(form string, e *entity) {
	if a.acronyms == nil {
		a.acronyms = make(map[string]*entity)
	}
	if _, ok := a.acronyms[form]; !ok {
		a.acronyms[form] = e
		e.addAlias(form)
	}
}

// findAcronyms adds mentions of the acronyms and short company names the
// article defined.
func (a *analysis) findAcronyms(s *sent) {
	if len(a.acronyms) == 0 {
		return
	}
	added := false
	for k, t := range s.toks {
		if !t.cap || s.cover[k] != 0 || t.kind != tWord {
			continue
		}
		if e := a.acronyms[a.surface(s, k)]; e != nil {
			if k+1 < len(s.toks) && s.toks[k+1].cap && s.toks[k+1].kind == tWord && !t.upper {
				continue // part of a longer name
			}
			s.addMention(mention{i: k, j: k + 1, ent: e})
			added = true
		}
	}
	if added {
		s.reindex()
	}
}

// isCommonCap reports whether a capitalised word is too common to stand for
// a company on its own ("General", "National", "China").
func (a *analysis) isCommonCap(w string) bool {
	lw := strings.ToLower(w)
	if nameStop[lw] || orgHeads[lw] || len(w) < 4 {
		return true
	}
	_, isTitle := titles[lw]
	c, n, _, ok := a.gz.Match(w)
	return isTitle || ok && n == len(w) && c != nil
}
