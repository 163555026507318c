package extract

import (
	"slices"
	"strings"

	"github.com/kgnews/kg/graph"
)

var (
	directPreps = setOf("", "with")
	withPreps   = setOf("with")
	withToPreps = setOf("with", "to")
)

// ruleContact matches consultations (CAMEO 04x) around token k: "X spoke
// with Y", "X and Y met", "X held a call with Y", "a call between X and Y",
// "X's call with Y", "the pair spoke", "X-Y call".
func (a *analysis) ruleContact(s *sent, k int) {
	w := a.word(s, k)
	n := len(s.toks)
	var subj, obj []*entity
	subjStart := -1
	isVerb := contactVerbs[w] && !contactNouns[w] || w == "called" || w == "told" || w == "meeting" && a.verbalIng(s, k)
	if w == "meet" || w == "talk" || w == "phone" || w == "call" || w == "calls" {
		// a noun after a determiner or modifier, a verb after a subject
		isVerb = !a.nounContext(s, k)
	}
	if isVerb && a.word(s, k+1) == "out" {
		a.drop("'spoke out' is a public statement, not a consultation")
		return
	}
	if isVerb && (w == "host" || w == "hosts" || w == "visit" || w == "visits") && !a.verbContext(s, k) {
		// "ex-chatshow host Mr Kilroy-Silk", "his visits to Beijing"
		a.drop("a noun, not a verb of consultation")
		return
	}
	if contactNouns[w] && !isVerb {
		// the noun must head its phrase: "phone call" triggers on "call";
		// "a commodity exchange agreement" is an agreement
		if k+1 < n && contactNouns[a.word(s, k+1)] {
			return
		}
		if _, ok := agreementHeads[a.word(s, k+1)]; ok && k+1 < n {
			a.drop("a modifier of an agreement noun")
			return
		}
		if w == "phone" || w == "telephone" {
			return
		}
	}
	switch {
	case isVerb:
		switch w {
		case "exchanged":
			if a.word(s, k+1) != "views" {
				return
			}
		case "called", "phoned", "telephoned", "told":
			m := s.mentionAt(k + 1)
			if m == nil || m.ent == nil || m.ent.kind != entPerson {
				return
			}
			if w == "called" {
				// "called Y a liar", "called Y's remarks …": naming, not phoning
				switch a.word(s, m.j) {
				case "a", "an", "the", "his", "her", "their", "its", "one", "very", "too":
					return
				}
				if m.poss || m.j < len(s.toks) && s.toks[m.j].kind == tQuote {
					return
				}
			}
		case "shook":
			// "X and Y shook hands"
			if a.word(s, k+1) != "hands" {
				return
			}
		case "hosted", "hosts", "host", "received", "receives", "visited", "visits", "welcomed", "welcomes", "greeted", "greets":
			if aux := a.word(s, k-1); (aux == "was" || aux == "were" || aux == "been" || aux == "is") && a.word(s, k+1) == "by" {
				a.passiveContact(s, k)
				return
			}
			q := k + 1
			if a.word(s, q) == "the" || a.word(s, q) == "his" || a.word(s, q) == "her" {
				q++
			}
			if partyModifiers[a.word(s, q)] {
				q++ // "received the visiting Singaporean minister"
			}
			m := s.mentionAt(q)
			if m == nil || m.ent == nil || m.ent.kind != entPerson {
				return
			}
		}
		subj, subjStart = a.subjectBefore(s, k, false)
		switch w {
		case "met", "meet", "meets", "meeting", "called", "phoned", "telephoned", "told", "hosted", "hosts", "host", "received",
			"receives", "visited", "visits", "welcomed", "welcomes", "greeted", "greets":
			obj, _ = a.partiesAfter(s, k, 3, directPreps)
			if len(obj) == 0 {
				obj, _ = a.partiesAfter(s, k, 8, withPreps)
			}
		case "discussed", "discuss", "exchanged", "shook":
			// a named pair: "Putin and Xi discussed …", or the person
			// the matter was discussed with: "Kirchner discussed this
			// problem and other issues with French president Jacques
			// Chirac"
			if len(subj) < 2 && w != "shook" {
				if with := a.nextWord(s, k, "with", 14); with > k {
					if ps, _ := a.partiesAfter(s, with, 6, nil); len(ps) > 0 && ps[0].kind == entPerson {
						obj = ps
					}
				}
				if len(obj) == 0 {
					a.drop("discussed, but with no named pair nor a person after 'with'")
					return
				}
			} else if len(subj) < 2 {
				return
			}
		default:
			if p := a.skipAdjuncts(s, k+1); p < len(s.toks) && withToPreps[a.word(s, p)] {
				obj, _ = a.partiesAfter(s, p-1, 4, withToPreps)
				if len(obj) == 0 {
					obj = a.unnamedCounterpart(s, p)
				}
			}
		}
	default:
		// noun: "between X and Y" right after, "with Y" after
		q := k + 1
		if hq := a.happenedBetween(s, q); hq > 0 {
			q = hq // "the conversation took place early Thursday between A and B"
		}
		if a.word(s, q) == "between" || a.word(s, q) == "among" {
			both, _ := a.partiesAfter(s, q, 10, nil)
			if len(both) >= 2 {
				subj = both
				subjStart = q
			}
		}
		if subj == nil {
			if p := a.skipAdjuncts(s, k+1); p < len(s.toks) && a.word(s, p) == "with" {
				obj, _ = a.partiesAfter(s, p-1, 4, withPreps)
				if len(obj) == 0 {
					obj = a.unnamedCounterpart(s, p)
				}
			}
			subj, subjStart = a.nounOwner(s, k)
		}
	}
	if len(subj) == 0 {
		// "X proposed a plan during talks with Y", "X said after meeting Y":
		// the consultation's subject is the main clause's
		if p := k - 1; p >= 0 && (isVerb && strings.HasSuffix(w, "ing") || !isVerb) {
			for p >= 0 && !isVerb && (a.word(s, p) == "a" || a.word(s, p) == "the" || a.word(s, p) == "his" ||
				a.word(s, p) == "her" || a.word(s, p) == "their" || a.word(s, p) == "its" ||
				a.word(s, p) == "phone" || a.word(s, p) == "telephone" || a.word(s, p) == "video") {
				p--
			}
			switch a.word(s, p) {
			case "during", "after", "before", "while", "when", "at", "in", "following":
				if len(obj) > 0 {
					var st int
					subj, st = a.subjectBefore(s, p, false)
					subjStart = p
					if w := a.word(s, p); w == "in" || w == "at" {
						// "is expected to participate in talks with": the
						// main verb's modality governs the talks
						subjStart = st
					}
				}
			}
		}
	}
	if len(subj) == 0 && !isVerb && len(obj) > 0 {
		// "During a phone call with Y on Monday, X welcomed …": the
		// subject of the main clause after a fronted consultation
		subj, subjStart = a.subjectAfterFronted(s, k)
	}
	if len(subj) == 0 {
		a.drop("no party before the trigger")
		return
	}
	if mod := a.modality(s, subjStart, k); mod != "" {
		return
	}
	if a.contactHedged(s, k) {
		a.drop("hedged consultation")
		return
	}
	if isVerb && a.plannedContact(s, k, subjStart) {
		a.drop("a meeting still to come ('when he meets X next week', 'proposed that they meet')")
		return
	}
	if !isVerb && a.prospectiveNoun(s, k) {
		a.drop("talks under an infinitive or a modal lie ahead")
		return
	}
	if !isVerb && a.scheduledAfter(s, k) {
		a.drop("talks scheduled or planned ('talks between A and B, scheduled for Thursday')")
		return
	}
	// talking to the press is not diplomacy: "speaking to Interfax"
	subj, obj = dropMedia(subj), dropMedia(obj)
	var pairs [][2]*entity
	if len(obj) > 0 {
		for _, x := range subj {
			for _, y := range obj {
				if x != y {
					pairs = append(pairs, [2]*entity{x, y})
				}
			}
		}
	} else if len(subj) >= 2 {
		if (w == "speaking" || w == "talking") && a.word(s, k+1) != "to" && a.word(s, k+1) != "with" {
			a.drop("'A and B were speaking' with no one spoken to: to the press, not to each other")
			return
		}
		if (w == "met" || w == "meet" || w == "meets") && a.unnamedObject(s, k) {
			a.drop("'A and B met' someone unnamed: they did not meet each other")
			return
		}
		for i := 0; i < len(subj); i++ {
			for j := i + 1; j < len(subj); j++ {
				pairs = append(pairs, [2]*entity{subj[i], subj[j]})
			}
		}
	}
	if len(pairs) == 0 {
		a.drop("no counterpart")
		return
	}
	date, explicit := a.dateExplicit(s, k)
	medium := a.medium(s, k)
	topics := a.topicsAfter(s, k)
	claims := a.claimants(s, k)
	for _, p := range pairs {
		f := &fact{typ: graph.SpokeWith, from: p[0], to: p[1], date: date, medium: medium, topics: topics,
			claimedBy: claims, evidence: a.sentText(s), dated: explicit}
		a.addFact(f)
		if a.lastCall == nil || a.lastCallS != s.idx || a.lastPair[0] == nil {
			a.lastPair = p
		}
		a.lastCall, a.lastCallS = f, s.idx
	}
	a.lastPair = pairs[0]
}

