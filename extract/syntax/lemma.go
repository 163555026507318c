package syntax

import (
	"strings"
)

// lemmaRule returns the lemma that the rules for regular English
// inflection give form with tag class t. Proper nouns, numbers,
// punctuation and symbols keep their form; other words are lowered, and
// nouns and verbs lose their regular endings. Irregular forms are left to
// the exceptions learnt from the treebank.
func lemmaRule(form string, t uint8) string {
	switch t {
	case tagPROPN, tagNUM, tagPUNCT, tagSYM, tagX:
		return form
	}
	w := strings.ToLower(form)
	switch t {
	case tagNOUN:
		return nounLemma(w)
	case tagVERB, tagAUX:
		return verbLemma(w)
	}
	return w
}

// nounLemma removes a regular plural ending.
func nounLemma(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && hasAnySuffix(w, "sses", "shes", "ches", "xes", "zzes"):
		return w[:n-2]
	case n > 3 && plainS(w):
		return w[:n-1]
	}
	return w
}

// verbLemma removes a regular verb ending: -s, -es, -ies, -ed, -ied and
// -ing, undoubling a final consonant ("banned") and restoring a silent e
// ("imposed", "making") where English spelling calls for one.
func verbLemma(w string) string {
	n := len(w)
	switch {
	case n > 4 && hasAnySuffix(w, "ied", "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ing"):
		return restoreStem(w[:n-3])
	case n > 3 && strings.HasSuffix(w, "eed"):
		return w[:n-1] // agreed
	case n > 3 && strings.HasSuffix(w, "ed"):
		return restoreStem(w[:n-2])
	case n > 3 && strings.HasSuffix(w, "zes") && !strings.HasSuffix(w, "zzes"):
		return w[:n-1] // seizes
	case n > 3 && hasAnySuffix(w, "sses", "shes", "ches", "xes", "zes", "oes"):
		return w[:n-2]
	case n > 2 && plainS(w):
		return w[:n-1]
	}
	return w
}

// plainS reports whether w ends in an -s that is an inflection: not -ss,
// -us, -is or the clitic 's.
func plainS(w string) bool {
	return strings.HasSuffix(w, "s") && !hasAnySuffix(w, "ss", "us", "is", "'s")
}

func hasAnySuffix(w string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// restoreStem turns what is left of a verb without -ed or -ing into its
// base form.
func restoreStem(s string) string {
	n := len(s)
	if n < 2 {
		return s
	}
	last, prev := s[n-1], s[n-2]
	if last == prev && !isVowel(last) {
		switch last {
		case 'l', 's', 'z', 'f':
			return s // called, passed, buzzed, staffed
		}
		return s[:n-1] // banned, slapped
	}
	switch {
	case last == 'v' || last == 'z' && prev != 'z':
		return s + "e" // leave, seize
	case last == 'c' && !isVowel(prev) && prev != 'c':
		return s + "e" // announce
	case last == 'c' && (prev == 'i' || prev == 'u') && n > 4:
		return s + "e" // produce, practice
	case last == 'g' && (prev == 'r' || prev == 'd'):
		return s + "e" // charge, judge
	case last == 's' && isVowel(prev) && prev != 'u':
		return s + "e" // raise, impose, close
	case last == 'u' && !isVowel(prev):
		return s + "e" // continue, argue
	case last == 'l' && !isVowel(prev) && prev != 'l' && prev != 'r' && prev != 'w':
		return s + "e" // enable, settle
	case last == 't' && prev == 'a' && n > 4 && (!isVowel(s[n-3]) || s[n-3] == 'i' || s[n-3] == 'u'):
		return s + "e" // negotiate, evaluate
	case last == 'r' && prev == 'a' && n > 4 && !isVowel(s[n-3]):
		return s + "e" // declare
	case last == 't' && prev == 'u' && n > 4:
		return s + "e" // execute
	case last == 'r' && (prev == 'i' || prev == 'u') && n > 3 && !isVowel(s[n-3]):
		return s + "e" // require, secure
	}
	if monosyllabicCVC(s) {
		return s + "e" // vote, make, hope, use
	}
	return s
}

// monosyllabicCVC reports whether s has one vowel, single and followed by
// one final consonant other than w, x or y ("mak", "vot", "us").
func monosyllabicCVC(s string) bool {
	n := len(s)
	last := s[n-1]
	if isVowel(last) || last == 'w' || last == 'x' || last == 'y' || !isVowel(s[n-2]) {
		return false
	}
	for i := 0; i < n-2; i++ {
		if isVowel(s[i]) || s[i] == 'y' && i > 0 {
			return false
		}
	}
	return true
}

// lemmaKey hashes a lowered form with its tag class.
func lemmaKey(lower string, t uint8) uint64 {
	return combine(hashString(lower), uint64(t)+1)
}

// lemmatizer gives the lemma of a form with its tag: the treebank's own
// lemma where it differs from the rules, else the rules.
type lemmatizer struct {
	index      lookup // lemmaKey -> position in exceptions
	exceptions []lemmaException
}

// lemmaException is a (form, tag) whose treebank lemma the rules miss.
type lemmaException struct {
	lower string
	tag   uint8
	lemma string
}

func newLemmatizer(ex []lemmaException) *lemmatizer {
	l := &lemmatizer{index: newLookup(len(ex)), exceptions: ex}
	for i, e := range ex {
		l.index.put(lemmaKey(e.lower, e.tag), uint32(i))
	}
	return l
}

// lemma returns the lemma of form with tag class t.
func (l *lemmatizer) lemma(form string, t uint8) string {
	if len(l.exceptions) > 0 {
		lower := strings.ToLower(form)
		if i, ok := l.index.get(lemmaKey(lower, t)); ok {
			if e := &l.exceptions[i]; e.lower == lower && e.tag == t {
				return e.lemma
			}
		}
	}
	return lemmaRule(form, t)
}
