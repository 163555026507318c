package document

import (
	"html"
	"strings"
)

// htmlToText turns an HTML page into plain text with one paragraph per block
// element, recording <title>, the first <h1>, meta tags (og:title,
// article:published_time, og:site_name, author) and JSON-LD datePublished in
// m. Scripts, styles, navigation, footers, figures and captions, asides,
// forms and elements whose class or id marks them as captions, share bars,
// promotions or related links are dropped. When the page has an <article>
// (or <main>) with text, only that text is kept.
func htmlToText(src string, m *meta) string {
	var (
		all, art    strings.Builder
		stack       []openElem
		skip        int // open elements that hide their content
		inArticle   int
		h1          strings.Builder
		inH1        bool
		h1Done      bool
		titleTag    string
		metaTitle   string
		bylineBuf   strings.Builder
		inByline    int
		sawArticle  bool
		hasNewBlock bool
	)
	all.Grow(len(src) / 3)
	emit := func(s string) {
		all.WriteString(s)
		if inArticle > 0 {
			art.WriteString(s)
		}
	}
	block := func() {
		if !hasNewBlock {
			emit("\n\n")
			hasNewBlock = true
		}
	}
	i := 0
	for i < len(src) {
		lt := strings.IndexByte(src[i:], '<')
		if lt < 0 {
			lt = len(src) - i
		}
		if lt > 0 {
			if inByline > 0 {
				bylineBuf.WriteString(html.UnescapeString(src[i : i+lt]))
			}
			if skip == 0 {
				t := collapseSpace(html.UnescapeString(src[i : i+lt]))
				if inH1 {
					h1.WriteString(t)
				} else if strings.TrimSpace(t) != "" || !hasNewBlock {
					emit(t)
					if strings.TrimSpace(t) != "" {
						hasNewBlock = false
					}
				}
			}
			i += lt
			continue
		}
		// i is at '<'.
		rest := src[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				i = len(src)
			} else {
				i += 4 + end + 3
			}
			continue
		case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "<?"):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				i = len(src)
			} else {
				i += end + 1
			}
			continue
		}
		closing := len(rest) > 1 && rest[1] == '/'
		nameStart := 1
		if closing {
			nameStart = 2
		}
		j := nameStart
		for j < len(rest) && isTagNameByte(rest[j]) {
			j++
		}
		if j == nameStart {
			// A lone '<' is text.
			if skip == 0 && !inH1 {
				emit("<")
				hasNewBlock = false
			}
			i++
			continue
		}
		name := strings.ToLower(rest[nameStart:j])
		end := tagEnd(rest, j)
		if inByline > 0 {
			bylineBuf.WriteByte('\n')
		}
		attrs := ""
		if end > j {
			attrs = rest[j:end]
		}
		selfClosing := strings.HasSuffix(attrs, "/")
		if end < len(rest) {
			i += end + 1
		} else {
			i = len(src)
		}
		if closing {
			// Pop to the matching element, looking at most 64 levels down so
			// that stray closing tags cost constant time.
			for k := len(stack) - 1; k >= 0 && k >= len(stack)-64; k-- {
				if stack[k].name != name {
					continue
				}
				for _, e := range stack[k:] {
					if e.skip {
						skip--
					}
					if e.article {
						inArticle--
					}
					if e.byline {
						inByline--
						if inByline == 0 {
							bylinePieces(bylineBuf.String(), m)
							bylineBuf.Reset()
						}
					}
				}
				stack = stack[:k]
				break
			}
			if name == "h1" && inH1 {
				inH1 = false
				h1Done = true
			}
			if blockTags[name] {
				block()
			}
			continue
		}
		switch name {
		case "script", "style", "textarea", "title", "noscript", "template", "xmp":
			body, next := rawText(src, i, name)
			i = next
			switch name {
			case "title":
				if titleTag == "" {
					titleTag = collapseSpace(html.UnescapeString(body))
				}
			case "script":
				if strings.Contains(strings.ToLower(attrs), "ld+json") {
					jsonLD(body, m)
				}
			}
			continue
		case "meta":
			metaTag(attrs, m, &metaTitle)
			continue
		case "time":
			if dt := attrValue(attrs, "datetime"); dt != "" {
				if t, ok := fullDate(dt); ok {
					m.setDate(t, rankUpdated)
				}
			}
		case "br":
			if skip == 0 {
				emit("\n")
			}
			continue
		case "h1":
			if !h1Done && skip == 0 {
				inH1 = true
			}
		case "body":
			// An unclosed <head> ends where the body starts.
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].name == "head" {
					for _, e := range stack[k:] {
						if e.skip {
							skip--
						}
					}
					stack = stack[:k]
					break
				}
			}
		}
		if voidTags[name] || selfClosing {
			if blockTags[name] {
				block()
			}
			continue
		}
		e := openElem{name: name}
		if skipTags[name] || (!structuralTags[name] && hiddenByClass(attrs)) {
			e.skip = true
			skip++
		}
		if name == "article" || name == "main" {
			if !sawArticle || inArticle > 0 {
				e.article = true
				inArticle++
				sawArticle = true
			}
		}
		if !e.skip && isBylineElem(attrs) {
			e.byline = true
			e.skip = true
			skip++
			inByline++
			// Byline text is collected even though it is not emitted.
		}
		stack = append(stack, e)
		if blockTags[name] {
			block()
		}
	}
	// Title: the <h1>, else og:title, else <title> without its " | Site" tail.
	switch {
	case strings.TrimSpace(h1.String()) != "":
		m.title = strings.TrimSpace(h1.String())
	case metaTitle != "":
		m.title = metaTitle
	case titleTag != "":
		m.title = siteTail(titleTag, m)
	}
	if m.title != "" && titleTag != "" {
		siteTail(titleTag, m) // the tail may still name the outlet
	}
	if sawArticle && letterCount(art.String()) >= 200 {
		return art.String()
	}
	return all.String()
}