// subjectAfterFronted returns the subject of the main clause when the
// consultation noun at k stands in a sentence-initial phrase ("During a
// call with Y, X said …", "In talks with Y on Monday, X agreed …"): the
// parties of the mention right after the phrase's comma, when a verb
// follows it. It returns the subject's start, or nil and -1.
func (a *analysis) subjectAfterFronted(s *sent, k int) ([]*entity, int) {
	p := 0
	switch a.word(s, p) {
	case "during", "in", "at", "after", "following":
	default:
		return nil, -1
	}
	for q := p + 1; q < k; q++ {
		if a.isBreak(s, q) {
			return nil, -1
		}
	}
	n := len(s.toks)
	for q := k + 1; q < n && q <= k+16; q++ {
		if a.surface(s, q) != "," {
			continue
		}
		m := s.mentionAt(q + 1)
		if m == nil {
			return nil, -1
		}
		if m.poss || m.adj || m.j >= n || s.toks[m.j].kind != tWord {
			return nil, -1
		}
		// the main verb, after the subject and its conjuncts ("Kishida
		// and Yoon agreed")
		for v := m.j; v < n && v <= m.j+8; v++ {
			if s.mentionAt(v) != nil || a.word(s, v) == "and" || a.surface(s, v) == "," {
				continue
			}
			w := a.word(s, v)
			_, pledge := pledgeVerbs[w]
			if !speechVerbs[w] && !actionVerbs[w] && !contactVerbs[w] && !pledge && !strings.HasSuffix(w, "ed") {
				return nil, -1
			}
			if ps, st := a.subjectBefore(s, v, false); len(ps) > 0 {
				return ps, st
			}
			return a.partiesOf(m), m.i
		}
		return nil, -1
	}
	return nil, -1
}

// adjunctWords may stand between a consultation verb or noun and its "with"
// phrase: "spoke by phone with", "held a call on Wednesday with".
var adjunctWords = setOf("by", "phone", "telephone", "video", "link", "videolink", "on", "earlier", "later",
	"again", "also", "briefly", "separately", "directly", "privately", "last", "this", "week", "month", "night",
	"morning", "afternoon", "evening", "yesterday", "today", "twice", "for", "an", "hour", "hours", "minutes",
	"more", "than", "nearly", "about", "almost", "over", "late", "early", "in", "person", "once", "first", "time",
	"lasting", "the", "a", ",")

// skipAdjuncts returns the first token from p that is not a time, medium or
// manner adjunct (at most six skipped).
func (a *analysis) skipAdjuncts(s *sent, p int) int {
	for n := 0; p < len(s.toks) && n < 6; n++ {
		w := a.word(s, p)
		if adjunctWords[w] || weekdays[w] || months[w] || s.toks[p].kind == tNum {
			if w == "about" || w == "over" || w == "on" {
				// "about X", "on trade": a topic, unless a time follows
				nx := a.word(s, p+1)
				if !weekdays[nx] && !months[nx] && nx != "the" && s.toks[min(p+1, len(s.toks)-1)].kind != tNum {
					return p
				}
			}
			p++
			continue
		}
		return p
	}
	return p
}

// verbalIng reports whether the -ing form at k is a verb: "after meeting X",
// "was meeting X", "Xi meeting Putin".
func (a *analysis) verbalIng(s *sent, k int) bool {
	switch a.word(s, k-1) {
	case "after", "before", "while", "when", "since", "is", "was", "were", "are", "be", "been", "also", "by":
		return true
	}
	m := s.mentionAt(k - 1)
	return m != nil && m.ent != nil && m.ent.kind == entPerson
}

