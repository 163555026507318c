package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kgnews/kg/extract/gazetteer"
)

// personCand is a capitalised name span that may be a person, with the
// evidence found for it.
type personCand struct {
	tokens   []string // name tokens as written
	role     string
	country  *gazetteer.Country
	boss     string // "Putin's adviser": the possessor's short form
	licensed bool
	sent     int
	// contactSubj: a single capitalised word as the subject of a
	// consultation verb
	contactSubj bool
	titled      bool   // licensed by a title before it
	source      bool   // a commentator: "X, economist at Y"
	honor       string // a name honorific before it: "Seyyed"
	weak        bool   // from a title-case line: never extends a known name
}

// isNameToken reports whether token k of s can be part of a person name.
func (a *analysis) isNameToken(s *sent, k int) bool {
	t := s.toks[k]
	if t.kind != tWord || !t.cap || s.cover[k] != 0 {
		return false
	}
	if t.cls&(clsNameStop|clsTitle1|clsTitlePlural) != 0 && !a.monthAsGivenName(s, k) && !a.stopWordAsName(s, k) {
		return false
	}
	// the last word of a title: "Chief Executive", "Foreign Secretary",
	// "Chancellor of the Exchequer"
	for i := k - 1; i >= 0 && i >= k-4 && s.toks[i].kind == tWord; i-- {
		if _, ok := titles[a.lower[s.toks[i].start:t.end]]; ok {
			return false
		}
	}
	if t.upper && t.end-t.start > 3 {
		return false // "NATO", "BRICS": acronyms, not names
	}
	return true
}

// stopWordAsName reports whether a capitalised function word inside a
// sentence is a name right after a title: "President To Lam", "Mr An
// Nguyen" — short given names that are English words elsewhere.
func (a *analysis) stopWordAsName(s *sent, k int) bool {
	if k == 0 || s.toks[k].cls&clsNameStop == 0 || s.toks[k].cls&(clsTitle1|clsTitlePlural) != 0 {
		return false
	}
	switch a.word(s, k) {
	case "to", "an", "le", "la", "do", "ha", "ho", "ma", "lu", "so", "bo":
	default:
		return false
	}
	nx := k + 1
	return nx < len(s.toks) && s.toks[nx].kind == tWord && s.toks[nx].cap && s.toks[k-1].cls&clsTitle1 != 0
}

// patronymic particles introduce a father's name, which may be a title word
// elsewhere ("bin Sultan", "ibn Amir").
var patronymic = setOf("bin", "ibn", "ben", "bint")

// titleAsName reports whether token k is a capitalised one-word title used as
// a name after a patronymic particle: "Sultan" in "Zaid bin Sultan".
func (a *analysis) titleAsName(s *sent, k int) bool {
	t := s.toks[k]
	return t.kind == tWord && t.cap && !t.upper && s.cover[k] == 0 && t.cls&clsTitle1 != 0 && t.cls&clsNameStop == 0
}

// monthGiven are month words that are also given names ("Jan", "May",
// "June", "April", "August").
var monthGiven = setOf("jan", "may", "june", "april", "august")

// monthAsGivenName reports whether token k, a month word, is the given name
// of a titled person: right after a title and before another name word, as
// in "Polish Prime Minister Jan Nowicki". Elsewhere a month is never a name.
func (a *analysis) monthAsGivenName(s *sent, k int) bool {
	if !monthGiven[a.word(s, k)] || k == 0 || s.toks[k-1].kind != tWord || k+1 >= len(s.toks) {
		return false
	}
	next := s.toks[k+1]
	if next.kind != tWord || !next.cap || next.cls&(clsNameStop|clsTitle1|clsTitlePlural) != 0 || s.cover[k+1] != 0 {
		return false
	}
	// The previous token is a word, so titleBefore does not come back here
	// through its comma form.
	ti, role := a.titleBefore(s, k)
	return ti < k && role != ""
}

