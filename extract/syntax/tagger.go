package syntax

import (
	"math/rand/v2"
	"sort"
)

// upos lists the Universal Dependencies part-of-speech tags; a tag's class
// number is its index here.
var upos = [...]string{"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
	"PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

// Indices of the tags the lemmatizer and features single out.
const (
	tagADJ   = 0
	tagAUX   = 3
	tagNOUN  = 7
	tagNUM   = 8
	tagPROPN = 11
	tagPUNCT = 12
	tagSYM   = 14
	tagVERB  = 15
	tagX     = 16
)

func uposIndex(s string) (uint8, bool) {
	for i, t := range upos {
		if t == s {
			return uint8(i), true
		}
	}
	return 0, false
}

// Tagger feature templates.
const (
	tfBias uint64 = iota + 1
	tfNorm
	tfRaw
	tfPre1
	tfSuf1
	tfSuf2
	tfSuf3
	tfShape
	tfShapeFirst
	tfP1
	tfP2
	tfP1P2
	tfP1Norm
	tfP1Suf3
	tfPrevNorm
	tfPrevSuf3
	tfPrev2Norm
	tfNextNorm
	tfNextSuf3
	tfNext2Norm
	tfPrevNormNorm
	tfNormNextNorm
	tfNextShape
	tfPrevShape
	tfSuf4
	tfPre3
	tfP1NextNorm
	tfNextSuf1
)

// tagValue turns a tag class (or -1 before the sentence) into a feature value.
func tagValue(t int) uint64 {
	if t < 0 {
		return valBefore
	}
	return uint64(t) + 1
}

// tagFeatures collects the features of word i given the two previous tags.
func tagFeatures(f *features, ws []wordInfo, i int, p1, p2 uint64) {
	f.reset()
	w := &ws[i]
	f.add1(tfBias, 0)
	f.add1(tfNorm, w.norm)
	f.add1(tfRaw, w.raw)
	f.add1(tfPre1, w.pre1)
	f.add1(tfSuf1, w.suf1)
	f.add1(tfSuf2, w.suf2)
	f.add1(tfSuf3, w.suf3)
	f.add1(tfShape, w.shape)
	f.add2(tfShapeFirst, w.shape, uint64(min(i, 1)))
	f.add1(tfP1, p1)
	f.add1(tfP2, p2)
	f.add2(tfP1P2, p1, p2)
	f.add2(tfP1Norm, p1, w.norm)
	f.add2(tfP1Suf3, p1, w.suf3)
	prev, prev2, next, next2 := valBefore, valBefore, valAfter, valAfter
	prevSuf, nextSuf, prevShape, nextShape := valBefore, valAfter, valBefore, valAfter
	if i > 0 {
		prev, prevSuf, prevShape = ws[i-1].norm, ws[i-1].suf3, ws[i-1].shape
	}
	if i > 1 {
		prev2 = ws[i-2].norm
	}
	if i+1 < len(ws) {
		next, nextSuf, nextShape = ws[i+1].norm, ws[i+1].suf3, ws[i+1].shape
	}
	if i+2 < len(ws) {
		next2 = ws[i+2].norm
	}
	f.add1(tfPrevNorm, prev)
	f.add1(tfPrevSuf3, prevSuf)
	f.add1(tfPrev2Norm, prev2)
	f.add1(tfNextNorm, next)
	f.add1(tfNextSuf3, nextSuf)
	f.add1(tfNext2Norm, next2)
	f.add2(tfPrevNormNorm, prev, w.norm)
	f.add2(tfNormNextNorm, w.norm, next)
	f.add1(tfNextShape, nextShape)
	f.add1(tfPrevShape, prevShape)
	f.add1(tfSuf4, w.suf4)
	f.add1(tfPre3, w.pre3)
	f.add2(tfP1NextNorm, p1, next)
	if i+1 < len(ws) {
		f.add1(tfNextSuf1, ws[i+1].suf1)
	}
}

// tagModel is a trained tagger: a dictionary of frequent unambiguous forms
// and the weights for the rest.
type tagModel struct {
	dict    lookup // hash of the form -> tag class
	entries []dictEntry
	w       *table
}

// dictEntry is one form of the tag dictionary.
type dictEntry struct {
	form string
	tag  uint8
}

func newTagModel(entries []dictEntry, w *table) *tagModel {
	m := &tagModel{dict: newLookup(len(entries)), entries: entries, w: w}
	for _, e := range entries {
		m.dict.put(hashString(e.form), uint32(e.tag))
	}
	return m
}

// tag writes the tag class of every word of ws to out.
func (m *tagModel) tag(ws []wordInfo, out []uint8, f *features, scores []int32) {
	p1, p2 := -1, -1
	for i := range ws {
		t, ok := m.dict.get(ws[i].raw)
		if !ok {
			tagFeatures(f, ws, i, tagValue(p1), tagValue(p2))
			m.w.scores(f.rows, scores)
			t = uint32(argmax(scores))
		}
		out[i] = uint8(t)
		p2, p1 = p1, int(t)
	}
}

// Tag dictionary thresholds: a form joins when it is seen at least
// dictMinCount times with one tag at least dictMinShare of the time.
const (
	dictMinCount = 20
	dictMinShare = 0.97
)

// buildTagDict lists the frequent unambiguous forms of sents, sorted.
func buildTagDict(sents []sentenceData) []dictEntry {
	counts := map[string]*[len(upos)]int{}
	for _, s := range sents {
		for i, w := range s.forms {
			c := counts[w]
			if c == nil {
				c = new([len(upos)]int)
				counts[w] = c
			}
			c[s.tags[i]]++
		}
	}
	var out []dictEntry
	for form, c := range counts {
		total, best := 0, 0
		for t, n := range c {
			total += n
			if n > c[best] {
				best = t
			}
		}
		if total >= dictMinCount && float64(c[best]) >= dictMinShare*float64(total) {
			out = append(out, dictEntry{form: form, tag: uint8(best)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].form < out[j].form })
	return out
}

// trainTagger trains a tagger on sents for the given number of epochs,
// shuffling with rng.
func trainTagger(sents []sentenceData, bits uint8, epochs int, rng *rand.Rand) *tagModel {
	entries := buildTagDict(sents)
	dict := newTagModel(entries, nil).dict
	p := newPerceptron(bits, len(upos))
	f := newFeatures(bits)
	scores := make([]float32, len(upos))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &sents[si]
			p1, p2 := -1, -1
			for i := range s.words {
				gold := int(s.tags[i])
				if t, ok := dict.get(s.words[i].raw); ok {
					p2, p1 = p1, int(t)
					continue
				}
				tagFeatures(&f, s.words, i, tagValue(p1), tagValue(p2))
				p.scores(f.rows, scores)
				guess := argmax(scores)
				p.update(f.rows, gold, guess)
				p.tick()
				p2, p1 = p1, guess
			}
		}
	}
	return newTagModel(entries, p.freeze())
}

// argmax returns the index of the largest score, the first on ties.
func argmax[T int32 | float32](s []T) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}
