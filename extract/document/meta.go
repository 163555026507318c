package document

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Date ranks: a lower rank is better evidence of the publication date.
const (
	rankPrefix    = iota // the corpus "date 2026-02-04" prefix
	rankPublished        // "Published On:", article:published_time
	rankDateline         // "BEIJING, Feb 5, 2026 (Reuters) -"
	rankUpdated          // "Updated …", "Last modified …"
	rankLoose            // a paragraph that is only a date
	rankNone
)

// meta collects metadata while a document is read.
type meta struct {
	title     string
	outlet    string
	date      time.Time
	dateRank  int
	byline    []string
	weak      []string // byline candidates from photo credits and bare bylines
	rankTaken bool
}

func (m *meta) setDate(t time.Time, rank int) {
	if t.IsZero() {
		return
	}
	if !m.rankTaken || rank < m.dateRank {
		m.date = midnight(t.Year(), t.Month(), t.Day())
		m.dateRank = rank
		m.rankTaken = true
	}
}

func (m *meta) setOutlet(o string) {
	if m.outlet == "" && o != "" {
		m.outlet = o
	}
}

func (m *meta) addByline(names ...string) {
	for _, n := range names {
		dup := false
		for _, b := range m.byline {
			if strings.EqualFold(b, n) {
				dup = true
				break
			}
		}
		if !dup {
			m.byline = append(m.byline, n)
		}
	}
}

