package extract

import (
	"slices"
	"strings"

	"github.com/kgnews/kg/graph"
)

// Relation rules read from the dependency tree, for the constructions the
// token rules cannot see through: the passive with its agent ("sanctions
// were imposed on A by B", "A was hit with export curbs by B") and the
// nominal measure with its owner or agent ("B's new tariffs on A took
// effect", "the sanctions against A announced by B"). They run only where
// the token rules found nothing at the trigger, and only in sentences with
// two possible parties, so the parser runs seldom.

// Lemmas of the verbs the tree rules read, as data: a rule names the lemma
// class it triggers on.
var (
	imposeLemmas = setOf("impose", "slap", "levy", "place", "put", "introduce", "announce", "apply", "enact",
		"reimpose", "re-impose", "extend", "expand", "tighten", "adopt", "enforce", "approve", "order", "unveil")
	directLemmas = setOf("sanction", "blacklist", "embargo", "penalise", "penalize")
	strikeLemmas = setOf("hit", "target", "slap")
	// nominalBlocks qualify a measure that does not (yet) exist.
	nominalBlocks = setOf("threatened", "proposed", "planned", "possible", "potential", "mooted", "future",
		"expected", "looming", "new-found", "suggested", "draft", "would-be")
)

// treeSanction is the tree rule for punitive measures at trigger k.
func (a *analysis) treeSanction(s *sent, k int) {
	if a.namesIn(s) < 2 {
		a.drop("fewer than two names in the sentence")
		return
	}
	// cheap token checks first, so that the parser runs only where a tree
	// rule can match
	switch {
	case a.nextWord(s, k, "by", 12) < 0 && a.tokenBefore(s, k, "'s", 4) < 0 && a.tokenBefore(s, k, "’s", 4) < 0:
		a.drop("no agent ('by') and no owner ('X's') around the measure")
		return
	}
	switch a.upos(s, k) {
	case "VERB":
		a.passiveMeasure(s, k)
	case "NOUN":
		a.nominalMeasure(s, k)
	default:
		a.drop("the tagger reads neither a verb nor a noun")
	}
}

// caseOf returns the preposition (case dependent) of token q when it is one
// of preps, and its index; -1 otherwise.
func (a *analysis) caseOf(s *sent, q int, preps ...string) int {
	var cs []int
	for _, c := range a.children(s, q, cs, "case") {
		for _, p := range preps {
			if a.word(s, c) == p {
				return c
			}
		}
	}
	return -1
}

// obliques returns the oblique (obl, nmod) dependents of k introduced by
// one of preps, as the index of each preposition.
func (a *analysis) obliques(s *sent, k int, preps ...string) []int {
	var out, kids []int
	for _, c := range a.children(s, k, kids, "obl", "nmod") {
		if p := a.caseOf(s, c, preps...); p >= 0 {
			out = append(out, p)
		}
	}
	return out
}

// passiveMeasure reads "sanctions were imposed on A by B", "A was
// sanctioned by B", "A was hit with export curbs by B".
func (a *analysis) passiveMeasure(s *sent, k int) {
	var kids []int
	if len(a.children(s, k, kids, "aux:pass", "nsubj:pass")) == 0 {
		a.drop("not a passive")
		return
	}
	byTok := a.obliques(s, k, "by")
	if len(byTok) == 0 {
		// the parser often hangs "by B" on the noun before it ("imposed on
		// Venezuela by the United States"): the first "by" of the clause
		if q := a.nextWord(s, k, "by", 10); q > k {
			byTok = []int{q}
		}
	}
	if len(byTok) == 0 {
		a.drop("a passive with no agent")
		return
	}
	from, _ := a.partiesAfter(s, byTok[0], 3, nil)
	if len(from) == 0 {
		a.drop("no party in the agent")
		return
	}
	var subj []int
	subj = a.children(s, k, subj, "nsubj:pass")
	if len(subj) == 0 {
		a.drop("no passive subject")
		return
	}
	lemma := a.lemma(s, k)
	var target []*entity
	measure := ""
	switch {
	case directLemmas[lemma]:
		target = a.treeParties(s, subj[0])
		measure = "sanctions"
		if lemma == "blacklist" {
			measure = "blacklist"
		}
	case strikeLemmas[lemma]:
		// "A was hit with export curbs by B"
		target = a.treeParties(s, subj[0])
		for _, w := range a.obliques(s, k, "with") {
			if h := a.head(s, w); h >= 0 {
				if ms, ok := sanctionHeads[a.word(s, h)]; ok {
					measure = a.measureKind(s, h, ms)
				}
			}
		}
	case imposeLemmas[lemma]:
		// "sanctions were imposed on A by B"
		ms, ok := sanctionHeads[a.word(s, subj[0])]
		if !ok {
			a.drop("the passive subject is no measure")
			return
		}
		measure = a.measureKind(s, subj[0], ms)
		if on := a.obliques(s, k, "on", "against"); len(on) > 0 {
			target = a.sanctionTarget(s, on[0])
		}
	default:
		a.drop("no measure verb")
		return
	}
	if measure == "" || len(target) == 0 {
		a.drop("no measure or no target")
		return
	}
	a.treeSanctionFacts(s, k, from, target, measure)
}