type openElem struct {
	name                  string
	skip, article, byline bool
}

var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "section": true, "article": true, "blockquote": true, "tr": true,
	"table": true, "header": true, "main": true, "pre": true, "hr": true, "dd": true, "dt": true, "dl": true,
	"body": true, "address": true, "center": true, "td": true, "th": true, "caption": true, "details": true,
	"summary": true, "fieldset": true, "legend": true,
}

// structuralTags are never hidden by their class: a "has-sidebar" body is
// still the page.
var structuralTags = map[string]bool{"html": true, "body": true, "main": true, "article": true}

var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true,
	"link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

var skipTags = map[string]bool{
	"nav": true, "footer": true, "figure": true, "figcaption": true, "aside": true, "form": true,
	"button": true, "select": true, "svg": true, "iframe": true, "object": true, "video": true, "audio": true,
	"canvas": true, "picture": true, "head": true, "menu": true, "dialog": true,
}

// hiddenClasses mark elements whose content is page furniture.
var hiddenClasses = []string{
	"caption", "credit", "share", "social", "newsletter", "promo", "advert", "related", "recommend",
	"comments", "breadcrumb", "cookie", "subscribe", "signup", "sign-up", "paywall", "outbrain", "taboola",
	"sidebar", "footer", "navigation", "menu", "visually-hidden", "sr-only", "links-block", "topic-list",
	"tags", "image-block", "media-block", "video-block",
}

func hiddenByClass(attrs string) bool {
	if attrs == "" {
		return false
	}
	if attrValue(attrs, "hidden") != "" || strings.EqualFold(attrValue(attrs, "aria-hidden"), "true") {
		return true
	}
	for _, key := range [...]string{"class", "id", "data-component", "data-testid", "role"} {
		v := attrValue(attrs, key)
		if v == "" {
			continue
		}
		for _, c := range hiddenClasses {
			if containsFold(v, c) {
				return true
			}
		}
	}
	return false
}

func isBylineElem(attrs string) bool {
	if attrs == "" {
		return false
	}
	for _, key := range [...]string{"class", "rel", "itemprop", "data-component", "data-testid"} {
		if v := attrValue(attrs, key); v != "" && (containsFold(v, "byline") || containsFold(v, "author")) {
			return true
		}
	}
	return false
}

// bylinePieces adds the names in the text pieces of a byline element (one
// piece per element, "\n"-separated) to m.
func bylinePieces(buf string, m *meta) {
	for _, piece := range strings.Split(buf, "\n") {
		piece = strings.TrimSpace(piece)
		if hasPrefixFold(piece, "by ") {
			piece = piece[3:]
		}
		if piece == "" {
			continue
		}
		names, outlet, _ := bylineNames(piece)
		m.addByline(names...)
		m.setOutlet(outlet)
	}
}

func isTagNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == ':'
}

// tagEnd returns the index of the '>' that closes the tag whose attributes
// start at j, honouring quoted attribute values; len(s) when unclosed.
func tagEnd(s string, j int) int {
	var quote byte
	for k := j; k < len(s); k++ {
		c := s[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return k
		}
	}
	return len(s)
}

// rawText returns the content of a raw-text element that starts at i and the
// offset after its closing tag.
func rawText(src string, i int, name string) (string, int) {
	closeTag := "</" + name
	for k := i; k < len(src); {
		idx := strings.Index(src[k:], "</")
		if idx < 0 {
			break
		}
		at := k + idx
		if len(src)-at >= len(closeTag) && strings.EqualFold(src[at:at+len(closeTag)], closeTag) {
			end := strings.IndexByte(src[at:], '>')
			if end < 0 {
				return src[i:at], len(src)
			}
			return src[i:at], at + end + 1
		}
		k = at + 2
	}
	return src[i:], len(src)
}