// stripDatePrefix removes a leading "date 2026-02-04 " metadata prefix.
func stripDatePrefix(p string) (string, time.Time, bool) {
	if len(p) < 15 || !strings.EqualFold(p[:4], "date") {
		return p, time.Time{}, false
	}
	rest := strings.TrimLeft(p[4:], " :")
	if len(rest) < 10 || len(rest) == len(p)-4 && p[4] != ' ' {
		return p, time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", rest[:10])
	if err != nil {
		return p, time.Time{}, false
	}
	rest = rest[10:]
	if rest != "" && rest[0] != ' ' {
		return p, time.Time{}, false
	}
	return strings.TrimSpace(rest), t, true
}

// labels of metadata lines, matched case-insensitively at a paragraph start.
var metaLabels = []struct {
	label string
	kind  int
}{
	{"published on", lblPublished}, {"published by", lblBy}, {"first published on", lblPublished},
	{"first published", lblPublished}, {"originally published", lblPublished}, {"published", lblPublished},
	{"posted on", lblPublished}, {"posted", lblPublished}, {"date", lblPublished}, {"issued on", lblPublished},
	{"last updated on", lblUpdated}, {"last updated", lblUpdated}, {"last modified on", lblUpdated},
	{"last modified", lblUpdated}, {"updated on", lblUpdated}, {"updated", lblUpdated}, {"modified", lblUpdated},
	{"written by", lblBy}, {"words by", lblBy}, {"story by", lblBy}, {"authors", lblBy}, {"author", lblBy},
	{"by", lblBy}, {"reporter", lblBy}, {"edited by", lblBy}, {"editor", lblBy}, {"editing by", lblBy},
	{"reporting by", lblBy}, {"additional reporting by", lblBy}, {"writing by", lblBy}, {"compiled by", lblBy},
	{"reported by", lblBy}, {"curated by", lblBy}, {"translated by", lblBy}, {"produced by", lblBy},
	{"source", lblSource}, {"sources", lblSource},
}

const (
	lblPublished = iota
	lblUpdated
	lblBy
	lblSource
)

// metadataLine recognises a metadata paragraph at paras[i]: dates, bylines,
// sources, copyright lines, "Xinhua | Updated: …" lines. It records what it
// finds in m and returns how many following paragraphs it consumed (a label
// alone on its line takes its value from the next paragraph).
func metadataLine(paras []string, i int, m *meta) (int, bool) {
	p := paras[i]
	if p == "" || len(p) > 300 {
		return 0, false
	}
	if strings.IndexByte(p, '|') > 0 {
		if pipeLine(p, m) {
			return 0, true
		}
	}
	if p[0] == '(' && p[len(p)-1] == ')' && len(p) < 300 {
		inner := p[1 : len(p)-1]
		if hasPrefixFold(inner, "reporting by") || hasPrefixFold(inner, "writing by") ||
			hasPrefixFold(inner, "editing by") || hasPrefixFold(inner, "compiled by") ||
			hasPrefixFold(inner, "additional reporting") {
			m.addByline(reportingNames(inner)...)
			return 0, true
		}
	}
	if hasPrefixFold(p, "additional reporting") || hasPrefixFold(p, "reporting by") ||
		hasPrefixFold(p, "writing by") || hasPrefixFold(p, "editing by") {
		m.addByline(reportingNames(p)...)
		return 0, true
	}
	if labelFirst.has(p) {
		if consumed, handled, ok := labelLine(paras, i, m); handled {
			return consumed, ok
		}
	}
	if len(p) <= 50 {
		// A sign-off or footer that is only the outlet: "— Reuters", "theguardian.com".
		if o, ok := lookupOutlet(strings.Trim(p, "-–—.() ")); ok {
			m.setOutlet(o)
			return 0, true
		}
	}
	if copyrightLine(p, m) {
		return 0, true
	}
	if len(p) < 60 {
		if isRelativeTime(p) || datelineOnly(p, m) {
			return 0, true
		}
		if t, ok := onlyDate(p); ok {
			m.setDate(t, rankLoose)
			return 0, true
		}
	}
	return 0, false
}

// labelLine handles a paragraph that starts with a metadata label
// ("Published On:", "By", "Source:"). handled is false when no label
// matched; ok tells whether the paragraph (and consumed more) is metadata.
func labelLine(paras []string, i int, m *meta) (consumed int, handled, ok bool) {
	p := paras[i]
	for _, l := range metaLabels {
		if !hasPrefixFold(p, l.label) {
			continue
		}
		rest := p[len(l.label):]
		colon := false
		if rest != "" && rest[0] != ' ' && rest[0] != ':' {
			continue // "Bypass", "Dated"
		}
		rest = strings.TrimLeft(rest, " ")
		if strings.HasPrefix(rest, ":") {
			colon = true
			rest = strings.TrimLeft(rest[1:], " ")
		}
		consumed := 0
		if rest == "" {
			if !colon && l.kind != lblBy && l.kind != lblPublished && l.kind != lblUpdated {
				return 0, true, false
			}
			if i+1 >= len(paras) || len(paras[i+1]) > 200 {
				if colon {
					return 0, true, true
				}
				return 0, true, false
			}
			rest = paras[i+1]
			consumed = 1
		}
		switch l.kind {
		case lblPublished, lblUpdated:
			if !colon && consumed == 0 && (len(p) > 80 || endsSentence(p)) {
				return 0, true, false // "Updated figures on Feb 5, 2026 show …" is content
			}
			rank := rankPublished
			if l.kind == lblUpdated {
				rank = rankUpdated
			}
			if t, ok := fullDate(rest); ok {
				m.setDate(t, rank)
				return consumed, true, true
			}
			if isRelativeTime(rest) {
				return consumed, true, true
			}
			if colon && l.label != "date" {
				return consumed, true, true
			}
			return 0, true, false
		case lblBy:
			names, outlet, ok := bylineNames(rest)
			if !ok && !colon {
				return 0, true, false // "By contrast, …", "By 2030 …"
			}
			if t, ok := fullDate(rest); ok {
				m.setDate(t, rankPublished) // "By Jane Doe, Feb 5, 2026"
			}
			m.addByline(names...)
			m.setOutlet(outlet)
			return consumed, true, true
		case lblSource:
			if !colon && consumed == 0 {
				return 0, true, false
			}
			if o, ok := lookupOutlet(strings.TrimRight(rest, ". ")); ok {
				m.setOutlet(o)
				return consumed, true, true
			}
			if len(rest) <= 100 && !endsSentence(rest) {
				// "Source: Ministry of Foreign Affairs of the People's Republic of China"
				m.setOutlet(rest)
				return consumed, true, true
			}
			return 0, true, false
		}
	}
	return 0, false, false
}

// pipeLine handles "By Name | Xinhua | Updated: 2026-02-05 07:33" lines:
// every part must be metadata (a byline, an outlet, a date, an editor).
func pipeLine(p string, m *meta) bool {
	parts := strings.Split(p, "|")
	var names []string
	outlet := ""
	var date time.Time
	dateRank := rankNone
	known := 0
	unknown := "" // a short capitalised part: the site's name
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if len(part) > 80 {
			return false
		}
		low := strings.ToLower(part)
		switch {
		case strings.HasPrefix(low, "by "):
			ns, o, ok := bylineNames(part[3:])
			if !ok {
				return false
			}
			names = append(names, ns...)
			if o != "" {
				outlet = o
			}
			known++
		case strings.HasPrefix(low, "editor:") || strings.HasPrefix(low, "editor "), strings.HasPrefix(low, "author:"):
			known++
		case strings.HasPrefix(low, "source:"):
			if o, ok := lookupOutlet(strings.TrimSpace(part[7:])); ok {
				outlet = o
			}
			known++
		default:
			if o, ok := lookupOutlet(part); ok {
				outlet = o
				known++
				continue
			}
			rest := part
			rank := rankPublished
			for _, l := range []string{"last updated:", "last updated", "first published:", "first published",
				"updated:", "updated", "published:", "published", "posted:", "posted", "date:"} {
				if strings.HasPrefix(low, l) {
					rest = part[len(l):]
					if strings.Contains(l, "updated") {
						rank = rankUpdated
					}
					break
				}
			}
			if t, ok := fullDate(rest); ok {
				if date.IsZero() || rank < dateRank {
					date, dateRank = t, rank
				}
				known++
				continue
			}
			if isRelativeTime(rest) || onlyTime(strings.TrimSpace(rest)) {
				known++
				continue
			}
			if unknown == "" && siteName(part) {
				unknown = part // "Chip Industry Weekly | 2022-10-21"
				continue
			}
			return false
		}
	}
	if known == 0 {
		return false
	}
	if outlet == "" && unknown != "" && !date.IsZero() {
		outlet = unknown
	}
	if unknown != "" && date.IsZero() && outlet == "" {
		return false // "Headline | Site": a title line, not metadata
	}
	m.addByline(names...)
	m.setOutlet(outlet)
	m.setDate(date, dateRank)
	return true
}

