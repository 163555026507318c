package extract

import (
	"slices"
	"strings"

	"github.com/kgnews/kg/extract/syntax"
)

// The syntactic layer: a sentence is tagged, lemmatised and parsed into a
// Universal Dependencies tree by package syntax, lazily and only where a rule
// asks, so that the many sentences with no trigger cost nothing. The
// sentence's tokens are the parser's words one for one, so token k is tree
// word k+1.

// treeState tells how far a sentence has been analysed.
type treeState uint8

const (
	treeNone   treeState = iota
	treeTagged           // UPOS and lemmas
	treeParsed           // and heads and relations
)

// words returns the surface forms of s's tokens, the parser's input.
func (a *analysis) words(s *sent) []string {
	a.wordBuf = a.wordBuf[:0]
	for k := range s.toks {
		a.wordBuf = append(a.wordBuf, a.surface(s, k))
	}
	return a.wordBuf
}

// tagged returns s tagged and lemmatised (heads unset unless parsed).
func (a *analysis) tagged(s *sent) *syntax.Sentence {
	if s.tree < treeTagged {
		syntax.Default().TagInto(&s.syn, a.words(s))
		s.tree = treeTagged
	}
	return &s.syn
}

// parsed returns the dependency tree of s.
func (a *analysis) parsed(s *sent) *syntax.Sentence {
	if s.tree < treeParsed {
		syntax.Default().ParseInto(&s.syn, a.words(s))
		s.tree = treeParsed
	}
	return &s.syn
}

// upos returns the part-of-speech tag of token k.
func (a *analysis) upos(s *sent, k int) string {
	t := a.tagged(s)
	if k < 0 || k >= len(t.Tokens) {
		return ""
	}
	return t.Tokens[k].UPOS
}

// lemma returns the lemma of token k.
func (a *analysis) lemma(s *sent, k int) string {
	t := a.tagged(s)
	if k < 0 || k >= len(t.Tokens) {
		return ""
	}
	return t.Tokens[k].Lemma
}

// head returns the token index of k's head in the tree, or -1 for the root.
func (a *analysis) head(s *sent, k int) int {
	t := a.parsed(s)
	if k < 0 || k >= len(t.Tokens) {
		return -1
	}
	return t.Tokens[k].Head - 1
}

// rel returns k's dependency relation ("nsubj", "obl:agent").
func (a *analysis) rel(s *sent, k int) string {
	t := a.parsed(s)
	if k < 0 || k >= len(t.Tokens) {
		return ""
	}
	return t.Tokens[k].Rel
}

