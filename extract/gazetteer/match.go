package gazetteer

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// form is one literal string the matcher looks for.
type form struct {
	text     string // literal; ' matches any apostrophe and a space any run of whitespace
	target   int32  // index into the countries or orgs; -1 for a blocker
	kind     Kind
	nameLike bool // not matched next to another capitalised word
	boundary bool // ends with a letter or digit, so a word boundary must follow
}

// bucket holds the forms whose first word is one key. For an article key ("the", "The", "THE")
// the forms are further keyed by their second word.
type bucket struct {
	forms []*form
	next  map[string][]*form
}

// index finds forms at word starts: a map from the first word to a bucket, and a table of the
// bytes that can start a form, so that most words cost one table load.
type index struct {
	first map[string]*bucket
	start [256]bool
	pair  [256 * 256]bool // the first two bytes of some form, so most words cost no map lookup
}

func newIndex() *index { return &index{first: make(map[string]*bucket)} }

// builder collects the variants of every form, resolving collisions, before building an index.
type builder struct {
	file  string
	byStr map[string]*variant
	order []string
}

type variant struct {
	f        *form
	explicit bool
	line     int
}

func newBuilder(file string) *builder {
	return &builder{file: file, byStr: make(map[string]*variant)}
}

// add records every variant of s for target. Two explicit forms of different targets are an error;
// a generated variant (folded accents, capitals, …) yields to an explicit one and to an earlier
// generated one.
func (b *builder) add(s spec, target int32, kind Kind, line int) error {
	if s.lookupOnly {
		return nil
	}
	explicit, generated := variants(s)
	put := func(v string, isExplicit bool) error {
		old, ok := b.byStr[v]
		if ok {
			switch {
			case old.f.target == target:
				// The same string twice for one target: the first kind stays, and the
				// stricter name-like rule wins.
				old.f.nameLike = old.f.nameLike || s.nameLike
				return nil
			case old.explicit && isExplicit:
				return &DataError{File: b.file, Line: line, Msg: fmt.Sprintf("form %q is already the form of line %d", v, old.line)}
			case !isExplicit:
				return nil
			}
		} else {
			b.order = append(b.order, v)
		}
		r, _ := utf8.DecodeLastRuneInString(v)
		b.byStr[v] = &variant{
			f:        &form{text: v, target: target, kind: kind, nameLike: s.nameLike, boundary: isWordRune(r)},
			explicit: isExplicit,
			line:     line,
		}
		return nil
	}
	for _, v := range explicit {
		if err := put(v, true); err != nil {
			return err
		}
	}
	for _, v := range generated {
		if err := put(v, false); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) build() *index {
	x := newIndex()
	for _, s := range b.order {
		f := b.byStr[s].f
		w1 := s[:wordEnd(s, 0)]
		bk := x.first[w1]
		if bk == nil {
			bk = &bucket{}
			x.first[w1] = bk
		}
		x.start[s[0]] = true
		x.pair[int(s[0])<<8|int(s[1])] = true
		switch s[1] { // a space or an apostrophe in a form matches other bytes in text
		case ' ':
			for _, c := range []byte{'\t', '\n', '\r', 0xC2, 0xE2} {
				x.pair[int(s[0])<<8|int(c)] = true
			}
		case '\'':
			for _, c := range []byte{0xE2, 0xCA} {
				x.pair[int(s[0])<<8|int(c)] = true
			}
		}
		if isArticle(w1) {
			j := len(w1) + spaceRun(s, len(w1))
			w2 := s[j:wordEnd(s, j)]
			if bk.next == nil {
				bk.next = make(map[string][]*form)
			}
			bk.next[w2] = append(bk.next[w2], f)
			continue
		}
		bk.forms = append(bk.forms, f)
	}
	return x
}

func isArticle(w string) bool { return w == "the" || w == "The" || w == "THE" }

// matchAt returns the longest form matching text at byte offset i (a word start) and the end of
// the match, or nil. Blockers are returned too (target -1), so that a scan can skip them. With
// before set, name-like forms are also refused after a capitalised word.
func (x *index) matchAt(text string, i int, before bool) (*form, int) {
	if i+1 >= len(text) || !x.pair[int(text[i])<<8|int(text[i+1])] {
		return nil, 0
	}
	we := wordEnd(text, i)
	if we == i {
		return nil, 0
	}
	bk := x.first[text[i:we]]
	if bk == nil {
		return nil, 0
	}
	var best *form
	bestEnd := 0
	try := func(fs []*form) {
		for _, f := range fs {
			end, ok := compare(text, i, f.text)
			if !ok || end <= bestEnd {
				continue
			}
			if f.boundary && end < len(text) && wordAt(text, end) {
				continue
			}
			if f.nameLike && (capitalFollows(text, end) || (before && capitalPrecedes(text, i))) {
				continue
			}
			best, bestEnd = f, end
		}
	}
	try(bk.forms)
	if bk.next != nil {
		if j := we + spaceRun(text, we); j > we {
			if we2 := wordEnd(text, j); we2 > j {
				try(bk.next[text[j:we2]])
			}
		}
	}
	return best, bestEnd
}

// scan calls emit for every non-overlapping, non-blocker match in text, left to right.
func (x *index) scan(text string, emit func(f *form, start, end int)) {
	prevWord := false
	for i := 0; i < len(text); {
		c := text[i]
		if !prevWord && x.start[c] {
			if f, end := x.matchAt(text, i, true); f != nil {
				if f.target >= 0 {
					emit(f, i, end)
				}
				prevWord = wordBefore(text, end)
				i = end
				continue
			}
		}
		if c < utf8.RuneSelf {
			prevWord = asciiWord[c]
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		prevWord = isWordRune(r)
		i += size
	}
}

// compare matches the literal form f against text at i: ' matches ', ’, ‘ or ʼ, and a space
// matches one or more whitespace characters. It returns the end of the match in text.
func compare(text string, i int, f string) (int, bool) {
	for j := 0; j < len(f); j++ {
		switch c := f[j]; c {
		case ' ':
			n := spaceRun(text, i)
			if n == 0 {
				return 0, false
			}
			i += n
		case '\'':
			n := apostrophe(text, i)
			if n == 0 {
				return 0, false
			}
			i += n
		default:
			if i >= len(text) || text[i] != c {
				return 0, false
			}
			i++
		}
	}
	return i, true
}

// apostrophe returns the byte length of an apostrophe at text[i:], or 0.
func apostrophe(text string, i int) int {
	if i >= len(text) {
		return 0
	}
	switch text[i] {
	case '\'':
		return 1
	case 0xE2: // ’ U+2019, ‘ U+2018
		if i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0x99 || text[i+2] == 0x98) {
			return 3
		}
	case 0xCA: // ʼ U+02BC
		if i+1 < len(text) && text[i+1] == 0xBC {
			return 2
		}
	}
	return 0
}

// spaceRun returns the byte length of the run of whitespace at text[i:] (space, tab, newlines,
// no-break and narrow no-break spaces).
func spaceRun(text string, i int) int {
	start := i
	for i < len(text) {
		switch c := text[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == 0xC2 && i+1 < len(text) && text[i+1] == 0xA0: // U+00A0
			i += 2
		case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0xAF: // U+202F
			i += 3
		default:
			return i - start
		}
	}
	return i - start
}

// inlineSpaceRun is spaceRun without line breaks: the space between two words of one line.
func inlineSpaceRun(text string, i int) int {
	n := spaceRun(text, i)
	for k := i; k < i+n; k++ {
		if text[k] == '\n' || text[k] == '\r' {
			return 0
		}
	}
	return n
}

// capitalFollows reports whether a capitalised word follows text[:end] on the same line.
func capitalFollows(text string, end int) bool {
	n := inlineSpaceRun(text, end)
	if n == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[end+n:])
	return unicode.IsUpper(r)
}