// siteName reports whether s reads as a publication's name: one to five
// capitalised words, no final period.
func siteName(s string) bool {
	if len(s) > 40 || endsSentence(s) {
		return false
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && w != "of" && w != "the" && w != "and" && w != "&" {
			return false
		}
	}
	return true
}

// datelineOnly handles a dateline alone on its line: "OTTAWA, June 3,
// 2019", "WASHINGTON, Jan. 10, 2024 —".
func datelineOnly(p string, m *meta) bool {
	p = strings.TrimRight(p, " -–—:")
	k := strings.IndexByte(p, ',')
	if k <= 0 || len(p) > 60 {
		return false
	}
	upper, ok := datelinePlace(p[:k])
	if !ok || !upper || notPlaces[p[:k]] {
		return false
	}
	t, ok := onlyDate(p[k+1:])
	if !ok {
		return false
	}
	m.setDate(t, rankDateline)
	return true
}

// copyrightLine handles "Copyright 2026 Reuters", "© 2026 The Associated
// Press. All rights reserved." and "Our Standards: The Thomson Reuters
// Trust Principles." lines.
func copyrightLine(p string, m *meta) bool {
	low := p
	switch {
	case hasPrefixFold(p, "copyright"):
		low = p[len("copyright"):]
	case strings.HasPrefix(p, "©"):
		low = p[len("©"):]
	case hasPrefixFold(p, "(c)"):
		low = p[3:]
	case hasPrefixFold(p, "our standards:"):
		m.setOutlet("Reuters")
		return true
	default:
		return false
	}
	low = strings.TrimLeft(low, " ©:")
	for len(low) > 0 && (low[0] >= '0' && low[0] <= '9' || low[0] == '-' || low[0] == ' ' || low[0] == ',') {
		low = low[1:]
	}
	// The owner is the longest run of up to five words that names an
	// outlet: "The Associated Press. All rights reserved.", "Bloomberg L.P.".
	words := strings.Fields(low)
	for n := min(len(words), 5); n > 0; n-- {
		name := strings.TrimRight(strings.Join(words[:n], " "), ".,;")
		if o, ok := lookupOutlet(name); ok {
			m.setOutlet(o)
			break
		}
	}
	return len(p) < 300
}

