package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/kgnews/kg/extract/gazetteer"
	"github.com/kgnews/kg/graph"
)

// commitment is one promised action.
type commitment struct {
	party      *entity
	action     string
	object     string
	quantity   string
	unit       string
	period     string
	text       string
	objKey     string // normalised object for the id
	nominal    bool   // the action ends in a nominal ("increase purchase")
	idc        string // cached id
	qtyAfter   bool   // the quantity is a target after the object ("raise trade to $15bn")
	periodText string // the period as written, with its preposition ("within five years")
	agree      *agreement
}

func (c *commitment) id() string {
	if c.idc == "" {
		c.idc = graph.CommitmentID(c.party.name, c.action, c.objKey, c.quantity)
	}
	return c.idc
}

func (c *commitment) name() string {
	var b strings.Builder
	if (c.nominal || c.qtyAfter) && c.object != "" {
		// "increase purchase of US soybeans to 20 million tonnes", "raise
		// bilateral trade to 15 billion dollars within five years"
		b.WriteString(c.action)
		if c.nominal {
			b.WriteString(" of")
		}
		b.WriteString(" " + c.object)
		if c.quantity != "" {
			b.WriteString(" to " + c.quantity)
			if c.unit != "" {
				b.WriteString(" " + c.unit)
			}
		}
		if c.period != "" {
			b.WriteString(" " + c.periodText)
		}
		return b.String()
	}
	b.WriteString(c.action)
	if c.quantity != "" {
		b.WriteString(" " + c.quantity)
		if c.unit != "" {
			b.WriteString(" " + c.unit)
			if c.object != "" {
				b.WriteString(" of")
			}
		}
	}
	if c.object != "" {
		b.WriteString(" " + c.object)
	}
	if c.period != "" {
		b.WriteString(" " + c.periodText)
	}
	return b.String()
}

// agreement is a deal, truce, treaty or partnership.
type agreement struct {
	name    string
	kind    string
	period  string
	text    string // the noun phrase that states it, with its complements
	aliases []string
	parties []*entity
}

// rulePledge matches commitments (CAMEO 03x, 05x) at a pledge verb k: "X
// agreed to buy …", "both pledged to strengthen ties", "X has committed to
// buying …", "X agreed to a one-year trade truce".
func (a *analysis) rulePledge(s *sent, k int) {
	n := len(s.toks)
	if a.nounAfterDeterminer(s, k) || a.word(s, k-1) == "to" || k > 0 && s.toks[k-1].kind == tPoss {
		// "their promises to …" is a noun; "wants Y to agree to …",
		// "has to agree" are not agreements yet
		return
	}
	if a.word(s, k-1) == "only" {
		a.drop("a condition ('would only agree to …'), not a commitment")
		return
	}
	if a.futureAt(s, k) || a.word(s, k-1) == "would" {
		a.drop("a pledge still to be made ('will agree', 'would agree')")
		return
	}
	if a.unnamedPledger(s, k) {
		a.drop("the pledger is an unnamed group ('donors pledged', 'his country's firms have agreed')")
		return
	}
	q := k + 1
	for q < n {
		switch {
		case a.word(s, q) == "also" || a.word(s, q) == "formally" || a.word(s, q) == "jointly":
			q++
		case a.word(s, q) == "in" && a.word(s, q+1) == "principle":
			q += 2 // "agreed in principle to"
		default:
			goto parsed
		}
	}
parsed:
	// "agreed on Tuesday to …": a time adjunct before the complement
	if r := a.skipAdjuncts(s, q); r > q && a.word(s, r) == "to" {
		q = r
	}
	// "agreed at the summit to …", "agreed during talks in Lima to …": a
	// short prepositional phrase before an infinitive of commitment
	for _, r := range [2]int{a.skipPlacePhrase(s, q), a.skipPlacePhrase(s, a.skipAdjuncts(s, q))} {
		// also after a time: "agreed on Friday at the summit to …"
		if r <= q || a.word(s, r) != "to" {
			continue
		}
		if _, ok := commitVerbs[a.word(s, a.skipInfinitiveAdverbs(s, r+1))]; ok {
			q = r
			break
		}
	}
	w := a.word(s, q)
	subj, subjStart := a.subjectOf(s, k)
	if len(subj) == 0 && (a.word(s, k-1) == "and" || a.word(s, k-1) == "but" || a.word(s, k-1) == "also" && a.word(s, k-2) == "and") {
		// "The two presidents signed … and agreed to …"
		subj, _ = a.mainSubject(s, k)
		subjStart = k - 1
	}
	if len(subj) == 0 {
		a.drop("no party before the trigger")
		return
	}
	if a.modality(s, subjStart, k) != "" {
		return
	}
	switch {
	case s.toks[min(q, n-1)].kind == tNum && q < n:
		// "pledged $5 billion in aid to Ukraine": a sum given
		a.pledgedSum(s, k, q, subj)
	case w == "that":
		// "the two leaders agreed that Tokyo and Seoul will start talks
		// …": what the agreeing parties committed to
		for r := q + 1; r < n && r <= q+10; r++ {
			if a.isBreak(s, r) && r > q+1 {
				break
			}
			if mw := a.word(s, r); mw == "will" || mw == "would" || mw == "shall" {
				if v := a.skipInfinitiveAdverbs(s, r+1); v < n {
					if _, ok := a.infinitiveVerb(s, v); ok {
						a.commitments(s, k, v, subj)
					}
				}
				return
			}
		}
		a.drop("'agreed that' with no will or would")
	case w == "to" || w == "on" && a.word(s, k) == "agreed":
		q++
		if w == "to" {
			// "agreed to jointly fund …"
			q = a.skipInfinitiveAdverbs(s, q)
		}
		if _, ok := a.infinitiveVerb(s, q); ok && w == "to" {
			a.commitments(s, k, q, subj)
			return
		}
		if w == "on" {
			a.agreedHeads = agreedObjects // "agreed on an aid package"
		}
		a.agreementAt(s, k, q, subj)
		a.agreedHeads = nil
	default:
		// "agreed a deal" (British usage); what is agreed is an agreement
		// even when it is called a plan or a proposal: "has agreed a draft
		// proposal with the IMF to borrow $10bn"
		a.agreedHeads = agreedObjects
		a.agreementAt(s, k, q, subj)
		a.agreedHeads = nil
	}
}