// nominalMeasure reads a measure noun at k with its owner or agent and its
// target: "Canada's new tariffs on Chinese steel took effect", "the
// sanctions against Iran announced by the European Union".
func (a *analysis) nominalMeasure(s *sent, k int) {
	ms, ok := sanctionHeads[a.word(s, k)]
	if !ok {
		return
	}
	if w := a.word(s, k); w == "controls" && a.word(s, k-1) != "export" || (w == "ban" || w == "bans") && a.word(s, k+1) != "on" {
		a.drop("controls that are not export controls, a ban on nothing named")
		return
	}
	switch r := a.rel(s, k); {
	case r == "nsubj", r == "nsubj:pass", r == "root":
	default:
		a.drop("a measure noun that is not what its clause is about (" + r + ")")
		return
	}
	var kids []int
	for _, c := range a.children(s, k, kids, "amod", "compound") {
		if nominalBlocks[a.word(s, c)] {
			a.drop("a measure that does not exist yet (" + a.word(s, c) + ")")
			return
		}
	}
	// the predicate the measure is the subject of must be no easing,
	// threat or modal: "China's tariffs could be lifted"
	if h := a.head(s, k); h >= 0 {
		if easeVerbs[a.word(s, h)] || threatWords[a.word(s, h)] {
			a.drop("the measure's predicate eases or threatens it")
			return
		}
		var aux []int
		for _, c := range a.children(s, h, aux, "aux") {
			switch w := a.word(s, c); w {
			case "will", "would", "could", "may", "might", "should", "can", "must", "shall":
				a.drop("a modal predicate (" + w + ")")
				return
			}
		}
	}
	var from []*entity
	kids = kids[:0]
	for _, c := range a.children(s, k, kids, "nmod:poss") {
		if m := s.mentionAt(c); m != nil && m.kind == mEntity && m.ent != nil && !m.media {
			from = a.partiesOf(m)
		}
	}
	if len(from) == 0 {
		// "the sanctions against Iran announced by the EU"
		kids = kids[:0]
		for _, c := range a.children(s, k, kids, "acl") {
			if !imposeLemmas[a.lemma(s, c)] && !directLemmas[a.lemma(s, c)] {
				continue
			}
			if by := a.obliques(s, c, "by"); len(by) > 0 {
				from, _ = a.partiesAfter(s, by[0], 3, nil)
			}
		}
	}
	if len(from) == 0 {
		// the parser may hang the participle elsewhere: "the sanctions
		// against Iran announced by the EU" read in order
		for q := k + 1; q < len(s.toks) && q <= k+8 && len(from) == 0; q++ {
			if a.isBreak(s, q) {
				break
			}
			if l := a.lemma(s, q); (imposeLemmas[l] || directLemmas[l]) && strings.HasSuffix(a.word(s, q), "ed") {
				if by := a.nextWord(s, q, "by", 4); by > q {
					from, _ = a.partiesAfter(s, by, 3, nil)
				}
			}
		}
	}
	if len(from) == 0 {
		a.drop("a measure with no owner or agent")
		return
	}
	on := a.obliques(s, k, "on", "against")
	if len(on) == 0 {
		if q := k + 1; a.word(s, q) == "on" || a.word(s, q) == "against" {
			on = []int{q} // "tariffs on Chinese steel", however the parser hung it
		}
	}
	if len(on) == 0 {
		a.drop("a measure with no target")
		return
	}
	target := a.sanctionTarget(s, on[0])
	if len(target) == 0 {
		a.drop("no party in the target")
		return
	}
	a.treeSanctionFacts(s, k, from, target, a.measureKind(s, k, ms))
}