// isRelativeTime matches "1 hour ago", "Updated 5 mins ago", "Just now".
func isRelativeTime(p string) bool {
	p = strings.TrimSpace(strings.TrimRight(p, ". "))
	if len(p) > 40 {
		return false
	}
	low := strings.ToLower(p)
	low = strings.TrimPrefix(low, "updated ")
	low = strings.TrimPrefix(low, "published ")
	if low == "just now" || low == "moments ago" {
		return true
	}
	if !strings.HasSuffix(low, " ago") {
		return false
	}
	f := strings.Fields(low[:len(low)-4])
	if len(f) == 1 {
		// "5h ago", "30min ago", "2d ago"
		k := 0
		for k < len(f[0]) && f[0][k] >= '0' && f[0][k] <= '9' {
			k++
		}
		if k == 0 {
			return false
		}
		f = []string{f[0][:k], f[0][k:]}
	}
	if len(f) != 2 {
		return false
	}
	if _, ok := numberWords[f[0]]; !ok {
		for _, c := range f[0] {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	switch strings.TrimSuffix(f[1], "s") {
	case "sec", "second", "min", "minute", "hour", "hr", "day", "week", "month", "year", "mo", "h", "m", "d", "w", "y":
		return true
	}
	return false
}

// fullDate returns the first date with day, month and year in s.
func fullDate(s string) (time.Time, bool) {
	if !hasYearDigits(s) {
		return time.Time{}, false // a full date has a four-digit year
	}
	for _, dm := range FindDates(s, time.Time{}) {
		if len(dm.Date) == 10 {
			t, err := time.Parse("2006-01-02", dm.Date)
			return t, err == nil
		}
	}
	return time.Time{}, false
}

// onlyDate reports whether p is only a date, possibly with a weekday and a
// time ("Feb 5, 2026", "Wed 4 Feb 2026 10.32 GMT", "2026-02-05 10:32").
func onlyDate(p string) (time.Time, bool) {
	if !hasYearDigits(p) {
		return time.Time{}, false
	}
	ms := FindDates(p, time.Time{})
	if len(ms) != 1 || len(ms[0].Date) != 10 {
		return time.Time{}, false
	}
	rest := p[:ms[0].Start] + " " + p[ms[0].End:]
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool {
		return r == ' ' || r == ',' || r == '|' || r == '-' || r == '(' || r == ')' || r == ':' || r == '.'
	}) {
		lw := strings.ToLower(w)
		if _, ok := weekdayNames[lw]; ok {
			continue
		}
		switch lw {
		case "gmt", "utc", "et", "est", "edt", "bst", "cet", "cest", "ist", "jst", "kst", "pst", "pdt", "cst",
			"msk", "am", "pm", "a", "p", "m", "t", "z", "hrs", "at", "on", "updated", "published", "posted":
			continue
		}
		digits := true
		for _, c := range w {
			if c < '0' || c > '9' {
				digits = false
				break
			}
		}
		if !digits {
			return time.Time{}, false
		}
	}
	t, err := time.Parse("2006-01-02", ms[0].Date)
	return t, err == nil
}

// onlyTime reports whether p is only a time of day ("10:32 GMT", "3.42pm
// ET", "Updated 10:32 AM").
func onlyTime(p string) bool {
	if len(p) > 30 || !strings.ContainsAny(p, ":.") {
		return false
	}
	digits := 0
	for _, w := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == ',' }) {
		lw := strings.ToLower(w)
		switch lw {
		case "gmt", "utc", "et", "est", "edt", "bst", "cet", "ist", "jst", "pst", "pdt", "am", "pm", "a.m.", "p.m.", "updated", "hrs":
			continue
		}
		lw = strings.TrimSuffix(strings.TrimSuffix(lw, "am"), "pm")
		for _, c := range lw {
			if c >= '0' && c <= '9' {
				digits++
			} else if c != ':' && c != '.' {
				return false
			}
		}
	}
	return digits >= 3
}