// nameSpanAt returns the end of the person-name span starting at token k
// (exclusive), or k when none starts there. Particles ("bin", "van") and
// hyphens may occur inside between capitalised tokens.
func (a *analysis) nameSpanAt(s *sent, k int) int {
	if !a.isNameToken(s, k) {
		return k
	}
	j := k + 1
	for j < len(s.toks) && j-k < 6 {
		if _, agr := agreementHeads[a.word(s, j)]; agr {
			return j // "Louvre Accord": the name of a deal ends a person's span
		}
		switch {
		case a.isNameToken(s, j):
			j++
		case (nameParticles[a.word(s, j)] || s.toks[j].kind == tDash) && j+1 < len(s.toks) && a.isNameToken(s, j+1) &&
			s.toks[j].kind != tPunct:
			j += 2
		case patronymic[a.word(s, j)] && j+1 < len(s.toks) && a.titleAsName(s, j+1):
			j += 2 // "Zaid bin Sultan": a father's name that is also a title
		case nameParticles[a.word(s, j)] && j+2 < len(s.toks) && s.toks[j+1].kind == tDash && a.isNameToken(s, j+2) &&
			s.toks[j+1].start == s.toks[j].end:
			j += 3 // "al-Sisi"
		case a.surface(s, j) == "." && s.toks[j-1].end-s.toks[j-1].start == 1 && s.toks[j-1].cap && j+1 < len(s.toks) &&
			a.isNameToken(s, j+1):
			j += 2 // "Donald J. Trump": a middle initial
		default:
			return j
		}
	}
	return j
}

