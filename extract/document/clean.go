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

// paragraphs splits normalised text into trimmed, non-empty paragraphs. Text
// whose blank-line-separated blocks are hard-wrapped (most lines inside a
// block break mid-sentence) has each block joined into one paragraph;
// otherwise every line is a paragraph.
func paragraphs(text string) []string {
	lines := make([]string, 0, strings.Count(text, "\n")+1)
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			lines = append(lines, text)
			break
		}
		lines = append(lines, text[:i])
		text = text[i+1:]
	}
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	if !hardWrapped(lines) {
		out := lines[:0]
		for _, l := range lines {
			if l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	var out []string
	for i := 0; i < len(lines); {
		if lines[i] == "" {
			i++
			continue
		}
		j := i
		n := 0
		for j < len(lines) && lines[j] != "" {
			n += len(lines[j]) + 1
			j++
		}
		if j-i == 1 {
			out = append(out, lines[i])
		} else {
			var b strings.Builder
			b.Grow(n)
			for k := i; k < j; k++ {
				if k > i {
					// A line that ends a sentence and a short line such as a
					// headline keep their break.
					b.WriteByte(' ')
				}
				b.WriteString(lines[k])
			}
			out = append(out, b.String())
		}
		i = j
	}
	return out
}

// hardWrapped reports whether the lines look hard-wrapped: blank lines
// separate blocks, and most lines that are followed by another line of the
// same block are 40–100 bytes long and do not end a sentence.
func hardWrapped(lines []string) bool {
	inner, wrapped, blanks := 0, 0, 0
	for i, l := range lines {
		if l == "" {
			blanks++
			continue
		}
		if i+1 >= len(lines) || lines[i+1] == "" {
			continue
		}
		inner++
		if len(l) >= 40 && len(l) <= 100 && !endsSentence(l) {
			wrapped++
		}
	}
	return blanks > 0 && wrapped >= 3 && wrapped*3 >= inner*2
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"')]”’ ")
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case '.', '?', '!', ':':
		return true
	}
	return strings.HasSuffix(s, "…")
}

// clean removes boilerplate from paras, moving metadata into m, and returns
// the body paragraphs.
func clean(paras []string, m *meta) []string {
	body := make([]string, 0, len(paras))
	promo := false // the previous paragraph was a newsletter promotion
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		if i == 0 {
			if rest, t, ok := stripDatePrefix(p); ok {
				m.setDate(t, rankPrefix)
				p = rest
				paras[i] = p
				if p == "" {
					continue
				}
			}
		}
		if p == "" {
			continue
		}
		wasPromo := promo
		promo = false
		if consumed, ok := metadataLine(paras, i, m); ok {
			i += consumed
			continue
		}
		if isPromo(p) {
			promo = true
			continue
		}
		if wasPromo && isPromoFollowUp(p) {
			promo = true
			continue
		}
		if isBoilerplate(p) || onlyTime(p) || !hasAlnum(p) {
			continue
		}
		if names, ok := contributors(p); ok {
			m.addByline(names...)
			continue
		}
		if i > 0 && i < 6 && len(body) < 3 {
			if names := placedByline(p); names != nil {
				m.addByline(names...)
				continue
			}
		}
		if c, ok := captionCredit(p); ok {
			m.addByline(creditNames(c)...)
			if len(p) < 700 {
				continue
			}
			p = cutCaption(p, c)
			if p == "" {
				continue
			}
		}
		p = removeInline(p)
		if len(body) < 3 {
			if rest, ok := stripDateline(p, m); ok {
				p = rest
				if p == "" {
					continue
				}
			}
		}
		body = append(body, p)
	}
	body = dedupe(body, m)
	if m.title == "" && len(body) > 1 && looksLikeHeadline(body[0]) {
		m.title = stripSlug(body[0])
		body = body[1:]
	} else if m.title != "" && len(body) > 0 {
		if h1, _ := normKey(body[0]); h1 == mustKey(m.title) {
			body = body[1:]
		}
	}
	return body
}

