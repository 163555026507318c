package extract

import (
	"slices"
	"strings"

	"github.com/kgnews/kg/extract/gazetteer"
)

// orgModifiers are capitalised words that never start a person's name but
// may open an organisation's: "National Cancer Institute", "International
// Coffee Organization", "Law Enforcement Forces", "Asian Development Bank".
var orgModifiers = setOf("national", "international", "federal", "central", "world", "global", "state", "republic",
	"union", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "economic", "social",
	"pacific", "atlantic", "asia", "europe", "africa", "america", "middle", "far", "gulf", "law", "new", "truth",
	"cooperation")

// bodyWords open the names that every state gives its bodies: "Finance
// Ministry", "Coast Guard", "Constituent Assembly", "Air Force".
var bodyWords = func() map[string]bool {
	m := setOf("coast", "constituent", "national", "legislative", "air", "armed", "border", "customs", "statistics",
		"statistical", "planning", "audit", "electoral", "election", "supreme", "high", "central", "federal",
		"state", "police", "tax", "revenue", "immigration", "prosecution", "monetary", "development", "foreign",
		"agriculture", "agricultural", "labour", "labor", "planning", "cabinet", "presidential", "royal", "military")
	for w := range ministryFields {
		m[w] = true
	}
	return m
}()

// orgJoiners join the words of an organisation's name.
var orgJoiners = setOf("of", "and", "for", "&")

// orgLeadSkip are capitalised words before an organisation that belong to the
// sentence, not the name: "Former Cabinet minister", "Acting Finance
// Minister".
var orgLeadSkip = setOf("former", "then", "acting", "outgoing", "incoming", "veteran")

