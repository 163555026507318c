package syntax

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

// Model tags, lemmatizes and parses English sentences. A Model is
// immutable once loaded and safe for concurrent use by many goroutines.
type Model struct {
	tagger  *tagModel
	lemmas  *lemmatizer
	parser  *table // move scores of parser configurations
	labeler *table // relation scores of arcs
	labels  []string
	root    uint8 // class of the "root" relation

	pool sync.Pool // *workspace
}

// workspace is the scratch space of one call; Models pool them.
type workspace struct {
	words  []wordInfo
	tags   []uint8
	buf    []byte
	st     state
	tf     features
	pf     features
	lf     features
	tagS   []int32
	moveS  []int32
	labelS []int32
}

func (m *Model) workspace() *workspace {
	if ws, ok := m.pool.Get().(*workspace); ok {
		return ws
	}
	return &workspace{
		tf:     newFeatures(m.tagger.w.bits),
		pf:     newFeatures(m.parser.bits),
		lf:     newFeatures(m.labeler.bits),
		tagS:   make([]int32, len(upos)),
		moveS:  make([]int32, moveCount),
		labelS: make([]int32, len(m.labels)),
	}
}

//go:embed model/en_ewt.bin.gz
var embeddedModel []byte

var loadDefault = sync.OnceValue(func() *Model {
	m, err := Load(bytes.NewReader(embeddedModel))
	if err != nil {
		panic(fmt.Sprintf("syntax: the embedded model is broken: %v", err))
	}
	return m
})

// Default returns the model trained on Universal Dependencies English EWT
// that ships inside the package. It is decoded on the first call (about a
// tenth of a second) and shared afterwards.
func Default() *Model { return loadDefault() }

// Labels returns the dependency relations the model predicts, sorted.
func (m *Model) Labels() []string { return append([]string(nil), m.labels...) }

// prepare hashes words and tags them into ws.
func (m *Model) prepare(ws *workspace, words []string) {
	ws.words = fill(ws.words, len(words), wordInfo{})
	ws.tags = fill(ws.tags, len(words), 0)
	for i, w := range words {
		ws.buf = describe(&ws.words[i], w, ws.buf)
	}
	m.tagger.tag(ws.words, ws.tags, &ws.tf, ws.tagS)
}

// Tag tags and lemmatizes one tokenised sentence without parsing it: the
// tokens' Head is -1 and Rel empty.
func (m *Model) Tag(words []string) Sentence {
	var s Sentence
	m.TagInto(&s, words)
	return s
}

// TagInto is [Model.Tag] writing into s, reusing its token slice.
func (m *Model) TagInto(s *Sentence, words []string) { m.analyse(s, words, false) }

// Parse tags, lemmatizes and parses one sentence given as words,
// tokenised the Universal Dependencies way: punctuation, the possessive
// "'s" and clitics such as "n't" are tokens of their own ([SplitClitics]
// does that for plain space-separated text). Every token gets a head
// (exactly one has head 0 and relation "root") and the tree is
// projective. Any words are accepted, including empty strings; time and
// memory grow linearly with the sentence length.
func (m *Model) Parse(words []string) Sentence {
	var s Sentence
	m.ParseInto(&s, words)
	return s
}

// ParseInto is [Model.Parse] writing into s, reusing its token slice.
func (m *Model) ParseInto(s *Sentence, words []string) { m.analyse(s, words, true) }

// analyse tags and lemmatizes words into s, and parses them if parse is set.
func (m *Model) analyse(s *Sentence, words []string, parse bool) {
	ws := m.workspace()
	defer m.pool.Put(ws)
	m.prepare(ws, words)
	if parse {
		m.parse(ws)
	}
	s.Tokens = fill(s.Tokens, len(words), Token{})
	for i, w := range words {
		t := ws.tags[i]
		s.Tokens[i] = Token{Form: w, Lemma: m.lemmas.lemma(w, t), UPOS: upos[t], Head: -1}
		if parse {
			s.Tokens[i].Head, s.Tokens[i].Rel = int(ws.st.heads[i+1]), m.labels[ws.st.labels[i+1]]
		}
	}
}

// parse runs the greedy parser over the tagged words of ws.
func (m *Model) parse(ws *workspace) {
	st := &ws.st
	st.reset(ws.words, ws.tags)
	for !st.terminal() {
		parseFeatures(&ws.pf, st)
		m.parser.scores(ws.pf.rows, ws.moveS)
		best := -1
		for mv := range moveCount {
			if st.valid(mv) && (best < 0 || ws.moveS[mv] > ws.moveS[best]) {
				best = mv
			}
		}
		var label uint8
		if best != moveShift {
			h, d := st.arc(best)
			labelFeatures(&ws.lf, st, h, d)
			m.labeler.scores(ws.lf.rows, ws.labelS)
			label = pickLabel(ws.labelS, m.root, h)
		}
		st.apply(best, label)
	}
}

// pickLabel returns the relation of an arc from head h: root for the
// root's dependent, else the best scoring other relation.
func pickLabel[T int32 | float32](scores []T, root uint8, h int32) uint8 {
	if h == 0 {
		return root
	}
	best := -1
	for c, v := range scores {
		if c != int(root) && (best < 0 || v > scores[best]) {
			best = c
		}
	}
	return uint8(max(best, 0))
}
