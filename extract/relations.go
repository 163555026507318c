package extract

import (
	"github.com/kgnews/kg/extract/gazetteer"
	"slices"
	"time"

	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
)

// fact is one extracted fact relationship before it becomes a
// graph.Relationship.
type fact struct {
	typ       string
	rule      string // the rule that found it (provenance)
	from, to  *entity
	commit    *commitment
	agree     *agreement
	date      string
	medium    string
	topics    []string
	measure   string
	rate      string
	value     string
	year      string
	claimedBy []string
	evidence  string
	dated     bool // the text dates the event itself
	// details holds the detail properties (graph.RelSpec.Details) of a
	// fact type that the fields above do not cover; build keeps those
	// its spec names.
	details graph.Props
}

// relations runs every relation rule over s, left to right, so that group
// references ("both", "the two leaders") see the pairs found before them.
func (a *analysis) relations(s *sent) {
	if s.credit || len(s.toks) < 3 {
		return
	}
	a.cur = s
	a.namedAgreements(s)
	if a.isQuestion(s) {
		return
	}
	callsBefore := a.countCalls()
	a.tr.sentence(a, s)
	for k := 0; k < len(s.toks); k++ {
		cls := s.toks[k].cls
		if s.cover[k] != 0 || s.toks[k].kind != tWord || cls&(clsContact|clsPledge|clsAgreementV|clsSanction|clsRuleWord) == 0 {
			continue
		}
		a.runRules(s, k)
	}
	if a.countCalls() == callsBefore {
		a.followUpTopics(s)
	}
	a.tr.mentions(a, s)
}

// try runs one relation rule at trigger token k under its name, which the
// facts it adds record as their provenance and the trace reports with the
// candidate's outcome.
func (a *analysis) try(s *sent, k int, rule string, fn func(*sent, int)) bool {
	a.rule, a.why = rule, ""
	before := len(a.facts)
	fn(s, k)
	a.tr.candidate(a, s, k, rule, a.facts[before:], a.why)
	a.rule, a.why = "", ""
	return len(a.facts) > before
}

// drop records why the current rule found no fact (shown by the trace) and
// reports false, so that rules can write `return a.drop("hedged")`-style
// exits cheaply.
func (a *analysis) drop(why string) {
	if a.why == "" {
		a.why = why
	}
}

func (a *analysis) countCalls() int { return a.nCalls }

// isBreak reports whether token k of s ends a clause for subject and object
// searches.
func (a *analysis) isBreak(s *sent, k int) bool {
	t := s.toks[k]
	switch t.kind {
	case tPunct:
		switch a.text[t.start:t.end] {
		case ";", ":", "(", ")", "[", "]", "?", "!":
			return true
		}
		return false
	case tDash:
		return a.text[t.start:t.end] == "—" || a.text[t.start:t.end] == "–" && k > 0 && t.start > s.toks[k-1].end
	case tWord:
		return clauseBreak[a.word(s, k)]
	}
	return false
}