// passiveContact matches "X was received by Y": a meeting of X and Y.
func (a *analysis) passiveContact(s *sent, k int) {
	by, _ := a.partiesAfter(s, k+1, 3, nil)
	subj, st := a.subjectBefore(s, k, false)
	if len(by) == 0 || len(subj) == 0 || by[0].kind != entPerson || a.modality(s, st, k) != "" {
		return
	}
	date, explicit := a.dateExplicit(s, k)
	claims := a.claimants(s, k)
	for _, x := range subj {
		if x == by[0] {
			continue
		}
		f := &fact{typ: graph.SpokeWith, from: x, to: by[0], date: date, medium: "in person", claimedBy: claims,
			evidence: a.sentText(s), dated: explicit, topics: a.topicsAfter(s, k)}
		a.addFact(f)
		a.lastPair, a.lastCall, a.lastCallS = [2]*entity{x, by[0]}, f, s.idx
	}
}

// nounContext reports whether token k is used as a noun: after a
// determiner, possessive or modifier.
func (a *analysis) nounContext(s *sent, k int) bool {
	if k == 0 {
		return false
	}
	p := a.word(s, k-1)
	switch p {
	case "a", "an", "the", "this", "that", "their", "his", "her", "its", "our", "phone", "video", "telephone",
		"first", "second", "last", "next", "another", "long", "lengthy", "brief", "excellent", "planned",
		"trump-xi", "leaders'", "private", "virtual":
		return true
	}
	if s.toks[k-1].kind == tPoss || s.toks[k-1].kind == tQuote {
		return true
	}
	if m := s.mentionAt(k - 1); m != nil && a.word(s, k-1) != "" && s.toks[k-1].kind == tWord && m.ent != nil && m.ent.kind == entPerson {
		// "Trump-Xi call": two people joined before the noun
		return k >= 2 && (a.word(s, k-2) == "-" || s.toks[k-2].kind == tDash)
	}
	return false
}

// nounOwner returns the parties that hold the consultation noun at token k:
// the subject of a light verb before it ("X held a call"), a possessive
// ("Xi's conversations", "his call"), or two names joined by a dash before
// it ("Trump-Xi call").
func (a *analysis) nounOwner(s *sent, k int) ([]*entity, int) {
	// walk back over modifiers to a light verb or possessive
	for q := k - 1; q >= 0 && q >= k-6; q-- {
		if a.isBreak(s, q) || a.surface(s, q) == "," {
			return nil, -1
		}
		if m := s.mentionAt(q); m != nil {
			if m.poss || m.kind == mPronoun && (a.word(s, q) == "his" || a.word(s, q) == "her") || m.kind == mIt && a.word(s, q) == "its" {
				return a.partiesOf(m), m.i
			}
			// "Trump-Xi call"
			if m.j == k && m.i >= 2 && s.toks[m.i-1].kind == tDash {
				if pm := s.mentionAt(m.i - 2); pm != nil {
					return dedupe(append(a.partiesOf(pm), a.partiesOf(m)...)), pm.i
				}
			}
			return nil, -1
		}
		if a.word(s, q) == "their" {
			// "he and Trump … since their meeting": the pair of the clause
			if ps, st := a.subjectBefore(s, q, false); len(ps) >= 2 {
				return ps, st
			}
			// "At their meeting in Seoul, Kishida and Yoon agreed …"
			if ps, st := a.subjectAfterFronted(s, k); len(ps) >= 2 {
				return ps, st
			}
			if a.lastPair[0] != nil {
				return a.lastPair[:], q
			}
			return nil, -1
		}
		if lightVerbs[a.word(s, q)] {
			if q > 0 && a.word(s, q-1) == "to" {
				return nil, -1 // "plans to hold a call": not a fact
			}
			return a.subjectBefore(s, q, false)
		}
		if appraisalVerbs[a.word(s, q)] && q > 0 && a.word(s, q-1) != "to" {
			// "Erdoğan praised the talks with Mitsotakis": who appraises
			// the talks held them
			return a.subjectBefore(s, q, false)
		}
	}
	return nil, -1
}

// appraisalVerbs appraise a consultation its subject took part in: "praised
// the talks with Y", "described the meeting with Y as productive".
var appraisalVerbs = setOf("praised", "hailed", "welcomed", "described", "termed", "called", "characterised",
	"characterized", "lauded", "praises", "hails", "welcomes", "describes")

// contactHedged reports whether the consultation noun or verb at k is
// planned, expected or hoped for rather than held.
func (a *analysis) contactHedged(s *sent, k int) bool {
	// a future or infinitive verb: "will meet", "would hold talks", "agreed
	// to meet", "wants to speak with"
	for q := k - 1; q >= 0 && q >= k-4; q-- {
		w := a.word(s, q)
		if w == "will" || w == "would" || w == "shall" || w == "'ll" || w == "’ll" || w == "to" && q == k-1 {
			return true
		}
		if a.isBreak(s, q) || s.mentionAt(q) != nil {
			break
		}
	}
	for q := k - 1; q >= 0 && q >= k-3; q-- {
		switch a.word(s, q) {
		case "cancelled", "canceled", "postponed", "scrapped", "delayed", "skipped", "snubbed", "declined", "rejected",
			"called", "off", "suspended", "no", "without", "refused", "requested", "sought", "proposal":
			return true // "cancelled a planned call", "called off talks", "requested a meeting"
		case "planned", "proposed", "possible", "potential", "upcoming", "future", "expected", "possibility",
			"prospect", "invitation", "hold", "to":
			if a.word(s, q) == "to" && q+1 < k && lightVerbs[a.word(s, q+1)] || a.word(s, q) != "to" && a.word(s, q) != "hold" {
				return true
			}
			if a.word(s, q) == "hold" && a.word(s, q-1) == "to" {
				return true
			}
		}
	}
	return false
}

// medium returns "phone", "video" or "in person" for the consultation at k.
func (a *analysis) medium(s *sent, k int) string {
	// modifiers first: "video call", "telephone conversation", "by phone"
	for q := k - 2; q <= k+4 && q < len(s.toks); q++ {
		if q < 0 {
			continue
		}
		switch a.word(s, q) {
		case "video", "videoconference", "video-conference", "virtual", "virtually", "online", "teleconference":
			return "video"
		case "phone", "telephone", "telephonic", "phoned", "telephoned", "phonecall":
			return "phone"
		case "in-person", "face-to-face":
			return "in person"
		}
	}
	w := a.word(s, k)
	if m, ok := mediumWords[w]; ok && w != "talks" && w != "call" && w != "calls" {
		return m
	}
	for q := k + 1; q < len(s.toks); q++ {
		switch a.word(s, q) {
		case "video", "videoconference":
			return "video"
		case "phone", "telephone", "telephonic":
			return "phone"
		}
	}
	if w == "talks" {
		return mediumWords[w]
	}
	return ""
}

func (a *analysis) sentText(s *sent) string {
	return strings.TrimSpace(a.text[s.start:s.end])
}