// titleBefore matches a title or role phrase ending just before token k:
// "President", "Foreign Minister", "special envoy", "Secretary of State",
// optionally after "top"/"senior" adjectives. It returns the phrase start and
// the canonical role, or k and "".
func (a *analysis) titleBefore(s *sent, k int) (int, string) {
	for n := 5; n >= 1; n-- {
		i := k - n
		if i < 0 {
			continue
		}
		ok := true
		for q := i; q < k; q++ {
			if s.toks[q].kind != tWord && s.toks[q].kind != tDash || s.cover[q] != 0 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		phrase := a.lower[s.toks[i].start:s.toks[k-1].end]
		if role, ok := titles[phrase]; ok {
			if i > 0 && titlePrefixes[a.word(s, i-1)] && !strings.HasPrefix(strings.ToLower(role), a.word(s, i-1)) {
				i--
				role = titleCase(a.word(s, i)) + " " + role
			}
			for i > 0 && titleSkip[a.word(s, i-1)] {
				i--
			}
			// stacked titles: "his Saudi counterpart Prince Faisal"
			if j, outer := a.titleBefore(s, i); j < i && outer != "" {
				i = j
			}
			return i, role
		}
		if n == 1 && honorifics[phrase] {
			return i, ""
		}
	}
	// "Hungary's prime minister, Viktor Orbán,": a title set off by a comma,
	// the name itself followed by a comma or the end of the clause
	if k >= 2 && a.surface(s, k-1) == "," && k-1 > 0 {
		if ti, role := a.titleBefore(s, k-1); ti < k-1 && role != "" && (role != "Counterpart" || a.ownedTitle(s, ti)) {
			if e := a.nameEnd(s, k); e == len(s.toks) || a.surface(s, e) == "," || s.toks[e].kind == tPunct {
				return ti, role
			}
		}
	}
	// "ambassador to Moscow X", "Secretary of Iran's Supreme National
	// Security Council (SNSC) X": a title with its post
	if ti, role := a.titleWithPostBefore(s, k); ti < k {
		return ti, role
	}
	// "Mr." and "Gen.": the dot is its own token
	if k >= 2 && a.surface(s, k-1) == "." {
		w := a.word(s, k-2)
		if honorifics[w] {
			return k - 2, ""
		}
		if role, ok := titles[w+"."]; ok {
			return k - 2, role
		}
	}
	return k, ""
}

// titleWithPostBefore matches a title followed by the place or body of its
// post, ending just before token k: "ambassador to Moscow", "envoy to the
// United Nations", "Secretary of Iran's Supreme National Security Council
// (SNSC)". It returns the title's start and role, or k and "".
func (a *analysis) titleWithPostBefore(s *sent, k int) (int, string) {
	e := k
	if a.surface(s, e-1) == ")" && a.surface(s, e-3) == "(" && s.toks[e-2].upper {
		e -= 3 // a defined acronym
	}
	m := s.mentionAt(e - 1)
	if m == nil || m.j != e || m.adj || m.ckind == gazetteer.KindDemonym || m.rc == nil && (m.ent == nil || m.ent.kind != entOrg) {
		return k, "" // "director of the British Chambers": a modifier, no post
	}
	q := m.i
	if a.word(s, q-1) == "the" {
		q--
	}
	if q >= 2 && s.toks[q-1].kind == tPoss {
		// "of Iran's Council": the owner of the body
		if om := s.mentionAt(q - 2); om != nil && om.rc != nil && om.j == q-1 {
			q = om.i
		}
	}
	switch a.word(s, q-1) {
	case "to", "of", "at":
	default:
		return k, ""
	}
	if ti, role := a.titleBefore(s, q-1); ti < q-1 && role != "" && role != "Counterpart" {
		return ti, role
	}
	return k, ""
}

// ownedTitle reports whether the title starting at token ti has an owner
// before it: "his Mexican counterpart", "Japan's counterpart".
func (a *analysis) ownedTitle(s *sent, ti int) bool {
	_, c, boss := a.ownerBefore(s, ti)
	return c != nil || boss != ""
}

// titleOfCountryBefore matches "President of the Republic of Korea" ending
// just before token k, the form of official readouts. It returns the start,
// the role and the country, or k.
func (a *analysis) titleOfCountryBefore(s *sent, k int) (int, string, *gazetteer.Country) {
	m := s.mentionAt(k - 1)
	if m == nil || m.j != k || m.rc == nil || m.adj {
		return k, "", nil
	}
	q := m.i - 1
	if a.word(s, q) == "the" {
		q--
	}
	if a.word(s, q) != "of" {
		return k, "", nil
	}
	if ti, role := a.titleBefore(s, q); ti < q && role != "" {
		return ti, role, m.rc
	}
	return k, "", nil
}

// ownerBefore finds who a title belongs to, ending before token k: a country
// ("Chinese", "China's", "US", "the Kremlin") or a person possessive
// ("Putin's"). It returns the start of the owner phrase, the country, and the
// possessor's surface form for a person owner.
func (a *analysis) ownerBefore(s *sent, k int) (int, *gazetteer.Country, string) {
	j := k - 1
	poss := false
	if j >= 0 && s.toks[j].kind == tPoss {
		j--
		poss = true
	}
	if j < 0 {
		return k, nil, ""
	}
	if m := s.mentionAt(j); m != nil && m.j == j+1 {
		i := m.i
		if a.word(s, i-1) == "the" {
			i--
		}
		if m.rc != nil {
			return i, m.rc, ""
		}
		if m.ent != nil && m.ent.kind == entOrg {
			return i, m.ent.country, ""
		}
		return k, nil, ""
	}
	// "her Australian counterpart, Foreign Minister X"
	if a.surface(s, j) == "," && a.word(s, j-1) == "counterpart" {
		if m := s.mentionAt(j - 2); m != nil && m.rc != nil {
			return k, m.rc, ""
		}
	}
	// "The White House has said special envoy X": the speaking
	// government's official
	if speechVerbs[a.word(s, j)] {
		q := j - 1
		if w := a.word(s, q); w == "has" || w == "had" || w == "have" {
			q--
		}
		if m := s.mentionAt(q); m != nil && m.rc != nil && !m.adj && m.j == q+1 {
			return k, m.rc, ""
		}
	}
	if poss && s.toks[j].cap && s.toks[j].kind == tWord {
		i := j
		for i > 0 && a.isNameToken(s, i-1) {
			i--
		}
		return i, nil, a.span(s, i, j+1)
	}
	return k, nil, ""
}

// findPersonCandidates records the capitalised spans of s that may name
// people, with their licensing evidence.
func (a *analysis) findPersonCandidates(s *sent) {
	if s.credit {
		return
	}
	n := len(s.toks)
	titleCased := s.headline || a.isTitleCase(s)
	for k := 0; k < n; k++ {
		j := a.nameSpanAt(s, k)
		if j == k {
			continue
		}
		if j == k+1 && a.titleSurname(s, k, j) {
			j++ // "Commerce Minister Bilal Sheikh": a title word as family name
		}
		if j < n && s.toks[j].kind == tWord && s.toks[j].cap && s.toks[j].cls&clsTitle1 != 0 && j-k <= 3 {
			_, inTitle := titles[a.lower[s.toks[k].start:s.toks[j].end]] // "Trade Representative"
			if ti, _ := a.titleBefore(s, k); ti == k || inTitle {
				k = j - 1 // "External Trade Commissioner X": the span qualifies the title
				continue
			}
		}
		if partyLabels[a.word(s, j-1)] && j-k <= 3 {
			k = j - 1 // "Texas Democrat", "Labour Conservative": a politician's label, no name
			continue
		}
		for partyLabels[a.word(s, k)] && j-k >= 3 {
			k++ // "(Liberal) Democrat Graham Brady": the label is no part of the name
		}
		if _, agr := agreementHeads[a.word(s, j)]; agr && j < n {
			k = j - 1 // "the Louvre accord", "the Plaza agreement": a place that names a deal
			continue
		}
		for k < j && portfolioWords[a.word(s, k)] {
			k++ // "Agriculture minister X", "Economic Affairs Allen Wallis": a portfolio, no name
		}
		if k == j {
			k = j - 1
			continue
		}
		c := personCand{sent: s.idx}
		if k > 0 && nameHonorifics[a.word(s, k-1)] {
			c.honor = a.surface(s, k-1) // "Seyyed Ali …": kept in an alias
		}
		for q := k; q < j; q++ {
			if s.toks[q].kind == tWord && (s.toks[q].cap || q == k) {
				c.tokens = append(c.tokens, a.surface(s, q))
			} else if s.toks[q].kind == tDash || nameParticles[a.word(s, q)] {
				// keep particles and hyphens with the next token
				c.tokens = append(c.tokens, a.surface(s, q))
			}
		}
		c.tokens = joinParticles(c.tokens)
		if len(c.tokens)-particles(c.tokens) > 4 || orgHeads[strings.ToLower(c.tokens[len(c.tokens)-1])] {
			k = j - 1
			continue
		}
		// evidence before: "President of France X"
		if ti, role, cc := a.titleOfCountryBefore(s, k); ti < k {
			c.licensed, c.role, c.country = true, role, cc
		}
		// evidence before: a title, with an owner before it
		if ti, role := a.titleBefore(s, k); ti < k && !c.licensed {
			c.licensed, c.titled = true, true
			if role == "Counterpart" {
				role = "" // "his Chinese counterpart X": the role is the other's
			}
			c.role = role
			if role != "" || ti < k {
				_, c.country, c.boss = a.ownerBefore(s, ti)
			}
		}
		// apposition after: "X, the special envoy", "X, China's president"
		if !c.licensed || c.role == "" || c.country == nil {
			role, cc, boss := a.appositionAfter(s, j)
			if role != "" || cc != nil && c.licensed {
				c.licensed = true
				if c.role == "" {
					c.role = role
				}
				if c.country == nil {
					c.country, c.boss = cc, boss
				}
			}
		}
		c.source = a.commentatorAfter(s, j)
		// subject of a verb of speech or action, or the speaker after a
		// quotation ("…," said John Smith)
		if !c.licensed && len(c.tokens) >= 2 {
			v := j
			for v < n && (a.word(s, v) == "also" || a.word(s, v) == "has" || a.word(s, v) == "had" || a.word(s, v) == "have") {
				v++
			}
			w := a.word(s, v)
			if speechVerbs[w] || actionVerbs[w] && v == j && w != "is" && w != "was" && w != "has" && w != "had" && w != "will" && w != "would" {
				c.licensed = true
			}
			// "X had a telephone conversation with …"
			if lv := a.word(s, j); lightVerbs[lv] || lightVerbs[w] {
				for q := j + 1; q < n && q <= j+6; q++ {
					if s.toks[q].cls&clsContact != 0 && contactNouns[a.word(s, q)] {
						c.licensed = true
						break
					}
				}
			}
			if k > 1 && speechVerbs[a.word(s, k-1)] && (j == n || s.toks[j].kind == tPunct) &&
				(s.toks[k-2].kind == tQuote || a.surface(s, k-2) == ",") {
				c.licensed = true
			}
		}
		// the other party of a consultation: "met Fumio Kishida", "a call
		// with Emmanuel Macron"
		if !c.licensed && len(c.tokens) >= 2 && k > 0 {
			switch p := a.word(s, k-1); {
			case p == "met" || p == "meets" || p == "meeting" || p == "hosted" || p == "received" || p == "phoned":
				c.licensed = true
			case p == "with" || p == "to":
				for q := k - 2; q >= 0 && q >= k-5; q-- {
					if s.toks[q].cls&clsContact != 0 && a.word(s, q) != "told" {
						c.licensed = true
						break
					}
					if a.isBreak(s, q) {
						break
					}
				}
			}
		}
		// a bare surname as the other party of a consultation ("… said
		// Medvedev had met Erdogan in Sochi"): licensed below, like a
		// subject's
		if !c.licensed && len(c.tokens) == 1 && k > 0 {
			switch a.word(s, k-1) {
			case "met", "meets", "meeting", "hosted", "received", "phoned", "called", "telephoned":
				c.contactSubj = true
			}
		}
		// a bare surname as the subject of a consultation ("Modi met
		// Fumio Kishida"): licensed below when a named person shares the
		// sentence
		if !c.licensed && len(c.tokens) == 1 && !objectDeterminers[a.word(s, k-1)] {
			// ("the Louvre meeting" names a place, not a person who meets)
			v := j
			if w := a.word(s, v); w == "also" || w == "later" || w == "then" || w == "had" || w == "has" {
				v++
			}
			if w := a.word(s, v); contactVerbs[w] && w != "discussed" && w != "discuss" || lightVerbs[w] && a.contactNounAhead(s, v) {
				c.contactSubj = true
			}
		}
		// a transcript speaker: "Lin Mei: Yes."
		if !c.licensed && len(c.tokens) >= 2 && k == 0 && a.surface(s, j) == ":" {
			c.licensed = true
		}
		// a list after a plural title: "the foreign ministers, Selim Kaya
		// and Amr Nabil"
		if (!c.licensed || c.role == "") && len(c.tokens) >= 2 {
			if ok, role := a.pluralTitleBefore(s, k); ok {
				c.licensed, c.role = true, role
			}
		}
		if titleCased {
			// "Trump Meets Xi In Busan": capitals say nothing here; only a
			// title licenses, and no span extends a known name
			c.weak = true
			if !c.titled {
				c.licensed = false
			}
		}
		a.cands = append(a.cands, c)
		k = j - 1
	}
}

// portfolioWords name a minister's portfolio; they never begin a person's
// name.
var portfolioWords = setOf("agriculture", "affairs", "economy", "economic", "finance", "financial", "trade",
	"commerce", "defence", "defense", "industry", "energy", "interior", "health", "labour", "labor", "transport",
	"treasury", "foreign", "environment", "education", "fisheries")

// titleSurname reports whether the title word at j, right after the single
// given name at k, is the family name: the name follows a title of its own
// ("Commerce Minister Bilal Sheikh", "Senator Tom King") and no capitalised
// word follows j, so j is not the start of another titled name.
func (a *analysis) titleSurname(s *sent, k, j int) bool {
	if j >= len(s.toks) || s.cover[j] != 0 || s.toks[j].kind != tWord || !s.toks[j].cap || s.toks[j].upper ||
		s.toks[j].cls&clsTitle1 == 0 || s.toks[j].start != s.toks[k].end+1 {
		return false
	}
	if j+1 < len(s.toks) && s.toks[j+1].kind == tWord && s.toks[j+1].cap {
		return false
	}
	if _, ok := titles[a.word(s, j)]; !ok {
		return false // only a one-word title: "Sheikh", "King", not "Prime"
	}
	ti, _ := a.titleBefore(s, k)
	return ti < k
}

// joinParticles glues hyphens to their neighbours: ["Jean", "-", "Yves"] →
// ["Jean-Yves"].
func joinParticles(ts []string) []string {
	out := ts[:0]
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if (t == "-" || t == "‐" || t == "‑") && len(out) > 0 && i+1 < len(ts) {
			out[len(out)-1] += t + ts[i+1]
			i++
			continue
		}
		out = append(out, t)
	}
	return out
}