// ruleAgreementVerb matches "X signed/reached/struck/announced a deal",
// "upgraded their relationship to a strategic partnership".
func (a *analysis) ruleAgreementVerb(s *sent, k int) {
	if a.futureAt(s, k) || a.word(s, k-1) == "would" {
		a.drop("an agreement still to be reached ('will reach', 'would sign')")
		return
	}
	if p := k - 1; a.word(s, p) == "to" || infinitiveAdverbs[a.word(s, p)] && a.word(s, p-1) == "to" {
		a.drop("an agreement still to be signed ('went to Peking to formally sign')")
		return
	}
	subj, subjStart := a.subjectOf(s, k)
	if len(subj) == 0 {
		subj = a.coordinatedSubject(s, k)
		subjStart = -1
	}
	if len(subj) == 0 {
		a.drop("no party before the trigger")
		return
	}
	if a.modality(s, subjStart, k) != "" {
		return
	}
	q := k + 1
	if a.word(s, k) == "upgraded" {
		for ; q < len(s.toks) && q <= k+5 && a.word(s, q) != "to"; q++ {
		}
		q++
	}
	a.agreementAt(s, k, q, subj)
}

// coordinatedSubject finds the subject of a verb coordinated with an earlier
// one: "Trump and Xi met in Busan, South Korea, and struck a truce".
func (a *analysis) coordinatedSubject(s *sent, k int) []*entity {
	if a.word(s, k-1) != "and" {
		return nil
	}
	for q := k - 2; q >= 0 && q >= k-12; q-- {
		if a.isBreak(s, q) {
			return nil
		}
		if contactVerbs[a.word(s, q)] || agreementVerbs[a.word(s, q)] || lightVerbs[a.word(s, q)] {
			ps, _ := a.subjectBefore(s, q, false)
			return ps
		}
	}
	return nil
}

// agreementAt records an agreement whose noun phrase starts at token q (the
// verb is at k) when the phrase ends in an agreement head within a few
// tokens: "a one-year trade truce", "the New START treaty".
func (a *analysis) agreementAt(s *sent, k, q int, parties []*entity) {
	n := len(s.toks)
	head := -1
	for p := q; p < n && p <= q+8; p++ {
		if a.surface(s, p) == "(" {
			// "a $40bn (£21bn) deal": a parenthesis inside the phrase
			if r := a.closingParen(s, p); r > p && r <= p+6 {
				p = r
				continue
			}
		}
		if a.isBreak(s, p) || s.toks[p].kind == tPunct {
			break
		}
		if _, mod := agreementHeads[a.word(s, p+1)]; contactNouns[a.word(s, p)] && p > q && !mod {
			// "agreed to formal talks on signing an economic pact": talks
			// about a pact, not the pact
			a.drop("talks about an agreement are no agreement")
			return
		}
		switch a.word(s, p) {
		case "should", "would", "will", "must", "could", "can", "may", "might", "shall":
			// "agreed the industry should provide a plan": a clause, not
			// an object
			a.drop("a clause after the verb, not an agreement")
			return
		}
		if _, ok := agreementHeads[a.word(s, p)]; ok || a.agreedHeads[a.word(s, p)] != "" {
			head = p
			if _, more := agreementHeads[a.word(s, p+1)]; !more {
				break
			}
		}
	}
	if head < 0 {
		a.drop("no agreement noun after the verb")
		return
	}
	// "a US proposal for a ceasefire", "the first phase of a ceasefire
	// deal": the deal itself
	for p := head - 1; p > q; p-- {
		if w := a.word(s, p); w == "for" || w == "of" {
			if !agreementParts[a.word(s, p-1)] {
				// "reached a positive evaluation of the Louvre accord":
				// an opinion about a deal, not a deal
				a.drop("a view of an agreement, not an agreement ('" + a.word(s, p-1) + " " + w + "')")
				return
			}
			q = p + 1
			break
		}
	}
	phrase := q
	ag := a.agreementFrom(s, q, head, parties)
	if ag == nil {
		return
	}
	end := a.agreementExtent(s, head)
	if ag.text == "" && end > head+1 {
		ag.text = a.span(s, phrase, end)
	}
	// "signed a trade protocol with the US", "agreed a draft with the IMF":
	// the other side of the agreement is a party too
	if with := a.agreementCounterparts(s, head, end); len(with) > 0 {
		parties = dedupe(append(slices.Clone(parties), with...))
		for _, p := range with {
			if !slices.Contains(ag.parties, p) {
				ag.parties = append(ag.parties, p)
			}
		}
	}
	date := a.dateNear(s, k)
	claims := a.claimants(s, k)
	for _, p := range parties {
		a.addFact(&fact{typ: graph.Pledged, from: p, agree: ag, date: date, claimedBy: claims, evidence: a.sentText(s)})
	}
	a.lastAgree, a.lastAgreeS = ag, s.idx
}

// closingParen returns the token that closes the parenthesis opened at p,
// or -1.
func (a *analysis) closingParen(s *sent, p int) int {
	for r := p + 1; r < len(s.toks); r++ {
		switch a.surface(s, r) {
		case ")":
			return r
		case "(":
			return -1
		}
	}
	return -1
}

// agreementParts name a part or a stage of the agreement after them: "the
// first phase of a ceasefire deal", "a proposal for a ceasefire", "the
// terms of the accord".
var agreementParts = setOf("phase", "stage", "part", "parts", "terms", "round", "text", "draft", "version",
	"extension", "renewal", "implementation", "signing", "details", "framework", "proposal", "plan", "outline",
	"basis", "elements", "package", "set", "series", "number", "pair", "two", "three", "four", "five", "six",
	"seven", "eight", "nine", "ten", "dozen", "dozens", "memorandum", "memorandums", "letter")

// agreedObjects are nouns that name an agreement when they are what was
// agreed ("agreed a plan", "agreed on an aid package"), not when merely
// announced or proposed.
var agreedObjects = map[string]string{"plan": "plan", "proposal": "plan", "package": "package", "programme": "plan",
	"program": "plan", "terms": "agreement", "roadmap": "plan", "compromise": "agreement", "settlement": "agreement",
	"formula": "agreement", "arrangement": "agreement", "arrangements": "agreement"}