func mustKey(s string) uint64 {
	h, _ := normKey(s)
	return h
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
	{"posted on", lblPublished}, {"posted", lblPublished}, {"date", lblPublished},
	{"last updated on", lblUpdated}, {"last updated", lblUpdated}, {"last modified on", lblUpdated},
	{"last modified", lblUpdated}, {"updated on", lblUpdated}, {"updated", lblUpdated}, {"modified", lblUpdated},
	{"written by", lblBy}, {"words by", lblBy}, {"story by", lblBy}, {"authors", lblBy}, {"author", lblBy},
	{"by", lblBy}, {"reporter", lblBy}, {"edited by", lblBy}, {"editor", lblBy}, {"editing by", lblBy},
	{"reporting by", lblBy}, {"additional reporting by", lblBy}, {"writing by", lblBy}, {"compiled by", lblBy},
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
	if copyrightLine(p, m) {
		return 0, true
	}
	if len(p) < 60 {
		if isRelativeTime(p) {
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
			if t, ok := fullDate(rest); ok {
				m.setDate(t, rankPublished) // "By Jane Doe, Feb 5, 2026"
			}
			if l.label == "by" && !colon && consumed == 0 {
				names, outlet, ok := bylineNames(rest)
				if !ok {
					return 0, true, false
				}
				m.addByline(names...)
				m.setOutlet(outlet)
				return 0, true, true
			}
			names, outlet, ok := bylineNames(rest)
			if !ok && !colon {
				return 0, true, false
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
			if len(rest) < 60 {
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
	known := 0
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
			for _, l := range []string{"updated:", "updated", "published:", "published", "posted:", "date:"} {
				if strings.HasPrefix(low, l) {
					rest = part[len(l):]
					break
				}
			}
			if t, ok := fullDate(rest); ok {
				date = t
				known++
				continue
			}
			if isRelativeTime(rest) {
				known++
				continue
			}
			return false
		}
	}
	if known == 0 {
		return false
	}
	m.addByline(names...)
	m.setOutlet(outlet)
	m.setDate(date, rankPublished)
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
	if i := strings.IndexAny(low, ".,;"); i >= 0 {
		low = low[:i]
	}
	if o, ok := lookupOutlet(strings.TrimSpace(low)); ok {
		m.setOutlet(o)
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
	case "sec", "second", "min", "minute", "hour", "hr", "day", "week", "month", "year", "mo", "h", "m", "d":
		return true
	}
	return false
}

// fullDate returns the first date with day, month and year in s.
func fullDate(s string) (time.Time, bool) {
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

// promoPrefixes start newsletter and subscription promotions.
var promoPrefixes = []string{
	"unlock the ", "sign up", "subscribe to", "subscribe now", "subscribe for", "subscribe:",
	"get the latest", "get our", "get alerts", "join our", "download the", "download our",
	"don't miss", "don’t miss", "support our journalism", "support independent", "we use cookies",
	"enable notifications", "stay informed", "stay up to date", "want to receive",
}

func isPromo(p string) bool {
	if len(p) > 300 {
		return false
	}
	if !promoFirst.has(p) && !containsFold(p, "newsletter") {
		return false
	}
	for _, pre := range promoPrefixes {
		if hasPrefixFold(p, pre) {
			return true
		}
	}
	if containsFold(p, "newsletter") {
		for _, w := range []string{"sign up", "subscribe", "unlock", "for free", "inbox", "delivered", "get the"} {
			if containsFold(p, w) {
				return true
			}
		}
	}
	return false
}

// isPromoFollowUp matches the tagline that follows a newsletter promotion
// ("Your guide to what … means for …", "Delivered to your inbox").
func isPromoFollowUp(p string) bool {
	if len(p) > 200 || endsSentence(p) {
		return false
	}
	return hasPrefixFold(p, "your guide to") || hasPrefixFold(p, "delivered") || hasPrefixFold(p, "the latest") ||
		hasPrefixFold(p, "your daily") || hasPrefixFold(p, "your weekly") || containsFold(p, "inbox")
}

// boilerExact are whole paragraphs (case-insensitive, final punctuation
// ignored) that are page furniture.
var boilerExact = map[string]bool{
	"advertisement": true, "advertisement - scroll to continue": true, "ad": true, "tune in": true,
	"read more": true, "read more here": true, "share": true, "share this article": true, "share this": true,
	"share this story": true, "share on facebook": true, "share on twitter": true, "share on x": true,
	"copy link": true, "link copied": true, "comments": true, "skip advertisement": true,
	"skip to main content": true, "skip to content": true, "continue reading": true,
	"continue reading the main story": true, "story continues below advertisement": true,
	"story continues below": true, "listen to this article": true, "listen": true, "print": true,
	"email": true, "save": true, "follow": true, "subscribe": true, "sign up": true, "ends": true,
	"- ends": true, "-- ends --": true, "- ends -": true, "(ends)": true, "end": true, "related": true,
	"related articles": true, "related stories": true, "related content": true, "more on this story": true,
	"top stories": true, "most read": true, "most popular": true, "trending": true, "recommended": true,
	"you may also like": true, "also read": true, "watch": true, "video": true, "play video": true,
	"getty images": true, "file photo": true, "photo": true, "image": true, "loading": true,
	"please enable javascript": true, "close": true, "menu": true, "search": true, "home": true,
	"facebook": true, "twitter": true, "linkedin": true, "whatsapp": true, "telegram": true,
	"reddit": true, "pinterest": true, "all rights reserved": true, "opens in new window": true,
	"click here": true, "breaking news": true, "live updates": true, "key points": false,
	"follow us": true, "back to top": true, "newsletter": true, "topics": true, "tags": true,
	"reuters": true, "ap": true, "afp": true, "xinhua": true, "more": true, "next": true, "previous": true,
	"enditem": true, "explore more on these topics": true, "more on this topic": true, "sponsored": true,
	"sponsored content": true, "promoted": true, "editor's picks": true, "editor’s picks": true,
	"recommended stories": true, "see all": true, "related topics": true, "more stories": true, "view comments": true, "show comments": true,
}

var boilerPrefixes = []string{
	"read more:", "read more about", "read also:", "also read:", "also read |", "read:", "related:",
	"see also:", "watch:", "listen:", "click here", "follow us", "follow @", "image source", "image caption",
	"getty images", "this article was originally", "this story was originally", "this article first appeared",
	"this article is republished", "story continues", "skip advertisement", "share this", "share on ",
	"opens in new window", "advertisement", "catch all the", "catch the latest", "download the app",
	"recommended:", "trending:", "more:", "also on ", "tags:", "topics:", "filed under",
}

func isBoilerplate(p string) bool {
	if len(p) < 60 {
		key := strings.ToLower(strings.TrimRight(p, ".:!»› "))
		if boilerExact[key] {
			return true
		}
		if isRelativeTime(p) {
			return true
		}
	}
	if len(p) < 300 {
		for _, pre := range boilerPrefixes {
			if !boilerFirst.has(p) {
				break
			}
			if hasPrefixFold(p, pre) {
				return true
			}
		}
		// Bracketed teasers: "[ Analysis: … ]", "[Read: …]".
		if p[0] == '[' && p[len(p)-1] == ']' {
			return true
		}
		if containsFold(p, "opens in new window") || containsFold(p, "opens new tab") && p[0] == '[' {
			return true
		}
		// "Follow Jane Doe on X", "Follow the latest on …".
		if hasPrefixFold(p, "follow ") && (containsFold(p, " on twitter") || containsFold(p, " on x") ||
			containsFold(p, " on facebook") || containsFold(p, " on instagram") || containsFold(p, " on linkedin") ||
			containsFold(p, " on bluesky")) {
			return true
		}
		if strings.Contains(p, "@") && !strings.Contains(p, " ") {
			return true // a bare handle or e-mail address
		}
		if (hasPrefixFold(p, "contact:") || hasPrefixFold(p, "email:") || hasPrefixFold(p, "e-mail:")) && strings.Contains(p, "@") {
			return true
		}
	}
	return false
}

// removeInline removes inline link furniture from a paragraph.
func removeInline(p string) string {
	if !strings.Contains(p, "new tab") && !strings.Contains(p, "new window") {
		return p
	}
	for _, s := range []string{" (opens new tab)", "(opens new tab)", " Opens in new window", "Opens in new window", ", opens new tab"} {
		if strings.Contains(p, s) {
			p = strings.ReplaceAll(p, s, "")
		}
	}
	return p
}

// captionLabels introduce photo credits.
var captionLabels = []string{
	"Photograph:", "Photographs:", "Photograph by", "Photo:", "Photos:", "Photo by", "Photo credit:",
	"Photo Credit:", "Picture:", "Pictures:", "Image:", "Images:", "Image credit:", "Credit:",
	"Illustration:", "Photographer:", "Pic:", "Photo courtesy", "Photo/",
}

type labelAt struct {
	at    int
	label string
}

// lastCaptionLabels returns the caption labels in tail, the last first. It
// looks only at colons and at "Photo", so that plain paragraphs cost one
// fast scan.
func lastCaptionLabels(tail string) []labelAt {
	var found []labelAt
	for from := 0; ; {
		k := strings.IndexByte(tail[from:], ':')
		if k < 0 {
			break
		}
		k += from
		for _, l := range captionLabels {
			if l[len(l)-1] == ':' && strings.HasSuffix(tail[:k+1], l) {
				found = append(found, labelAt{k + 1 - len(l), l})
				break
			}
		}
		from = k + 1
	}
	for from := 0; ; {
		k := strings.Index(tail[from:], "Photo")
		if k < 0 {
			break
		}
		k += from
		for _, l := range captionLabels {
			if l[len(l)-1] != ':' && strings.HasPrefix(tail[k:], l) {
				found = append(found, labelAt{k, l})
				break
			}
		}
		from = k + 5
	}
	// The last label first.
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && found[j].at > found[j-1].at; j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	return found
}

// creditAgencies are names of photo agencies and outlets that appear in
// photo credits.
var creditAgencies = []string{
	"Getty Images", "Getty", "Reuters", "REUTERS", "AFP", "AP", "AP Photo", "EPA", "EPA-EFE", "Xinhua",
	"Bloomberg", "Shutterstock", "Alamy", "Pool", "POOL", "File", "FILE", "File Photo", "FILE PHOTO",
	"Handout", "Sputnik", "Kremlin", "Anadolu", "Anadolu Agency", "SOPA Images", "LightRocket", "NurPhoto",
	"ZUMA", "Zuma Press", "TASS", "Kyodo", "Yonhap", "dpa", "Imago", "PA", "PA Images", "PA Wire", "ANI",
	"PTI", "IANS", "Rex", "Rex Features", "WireImage", "Sipa", "Abaca", "CNS", "China News Service",
	"The New York Times", "The Washington Post", "The Guardian", "Bloomberg News", "Associated Press",
	"Reuters Pictures", "via Getty Images", "AFP via Getty Images", "Hindustan Times", "India Today",
}

// captionCredit reports whether p is a photo caption and returns the credit
// text ("Haiyun Jiang/The New York Times", "AP Photo/Mark Schiefelbein").
func captionCredit(p string) (string, bool) {
	tail := p
	if len(tail) > 240 {
		tail = tail[len(tail)-240:]
	}
	trimmed := strings.TrimRight(tail, " .")
	for _, lab := range lastCaptionLabels(tail) {
		idx, l := lab.at, lab.label
		abs := len(p) - len(tail) + idx
		if abs > 0 {
			c := p[abs-1]
			if c != ' ' && c != '(' && c != '[' && c != '.' && c != '|' {
				continue
			}
		}
		credit := strings.TrimSpace(tail[idx+len(l):])
		credit = strings.TrimRight(credit, ").] ")
		if credit == "" || len(credit) > 140 || strings.Contains(credit, ". ") {
			continue
		}
		return credit, true
	}
	if strings.HasSuffix(trimmed, ")") {
		if open := strings.LastIndexByte(trimmed, '('); open >= 0 {
			g := trimmed[open+1 : len(trimmed)-1]
			if strings.HasPrefix(g, "AP Photo") || strings.HasPrefix(g, "Photo") || strings.HasPrefix(g, "Reuters/") ||
				strings.HasPrefix(g, "Xinhua/") || strings.HasPrefix(g, "AFP/") || strings.HasPrefix(g, "EPA/") ||
				strings.Contains(g, "Getty Images") {
				return g, true
			}
			switch g {
			case "Reuters", "REUTERS", "AFP", "Xinhua", "EPA", "Getty Images", "AP", "File", "File photo", "FILE PHOTO":
				if open > 0 {
					return g, true
				}
			}
		}
	}
	// A final credit token such as "REUTERS/Florence Lo", "Name/AFP", "AFP via
	// Getty Images" after the caption's last sentence.
	seg := trimmed
	if k := strings.LastIndex(seg, ". "); k >= 0 {
		seg = seg[k+2:]
	}
	if len(seg) <= 100 && strings.Count(seg, " ") <= 9 {
		if strings.HasSuffix(seg, "Getty Images") || strings.HasSuffix(seg, "Shutterstock") || strings.HasSuffix(seg, "/Pool") {
			return seg, true
		}
		if slash := strings.IndexByte(seg, '/'); slash > 0 && !strings.Contains(seg, "://") {
			parts := strings.Split(seg, "/")
			for _, part := range parts {
				part = strings.TrimSpace(part)
				for _, a := range creditAgencies {
					if part == a || strings.HasSuffix(part, " "+a) && len(parts) > 1 && strings.Count(part, " ") <= 1 {
						return seg, true
					}
				}
			}
		}
	}
	return "", false
}

// cutCaption removes the caption sentences around credit from a long
// paragraph that a caption was glued to.
func cutCaption(p, credit string) string {
	idx := strings.LastIndex(p, credit)
	if idx < 0 {
		return p
	}
	sents := Split(p[:idx])
	if len(sents) == 0 {
		return ""
	}
	cut := sents[len(sents)-1].Start
	// When the last sentence is only the credit label ("Photograph:"), the
	// caption is the sentence before it.
	if last := sents[len(sents)-1].Text; len(last) < 30 && len(sents) > 1 {
		cut = sents[len(sents)-2].Start
	}
	return strings.TrimSpace(p[:cut])
}

// creditNames returns the person names in a photo credit.
func creditNames(credit string) []string {
	var out []string
	for _, part := range splitAny(credit, []string{"/", " via ", " for ", ";", ",", " and ", " & "}) {
		part = strings.TrimSpace(strings.Trim(part, "() "))
		part = strings.TrimPrefix(part, "Photo by ")
		part = strings.TrimPrefix(part, "AP Photo")
		if part == "" || isAgency(part) {
			continue
		}
		if looksLikeName(part) {
			out = append(out, fixCase(part))
		}
	}
	return out
}

func isAgency(s string) bool {
	for _, a := range creditAgencies {
		if strings.EqualFold(s, a) {
			return true
		}
	}
	_, ok := lookupOutlet(s)
	return ok
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
		if isStaffLabel(part) {
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

// stripDateline removes a wire dateline ("BEIJING, Feb 5 (Reuters) -",
// "WASHINGTON (AP) —", "MOSCOW, Feb. 5 (Xinhua) --") from the start of a
// paragraph, recording the agency as outlet and the date.
func stripDateline(p string, m *meta) (string, bool) {
	limit := len(p)
	if limit > 120 {
		limit = 120
	}
	head := p[:limit]
	// Find the dash that ends the dateline.
	dash, dashLen := -1, 0
	for _, d := range []string{" -- ", " — ", " – ", " - ", "— ", " —"} {
		if k := strings.Index(head, d); k > 0 && (dash < 0 || k < dash) {
			dash, dashLen = k, len(d)
		}
	}
	if dash < 0 {
		return p, false
	}
	pre := strings.TrimSpace(head[:dash])
	if strings.HasPrefix(pre, "(") && strings.HasSuffix(pre, ")") && strings.Count(pre, "(") == 1 {
		// "(CNN) — …": an agency tag without a place.
		o, ok := lookupOutlet(pre[1 : len(pre)-1])
		if !ok {
			return p, false
		}
		m.setOutlet(o)
		return strings.TrimSpace(p[dash+dashLen:]), true
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
	}
	if place == "" || len(place) > 40 {
		return p, false
	}
	upperPlace := true
	letters := 0
	for _, r := range place {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				upperPlace = false
			}
		} else if r != ' ' && r != '.' && r != '\'' && r != '-' && r != '’' {
			return p, false
		}
	}
	if letters < 2 {
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
	if !upperPlace && outlet == "" {
		return p, false
	}
	if date != "" {
		// The part after the comma is a state, a country or a date.
		// A month and day without a year cannot date the article.
		if t, ok := fullDate(date); ok {
			m.setDate(t, rankDateline)
		}
	}
	m.setOutlet(outlet)
	return strings.TrimSpace(p[dash+dashLen:]), true
}

// stripSlug removes wire slugs ("UPDATE 2-", "EXCLUSIVE:", "ANALYSIS-")
// from a headline.
func stripSlug(h string) string {
	for _, slug := range []string{"UPDATE", "EXCLUSIVE", "ANALYSIS", "WRAPUP", "FACTBOX", "BREAKINGVIEWS", "BREAKING", "CORRECTED", "REFILE", "RPT", "INSIGHT", "EXPLAINER"} {
		if !strings.HasPrefix(h, slug) {
			continue
		}
		rest := strings.TrimLeft(h[len(slug):], " 0123456789")
		if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, ":") {
			if r := strings.TrimSpace(rest[1:]); r != "" {
				return r
			}
		}
	}
	return h
}

// looksLikeHeadline reports whether a first paragraph reads as a headline:
// short, several words, no final period, not starting in lower case.
func looksLikeHeadline(p string) bool {
	if len(p) > 200 || len(p) < 10 {
		return false
	}
	words := strings.Count(p, " ") + 1
	if words < 3 || words > 30 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(p)
	if unicode.IsLower(r) {
		return false
	}
	last := p[len(p)-1]
	return last != '.' && last != ',' && last != ';' && last != ':'
}

// dedupe drops repeated paragraphs (equal after case, spacing and
// punctuation are ignored), keeping the last copy, and a short headline-like
// paragraph that is a prefix of the paragraph after it (a teaser repeating the
// lede), which becomes the title when there is none.
func dedupe(body []string, m *meta) []string {
	if len(body) < 2 {
		return body
	}
	var small [64]uint64
	keys := small[:0]
	if len(body) > len(small) {
		keys = make([]uint64, 0, len(body))
	}
	for _, p := range body {
		k, _ := normKey(p)
		keys = append(keys, k)
	}
	var last map[uint64]int
	if len(body) > 64 {
		last = make(map[uint64]int, len(body))
		for i, k := range keys {
			last[k] = i
		}
	}
	repeated := func(i int) bool {
		if last != nil {
			return last[keys[i]] != i
		}
		for j := i + 1; j < len(keys); j++ {
			if keys[j] == keys[i] {
				return true
			}
		}
		return false
	}
	out := body[:0]
	for i, p := range body {
		if repeated(i) {
			continue
		}
		if i+1 < len(body) && len(p) < 300 && !endsSentence(p) && len(body[i+1]) > len(p) && normPrefix(p, body[i+1]) {
			if m.title == "" && len(out) == 0 {
				m.title = p
			}
			continue
		}
		out = append(out, p)
	}
	return out
}

// normKey hashes the letters and digits of s, case-folded (FNV-1a), and
// returns how many it saw.
func normKey(s string) (uint64, int) {
	h := uint64(14695981039346656037)
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			i++
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			} else if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				continue
			}
			h ^= uint64(c)
			h *= 1099511628211
			n++
			continue
		}
		if c == 0xe2 && i+2 < len(s) && s[i+1] < 0x82 {
			i += 3 // U+2000–U+207F: quotes, dashes, spaces, ellipsis
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			for r > 0 {
				h ^= uint64(r & 0xff)
				h *= 1099511628211
				r >>= 8
			}
			n++
		}
	}
	return h, n
}

// normPrefix reports whether the letters and digits of a, case-folded, are a
// prefix of those of b.
func normPrefix(a, b string) bool {
	i, j := 0, 0
	for {
		ra, na := nextAlnum(a, i)
		if na < 0 {
			return true
		}
		rb, nb := nextAlnum(b, j)
		if nb < 0 || ra != rb {
			return false
		}
		i, j = na, nb
	}
}

func nextAlnum(s string, i int) (rune, int) {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r), i
		}
	}
	return 0, -1
}

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

// letterRarity orders letters from the rarest in English text.
const letterRarity = "zqxjkvbpygfwmucldrhsnioate"

// rarestByte returns the index of the rarest letter of sub.
func rarestByte(sub string) int {
	best, bestRank := 0, len(letterRarity)+1
	for i := 0; i < len(sub); i++ {
		r := strings.IndexByte(letterRarity, sub[i])
		if r < 0 {
			continue
		}
		if r < bestRank {
			best, bestRank = i, r
		}
	}
	return best
}
