package document

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// checkBinary reports why data is not text, or "" when it may be text. It
// looks at the first 64 KiB: NUL bytes, well-known binary signatures and a
// high share of control bytes mean binary.
func checkBinary(data []byte) string {
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	for _, sig := range binarySignatures {
		if bytes.HasPrefix(head, []byte(sig)) {
			return "binary file"
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "binary file"
	}
	ctl := 0
	for _, c := range head {
		ctl += int(controlByte[c])
	}
	// Text has essentially no control bytes; 1 in 50 is far beyond any
	// stray form feed.
	if ctl > 0 && ctl*50 >= len(head) {
		return "binary file"
	}
	return ""
}

// controlByte is 1 for control bytes that do not occur in text.
var controlByte = func() (t [256]uint8) {
	for c := 0; c < 0x20; c++ {
		switch c {
		case '\n', '\r', '\t', '\f', '\v', 0x1b:
		default:
			t[c] = 1
		}
	}
	t[0x7f] = 1
	return t
}()

var binarySignatures = []string{
	"%PDF-", "\x89PNG", "GIF87a", "GIF89a", "\xff\xd8\xff", "PK\x03\x04", "\x1f\x8b", "BZh",
	"\xfd7zXZ", "7z\xbc\xaf", "Rar!", "\x7fELF", "MZ\x90", "\xca\xfe\xba\xbe", "RIFF", "OggS",
	"ID3", "\x00\x00\x01\x00", "wOFF", "\xd0\xcf\x11\xe0", "SQLite format 3",
}

// decodeText turns raw bytes into UTF-8 text: a UTF-8 or UTF-16 byte order
// mark is honoured, valid UTF-8 is taken as is, and bytes that are plausibly
// Latin-1 or Windows-1252 text are converted. reason is non-empty when the
// bytes are neither.
func decodeText(data []byte) (text string, reason string) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decodeUTF16(data)
	}
	if r := checkBinary(data); r != "" {
		return "", r
	}
	if utf8.Valid(data) {
		return string(data), ""
	}
	if multi, invalid := utf8Stats(data); multi > 0 && invalid <= multi {
		// Mostly UTF-8 with stray single-byte characters (a pasted Windows-1252
		// quote): keep the UTF-8 and read the strays as Windows-1252.
		return mixedDecode(data), ""
	}
	if !plausibleLatin1(data) {
		return "", "invalid UTF-8 and not Latin-1 text"
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xa0:
			b.WriteRune(cp1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String(), ""
}

// utf8Stats counts the valid multi-byte UTF-8 sequences and the bytes that
// are not valid UTF-8.
func utf8Stats(data []byte) (multi, invalid int) {
	for i := 0; i < len(data); {
		if data[i] < 0x80 {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			invalid++
			i++
			continue
		}
		multi++
		i += size
	}
	return multi, invalid
}

// mixedDecode decodes UTF-8, reading each invalid byte as Windows-1252 (or
// U+FFFD where that is undefined).
func mixedDecode(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + 16)
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			c := data[i]
			switch {
			case c >= 0xa0:
				b.WriteRune(rune(c))
			case c >= 0x80:
				b.WriteRune(cp1252[c-0x80])
			default:
				b.WriteRune(utf8.RuneError)
			}
			i++
			continue
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

func decodeUTF16(data []byte) (string, string) {
	bigEndian := data[0] == 0xfe
	data = data[2:]
	if len(data)%2 != 0 {
		return "", "invalid UTF-16 text"
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if strings.ContainsRune(s, 0) || strings.ContainsRune(s, utf8.RuneError) {
		return "", "binary file"
	}
	return s, ""
}

// plausibleLatin1 reports whether invalid UTF-8 bytes read as Latin-1 or
// Windows-1252 text: no bytes undefined in Windows-1252, at most one byte in
// five above ASCII, and the high bytes mostly letters or typographic
// punctuation next to ASCII letters rather than runs of symbols.
func plausibleLatin1(data []byte) bool {
	high, good := 0, 0
	for i, c := range data {
		if c < 0x80 {
			continue
		}
		high++
		if c < 0xa0 && cp1252[c-0x80] == 0xfffd {
			return false
		}
		letter := c >= 0xc0 && c != 0xd7 && c != 0xf7
		punct := (c >= 0x91 && c <= 0x97) || c == 0x85 || c == 0xa0 || c == 0xab || c == 0xbb ||
			c == 0xa3 || c == 0xa9 || c == 0xb0 || c == 0x80 || c == 0xa7 || c == 0xb7 || c == 0xae
		if !letter && !punct {
			continue
		}
		// A letter with an accent sits in a word; typographic punctuation
		// sits next to letters, digits or spaces.
		prevOK := i == 0 || data[i-1] < 0x80 || data[i-1] >= 0xc0
		nextOK := i+1 == len(data) || data[i+1] < 0x80 || data[i+1] >= 0xc0 || (data[i+1] >= 0x91 && data[i+1] <= 0x94)
		if prevOK || nextOK {
			good++
		}
	}
	if high == 0 {
		return true
	}
	return high*5 <= len(data) && good*10 >= high*8
}

// cp1252 maps the Windows-1252 bytes 0x80–0x9F; U+FFFD marks the five
// undefined ones.
var cp1252 = [32]rune{
	'€', 0xfffd, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0xfffd, 'Ž', 0xfffd,
	0xfffd, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0xfffd, 'ž', 'Ÿ',
}

// normalize returns s with CRLF and CR line ends as "\n", tabs, form feeds and
// no-break spaces as " ", Unicode line and paragraph separators as "\n", and
// zero-width characters and byte order marks removed. It returns s itself
// when nothing changes.
func normalize(s string) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c == '\r' || c == '\t' || c == '\f' || c == '\v' || c == 0xc2 || c == 0xe2 || c == 0xef {
			if needsNormal(s, i) {
				break
			}
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			i++
		case c == '\t' || c == '\f' || c == '\v':
			b.WriteByte(' ')
			i++
		case c == 0xc2 && i+1 < len(s) && s[i+1] == 0xa0: // no-break space
			b.WriteByte(' ')
			i += 2
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9): // LS, PS
			b.WriteByte('\n')
			i += 3
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] >= 0x8b && s[i+2] <= 0x8d): // ZWSP, ZWNJ, ZWJ
			i += 3
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xaf || s[i+2] == 0x89 || s[i+2] == 0x8a): // narrow, thin, hair spaces
			b.WriteByte(' ')
			i += 3
		case c == 0xef && i+2 < len(s) && s[i+1] == 0xbb && s[i+2] == 0xbf: // BOM
			i += 3
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func needsNormal(s string, i int) bool {
	switch c := s[i]; c {
	case '\r', '\t', '\f', '\v':
		return true
	case 0xc2:
		return i+1 < len(s) && s[i+1] == 0xa0
	case 0xe2:
		return i+2 < len(s) && s[i+1] == 0x80 &&
			(s[i+2] == 0xa8 || s[i+2] == 0xa9 || (s[i+2] >= 0x8b && s[i+2] <= 0x8d) || s[i+2] == 0xaf || s[i+2] == 0x89 || s[i+2] == 0x8a)
	case 0xef:
		return i+2 < len(s) && s[i+1] == 0xbb && s[i+2] == 0xbf
	}
	return false
}