// agreementExtent returns the end (exclusive) of the complements of the
// agreement whose head noun is at head: "an agreement to end Portuguese rule
// over Macao", "a trade protocol with the US, allowing Egyptian goods free
// access", "a declaration on \"Friendly Relations\" in Athens". The phrase
// ends at a clause break, at the end of the sentence, or before a comma
// that opens an attribution (", both countries said") or a new clause
// (", and …", ", which …").
func (a *analysis) agreementExtent(s *sent, head int) int {
	n := len(s.toks)
	end := head + 1
	if !agreementComplements[a.word(s, head+1)] || a.verbAdjunctAt(s, head+1) {
		return end
	}
	for p := head + 1; p < n && p <= head+40; p++ {
		if a.surface(s, p) == "(" {
			// "seven memorandums of understanding (MOUs), encompassing …"
			if r := a.closingParen(s, p); r > p && r <= p+8 {
				p, end = r, r+1
				continue
			}
		}
		if a.isBreak(s, p) || a.verbAdjunctAt(s, p) {
			break
		}
		t := s.toks[p]
		if t.kind == tPunct {
			switch a.surface(s, p) {
			case ".":
				if p == n-1 {
					return end
				}
			case ",":
				if a.attributionAfter(s, p+1) || a.word(s, p+1) == "and" || a.word(s, p+1) == "but" {
					return end
				}
				continue
			}
		}
		end = p + 1
	}
	// "the Louvre accord in which …": a preposition or article left
	// dangling before a break is not content
	for end > head+1 && (prepositions[a.word(s, end-1)] || objectDeterminers[a.word(s, end-1)] ||
		a.word(s, end-1) == "and" || a.word(s, end-1) == "or") {
		end--
	}
	return end
}

// agreementComplements open the complement of an agreement noun: what it
// is to do, what it covers, with whom.
var agreementComplements = setOf("to", "on", "over", "for", "with", "covering", "ending", "allowing",
	"encompassing", "in", "of", "between", "worth", "including", "providing", "giving", "aimed", "designed",
	"intended", "setting", "among", "that", "under", "involving", "concerning", "regarding", "valued")

// verbAdjunctAt reports whether token p opens a phrase that belongs to the
// verb, not to a noun before it: a time ("shortly afterward", "on Tuesday",
// "last week") or a venue ("at a summit").
func (a *analysis) verbAdjunctAt(s *sent, p int) bool {
	switch w := a.word(s, p); w {
	case "at", "shortly", "later", "earlier", "yesterday", "today", "tonight", "last", "next", "this", "afterward",
		"afterwards", "soon", "late", "early":
		return true
	case "on", "by", "in":
		nx := a.word(s, p+1)
		return weekdays[nx] || months[nx] || s.toks[min(p+1, len(s.toks)-1)].kind == tNum && w != "by"
	default:
		return weekdays[w]
	}
}

// attributionAfter reports whether the tokens from q open an attribution:
// "said", "both countries said", "IRNA said", "according to".
func (a *analysis) attributionAfter(s *sent, q int) bool {
	for p := q; p < len(s.toks) && p <= q+5; p++ {
		if m := s.mentionAt(p); m != nil {
			p = m.j - 1 // "the United States" is no "states"
			continue
		}
		w := a.word(s, p)
		if speechVerbs[w] || w == "according" {
			return true
		}
		if s.toks[p].kind == tPunct || a.isBreak(s, p) {
			return false
		}
	}
	return false
}

// agreementCounterparts returns the parties named by a "with" complement of
// the agreement at head, within its extent: "a protocol with the US".
func (a *analysis) agreementCounterparts(s *sent, head, end int) []*entity {
	p := head + 1
	if a.word(s, p) != "with" {
		return nil
	}
	m := s.mentionAt(p + 1)
	if m == nil {
		if m = s.mentionAt(p + 2); m == nil || a.word(s, p+1) != "the" {
			return nil
		}
	}
	if m.j > end || m.adj || m.poss || m.media || m.kind != mEntity || m.ent == nil {
		return nil
	}
	return a.partiesOf(m)
}

