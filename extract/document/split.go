package document

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Split splits text into sentences. Every line break ends a sentence (so
// headlines and list lines without a final period stand alone), and an empty
// line starts a new paragraph. Within a line a sentence ends at ".", "?", "!"
// or an ellipsis followed by a space and a plausible sentence start, with any
// closing quotes and brackets kept in the sentence. Abbreviations ("Mr.",
// "Gen.", "U.S.", "Feb. 5", "a.m.", "No. 5", "e.g."), initials ("J. D. Vance"),
// decimals ("$1.5bn") and ellipses inside quotations do not end sentences; a
// quoted sentence followed by ", he said" or "he said" stays one sentence.
//
// Sentence.Text is always text[Start:End], trimmed of spaces and of a leading
// list bullet; spans without a letter or digit are not sentences.
func Split(text string) []Sentence {
	out := make([]Sentence, 0, len(text)/140+1)
	return appendSentences(out, text, 0, 0)
}

// appendSentences appends the sentences of text to out, adding base to every
// offset and para to every paragraph index. It returns the extended slice.
func appendSentences(out []Sentence, text string, base, para int) []Sentence {
	lineStart := 0
	blank := false
	started := false
	for lineStart <= len(text) {
		lineEnd := indexByteFrom(text, '\n', lineStart)
		if lineEnd < 0 {
			lineEnd = len(text)
		}
		if isBlank(text[lineStart:lineEnd]) {
			blank = true
		} else {
			if blank && started {
				para++
			}
			blank = false
			started = true
			out = splitLine(out, text, lineStart, lineEnd, base, para)
		}
		lineStart = lineEnd + 1
	}
	return out
}

func indexByteFrom(s string, c byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\f', '\v':
		default:
			return false
		}
	}
	return true
}

// splitLine appends the sentences of the line text[ls:le].
func splitLine(out []Sentence, text string, ls, le, base, para int) []Sentence {
	start := ls
	curly := 0        // depth of open “ quotes
	straight := false // inside a "…" quotation
	i := ls
	// cut ends a sentence at e, past the terminator ending at end, and
	// closes the quotes between them that it absorbed.
	cut := func(end, e int) {
		out = emit(out, text, start, e, base, para)
		curly, straight = closeQuotes(text, end, e, curly, straight)
		start, i = e, e
	}
	for i < le {
		c := text[i]
		switch {
		case c == '"':
			straight = !straight
			i++
		case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x9C: // “
			curly++
			i += 3
		case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x9D: // ”
			if curly > 0 {
				curly--
			}
			i += 3
		case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0xA6: // …
			end := i + 3
			for end < le && text[end] == '.' {
				end++
			}
			inQuote := curly > 0 || straight
			if brk, e := boundary(text, le, end, termEllipsis, "", inQuote); brk {
				cut(end, e)
				continue
			}
			i = end
		case c == '.':
			// An ellipsis: "..." or ". . .".
			if end, ok := ellipsisAt(text, i, le); ok {
				inQuote := curly > 0 || straight
				if brk, e := boundary(text, le, end, termEllipsis, "", inQuote); brk {
					cut(end, e)
					continue
				}
				i = end
				continue
			}
			if listNumber(text[ls:i]) {
				i++ // "1. China will buy soybeans": a numbered list line
				continue
			}
			if brk, e := boundary(text, le, i+1, termPeriod, wordBefore(text, ls, i), false); brk {
				cut(i+1, e)
				continue
			}
			i++
		case c == '?' || c == '!':
			end := i + 1
			for end < le && (text[end] == '?' || text[end] == '!') {
				end++
			}
			if brk, e := boundary(text, le, end, termQuestion, "", false); brk {
				cut(end, e)
				continue
			}
			i = end
		default:
			i++
		}
	}
	return emit(out, text, start, le, base, para)
}

// closeQuotes updates the quotation state for the closing quotes in
// text[from:to] that a boundary absorbed into the sentence.
func closeQuotes(text string, from, to, curly int, straight bool) (int, bool) {
	for i := from; i < to; i++ {
		switch {
		case text[i] == '"':
			straight = false
		case text[i] == 0xE2 && i+2 < to && text[i+1] == 0x80 && text[i+2] == 0x9D:
			if curly > 0 {
				curly--
			}
		}
	}
	return curly, straight
}

