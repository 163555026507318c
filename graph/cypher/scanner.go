package cypher

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanner splits a query into tokens. Errors are reported through err and
// scanning always makes progress.
type scanner struct {
	src string
	off int
	err func(off int, detail, msg string)
}

var puncts = []string{"..", "<>", "<=", ">=", "=~", "+=", "->", "<-", "!=",
	"(", ")", "[", "]", "{", "}", ",", ".", ":", "|", ";", "+", "-", "*", "/", "%", "^", "=", "<", ">"}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentPart(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func (s *scanner) skipSpace() {
	for s.off < len(s.src) {
		r, w := utf8.DecodeRuneInString(s.src[s.off:])
		switch {
		case unicode.IsSpace(r):
			s.off += w
		case strings.HasPrefix(s.src[s.off:], "//"):
			i := strings.IndexByte(s.src[s.off:], '\n')
			if i < 0 {
				s.off = len(s.src)
			} else {
				s.off += i + 1
			}
		case strings.HasPrefix(s.src[s.off:], "/*"):
			i := strings.Index(s.src[s.off+2:], "*/")
			if i < 0 {
				s.err(s.off, "UnexpectedSyntax", "unterminated comment")
				s.off = len(s.src)
			} else {
				s.off += i + 4
			}
		default:
			return
		}
	}
}

func (s *scanner) scan() token {
	s.skipSpace()
	start := s.off
	if s.off >= len(s.src) {
		return token{kind: tEOF, pos: start, end: start}
	}
	r, w := utf8.DecodeRuneInString(s.src[s.off:])
	switch {
	case isIdentStart(r):
		s.off += w
		for s.off < len(s.src) {
			r, w := utf8.DecodeRuneInString(s.src[s.off:])
			if !isIdentPart(r) {
				break
			}
			s.off += w
		}
		return token{kind: tIdent, lit: s.src[start:s.off], pos: start, end: s.off}
	case r == '`':
		var b strings.Builder
		s.off++
		for {
			if s.off >= len(s.src) {
				s.err(start, "UnexpectedSyntax", "unterminated quoted name")
				return token{kind: tIllegal, lit: "`", pos: start, end: s.off}
			}
			if s.src[s.off] == '`' {
				if s.off+1 < len(s.src) && s.src[s.off+1] == '`' {
					b.WriteByte('`')
					s.off += 2
					continue
				}
				s.off++
				break
			}
			b.WriteByte(s.src[s.off])
			s.off++
		}
		return token{kind: tQuoted, lit: b.String(), pos: start, end: s.off}
	case r >= '0' && r <= '9', r == '.' && s.off+1 < len(s.src) && s.src[s.off+1] >= '0' && s.src[s.off+1] <= '9':
		return s.number()
	case r == '\'' || r == '"':
		return s.str(byte(r))
	case r == '$':
		s.off++
		p := s.off
		if s.off < len(s.src) && s.src[s.off] == '`' {
			t := s.scan()
			return token{kind: tParam, lit: t.lit, pos: start, end: s.off}
		}
		for s.off < len(s.src) {
			r, w := utf8.DecodeRuneInString(s.src[s.off:])
			if !isIdentPart(r) {
				break
			}
			s.off += w
		}
		if p == s.off {
			s.err(start, "UnexpectedSyntax", "expected a parameter name after '$'")
			return token{kind: tIllegal, lit: "$", pos: start, end: s.off}
		}
		return token{kind: tParam, lit: s.src[p:s.off], pos: start, end: s.off}
	}
	for _, p := range puncts {
		if strings.HasPrefix(s.src[s.off:], p) {
			s.off += len(p)
			return token{kind: tPunct, lit: p, pos: start, end: s.off}
		}
	}
	s.off += w
	if unicode.Is(unicode.Pd, r) || r == '\u2212' {
		// a dash that looks like '-' but is not (en dash, em dash, minus sign…)
		s.err(start, "InvalidUnicodeCharacter", "invalid character "+strconv.QuoteRune(r)+": did you mean '-'?")
	}
	s.err(start, "UnexpectedSyntax", "unexpected character "+strconv.QuoteRune(r))
	return token{kind: tIllegal, lit: string(r), pos: start, end: s.off}
}

func (s *scanner) number() token {
	start := s.off
	src := s.src
	if strings.HasPrefix(src[s.off:], "0x") || strings.HasPrefix(src[s.off:], "0o") {
		s.off += 2
		for s.off < len(src) && isIdentPart(rune(src[s.off])) {
			s.off++
		}
		return token{kind: tInt, lit: src[start:s.off], pos: start, end: s.off}
	}
	kind := tInt
	for s.off < len(src) && src[s.off] >= '0' && src[s.off] <= '9' {
		s.off++
	}
	if s.off+1 < len(src) && src[s.off] == '.' && src[s.off+1] >= '0' && src[s.off+1] <= '9' {
		kind = tFloat
		s.off++
		for s.off < len(src) && src[s.off] >= '0' && src[s.off] <= '9' {
			s.off++
		}
	}
	if s.off < len(src) && (src[s.off] == 'e' || src[s.off] == 'E') {
		j := s.off + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && src[j] >= '0' && src[j] <= '9' {
			kind = tFloat
			s.off = j
			for s.off < len(src) && src[s.off] >= '0' && src[s.off] <= '9' {
				s.off++
			}
		}
	}
	// letters glued to a number make it invalid (123abc)
	for s.off < len(src) && isIdentPart(rune(src[s.off])) {
		s.off++
	}
	return token{kind: kind, lit: src[start:s.off], pos: start, end: s.off}
}

func (s *scanner) str(q byte) token {
	start := s.off
	s.off++
	var b strings.Builder
	for {
		if s.off >= len(s.src) {
			s.err(start, "UnexpectedSyntax", "unterminated string literal")
			return token{kind: tIllegal, lit: string(q), pos: start, end: s.off}
		}
		c := s.src[s.off]
		if c == q {
			s.off++
			return token{kind: tString, lit: b.String(), pos: start, end: s.off}
		}
		if c != '\\' {
			b.WriteByte(c)
			s.off++
			continue
		}
		if s.off+1 >= len(s.src) {
			s.off++
			continue
		}
		e := s.src[s.off+1]
		s.off += 2
		switch e {
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if s.off+n > len(s.src) {
				s.err(s.off-2, "InvalidUnicodeLiteral", "invalid unicode escape")
				continue
			}
			v, err := strconv.ParseUint(s.src[s.off:s.off+n], 16, 32)
			if err != nil {
				s.err(s.off-2, "InvalidUnicodeLiteral", "invalid unicode escape")
				continue
			}
			b.WriteRune(rune(v))
			s.off += n
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
}