// addFact records f unless it is a self-relation.
func (a *analysis) addFact(f *fact) {
	if f.from == nil || f.typ != graph.Pledged && (f.to == nil || f.to == f.from) {
		return
	}
	if f.typ == graph.SpokeWith && (ownCountry(f.from, f.to) || ownCountry(f.to, f.from)) {
		a.drop("a person does not consult the state they represent")
		return
	}
	for _, e := range []*entity{f.from, f.to} {
		if e != nil && e.kind == entOrg {
			e.active = true
		}
	}
	// "Canada imposed a surtax …, Finance Minister Claire Dubois announced":
	// an official reporting a government's act speaks for it
	if f.from.kind == entCountry && f.typ != graph.SpokeWith {
		for _, name := range f.claimedBy {
			for _, p := range a.persons {
				if p.name == name && p.country == nil && p.role != "" && p.role != "Counterpart" {
					p.country = f.from.country
				}
			}
		}
	}
	if f.typ == graph.SpokeWith {
		a.nCalls++
	}
	if f.rule == "" {
		f.rule = a.rule
	}
	a.facts = append(a.facts, f)
}

// happenedBetween returns the "between" of "took place … between", "was
// held … between" after a consultation noun (q is the token after it), or
// -1.
func (a *analysis) happenedBetween(s *sent, q int) int {
	switch a.word(s, q) {
	case "took", "was", "were", "had", "has":
	default:
		return -1
	}
	if nx := a.word(s, q+1); nx != "place" && nx != "held" && nx != "been" {
		return -1
	}
	for p := q + 2; p < len(s.toks) && p <= q+8; p++ {
		if a.word(s, p) == "between" {
			return p
		}
		if a.isBreak(s, p) || s.mentionAt(p) != nil {
			return -1
		}
	}
	return -1
}

// prospectiveNoun reports whether the consultation noun at k is the object
// of an infinitive or a modal: "agreed to continue dialogue between A and
// B", "will hold talks with B", "its door of dialogue with B remains open" is
// not handled here. Such talks lie ahead; they are not a fact.
func (a *analysis) prospectiveNoun(s *sent, k int) bool {
	for q := k - 1; q >= 0 && q >= k-8; q-- {
		if a.isBreak(s, q) || s.toks[q].kind == tPunct {
			return false
		}
		if q >= k-3 && openingNouns[a.word(s, q)] {
			return true // "its door of dialogue with B remains open", "an offer of talks"
		}
		switch w := a.word(s, q); w {
		case "will", "would", "could", "may", "might", "shall", "should":
			return true
		case "to":
			if _, ok := a.infinitiveVerb(s, q+1); ok && q+1 < k {
				return true
			}
		}
	}
	return false
}

// barredParty returns the parties a ban verb at k bars from acting: "banned
// X from exporting", "prohibited X from doing any business with Y", "barred
// X from bidding". Without "from" and a gerund it returns nil.
func (a *analysis) barredParty(s *sent, k int) []*entity {
	switch a.word(s, k) {
	case "banned", "barred", "prohibited", "bars", "bans", "prohibits":
	default:
		return nil
	}
	q := k + 1
	if a.word(s, q) == "the" {
		q++
	}
	m := s.mentionAt(q)
	if m == nil || m.kind != mEntity || m.ent == nil || m.adj || m.poss || m.media {
		return nil
	}
	if a.word(s, m.j) != "from" || !strings.HasSuffix(a.word(s, m.j+1), "ing") {
		return nil
	}
	return a.partiesOf(m)
}

// lawNouns after a measure's head make it a modifier: "a sanctions bill",
// "the tariff vote".
var lawNouns = setOf("bill", "bills", "legislation", "law", "laws", "vote", "votes", "debate", "resolution",
	"resolutions", "proposal", "proposals")

// easeNouns after a measure's head make it an easing: "tariff cuts".
var easeNouns = setOf("cut", "cuts", "reduction", "reductions", "relief", "exemption", "exemptions", "waiver",
	"waivers", "easing", "removal")

// actionAgent returns the agent of a nominal action whose infinitive is the
// verb at k: "the action by the United States to slap tariffs", "a decision
// by Japan to impose …". It returns the agent's start, or nil and -1.
func (a *analysis) actionAgent(s *sent, k int) ([]*entity, int) {
	if a.word(s, k-1) != "to" {
		return nil, -1
	}
	m := s.mentionAt(k - 2)
	if m == nil || m.kind != mEntity || m.prep != "by" || m.adj || m.poss {
		return nil, -1
	}
	switch a.word(s, m.i-2) {
	case "action", "decision", "move", "moves", "plan", "attempt", "bid", "measures", "steps":
	default:
		return nil, -1
	}
	return a.partiesOf(m), m.i - 2
}

// unnamedObject reports whether the verb at k has an object that names no
// party: "A and B met supporters' representatives", "met the press".
func (a *analysis) unnamedObject(s *sent, k int) bool {
	q := k + 1
	if q >= len(s.toks) || s.mentionAt(q) != nil {
		return false
	}
	switch w := a.word(s, q); {
	case objectDeterminers[w] || w == "supporters" || w == "representatives" || w == "officials" || w == "reporters":
		return true
	}
	if w := a.word(s, q); weekdays[w] || months[w] || w == "today" || w == "yesterday" || w == "tonight" ||
		w == "again" || w == "privately" || w == "separately" || w == "briefly" || w == "later" {
		return false // "A and B met Tuesday", "met again"
	}
	return a.upos(s, q) == "NOUN"
}

// verbContext reports whether the word at k, which may be a noun or a
// verb, stands where a verb does: after its subject's name or pronoun, an
// auxiliary or a relative pronoun, and read as a verb by the tagger.
func (a *analysis) verbContext(s *sent, k int) bool {
	if k == 0 || a.upos(s, k) == "NOUN" || a.upos(s, k) == "PROPN" {
		return false
	}
	if m := s.mentionAt(k - 1); m != nil && !m.adj && !m.poss {
		return true
	}
	switch a.word(s, k-1) {
	case "will", "would", "to", "who", "which", "also", "and", "'ll", "did", "does", "later", "then", "recently",
		"he", "she", "they", "we", "it", "shall", "may", "might", "could", "can", "should":
		return true
	}
	return false
}

// scheduledAfter reports whether the consultation noun at k is followed,
// within its phrase, by a participle that puts it in the future: "talks
// between A and B, scheduled for Thursday", "a meeting planned for May".
func (a *analysis) scheduledAfter(s *sent, k int) bool {
	for q := k + 1; q < len(s.toks) && q <= k+14; q++ {
		switch a.word(s, q) {
		case "scheduled", "planned", "slated", "due", "proposed":
			nx := a.word(s, q+1)
			return nx == "for" || nx == "to" || nx == "on" || nx == "next"
		}
		if a.isBreak(s, q) {
			return false
		}
	}
	return false
}

