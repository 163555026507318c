package document

import (
	"fmt"
	"strings"
	"time"
)

// DateMention is a date expression found in text by [FindDates].
type DateMention struct {
	Start, End int    // byte offsets of the expression in the text searched
	Text       string // the expression as written: "on Wednesday", "last October"
	Date       string // resolved: "2026-02-04", "2025-10" or "2025"
}

// ResolveDate resolves the first date expression in expr against the article
// date ref and returns it as "YYYY-MM-DD", "YYYY-MM" or "YYYY" according to
// its precision. ok is false when expr holds no date expression, or only a
// relative one and ref is zero. See [FindDates] for the rules.
func ResolveDate(expr string, ref time.Time) (date string, ok bool) {
	ms := findDates(expr, ref, 1)
	if len(ms) == 0 {
		return "", false
	}
	return ms[0].Date, true
}

// FindDates returns every date expression in text, left to right, resolved
// against the article date ref (zero when unknown: relative expressions are
// then skipped). The rules:
//
//   - Full dates ("February 5, 2026", "5 Feb 2026", "2026-02-05", "Wed 4 Feb
//     2026") resolve to the day; "February 2026" to the month; "in 2019",
//     "since 2019", "the 2024 election" to the year.
//   - "today", "tonight", "this morning", "earlier in the day" are ref;
//     "yesterday", "last night", "the previous day", "a day earlier" are the
//     day before; "tomorrow" the day after; "three days ago" counts back;
//     "the weekend" is its Saturday, the last one on or before ref.
//   - A weekday ("on Wednesday", "Wednesday's call") is the most recent such day
//     on or before ref; "last Wednesday" the one strictly before ref; "next
//     Wednesday", or a weekday in a future context ("will expire on Thursday",
//     "is set to meet on Friday"), the first one on or after ref (strictly after
//     for "next").
//   - A month without a year ("in December", "late November", "the April
//     visit") is the most recent such month on or before ref's month, or in a
//     future context ("is expected to travel in April", "next April") the first
//     one on or after it (strictly after for "next"); "last October" is the most
//     recent October strictly before ref's month; "this April" is ref's year;
//     a deadline ("by March", "by the end of March", "by mid-March") is the
//     first March on or after ref's month, unless "had" precedes it;
//     "October last year" is the previous year's October. The result is
//     "YYYY-MM".
//   - A day without a year ("Feb. 5", "5 February") takes ref's year, or the
//     previous year when that would put it more than a week after ref (the next
//     year in a future context when it would fall before ref).
//   - "last week", "this week", "next week", "two weeks ago" resolve to the month
//     ("YYYY-MM") of the day seven days (or the count given) before or after ref:
//     a week names no single day. "last month", "this month", "next month",
//     "earlier this month", "three months ago" give "YYYY-MM"; "last year",
//     "this year", "next year", "earlier this year" give "YYYY".
//
// A future context is a word such as will, 'll, shall, expected, set (to),
// scheduled, plans, planned, due, upcoming, going (to), ahead (of), later,
// intention, invitation or "is to" among the eight words before the
// expression, within its sentence. For months and days (not weekdays, which
// news mostly uses for the past) reported-speech markers count as well:
// "said it would sign the deal in March".
func FindDates(text string, ref time.Time) []DateMention {
	return findDates(text, ref, -1)
}

type granularity uint8

const (
	gDay granularity = iota
	gMonth
	gYear
)

type dateVal struct {
	t time.Time
	g granularity
}

func (v dateVal) String() string {
	switch v.g {
	case gMonth:
		return fmt.Sprintf("%04d-%02d", v.t.Year(), int(v.t.Month()))
	case gYear:
		return fmt.Sprintf("%04d", v.t.Year())
	}
	return fmt.Sprintf("%04d-%02d-%02d", v.t.Year(), int(v.t.Month()), v.t.Day())
}

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

type dtok struct {
	kind       tokKind
	start, end int
	text       string // as written
	low        string // lower-cased word
	num        int    // value of a number (up to 9 digits)
}

