package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clitics are the endings EWT writes as words of their own, longest first.
var clitics = [...]string{"n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m", "s'", "s’"}

// SplitClitics retokenises words split on spaces the Universal
// Dependencies way: opening and closing punctuation and quotes, leading
// currency signs and trailing per cent signs become words of their own,
// and so do clitics ("Iran's" → "Iran" "'s", "don't" → "do" "n't",
// "they're" → "they" "'re"). A final full stop is split off the last
// word unless the word is an abbreviation with inner dots ("U.S.").
// Words that need no change are kept as they are.
func SplitClitics(words []string) []string {
	out := make([]string, 0, len(words)+len(words)/4)
	for i, w := range words {
		var tail []string
		for len(w) > 0 {
			r, size := utf8.DecodeRuneInString(w)
			if size == len(w) || !isOpening(r) {
				break
			}
			out = append(out, w[:size])
			w = w[size:]
		}
		for len(w) > 0 {
			r, size := utf8.DecodeLastRuneInString(w)
			if size == len(w) || !isClosing(r) && !(r == '.' && i == len(words)-1 && !strings.Contains(w[:len(w)-size], ".")) {
				break
			}
			tail = append(tail, w[len(w)-size:])
			w = w[:len(w)-size]
		}
		for _, c := range clitics {
			if len(w) > len(c) && strings.HasSuffix(strings.ToLower(w), c) {
				if c[0] == 's' { // plural possessive: "leaders'" → "leaders" "'"
					tail = append(tail, w[len(w)-len(c)+1:])
					w = w[:len(w)-len(c)+1]
				} else {
					tail = append(tail, w[len(w)-len(c):])
					w = w[:len(w)-len(c)]
				}
				break
			}
		}
		if len(w) > 0 {
			out = append(out, w)
		}
		for j := len(tail) - 1; j >= 0; j-- {
			out = append(out, tail[j])
		}
	}
	return out
}

func isOpening(r rune) bool {
	switch r {
	case '(', '[', '{', '"', '“', '‘', '«', '$', '£', '€', '¥':
		return true
	}
	return false
}

func isClosing(r rune) bool {
	switch r {
	case ')', ']', '}', '"', '”', '’', '»', ',', ';', ':', '!', '?', '%':
		return true
	}
	return unicode.Is(unicode.Pf, r)
}
