package document

import "strings"

// firstSet is the set of first bytes (either case) of a list of prefixes, a
// cheap filter before comparing each prefix.
type firstSet [256]bool

func newFirstSet(prefixes ...[]string) *firstSet {
	var f firstSet
	for _, list := range prefixes {
		for _, p := range list {
			c := p[0]
			f[c] = true
			if c >= 'a' && c <= 'z' {
				f[c-('a'-'A')] = true
			}
		}
	}
	return &f
}

func (f *firstSet) has(s string) bool { return s != "" && f[s[0]] }

var (
	labelFirst  = newFirstSet(metaLabelStrings())
	promoFirst  = newFirstSet(promoPrefixes)
	boilerFirst = newFirstSet(boilerPrefixes)
)

func metaLabelStrings() []string {
	out := make([]string, len(metaLabels))
	for i, l := range metaLabels {
		out[i] = l.label
	}
	return out
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// indexFold is containsFold that returns the offset of the first match, or
// -1.
func indexFold(s, sub string) int {
	n := len(sub)
	if n == 0 {
		return 0
	}
	for i := 0; i+n <= len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == sub[0] && strings.EqualFold(s[i:i+n], sub) {
			return i
		}
	}
	return -1
}

// containsFold reports whether s contains sub, which must be lower-case
// ASCII, ignoring ASCII case. It jumps between occurrences of sub's rarest
// letter (in either case) and compares around them.
func containsFold(s, sub string) bool {
	n := len(sub)
	if n == 0 {
		return true
	}
	k := rarestByte(sub)
	lo := sub[k]
	up := lo
	if lo >= 'a' && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	for _, c := range [2]byte{lo, up} {
		for from := k; from < len(s); {
			j := strings.IndexByte(s[from:], c)
			if j < 0 {
				break
			}
			j += from
			if start := j - k; start+n <= len(s) && strings.EqualFold(s[start:start+n], sub) {
				return true
			}
			from = j + 1
		}
		if up == lo {
			break
		}
	}
	return false
}

// letterRank ranks letters from the rarest in English text (1) to the
// commonest; other bytes rank 0 and are never chosen.
var letterRank = func() (t [256]uint8) {
	for i, c := range "zqxjkvbpygfwmucldrhsnioate" {
		t[c] = uint8(i + 1)
	}
	return t
}()

// rarestByte returns the index of the rarest letter of sub.
func rarestByte(sub string) int {
	best, bestRank := 0, uint8(255)
	for i := 0; i < len(sub); i++ {
		if r := letterRank[sub[i]]; r != 0 && r < bestRank {
			best, bestRank = i, r
		}
	}
	return best
}