// agreementFrom builds (or finds) the agreement named by tokens [q, head]
// and its complement ("an agreement on border trade"). A proper name is kept
// as written ("Jakarta Maritime Accord", "New START treaty"); a common noun
// phrase is prefixed with its parties' names so that distinct deals stay
// distinct ("China–United States trade truce"); a bare definite reference
// ("the agreement", "the accord") is the last agreement of the article.
func (a *analysis) agreementFrom(s *sent, q, head int, parties []*entity) *agreement {
	kind := agreementHeads[a.word(s, head)]
	if kind == "" {
		kind = a.agreedHeads[a.word(s, head)]
	}
	named := a.properAgreement(s, q, head)
	var words []string
	period := ""
	for p := q; p <= head; p++ {
		if m := s.mentionAt(p); m != nil {
			if named {
				words = append(words, a.span(s, m.i, min(m.j, head+1)))
			}
			p = m.j - 1
			continue
		}
		w := a.word(s, p)
		if s.toks[p].kind == tPoss || s.toks[p].kind == tQuote || s.toks[p].kind == tPunct || s.toks[p].kind == tNum && !named {
			continue
		}
		if !named && (agreementDrop[w] || strings.Contains(w, "-") && strings.HasSuffix(w, "ed")) ||
			named && (w == "a" || w == "an" || w == "the") && p == q {
			continue // "a long-delayed minerals deal" is the minerals deal
		}
		if strings.HasSuffix(w, "-year") || strings.HasSuffix(w, "-month") || strings.HasSuffix(w, "-day") || strings.HasSuffix(w, "-week") {
			period = strings.ReplaceAll(w, "-", " ")
			continue
		}
		if s.toks[p].cap && named {
			words = append(words, a.surface(s, p))
		} else {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return nil
	}
	if !named && len(words) == 1 {
		// "signed the agreement", "under the accord": the one just named
		if a.lastAgree != nil && s.idx-a.lastAgreeS <= 4 && a.word(s, head-1) == "the" {
			return a.lastAgree
		}
	}
	// "The two firms signed a Memorandum of Understanding" after the deal
	// was described: a document with no content of its own between the
	// same parties is the agreement just reported
	if a.contentFree(s, q, head) && a.lastAgree != nil && s.idx-a.lastAgreeS <= 3 && sharesParty(a.lastAgree, parties) {
		return a.lastAgree
	}
	// the complement: "on border trade", "on climate"
	if c := head + 1; !named && c < len(s.toks) && (a.word(s, c) == "on" || a.word(s, c) == "over") {
		e := c + 1
		for e < len(s.toks) && e <= c+4 && s.toks[e].kind == tWord && !s.toks[e].cap && !clauseBreak[a.word(s, e)] &&
			!objectStop[a.word(s, e)] && s.cover[e] == 0 {
			e++
		}
		if e > c+1 {
			words = append(words, a.lower[s.toks[c].start:s.toks[e-1].end])
		}
	}
	core := strings.Join(words, " ")
	core = strings.TrimPrefix(strings.TrimPrefix(core, "the "), "The ")
	name := core
	if !named {
		var ps []string
		for _, p := range parties {
			nm := p.name
			if p.kind == entPerson && p.country != nil {
				nm = p.country.Name
			}
			if !slices.Contains(ps, nm) {
				ps = append(ps, nm)
			}
		}
		sort.Strings(ps)
		if len(ps) > 0 {
			name = strings.Join(ps, "–") + " " + core
		}
	}
	ag := a.internAgreement(name, kind)
	if ag.period == "" {
		ag.period = period
	}
	if core != name && !slices.Contains(ag.aliases, core) {
		ag.aliases = append(ag.aliases, core)
	}
	for _, p := range parties {
		if !slices.Contains(ag.parties, p) {
			ag.parties = append(ag.parties, p)
		}
	}
	return ag
}

// contentFree reports whether tokens [q, head] and the complement after
// head say nothing but what kind of document it is: "a Memorandum of
// Understanding", "an MoU", "a formal agreement".
func (a *analysis) contentFree(s *sent, q, head int) bool {
	for p := q; p <= head; p++ {
		w := a.word(s, p)
		if _, ok := agreementHeads[w]; ok || objectDeterminers[w] || genericAgreementWords[w] {
			continue
		}
		return false
	}
	for p := head + 1; p < a.agreementExtent(s, head); p++ {
		switch w := a.word(s, p); {
		case w == "of" || w == "understanding" || w == "(" || w == ")" || w == ",":
		case s.toks[p].upper: // "(MoU)"
		default:
			return false
		}
	}
	return true
}

// genericAgreementWords qualify an agreement without saying what it is
// about.
var genericAgreementWords = setOf("formal", "final", "draft", "preliminary", "initial", "written", "binding",
	"non-binding", "framework", "first", "second", "one", "two", "seven", "several")

// sharesParty reports whether ag has one of parties.
func sharesParty(ag *agreement, parties []*entity) bool {
	for _, p := range parties {
		if slices.Contains(ag.parties, p) {
			return true
		}
	}
	return false
}

// properAgreement reports whether tokens [q, head] name an agreement: a
// capitalised head not opening the sentence ("Paris Agreement"), or a
// capitalised word before it that is not a country reference ("Jakarta
// Maritime Accord", "New START treaty").
func (a *analysis) properAgreement(s *sent, q, head int) bool {
	if s.toks[head].cap && head > 0 {
		return true
	}
	for p := q; p < head; p++ {
		if objectDeterminers[a.word(s, p)] || notInfinitive[a.word(s, p)] {
			continue // "This agreement", "Any deal" open a sentence
		}
		if m := s.mentionAt(p); m != nil {
			p = m.j - 1
			continue
		}
		if s.toks[p].cap && s.toks[p].kind == tWord && p > 0 {
			return true
		}
	}
	return false
}

// internAgreement returns the article's agreement called name, adding it.
func (a *analysis) internAgreement(name, kind string) *agreement {
	for _, ag := range a.agrees {
		if ag.name == name {
			return ag
		}
	}
	ag := &agreement{name: name, kind: kind}
	a.agrees = append(a.agrees, ag)
	return ag
}

// namedAgreements records the agreements s names without a verb of
// agreement: "the New START treaty — the last remaining …".
func (a *analysis) namedAgreements(s *sent) {
	for p := 1; p < len(s.toks); p++ {
		if _, ok := agreementHeads[a.word(s, p)]; !ok || s.toks[p].kind != tWord {
			continue
		}
		q := p
		for q > 0 && (s.toks[q-1].cap && s.toks[q-1].kind == tWord || s.toks[q-1].kind == tDash) {
			q--
		}
		if q == p && !s.toks[p].cap || q == 0 && p == 0 {
			continue
		}
		if q == p {
			continue // a capitalised head alone: "Agreement"
		}
		if !a.properAgreement(s, q, p) {
			continue
		}
		ag := a.agreementFrom(s, q, p, nil)
		if ag != nil {
			a.lastAgree, a.lastAgreeS = ag, s.idx
		}
	}
}

// infinitiveAdverbs split an infinitive without changing what is promised:
// "agreed to jointly fund", "pledged to further deepen".
var infinitiveAdverbs = setOf("jointly", "together", "also", "further", "swiftly", "quickly", "gradually",
	"formally", "mutually", "significantly", "substantially", "urgently", "rapidly", "fully", "collectively")

// skipInfinitiveAdverbs returns the first token from q that is not one of
// infinitiveAdverbs (at most two are skipped).
func (a *analysis) skipInfinitiveAdverbs(s *sent, q int) int {
	for n := 0; n < 2 && infinitiveAdverbs[a.word(s, q)]; n++ {
		q++
	}
	return q
}

// placePrepositions open the short phrases skipPlacePhrase passes over.
var placePrepositions = setOf("at", "during", "in", "after", "following", "on")

// skipPlacePhrase returns the token after a short prepositional phrase at q
// ("at the summit", "during talks in Lima", "in a joint statement"): at most
// six words with no punctuation and no verb of speech, commitment or
// agreement; q itself when there is none.
func (a *analysis) skipPlacePhrase(s *sent, q int) int {
	if !placePrepositions[a.word(s, q)] {
		return q
	}
	for p := q + 1; p < len(s.toks) && p <= q+6; p++ {
		w := a.word(s, p)
		if w == "to" {
			return p
		}
		if s.toks[p].kind == tPunct || speechVerbs[w] || negators[w] {
			return q
		}
		if _, ok := pledgeVerbs[w]; ok {
			return q
		}
	}
	return q
}

// reportingVerbBefore finds the verb of speech that reports a clause whose
// subject starts after token p: "said (on Monday) that X would …", "told a
// news conference that X would …". It skips "that", time adjuncts and a
// short addressee phrase and returns the verb's token, or -1. Verbs of
// warning never report a commitment.
func (a *analysis) reportingVerbBefore(s *sent, p int) int {
	if a.word(s, p) != "that" {
		return -1
	}
	for r := p - 1; r >= 0 && r >= p-6; r-- {
		w := a.word(s, r)
		if s.toks[r].kind == tPunct {
			return -1
		}
		if speechVerbs[w] {
			if threatSpeech[w] || a.deniedBefore(s, r) {
				return -1
			}
			return r
		}
	}
	return -1
}

// deniedBefore reports a denial or negation among the four words before
// token r: "denied reports that …", "did not say that …", "rejected claims
// that …".
func (a *analysis) deniedBefore(s *sent, r int) bool {
	for q := r - 1; q >= 0 && q >= r-4; q-- {
		w := a.word(s, q)
		if negators[w] || denialVerbs[w] {
			return true
		}
	}
	return false
}

// denialVerbs reject the report that follows them.
var denialVerbs = setOf("denied", "denies", "deny", "rejected", "rejects", "dismissed", "dismisses", "refuted",
	"refutes", "disputed", "disputes", "contradicted")

// threatSpeech are verbs of speech whose "would" is a threat, not a promise.
var threatSpeech = setOf("warned", "warns", "threatened", "threatens", "cautioned")

// ruleWillPledge matches reported intentions: "Washington said it would
// postpone …", "Trump said China will buy …" (CAMEO 03x): a modal with a
// commitment verb, in a clause reported by a verb of speech.
func (a *analysis) ruleWillPledge(s *sent, k int) {
	q := k + 1
	if a.word(s, q) == "also" {
		q++
	}
	v := a.word(s, q)
	if !willVerbs[commitVerbs[v]] {
		return
	}
	if negators[v] || a.word(s, q) == "not" {
		return
	}
	subj, subjStart := a.subjectBefore(s, k, false)
	if len(subj) == 0 {
		a.drop("no party before the trigger")
		return
	}
	if !a.subjectAdjacent(s, k, subjStart) {
		a.drop("the subject of 'will' is no party ('my visit will open …')")
		return
	}
	switch a.word(s, subjStart-1) {
	case "because", "since", "as", "if", "unless", "when", "while", "although", "though", "once", "until":
		// "Japan pointed to the dangers … because it would reduce the flow
		// of capital": a cause or a condition, not a commitment
		a.drop("a subordinate clause of cause or condition, not a commitment")
		return
	}
	// reported: a speech verb right before the subject ("said it would"),
	// or the terms of an agreement ("under which Hamas will release …")
	p := subjStart - 1
	if a.word(s, p) == "that" {
		p--
	}
	terms := a.lastAgree != nil && a.lastAgreeS == s.idx &&
		(a.word(s, p) == "which" && (a.word(s, p-1) == "under" || a.word(s, p-1) == "in") || a.word(s, p) == "whereby" ||
			a.word(s, p) == "and" && a.termsClause(s, p)) ||
		a.lastAgree != nil && s.idx-a.lastAgreeS <= 8 && a.underAgreementFront(s, subjStart)
	// or attributed after the fact: "Japan will invest …, the White House said"
	trailing := !speechVerbs[a.word(s, p)] && !terms && len(a.claimants(s, k)) > 0 && a.hasCommaBetween(s, k, len(s.toks)-1)
	// or reported at a distance: "told a news conference that X would …"
	rv := a.reportingVerbBefore(s, subjStart-1)
	distant := !speechVerbs[a.word(s, p)] && rv >= 0
	if distant && a.modality(s, rv+1, subjStart) != "" {
		return // "said that I hope that X will …"
	}
	// or promised to someone: "the EC has promised Canada it will …"
	promised := false
	if m := s.mentionAt(p); m != nil && m.i > 0 {
		_, promised = pledgeVerbs[a.word(s, m.i-1)]
	}
	if !speechVerbs[a.word(s, p)] && !terms && !trailing && !distant && !promised {
		return
	}
	if a.modality(s, subjStart, k) != "" {
		return
	}
	for q := subjStart - 1; q >= 0 && q >= subjStart-2; q-- {
		if beliefWords[a.word(s, q)] {
			a.drop("a belief about what someone will do ('is confident X will')")
			return
		}
	}
	n := len(a.commits)
	a.commitments(s, k, q, subj)
	if terms {
		for _, c := range a.commits[n:] {
			c.agree = a.lastAgree
		}
	}
}

// willVerbs are the actions a reported "will"/"would" commits to: material
// and diplomatic cooperation, and the easing or deferral of measures.
var willVerbs = setOf("buy", "purchase", "import", "invest", "provide", "supply", "deliver", "send", "give", "grant",
	"lift", "ease", "remove", "delay", "postpone", "suspend", "halt", "stop", "reduce", "cut", "lower", "release",
	"resume", "allow", "open", "increase", "withdraw", "end", "stem", "curb", "crack", "scale", "phase", "roll",
	"cooperate", "support", "help", "respect", "abide", "honour", "honor", "implement", "refrain", "fund",
	"finance", "rebuild", "reopen", "donate", "lend", "waive", "exempt", "complete", "finish", "construct", "revive",
	"transfer", "share", "contribute", "allocate")

// commitments parses the verb phrases from token q (coordinated with "and")
// into commitments of each party.
func (a *analysis) commitments(s *sent, k, q int, parties []*entity) {
	n := len(s.toks)
	end := q
	for end < n && !a.commitBreak(s, end) {
		end++
	}
	// split "scale back tariffs and crack down on …"
	var vps [][2]int
	start := q
	for p := q + 1; p < end; p++ {
		if a.word(s, p) == "and" {
			nx := p + 1
			if a.word(s, nx) == "to" {
				nx++
			}
			if _, ok := commitVerbs[a.word(s, nx)]; ok && !a.nounAfterDeterminer(s, nx) {
				vps = append(vps, [2]int{start, p})
				start = nx
			}
		}
	}
	vps = append(vps, [2]int{start, end})
	date := a.dateNear(s, k)
	claims := a.claimants(s, k)
	for _, vp := range vps {
		for _, party := range parties {
			c := a.parseCommitment(s, vp[0], vp[1], party)
			if c == nil {
				continue
			}
			c = a.internCommitment(c)
			if a.lastAgree != nil && s.idx-a.lastAgreeS <= 1 && a.tiedToAgreement(s) {
				c.agree = a.lastAgree
			}
			a.addFact(&fact{typ: graph.Pledged, from: party, commit: c, date: date, claimedBy: claims,
				evidence: a.sentText(s)})
		}
	}
}

// infinitiveVerb returns the lemma of the verb at q, the head of an
// infinitive after "agreed to", "pledged to": a known commitment verb in any
// form, or else any lower-case word the tagger reads as a verb, with its
// lemma — not a determiner, number, name or agreement noun ("agreed to
// talks"). Grammar, not a list, makes "agreed to pay 30% more" a
// commitment.
func (a *analysis) infinitiveVerb(s *sent, q int) (string, bool) {
	w := a.word(s, q)
	if lemma, ok := commitVerbs[w]; ok {
		return lemma, true
	}
	if q >= len(s.toks) || s.toks[q].kind != tWord || s.toks[q].cap || s.mentionAt(q) != nil || len(w) < 2 {
		return "", false
	}
	if _, agr := agreementHeads[w]; agr || objectDeterminers[w] || notInfinitive[w] || clauseBreak[w] {
		return "", false
	}
	if a.upos(s, q) != "VERB" {
		return "", false // the tagger reads a noun or adjective: "agreed to quota re-introduction"
	}
	return a.lemma(s, q), true
}

// notInfinitive are words that follow "agreed to" without being its verb.
var notInfinitive = setOf("in", "on", "at", "by", "for", "with", "from", "of", "into", "over", "under", "about",
	"as", "after", "before", "during", "within", "without", "between", "among", "against", "through", "per",
	"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
	"it", "them", "him", "us", "me", "you", "terms", "talks", "demands", "requests", "proposals", "be", "what",
	"which", "some", "all", "any", "each", "both", "such", "no", "not", "new", "further", "more", "less")

// subjectAdjacent reports whether the modal at k follows its subject's
// name (starting at start) directly, after an adverb or after a clause set
// off by commas: "China will", "it would also", "China, the biggest buyer,
// will", not "my visit to India will".
func (a *analysis) subjectAdjacent(s *sent, k, start int) bool {
	q := k - 1
	if q >= 1 && s.mentionAt(q) == nil && a.upos(s, q) == "ADV" {
		q--
	}
	if a.surface(s, q) == "," && start >= 0 {
		// "China, the world's biggest buyer, will …": an apposition or a
		// relative clause set off by commas after the subject — not "a
		// pact, backed by Reagan and Mulroney, would …"
		if m := s.mentionAt(start); m != nil && a.surface(s, m.j) == "," && m.prep == "" && !a.inPhraseAfterComma(s, start) {
			return true
		}
	}
	m := s.mentionAt(q)
	return m != nil && !m.adj && (m.prep == "" || m.prep == "and")
}

// unnamedPledger reports whether the subject right before the pledge verb
// at k is an unnamed group or a resource, not a party: "donors pledged",
// "his country's firms have agreed", "the resources now committed to
// farming" (titles such as "ministers" stand for their country and pass).
func (a *analysis) unnamedPledger(s *sent, k int) bool {
	q := a.subjectSlot(s, k)
	if q < 0 || s.mentionAt(q) != nil || s.toks[q].kind != tWord || s.toks[q].cap {
		return false
	}
	if s.toks[q].cls&(clsTitle1|clsTitlePlural|clsPronoun) != 0 {
		return false
	}
	if m := s.mentionAt(q - 1); m != nil && !m.poss {
		return false // "OPEC members agreed": the members stand for OPEC
	}
	// "Venezuela and its bank advisory committee have agreed": the
	// group is a conjunct of a named party
	for r := q - 1; r >= 0 && r >= q-5; r-- {
		if w := a.word(s, r); w == "and" || w == "," {
			return false
		}
		if s.mentionAt(r) == nil && s.toks[r].kind == tWord && s.toks[r].cap {
			return false // "Latin American nations": a name we do not know
		}
	}
	return a.upos(s, q) == "NOUN"
}

// beliefWords before a clause make it a belief, not a report: "the ASA is
// confident the U.S. Congress will support …".
var beliefWords = setOf("confident", "hopeful", "optimistic", "convinced", "sure", "certain", "believes", "believe",
	"believed", "expects", "expect", "expected", "hopes", "hope", "hoped", "thinks", "think", "thought", "predicted",
	"predicts", "forecast", "likely")

// inPhraseAfterComma reports whether token start stands in a phrase a
// comma opens with a participle or a preposition ("a pact, backed by Reagan
// and Mulroney, would …"): then the name is no subject.
func (a *analysis) inPhraseAfterComma(s *sent, start int) bool {
	for q := start - 1; q >= 0 && q >= start-8; q-- {
		if a.surface(s, q) == "," {
			return false
		}
		if prepositions[a.word(s, q)] || strings.HasSuffix(a.word(s, q), "ed") && a.upos(s, q) == "VERB" {
			return true
		}
	}
	return false
}

// underAgreementFront reports whether the clause whose subject starts at
// start opens with "Under the agreement," or "As part of the deal,": what
// the subject will do are the agreement's terms.
func (a *analysis) underAgreementFront(s *sent, start int) bool {
	if start < 3 || a.surface(s, start-1) != "," {
		return false
	}
	p := 0
	switch {
	case a.word(s, p) == "under":
		p++
	case a.word(s, p) == "as" && a.word(s, p+1) == "part" && a.word(s, p+2) == "of":
		p += 3
	default:
		return false
	}
	for ; p < start-1; p++ {
		if _, ok := agreementHeads[a.word(s, p)]; ok {
			return p == start-2
		}
	}
	return false
}

// commitBreak reports whether token p ends a commitment's verb phrase: a
// clause break other than a time preposition, a comma not before "and", any
// other punctuation, or "and" starting a new clause with its own subject
// ("… and Washington said …").
func (a *analysis) commitBreak(s *sent, p int) bool {
	w := a.word(s, p)
	switch w {
	case "following", "during", "until", "since", "once":
		return false
	case "as":
		switch a.word(s, p+1) {
		case "early", "soon", "well", "much", "many", "part", "quickly", "far":
			return false // "as early as next month", "as well as"
		}
		if a.word(s, p-1) == "as" || a.word(s, p-2) == "as" {
			return false // the second "as" of "as early as"
		}
	case "and":
		if m := s.mentionAt(p + 1); m != nil && !m.adj {
			nx := a.word(s, m.j)
			_, pv := pledgeVerbs[nx]
			return speechVerbs[nx] || actionVerbs[nx] || pv
		}
		return false
	}
	if s.toks[p].kind == tPunct {
		switch a.surface(s, p) {
		case "+", "/", "&":
			return false // "a “2+2” dialogue"
		case ",":
			return a.word(s, p+1) != "and" && !a.listComma(s, p)
		}
		return true
	}
	return a.isBreak(s, p)
}

// listComma reports whether the comma at p separates the members of a list
// of named entities: "among Japan, the United States and South Korea".
func (a *analysis) listComma(s *sent, p int) bool {
	if s.mentionAt(p-1) == nil {
		return false
	}
	q := p + 1
	if a.word(s, q) == "the" {
		q++
	}
	m := s.mentionAt(q)
	return m != nil && m.kind == mEntity
}

// nounAfterDeterminer reports whether token p follows a determiner, so is a
// noun ("the cut"), not a verb.
func (a *analysis) nounAfterDeterminer(s *sent, p int) bool {
	switch a.word(s, p-1) {
	case "a", "an", "the", "its", "their", "his", "her":
		return true
	}
	return false
}

// tiedToAgreement reports whether the text ties a commitment to the last
// agreement: "as part of the truce", "under the deal".
func (a *analysis) tiedToAgreement(s *sent) bool {
	for q := range s.toks {
		w := a.word(s, q)
		if (w == "under" || w == "part") && q+2 < len(s.toks) {
			for p := q + 1; p <= q+4 && p < len(s.toks); p++ {
				if _, ok := agreementHeads[a.word(s, p)]; ok {
					return true
				}
			}
		}
	}
	return false
}

// determiners dropped at the start of a commitment object.
var objectDeterminers = setOf("a", "an", "the", "its", "their", "his", "her", "our", "more", "further",
	"additional", "extra", "some", "any", "much", "many", "greater", "new")

// parseCommitment parses the verb phrase [q, end) into action, object,
// quantity, unit and period.
func (a *analysis) parseCommitment(s *sent, q, end int, party *entity) *commitment {
	if q >= end {
		return nil
	}
	switch a.word(s, q) {
	case "try", "seek", "strive", "endeavour", "endeavor", "work", "aim", "move":
		// "agreed to try to increase …": the action is the next verb
		if a.word(s, q+1) == "to" && q+2 < end {
			q += 2
		}
	}
	lemma, ok := a.infinitiveVerb(s, q)
	if !ok {
		return nil
	}
	c := &commitment{party: party, action: lemma}
	p := q + 1
	if m := s.mentionAt(p); m != nil && m.i == p && a.word(s, m.j) == "with" && m.j+1 < end {
		// "supply India with 7.5 million tonnes of LPG": the recipient
		// first, then what is given
		p = m.j + 1
	}
	switch a.word(s, p) {
	case "back", "down", "up", "out", "off", "on":
		if a.word(s, p) != "on" || lemma == "crack" || lemma == "work" {
			c.action += " " + a.word(s, p)
			p++
		}
	}
	// "buy 25 million tonnes of soybeans"
	if qt, un, np := a.quantityAt(s, p); qt != "" {
		c.quantity, c.unit = qt, un
		p = np
		if a.word(s, p) == "of" {
			p++
		}
	}
	for p < end && objectDeterminers[a.word(s, p)] {
		p++
	}
	// "increase its purchase of X": the nominal joins the action
	if commitNominals[a.word(s, p)] && a.word(s, p+1) == "of" {
		c.action += " " + singular(a.word(s, p))
		c.nominal = true
		p += 2
		for p < end && objectDeterminers[a.word(s, p)] {
			p++
		}
	}
	if a.word(s, p) == "on" || a.word(s, p) == "with" {
		p++ // "crack down on X", "work with X"
		for p < end && objectDeterminers[a.word(s, p)] {
			p++
		}
	}
	for p < end && s.toks[p].kind == tQuote {
		p++
	}
	objStart := p
	for p < end && !objectStop[a.word(s, p)] {
		if a.word(s, p) == "on" && (weekdays[a.word(s, p+1)] || months[a.word(s, p+1)]) {
			break // "… on Thursday": a date, not the object
		}
		t := s.toks[p]
		if t.kind == tPunct && a.surface(s, p) != "+" && a.surface(s, p) != "/" {
			break
		}
		if t.kind == tNum && !(p > objStart && a.surface(s, p-1) == "+") && !(p+1 < end && a.surface(s, p+1) == "+") &&
			a.rateAt(s, p) == "" {
			break // a quantity, not part of the object ("its 32% tariff" is)
		}
		p++
	}
	for p > objStart && s.toks[p-1].kind == tQuote {
		p--
	}
	if a.word(s, p-1) == "and" {
		p--
	}
	c.object = strings.Join(strings.Fields(strings.Map(dropQuote, a.span(s, objStart, p))), " ")
	// quantity and period in the rest of the phrase: "from 12 million
	// tonnes … up to 20 million tonnes", "in the following season"
	periodAt := -1
	for r := p; r < end; r++ {
		if s.toks[r].kind == tNum {
			if qt, un, np := a.quantityAt(s, r); qt != "" {
				prev := a.word(s, r-1)
				if c.quantity == "" || prev == "to" || prev == "up" {
					c.quantity, c.unit = qt, un
					c.qtyAfter = prev == "to" || prev == "up"
					if periodAt >= 0 && (prev == "to" || prev == "up") {
						// "from 12 million tonnes in the current season up
						// to 20 million": the period was the baseline's
						c.period, periodAt = "", -1
					}
				}
				r = np - 1
			}
			continue
		}
		if per := a.periodAt(s, r, end); per != "" && c.period == "" {
			c.period, periodAt = per, r
			c.periodText = per
			if w := a.word(s, r); w == "in" || w == "over" || w == "for" || w == "within" || w == "during" {
				c.periodText = w + " " + a.periodPhrase(s, r)
			}
		}
	}
	c.text = a.span(s, q, end)
	if c.object == "" {
		// an elided object: "committed to buying 25 million tonnes" after
		// "agreed to increase its purchase of soybeans"
		for i := len(a.commits) - 1; i >= 0; i-- {
			if pc := a.commits[i]; pc.party == party && pc.object != "" {
				c.object = pc.object
				break
			}
		}
	}
	c.objKey = a.objectKey(c.object)
	return c
}

// internCommitment returns the document's commitment with c's id, adding c
// when new.
func (a *analysis) internCommitment(c *commitment) *commitment {
	id := c.id()
	if old := a.commitIDs[id]; old != nil {
		if old.period == "" {
			old.period = c.period
		}
		return old
	}
	a.commitIDs[id] = c
	a.commits = append(a.commits, c)
	return c
}

// quantityAt parses "20 million tonnes", "$11bn", "500,000 barrels" at token
// q; it returns the quantity, the unit and the token after.
func (a *analysis) quantityAt(s *sent, q int) (qty, unit string, next int) {
	if q >= len(s.toks) || s.toks[q].kind != tNum {
		return "", "", q
	}
	if a.rateAt(s, q) != "" {
		return "", "", q
	}
	v := a.surface(s, q)
	p := q + 1
	if mg, ok := magnitudes[a.word(s, p)]; ok {
		v += " " + mg
		p++
	}
	// a year is a date, not a quantity
	if len(v) == 4 && (strings.HasPrefix(v, "19") || strings.HasPrefix(v, "20")) && p == q+1 {
		return "", "", q
	}
	if a.word(s, p) == "metric" || a.word(s, p) == "cubic" {
		p++
	}
	if u, ok := units[a.word(s, p)]; ok && u != "" {
		unit = u
		p++
	}
	return v, unit, p
}

// periodAt matches a period phrase at token r: "in the following season",
// "over the next three years", "by 2027", "this year", "annually".
func (a *analysis) periodAt(s *sent, r, end int) string {
	w := a.word(s, r)
	switch w {
	case "in", "over", "for", "within", "during", "by", "this", "next", "each", "every", "per", "annually", "yearly":
	default:
		return ""
	}
	if w == "annually" || w == "yearly" {
		return w
	}
	for p := r + 1; p < end && p <= r+5; p++ {
		if s.toks[p].cap || s.cover[p] != 0 {
			return ""
		}
		if periodHeads[a.word(s, p)] || s.toks[p].kind == tNum && len(a.surface(s, p)) == 4 && w == "by" {
			from := r
			if w == "in" || w == "over" || w == "for" || w == "within" || w == "during" {
				from = r + 1
				if a.word(s, from) == "the" {
					from++
				}
			}
			return strings.ToLower(a.span(s, from, p+1))
		}
	}
	return ""
}

func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

// objectKey normalises a commitment object so that differently worded
// commitments merge: lower case, country names, demonyms and aliases as the
// country id, spelling variants of commodities folded.
func (a *analysis) objectKey(obj string) string {
	if obj == "" {
		return ""
	}
	var parts []string
	for _, f := range strings.Fields(obj) {
		f = strings.Trim(f, ".,;:“”\"'’")
		if f == "" {
			continue
		}
		if c := a.countryWord(f); c != nil {
			parts = append(parts, c.ID)
			continue
		}
		parts = append(parts, strings.ToLower(f))
	}
	key := strings.Join(parts, " ")
	for _, r := range commodityFolds {
		key = strings.ReplaceAll(key, r[0], r[1])
	}
	return key
}

// commodityFolds fold spelling variants of traded goods.
var commodityFolds = [][2]string{
	{"soya beans", "soybeans"}, {"soy beans", "soybeans"}, {"soyabeans", "soybeans"}, {"soyabean", "soybeans"},
	{"soybean", "soybeans"}, {"soybeanss", "soybeans"}, {"aeroplanes", "airplanes"}, {"tons", "tonnes"},
	{"liquefied natural gas", "lng"}, {"co-operation", "cooperation"}, {"defence", "defense"},
}

// countryWord returns the country a single word names or qualifies
// ("US", "American", "Chinese"), or nil.
func (a *analysis) countryWord(w string) *gazetteer.Country {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return nil
	}
	if c, n, _, ok := a.gz.Match(w); ok && n == len(w) {
		return c
	}
	return nil
}