// ellipsisAt reports whether an ellipsis ("..." or ". . .") starts at i,
// returning the offset just after it.
func ellipsisAt(text string, i, le int) (int, bool) {
	if i+2 < le && text[i+1] == '.' && text[i+2] == '.' {
		e := i + 3
		for e < le && text[e] == '.' {
			e++
		}
		return e, true
	}
	if i+4 < le && text[i+1] == ' ' && text[i+2] == '.' && text[i+3] == ' ' && text[i+4] == '.' {
		e := i + 5
		for e+1 < le && text[e] == ' ' && text[e+1] == '.' {
			e += 2
		}
		return e, true
	}
	return 0, false
}

type terminator int

const (
	termPeriod terminator = iota
	termQuestion
	termEllipsis
)

// boundary decides whether a sentence ends after a terminator that finishes
// at offset end (exclusive) on a line ending at le. word is the word before a
// period. It returns the offset where the sentence ends (after any closing
// quotes or brackets).
func boundary(text string, le, end int, kind terminator, word string, inQuote bool) (bool, int) {
	e := end
	closed := false
	for e < le {
		c := text[e]
		if c == '"' || c == '\'' || c == ')' || c == ']' {
			e++
			closed = true
			continue
		}
		if c == 0xE2 && e+2 < le && text[e+1] == 0x80 && (text[e+2] == 0x9D || text[e+2] == 0x99) { // ” ’
			e += 3
			closed = true
			continue
		}
		if c == 0xC2 && e+1 < le && text[e+1] == 0xBB { // »
			e += 2
			closed = true
			continue
		}
		break
	}
	if e >= le {
		return false, e // the line end closes the sentence anyway
	}
	if text[e] != ' ' && text[e] != '\t' {
		return false, e // "3.14", "U.S", "example.com", "word.,"
	}
	n := e
	for n < le && (text[n] == ' ' || text[n] == '\t') {
		n++
	}
	if n >= le {
		return false, e
	}
	r, _ := utf8.DecodeRuneInString(text[n:le])
	switch {
	case unicode.IsLower(r):
		return false, e
	case r == ',' || r == ';' || r == ':' || r == ')' || r == '-' || r == '%':
		return false, e
	}
	opener := r == '"' || r == '“' || r == '‘' || r == '(' || r == '[' || r == '\'' || r == '«' || r == '–' || r == '—'
	upper := unicode.IsUpper(r) || unicode.IsTitle(r)
	digit := r >= '0' && r <= '9'
	if closed && kind == termQuestion && speechFollows(text[n:le]) {
		return false, e // “We will win!” Smith said.
	}
	switch kind {
	case termQuestion:
		return true, e
	case termEllipsis:
		if inQuote && !closed {
			return false, e
		}
		return upper || opener || digit, e
	}
	// A period: consult the word before it.
	if closed {
		return true, e
	}
	next := nextWord(text[n:le])
	return periodBreaks(word, next, upper || opener, digit), e
}

// speechFollows reports whether s starts with a speaker and a verb of speech
// ("Trump said", "the ministry said", "Foreign Minister Wang Yi told"), which
// continues a quotation's sentence.
func speechFollows(s string) bool {
	for words := 0; words < 5; words++ {
		w := nextWord(s)
		if w == "" {
			return false
		}
		if speechVerbs[w] {
			return words > 0
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && w != "the" {
			return false
		}
		s = s[len(w):]
		if len(s) == 0 || s[0] != ' ' {
			return false
		}
		s = s[1:]
	}
	return false
}

var speechVerbs = map[string]bool{
	"said": true, "says": true, "asked": true, "told": true, "added": true, "wrote": true, "stated": true,
	"noted": true, "replied": true, "insisted": true, "declared": true, "posted": true, "tweeted": true,
	"stressed": true, "warned": true, "explained": true, "continued": true, "concluded": true,
}

// nextWord returns the word that starts s (letters only).
func nextWord(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += size
	}
	return s[:i]
}