// children appends to out the tokens whose head is k and whose relation
// starts with one of rels (all when rels is empty), in order.
func (a *analysis) children(s *sent, k int, out []int, rels ...string) []int {
	t := a.parsed(s)
	for i, tok := range t.Tokens {
		if tok.Head-1 != k {
			continue
		}
		if len(rels) == 0 {
			out = append(out, i)
			continue
		}
		for _, r := range rels {
			if tok.Rel == r || strings.HasPrefix(tok.Rel, r+":") {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// treeParties returns the parties the subtree rooted at k names: the
// mention covering k, or else the mention of its nearest name-like
// dependent ("Representatives of the U.S." → the U.S.), then every conjunct
// of k the same way ("A, B and C").
func (a *analysis) treeParties(s *sent, k int) []*entity {
	var out []*entity
	add := func(q int) {
		if m := a.headMention(s, q); m != nil {
			out = append(out, a.partiesOf(m)...)
		}
	}
	add(k)
	var conj []int
	for _, c := range a.children(s, k, conj, "conj") {
		add(c)
	}
	return dedupe(out)
}

// headMention returns the entity or group mention that stands for the
// phrase headed by token q: the mention covering q, or one of q's nmod
// ("representatives of X") or compound/flat dependents.
func (a *analysis) headMention(s *sent, q int) *mention {
	usable := func(m *mention) bool {
		return m != nil && !m.adj && !m.media && (m.kind == mEntity && m.ent != nil || m.kind == mGroup)
	}
	if m := s.mentionAt(q); usable(m) && !m.poss {
		return m
	}
	if s.toks[q].cls&clsTitlePlural == 0 {
		return nil
	}
	// "representatives of X", "the ministers of X and Y"
	var kids []int
	for _, c := range a.children(s, q, kids, "nmod") {
		if m := s.mentionAt(c); usable(m) {
			return m
		}
	}
	return nil
}

// treeSubject returns the parties of the subject of the predicate at token
// k read from the tree: its nsubj (or, for a verb that is an xcomp or a
// conjunct of another, that verb's), with the subject's conjuncts. It is the
// fallback of the token rules, which read only a flat window.
func (a *analysis) treeSubject(s *sent, k int) []*entity {
	for hop := 0; hop < 3 && k >= 0; hop++ {
		var subj []int
		subj = a.children(s, k, subj, "nsubj")
		for _, q := range subj {
			if strings.HasPrefix(a.rel(s, q), "nsubj:pass") {
				return nil // "X was agreed …": not the party
			}
			if ps := a.treeParties(s, q); len(ps) > 0 {
				return ps
			}
			return nil
		}
		switch r := a.rel(s, k); {
		case r == "xcomp" || r == "conj":
			k = a.head(s, k)
		default:
			return nil
		}
	}
	return nil
}

// writeTree writes the tree of s in a CoNLL-U-like table for the trace.
func (a *analysis) writeTree(t *tracer, s *sent) {
	p := a.parsed(s)
	for i, tok := range p.Tokens {
		t.printf("    %2d %-18s %-14s %-5s %2d %s\n", i+1, tok.Form, tok.Lemma, tok.UPOS, tok.Head, tok.Rel)
	}
}

// subjectOf returns the parties of the subject of the predicate at k and
// where the subject starts (-1 when unknown): the token rules' nearest
// subject, completed by the tree when the tree finds more conjuncts that
// include it ("Representatives of the U.S., the Soviet Union, the European
// Community and Japan agreed"), or the tree's subject when the token rules
// find none ("Zhao of China and Cavaco Silva of Portugal signed").
func (a *analysis) subjectOf(s *sent, k int) ([]*entity, int) {
	subj, start := a.subjectBefore(s, k, false)
	if len(subj) > 1 || a.partiesBefore(s, k) <= len(subj) || len(subj) == 1 && !a.conjunctBefore(s, start) {
		return subj, start // nothing the tree could add: parse nothing
	}
	if len(subj) == 0 && a.commonNounSubject(s, k) {
		return nil, -1 // "the ministry agreed": a subject that is no party
	}
	ts := a.treeSubject(s, k)
	switch {
	case len(subj) == 0 && len(ts) > 0:
		return ts, -1
	case len(subj) == 1 && len(ts) > 1 && slices.Contains(ts, subj[0]):
		return ts, start
	}
	return subj, start
}

// conjunctBefore reports whether the subject found at start may be the
// last conjunct of a longer subject the token window did not take: an
// "and" or a comma, possibly with an article, right before it ("the U.S.,
// The Soviet Union, the European Community and Japan agreed").
func (a *analysis) conjunctBefore(s *sent, start int) bool {
	q := start - 1
	for q >= 0 && (objectDeterminers[a.word(s, q)] || s.toks[q].kind == tNum) && start-q <= 2 {
		q-- // "and the European Community", "and 20 Islamic banks"
	}
	w := a.word(s, q)
	return q >= 0 && (w == "and" || w == ",")
}

// partiesBefore counts the possible parties mentioned before token k (named
// entities and group references, not modifiers or media), up to 2: a
// subject the tree could find must stand there.
func (a *analysis) partiesBefore(s *sent, k int) int {
	n := 0
	for i := range s.ments {
		m := &s.ments[i]
		if m.i >= k {
			break
		}
		if !m.adj && !m.media && (m.kind == mEntity && m.ent != nil || m.kind == mGroup) {
			if n++; n == 2 {
				break
			}
		}
	}
	return n
}

// preVerbWords stand between a subject and its verb: auxiliaries and the
// adverbs news copy puts there ("has also formally agreed").
var preVerbWords = setOf("has", "have", "had", "also", "will", "would", "formally", "jointly", "both", "all", "then",
	"later", "finally", "already", "tentatively", "reportedly", "now", "previously", "currently", "still")

// subjectSlot returns the token right before the predicate at k once
// auxiliaries and adverbs are passed over: where its subject ends, or -1.
func (a *analysis) subjectSlot(s *sent, k int) int {
	q := k - 1
	for q >= 0 && preVerbWords[a.word(s, q)] {
		q--
	}
	return q
}

// commonNounSubject reports whether the word right before the predicate at
// k (past auxiliaries and adverbs) is a lower-case common word outside any
// mention, so the subject is no named party and parsing is not needed:
// "the ministry has agreed", "officials said".
func (a *analysis) commonNounSubject(s *sent, k int) bool {
	q := a.subjectSlot(s, k)
	if q < 0 || s.mentionAt(q) != nil {
		return false
	}
	t := s.toks[q]
	return t.kind == tWord && !t.cap && !clauseBreak[a.word(s, q)] && !prepositions[a.word(s, q)] && a.word(s, q) != "and"
}
