package extract

import (
	"strings"

	"github.com/kgnews/kg/extract/gazetteer"
)

// findPersonMentions adds the person mentions of s (full names, short forms
// with their titles and owners absorbed), role references ("the Chinese
// leader"), pronouns and group references.
func (a *analysis) findPersonMentions(s *sent) {
	n := len(s.toks)
	var buf [6]string
	for k := 0; k < n; k++ {
		j := a.nameSpanAt(s, k)
		if j == k {
			continue
		}
		if j == k+1 && a.titleSurname(s, k, j) {
			j++
		}
		ts := buf[:0]
		for q := k; q < j; q++ {
			if s.toks[q].kind == tWord {
				ts = append(ts, a.surface(s, q))
			} else {
				ts = append(ts, a.surface(s, q))
			}
		}
		ts = joinParticles(ts)
		p := a.lookupPerson(ts)
		pi, pj := k, j
		if p == nil && len(ts) > 1 {
			// a known short form inside a longer span ("Trump-Xi", "Xi
			// Trump"): take the first that resolves
			for q := k; q < j; q++ {
				if s.toks[q].kind != tWord {
					continue
				}
				if pp := a.lookupPerson([]string{a.surface(s, q)}); pp != nil {
					p, pi, pj = pp, q, q+1
					break
				}
			}
		}
		if p == nil || s.credit {
			k = j - 1
			continue
		}
		form := a.span(s, pi, pj)
		i := pi
		if ti, _, _ := a.titleOfCountryBefore(s, pi); ti < pi {
			// "President of France Emmanuel Macron": one mention
			i = ti
		} else if ti, role := a.titleBefore(s, pi); ti < pi {
			i = ti
			if role != "" {
				if oi, _, _ := a.ownerBefore(s, ti); oi < ti && s.mentionAt(oi) != nil {
					i = oi
				} else if oi < ti && a.word(s, oi) == "the" && s.mentionAt(oi+1) != nil {
					i = oi
				}
			}
			if role != "" && form != p.name {
				p.addAlias(strings.TrimSpace(a.span(s, ti, pi) + " " + form))
			}
		}
		p.addAlias(form)
		m := mention{i: i, j: pj, ent: p}
		if pj < n && s.toks[pj].kind == tPoss {
			m.poss = true
		}
		s.replaceMentions(m)
		k = pj - 1
	}
	a.findReferences(s)
	s.reindex()
	a.capitalModifiers(s)
	for q := range s.ments {
		m := &s.ments[q]
		m.prep = a.prepBefore(s, m.i, m.rc != nil)
		if m.adj && m.rc != nil {
			// "Chinese officials", "Chinese and Russian diplomats"
			q := m.j
			if a.word(s, q) == "and" {
				if nm := s.mentionAt(q + 1); nm != nil && nm.adj {
					q = nm.j
				}
			}
			if q < n && s.toks[q].cls&clsTitlePlural != 0 {
				m.officials = true
			}
		}
		if m.prep == "of" {
			q := m.i - 1
			if a.word(s, q) == "the" {
				q--
			}
			m.pluralOf = q >= 1 && s.toks[q-1].cls&clsTitlePlural != 0
		}
		if m.j < n && s.toks[m.j].kind == tPoss {
			m.poss = true
		}
		gov := m.j
		if m.poss {
			gov++ // "President Bush's government"
		}
		if m.ent != nil && m.ent.kind == entPerson && gov < n && governmentNouns[a.word(s, gov)] {
			// "the Trump administration": the person's government when
			// known, otherwise a modifier
			if c := m.ent.country; c != nil && (a.word(s, gov) == "administration" || a.word(s, gov) == "government") {
				m.ent = a.countryEntity(c)
				m.ent.emit = true
				m.j = gov + 1
				m.poss = false
				s.reindex()
			} else {
				m.adj = true
			}
		}
	}
}

// capitalModifiers marks capitals that modify a common noun as modifiers,
// not governments: "the Paris stock exchange", "the Paris, Amsterdam and
// Lisbon stock exchanges", "a Beijing court". The tagger says whether the
// word after the name (or after the list of names) is a noun.
func (a *analysis) capitalModifiers(s *sent) {
	n := len(s.toks)
	for q := len(s.ments) - 1; q >= 0; q-- {
		m := &s.ments[q]
		if m.rc == nil || m.ckind != gazetteer.KindCapital || m.adj || m.j >= n {
			continue
		}
		nx := s.toks[m.j]
		if nx.kind != tWord || nx.cap || a.upos(s, m.j) != "NOUN" {
			continue
		}
		m.adj = true
		// the earlier members of a list before the noun: "Paris, Amsterdam and"
		for r := q - 1; r >= 0; r-- {
			pm := &s.ments[r]
			sep := a.word(s, pm.j)
			if pm.j+1 != s.ments[r+1].i || (sep != "," && sep != "and") || pm.rc == nil || pm.ckind != gazetteer.KindCapital {
				break
			}
			pm.adj = true
		}
	}
}