// capitalPrecedes reports whether text[:start] ends with a capitalised word and whitespace on the
// same line, the word not being a capitalised function word that opens sentences ("In Jordan").
func capitalPrecedes(text string, start int) bool {
	j := start
	for j > 0 {
		c := text[j-1]
		if c == ' ' || c == '\t' {
			j--
			continue
		}
		if c == 0xA0 && j >= 2 && text[j-2] == 0xC2 {
			j -= 2
			continue
		}
		break
	}
	if j == start || j == 0 {
		return false
	}
	we := j
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !isWordRune(r) {
			break
		}
		j -= size
	}
	if j == we {
		return false
	}
	w := text[j:we]
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && !openers[w]
}

// openers are capitalised words that commonly open a sentence or a title-case phrase before a
// place name; after them a name-like form is still matched.
var openers = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range []string{
		"A", "About", "Across", "After", "Against", "Along", "Also", "Although", "Amid", "Among", "An",
		"And", "Around", "As", "At", "Because", "Before", "Behind", "Between", "Both", "But", "By",
		"Despite", "During", "Either", "Even", "For", "From", "However", "How", "If", "In",
		"Including", "Inside", "Into", "Like", "Meanwhile", "Near", "Neither", "Nor", "Not", "Now", "Of",
		"On", "Once", "Only", "Or", "Outside", "Over", "Per", "Since", "So", "Than", "That", "The",
		"Then", "These", "This", "Those", "Though", "Through", "To", "Toward", "Towards", "Under",
		"Unlike", "Until", "Via", "What", "When", "Where", "Whether", "Which", "While", "Who", "Why",
		"With", "Within", "Without", "Yet",
	} {
		m[w] = true
	}
	return m
}()

// wordEnd returns the end of the run of letters and digits starting at text[i].
func wordEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			return i
		}
		i += size
	}
	return i
}

// wordAt reports whether a letter or digit starts at text[i].
func wordAt(text string, i int) bool {
	c := text[i]
	if c < utf8.RuneSelf {
		return asciiWord[c]
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// wordBefore reports whether text[:i] ends with a letter or digit.
func wordBefore(text string, i int) bool {
	if i == 0 {
		return false
	}
	c := text[i-1]
	if c < utf8.RuneSelf {
		return asciiWord[c]
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isWordRune(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	if r >= 0x2000 && r <= 0x206F { // General Punctuation: quotes, dashes, spaces
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	return t
}()