// dateTokens splits s into words (ASCII letters and apostrophes), numbers and
// single punctuation bytes; other bytes (spaces, non-ASCII) separate tokens.
func dateTokens(s string) []dtok {
	toks := make([]dtok, 0, len(s)/5+1)
	lower := asciiLower(s) // one allocation; words are sliced from it
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isASCIILetter(c):
			j := i + 1
			for j < len(s) && (isASCIILetter(s[j]) || (s[j] == '\'' && j+1 < len(s) && isASCIILetter(s[j+1]))) {
				j++
			}
			if j-i > 3 && s[j-2] == '\'' && (s[j-1] == 's' || s[j-1] == 'S') {
				j -= 2 // a possessive: "Wednesday's call"
			}
			toks = append(toks, dtok{kind: tWord, start: i, end: j, text: s[i:j], low: lower[i:j]})
			i = j
		case c >= '0' && c <= '9':
			j, n := i, 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if j-i < 9 {
					n = n*10 + int(s[j]-'0')
				}
				j++
			}
			toks = append(toks, dtok{kind: tNum, start: i, end: j, text: s[i:j], num: n})
			i = j
		case c == ' ' || c == '\n' || c >= 0x80:
			i++
		default:
			toks = append(toks, dtok{kind: tPunct, start: i, end: i + 1, text: s[i : i+1]})
			i++
		}
	}
	return toks
}

// asciiLower lower-cases the ASCII letters of s, keeping every byte offset.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0, "few": 0,
}

var futureMarkers = map[string]bool{
	"will": true, "shall": true, "expected": true, "expects": true, "scheduled": true, "plans": true,
	"planned": true, "planning": true, "due": true, "upcoming": true, "going": true, "ahead": true,
	"later": true, "set": true, "intends": true, "aims": true, "next": true, "forthcoming": true,
	"i'll": true, "we'll": true, "he'll": true, "she'll": true, "they'll": true, "it'll": true,
	"intention": true, "invitation": true, "invited": true, "hopes": true, "hoping": true, "forward": true,
	"soon": true,
}

// weakFutureMarkers mark a future in reported speech ("said it would sign in
// March"); they count for months and dates, not for weekdays, which news
// mostly uses for the past.
var weakFutureMarkers = map[string]bool{"would": true, "wants": true, "aim": true, "seeks": true}

// monthContext are words after which a bare month name is a date.
var monthContext = map[string]bool{
	"in": true, "last": true, "next": true, "this": true, "early": true, "mid": true, "late": true,
	"since": true, "until": true, "till": true, "by": true, "of": true, "from": true, "through": true,
	"during": true, "before": true, "after": true, "end": true, "beginning": true, "start": true,
	"between": true, "and": true, "to": true, "each": true, "every": true,
}

// yearContext are words after which a bare four-digit number is a year.
var yearContext = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "from": true, "of": true,
	"during": true, "before": true, "after": true, "through": true, "early": true, "late": true,
	"mid": true, "the": true, "to": true, "and": true, "between": true, "around": true,
}