// periodPhrase returns the period phrase after the preposition at r, as
// written in lower case ("the following season", "the next five years").
func (a *analysis) periodPhrase(s *sent, r int) string {
	for p := r + 1; p < len(s.toks) && p <= r+6; p++ {
		if periodHeads[a.word(s, p)] {
			return strings.ToLower(a.span(s, r+1, p+1))
		}
	}
	return ""
}

// termsClause reports whether the "and" at p joins a second term of an
// agreement ("under which A will … and B will …").
func (a *analysis) termsClause(s *sent, p int) bool {
	for q := p - 1; q >= 1; q-- {
		if a.word(s, q) == "which" && (a.word(s, q-1) == "under" || a.word(s, q-1) == "in") || a.word(s, q) == "whereby" {
			return true
		}
		if a.isBreak(s, q) {
			return false
		}
	}
	return false
}

// dropQuote removes quotation marks from a commitment object.
func dropQuote(r rune) rune {
	if isQuoteRune(r) {
		return -1
	}
	return r
}

// pledgedSum records "X pledged $5 billion in aid to Ukraine" as a
// commitment to provide the sum.
func (a *analysis) pledgedSum(s *sent, k, q int, parties []*entity) {
	qt, un, p := a.quantityAt(s, q)
	if qt == "" {
		return
	}
	end := p
	for end < len(s.toks) && !a.commitBreak(s, end) {
		end++
	}
	obj := ""
	if w := a.word(s, p); w == "in" || w == "of" || w == "for" {
		o := p + 1
		for o < end && s.toks[o].kind == tWord && !objectStop[a.word(s, o)] {
			o++
		}
		obj = a.span(s, p+1, o)
	}
	date := a.dateNear(s, k)
	claims := a.claimants(s, k)
	for _, party := range parties {
		c := a.internCommitment(&commitment{party: party, action: "provide", quantity: qt, unit: un, object: obj,
			text: a.span(s, q, end), objKey: a.objectKey(obj)})
		a.addFact(&fact{typ: graph.Pledged, from: party, commit: c, date: date, claimedBy: claims, evidence: a.sentText(s)})
	}
}