// subjectBefore returns the parties of the subject of the predicate at token
// k: the nearest eligible mention before k in the clause, with the mentions
// conjoined to it ("Xi and Putin"). speech admits possessives and
// demonyms ("China's statement said", "Chinese state media said"). It also
// returns the token where the subject starts, or -1.
func (a *analysis) subjectBefore(s *sent, k int, speech bool) ([]*entity, int) {
	limit := 14
	for q := k - 1; q >= 0 && limit > 0; q-- {
		limit--
		if a.isBreak(s, q) {
			// "Brandt, who spoke with …": the relative pronoun's antecedent
			if w := a.word(s, q); w == "who" || w == "which" {
				p := q - 1
				if a.surface(s, p) == "," {
					p--
				}
				if m := s.mentionAt(p); m != nil && a.eligibleSubject(m, speech) {
					ps := a.partiesOf(m)
					if a.word(s, m.i-1) == "and" {
						// "West Germany and Japan, who …": the conjuncts too
						if pm := s.mentionAt(m.i - 2); pm != nil && a.eligibleSubject(pm, speech) {
							ps = dedupe(append(a.partiesOf(pm), ps...))
						}
					}
					return ps, q
				}
			}
			return nil, -1
		}
		m := s.mentionAt(q)
		if m == nil {
			continue
		}
		q = m.i
		if a.surface(s, m.i-1) == "," && speechVerbs[a.word(s, m.j)] && a.surface(s, m.j+1) == "," {
			continue // "Baker, Darman said, was committed to …": Darman is the source
		}
		if m.kind == mGroup && m.i > 1 && (a.word(s, m.i-1) == "who" || a.word(s, m.i-1) == "which") &&
			!prepositions[a.word(s, m.i-2)] && m.j < k-1 {
			continue // "West Germany and Japan, who both have surpluses, pledged": "both" floats to them
		}
		if !a.eligibleSubject(m, speech) {
			if m.kind == mEntity && m.prep == "" && !m.adj && !m.poss && !m.media && m.ent != nil && m.ent.kind == entPerson {
				return nil, -1
			}
			continue
		}
		parties := a.partiesOf(m)
		start := m.i
		// conjuncts before: "X and Y", "X, Y and Z", "both X and Y"
		for c := m.i - 1; c >= 1; {
			w := a.word(s, c)
			if w == "," && (a.word(s, c-1) == "counterpart" || a.word(s, c-1) == "counterparts") {
				// "X and her Australian counterpart, Y"
				c -= 2
				if cm := s.mentionAt(c); cm != nil && cm.adj {
					c = cm.i - 1
				}
				if ww := a.word(s, c); ww == "his" || ww == "her" || ww == "their" || ww == "its" {
					c--
				}
				continue
			}
			if pd := s.mentionAt(c); pd != nil && a.possessiveDeterminer(s, pd) && a.word(s, c-1) == "and" {
				// "X and his Saudi counterpart Y"
				c--
				w = "and"
			}
			if w != "and" && w != "," {
				break
			}
			// "the European Community and Japan", "the U.S., The Soviet Union"
			if d := a.word(s, c-1); (d == "the") && s.mentionAt(c-1) == nil {
				c--
			}
			pm := s.mentionAt(c - 1)
			if pm != nil && pm.prep == "of" && a.word(s, pm.i-1) == "of" {
				// "Lin Bao of China and Rui Matos of Portugal": the person
				// before the country
				if pp := s.mentionAt(pm.i - 2); pp != nil && pp.ent != nil && pp.ent.kind == entPerson {
					pm = pp
				}
			}
			if pm == nil || !a.eligibleSubject(pm, speech) && pm.prep != "and" {
				break
			}
			parties = append(a.partiesOf(pm), parties...)
			start = pm.i
			c = pm.i - 1
		}
		if len(parties) == 0 {
			return nil, -1
		}
		return dedupe(parties), start
	}
	return nil, -1
}

// eligibleSubject reports whether m can be a subject.
func (a *analysis) eligibleSubject(m *mention, speech bool) bool {
	if m.prep == "of" && m.rc != nil && m.pluralOf {
		return true // "the foreign ministers of Azerbaijan and Armenia"
	}
	if m.prep != "" && m.prep != "and" {
		return false
	}
	if m.adj && m.officials {
		return true // "Chinese and Russian officials held talks": the countries
	}
	if (m.adj || m.poss) && !speech {
		return false
	}
	return true
}

// partiesOf returns the entities a mention stands for, resolving group
// references to the most recent pair.
func (a *analysis) partiesOf(m *mention) []*entity {
	if m.kind == mGroup && m.group[0] == nil && !m.inQuote && (m.nation || m.firms) {
		// "relations between Egypt and Israel, the two countries have
		// signed …": two countries (or companies) named just before, in
		// the sentence or, when no consultation was just reported, in the
		// two before it
		back := 2
		if a.lastPair[0] != nil && a.cur != nil && a.cur.idx-a.lastCallS <= 2 && !m.firms {
			back = 0
		}
		if pair, ok := a.salientPair(m, back); ok {
			m.group = pair
		}
	}
	if m.kind == mGroup && m.group[0] == nil && !m.inQuote && !m.firms {
		switch {
		case a.lastPair[0] != nil && !a.newerPair():
			m.group = a.lastPair
		case a.recent[1] != nil && !a.speakerHere(a.recent[0]) && !a.speakerHere(a.recent[1]) && !a.sidesPhrase(m):
			// two persons just named, neither the one reporting: "…
			// talks between the two leaders, spokesman X said" is not X's
			m.group = a.recent
		}
		if m.nation {
			// "both countries": the pair's countries
			for i, e := range m.group {
				if e != nil && e.kind == entPerson {
					if e.country == nil {
						m.group = [2]*entity{}
						break
					}
					m.group[i] = a.countryEntity(e.country)
					m.group[i].emit = true
				}
			}
		}
	}
	return m.parties()
}