// contributors reads the contributor note that ends wire stories
// ("Associated Press writer Jim Gomez contributed to this report.",
// "Jane Doe in Paris and John Roe contributed reporting.").
func contributors(p string) ([]string, bool) {
	if len(p) > 300 {
		return nil, false
	}
	if !containsFold(p, "contributed") {
		return nil, false
	}
	k := strings.Index(p, " contributed ")
	if k < 0 {
		return nil, false
	}
	tail := p[k+len(" contributed "):]
	if !hasPrefixFold(tail, "to this report") && !hasPrefixFold(tail, "reporting") &&
		!hasPrefixFold(tail, "to this story") && !hasPrefixFold(tail, "to this article") &&
		!hasPrefixFold(tail, "additional reporting") {
		return nil, false
	}
	var names []string
	for _, part := range splitAny(p[:k], []string{",", " and ", ";"}) {
		for _, sep := range []string{" in ", " from "} {
			if j := strings.Index(part, sep); j > 0 {
				part = part[:j]
			}
		}
		// The name is the last run of capitalised words: "Associated Press
		// writer Jim Gomez" → "Jim Gomez".
		words := strings.Fields(part)
		j := len(words)
		for j > 0 {
			r, _ := utf8.DecodeRuneInString(words[j-1])
			if !unicode.IsUpper(r) {
				break
			}
			j--
		}
		if name := strings.Join(words[j:], " "); looksLikeName(name) && !isAgency(name) {
			names = append(names, fixCase(name))
		}
	}
	return names, true
}

// placedByline reads a byline without "By" as the Financial Times prints it
// ("Joe Leahy in Beijing and Demetri Sevastopulo in Washington"): every part
// is a name followed by "in" and a place.
func placedByline(p string) []string {
	if len(p) > 160 || endsSentence(p) || !strings.Contains(p, " in ") {
		return nil
	}
	var names []string
	for _, part := range splitAny(p, []string{" and ", ", ", " & "}) {
		k := strings.Index(part, " in ")
		if k <= 0 {
			return nil
		}
		name, place := strings.TrimSpace(part[:k]), strings.TrimSpace(part[k+4:])
		if !looksLikeName(name) || place == "" || strings.Count(place, " ") > 2 {
			return nil
		}
		r, _ := utf8.DecodeRuneInString(place)
		if !unicode.IsUpper(r) {
			return nil
		}
		names = append(names, fixCase(name))
	}
	return names
}

// reportingNames reads the names in "Reporting by A in Beijing and B;
// Editing by C" lines.
func reportingNames(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		low := strings.ToLower(part)
		i := strings.Index(low, " by ")
		if i < 0 {
			if strings.HasPrefix(low, "by ") {
				i = -1
			} else {
				continue
			}
		}
		names, _, _ := bylineNames(part[i+4:])
		out = append(out, names...)
	}
	return out
}

// bylineNames reads "Jane Doe and John Smith in Beijing", "JANE DOE,
// Reuters", "Xinhua". ok is false when the text does not read as a byline
// (so that "By contrast, …" stays content).
func bylineNames(s string) (names []string, outlet string, ok bool) {
	s = strings.TrimSpace(strings.TrimRight(s, ". "))
	if s == "" || len(s) > 160 {
		return nil, "", false
	}
	if o, isOutlet := lookupOutlet(s); isOutlet {
		return nil, o, true
	}
	for _, part := range splitAny(s, []string{",", ";", " and ", " & ", "|", "/", " with "}) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		for _, sep := range []string{" in ", " from ", " at "} {
			if k := strings.Index(part, sep); k > 0 {
				part = part[:k]
			}
		}
		if o, isOutlet := lookupOutlet(part); isOutlet {
			if outlet == "" {
				outlet = o
			}
			continue
		}
		// "MINH TRAN Associated Press": a name, then the outlet.
		for k := strings.IndexByte(part, ' '); k > 0; {
			if o, isOutlet := lookupOutlet(part[k+1:]); isOutlet {
				if outlet == "" {
					outlet = o
				}
				part = part[:k]
				break
			}
			next := strings.IndexByte(part[k+1:], ' ')
			if next < 0 {
				break
			}
			k += next + 1
		}
		if isStaffLabel(part) || isJobTitle(part) {
			continue
		}
		if !looksLikeName(part) {
			if len(names) == 0 && outlet == "" {
				return nil, "", false
			}
			continue // a place or a job title after the names
		}
		names = append(names, fixCase(part))
	}
	return names, outlet, len(names) > 0 || outlet != ""
}

func isStaffLabel(s string) bool {
	switch strings.ToLower(s) {
	case "staff", "staff reporter", "staff writer", "our correspondent", "special correspondent", "agencies",
		"news desk", "web desk", "online desk", "desk", "correspondent", "bureau", "reporters", "staff and agencies",
		"guardian staff", "guardian staff and agencies", "tribune", "editorial board", "the editorial board":
		return true
	}
	return false
}