// governmentNouns after a person's name make it a modifier.
var governmentNouns = setOf("administration", "government", "team", "campaign", "family", "era", "presidency", "cabinet")

// prepositions that govern a mention (it is then not a subject).
var prepositions = setOf("with", "to", "by", "from", "of", "for", "about", "between", "in", "at", "on", "against",
	"over", "into", "toward", "towards", "than", "among", "including", "like", "via", "under", "across", "near",
	"within", "without", "during", "through", "behind", "beyond", "amid")

// prepBefore returns the preposition that governs a mention starting at
// token i ("with Xi", "to the US", "in Busan, South Korea"), or "".
func (a *analysis) prepBefore(s *sent, i int, place bool) string {
	k := i - 1
	if w := a.word(s, k); w == "the" || w == "both" || w == "his" || w == "her" || w == "their" || w == "its" {
		k--
	}
	if partyModifiers[a.word(s, k)] {
		// "with visiting Uzbek President X", "with the outgoing premier"
		k--
		if w := a.word(s, k); w == "the" || w == "his" || w == "her" || w == "their" || w == "its" {
			k--
		}
	}
	w := a.word(s, k)
	if prepositions[w] {
		return w
	}
	// "in Busan, South Korea": a place after a locative phrase
	if place && w == "," && k >= 2 && s.toks[k-1].cap && (a.word(s, k-2) == "in" || a.word(s, k-2) == "at") {
		return a.word(s, k-2)
	}
	return ""
}

// partyModifiers may stand between a preposition and the party it governs.
var partyModifiers = setOf("visiting", "fellow", "outgoing", "incoming", "newly-elected", "acting", "interim")

// findReferences adds pronouns, group references, self references inside
// quotations and role references ("the Chinese leader", "the president").
func (a *analysis) findReferences(s *sent) {
	n := len(s.toks)
	for k := 0; k < n; k++ {
		if s.cover[k] != 0 || s.toks[k].kind != tWord {
			continue
		}
		cls := s.toks[k].cls
		w := a.word(s, k)
		if cls&(clsPronoun|clsGroupStart) == 0 && w != "it" && w != "its" && w != "the" && !(s.quoted[k] && (w == "i" || w == "me" || w == "my" || w == "we")) {
			continue
		}
		switch {
		case cls&clsPronoun != 0:
			s.addMention(mention{i: k, j: k + 1, kind: mPronoun})
			continue
		case w == "it" || w == "its":
			s.addMention(mention{i: k, j: k + 1, kind: mIt})
			continue
		case s.quoted[k] && (w == "i" || w == "me" || w == "my"):
			s.addMention(mention{i: k, j: k + 1, kind: mSelf})
			continue
		case s.quoted[k] && w == "we":
			s.addMention(mention{i: k, j: k + 1, kind: mWe})
			continue
		}
		// group references, longest first
		for l := 5; l >= 1 && cls&clsGroupStart != 0; l-- {
			if k+l > n {
				continue
			}
			if !groupRefs[a.lower[s.toks[k].start:s.toks[k+l-1].end]] {
				continue
			}
			free := true
			for q := k; q < k+l; q++ {
				if s.cover[q] != 0 {
					free = false
				}
			}
			if free {
				ph := a.lower[s.toks[k].start:s.toks[k+l-1].end]
				nation := strings.HasSuffix(ph, "countries") || strings.HasSuffix(ph, "nations") ||
					strings.HasSuffix(ph, "governments") || strings.HasSuffix(ph, "sides")
				firms := strings.HasSuffix(ph, "firms") || strings.HasSuffix(ph, "companies")
				s.addMention(mention{i: k, j: k + l, kind: mGroup, nation: nation, firms: firms, inQuote: s.quoted[k] && ph == "they"})
				k += l - 1
			}
			break
		}
		if s.cover[k] != 0 {
			continue
		}
		// "the Chinese leader", "the US president", "the president"
		if w == "the" {
			q := k + 1
			var c *gazetteer.Country
			if m := s.mentionAt(q); m != nil && m.i == q && m.rc != nil {
				c = m.rc
				q = m.j
			}
			for l := 3; l >= 1; l-- {
				if q+l > n {
					continue
				}
				role, ok := titles[a.lower[s.toks[q].start:s.toks[q+l-1].end]]
				if !ok {
					continue
				}
				next := q + l
				if next < n && (s.toks[next].cap && s.toks[next].kind == tWord || a.surface(s, next) == ",") {
					break // a title before a name or apposition
				}
				if next < n && a.word(s, next) == "of" {
					break // "the president of the council"
				}
				s.replaceMentions(mention{i: k, j: next, kind: mRole, role: role, rc: c})
				k = next - 1
				break
			}
		}
	}
}