// plannedContact reports whether the consultation verb at k, in the present
// or base form, tells of a meeting to come: a future time after it ("meets
// X next week", "see Y tomorrow"), or a clause that proposes or schedules
// it ("when he meets", "proposed that the two prime ministers meet").
func (a *analysis) plannedContact(s *sent, k, subjStart int) bool {
	w := a.word(s, k)
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || w == "met" || w == "spoke" || w == "spoken" ||
		w == "held" || w == "had" || w == "took" {
		return false
	}
	for q := k + 1; q < len(s.toks) && q <= k+12; q++ {
		if a.isBreak(s, q) && a.word(s, q) != "during" {
			break
		}
		switch a.word(s, q) {
		case "next", "tomorrow", "upcoming", "coming", "later":
			return true
		}
	}
	if subjStart > 0 {
		switch a.word(s, subjStart-1) {
		case "when", "once", "before", "until", "if":
			return true
		case "that":
			// "proposed in a letter to his counterpart that they meet"
			for q := subjStart - 2; q >= 0 && q >= subjStart-14; q-- {
				if w := a.word(s, q); threatWords[w] || w == "agreed" || w == "suggested" {
					return true
				}
				if a.isBreak(s, q) && a.word(s, q) != "that" {
					break
				}
			}
		}
	}
	return false
}

// openingNouns govern talks that are only possible: "the door of dialogue",
// "an offer of talks", "a call for negotiations".
var openingNouns = setOf("door", "doors", "channel", "channels", "way", "path", "offer", "offers", "proposal",
	"proposals", "prospect", "prospects", "hope", "hopes", "invitation", "call", "calls", "request", "requests",
	"bid", "readiness", "willingness", "openness", "push", "demand", "demands", "possibility")

// demonymGroup returns the country of an unnamed group of its firms or
// people right after q: "sanctioned 12 Chinese firms", "blacklisted three
// Iranian officials" — the listed belong to that country.
func (a *analysis) demonymGroup(s *sent, q int) []*entity {
	for p := q; p < len(s.toks) && p <= q+3; p++ {
		m := s.mentionAt(p)
		if m == nil {
			if s.toks[p].kind == tNum || objectDeterminers[a.word(s, p)] || a.upos(s, p) == "NUM" {
				continue
			}
			return nil
		}
		if !m.adj || m.rc == nil || !groupNouns[a.word(s, m.j)] {
			return nil
		}
		e := a.countryEntity(m.rc)
		e.emit = true
		return []*entity{e}
	}
	return nil
}

// groupNouns are plural nouns for a country's firms or people.
var groupNouns = setOf("firms", "companies", "entities", "banks", "individuals", "officials", "people", "nationals",
	"vessels", "ships", "tankers", "businesses", "traders", "executives", "generals", "commanders", "lawmakers",
	"organisations", "organizations", "groups", "airlines", "refineries", "exporters", "importers")

// ownCountry reports whether person p represents country c.
func ownCountry(p, c *entity) bool {
	return p.kind == entPerson && c.kind == entCountry && p.country != nil && p.country == c.country
}