// wordBefore returns the token that ends just before the period at i: letters,
// digits and inner periods ("U.S", "a.m", "J", "Feb", "2019").
func wordBefore(text string, ls, i int) string {
	j := i
	for j > ls {
		c := text[j-1]
		if c == '.' || c == '-' || c == '&' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			j--
			continue
		}
		if c >= 0x80 {
			r, size := utf8.DecodeLastRuneInString(text[ls:j])
			if unicode.IsLetter(r) {
				j -= size
				continue
			}
		}
		break
	}
	for j < i && (text[j] == '.' || text[j] == '-') {
		j++
	}
	return text[j:i]
}

// periodBreaks decides a period followed by a space and a word that starts
// with an upper-case letter or an opening quote (upper), or a digit.
func periodBreaks(word, next string, upper, digit bool) bool {
	if word == "" {
		return upper || digit
	}
	if len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
		return false // an initial: "J. D. Vance", "George W. Bush"
	}
	if hasInnerPeriod(word) {
		// "U.S.", "a.m.", "e.g.": a break only before a usual sentence start.
		if word == "e.g" || word == "i.e" || word == "E.g" || word == "I.e" {
			return false
		}
		return upper && sentenceStarters[next]
	}
	switch abbrevKind(word) {
	case abbrTitle:
		return false
	case abbrNumber:
		if digit {
			return false
		}
		return upper
	case abbrMonth:
		if digit {
			return false
		}
		return upper
	case abbrNever:
		return false
	case abbrAmbiguous:
		if next != "" && abbrevKind(next) == abbrAmbiguous {
			return false // "Co. Ltd."
		}
		return upper && sentenceStarters[next]
	}
	return upper || digit
}

func hasInnerPeriod(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return true
		}
	}
	return false
}

// abbrevKind looks word up in abbrevs, ignoring ASCII case, without
// allocating.
func abbrevKind(word string) abbrKind {
	if len(word) > 8 {
		return abbrNone
	}
	var buf [8]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return abbrevs[string(buf[:len(word)])]
}

// emit appends the trimmed span text[s:e] as a sentence when it holds a
// letter or a digit.
func emit(out []Sentence, text string, s, e, base, para int) []Sentence {
	s, e = trimSpan(text, s, e)
	// A list bullet is not part of the sentence.
	if n := bulletLen(text[s:e]); n > 0 {
		s += n
		for s < e && text[s] == ' ' {
			s++
		}
	}
	s, e = trimSpan(text, s, e)
	if s >= e || !hasAlnum(text[s:e]) {
		return out
	}
	return append(out, Sentence{Text: text[s:e], Start: base + s, End: base + e, Paragraph: para})
}

// trimSpan narrows text[s:e] to exclude leading and trailing white space,
// as strings.TrimSpace does.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		c := text[s]
		if c < 0x80 {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			s++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		c := text[e-1]
		if c < 0x80 {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			e--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// listNumber reports whether s (a line up to a period) is only a list
// number: "1", " 12".
func listNumber(s string) bool {
	s = strings.TrimLeft(s, " \t")
	if s == "" || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func bulletLen(s string) int {
	if len(s) < 2 {
		return 0
	}
	// "1. ", "12. "
	if n := strings.IndexByte(s, '.'); n > 0 && n <= 3 && n+1 < len(s) && s[n+1] == ' ' && listNumber(s[:n]) {
		return n + 1
	}
	switch {
	case (s[0] == '-' || s[0] == '*') && s[1] == ' ':
		return 1
	case len(s) > 3 && s[:3] == "•" && s[3] == ' ':
		return 3
	case len(s) > 2 && s[:2] == "·" && s[2] == ' ':
		return 2
	case len(s) > 3 && (s[:3] == "▪" || s[:3] == "►") && s[3] == ' ':
		return 3
	}
	return 0
}

func hasAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') {
			return true
		}
		if c >= 0x80 {
			r, _ := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return true
			}
		}
	}
	return false
}

type abbrKind uint8

const (
	abbrNone      abbrKind = iota
	abbrTitle              // never ends a sentence: "Mr.", "Gen."
	abbrNumber             // before a number: "No. 5", "Art. 3"
	abbrMonth              // before a day: "Feb. 5"
	abbrNever              // "vs.", "cf."
	abbrAmbiguous          // "Inc.", "Jr.", "etc.": ends only before a usual sentence start
)