// commentatorJobs name the trades of people whom news quotes for comment:
// "economist at Credit Suisse", "head of strategy for Barclays Capital",
// "a professor at Harvard".
var commentatorJobs = setOf("economist", "analyst", "strategist", "dealer", "trader", "researcher", "professor",
	"lecturer", "fellow", "consultant", "broker", "banker", "expert", "scientist", "strategy", "research",
	"analysis", "economics", "adviser", "advisor")

// commentatorAfter reports whether the name ending before token j is set off
// by an apposition naming a commentator's trade at an institution: ",
// currency adviser at Swiss Bank Corp", ", economist at X", ", head of
// strategy … for Y". Such people are quoted as sources, not actors. Advisers
// count only "at" an institution ("adviser to the president" is an
// official).
func (a *analysis) commentatorAfter(s *sent, j int) bool {
	if j >= len(s.toks) || a.surface(s, j) != "," {
		return false
	}
	job := false
	for q := j + 1; q < len(s.toks) && q <= j+10; q++ {
		if t := s.toks[q]; t.kind == tPunct && a.surface(s, q) != "-" || t.kind == tQuote {
			return false
		}
		w := a.word(s, q)
		if commentatorJobs[w] && !s.toks[q].cap || w == "economist" || w == "analyst" {
			job = true
			if (w == "adviser" || w == "advisor") && a.word(s, q+1) != "at" {
				job = false
			}
			continue
		}
		if job && (w == "at" || w == "for" || w == "with" || w == "of") && q+1 < len(s.toks) && s.toks[q+1].cap {
			if m := s.mentionAt(q + 1); m != nil && m.rc != nil && m.ckind != gazetteer.KindDemonym && m.j >= len(s.toks)-1 {
				return false // "analyst of China": no institution
			}
			return true
		}
	}
	return false
}

