package document

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
	width := 0
	for _, l := range lines {
		if len(l) > width && len(l) <= 100 {
			width = len(l)
		}
	}
	var out []string
	for i := 0; i < len(lines); {
		if lines[i] == "" {
			i++
			continue
		}
		j := i
		for j < len(lines) && lines[j] != "" {
			j++
		}
		// Inside a block a line much shorter than the wrap width ends its
		// paragraph (a headline, the last line of a paragraph).
		for k := i; k < j; {
			e := k + 1
			for e < j && len(lines[e-1])*10 >= width*6 {
				e++
			}
			if e-k == 1 {
				out = append(out, lines[k])
			} else {
				out = append(out, strings.Join(lines[k:e], " "))
			}
			k = e
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
	promo := false       // the previous paragraph was a newsletter promotion
	datelined := false   // a dateline was removed
	afterMeta := false   // the previous paragraph was a metadata line
	afterCredit := false // the previous paragraph was a bare photo credit
	related := false     // the previous paragraph headed or was a related link
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
		wasPromo, wasMeta, wasCredit, wasRelated := promo, afterMeta, afterCredit, related
		promo, afterMeta, afterCredit, related = false, false, false, false
		if wasCredit && len(p) < 200 && !endsSentence(p) {
			continue // the caption under a bare credit line ("Getty Images")
		}
		if wasRelated && len(p) < 150 && !endsSentence(p) {
			related = true // a link under "Related", "More on this story"
			continue
		}
		if consumed, ok := metadataLine(paras, i, m); ok {
			i += consumed
			afterMeta = true
			continue
		}
		if breadcrumb(p) {
			continue
		}
		if i > 0 && len(body) < 3 && (headerLabel(p) || wasMeta && locationLine(p)) {
			afterMeta = wasMeta
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
		if onlyTime(p) {
			afterMeta = true
			continue
		}
		if isBoilerplate(p) || !hasAlnum(p) {
			afterCredit = bareCredit(p)
			related = relatedHeader(p)
			continue
		}
		if names, ok := contributors(p); ok {
			m.addByline(names...)
			continue
		}
		if i > 0 && i < 6 && len(body) < 3 {
			if names := placedByline(p); names != nil {
				m.weak = append(m.weak, names...)
				continue
			}
		}
		if c, ok := captionCredit(p); ok {
			m.weak = append(m.weak, creditNames(c)...)
			if len(p) < 700 {
				continue
			}
			p = cutCaption(p, c)
			if p == "" {
				continue
			}
		}
		if p = strings.TrimSpace(removeInline(p)); p == "" {
			continue
		}
		if len(body) < 6 && !datelined {
			if rest, ok := stripDateline(p, m); ok {
				datelined = true
				p = rest
				if p == "" {
					continue
				}
			}
		}
		body = append(body, p)
	}
	body = dedupe(body, m)
	// Names from photo credits and bare bylines count only when the story
	// itself never names them: "Photograph: Xi Jinping" is not a credit.
	for _, name := range m.weak {
		inBody := false
		for _, p := range body {
			if strings.Contains(p, name) {
				inBody = true
				break
			}
		}
		if !inBody {
			m.addByline(name)
		}
	}
	for len(body) > 1 && authorBio(body[len(body)-1], m.byline) {
		body = body[:len(body)-1]
	}
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

// headerLabel reports whether p is an all-capitals label near the top of a
// page: "READOUT", "OFFICE OF THE SPOKESPERSON", "WORLD NEWS".
func headerLabel(p string) bool {
	if len(p) > 50 || endsSentence(p) {
		return false
	}
	words, letters := 1, 0
	for _, r := range p {
		switch {
		case r == ' ':
			words++
		case unicode.IsLetter(r):
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		case r >= '0' && r <= '9':
			return false
		}
	}
	return words <= 6 && letters >= 4
}

// locationLine reports whether p, right after a date or time line, is only
// a place: "The Kremlin, Moscow", "Beijing, China".
func locationLine(p string) bool {
	if len(p) > 40 || endsSentence(p) || !strings.Contains(p, ", ") {
		return false
	}
	for _, w := range strings.Fields(p) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && w != "of" {
			return false
		}
	}
	return strings.Count(p, " ") <= 4
}

// authorBio reports whether p is a note about one of the bylined authors
// ("Jane Doe is a correspondent for … based in Beijing.").
func authorBio(p string, byline []string) bool {
	if len(p) > 400 {
		return false
	}
	for _, name := range byline {
		if !strings.HasPrefix(p, name+" is ") && !strings.HasPrefix(p, name+" covers ") && !strings.HasPrefix(p, name+" reports ") {
			continue
		}
		for _, w := range []string{"correspondent", "reporter", "editor", "writer", "journalist", "columnist", "covers", "reports on", "bureau chief"} {
			if containsFold(p, w) {
				return true
			}
		}
	}
	return false
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