// ruleSanction matches punitive measures (CAMEO 163, 172) at token k: "X
// imposed 25% tariffs on Y", "X would impose a tax on imports from countries
// that trade with Y", "X sanctioned Y", "X placed Y on its entity list", "X
// retaliated with export controls".
func (a *analysis) ruleSanction(s *sent, k int) {
	w := a.word(s, k)
	n := len(s.toks)
	var target []*entity
	measure, rate := "", ""
	head := -1
	barred := a.barredParty(s, k)
	if banVerbs[w] && !a.flowAt(s, k+1) && barred == nil {
		return // "suspended the tariffs", "were banned by": no flow stopped
	}
	if a.passiveSanction(s, k) {
		return
	}
	if barred != nil {
		// "prohibited Toshiba Machine Co from doing any business with …"
		target, measure, head = barred, "ban", k
	} else if directSanctionVerbs[w] {
		if w == "sanctions" || w == "sanction" && !(a.word(s, k-1) == "to" || a.word(s, k-1) == "will" || a.word(s, k-1) == "would") {
			return // the noun
		}
		target, _ = a.partiesAfter(s, k, 3, nil)
		if len(target) == 0 {
			target = a.capitalisedTarget(s, k+1)
		}
		if len(target) == 0 {
			target = a.demonymGroup(s, k+1)
		}
		measure = "sanctions"
		if strings.HasPrefix(w, "blacklist") {
			measure = "blacklist"
		}
		if strings.HasPrefix(w, "designate") {
			// "designated Arktika Trading LLC": a listing of a company or
			// person; designating a zone, a successor or a country is not
			measure = "designation"
			var listed []*entity
			for _, e := range target {
				if e.kind != entCountry {
					listed = append(listed, e)
				}
			}
			target = listed
			if len(target) == 0 || a.word(s, k-1) == "was" || a.word(s, k-1) == "were" {
				return
			}
			// "designated Colon a free trade zone", "designated X as its
			// envoy": an object complement names a role, not a listing
			q := k + 1
			for q < n && (s.toks[q].cap || s.mentionAt(q) != nil) && q-k <= 8 {
				q++
			}
			if c := a.word(s, q); c == "a" || c == "an" || c == "as" || c == "the" {
				return
			}
		}
		head = k
	} else {
		// the measure within a few tokens: "imposed steep tariffs",
		// "would impose a 25% tax", "hit China with tariffs"
		q := k + 1
		if (w == "agreed" || w == "approved" || w == "approves" || w == "passed") && a.word(s, q) == "to" {
			return // "agreed to scale back tariffs": another verb governs the measure
		}
		var objBefore []*entity
		if banVerbs[w] {
			// "banned exports of wheat to Bangladesh", "barred imports
			// of Ukrainian grain": the flow is the measure's head
			f := q
			if a.word(s, f) == "the" || a.word(s, f) == "all" {
				f++
			}
			kind := "export"
			if strings.HasPrefix(a.word(s, f), "import") {
				kind = "import"
			}
			measure, head = kind+" ban", f
			q = n // skip the measure search below
		}
		// A listing verb's object can be long before the list is named:
		// "added A, B and 11 other Chinese companies to its entity list".
		window := 8
		if listingVerbs[w] {
			window = 20
		}
		for steps := 0; q < n && steps <= window; q, steps = q+1, steps+1 {
			if a.isBreak(s, q) {
				return
			}
			if m := s.mentionAt(q); m != nil {
				if objBefore == nil && (m.prep == "" || m.prep == "on") {
					objBefore = a.partiesOf(m)
				}
				q = m.j - 1
				continue
			}
			ww := a.word(s, q)
			if easeVerbs[ww] {
				return // "… to delay its export controls", "scale back tariffs"
			}
			if ww == "to" && q > k+1 {
				if _, ok := commitVerbs[a.word(s, q+1)]; ok && !sanctionVerbs[a.word(s, q+1)] {
					return // "agreed at the summit to halve tariffs": another verb governs
				}
			}
			if i := strings.LastIndexByte(ww, '-'); i > 0 {
				ww = ww[i+1:] // "counter-tariffs", "anti-dumping duties"
			}
			if ms, ok := sanctionHeads[ww]; ok {
				if ww == "controls" && a.word(s, q-1) != "export" {
					continue
				}
				if (ww == "ban" || ww == "bans") && a.word(s, q+1) != "on" {
					continue
				}
				measure, head = a.measureKind(s, q, ms), q
				break
			}
			if ww == "list" || ww == "blacklist" {
				switch a.word(s, q-1) {
				case "entity", "control", "sanctions", "sanction", "watch", "export", "trade":
					// the list as written: "entity list", "export control list"
					measure, head = a.word(s, q-1)+" list", q
					if a.word(s, q-1) == "control" && a.word(s, q-2) == "export" {
						measure = "export control list"
					}
				}
				if head >= 0 {
					break
				}
			}
			if r := a.rateAt(s, q); r != "" && rate == "" {
				rate = r
			}
		}
		if head < 0 {
			a.drop("no measure (tariff, sanctions, ban, list …) after the verb")
			return
		}
		if easeNouns[a.word(s, head+1)] {
			return // "tariff cuts", "sanctions relief": an easing
		}
		if lawNouns[a.word(s, head+1)] {
			a.drop("a sanctions bill or vote, not a measure on a target")
			return
		}
		for q := k + 1; q < head; q++ {
			if a.word(s, q) == "against" {
				a.drop("opposition to a measure ('declared themselves against the tax')")
				return
			}
		}
		if r := a.rateAfter(s, head); rate == "" && r != "" {
			rate = r
		}
		switch w {
		case "placed", "place", "places", "placing", "put", "puts", "added", "add", "adds", "adding", "hit", "hits",
			"hitting", "targeted", "target", "targets":
			target = objBefore
			if listingVerbs[w] && a.unknownCapitalisedAt(s, k+1) {
				// "added Shenzhen Halo Semiconductor and 11 other
				// Chinese companies to …": the named companies are the
				// targets, not the demonym of the rest
				target = nil
			}
			if len(target) == 0 {
				// "added Zentrix Microsystems to its entity list": an
				// unknown name is a company
				target = a.capitalisedTarget(s, k+1)
			}
		}
		if len(target) == 0 {
			target = a.sanctionTarget(s, head)
		}
	}
	subj, subjStart := a.subjectOf(s, k)
	if agent, at := a.actionAgent(s, k); len(agent) > 0 {
		// "the action by the United States to slap tariffs on …"
		subj, subjStart = agent, at
	}
	if len(subj) == 0 && (a.word(s, k-1) == "and" || a.word(s, k-1) == "but" || a.word(s, k-1) == "then") {
		// "Trump paused the tariffs but raised …": the first predicate's
		// subject
		subj, _ = a.mainSubject(s, k)
		subjStart = k - 1
	}
	if strings.HasSuffix(w, "ing") && k > 0 && a.surface(s, k-1) == "," {
		// "X added Y to its list, imposing export controls": the main
		// clause's subject imposes
		subj, subjStart = a.mainSubject(s, k)
		if a.lastSanct != nil && a.lastSanct.evidence == a.sentText(s) {
			return // the same act, described again
		}
	}
	if len(subj) == 0 {
		a.drop("no imposing party before the trigger")
		return
	}
	for q := max(subjStart, k-6); q >= 0 && q < k; q++ {
		switch a.word(s, q) {
		case "judge", "court", "tribunal", "arbitrator", "arbitration", "jury":
			a.drop("a court's ruling is no sanction")
			return
		}
	}
	from := subjStart
	if a.word(s, k-1) == "to" {
		from = 0 // "vetoed a resolution to impose …": the infinitive's governor counts
	}
	if mod := a.modality(s, from, k); mod != "" {
		return
	}
	// "postpone placing …", "delay imposing …": deferred, not imposed
	for q := k - 1; q >= 0 && q >= k-3; q-- {
		if easeVerbs[a.word(s, q)] {
			return
		}
	}
	if len(target) == 0 && (w == "retaliated" || w == "retaliate" || w == "retaliates") && a.lastSanct != nil {
		t := a.lastSanct.from
		if t.kind == entPerson && t.country != nil && subj[0].kind == entCountry {
			t = a.countryEntity(t.country)
			t.emit = true
		}
		target = []*entity{t}
	}
	if len(target) == 0 {
		return
	}
	a.addSanctions(s, k, subj, target, measure, rate)
}

// flowAt reports whether a trade flow is named at token q: "exports",
// "imports", "the imports", "all exports".
func (a *analysis) flowAt(s *sent, q int) bool {
	if w := a.word(s, q); w == "the" || w == "all" {
		q++
	}
	switch a.word(s, q) {
	case "exports", "export", "imports", "import":
		return true
	}
	return false
}

// agenciesAsCountries replaces each government agency among the parties by
// its country, as CAMEO codes a state's agencies (the Treasury's sanctions
// office sanctions as the United States), and adds the agency to the
// claimants. Agencies of no known country, companies and other actors stay.
func (a *analysis) agenciesAsCountries(parties []*entity, claims []string) ([]*entity, []string) {
	var out []*entity
	for i, e := range parties {
		if e.kind != entOrg || e.orgKind != "government agency" || e.country == nil {
			if out != nil {
				out = append(out, e)
			}
			continue
		}
		if out == nil {
			out = append(make([]*entity, 0, len(parties)), parties[:i]...)
		}
		ce := a.countryEntity(e.country)
		ce.emit = true
		e.active = true
		out = append(out, ce)
		if !slices.Contains(claims, e.name) {
			claims = append(claims, e.name)
		}
	}
	if out == nil {
		return parties, claims
	}
	return dedupe(out), claims
}

// measureKind qualifies the measure ms whose head is token q by the kind
// written before it, keeping the head as written: "export duty", "anti-dumping
// duty" (one token or two), "import quota", "export ban".
func (a *analysis) measureKind(s *sent, q int, ms string) string {
	if ms != "tariff" && ms != "tax" && ms != "quota" && ms != "ban" {
		return ms
	}
	w := a.word(s, q)
	kind, ok := "", false
	if i := strings.LastIndexByte(w, '-'); i > 0 {
		kind, ok = measureKinds[w[:i]]
		w = w[i+1:]
	}
	if !ok {
		kind, ok = measureKinds[a.word(s, q-1)]
	}
	if !ok {
		return ms
	}
	return kind + " " + singularMeasure(w)
}

