package syntax

// Scores are accuracies in percent over the words of a test set, with
// predicted tags and the gold tokenisation.
type Scores struct {
	Words int     // words scored
	UPOS  float64 // part-of-speech tags right
	Lemma float64 // lemmas right
	UAS   float64 // heads right (unlabelled attachment score)
	LAS   float64 // heads and full relations, subtypes included, right (labelled attachment score)
}

// Evaluate parses the words of gold and scores the result against it.
// Punctuation counts like any other word.
func (m *Model) Evaluate(gold []Sentence) Scores {
	var sc Scores
	var tags, lemmas, heads, both int
	var got Sentence
	var words []string
	for _, s := range gold {
		words = words[:0]
		for _, t := range s.Tokens {
			words = append(words, t.Form)
		}
		m.ParseInto(&got, words)
		for i, t := range s.Tokens {
			g := got.Tokens[i]
			sc.Words++
			if g.UPOS == t.UPOS {
				tags++
			}
			if g.Lemma == t.Lemma {
				lemmas++
			}
			if g.Head == t.Head {
				heads++
				if g.Rel == t.Rel {
					both++
				}
			}
		}
	}
	if sc.Words > 0 {
		pct := func(n int) float64 { return 100 * float64(n) / float64(sc.Words) }
		sc.UPOS, sc.Lemma, sc.UAS, sc.LAS = pct(tags), pct(lemmas), pct(heads), pct(both)
	}
	return sc
}