// sidesPhrase reports whether the group mention m says "parties" or
// "sides": the two sides of a negotiation, which two people merely named
// last need not be (they may be one side).
func (a *analysis) sidesPhrase(m *mention) bool {
	s := a.cur
	if s == nil || m.j > len(s.toks) || m.j < 1 {
		return false
	}
	w := a.word(s, m.j-1)
	return w == "parties" || w == "sides"
}

// speakerHere reports whether person p is a speaker of the sentence the
// rules are reading: the subject of a verb of speech in it ("spokesman X
// said", "said X").
func (a *analysis) speakerHere(p *entity) bool {
	s := a.cur
	if s == nil || p == nil {
		return false
	}
	for i := range s.ments {
		m := &s.ments[i]
		if m.ent != p {
			continue
		}
		if speechVerbs[a.word(s, m.j)] || m.i > 0 && speechVerbs[a.word(s, m.i-1)] {
			return true
		}
	}
	return false
}

// sentOf returns the position in a.sents of the sentence that holds the
// mention m: the sentence the rules are reading, as a rule, found without
// walking every mention of the document.
func (a *analysis) sentOf(m *mention) int {
	holds := func(s *sent) bool {
		for k := range s.ments {
			if &s.ments[k] == m {
				return true
			}
		}
		return false
	}
	if a.cur != nil && holds(a.cur) {
		for j := range a.sents {
			if &a.sents[j] == a.cur {
				return j
			}
		}
	}
	for j := range a.sents {
		if holds(&a.sents[j]) {
			return j
		}
	}
	return -1
}

// salientPair returns the two distinct countries (for "the two countries",
// "both sides") or organisations (for "the two firms") named last before
// the group mention m: in its own sentence first, then in up to back
// sentences before it. Demonyms count for countries ("Chinese and Russian
// officials").
func (a *analysis) salientPair(m *mention, back int) ([2]*entity, bool) {
	var pair [2]*entity
	n := 0
	want := func(e *entity) bool {
		if m.firms {
			return e.kind == entOrg && !isMediaKind(e.orgKind)
		}
		return e.kind == entCountry
	}
	cur := a.sentOf(m)
	if cur < 0 {
		return pair, false
	}
	for j := cur; j >= 0 && j >= cur-back; j-- {
		ms := a.sents[j].ments
		for k := len(ms) - 1; k >= 0; k-- {
			x := &ms[k]
			if j == cur && x.i >= m.i || x.kind != mEntity || x.ent == nil || x.media {
				continue
			}
			if ss := &a.sents[j]; x.rc != nil && x.ckind == gazetteer.KindCapital && x.j < len(ss.toks) && ss.toks[x.j].cap {
				continue // a capital inside a name: "the Berne Agreement under which both sides …"
			}
			e := x.ent
			if x.adj && x.rc != nil && !m.firms {
				e = a.countryEntity(x.rc)
			}
			if !want(e) || n == 1 && pair[0] == e {
				continue
			}
			pair[n] = e
			n++
			if n == 2 {
				pair[0], pair[1] = pair[1], pair[0] // in reading order
				for _, p := range pair {
					p.emit = true
				}
				return pair, true
			}
		}
	}
	return pair, false
}

// newerPair reports whether the two persons mentioned last were both named
// after the last consultation's pair, and neither belongs to it: "the two
// leaders" then means them ("A met B. C and D attended the summit. The two
// leaders met at a hotel.").
func (a *analysis) newerPair() bool {
	r0, r1 := a.recent[0], a.recent[1]
	if r0 == nil || r1 == nil {
		return false
	}
	for _, e := range a.lastPair {
		if e == r0 || e == r1 {
			return false
		}
	}
	return r0.lastS > a.lastCallS && r1.lastS > a.lastCallS
}