// singularMeasure returns the singular of a measure noun: "duties" → "duty",
// "tariffs" → "tariff", "taxes" → "tax".
func singularMeasure(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// passiveSanction matches the passive forms at k: "Iranian banks were
// sanctioned by the US", "tariffs imposed by Washington on Chinese steel".
// It reports whether k was a passive (handled, fact or not).
func (a *analysis) passiveSanction(s *sent, k int) bool {
	w := a.word(s, k)
	if !strings.HasSuffix(w, "ed") && w != "put" && w != "hit" && w != "set" {
		return false
	}
	aux := a.word(s, k-1)
	if aux == "also" || aux == "newly" || aux == "recently" {
		aux = a.word(s, k-2)
	}
	passive := aux == "was" || aux == "were" || aux == "been" || aux == "being" || aux == "is" || aux == "are" || aux == "be"
	byAt := k + 1
	if a.word(s, byAt) != "by" {
		// "were sanctioned on Monday by …"
		byAt = a.skipAdjuncts(s, k+1)
	}
	if a.word(s, byAt) != "by" {
		return passive
	}
	from, _ := a.partiesAfter(s, byAt, 3, nil)
	if len(from) == 0 {
		return passive
	}
	var target []*entity
	measure := ""
	if directSanctionVerbs[w] {
		// the target is the passive subject ("Iranian banks" → Iran)
		target, _ = a.subjectBefore(s, k, true)
		measure = "sanctions"
		if strings.HasPrefix(w, "blacklist") {
			measure = "blacklist"
		}
		if strings.HasPrefix(w, "designate") {
			return true // "was designated as …": too often not a listing
		}
	} else {
		// "tariffs imposed by X on Y": the measure is just before
		for q := k - 1; q >= 0 && q >= k-3; q-- {
			if ms, ok := sanctionHeads[a.word(s, q)]; ok {
				measure = ms
				break
			}
		}
		if measure == "" {
			return passive
		}
		target = a.sanctionTarget(s, byAt+1)
	}
	if len(target) == 0 || a.modality(s, -1, k) != "" {
		return true
	}
	a.addSanctions(s, k, from, target, measure, "")
	return true
}

// mainSubject returns the first subject of the sentence before token k.
func (a *analysis) mainSubject(s *sent, k int) ([]*entity, int) {
	for q := 0; q < k; q++ {
		m := s.mentionAt(q)
		if m == nil {
			continue
		}
		if a.eligibleSubject(m, false) {
			return a.subjectBefore(s, m.j, false)
		}
		q = m.j - 1
	}
	return nil, -1
}

// sanctionTarget returns the target named after the measure at head: the
// first party in the rest of the clause ("on Chinese goods", "on imports
// from countries that do business with Iran", "against Huawei"), or an
// unknown capitalised name right after "on"/"against" (a company).
func (a *analysis) sanctionTarget(s *sent, head int) []*entity {
	n := len(s.toks)
	for q := head + 1; q < n && q <= head+14; q++ {
		switch a.word(s, q) {
		case ";", "after", "before", "while", "because", "although", "but", "amid", "despite", "since", "following",
			"triggering", "prompting", "forcing":
			return nil
		}
		if s.toks[q].kind == tPunct && a.surface(s, q) != "," || s.toks[q].kind == tDash && a.surface(s, q) == "—" {
			return nil
		}
		if m := s.mentionAt(q); m != nil {
			if ps := a.partiesOf(m); len(ps) > 0 && m.kind != mGroup {
				out := ps
				if m.adj {
					// "three Russian shipping firms, including Volga Ltd",
					// "Russian oil giants Rosneft and Lukoil": the named
					// companies too
					out = append(out, a.namedMembers(s, m.j)...)
					out = append(out, a.orgsInPhrase(s, m.j)...)
				}
				// "on China and Russia", "on Iran, Syria and North Korea"
				end := m.j
				for end+1 < n && (a.word(s, end) == "and" || a.word(s, end) == ",") {
					c := end + 1
					if a.word(s, c) == "and" {
						c++ // ", and"
					}
					nm := s.mentionAt(c)
					if nm == nil || nm.i != c {
						break
					}
					out = append(out, a.partiesOf(nm)...)
					end = nm.j
				}
				return dedupe(out)
			}
			q = m.j - 1
			continue
		}
		if w := a.word(s, q); (w == "on" || w == "against") && q == head+1 {
			if t := a.capitalisedTarget(s, q+1); len(t) > 0 {
				return t
			}
		}
	}
	return nil
}

// namedMembers returns the organisations named after "including" or "such
// as" in the few tokens after q.
func (a *analysis) namedMembers(s *sent, q int) []*entity {
	var out []*entity
	for p := q; p < len(s.toks) && p <= q+6; p++ {
		w := a.word(s, p)
		if w != "including" && !(w == "such" && a.word(s, p+1) == "as") {
			if a.isBreak(s, p) {
				return nil
			}
			continue
		}
		if w == "such" {
			p++
		}
		for r := p + 1; r < len(s.toks) && r <= p+12; r++ {
			if a.isBreak(s, r) && a.word(s, r) != "and" {
				break
			}
			if m := s.mentionAt(r); m != nil {
				if m.ent != nil && m.ent.kind == entOrg {
					out = append(out, m.ent)
				}
				r = m.j - 1
			}
		}
		return out
	}
	return nil
}

// orgsInPhrase returns the organisations named in the noun phrase that
// starts at q ("oil giants Rosneft and Lukoil"), up to its end.
func (a *analysis) orgsInPhrase(s *sent, q int) []*entity {
	var out []*entity
	for p := q; p < len(s.toks) && p <= q+6; p++ {
		if m := s.mentionAt(p); m != nil {
			if m.ent == nil || m.ent.kind != entOrg {
				return out
			}
			out = append(out, m.ent)
			p = m.j - 1
			continue
		}
		if s.toks[p].kind != tWord || a.isBreak(s, p) || prepositions[a.word(s, p)] {
			return out
		}
	}
	return out
}

// capitalisedTarget turns an unknown capitalised name at token q into an
// organisation (a company named as a sanctions target).
func (a *analysis) capitalisedTarget(s *sent, q int) []*entity {
	var out []*entity
	for {
		if a.word(s, q) == "the" {
			q++
		}
		j := q
		for j < len(s.toks) && s.toks[j].kind == tWord && s.toks[j].cap && s.cover[j] == 0 && !nameStop[a.word(s, j)] {
			j++
		}
		if j == q || j-q > 5 {
			return out
		}
		e := a.orgEntity(a.span(s, q, j), "company", nil)
		s.addMention(mention{i: q, j: j, ent: e})
		s.reindex()
		out = append(out, e)
		// coordinated names: "A, B and C"
		switch {
		case j+1 < len(s.toks) && (a.surface(s, j) == "," || a.word(s, j) == "and") && a.unknownCapitalisedAt(s, j+1):
			q = j + 1
		case j+2 < len(s.toks) && a.surface(s, j) == "," && a.word(s, j+1) == "and" && a.unknownCapitalisedAt(s, j+2):
			q = j + 2
		default:
			return out
		}
	}
}

// listingVerbs put a target on a list: "placed X on", "added X to".
var listingVerbs = setOf("placed", "place", "places", "placing", "put", "puts", "added", "add", "adds", "adding")

// unknownCapitalisedAt reports whether a capitalised word that no mention
// covers starts at token q ("the" skipped): a name the gazetteer does not
// know, such as a company.
func (a *analysis) unknownCapitalisedAt(s *sent, q int) bool {
	if q < len(s.toks) && a.word(s, q) == "the" {
		q++
	}
	return q < len(s.toks) && s.toks[q].kind == tWord && s.toks[q].cap && s.cover[q] == 0 &&
		!nameStop[a.word(s, q)] && s.mentionAt(q) == nil
}

// rateAt returns a rate starting at token q: "25%", "25 percent", "10 per
// cent", or "".
func (a *analysis) rateAt(s *sent, q int) string {
	if q >= len(s.toks) || s.toks[q].kind != tNum {
		return ""
	}
	v := a.surface(s, q)
	if strings.HasSuffix(v, "%") {
		return v
	}
	switch a.word(s, q+1) {
	case "%":
		return v + "%"
	case "percent", "pct":
		return v + "%"
	case "per":
		if a.word(s, q+2) == "cent" {
			return v + "%"
		}
	}
	return ""
}

// rateAfter finds a rate in the few tokens after a measure: "tariffs of 25%",
// "tariffs of up to 25 per cent".
func (a *analysis) rateAfter(s *sent, head int) string {
	for q := head + 1; q < len(s.toks) && q <= head+4; q++ {
		if r := a.rateAt(s, q); r != "" {
			return r
		}
		if w := a.word(s, q); w != "of" && w != "up" && w != "to" && w != "as" && w != "high" && w != "much" {
			break
		}
	}
	// "raised the tariff on Chinese imports to 125%"
	for q := head + 1; q < len(s.toks) && q <= head+10; q++ {
		if a.isBreak(s, q) {
			return ""
		}
		if w := a.word(s, q); (w == "to" || w == "of") && a.rateAt(s, q+1) != "" {
			return a.rateAt(s, q+1)
		}
	}
	return ""
}

// ruleTrade matches trade ties stated as partnerships: "Iran's largest
// trading partners included China ($32 billion)".
func (a *analysis) ruleTrade(s *sent, k int) {
	if a.word(s, k-1) != "trading" && a.word(s, k-1) != "trade" {
		return
	}
	// the owner: "Iran's largest trading partners"
	var owner *entity
	for q := k - 2; q >= 0 && q >= k-5; q-- {
		if m := s.mentionAt(q); m != nil {
			if m.poss && m.ent != nil && m.ent.kind == entCountry {
				owner = m.ent
			}
			break
		}
	}
	if owner == nil {
		return
	}
	year := ""
	if d := a.dateNear(s, k); len(d) >= 4 && d != a.date {
		year = d[:4]
	}
	// "China is Iran's largest trading partner": the partner is the subject
	if subj, _ := a.subjectBefore(s, k, false); len(subj) == 1 && subj[0].kind == entCountry && subj[0] != owner &&
		a.copulaBefore(s, k) {
		a.addFact(&fact{typ: graph.TradesWith, from: owner, to: subj[0], year: year, date: a.dateNear(s, k),
			claimedBy: a.claimants(s, k), evidence: a.sentText(s)})
		return
	}
	claims := a.claimants(s, k)
	for q := k + 1; q < len(s.toks); q++ {
		m := s.mentionAt(q)
		if m == nil {
			continue
		}
		q = m.j - 1
		if m.ent == nil || m.ent.kind != entCountry || m.ent == owner || m.adj {
			continue
		}
		value := ""
		if a.surface(s, m.j) == "(" && m.j+1 < len(s.toks) && s.toks[m.j+1].kind == tNum {
			value = a.surface(s, m.j+1)
			if mg, ok := magnitudes[a.word(s, m.j+2)]; ok {
				value += " " + mg
			}
		}
		a.addFact(&fact{typ: graph.TradesWith, from: owner, to: m.ent, value: value, year: year,
			date: a.dateNear(s, k), claimedBy: claims, evidence: a.sentText(s)})
	}
}

// dropMedia removes news organisations from a list of parties.
func dropMedia(es []*entity) []*entity {
	out := es[:0:0]
	for _, e := range es {
		if e.kind == entOrg && isMediaKind(e.orgKind) {
			continue
		}
		out = append(out, e)
	}
	return out
}

func isMediaKind(k string) bool {
	return k == "news agency" || k == "broadcaster" || k == "newspaper"
}

// copulaBefore reports whether "is", "was", "became" or "remains" stands
// before token k in its clause.
func (a *analysis) copulaBefore(s *sent, k int) bool {
	for q := k - 1; q >= 0 && q >= k-8; q-- {
		switch a.word(s, q) {
		case "is", "was", "are", "were", "became", "becomes", "remains", "remained":
			return true
		}
		if a.isBreak(s, q) {
			return false
		}
	}
	return false
}

// unnamedCounterpart returns the country of an unnamed official after the
// preposition at p: "with his Russian counterpart", "with Iranian
// officials", "with a Chinese delegation". No person is named, so the
// country stands for the party.
func (a *analysis) unnamedCounterpart(s *sent, p int) []*entity {
	q := p + 1
	switch a.word(s, q) {
	case "his", "her", "their", "its", "a", "an", "the", "senior", "top":
		q++
	}
	m := s.mentionAt(q)
	if m == nil || m.i != q || m.rc == nil || !m.adj && !m.poss {
		return nil
	}
	r := m.j
	if m.poss {
		r++
	}
	w := a.word(s, r)
	_, isTitle := titles[w]
	if !isTitle && s.toks[min(r, len(s.toks)-1)].cls&clsTitlePlural == 0 && w != "delegation" && w != "government" {
		return nil
	}
	if r+1 < len(s.toks) && s.toks[r+1].cap && s.toks[r+1].kind == tWord {
		return nil // a name follows: the person is the party
	}
	e := a.countryEntity(m.rc)
	return []*entity{e}
}