// resolve assigns entities to the pronouns, role references and self
// references of s, in order, and tracks the most recent person and subject.
func (a *analysis) resolve(s *sent) {
	speaker := a.quoteSpeaker(s)
	for q := range s.ments {
		m := &s.ments[q]
		switch m.kind {
		case mEntity:
			if m.ent == nil {
				continue
			}
			m.ent.lastS = s.idx
			if m.ent.kind == entPerson {
				if a.subjectLike(s, m) {
					a.lastPerson = m.ent
				}
				a.notePerson(m.ent)
			} else if m.prep == "" && !m.adj && !m.poss && !a.objectOfVerb(s, m) {
				// "Iran told the United States that it would …": "it"
				// is Iran, not the object of "told"
				a.lastSubject = m.ent
			}
		case mPronoun:
			if s.quoted[m.i] {
				continue // "he" inside a quotation is someone the speaker names
			}
			m.ent = a.lastPerson
			if m.ent != nil && a.subjectLike(s, m) {
				a.notePerson(m.ent)
			}
		case mSelf:
			m.ent = speaker
		case mWe:
			// "we" in a leader's or a government's quotation: the country
			switch {
			case speaker == nil:
			case speaker.kind == entPerson && speaker.country != nil && speaker.role != "":
				m.ent = a.countryEntity(speaker.country)
				m.ent.emit = true
			case speaker.kind != entPerson:
				m.ent = speaker
			}
		case mIt:
			if s.quoted[m.i] {
				continue
			}
			if a.unnamedSpeaker(s, m.i) {
				continue // "Taiwan's leading industrial organisation said it will …": it is the organisation
			}
			m.ent = a.lastSubject
		case mRole:
			m.ent = a.roleReferent(m.role, m.rc)
			if m.ent != nil {
				m.ent.lastS = s.idx
				if a.subjectLike(s, m) {
					a.lastPerson = m.ent
				}
				a.notePerson(m.ent)
			}
		}
	}
}

// unnamedSpeaker reports whether "it" at i follows a verb of speech whose
// subject is a common noun phrase ("the organisation said it", "the
// company says it"): then "it" is that unnamed body, not the last named one.
func (a *analysis) unnamedSpeaker(s *sent, i int) bool {
	v := i - 1
	if a.word(s, v) == "that" {
		v--
	}
	if !speechVerbs[a.word(s, v)] || v < 1 {
		return false
	}
	q := v - 1
	if s.mentionAt(q) != nil {
		return false
	}
	t := s.toks[q]
	return t.kind == tWord && !t.cap && t.cls&(clsPronoun|clsTitle1|clsTitlePlural) == 0 && a.upos(s, q) == "NOUN"
}

// objectOfVerb reports whether the mention m directly follows a verb
// (the tagger's VERB), so is its object: "told the United States",
// "promised Japan".
func (a *analysis) objectOfVerb(s *sent, m *mention) bool {
	q := m.i - 1
	if a.word(s, q) == "the" {
		q--
	}
	if q < 0 || s.toks[q].kind != tWord || s.toks[q].cap || s.mentionAt(q) != nil {
		return false
	}
	if w := a.word(s, q); prepositions[w] || objectDeterminers[w] || clauseBreak[w] || w == "and" || w == "or" {
		return false // settled without tagging the sentence: this runs on every mention
	}
	return a.upos(s, q) == "VERB"
}

// roleReferent returns the most recently mentioned person with role (a
// leader role when role is "Leader") and country c when given; nil when none
// or when two candidates were last seen in the same sentence.
func (a *analysis) roleReferent(role string, c *gazetteer.Country) *entity {
	var best *entity
	tie := false
	for _, p := range a.persons {
		if c != nil && p.country != c {
			continue
		}
		if role == "Leader" {
			if !leaderRoles[p.role] {
				continue
			}
		} else if p.role != role && !strings.HasSuffix(p.role, " "+role) {
			continue // "the minister" is the Foreign Minister
		}
		switch {
		case best == nil || p.lastS > best.lastS:
			best, tie = p, false
		case p.lastS == best.lastS:
			tie = true
		}
	}
	if tie && c == nil {
		return nil
	}
	return best
}