// attrValue returns the value of attribute key (ASCII case-insensitive) in
// a tag's attribute text, entities decoded; an attribute without a value
// gives key itself, an absent one "".
func attrValue(attrs, key string) string {
	i := 0
	for i < len(attrs) {
		for i < len(attrs) && (isHTMLSpace(attrs[i]) || attrs[i] == '/') {
			i++
		}
		start := i
		for i < len(attrs) && !isHTMLSpace(attrs[i]) && attrs[i] != '=' && attrs[i] != '/' && attrs[i] != '>' {
			i++
		}
		name := attrs[start:i]
		if name == "" {
			i++
			continue
		}
		for i < len(attrs) && isHTMLSpace(attrs[i]) {
			i++
		}
		value, hasValue := "", false
		if i < len(attrs) && attrs[i] == '=' {
			hasValue = true
			i++
			for i < len(attrs) && isHTMLSpace(attrs[i]) {
				i++
			}
			if i < len(attrs) && (attrs[i] == '"' || attrs[i] == '\'') {
				q := attrs[i]
				e := strings.IndexByte(attrs[i+1:], q)
				if e < 0 {
					value, i = attrs[i+1:], len(attrs)
				} else {
					value, i = attrs[i+1:i+1+e], i+2+e
				}
			} else {
				vs := i
				for i < len(attrs) && !isHTMLSpace(attrs[i]) && attrs[i] != '>' {
					i++
				}
				value = attrs[vs:i]
			}
		}
		if strings.EqualFold(name, key) {
			if !hasValue {
				return key
			}
			if strings.IndexByte(value, '&') >= 0 {
				value = html.UnescapeString(value)
			}
			return value
		}
	}
	return ""
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// metaTag records the metadata of one <meta> tag.
func metaTag(attrs string, m *meta, title *string) {
	key := strings.ToLower(attrValue(attrs, "property"))
	if key == "" {
		key = strings.ToLower(attrValue(attrs, "name"))
	}
	if key == "" {
		key = strings.ToLower(attrValue(attrs, "itemprop"))
	}
	content := strings.TrimSpace(collapseSpace(attrValue(attrs, "content")))
	if key == "" || content == "" {
		return
	}
	switch key {
	case "og:title", "twitter:title", "title", "headline", "dc.title":
		if *title == "" {
			*title = content
		}
	case "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
		"dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "publish-date", "article.published":
		if t, ok := fullDate(content); ok {
			m.setDate(t, rankPublished)
		}
	case "article:modified_time", "datemodified", "last-modified", "og:updated_time":
		if t, ok := fullDate(content); ok {
			m.setDate(t, rankUpdated)
		}
	case "og:site_name", "application-name", "publisher", "dc.publisher", "article:publisher":
		if o, ok := lookupOutlet(content); ok {
			m.setOutlet(o)
		} else if !strings.Contains(content, "://") && len(content) <= 50 {
			m.setOutlet(content)
		}
	case "author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author":
		if strings.Contains(content, "://") {
			return
		}
		content = strings.TrimSpace(strings.TrimPrefix(content, "By "))
		names, outlet, _ := bylineNames(content)
		m.addByline(names...)
		if len(names) == 0 && outlet != "" {
			m.setOutlet(outlet)
		}
	}
}

// jsonLD reads datePublished and headline from JSON-LD without a full JSON
// parse (the first occurrence of each key).
func jsonLD(body string, m *meta) {
	if v := jsonString(body, "datePublished"); v != "" {
		if t, ok := fullDate(v); ok {
			m.setDate(t, rankPublished)
		}
	}
	if v := jsonString(body, "dateModified"); v != "" {
		if t, ok := fullDate(v); ok {
			m.setDate(t, rankUpdated)
		}
	}
}

func jsonString(body, key string) string {
	k := strings.Index(body, `"`+key+`"`)
	if k < 0 {
		return ""
	}
	rest := strings.TrimLeft(body[k+len(key)+2:], " \t\r\n")
	if !strings.HasPrefix(rest, ":") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if !strings.HasPrefix(rest, `"`) {
		return ""
	}
	e := strings.IndexByte(rest[1:], '"')
	if e < 0 {
		return ""
	}
	return rest[1 : 1+e]
}

// siteTail splits "Headline | Outlet" or "Headline - Outlet" titles, recording
// a recognisable outlet, and returns the headline.
func siteTail(t string, m *meta) string {
	for _, sep := range []string{" | ", " - ", " — ", " – ", " :: "} {
		if k := strings.LastIndex(t, sep); k > 0 {
			tail := strings.TrimSpace(t[k+len(sep):])
			if o, ok := lookupOutlet(tail); ok {
				m.setOutlet(o)
				return strings.TrimSpace(t[:k])
			}
			if len(tail) <= 30 && strings.Count(tail, " ") <= 3 {
				return strings.TrimSpace(t[:k])
			}
		}
	}
	return t
}

// collapseSpace replaces runs of white space with one space.
func collapseSpace(s string) string {
	needs := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' || c == '\t' || c == '\f' || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func letterCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			n++
		}
	}
	return n
}