// appositionAfter matches ", [the|a] [owner] [adj] TITLE" after token j.
func (a *analysis) appositionAfter(s *sent, j int) (string, *gazetteer.Country, string) {
	if j >= len(s.toks) || a.surface(s, j) != "," {
		return "", nil, ""
	}
	k := j + 1
	if a.word(s, k) == "of" {
		// "President Xi, of China,"
		if m := s.mentionAt(k + 1); m != nil && m.i == k+1 && m.rc != nil {
			return "", m.rc, ""
		}
	}
	if w := a.word(s, k); w == "the" || w == "a" || w == "an" {
		k++
	}
	var c *gazetteer.Country
	boss := ""
	if m := s.mentionAt(k); m != nil && m.i == k && (m.rc != nil || m.ent != nil && m.ent.kind == entOrg) {
		if m.rc != nil {
			c = m.rc
		} else {
			c = m.ent.country
		}
		k = m.j
		if k < len(s.toks) && s.toks[k].kind == tPoss {
			k++
		}
	} else if k+1 < len(s.toks) && s.toks[k].cap && s.toks[k+1].kind == tPoss {
		boss = a.surface(s, k)
		k += 2
	}
	for titleSkip[a.word(s, k)] {
		k++
	}
	for n := 5; n >= 1; n-- {
		if k+n > len(s.toks) {
			continue
		}
		phrase := a.lower[s.toks[k].start:s.toks[k+n-1].end]
		if role, ok := titles[phrase]; ok {
			// the title must end the apposition, not start a new name
			if e := k + n; e < len(s.toks) && s.toks[e].cap && s.toks[e].kind == tWord {
				return "", nil, ""
			}
			return role, c, boss
		}
	}
	return "", nil, ""
}