// quoteSpeaker returns who speaks the quotation of s: the party of a speech
// verb right after the closing quote ("…,” Trump wrote; “…,” said Xi) or
// before the opening one (Xi said: “…”).
func (a *analysis) quoteSpeaker(s *sent) *entity {
	n := len(s.toks)
	for k := 0; k < n; k++ {
		if s.toks[k].kind != tQuote || k == 0 || !s.quoted[k-1] {
			continue
		}
		// after the closing quote
		q := k + 1
		if m := s.mentionAt(q); m != nil && speechVerbs[a.word(s, m.j)] {
			return a.mentionEntity(m)
		}
		if speechVerbs[a.word(s, q)] {
			if m := s.mentionAt(q + 1); m != nil {
				return a.mentionEntity(m)
			}
		}
	}
	for k := 0; k < n; k++ {
		if s.toks[k].kind == tQuote && k+1 < n && s.quoted[k+1] {
			// before the opening quote: "X said:" / "X said,"
			q := k - 1
			if q >= 0 && (a.surface(s, q) == ":" || a.surface(s, q) == ",") {
				q--
			}
			if speechVerbs[a.word(s, q)] {
				if m := s.mentionAt(q - 1); m != nil {
					return a.mentionEntity(m)
				}
			}
			break
		}
	}
	return a.lastPerson
}

// mentionEntity returns the entity of m, resolving a pronoun that the
// in-order pass has not reached yet to the most recent person.
func (a *analysis) mentionEntity(m *mention) *entity {
	if m.ent == nil && m.kind == mPronoun {
		return a.lastPerson
	}
	return m.ent
}

// subjectLike reports whether mention m stands where a subject stands: at
// the start of a clause (after a break, comma, quote or "and") or before a
// verb of speech or action.
func (a *analysis) subjectLike(s *sent, m *mention) bool {
	if m.prep != "" {
		return false
	}
	if m.kind == mPronoun {
		w := a.word(s, m.i)
		return w == "he" || w == "she"
	}
	if m.poss {
		return false
	}
	if pw := a.word(s, m.i-1); pw == "and" || pw == "his" || pw == "her" {
		// the second of conjoined subjects ("X and his counterpart Y
		// met"): "he" after it is still X
		if pm := s.mentionAt(m.i - 2); pm != nil && pm.ent != nil && pm.ent.kind == entPerson || pw != "and" {
			return false
		}
	}
	next := a.word(s, m.j)
	if speechVerbs[next] || actionVerbs[next] || next == "also" || next == "then" || next == "later" {
		return true
	}
	if _, ok := pledgeVerbs[next]; ok {
		return true
	}
	if m.i == 0 {
		return true
	}
	prev := s.toks[m.i-1]
	if prev.kind == tQuote || prev.kind == tPunct {
		return true
	}
	return clauseBreak[a.word(s, m.i-1)] || a.word(s, m.i-1) == "and"
}

// notePerson records p as the most recently mentioned person, for group
// references that no pair explains.
func (a *analysis) notePerson(p *entity) {
	if a.recent[0] == p {
		return
	}
	a.recent[1], a.recent[0] = a.recent[0], p
}

// activateMedia makes the news organisations that report something actors:
// "Xinhua said", "the Interfax news agency reported", "according to Xinhua",
// "a readout shared by Xinhua". A newspaper only named ("told The New York
// Times") stays out.
func (a *analysis) activateMedia() {
	for i := range a.sents {
		s := &a.sents[i]
		if s.credit {
			continue
		}
		for q := range s.ments {
			m := &s.ments[q]
			if m.ent == nil || m.ent.kind != entOrg || m.ent.active {
				continue
			}
			k := m.j
			for k < len(s.toks) {
				w := a.word(s, k)
				if w == "news" || w == "agency" || w == "state" || w == "has" || w == "have" || w == "also" {
					k++
					continue
				}
				break
			}
			nx := a.word(s, k)
			p1, p2 := a.word(s, m.i-1), a.word(s, m.i-2)
			if p1 == "the" {
				p1, p2 = p2, a.word(s, m.i-3)
			}
			if speechVerbs[nx] || p1 == "to" && p2 == "according" ||
				p1 == "by" && (p2 == "shared" || p2 == "reported" || p2 == "published" || p2 == "released" ||
					p2 == "carried" || p2 == "quoted" || p2 == "issued") {
				m.ent.active = true
			}
		}
	}
}