// partiesAfter returns the parties of the first mention after token k (up to
// limit tokens, within the clause) governed by one of preps (any when preps
// is nil), with the mentions conjoined to it.
func (a *analysis) partiesAfter(s *sent, k, limit int, preps map[string]bool) ([]*entity, int) {
	n := len(s.toks)
	for q := k + 1; q < n && q <= k+limit; q++ {
		if a.isBreak(s, q) && a.word(s, q) != "as" {
			return nil, -1
		}
		m := s.mentionAt(q)
		if m == nil || a.possessiveDeterminer(s, m) {
			continue
		}
		if preps != nil && !preps[m.prep] || m.poss || m.adj {
			// "the two countries' foreign ministers, A and B": a
			// possessive or demonym modifies the real party
			if m.poss || m.adj {
				preps = nil
			}
			q = m.j - 1
			continue
		}
		if m.kind == mEntity && m.ent != nil && m.ent.kind == entOrg {
			// "met Federal Reserve Board Chairman Paul Volcker": the
			// organisation names the person's office
			if pm := a.officeHolder(s, m.j); pm != nil {
				m = pm
			}
		}
		parties := a.partiesOf(m)
		end := m.j
		for end+1 < n {
			w := a.word(s, end)
			if w != "and" && w != "," {
				break
			}
			c := end + 1
			if a.word(s, c) == "the" || a.word(s, c) == "with" {
				c++
			}
			nm := s.mentionAt(c)
			if nm == nil || nm.adj || a.possessiveDeterminer(s, nm) {
				// "and West German Finance Minister Gerhard Stoltenberg",
				// "and his Saudi counterpart Faisal bin Farhan": the person
				// the description introduces
				nm = a.describedPerson(s, c)
			}
			if nm == nil || nm.i != c && nm.i != c-1 && (nm.ent == nil || nm.ent.kind != entPerson) {
				break
			}
			if w == "," && a.attributionAfter(s, nm.j) {
				break // "talks between A and B, C said": C is the source
			}
			parties = append(parties, a.partiesOf(nm)...)
			end = nm.j
		}
		return dedupe(parties), end
	}
	return nil, -1
}

// describedPerson returns the person a description starting at c
// introduces: determiners, demonyms, titles and "counterpart" before a
// person's name ("his Saudi counterpart Faisal bin Farhan", "West German
// Finance Minister Gerhard Stoltenberg"), or nil.
func (a *analysis) describedPerson(s *sent, c int) *mention {
	for q := c; q < len(s.toks) && q <= c+7; q++ {
		if m := s.mentionAt(q); m != nil {
			if m.kind == mEntity && m.ent != nil && m.ent.kind == entPerson && !m.adj && !m.poss {
				return m
			}
			if !m.adj && !a.possessiveDeterminer(s, m) {
				return nil
			}
			q = m.j - 1
			continue
		}
		w := a.word(s, q)
		t := s.toks[q]
		if t.kind != tWord || a.isBreak(s, q) || w == "and" {
			return nil
		}
		if !(t.cap || t.cls&clsTitle1 != 0 || w == "counterpart" || partyModifiers[w] || objectDeterminers[w]) {
			return nil
		}
	}
	return nil
}

// officeHolder returns the person named after an organisation's name that
// ends at j, through at most five words of office that include a title:
// "Federal Reserve [Board Chairman] Paul Volcker", "European Community
// [farm commissioner] Frans Andriessen".
func (a *analysis) officeHolder(s *sent, j int) *mention {
	titled := false
	for q := j; q < len(s.toks) && q <= j+5; q++ {
		if m := s.mentionAt(q); m != nil {
			if (titled || s.toks[m.i].cls&clsTitle1 != 0) && m.kind == mEntity && m.ent != nil && m.ent.kind == entPerson && !m.adj {
				return m
			}
			return nil
		}
		t := s.toks[q]
		if t.kind != tWord || a.isBreak(s, q) || a.word(s, q) == "and" {
			return nil
		}
		if t.cls&clsTitle1 != 0 {
			titled = true
			continue
		}
		if !t.cap {
			if p := a.upos(s, q); p != "NOUN" && p != "ADJ" {
				return nil
			}
		}
	}
	return nil
}

