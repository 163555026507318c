package syntax

import (
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// TrainOptions configure [Train]. The zero value means the defaults the
// shipped model was trained with.
type TrainOptions struct {
	TagEpochs   int     // passes of the tagger over the training data (default 8)
	ParseEpochs int     // passes of the parser and labeller (default 12)
	Folds       int     // jackknife folds giving the parser predicted tags (default 5, at least 2)
	Explore     float64 // chance of following a wrong predicted move after the first epoch (default 0.9)
	Seed        uint64  // seed of every shuffle and exploration choice (default 1)
	HashBits    uint8   // if set, log2 of the rows of every weight table (default 20, 21 for the parser); small values make small, weak models
	Log         io.Writer
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.TagEpochs <= 0 {
		o.TagEpochs = 8
	}
	if o.ParseEpochs <= 0 {
		o.ParseEpochs = 12
	}
	if o.Folds < 2 {
		o.Folds = 5
	}
	if o.Explore <= 0 {
		o.Explore = 0.9
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	o.HashBits = min(o.HashBits, 24)
	return o
}

func (o TrainOptions) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// bits returns the log2 of the rows of a weight table, def by default.
func (o TrainOptions) bits(def uint8) uint8 {
	if o.HashBits > 0 {
		return o.HashBits
	}
	return def
}

// rng returns the random source of one training stage.
func (o TrainOptions) rng(stage uint64) *rand.Rand {
	return rand.New(rand.NewPCG(o.Seed, stage))
}

// sentenceData is a training sentence in the form the trainers use.
type sentenceData struct {
	forms  []string
	words  []wordInfo
	tags   []uint8 // gold tags
	ptags  []uint8 // predicted tags (jackknifed)
	lemmas []string
	gold   []int32 // projectivised gold head of each position; gold[0] = -1
	labels []uint8 // label class of each word
}

// Train fits a model to sents, which need gold UPOS tags, lemmas, heads
// and relations. The same sentences and options always give the same
// model, byte for byte once saved.
func Train(sents []Sentence, opts TrainOptions) (*Model, error) {
	opts = opts.withDefaults()
	labels := labelSet(sents)
	data, err := prepareData(sents, labels)
	if err != nil {
		return nil, err
	}
	if len(data) < opts.Folds {
		return nil, fmt.Errorf("syntax: %d training sentences, want at least %d", len(data), opts.Folds)
	}
	start := time.Now()
	jackknife(data, opts)
	opts.logf("jackknifed tags in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	tagger := trainTagger(data, opts.bits(20), opts.TagEpochs, opts.rng(100))
	opts.logf("tagger: %d dictionary forms, %d weights, %v", len(tagger.entries), tagger.w.weightCount(), time.Since(start).Round(time.Millisecond))
	lemmas := newLemmatizer(lemmaExceptions(data))
	opts.logf("lemmatizer: %d exceptions to the rules", len(lemmas.exceptions))
	start = time.Now()
	root := uint8(sort.SearchStrings(labels, "root"))
	parser, labeler := trainParser(data, len(labels), root, opts)
	opts.logf("parser: %d + %d weights, %v", parser.weightCount(), labeler.weightCount(), time.Since(start).Round(time.Millisecond))
	return &Model{tagger: tagger, lemmas: lemmas, parser: parser, labeler: labeler, labels: labels, root: root}, nil
}

// labelSet returns the sorted relations of sents, always with "root".
func labelSet(sents []Sentence) []string {
	seen := map[string]bool{"root": true}
	for _, s := range sents {
		for _, t := range s.Tokens {
			seen[t.Rel] = true
		}
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// prepareData checks and converts the training sentences.
func prepareData(sents []Sentence, labels []string) ([]sentenceData, error) {
	if len(labels) > 255 {
		return nil, fmt.Errorf("syntax: %d relations, at most 255 supported", len(labels))
	}
	data := make([]sentenceData, 0, len(sents))
	var buf []byte
	for si, s := range sents {
		n := len(s.Tokens)
		if n == 0 {
			continue
		}
		d := sentenceData{
			forms: make([]string, n), words: make([]wordInfo, n), tags: make([]uint8, n), ptags: make([]uint8, n),
			lemmas: make([]string, n), gold: make([]int32, n+1), labels: make([]uint8, n),
		}
		d.gold[0] = -1
		for i, t := range s.Tokens {
			tag, ok := uposIndex(t.UPOS)
			if !ok {
				return nil, fmt.Errorf("syntax: sentence %d word %d: unknown UPOS %q", si+1, i+1, t.UPOS)
			}
			if t.Head < 0 || t.Head > n || t.Head == i+1 {
				return nil, fmt.Errorf("syntax: sentence %d word %d: bad head %d", si+1, i+1, t.Head)
			}
			d.forms[i], d.tags[i], d.lemmas[i], d.gold[i+1] = t.Form, tag, t.Lemma, int32(t.Head)
			d.labels[i] = uint8(sort.SearchStrings(labels, t.Rel))
			buf = describe(&d.words[i], t.Form, buf)
		}
		if !isTree(d.gold) {
			return nil, fmt.Errorf("syntax: sentence %d: the heads do not form a tree", si+1)
		}
		projectivize(d.gold)
		data = append(data, d)
	}
	return data, nil
}

// isTree reports whether heads (position 0 the root) reach the root from
// every word without a cycle, with exactly one word attached to the root.
func isTree(heads []int32) bool {
	roots := 0
	for i := 1; i < len(heads); i++ {
		if heads[i] == 0 {
			roots++
		}
		x, steps := int32(i), 0
		for x != 0 {
			x = heads[x]
			if steps++; steps > len(heads) {
				return false
			}
		}
	}
	return roots == 1
}

// projectivize lifts non-projective arcs, shortest first, to the head's
// head until the tree is projective (labels are kept).
func projectivize(heads []int32) {
	for {
		best, bestLen := int32(-1), int32(1<<30)
		for d := int32(1); d < int32(len(heads)); d++ {
			if l := abs32(heads[d] - d); l < bestLen && !projectiveArc(heads, heads[d], d) {
				best, bestLen = d, l
			}
		}
		if best < 0 {
			return
		}
		heads[best] = heads[heads[best]]
	}
}

// projectiveArc reports whether every word between h and d descends from h.
func projectiveArc(heads []int32, h, d int32) bool {
	lo, hi := min(h, d), max(h, d)
	for k := lo + 1; k < hi; k++ {
		x := k
		for x != h && x != 0 {
			x = heads[x]
		}
		if x != h {
			return false
		}
	}
	return true
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

// jackknife fills the predicted tags of data: each fold is tagged by a
// tagger trained on the others.
func jackknife(data []sentenceData, opts TrainOptions) {
	f := newFeatures(opts.bits(20))
	scores := make([]int32, len(upos))
	for k := range opts.Folds {
		var rest []sentenceData
		for i := range data {
			if i%opts.Folds != k {
				rest = append(rest, data[i])
			}
		}
		m := trainTagger(rest, opts.bits(20), opts.TagEpochs, opts.rng(uint64(k+1)))
		for i := k; i < len(data); i += opts.Folds {
			m.tag(data[i].words, data[i].ptags, &f, scores)
		}
	}
}

// lemmaExceptions lists the (form, tag) pairs whose most frequent
// treebank lemma is right more often than the rules, sorted.
func lemmaExceptions(data []sentenceData) []lemmaException {
	type key struct {
		lower string
		tag   uint8
	}
	type tally struct {
		lemmas map[string]int
		rule   int
	}
	counts := map[key]*tally{}
	for _, d := range data {
		for i, form := range d.forms {
			if d.lemmas[i] == "" {
				continue
			}
			k := key{strings.ToLower(form), d.tags[i]}
			c := counts[k]
			if c == nil {
				c = &tally{lemmas: map[string]int{}}
				counts[k] = c
			}
			c.lemmas[d.lemmas[i]]++
			if lemmaRule(form, d.tags[i]) == d.lemmas[i] {
				c.rule++
			}
		}
	}
	var out []lemmaException
	for k, c := range counts {
		best, bestN := "", 0
		for l, n := range c.lemmas {
			if n > bestN || n == bestN && l < best {
				best, bestN = l, n
			}
		}
		if bestN > c.rule {
			out = append(out, lemmaException{lower: k.lower, tag: k.tag, lemma: best})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].lower != out[j].lower {
			return out[i].lower < out[j].lower
		}
		return out[i].tag < out[j].tag
	})
	return out
}

// trainParser trains the move classifier and the labeller together with
// the dynamic oracle, on predicted tags.
func trainParser(data []sentenceData, labels int, root uint8, opts TrainOptions) (parser, labeler *table) {
	pp := newPerceptron(opts.bits(21), moveCount)
	lp := newPerceptron(opts.bits(20), labels)
	pf, lf := newFeatures(pp.bits), newFeatures(lp.bits)
	moveS, labelS := make([]float32, moveCount), make([]float32, labels)
	var costs [moveCount]int
	var st state
	rng := opts.rng(200)
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	for epoch := range opts.ParseEpochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			d := &data[si]
			st.reset(d.words, d.ptags)
			for !st.terminal() {
				parseFeatures(&pf, &st)
				pp.scores(pf.rows, moveS)
				pred, minCost := -1, 1<<30
				for mv := range moveCount {
					if !st.valid(mv) {
						continue
					}
					costs[mv] = st.cost(mv, d.gold)
					minCost = min(minCost, costs[mv])
					if pred < 0 || moveS[mv] > moveS[pred] {
						pred = mv
					}
				}
				best := -1
				for mv := range moveCount {
					if st.valid(mv) && costs[mv] == minCost && (best < 0 || moveS[mv] > moveS[best]) {
						best = mv
					}
				}
				next := pred
				if costs[pred] != minCost {
					pp.update(pf.rows, best, pred)
					if epoch == 0 || rng.Float64() >= opts.Explore {
						next = best
					}
				}
				pp.tick()
				var label uint8
				if next != moveShift {
					h, dep := st.arc(next)
					label = root
					if h != 0 {
						labelFeatures(&lf, &st, h, dep)
						lp.scores(lf.rows, labelS)
						label = pickLabel(labelS, root, h)
						if d.gold[dep] == h {
							gold := d.labels[dep-1]
							lp.update(lf.rows, int(gold), int(label))
							lp.tick()
							if epoch == 0 {
								label = gold
							}
						}
					}
				}
				st.apply(next, label)
			}
		}
		opts.logf("parser epoch %d done", epoch+1)
	}
	return pp.freeze(), lp.freeze()
}