// registerPersons turns the candidates into the document's persons: every
// licensed span, and unlicensed multi-token spans that extend a licensed
// short form ("Xi Jinping" when "President Xi" was licensed). Bylines never
// become persons.
func (a *analysis) registerPersons() {
	licensedShort := map[string]bool{}
	for _, c := range a.cands {
		if c.licensed && len(c.tokens) == 1 {
			licensedShort[c.tokens[0]] = true
		}
	}
	for pass := 0; pass < 2; pass++ {
		for i := range a.cands {
			c := &a.cands[i]
			if a.isByline(c.tokens) {
				continue
			}
			multi := len(c.tokens) >= 2
			ok := c.licensed && multi && pass == 0
			if !ok && pass == 0 && multi && !c.weak && len(c.tokens) <= 3 &&
				(licensedShort[c.tokens[0]] || licensedShort[c.tokens[len(c.tokens)-1]]) {
				ok = true
			}
			if !ok && pass == 1 && c.licensed && !multi {
				ok = true
			}
			if !ok {
				continue
			}
			p := a.personFor(c.tokens, pass == 1)
			if p == nil {
				continue
			}
			if p.role == "" {
				p.role = c.role
			}
			if p.country == nil {
				p.country = c.country
			}
			if c.source {
				p.factOnly = true
			}
			if c.honor != "" {
				p.addAlias(c.honor + " " + strings.Join(c.tokens, " "))
			}
		}
	}
	// bare surnames as subjects of a consultation with a named person
	named := map[int]bool{}
	for i := range a.cands {
		if c := &a.cands[i]; c.licensed && len(c.tokens) >= 2 {
			named[c.sent] = true
		}
	}
	for i := range a.cands {
		c := &a.cands[i]
		if c.contactSubj && !c.licensed && named[c.sent] && !a.isByline(c.tokens) && a.lookupPerson(c.tokens) == nil {
			a.personFor(c.tokens, true)
		}
	}
	// an owner given as a person ("Putin's adviser") lends its country
	for i := range a.cands {
		c := &a.cands[i]
		if c.boss == "" || !c.licensed || a.isByline(c.tokens) {
			continue
		}
		p := a.lookupPerson(c.tokens)
		boss := a.lookupPerson(strings.Fields(c.boss))
		if p != nil && boss != nil && p.country == nil {
			p.country = boss.country
		}
	}
}