// capitalOrgAt finds an organisation named by a capitalised span starting at
// token k and ending in an organisation head ("Truth Commission", "Acme
// Technologies"), or opening with one before "of"/"for" ("Chamber of
// Commerce", "Institute for Plasma Physics"). A country name, alias or
// demonym right before the span opens the name ("Japan Airlines", "UK
// Independence Party", "Brazilian Coffee Institute"), and "of [the] <country>"
// after a head closes it ("Law Enforcement Forces of the Islamic Republic of
// Iran"). Two names joined by "and" stay two ("the Interim Committee and
// Development Committee"). It adds the mention and returns its end, or k.
func (a *analysis) capitalOrgAt(s *sent, k int) int {
	n := len(s.toks)
	w := a.word(s, k)
	if !s.toks[k].cap || s.cover[k] != 0 {
		return k
	}
	start := k
	if orgLeadSkip[w] && k+1 < n && s.toks[k+1].cap {
		k++
		w = a.word(s, k)
	}
	if strings.HasSuffix(w, "-based") {
		k++ // "Shenzhen-based Kuntai Semiconductor": a location, not the name
		w = a.word(s, k)
	}
	if k >= n || !s.toks[k].cap || s.cover[k] != 0 {
		return start
	}
	i := k
	var c *gazetteer.Country
	if pm := s.mentionAt(k - 1); pm != nil && pm.j == k && pm.rc != nil && k == start && !pm.poss &&
		(pm.ckind == gazetteer.KindName || pm.ckind == gazetteer.KindAlias || pm.ckind == gazetteer.KindDemonym) {
		i, c = pm.i, pm.rc
	}
	if nameStop[w] && !orgModifiers[w] && !orgHeads[w] && i == k {
		return start
	}
	j := k
	and := -1
	for j < n && s.cover[j] == 0 && (s.toks[j].cap || orgJoiners[a.word(s, j)] && j+1 < n && s.toks[j+1].cap) {
		if a.word(s, j) == "and" && j > k && orgHeads[a.word(s, j-1)] && and < 0 {
			and = j
		}
		j++
	}
	for j > k && orgJoiners[a.word(s, j-1)] {
		j-- // "the Board of Deputies of British Jews": the name stops at a mention
	}
	if and > 0 && orgHeads[a.word(s, j-1)] {
		j = and // "the Interim Committee and Development Committee": two bodies
	}
	headLast := j-i >= 2 && orgHeads[a.word(s, j-1)] && (!orgHeads[w] || i < k)
	head := a.word(s, j-1)
	headFirst := false
	if !headLast {
		// "(Economic) Commission for Latin America", "Chamber of Commerce"
		for h := k; h+2 < j; h++ {
			if orgHeads[a.word(s, h)] && (a.word(s, h+1) == "of" || a.word(s, h+1) == "for") {
				headFirst, head = true, a.word(s, h)
				break
			}
			if !s.toks[h].cap {
				break
			}
		}
	}
	if !headLast && !headFirst || j-k > 6 {
		return start
	}
	if headFirst {
		// "Department of Agriculture Deputy Administrator X": a title
		// after the complement ends the name
		for q := k + 2; q < j; q++ {
			if (s.toks[q].cls&clsTitle1 != 0 || titlePrefixes[a.word(s, q)]) && !orgHeads[a.word(s, q)] {
				j = q
				break
			}
		}
	}
	if headLast {
		// "Slifer of Lehman Government Securities Inc": a person of the
		// company, who is no part of its name
		for q := k + 1; q < j-1; q++ {
			if orgHeads[a.word(s, q-1)] {
				break
			}
			if a.word(s, q) == "of" {
				k, i, c = q+1, q+1, nil
				break
			}
		}
	}
	if s.headline && a.allCaps(s, i, j) && j-i >= 3 {
		return start // "U.K. SEEKS MORE GLOBAL SECURITIES CO": a shouted headline
	}
	if i == k {
		// "UN Economic Commission …": an intergovernmental body's prefix
		if pm := s.mentionAt(k - 1); pm != nil && pm.j == k && pm.ent != nil && pm.ent.kind == entOrg &&
			strings.HasPrefix(pm.ent.orgKind, "igo") && s.toks[k-1].upper {
			i = k - 1
		}
	}
	if i >= 2 && s.toks[i-1].kind == tDash && s.toks[i-1].start == s.toks[i-2].end && s.toks[i-1].end == s.toks[i].start {
		// "British-Soviet Chamber of Commerce", "Inter-American Development Bank"
		if pm := s.mentionAt(i - 2); pm != nil && pm.j == i-1 && pm.rc != nil {
			i = pm.i
		} else if s.toks[i-2].cap && s.cover[i-2] == 0 {
			i, c = i-2, nil // "Inter-American": no demonym of its own
		}
	}
	if i < k && a.word(s, i) == "the" {
		i++ // "the UK Independence Party": the article is no part of the name
	}
	// "… Forces of the Islamic Republic of Iran": the country closes the name
	if q := j; a.word(s, q) == "of" && orgHeads[a.word(s, j-1)] {
		q++
		if a.word(s, q) == "the" && s.mentionAt(q) == nil {
			q++
		}
		if m := s.mentionAt(q); m != nil && m.i == q && m.rc != nil && m.ckind == gazetteer.KindName && s.cover[j] == 0 {
			if c == nil {
				c = m.rc
			}
			j = m.j
		}
	}
	if c == nil && i > 0 && s.toks[i-1].kind == tPoss {
		_, c = a.orgCountryBefore(s, i) // "Iran's Supreme National Security Council"
	}
	name := a.span(s, i, j)
	kind := orgKindOf(head)
	short := ""
	if kind == "company" {
		// "Toshiba Corp": the legal form stays in the name, the short
		// form is an alias
		short = trimCompanySuffix(name)
		j = a.companySuffixEnd(s, j)
	}
	e := a.orgEntity(name, kind, c)
	e.emit = true
	if short != name {
		e.addAlias(short)
	}
	if strings.HasSuffix(strings.ToLower(name), "news agency") {
		e.orgKind, e.emit = "news agency", false // an outlet, never an actor
	}
	if kind == "government agency" && c == nil && j-i == 2 && bodyWords[a.word(s, i)] {
		// "Finance Ministry", "Coast Guard", "Constituent Assembly": a bare
		// state body of no stated country names a different body in every
		// country's news; it is a node only when it acts in a fact
		e.factOnly = true
	}
	s.replaceMentions(mention{i: i, j: j, ent: e})
	// "(VNA)": an acronym defined in parentheses
	if a.surface(s, j) == "(" && j+2 < n && s.toks[j+1].upper && a.surface(s, j+2) == ")" {
		a.defineAcronym(a.surface(s, j+1), e)
	}
	if kind == "company" {
		// "Kuntai" alone later names the company
		if first := a.surface(s, k); first != "" && first != name && !a.isCommonCap(first) {
			a.defineAcronym(first, e)
		}
	}
	return j
}

// companyNouns describe a company in an apposition before its name: "French
// car maker Peugeot", "Spanish carrier Air Europe", "Japanese rival Nissan
// Motor", "water firm Aguas Argentinas".
var companyNouns = setOf("maker", "carmaker", "automaker", "carrier", "airline", "firm", "company", "rival",
	"lender", "insurer", "reinsurer", "retailer", "manufacturer", "chipmaker", "conglomerate", "giant", "operator",
	"producer", "supplier", "brewer", "miner", "refiner", "bank", "group", "subsidiary", "unit", "shipper",
	"shipbuilder", "steelmaker", "exporter", "importer", "distributor", "developer", "partner", "competitor")