func midnight(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// dayDate is the match of the day y-m-d over n tokens, or no match when
// that day does not exist.
func dayDate(y int, m time.Month, d, n int) (dateVal, int, bool) {
	if validDay(y, m, d) {
		return dateVal{midnight(y, m, d), gDay}, n, true
	}
	return dateVal{}, 0, false
}

func validDay(y int, m time.Month, d int) bool {
	if y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return midnight(y, m, d).Day() == d
}

func findDates(text string, ref time.Time, limit int) []DateMention {
	toks := dateTokens(text)
	var out []DateMention
	hasRef := !ref.IsZero()
	if hasRef {
		ref = midnight(ref.Year(), ref.Month(), ref.Day())
	}
	for i := 0; i < len(toks); {
		v, start, n, ok := matchDate(toks, i, ref, hasRef)
		if !ok {
			i++
			continue
		}
		s, e := toks[start].start, toks[start+n-1].end
		out = append(out, DateMention{Start: s, End: e, Text: text[s:e], Date: v.String()})
		if limit > 0 && len(out) >= limit {
			break
		}
		i = start + n
	}
	return out
}

// matchDate tries every date form at token i. start is the first token of
// the expression (it may include a preceding "on", "last"…), n the number of
// tokens in the expression from start.
func matchDate(toks []dtok, i int, ref time.Time, hasRef bool) (v dateVal, start, n int, ok bool) {
	t := toks[i]
	start = i
	prev := ""
	if i > 0 && toks[i-1].kind == tWord {
		prev = toks[i-1].low
	}
	switch t.kind {
	case tNum:
		if v, n, ok := matchNumeric(toks, i, ref, hasRef); ok {
			return v, i, n, true
		}
		if v, n, ok := matchDayMonth(toks, i, ref, hasRef); ok {
			return v, i, n, true
		}
		if v, n, ok := matchAgo(toks, i, ref, hasRef); ok {
			return v, i, n, true
		}
		glued := i+1 < len(toks) && toks[i+1].start == t.end && toks[i+1].kind == tWord // "1990s", "2024bn"
		if t.end-t.start == 4 && t.num >= 1900 && t.num <= 2100 && yearContext[prev] && !glued && !unitFollows(toks, i+1) {
			return dateVal{midnight(t.num, 1, 1), gYear}, i, 1, true
		}
		return v, i, 0, false
	case tWord:
	default:
		return v, i, 0, false
	}
	// Skip a leading weekday before a full date: "Wednesday, February 4, 2026".
	if _, isWD := weekdayNames[t.low]; isWD {
		j := i + 1
		if j < len(toks) && toks[j].kind == tPunct && (toks[j].text == "," || toks[j].text == ".") {
			j++
		}
		if j < len(toks) {
			if v, n, ok := matchMonthDay(toks, j, ref, hasRef, true); ok && v.g == gDay {
				return v, i, j - i + n, true
			}
			if v, n, ok := matchDayMonth(toks, j, ref, hasRef); ok && v.g == gDay {
				return v, i, j - i + n, true
			}
		}
	}
	if _, isMonth := monthNames[t.low]; isMonth {
		if v, n, ok := matchMonthDay(toks, i, ref, hasRef, false); ok {
			if s := modifierStart(toks, i); s < i {
				return v, s, i - s + n, true
			}
			return v, i, n, true
		}
		return v, i, 0, false
	}
	if wd, isWD := weekdayNames[t.low]; isWD && len(t.low) > 3 && isCapitalized(t.text) {
		if !hasRef {
			return v, i, 0, false
		}
		mode := 0 // 0 most recent on/before, 1 first on/after, 2 strictly before, 3 strictly after
		switch prev {
		case "last", "past":
			mode, start = 2, i-1
		case "next", "coming":
			mode, start = 3, i-1
		case "this":
			start = i - 1
			if futureContext(toks, i-1) {
				mode = 1
			}
		case "on", "since", "by", "until", "from", "early", "late":
			start = i - 1
			if futureContext(toks, i-1) {
				mode = 1
			}
		default:
			if futureContext(toks, i) {
				mode = 1
			}
		}
		diff := int(ref.Weekday() - wd)
		var d time.Time
		switch mode {
		case 0:
			d = ref.AddDate(0, 0, -((diff + 7) % 7))
		case 1:
			d = ref.AddDate(0, 0, (-diff+7)%7)
		case 2:
			back := (diff + 7) % 7
			if back == 0 {
				back = 7
			}
			d = ref.AddDate(0, 0, -back)
		case 3:
			fwd := (-diff + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			d = ref.AddDate(0, 0, fwd)
		}
		return dateVal{d, gDay}, start, i - start + 1, true
	}
	if !hasRef {
		return v, i, 0, false
	}
	return matchRelative(toks, i, ref)
}

func firstOfMonth(t time.Time) time.Time { return midnight(t.Year(), t.Month(), 1) }

func isCapitalized(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// unitFollows reports whether the token at j is a unit that makes a number a
// quantity rather than a year ("2000 tonnes", "1950 troops").
func unitFollows(toks []dtok, j int) bool {
	if j >= len(toks) {
		return false
	}
	if toks[j].kind == tPunct {
		return toks[j].text == "%"
	}
	switch toks[j].low {
	case "tonnes", "tons", "troops", "people", "soldiers", "barrels", "km", "kilometres", "kilometers",
		"miles", "jobs", "companies", "firms", "times", "percent", "votes", "units", "sites", "deaths":
		return true
	}
	return false
}

// modifierStart returns the index of "last", "next", "this", "early", "mid",
// "late", "the end of" before a month at i (i itself when none).
func modifierStart(toks []dtok, i int) int {
	if i == 0 || toks[i-1].kind != tWord {
		return i
	}
	switch toks[i-1].low {
	case "last", "next", "this", "early", "mid", "late", "in", "on", "since":
		return i - 1
	}
	return i
}

// futureContext reports a future marker among the eight words before token i.
func futureContext(toks []dtok, i int) bool { return future(toks, i, false) }

// futureContextWeak is futureContext with reported-speech markers ("would").
func futureContextWeak(toks []dtok, i int) bool { return future(toks, i, true) }

func future(toks []dtok, i int, weak bool) bool {
	// "in April, which I very much look forward to".
	for j, words := i+1, 0; j < len(toks) && words < 8; j++ {
		if toks[j].kind == tPunct {
			if toks[j].text == "." || toks[j].text == ";" {
				break
			}
			continue
		}
		if toks[j].kind == tWord && toks[j].low == "forward" && j > 0 && toks[j-1].kind == tWord &&
			(toks[j-1].low == "look" || toks[j-1].low == "looks" || toks[j-1].low == "looking") {
			return true
		}
		words++
	}
	for j, words := i-1, 0; j >= 0 && words < 8; j-- {
		if toks[j].kind == tPunct {
			if toks[j].text == "." || toks[j].text == ";" {
				return false
			}
			continue
		}
		if toks[j].kind == tWord {
			if futureMarkers[toks[j].low] || weak && weakFutureMarkers[toks[j].low] {
				return true
			}
			if toks[j].low == "to" && j+1 < len(toks) && toks[j+1].kind == tWord && j > 0 && toks[j-1].kind == tWord {
				switch toks[j-1].low {
				case "is", "are", "was", "were", "due", "set":
					return true
				}
			}
		}
		words++
	}
	return false
}

// matchNumeric matches ISO dates (2026-02-05, 2026/02/05, 2026-02) and
// unambiguous day-first or month-first numeric dates (25/12/2025, 12/25/2025).
func matchNumeric(toks []dtok, i int, ref time.Time, hasRef bool) (dateVal, int, bool) {
	t := toks[i]
	sep := func(j int) string {
		if j < len(toks) && toks[j].kind == tPunct && toks[j].start == toks[j-1].end {
			return toks[j].text
		}
		return ""
	}
	num := func(j, digits int) (int, bool) {
		if j < len(toks) && toks[j].kind == tNum && toks[j].start == toks[j-1].end &&
			(digits == 0 || toks[j].end-toks[j].start == digits) {
			return toks[j].num, true
		}
		return 0, false
	}
	if t.end-t.start == 4 {
		s := sep(i + 1)
		if s != "-" && s != "/" && s != "." {
			return dateVal{}, 0, false
		}
		m, ok := num(i+2, 2)
		if !ok || m < 1 || m > 12 {
			return dateVal{}, 0, false
		}
		if sep(i+3) == s {
			if d, ok := num(i+4, 2); ok && validDay(t.num, time.Month(m), d) {
				return dateVal{midnight(t.num, time.Month(m), d), gDay}, 5, true
			}
		}
		if s == "-" && t.num >= 1900 && t.num <= 2100 {
			return dateVal{midnight(t.num, time.Month(m), 1), gMonth}, 3, true
		}
		return dateVal{}, 0, false
	}
	if t.end-t.start > 2 {
		return dateVal{}, 0, false
	}
	s := sep(i + 1)
	if s != "/" && s != "." {
		return dateVal{}, 0, false
	}
	b, ok := num(i+2, 0)
	if !ok || sep(i+3) != s {
		return dateVal{}, 0, false
	}
	y, ok := num(i+4, 4)
	if !ok {
		return dateVal{}, 0, false
	}
	a := t.num
	var m, d int
	switch {
	case a > 12 && b <= 12:
		d, m = a, b
	case b > 12 && a <= 12:
		m, d = a, b
	case s == ".":
		d, m = a, b // "05.02.2026" is day-first wherever dots are used
	default:
		return dateVal{}, 0, false // 02/05/2026 is ambiguous
	}
	if !validDay(y, time.Month(m), d) {
		return dateVal{}, 0, false
	}
	return dateVal{midnight(y, time.Month(m), d), gDay}, 5, true
}

// skipDot skips a "." after an abbreviated month.
func skipDot(toks []dtok, j int) int {
	if j < len(toks) && toks[j].kind == tPunct && toks[j].text == "." {
		return j + 1
	}
	return j
}

// dayAt reads a day number (with an optional ordinal suffix) at j.
func dayAt(toks []dtok, j int) (d, next int, ok bool) {
	if j >= len(toks) || toks[j].kind != tNum || toks[j].end-toks[j].start > 2 || toks[j].num < 1 || toks[j].num > 31 {
		return 0, j, false
	}
	d, next = toks[j].num, j+1
	if next < len(toks) && toks[next].kind == tWord && toks[next].start == toks[j].end {
		switch toks[next].low {
		case "st", "nd", "rd", "th":
			next++
		default:
			return 0, j, false // "5bn", "3pm"
		}
	}
	if next < len(toks) && toks[next].kind == tPunct && (toks[next].text == "%" || toks[next].text == ":") {
		return 0, j, false
	}
	return d, next, true
}

// yearAt reads a four-digit year at j, after an optional comma.
func yearAt(toks []dtok, j int) (y, next int, ok bool) {
	k := j
	if k < len(toks) && toks[k].kind == tPunct && toks[k].text == "," {
		k++
	}
	if k < len(toks) && toks[k].kind == tNum && toks[k].end-toks[k].start == 4 && toks[k].num >= 1000 {
		if k+1 < len(toks) && toks[k+1].kind == tPunct && toks[k+1].text == "%" {
			return 0, j, false
		}
		return toks[k].num, k + 1, true
	}
	return 0, j, false
}

// matchMonthDay matches "February 5, 2026", "Feb. 5", "February 2026", "February",
// with "last", "next", "this" and "last year" modifiers.
func matchMonthDay(toks []dtok, i int, ref time.Time, hasRef bool, needDay bool) (dateVal, int, bool) {
	t := toks[i]
	m, ok := monthNames[t.low]
	if !ok || !isCapitalized(t.text) {
		return dateVal{}, 0, false
	}
	abbrev := len(t.low) <= 4 && t.low != "june" && t.low != "july" && t.low != "may"
	j := i + 1
	if abbrev {
		j = skipDot(toks, j)
	}
	if d, k, ok := dayAt(toks, j); ok {
		if y, k2, ok := yearAt(toks, k); ok {
			return dayDate(y, m, d, k2-i)
		}
		if !hasRef {
			return dateVal{}, 0, false
		}
		return dayNoYear(toks, i, m, d, ref), k - i, true
	}
	if needDay {
		return dateVal{}, 0, false
	}
	if y, k, ok := yearAt(toks, j); ok && y >= 1900 && y <= 2100 {
		return dateVal{midnight(y, m, 1), gMonth}, k - i, true
	}
	// A bare month needs context: "in April", "last October", "the April
	// visit"; "May" and abbreviations need a preceding context word.
	prev := ""
	if i > 0 && toks[i-1].kind == tWord {
		prev = toks[i-1].low
	}
	if (abbrev || t.low == "may") && !monthContext[prev] {
		return dateVal{}, 0, false
	}
	if !hasRef {
		return dateVal{}, 0, false
	}
	n := j - i
	y := ref.Year()
	rm := ref.Month()
	// "October last year", "October of this year".
	k := j
	if k < len(toks) && toks[k].kind == tWord && toks[k].low == "of" {
		k++
	}
	if k+1 < len(toks) && toks[k].kind == tWord && toks[k+1].kind == tWord && toks[k+1].low == "year" {
		switch toks[k].low {
		case "last":
			return dateVal{midnight(y-1, m, 1), gMonth}, k + 2 - i, true
		case "this":
			return dateVal{midnight(y, m, 1), gMonth}, k + 2 - i, true
		case "next":
			return dateVal{midnight(y+1, m, 1), gMonth}, k + 2 - i, true
		}
	}
	switch {
	case prev == "last":
		if m >= rm {
			y--
		}
	case prev == "next":
		if m <= rm {
			y++
		}
	case prev == "this":
	case deadline(toks, i):
		// a deadline ("pledged to finish the fence by March", "by the
		// end of March") lies ahead unless the sentence itself is
		// past-perfect ("had … by March")
		if m < rm && !pastPerfect(toks, i) {
			y++
		}
	default:
		if futureContextWeak(toks, i) {
			if m < rm {
				y++
			}
		} else if m > rm {
			y--
		}
	}
	return dateVal{midnight(y, m, 1), gMonth}, n, true
}

// deadlineLead are the words a deadline may put between "by" or "before"
// and its month: "by the end of March", "by mid-March", "by early March".
var deadlineLead = map[string]bool{"the": true, "end": true, "start": true, "beginning": true, "middle": true,
	"of": true, "mid": true, "early": true, "late": true}

// deadline reports whether the date at token i is a deadline: "by" right
// before it, or before a short lead such as "the end of". ("Before March"
// narrates the past as often as it sets a deadline.)
func deadline(toks []dtok, i int) bool {
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		t := toks[j]
		if t.kind != tWord {
			if t.text == "-" {
				continue // "mid-March"
			}
			return false
		}
		switch {
		case t.low == "by":
			return true
		case !deadlineLead[t.low]:
			return false
		}
	}
	return false
}

// pastPerfect reports "had" among the eight words before token i: "had
// fallen by March" reports a past deadline.
func pastPerfect(toks []dtok, i int) bool {
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if toks[j].kind == tWord && toks[j].low == "had" {
			return true
		}
	}
	return false
}

// matchDayMonth matches "5 February 2026", "5th of Feb", "5 February".
func matchDayMonth(toks []dtok, i int, ref time.Time, hasRef bool) (dateVal, int, bool) {
	d, j, ok := dayAt(toks, i)
	if !ok {
		return dateVal{}, 0, false
	}
	if j < len(toks) && toks[j].kind == tWord && toks[j].low == "of" {
		j++
	}
	if j >= len(toks) || toks[j].kind != tWord || !isCapitalized(toks[j].text) {
		return dateVal{}, 0, false
	}
	m, ok := monthNames[toks[j].low]
	if !ok {
		return dateVal{}, 0, false
	}
	mi := j
	j = skipDot(toks, j+1)
	if y, k, ok := yearAt(toks, j); ok {
		return dayDate(y, m, d, k-i)
	}
	if !hasRef {
		return dateVal{}, 0, false
	}
	if toks[mi].low == "may" && j == mi+1 && j < len(toks) && toks[j].kind == tWord {
		// "5 may be" is not a date.
		if !isCapitalized(toks[mi].text) {
			return dateVal{}, 0, false
		}
	}
	return dayNoYear(toks, i, m, d, ref), j - i, true
}

// dayNoYear resolves a day of month without a year against ref.
func dayNoYear(toks []dtok, i int, m time.Month, d int, ref time.Time) dateVal {
	y := ref.Year()
	if !validDay(y, m, d) {
		y-- // 29 February
	}
	c := midnight(y, m, d)
	if futureContextWeak(toks, i) || deadline(toks, i) && !pastPerfect(toks, i) {
		if c.Before(ref) && validDay(y+1, m, d) {
			c = midnight(y+1, m, d)
		}
	} else if c.After(ref.AddDate(0, 0, 7)) && validDay(y-1, m, d) {
		c = midnight(y-1, m, d)
	}
	return dateVal{c, gDay}
}

// matchAgo matches "three days ago", "2 weeks ago", "a year ago".
func matchAgo(toks []dtok, i int, ref time.Time, hasRef bool) (dateVal, int, bool) {
	if !hasRef || i+2 >= len(toks) {
		return dateVal{}, 0, false
	}
	n := 0
	switch toks[i].kind {
	case tNum:
		n = toks[i].num
	case tWord:
		n = numberWords[toks[i].low]
	}
	if n <= 0 || n > 1000 || toks[i+1].kind != tWord || toks[i+2].kind != tWord || toks[i+2].low != "ago" {
		return dateVal{}, 0, false
	}
	switch strings.TrimSuffix(toks[i+1].low, "s") {
	case "day":
		return dateVal{ref.AddDate(0, 0, -n), gDay}, 3, true
	case "week":
		return dateVal{ref.AddDate(0, 0, -7*n), gMonth}, 3, true
	case "month":
		return dateVal{firstOfMonth(ref).AddDate(0, -n, 0), gMonth}, 3, true
	case "year":
		return dateVal{ref.AddDate(-n, 0, 0), gYear}, 3, true
	}
	return dateVal{}, 0, false
}

// matchRelative matches today, yesterday, tomorrow, last/this/next
// week/month/year, earlier this month and "a year ago".
func matchRelative(toks []dtok, i int, ref time.Time) (dateVal, int, int, bool) {
	t := toks[i]
	next := func(k int) string {
		if i+k < len(toks) && toks[i+k].kind == tWord {
			return toks[i+k].low
		}
		return ""
	}
	switch t.low {
	case "today", "tonight":
		return dateVal{ref, gDay}, i, 1, true
	case "earlier", "later":
		// "earlier in the day", "later in the day"
		if next(1) == "in" && next(2) == "the" && next(3) == "day" {
			return dateVal{ref, gDay}, i, 4, true
		}
	case "the", "a":
		switch {
		case t.low == "the" && (next(1) == "previous" || next(1) == "prior") && next(2) == "day",
			t.low == "the" && next(1) == "day" && next(2) == "before":
			return dateVal{ref.AddDate(0, 0, -1), gDay}, i, 3, true
		case t.low == "a" && next(1) == "day" && next(2) == "earlier":
			return dateVal{ref.AddDate(0, 0, -1), gDay}, i, 3, true
		case t.low == "the" && next(1) == "weekend":
			// The weekend is its Saturday: the last one on or before ref.
			back := (int(ref.Weekday()) - int(time.Saturday) + 7) % 7
			return dateVal{ref.AddDate(0, 0, -back), gDay}, i, 2, true
		}
		if t.low == "a" {
			if v, n, ok := matchAgo(toks, i, ref, true); ok {
				return v, i, n, true
			}
		}
	case "yesterday":
		return dateVal{ref.AddDate(0, 0, -1), gDay}, i, 1, true
	case "tomorrow":
		return dateVal{ref.AddDate(0, 0, 1), gDay}, i, 1, true
	case "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve":
		if v, n, ok := matchAgo(toks, i, ref, true); ok {
			return v, i, n, true
		}
	case "last", "this", "next", "past", "coming":
		off := 0
		switch t.low {
		case "last", "past":
			off = -1
		case "next", "coming":
			off = 1
		}
		switch next(1) {
		case "night":
			if t.low == "last" {
				return dateVal{ref.AddDate(0, 0, -1), gDay}, i, 2, true
			}
			if t.low == "this" {
				return dateVal{ref, gDay}, i, 2, true
			}
		case "morning", "afternoon", "evening":
			if t.low == "this" {
				return dateVal{ref, gDay}, i, 2, true
			}
		case "week", "weekend":
			return dateVal{ref.AddDate(0, 0, 7*off), gMonth}, i, 2, true
		case "month":
			return dateVal{firstOfMonth(ref).AddDate(0, off, 0), gMonth}, i, 2, true
		case "year":
			return dateVal{ref.AddDate(off, 0, 0), gYear}, i, 2, true
		}
	}
	return dateVal{}, i, 0, false
}
