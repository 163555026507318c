package extract

import (
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tWord  tokKind = iota // letters, digits, inner apostrophes and hyphens, dotted initials
	tNum                  // a number: 25, 1,000, 2.5, 25%, $11bn
	tPunct                // , . ; : ! ? ( ) [ ] / and the like
	tQuote                // “ ” " ‘ ’ « » used as quotation marks
	tPoss                 // possessive 's or ’s, or a bare trailing apostrophe
	tDash                 // - – — between words
)

// token is one token of the document text. start and end are byte offsets
// into Document.Text; the token's lower-case form is the same range of the
// extractor's ASCII-lowered copy of the text.
type token struct {
	start, end int32
	kind       tokKind
	cap        bool   // first rune is an upper-case letter
	upper      bool   // two or more letters, all upper case ("US", "NATO", "JD")
	cls        uint32 // lexical classes of the lower-case word (lexClasses)
}

// asciiLower returns s with ASCII letters lowered and every other byte kept,
// so that byte offsets into s are offsets into the result.
func asciiLower(s string) string {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			break
		}
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‘', '‚', '‹', '›':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isDashRune(r rune) bool {
	switch r {
	case '-', '–', '—', '‐', '‑', '‒', '―':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenize appends the tokens of text[from:to] to dst and returns it.
func tokenize(dst []token, text string, from, to int) []token {
	s := text[:to]
	i := from
	for i < to {
		r, w := runeAt(s, i)
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || unicode.IsSpace(r):
			i += w
		case isWordRune(r):
			j := scanWord(s, i)
			dst = append(dst, wordToken(s, i, j))
			i = j
		case r == '$' || r == '€' || r == '£' || r == '¥':
			r2, _ := runeAt(s, i+w)
			if r2 >= '0' && r2 <= '9' {
				j := scanWord(s, i+w)
				dst = append(dst, token{start: int32(i), end: int32(j), kind: tNum})
				i = j
			} else {
				dst = append(dst, token{start: int32(i), end: int32(i + w), kind: tPunct})
				i += w
			}
		case isApostrophe(r):
			// possessive 's after a word, or a bare trailing apostrophe
			if len(dst) > 0 && int(dst[len(dst)-1].end) == i && dst[len(dst)-1].kind == tWord {
				r2, w2 := runeAt(s, i+w)
				if r2 == 's' || r2 == 'S' {
					r3, _ := runeAt(s, i+w+w2)
					if !isWordRune(r3) {
						dst = append(dst, token{start: int32(i), end: int32(i + w + w2), kind: tPoss})
						i += w + w2
						continue
					}
				}
				if !isWordRune(r2) {
					dst = append(dst, token{start: int32(i), end: int32(i + w), kind: tPoss})
					i += w
					continue
				}
			}
			dst = append(dst, token{start: int32(i), end: int32(i + w), kind: tQuote})
			i += w
		case isQuoteRune(r):
			dst = append(dst, token{start: int32(i), end: int32(i + w), kind: tQuote})
			i += w
		case isDashRune(r):
			dst = append(dst, token{start: int32(i), end: int32(i + w), kind: tDash})
			i += w
		default:
			dst = append(dst, token{start: int32(i), end: int32(i + w), kind: tPunct})
			i += w
		}
	}
	return dst
}

// scanWord returns the end of the word starting at i: letters and digits,
// with inner apostrophes before letters other than a possessive s ("O’Brien",
// "don't"), inner hyphens before a lower-case letter or digit ("one-year",
// "Jae-myung"), dotted initials ("U.S.", "J.D."), decimal and grouped numbers
// ("2.5", "1,000") and a trailing percent sign.
func scanWord(s string, i int) int {
	start := i
	for i < len(s) {
		r, w := runeAt(s, i)
		if isWordRune(r) {
			i += w
			continue
		}
		if r == '%' {
			return i + w
		}
		next, w2 := runeAt(s, i+w)
		switch {
		case isApostrophe(r):
			if unicode.IsLetter(next) {
				if (next == 's' || next == 'S') && !isWordRune(peek(s, i+w+w2)) {
					return i
				}
				i += w
				continue
			}
			return i
		case r == '-' || r == '‑':
			if unicode.IsLower(next) || unicode.IsDigit(next) {
				// "US-made", "Saudi-led": the place stays its own token
				if unicode.IsUpper(peek(s, start)) && compoundSuffix(s[i+w:]) {
					return i
				}
				i += w
				continue
			}
			return i
		case r == '.':
			// dotted initials: a single letter before and after ("U.S.")
			if i-start >= 1 && isInitialBefore(s, start, i) && unicode.IsUpper(next) && !isWordRune(peek(s, i+w+w2)) {
				i += w + w2
				if peek(s, i) == '.' {
					i++
				}
				continue
			}
			if i-start >= 1 && isDigitByte(s[i-1]) && next >= '0' && next <= '9' {
				i += w
				continue
			}
			return i
		case r == ',':
			if i-start >= 1 && isDigitByte(s[i-1]) && next >= '0' && next <= '9' && allDigitsAhead(s, i+1, 3) {
				i += w
				continue
			}
			return i
		default:
			return i
		}
	}
	return i
}

func peek(s string, i int) rune { r, _ := runeAt(s, i); return r }

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// isInitialBefore reports whether s[start:i] ends in a single upper-case
// letter that begins the word or follows a dot ("U" in "U.S").
func isInitialBefore(s string, start, i int) bool {
	r, w := utf8.DecodeLastRuneInString(s[start:i])
	if !unicode.IsUpper(r) {
		return false
	}
	j := i - w
	return j == start || s[j-1] == '.'
}

func allDigitsAhead(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for k := i; k < i+n; k++ {
		if !isDigitByte(s[k]) {
			return false
		}
	}
	return i+n == len(s) || !isDigitByte(s[i+n])
}

func wordToken(s string, i, j int) token {
	t := token{start: int32(i), end: int32(j), kind: tWord}
	r, _ := runeAt(s, i)
	if unicode.IsDigit(r) {
		t.kind = tNum
		return t
	}
	t.cap = unicode.IsUpper(r)
	if t.cap {
		letters, uppers := 0, 0
		for _, c := range s[i:j] {
			if unicode.IsLetter(c) {
				letters++
				if unicode.IsUpper(c) {
					uppers++
				}
			}
		}
		t.upper = letters >= 2 && letters == uppers
	}
	return t
}

// compoundSuffixes follow a place or party in compounds that keep it a
// reference: "US-made", "Saudi-led", "Shenzhen-based".
var compoundSuffixes = []string{"made", "based", "led", "backed", "owned", "brokered", "funded", "run", "controlled",
	"born", "bound", "linked", "allied", "aligned", "friendly", "sponsored", "supported", "held", "occupied",
	"administered", "registered", "headquartered", "listed", "flagged"}

// compoundSuffix reports whether s starts with one of compoundSuffixes as a
// whole word.
func compoundSuffix(s string) bool {
	for _, suf := range compoundSuffixes {
		if len(s) >= len(suf) && s[:len(suf)] == suf {
			r, _ := runeAt(s, len(suf))
			if len(s) == len(suf) || !isWordRune(r) {
				return true
			}
		}
	}
	return false
}