// isByline reports whether the name tokens are a byline or photo credit.
func (a *analysis) isByline(ts []string) bool {
	if a.byline == nil {
		return false
	}
	if a.byline[strings.ToLower(strings.Join(ts, " "))] {
		return true
	}
	return len(ts) == 1 && a.byline[strings.ToLower(ts[0])]
}

// personFor returns the person the name tokens denote, registering a new one
// when none matches. A single token only joins a person whose first or last
// name it is; it makes a new person when allowNew.
func (a *analysis) personFor(ts []string, allowNew bool) *entity {
	if p := a.lookupPerson(ts); p != nil {
		if fullTokens(ts) > fullTokens(p.tokens) && (ts[0] == p.tokens[0] || ts[len(ts)-1] == p.tokens[len(p.tokens)-1]) {
			// a longer full form: it becomes the canonical name
			old := p.name
			p.tokens = append([]string(nil), ts...)
			p.name = strings.Join(ts, " ")
			p.addAlias(old)
			a.indexPerson(p)
		}
		return p
	}
	if len(ts) == 1 && !allowNew {
		return nil
	}
	p := &entity{kind: entPerson, name: strings.Join(ts, " "), tokens: append([]string(nil), ts...), emit: true, lastS: -1,
		ids: &a.x.ids}
	a.persons = append(a.persons, p)
	a.ents = append(a.ents, p)
	a.indexPerson(p)
	return p
}

// indexPerson records p's short forms: its first and last name tokens.
func (a *analysis) indexPerson(p *entity) {
	add := func(f string) {
		for _, q := range a.short[f] {
			if q == p {
				return
			}
		}
		a.short[f] = append(a.short[f], p)
	}
	add(p.name)
	if a.fullNames == nil {
		a.fullNames = make(map[string]*entity)
		a.inner = make(map[string][]*entity)
	}
	a.fullNames[p.name] = p
	for _, t := range p.tokens[min(1, len(p.tokens)):max(len(p.tokens)-1, 1)] {
		if !slices.Contains(a.inner[t], p) {
			a.inner[t] = append(a.inner[t], p)
		}
	}
	if len(p.tokens) >= 2 {
		add(p.tokens[0])
		last := p.tokens[len(p.tokens)-1]
		add(last)
		// "al-Sisi" is "Sisi" too
		if i := strings.IndexAny(last, "-‐‑"); i > 0 && nameParticles[strings.ToLower(last[:i])] {
			_, w := utf8.DecodeRuneInString(last[i:])
			add(last[i+w:])
		}
	}
}

// lookupPerson returns the person whose name is ts, or whose short form ts
// is, or who shares ts's first or last token; nil when none or ambiguous.
func (a *analysis) lookupPerson(ts []string) *entity {
	if len(ts) == 0 {
		return nil
	}
	if len(ts) == 1 {
		if ps := a.short[ts[0]]; len(ps) == 1 {
			return ps[0]
		} else if len(ps) > 1 {
			for _, p := range ps {
				if p.name == ts[0] {
					return p
				}
			}
			return nil
		}
		// an inner name: "Lula" of "Luiz Inacio Lula da Silva"
		if ps := a.inner[ts[0]]; len(ps) == 1 && len(ts[0]) >= 3 {
			return ps[0]
		}
		return a.misspeltSurname(ts[0])
	}
	full := strings.Join(ts, " ")
	if p := a.fullNames[full]; p != nil {
		return p
	}
	// "Xi Jinping" joins "Xi"; "Donald J. Trump" joins "Donald Trump"
	var found *entity
	cands := a.short[ts[0]]
	if last := ts[len(ts)-1]; last != ts[0] {
		cands = append(cands[:len(cands):len(cands)], a.short[last]...)
	}
	for _, p := range cands {
		if len(p.tokens) == 1 && (p.tokens[0] == ts[0] || p.tokens[0] == ts[len(ts)-1]) ||
			len(p.tokens) >= 2 && p.tokens[0] == ts[0] && p.tokens[len(p.tokens)-1] == ts[len(ts)-1] ||
			particleSurname(ts, p.tokens) {
			if found != nil && found != p {
				return nil
			}
			found = p
		}
	}
	return found
}

// particleSurname reports whether ts is the surname of the full name full
// with its particle: "De Vido" of "Julio De Vido", "de Rato" of "Rodrigo de
// Rato".
func particleSurname(ts, full []string) bool {
	return len(ts) >= 2 && len(full) > len(ts) && nameParticles[strings.ToLower(ts[0])] &&
		slices.Equal(full[len(full)-len(ts):], ts)
}