// findDescribedCompanies finds companies named right after a descriptive
// noun phrase: "(Japanese) car maker Peugeot", "carrier Air Europe", "rival
// All Nippon". The name is the capitalised span after the noun, up to four
// words, that no other mention covers; a demonym before the phrase gives its
// country. A titled person ("firm chairman John Smith") is not a company:
// the noun must stand right before the name.
func (a *analysis) findDescribedCompanies(s *sent) {
	a.findTickerCompanies(s)
	n := len(s.toks)
	for k := 0; k+1 < n; k++ {
		w := a.word(s, k)
		if !companyNouns[w] || s.toks[k].cap || !s.toks[k+1].cap || s.toks[k+1].kind != tWord {
			continue
		}
		if m := s.mentionAt(k + 1); m != nil {
			// "Japanese car maker Kanto Motors": a company found by its
			// head takes the country of the phrase
			if m.i == k+1 && m.ent != nil && m.ent.kind == entOrg && m.ent.country == nil {
				m.ent.country = a.companyCountryBefore(s, k)
			}
			continue
		}
		if _, isTitle := titles[a.word(s, k+1)]; isTitle || honorifics[a.word(s, k+1)] {
			continue
		}
		if nameStop[a.word(s, k+1)] && (k+2 >= n || !s.toks[k+2].cap || s.cover[k+2] != 0) {
			continue // "rival All Nippon", never "firm The"
		}
		j := k + 1
		for j < n && j-k <= 4 && s.cover[j] == 0 && (s.toks[j].kind == tWord && s.toks[j].cap && s.toks[j].cls&clsTitle1 == 0 ||
			a.surface(s, j) == "&" && j+1 < n && s.toks[j+1].cap) {
			j++ // "Ernst & Young"
		}
		// a person's name after "partner", "rival": "rival John Smith" is
		// rare next to the evidence of a company before the noun
		c := a.companyCountryBefore(s, k)
		if c == nil && !strongCompanyNoun[w] {
			continue // "partner Emmanuel Macron": only a country-led phrase tells a company
		}
		name := trimCompanySuffix(a.span(s, k+1, j))
		e := a.orgEntity(name, "company", c)
		e.emit = true
		s.addMention(mention{i: k + 1, j: j, ent: e})
		if !a.isCommonCap(name) && !strings.Contains(name, " ") {
			a.defineAcronym(name, e) // "Peugeot" alone later names it
		}
		if first := a.surface(s, k+1); first != name && !a.isCommonCap(first) {
			a.defineAcronym(first, e) // "Nissan" for "Nissan Motor"
		}
		k = j - 1
	}
}

// companyCountryBefore returns the country of a company description ending
// in the noun at token k: "French car maker", "Japan's oil firm"; nil when
// none.
func (a *analysis) companyCountryBefore(s *sent, k int) *gazetteer.Country {
	q := k - 1
	for q >= 0 && !s.toks[q].cap && s.toks[q].kind == tWord && q >= k-3 && !nameStop[a.word(s, q)] {
		q-- // "car" in "car maker", "oil" in "oil firm"
	}
	if m := s.mentionAt(q); m != nil && m.rc != nil && m.j == q+1 {
		return m.rc
	}
	if q >= 1 && s.toks[q].kind == tPoss {
		if m := s.mentionAt(q - 1); m != nil && m.rc != nil {
			return m.rc
		}
	}
	return nil
}

// strongCompanyNoun are the descriptive nouns that name a company without a
// country before them: "water firm Aguas Argentinas", "carrier Air Europe".
var strongCompanyNoun = setOf("maker", "carmaker", "automaker", "carrier", "airline", "firm", "company", "lender",
	"insurer", "reinsurer", "retailer", "manufacturer", "chipmaker", "conglomerate", "steelmaker", "shipbuilder",
	"brewer", "refiner")

// tickerAt reports whether a stock ticker in angle brackets starts at token
// k: "<TSBA.T>", "<C>", the wire's mark of a listed company.
func (a *analysis) tickerAt(s *sent, k int) bool {
	if a.surface(s, k) != "<" {
		return false
	}
	rest := a.text[s.toks[k].end:min(int(s.toks[k].end)+14, s.end)]
	end := strings.IndexByte(rest, '>')
	if end < 1 {
		return false
	}
	for _, r := range rest[:end] {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.') {
			return false
		}
	}
	return true
}