// isJobTitle reports whether s ends with a newsroom job title ("Senior
// Correspondent", "Asia Editor").
func isJobTitle(s string) bool {
	last := s[strings.LastIndexByte(s, ' ')+1:]
	switch strings.ToLower(last) {
	case "correspondent", "editor", "reporter", "writer", "journalist", "columnist", "contributor", "analyst",
		"chief", "producer", "photographer", "staff", "desk", "bureau", "team", "desk)":
		return true
	}
	return false
}

// looksLikeName reports whether s reads as a person's name: two to five
// capitalised words (particles such as "bin", "van", "de" allowed), letters,
// hyphens, apostrophes and initials only.
func looksLikeName(s string) bool {
	if len(s) > 60 {
		return false
	}
	caps, words := 0, 0
	for rest := s; rest != ""; {
		rest = strings.TrimLeft(rest, " ")
		if rest == "" {
			break
		}
		w := rest
		if k := strings.IndexByte(rest, ' '); k >= 0 {
			w, rest = rest[:k], rest[k:]
		} else {
			rest = ""
		}
		words++
		if words > 5 {
			return false
		}
		switch strings.ToLower(w) {
		case "bin", "bint", "ibn", "al", "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "la", "le", "y", "el":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' && c != '.' {
				return false
			}
		}
		caps++
	}
	return caps >= 2 && words >= 2
}

// fixCase turns an all-capitals name ("JANE DOE") into title case.
func fixCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	b := []rune(strings.ToLower(s))
	start := true
	for i, r := range b {
		if start && unicode.IsLetter(r) {
			b[i] = unicode.ToUpper(r)
		}
		start = r == ' ' || r == '-' || r == '\''
	}
	return string(b)
}

// splitAny splits s at every occurrence of any of seps.
func splitAny(s string, seps []string) []string {
	parts := make([]string, 0, 4)
	start := 0
	for i := 0; i < len(s); {
		matched := 0
		for _, sep := range seps {
			if len(s)-i >= len(sep) && s[i] == sep[0] && s[i:i+len(sep)] == sep {
				matched = len(sep)
				break
			}
		}
		if matched == 0 {
			i++
			continue
		}
		parts = append(parts, s[start:i])
		i += matched
		start = i
	}
	return append(parts, s[start:])
}

// stripDateline removes a wire dateline from the start of a paragraph,
// recording the agency as outlet and a full date: "BEIJING, Feb 5 (Reuters)
// -", "WASHINGTON (AP) —", "MOSCOW, Feb. 5 (Xinhua) --", "(Bloomberg) --",
// "MOSCOW. Feb 4 (Interfax) -", "New Delhi [India], Feb 4 (ANI):",
// "NEW DELHI:", "MOSCOW, February 4. /TASS/.".
func stripDateline(p string, m *meta) (string, bool) {
	head := p
	if len(head) > 120 {
		head = head[:120]
	}
	if rest, ok := slashAgency(p, head, m); ok {
		return rest, true
	}
	// The dateline ends at the first dash, or at a colon.
	end, endLen, colon := -1, 0, false
	for _, d := range []string{" -- ", " — ", " – ", " - ", "— ", " —", ": "} {
		if k := strings.Index(head, d); k > 0 && (end < 0 || k < end) {
			end, endLen, colon = k, len(d), d == ": "
		}
	}
	if end < 0 {
		return p, false
	}
	pre := strings.TrimSpace(head[:end])
	rest := strings.TrimSpace(p[end+endLen:])
	if strings.HasPrefix(pre, "(") && strings.HasSuffix(pre, ")") && strings.Count(pre, "(") == 1 {
		// "(CNN) — …": an agency tag without a place.
		o, ok := lookupOutlet(pre[1 : len(pre)-1])
		if !ok {
			return p, false
		}
		m.setOutlet(o)
		return rest, true
	}
	agency := ""
	if strings.HasSuffix(pre, ")") {
		open := strings.LastIndexByte(pre, '(')
		if open < 0 {
			return p, false
		}
		agency = strings.TrimSpace(pre[open+1 : len(pre)-1])
		pre = strings.TrimSpace(pre[:open])
	}
	place, date := pre, ""
	if k := strings.IndexByte(pre, ','); k >= 0 {
		place, date = pre[:k], strings.TrimSpace(pre[k+1:])
	} else if k := strings.Index(pre, ". "); k >= 0 {
		place, date = pre[:k], strings.TrimSpace(pre[k+2:])
	}
	upperPlace, ok := datelinePlace(place)
	if !ok {
		return p, false
	}
	var outlet string
	if agency != "" {
		o, ok := lookupOutlet(agency)
		if !ok {
			if len(agency) > 30 || strings.Count(agency, " ") > 3 {
				return p, false
			}
			o = agency
		}
		outlet = o
	}
	if outlet == "" {
		// Without an agency only a capitalised place and a long dash or a
		// colon make a dateline: "NEW DELHI —", "NEW DELHI:", not "NATO - the
		// alliance" or "Officials said: …".
		hyphen := endLen == 3 && head[end+1] == '-'
		if !upperPlace || notPlaces[place] || hyphen && letterCount(place) < 4 || colon && date != "" {
			return p, false
		}
	}
	if date != "" {
		// The part after the comma is a state, a country or a date; a month
		// and day without a year cannot date the article.
		if t, ok := fullDate(date); ok {
			m.setDate(t, rankDateline)
		}
	}
	m.setOutlet(outlet)
	return rest, true
}