// treeSanctionFacts adds SANCTIONED facts from each source to each target
// when the clause is no threat, plan or condition.
func (a *analysis) treeSanctionFacts(s *sent, k int, from, target []*entity, measure string) {
	if a.modality(s, -1, k) != "" {
		return
	}
	a.addSanctions(s, k, from, target, measure, "")
}

// addSanctions adds a SANCTIONED fact from each source to each target of
// the measure at k, dated and attributed from the sentence; a government
// agency among the sources sanctions as its country.
func (a *analysis) addSanctions(s *sent, k int, from, target []*entity, measure, rate string) {
	if a.futureAt(s, k) {
		a.drop("a measure that will be or would be imposed is not imposed yet")
		return
	}
	date := a.dateNear(s, k)
	claims := a.claimants(s, k)
	sources := from
	from, claims = a.agenciesAsCountries(from, claims)
	for _, f := range from {
		for _, t := range target {
			if f == t || slices.Contains(sources, t) {
				continue // "the ban, imposed by the U.S. ITC (ITC)": the agency is the source
			}
			if why := sanctionEndpoints(f, t, measure); why != "" {
				a.drop(why)
				continue
			}
			fc := &fact{typ: graph.Sanctioned, from: f, to: t, measure: measure, rate: rate, date: date,
				claimedBy: claims, evidence: a.sentText(s)}
			a.addFact(fc)
			a.lastSanct, a.lastSanctS = fc, a.cur.idx
		}
	}
}

// namesIn counts the entity mentions of s, modifiers included ("Chinese
// steel"), up to 2.
func (a *analysis) namesIn(s *sent) int {
	n := 0
	for i := range s.ments {
		if m := &s.ments[i]; m.kind == mEntity && m.ent != nil && !m.media {
			if n++; n == 2 {
				break
			}
		}
	}
	return n
}

// nextWord returns the first token after k, within limit tokens and before
// a clause break, whose word is w; -1 when none.
func (a *analysis) nextWord(s *sent, k int, w string, limit int) int {
	for q := k + 1; q < len(s.toks) && q <= k+limit; q++ {
		if a.word(s, q) == w {
			return q
		}
		if a.isBreak(s, q) {
			break
		}
	}
	return -1
}

// weakMeasures are measures that states also apply at home or by agreement
// (a tax, a quota, a freeze): they count as a sanction only on a foreign
// state or a foreign party.
var weakMeasures = setOf("tax", "quota", "export quota", "import quota", "asset freeze", "export tax", "import tax")

// sanctionEndpoints checks the endpoints of a SANCTIONED fact and says why
// it cannot hold, or "". A state, a government body, an intergovernmental
// body or an official imposes; a company, an outlet or a private person
// does not. No state sanctions its own people or bodies (a domestic tax is
// no sanction), and a weak measure needs a foreign target.
func sanctionEndpoints(f, t *entity, measure string) string {
	switch f.kind {
	case entOrg:
		if f.orgKind == "company" || isMediaKind(f.orgKind) || f.orgKind == "" ||
			!strings.HasPrefix(f.orgKind, "igo") && privateBody(f.name) {
			return "a company or private body imposes no sanction"
		}
	case entPerson:
		if f.country == nil || privateRole(f.role) {
			return "a person with no public office imposes no sanction"
		}
	}
	home := f.country
	if t.kind != entCountry && t.country != nil && home != nil && t.country == home {
		return "a measure on the state's own people or bodies is domestic"
	}
	if weakMeasures[measure] || measure == "tariff" && t.kind != entCountry && t.country == nil {
		if t.kind != entCountry && (t.country == nil || t.country == home) {
			return "a tax, quota or freeze on no foreign party is no sanction"
		}
	}
	return ""
}