func dedupe(es []*entity) []*entity {
	out := es[:0]
	for _, e := range es {
		if e != nil && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// modality reports why the predicate at token k is not asserted as a fact:
// a negation, threat, proposal, consideration, plan, or condition between the
// subject (from token from) and k, a negated report over the sentence
// ("did not mention that …"), or a condition after it. It returns "" for an
// asserted fact.
func (a *analysis) modality(s *sent, from, k int) string {
	m := a.modalityOf(s, from, k)
	if m != "" {
		a.drop("modality: " + m)
	}
	return m
}

// modalityOf is modality without the trace.
func (a *analysis) modalityOf(s *sent, from, k int) string {
	if from < 0 {
		from = k - 6
		if from < 0 {
			from = 0
		}
	}
	// "Ottawa would not back down and announced …": only the last
	// coordinated predicate governs k
	for q := k - 1; q > from; q-- {
		if w := a.word(s, q); (w == "and" || w == "but") && s.cover[q] == 0 {
			from = q + 1
			break
		}
	}
	for q := from; q < k; q++ {
		if s.cover[q] != 0 {
			continue
		}
		w := a.word(s, q)
		switch {
		case negators[w], w == "yet" && a.word(s, q+1) == "to", w == "short" && a.word(s, q+1) == "of":
			return "negated" // "has yet to agree", "stopped short of pledging"
		case threatWords[w]:
			return "hedged"
		case w == "to" && q+1 < k && q > from && (a.word(s, q-1) == "going" || a.word(s, q-1) == "plans"):
			return "hedged"
		}
	}
	// negated or unsourced reports: "did not mention whether China agreed
	// …", "Reports say …", "reportedly"
	for q := 0; q < from; q++ {
		w := a.word(s, q)
		if w == "reportedly" || w == "allegedly" || w == "purportedly" || (w == "reports" || w == "rumours" ||
			w == "rumors" || w == "speculation") && speechVerbs[a.word(s, q+1)] {
			return "hedged"
		}
		if w == "denied" || w == "denies" || w == "dismissed" {
			return "negated"
		}
		if (w == "possible" || w == "likely" || w == "unlikely" || w == "conceivable") && q > 0 {
			// "it was also possible the U.S. would reimpose …"
			switch a.word(s, q-1) {
			case "is", "was", "be", "also", "quite", "very", "more", "most", "seems", "seemed":
				return "hedged"
			}
		}
		if (w == "not" || w == "no" || w == "never") && q+1 < from {
			nx := a.word(s, q+1)
			if nx == "mention" || nx == "say" || nx == "confirm" || speechVerbs[nx] {
				return "negated"
			}
		}
	}
	// a condition anywhere in the sentence: "… if Tehran does not …", "If
	// they impose tariffs, we will respond" (not "even if", "as if")
	for q := 0; q < len(s.toks); q++ {
		w := a.word(s, q)
		if (w == "if" || w == "unless") && a.word(s, q-1) != "even" && a.word(s, q-1) != "as" &&
			a.word(s, q+1) != "any" && a.word(s, q+1) != "not" && !a.contrastBetween(s, min(q, k), max(q, k)) {
			return "conditional"
		}
	}
	return ""
}

// contrastBetween reports a clause of contrast starting between tokens i and
// j (", while …", ", whereas …", "; …"): a condition on one side does not
// govern a predicate on the other ("Spain would send troops, while Italy
// said it could send more if asked").
func (a *analysis) contrastBetween(s *sent, i, j int) bool {
	for q := i + 1; q < j; q++ {
		switch a.surface(s, q) {
		case ";":
			return true
		case ",":
			if w := a.word(s, q+1); w == "while" || w == "whereas" || w == "but" {
				return true
			}
		}
	}
	return false
}

// claimants returns who asserts the fact at token k: the subject of a verb of
// speech before it ("Trump said that China agreed"), the source of
// "according to X", a trailing attribution (", Xi said"), or the speaker of
// the quotation the fact stands in.
func (a *analysis) claimants(s *sent, k int) []string {
	var out []string
	add := func(es []*entity) {
		for _, e := range es {
			if e != nil && !slices.Contains(out, e.name) {
				out = append(out, e.name)
				if e.kind == entOrg {
					e.active = true
				}
			}
		}
	}
	n := len(s.toks)
	for q := 0; q < n; q++ {
		w := a.word(s, q)
		if w == "according" && a.word(s, q+1) == "to" {
			if ps, _ := a.partiesAfter(s, q+1, 8, nil); len(ps) > 0 {
				add(ps)
			}
			continue
		}
		if !speechVerbs[w] || s.cover[q] != 0 || a.contrastBetween(s, min(q, k), max(q, k)) {
			continue // another clause's speaker: "…, X said, while Y said it would …"
		}
		if q < k {
			if s.quoted[q] != s.quoted[k] {
				continue
			}
			if ps, _ := a.subjectBefore(s, q, true); len(ps) > 0 {
				add(ps)
			} else if ps := a.readoutSource(s, q); len(ps) > 0 {
				add(ps)
			}
			continue
		}
		// trailing: ", X said." / ", said X" / "”, X said"
		if q > k && (s.quoted[k] || a.hasCommaBetween(s, k, q)) {
			if m := s.mentionAt(q - 1); m != nil && m.i > 0 && a.afterPause(s, m.i-1) {
				add([]*entity{a.mentionEntity(m)})
			} else if m := s.mentionAt(q + 1); m != nil && a.afterPause(s, q-1) &&
				(m.j >= len(s.toks) || s.toks[m.j].kind == tPunct || s.toks[m.j].kind == tQuote) {
				add([]*entity{a.mentionEntity(m)}) // "…, said Xi."
			}
		}
	}
	if len(out) == 0 && s.quoted[k] {
		if sp := a.quoteSpeaker(s); sp != nil {
			add([]*entity{sp})
		}
	}
	return out
}

// readoutSource finds the issuer of a readout, statement or report that is
// the subject of a speech verb at q: "state media said" after "Chinese",
// "a readout from the Chinese government says".
func (a *analysis) readoutSource(s *sent, q int) []*entity {
	for p := q - 1; p >= 0 && p >= q-12; p-- {
		if a.isBreak(s, p) {
			return nil
		}
		if m := s.mentionAt(p); m != nil && m.rc != nil {
			return []*entity{m.ent}
		} else if m != nil && m.ent != nil && m.ent.kind == entOrg {
			return []*entity{m.ent}
		}
	}
	return nil
}

// afterPause reports whether token q is a comma or quotation mark.
func (a *analysis) afterPause(s *sent, q int) bool {
	if q < 0 || q >= len(s.toks) {
		return false
	}
	return s.toks[q].kind == tQuote || a.surface(s, q) == ","
}

func (a *analysis) hasCommaBetween(s *sent, i, j int) bool {
	for q := i + 1; q < j; q++ {
		if a.surface(s, q) == "," {
			return true
		}
	}
	return false
}

// dateNear returns the date of the event whose predicate is at token k: a
// date expression in the same clause (after k first, then before), else the
// article date.
func (a *analysis) dateNear(s *sent, k int) string {
	d, ok := a.dateExplicit(s, k)
	if !ok && a.lastCall != nil && a.lastCall.dated && a.refersToLastEvent(s, k) {
		// "During that meeting, the two leaders agreed …": the meeting's date
		return a.lastCall.date
	}
	return d
}

// refersToLastEvent reports whether the clause of k opens with a definite
// reference to a consultation: "During that meeting", "At the summit", "In
// the call".
func (a *analysis) refersToLastEvent(s *sent, k int) bool {
	for q := 0; q+2 < k && q < 4; q++ {
		switch a.word(s, q) {
		case "during", "at", "in", "after":
			if d := a.word(s, q+1); (d == "that" || d == "the" || d == "this") && contactNouns[a.word(s, q+2)] {
				return true
			}
		}
	}
	return false
}

// dateExplicit is dateNear that also reports whether the text dates the
// event (false when the article date stands in).
func (a *analysis) dateExplicit(s *sent, k int) (string, bool) {
	if !s.dated {
		s.dated = true
		if a.mayHoldDate(s) {
			s.dates = document.FindDates(a.text[s.start:s.end], a.ref)
		}
	}
	if len(s.dates) == 0 {
		return a.date, false
	}
	// the window: from the clause start before k to the first break or
	// topic cue after k, at most 10 tokens on
	lo := k
	for lo > 0 && !a.isBreak(s, lo-1) && k-lo < 14 {
		lo--
	}
	hi := k + 1
	for hi < len(s.toks) && hi-k <= 22 && !a.isBreak(s, hi) && !(topicCues[a.word(s, hi)] && a.word(s, hi) != "on") {
		hi++
	}
	loOff := int(s.toks[lo].start) - s.start
	hiOff := a.text2off(s, hi)
	kOff := int(s.toks[k].start) - s.start
	best, bestDist := "", 1<<30
	for _, d := range s.dates {
		if d.Date == "" || d.Start < loOff || d.End > hiOff {
			continue
		}
		dist := d.Start - kOff
		if dist < 0 {
			dist = -dist + 40 // prefer a date after the predicate
		}
		if dist < bestDist {
			best, bestDist = d.Date, dist
		}
	}
	if best == "" && (contactVerbs[a.word(s, k)] || contactNouns[a.word(s, k)]) {
		// "during a call on Wednesday during which they discussed …": the
		// date of the consultation noun the clause hangs on
		for q := lo - 1; q >= 0; q-- {
			if !contactNouns[a.word(s, q)] {
				continue
			}
			off := a.text2off(s, q+1)
			for _, d := range s.dates {
				if d.Date != "" && d.Start >= off && d.Start-off <= 4 {
					return d.Date, true
				}
			}
			break
		}
	}
	if best == "" {
		// "said on Wednesday that he held a call": the date of the report
		// stands for the event it reports
		for q := lo - 1; q >= 1; q-- {
			if !speechVerbs[a.word(s, q)] {
				continue
			}
			off := a.text2off(s, q+1)
			for _, d := range s.dates {
				if d.Date != "" && d.Start == off {
					return d.Date, true
				}
			}
			break
		}
		return a.date, false
	}
	return best, true
}

// text2off returns the sentence-relative offset of the start of token q, or
// the sentence length when q is past the end.
func (a *analysis) text2off(s *sent, q int) int {
	if q >= len(s.toks) {
		return s.end - s.start
	}
	return int(s.toks[q].start) - s.start
}

// topicsAfter collects the topics named after a topic cue following token k:
// countries (by gazetteer name), organisations and topic words.
func (a *analysis) topicsAfter(s *sent, k int) []string {
	var out []string
	cue := -1
	if w := a.word(s, k); topicCues[w] && w != "on" && w != "over" {
		cue = k // "discussed X", "covered Y"
	}
	for q := k + 1; q < len(s.toks) && cue < 0; q++ {
		w := a.word(s, q)
		if !topicCues[w] || s.cover[q] != 0 {
			continue
		}
		if (w == "on" || w == "over") && q != k+1 {
			continue // "on the sidelines of …": a place, not a topic
		}
		cue = q
	}
	if cue < 0 {
		return nil
	}
	return a.topicsFrom(s, cue+1, len(s.toks), out)
}

func (a *analysis) topicsFrom(s *sent, from, to int, out []string) []string {
	for q := from; q < to; q++ {
		if w := a.word(s, q); w == "according" || speechVerbs[w] && q > from {
			break // the attribution: "…, according to India's ministry"
		}
		if m := s.mentionAt(q); m != nil {
			if m.kind == mEntity && m.ent != nil && m.ent.kind != entPerson && !slices.Contains(out, m.ent.name) {
				out = append(out, m.ent.name)
			}
			q = m.j - 1
			continue
		}
		for l := 3; l >= 1; l-- {
			if q+l > to || s.toks[q+l-1].kind != tWord {
				continue
			}
			ph := a.lower[s.toks[q].start:s.toks[q+l-1].end]
			if topicWords[ph] {
				if !slices.Contains(out, ph) {
					out = append(out, ph)
				}
				q += l - 1
				break
			}
		}
	}
	return out
}

// followUpTopics adds the topics of a sentence that continues the last call
// ("the two leaders discussed …", "Iran was also a key topic") to that call.
func (a *analysis) followUpTopics(s *sent) {
	if a.lastCall == nil || s.idx-a.lastCallS > 3 {
		return
	}
	about := false
	for q := range s.ments {
		m := &s.ments[q]
		if m.kind == mGroup || m.ent != nil && (m.ent == a.lastCall.from || m.ent == a.lastCall.to) && m.ent.kind == entPerson {
			about = true
		}
	}
	for q := range s.toks {
		w := a.word(s, q)
		if w == "call" || w == "talks" || w == "conversation" || w == "topic" || w == "topics" {
			about = true
		}
	}
	if !about {
		return
	}
	call := a.lastCall
	if call.dated && a.date != "" && call.date < a.date[:min(len(call.date), len(a.date))] {
		// a background meeting ("since their meeting last October"): the
		// topics belong to the article's current call, if there is one
		for i, seen := len(a.facts)-1, 0; i >= 0 && seen < 64; i, seen = i-1, seen+1 {
			if f := a.facts[i]; f.typ == graph.SpokeWith && samePair(f, call) && f.date >= a.date[:min(len(f.date), len(a.date))] {
				call = f
				break
			}
		}
	}
	for q := range s.toks {
		w := a.word(s, q)
		if !topicCues[w] || w == "on" || w == "over" || s.cover[q] != 0 {
			continue
		}
		from := q + 1
		if w == "topic" || w == "topics" {
			from = 0
		}
		call.topics = a.topicsFrom(s, from, len(s.toks), call.topics)
		return
	}
}

// callContext reports whether s speaks of a call or conversation, so that
// "X told Y" reports what was said in it.
func (a *analysis) callContext(s *sent) bool {
	for q := range s.toks {
		switch a.word(s, q) {
		case "call", "conversation", "phone", "telephone", "video":
			return true
		}
	}
	return false
}

// corefEvents gives each consultation the text does not date the date of
// the latest one between the same pair that it does date: "the call between
// Trump and Xi" is the call the lede dated, not a second call on the
// article's date.
func (a *analysis) corefEvents() {
	// the latest recent dated consultation of each pair: an undated mention
	// is the current event more often than a background one
	latest := make(map[[2]*entity]*fact)
	for _, g := range a.facts {
		if g.typ != graph.SpokeWith || !g.dated || !a.isRecent(g.date) {
			continue
		}
		key := pairKey(g)
		if best := latest[key]; best == nil || g.date > best.date {
			latest[key] = g
		}
	}
	for _, f := range a.facts {
		if f.typ != graph.SpokeWith || f.dated {
			continue
		}
		if best := latest[pairKey(f)]; best != nil {
			f.date = best.date
			if f.medium == "" {
				f.medium = best.medium
			}
		}
	}
}

// pairKey is the unordered pair of a consultation, as a map key.
func pairKey(f *fact) [2]*entity {
	if f.from.name > f.to.name || f.from.name == f.to.name && f.from.kind > f.to.kind {
		return [2]*entity{f.to, f.from}
	}
	return [2]*entity{f.from, f.to}
}

func samePair(f, g *fact) bool {
	return f.from == g.from && f.to == g.to || f.from == g.to && f.to == g.from
}

// isQuestion reports whether s asks rather than states: it ends in a
// question mark or is a transcript question ("Q: …").
func (a *analysis) isQuestion(s *sent) bool {
	n := len(s.toks)
	if a.surface(s, n-1) == "?" || n > 1 && a.surface(s, n-2) == "?" && s.toks[n-1].kind == tQuote {
		return true
	}
	return (a.surface(s, 0) == "Q" || a.surface(s, 0) == "Question") && a.surface(s, 1) == ":"
}

// possessiveDeterminer reports whether m is "his", "her", "its" or "their"
// before a noun ("her Chinese counterpart"), not a party itself.
func (a *analysis) possessiveDeterminer(s *sent, m *mention) bool {
	if m.kind != mPronoun && m.kind != mIt {
		return false
	}
	switch a.word(s, m.i) {
	case "his", "its", "their":
		return true
	case "her":
		return m.j < len(s.toks) && (s.toks[m.j].kind == tWord || s.mentionAt(m.j) != nil)
	}
	return false
}

// isRecent reports whether the ISO date d (day, month or year precision) lies
// within ten days before the article date, or after it: the article's news
// rather than background. Without an article date every date is recent.
func (a *analysis) isRecent(d string) bool {
	if a.ref.IsZero() {
		return true
	}
	var t time.Time
	var err error
	switch len(d) {
	case 10:
		t, err = time.Parse("2006-01-02", d)
	case 7:
		t, err = time.Parse("2006-01", d)
		t = t.AddDate(0, 1, -1) // the month's last day
	case 4:
		t, err = time.Parse("2006", d)
		t = t.AddDate(1, 0, -1)
	default:
		return false
	}
	return err == nil && !t.Before(a.ref.AddDate(0, 0, -10))
}

// dateWords are the words without which a sentence holds no date
// expression (besides numbers, weekdays and months).
var dateWords = setOf("yesterday", "today", "tonight", "tomorrow", "week", "weeks", "month", "months", "year", "years",
	"ago", "night", "morning", "afternoon", "evening", "weekend", "decade", "season", "earlier", "later", "last",
	"next", "this", "recently")

// mayHoldDate reports whether s has a token a date expression needs, so
// that sentences without one skip the date finder.
func (a *analysis) mayHoldDate(s *sent) bool {
	for k, t := range s.toks {
		if t.kind == tNum {
			return true
		}
		if t.kind != tWord {
			continue
		}
		w := a.word(s, k)
		if weekdays[w] || months[w] || dateWords[w] {
			return true
		}
	}
	return false
}
