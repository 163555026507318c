package syntax

import (
	"unicode"
	"unicode/utf8"
)

// wordInfo holds the hashes of one token that features are built from.
type wordInfo struct {
	raw   uint64 // the form as written
	norm  uint64 // normalised form: lower case, digits as 0, quotes and dashes unified
	pre1  uint64 // first rune of norm
	suf1  uint64 // last one, two and three runes of norm
	suf2  uint64
	suf3  uint64
	suf4  uint64
	pre3  uint64 // first three runes of norm
	shape uint64 // character classes: "Xxxx", "dd.d", "X.X."
}

// normalize writes the normalised form of w to buf and returns it:
// letters lowered, every digit replaced by 0, curly quotes and Penn
// Treebank quote and bracket tokens mapped to the forms EWT uses, and
// en and em dashes mapped to "--".
func normalize(buf []byte, w string) []byte {
	buf = buf[:0]
	switch w {
	case "``", "''", "“", "”", "„", "«", "»", "‘‘", "’’":
		return append(buf, '"')
	case "‘", "’", "‚", "`":
		return append(buf, '\'')
	case "–", "—", "―", "−":
		return append(buf, "--"...)
	case "-LRB-", "-lrb-":
		return append(buf, '(')
	case "-RRB-", "-rrb-":
		return append(buf, ')')
	case "-LSB-", "-lsb-":
		return append(buf, '[')
	case "-RSB-", "-rsb-":
		return append(buf, ']')
	case "-LCB-", "-lcb-":
		return append(buf, '{')
	case "-RCB-", "-rcb-":
		return append(buf, '}')
	}
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case '0' <= c && c <= '9':
				c = '0'
			}
			buf = append(buf, c)
		case r == '’' || r == '‘':
			buf = append(buf, '\'')
		case r == '“' || r == '”':
			buf = append(buf, '"')
		case r == '–' || r == '—':
			buf = append(buf, '-', '-')
		case unicode.IsDigit(r):
			buf = append(buf, '0')
		default:
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
	}
	return buf
}

// shapeOf writes the shape of w to buf: X for upper case letters, x for
// lower case, d for digits, other runes kept; runs of one class are cut
// after four.
func shapeOf(buf []byte, w string) []byte {
	buf = buf[:0]
	var last rune
	run := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
		} else {
			last, run = c, 1
		}
		if run <= 4 {
			buf = utf8.AppendRune(buf, c)
		}
		if len(buf) > 24 {
			break
		}
	}
	return buf
}

// suffixStart returns the byte offset where the last n runes of b begin.
func suffixStart(b []byte, n int) int {
	i := len(b)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRune(b[:i])
		i -= size
	}
	return i
}

// prefixEnd returns the byte offset where the first n runes of b end.
func prefixEnd(b []byte, n int) int {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return i
}

// describe fills info with the hashes of w, using buf as scratch space,
// and returns the (possibly grown) buffer.
func describe(info *wordInfo, w string, buf []byte) []byte {
	info.raw = hashString(w)
	buf = normalize(buf, w)
	info.norm = hashBytes(buf)
	info.pre1 = hashBytes(buf[:prefixEnd(buf, 1)]) ^ 0x1
	info.suf1 = hashBytes(buf[suffixStart(buf, 1):]) ^ 0x2
	info.suf2 = hashBytes(buf[suffixStart(buf, 2):]) ^ 0x3
	info.suf3 = hashBytes(buf[suffixStart(buf, 3):]) ^ 0x4
	info.suf4 = hashBytes(buf[suffixStart(buf, 4):]) ^ 0x5
	info.pre3 = hashBytes(buf[:prefixEnd(buf, 3)]) ^ 0x6
	buf = shapeOf(buf, w)
	info.shape = hashBytes(buf)
	return buf
}