// privateBody reports whether a body's name marks it private (an
// association, a federation, an institute), which approves or expels but
// does not sanction: "the National Fire Protection Association". It is
// asked only of bodies the gazetteer does not know as intergovernmental.
func privateBody(name string) bool {
	last := name[strings.LastIndexByte(name, ' ')+1:]
	switch strings.ToLower(last) {
	case "association", "federation", "society", "institute", "foundation", "club", "league", "chamber",
		"confederation", "guild", "union":
		return true // an intergovernmental union (EU, AU) is an igo, checked by the caller
	}
	return false
}

// privateRole reports whether a role is a private one: a company's, a
// trader's, an analyst's.
func privateRole(role string) bool {
	r := strings.ToLower(role)
	for _, w := range []string{"chairman", "chief executive", "executive", "director", "analyst", "economist",
		"trader", "dealer", "spokesman for", "managing", "chief", "founder", "owner", "shareholder", "judge",
		"court", "justice"} {
		if strings.Contains(r, w) {
			return !strings.Contains(r, "minister") && !strings.Contains(r, "secretary")
		}
	}
	return false
}

// futureAt reports whether the verb at k is governed by a future
// auxiliary: "will set final dumping duties", "is going to impose". A
// reported "would" ("announced that the US would impose a 25% tax") is
// the announcement of a decision and stays a fact.
func (a *analysis) futureAt(s *sent, k int) bool {
	for q := k - 1; q >= 0 && q >= k-3; q-- {
		switch a.word(s, q) {
		case "will", "shall", "'ll", "wo", "going":
			return true
		case "also", "soon", "then", "now", "not", "probably", "likely", "be", "to":
			continue
		}
		return false
	}
	return false
}

// tokenBefore returns the last token among the limit tokens before k whose
// surface is w, or -1.
func (a *analysis) tokenBefore(s *sent, k int, w string, limit int) int {
	for q := k - 1; q >= 0 && q >= k-limit; q-- {
		if a.surface(s, q) == w {
			return q
		}
	}
	return -1
}

// listedWords are the words that report who a measure lists: "those
// targeted include X", "the individuals sanctioned were X and Y".
var listedWords = setOf("targeted", "sanctioned", "designated", "listed", "named", "blacklisted")

// ruleListed reads the people and bodies a sanction just reported lists:
// "those targeted include Interior Minister X, …" after "the United Kingdom
// has imposed sanctions on 10 Iranian officials". Only the head of each list
// item counts ("senior officers of the police" lists officers, not the
// police), and the source is the imposer of the last measure of the article.
func (a *analysis) ruleListed(s *sent, k int) {
	if !listedWords[a.word(s, k)] {
		return
	}
	switch a.word(s, k-1) {
	case "those", "individuals", "entities", "people", "persons", "officials", "companies", "firms":
	default:
		a.drop("not a list of those a measure targets")
		return
	}
	v := k + 1
	switch a.word(s, v) {
	case "include", "includes", "included", "are", "were", "comprise":
	default:
		a.drop("no list after 'those targeted'")
		return
	}
	last := a.lastSanct
	if last == nil || a.cur.idx-a.lastSanctS > 3 {
		a.drop("no measure reported just before")
		return
	}
	var targets []*entity
	item := true // at the head of a list item
	for q := v + 1; q < len(s.toks); q++ {
		if a.isBreak(s, q) {
			break
		}
		w := a.word(s, q)
		if w == "," || w == "and" {
			item = true
			continue
		}
		if m := s.mentionAt(q); m != nil {
			if item && m.kind == mEntity && m.ent != nil && !m.adj && !m.media && m.ent.kind != entCountry {
				targets = append(targets, m.ent)
			}
			q = m.j - 1
			item = false
			continue
		}
		if s.toks[q].cls&clsTitle1 != 0 && item {
			continue // "Interior Minister X": the title opens the item
		}
		item = false
	}
	if len(targets) == 0 {
		a.drop("no named person or body in the list")
		return
	}
	a.addSanctions(s, k, []*entity{last.from}, dedupe(targets), last.measure, "")
}