var abbrevs = map[string]abbrKind{
	"mr": abbrTitle, "mrs": abbrTitle, "ms": abbrTitle, "messrs": abbrTitle, "mme": abbrTitle, "mlle": abbrTitle,
	"dr": abbrTitle, "prof": abbrTitle, "gen": abbrTitle, "gens": abbrTitle, "lt": abbrTitle, "col": abbrTitle,
	"maj": abbrTitle, "capt": abbrTitle, "cpt": abbrTitle, "sgt": abbrTitle, "cpl": abbrTitle, "pvt": abbrTitle,
	"adm": abbrTitle, "cmdr": abbrTitle, "cdr": abbrTitle, "brig": abbrTitle, "sen": abbrTitle, "sens": abbrTitle,
	"rep": abbrTitle, "reps": abbrTitle, "gov": abbrTitle, "govs": abbrTitle, "st": abbrTitle, "ste": abbrTitle,
	"rev": abbrTitle, "hon": abbrTitle, "pres": abbrTitle, "amb": abbrTitle, "supt": abbrTitle, "insp": abbrTitle,
	"atty": abbrTitle, "sec": abbrTitle, "secy": abbrTitle, "rt": abbrTitle, "fr": abbrTitle, "mt": abbrTitle,
	"ft": abbrTitle, "sgt-maj": abbrTitle, "lt-gen": abbrTitle, "maj-gen": abbrTitle, "dept": abbrTitle,
	"no": abbrNumber, "nos": abbrNumber, "art": abbrNumber, "fig": abbrNumber, "vol": abbrNumber,
	"p": abbrNumber, "pp": abbrNumber, "ch": abbrNumber, "para": abbrNumber, "tel": abbrNumber, "ext": abbrNumber,
	"approx": abbrNumber, "est": abbrNumber, "op": abbrNumber,
	"jan": abbrMonth, "feb": abbrMonth, "mar": abbrMonth, "apr": abbrMonth, "jun": abbrMonth, "jul": abbrMonth,
	"aug": abbrMonth, "sep": abbrMonth, "sept": abbrMonth, "oct": abbrMonth, "nov": abbrMonth, "dec": abbrMonth,
	"vs": abbrNever, "v": abbrNever, "cf": abbrNever, "viz": abbrNever, "ca": abbrNever,
	"inc": abbrAmbiguous, "corp": abbrAmbiguous, "co": abbrAmbiguous, "ltd": abbrAmbiguous, "llc": abbrAmbiguous,
	"plc": abbrAmbiguous, "bros": abbrAmbiguous, "jr": abbrAmbiguous, "sr": abbrAmbiguous, "etc": abbrAmbiguous,
	"al": abbrAmbiguous, "esq": abbrAmbiguous, "bhd": abbrAmbiguous, "pty": abbrAmbiguous, "ag": abbrAmbiguous,
}

// sentenceStarters are words that usually begin a sentence; after an
// ambiguous abbreviation ("U.S.", "Inc.", "a.m.") a capitalised word ends the
// sentence only when it is one of these.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true,
	"I": true, "You": true, "In": true, "On": true, "At": true, "But": true, "And": true, "Or": true,
	"This": true, "That": true, "These": true, "Those": true, "However": true, "Meanwhile": true,
	"Its": true, "His": true, "Her": true, "Their": true, "Our": true, "There": true, "What": true,
	"When": true, "While": true, "After": true, "Before": true, "As": true, "If": true, "Some": true,
	"Many": true, "Both": true, "Such": true, "For": true, "Earlier": true, "Later": true, "Last": true,
	"Still": true, "Yet": true, "Also": true, "Under": true, "According": true, "Since": true,
	"Although": true, "Though": true, "Even": true, "Officials": true, "Analysts": true,
	"So": true, "Then": true, "Now": true, "Instead": true, "Asked": true, "Separately": true,
	"During": true, "By": true, "With": true, "From": true, "To": true, "No": true, "Not": true,
	"One": true, "Two": true, "Most": true, "Other": true, "Others": true, "Why": true, "How": true,
	"Who": true, "Where": true, "Despite": true, "Among": true, "Because": true, "Several": true,
}