// misspeltSurname returns the one person of the document whose surname
// differs from w only by two swapped adjacent letters, the commonest typing
// slip in wire copy ("Barrioneuvo" for "Barrionuevo"); nil when none or
// several. Short names are left alone: a swap there makes another name.
func (a *analysis) misspeltSurname(w string) *entity {
	if utf8.RuneCountInString(w) < 6 {
		return nil
	}
	var found *entity
	for _, p := range a.persons {
		if len(p.tokens) < 2 || !swappedPair(w, p.tokens[len(p.tokens)-1]) {
			continue
		}
		if found != nil && found != p {
			return nil
		}
		found = p
	}
	return found
}

// swappedPair reports whether x and y differ exactly by one transposition of
// adjacent runes.
func swappedPair(x, y string) bool {
	rx, ry := []rune(x), []rune(y)
	if len(rx) != len(ry) {
		return false
	}
	i := 0
	for i < len(rx) && rx[i] == ry[i] {
		i++
	}
	return i+1 < len(rx) && rx[i] == ry[i+1] && rx[i+1] == ry[i] && string(rx[i+2:]) == string(ry[i+2:]) && rx[i] != rx[i+1]
}

// pluralTitleBefore reports whether the name at token k is listed after a
// plural title: "ministers, X and Y", "the two presidents, X and Y".
func (a *analysis) pluralTitleBefore(s *sent, k int) (bool, string) {
	q := k - 1
	for q >= 1 {
		w := a.word(s, q)
		if s.toks[q].cls&clsTitlePlural != 0 {
			break
		}
		if w == "," || w == "and" {
			q--
			continue
		}
		// "Prime Ministers Zhao Ziyang of China and X of Portugal",
		// "Senators A of Utah, B of Alabama and C": each name with its place
		if w == "of" && q+1 < len(s.toks) && s.toks[q+1].cap && q+1 < k {
			q--
			continue
		}
		if s.toks[q].cap && s.toks[q].kind == tWord || nameParticles[w] || s.toks[q].kind == tDash {
			q--
			continue
		}
		break
	}
	// "ministers, X and Y" or "Presidents X and Y"
	if q < 0 || s.toks[q].cls&clsTitlePlural == 0 {
		return false, ""
	}
	w := a.word(s, q)
	for _, sg := range []string{singular(w), strings.TrimSuffix(w, "ies") + "y", strings.TrimSuffix(w, "men") + "man"} {
		if role, ok := titles[sg]; ok && sg != w {
			// the role only when a single title precedes: "Presidents X and Y"
			if pw := a.word(s, q-1); q == 0 || !s.toks[q-1].cap || s.toks[q-1].kind != tWord || pw == "the" {
				return true, role
			}
			return true, ""
		}
	}
	return true, ""
}

// particles counts the lower-case particles among name tokens.
func particles(ts []string) int {
	n := 0
	for _, t := range ts {
		if nameParticles[t] {
			n++
		}
	}
	return n
}

// contactNounAhead reports whether a consultation noun follows token v
// closely ("had a telephone conversation").
func (a *analysis) contactNounAhead(s *sent, v int) bool {
	for q := v + 1; q < len(s.toks) && q <= v+5; q++ {
		if contactNouns[a.word(s, q)] {
			return true
		}
	}
	return false
}

// fullTokens counts the name tokens that are not initials ("J", "J.").
func fullTokens(ts []string) int {
	n := 0
	for _, t := range ts {
		if len(strings.TrimSuffix(t, ".")) > 1 {
			n++
		}
	}
	return n
}

// isTitleCase reports whether s is written in title case (a headline or
// section label): most of its words capitalised.
func (a *analysis) isTitleCase(s *sent) bool {
	words, caps := 0, 0
	for _, t := range s.toks {
		if t.kind != tWord {
			continue
		}
		words++
		if t.cap {
			caps++
		}
	}
	return words >= 4 && caps*10 >= words*7
}

// nameEnd returns the end of the name span starting at k, ignoring the
// mentions already found over it.
func (a *analysis) nameEnd(s *sent, k int) int {
	j := k
	for j < len(s.toks) && (s.toks[j].kind == tWord && s.toks[j].cap || nameParticles[a.word(s, j)] ||
		s.toks[j].kind == tDash) {
		j++
	}
	return j
}