// findTickerCompanies finds the companies that wire copy marks with their
// stock ticker: "Toshiba Corp <TSBA.T>", "Dutch company Akzo <AKZO.AS>",
// "Bank of Nova Scotia <BNO.TO>". The name is the capitalised span before
// the ticker (country names inside it belong to it).
func (a *analysis) findTickerCompanies(s *sent) {
	for k := 1; k < len(s.toks); k++ {
		if !a.tickerAt(s, k) {
			continue
		}
		if m := s.mentionAt(k - 1); m != nil && m.ent != nil && m.ent.kind == entOrg {
			continue // found by its head or the gazetteer
		}
		i := k
		for i > 0 && k-i < 6 {
			p := i - 1
			if t := s.toks[p]; t.kind == tWord && t.cap || orgJoiners[a.word(s, p)] && p > 0 && s.toks[p-1].cap {
				if m := s.mentionAt(p); m != nil && (m.ent == nil || m.ent.kind != entCountry) {
					break
				}
				i--
				continue
			}
			break
		}
		for i < k && (nameStop[a.word(s, i)] && !orgModifiers[a.word(s, i)] && !orgHeads[a.word(s, i)] || orgJoiners[a.word(s, i)]) {
			i++
		}
		if i == k {
			continue
		}
		name := a.span(s, i, k)
		var c *gazetteer.Country
		if i > 0 {
			c = a.companyCountryBefore(s, i)
		}
		e := a.orgEntity(name, "company", c)
		e.emit = true
		if short := trimCompanySuffix(name); short != name {
			e.addAlias(short)
		}
		s.replaceMentions(mention{i: i, j: k, ent: e})
	}
}

// allCaps reports whether every word of tokens [i, j) is in capitals.
func (a *analysis) allCaps(s *sent, i, j int) bool {
	for q := i; q < j; q++ {
		if s.toks[q].kind == tWord && !s.toks[q].upper {
			return false
		}
	}
	return true
}

// findSelfReportingCompanies finds the organisations that report on
// themselves: "Deutsche Boerse said it would lift its dividend", "Mitsubishi
// said its sales fell". A capitalised name of up to four words that says
// "it"/"its" of itself is no person; every later mention of the same words
// in the document is the organisation too. It runs after the fixed mentions
// of every sentence, before persons are read.
func (a *analysis) findSelfReportingCompanies() {
	var names [][]string
	for si := range a.sents {
		s := &a.sents[si]
		if s.headline || s.credit {
			continue
		}
		for v := 1; v+1 < len(s.toks); v++ {
			if !speechVerbs[a.word(s, v)] || a.word(s, v+1) != "it" && a.word(s, v+1) != "its" || s.quoted[v] {
				continue
			}
			i := v
			for i > 0 && v-i < 4 && s.toks[i-1].kind == tWord && s.toks[i-1].cap && s.cover[i-1] == 0 &&
				s.toks[i-1].cls&(clsTitle1|clsTitlePlural|clsPronoun) == 0 {
				i--
			}
			for i < v && nameStop[a.word(s, i)] && !orgModifiers[a.word(s, i)] {
				i++ // "The", "But": sentence words
			}
			if i == v || i > 0 && (s.toks[i-1].kind == tWord && s.toks[i-1].cap || s.toks[i-1].kind == tPoss) {
				continue // part of a longer or owned name
			}
			name := make([]string, 0, v-i)
			for q := i; q < v; q++ {
				name = append(name, a.surface(s, q))
			}
			if !a.titledAnywhere(name[len(name)-1]) && (len(name) < 3 || !slices.ContainsFunc(name, isPartyLabel)) {
				names = append(names, name)
			}
		}
	}
	for _, name := range names {
		e := a.orgEntity(strings.Join(name, " "), "organization", nil)
		e.emit = true
		for si := range a.sents {
			s := &a.sents[si]
			added := false
			for k := 0; k+len(name) <= len(s.toks); k++ {
				if a.tokensAre(s, k, name) && (k+len(name) == len(s.toks) || !s.toks[k+len(name)].cap) &&
					(k == 0 || !s.toks[k-1].cap || s.toks[k-1].kind != tWord) && s.addMention(mention{i: k, j: k + len(name), ent: e}) {
					added = true
				}
			}
			if added {
				s.reindex()
			}
		}
	}
}

// titledAnywhere reports whether the word w follows a title or honorific
// somewhere in the document ("Mr Browne", "SNP leader Alex Salmond"): then
// it names a person, whatever "it" they speak of.
func (a *analysis) titledAnywhere(w string) bool {
	for si := range a.sents {
		s := &a.sents[si]
		for k := 1; k < len(s.toks); k++ {
			if a.surface(s, k) != w {
				continue
			}
			for q := k - 1; q >= 0 && q >= k-3; q-- {
				if s.toks[q].cls&clsTitle1 != 0 || a.surface(s, q) == "." && honorifics[a.word(s, q-1)] {
					return true
				}
				if s.toks[q].kind != tWord || !s.toks[q].cap {
					break
				}
			}
		}
	}
	return false
}

// isPartyLabel reports whether w labels a politician: "Liberal Democrat
// David Laws said it …" names a person.
func isPartyLabel(w string) bool { return partyLabels[strings.ToLower(w)] }

// tokensAre reports whether the tokens of s from k are written as ws.
func (a *analysis) tokensAre(s *sent, k int, ws []string) bool {
	for q, w := range ws {
		if a.surface(s, k+q) != w {
			return false
		}
	}
	return true
}