// datelinePlace checks the place of a dateline: letters (at least two),
// spaces and name punctuation, with a bracketed country ("New Delhi
// [India]"). upper reports whether all its letters are capitals.
func datelinePlace(place string) (upper, ok bool) {
	if place == "" || len(place) > 40 {
		return false, false
	}
	upper = true
	letters := 0
	for _, r := range place {
		switch {
		case unicode.IsLetter(r):
			letters++
			if !unicode.IsUpper(r) {
				upper = false
			}
		case r == ' ' || r == '.' || r == '\'' || r == '-' || r == '’' || r == '[' || r == ']':
		default:
			return false, false
		}
	}
	return upper, letters >= 2
}

// slashAgency strips a dateline whose agency sits between slashes:
// "MOSCOW, February 4. /TASS/.", "BEIJING, Feb. 5, 2026 /PRNewswire/ --".
func slashAgency(p, head string, m *meta) (string, bool) {
	k := strings.Index(head, " /")
	if k <= 0 {
		return p, false
	}
	e := strings.IndexByte(head[k+2:], '/')
	if e <= 0 {
		return p, false
	}
	agency := head[k+2 : k+2+e]
	o, ok := lookupOutlet(agency)
	if !ok {
		if !strings.HasSuffix(agency, "Newswire") && !strings.HasSuffix(agency, "Wire") {
			return p, false
		}
		o = agency
	}
	pre := strings.TrimRight(head[:k], ".")
	place, date := pre, ""
	if c := strings.IndexByte(pre, ','); c >= 0 {
		place, date = pre[:c], strings.TrimSpace(pre[c+1:])
	}
	if _, ok := datelinePlace(place); !ok {
		return p, false
	}
	if t, ok := fullDate(date); ok {
		m.setDate(t, rankDateline)
	}
	m.setOutlet(o)
	rest := strings.TrimSpace(p[k+2+e+1:])
	rest = strings.TrimLeft(rest, ".-–— ")
	return rest, true
}

// notPlaces are capitalised organisation acronyms and wire slugs that start
// sentences the way datelines do.
var notPlaces = map[string]bool{
	"NATO": true, "UN": true, "EU": true, "US": true, "USA": true, "UK": true, "OPEC": true, "ASEAN": true,
	"BRICS": true, "IMF": true, "WHO": true, "WTO": true, "AU": true, "IAEA": true, "ICC": true, "UNSC": true,
	"UPDATE": true, "EXCLUSIVE": true, "ANALYSIS": true, "FILE": true, "BREAKING": true, "WATCH": true,
	"NOTE": true, "EDITOR'S NOTE": true, "CORRECTION": true, "OPINION": true, "LIVE": true, "VIDEO": true,
	"PHOTOS": true, "READ": true, "ALSO READ": true, "Q": true, "A": true, "AUKUS": true, "OECD": true,
	"NAFTA": true, "USMCA": true, "FIFA": true, "IOC": true, "OSCE": true, "SCO": true, "GCC": true, "APEC": true,
	"UNHCR": true, "UNICEF": true, "ECB": true, "FBI": true, "CIA": true, "NASA": true, "OPEC+": true,
}
