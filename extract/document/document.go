package document

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/kgnews/kg/graph"
)

// MaxSize is the largest file Read accepts, in bytes.
const MaxSize = 10 << 20

// ErrSkip is matched (with errors.Is) by every [*ReadError]: the file is not a
// readable article and should be skipped, not treated as a fatal error.
var ErrSkip = errors.New("not a readable article")

// ReadError reports why a file cannot be read as an article. Reason is meant
// for users: "binary file", "invalid UTF-8 and not Latin-1 text", "empty
// file", "larger than the 10 MiB limit", "no article text".
type ReadError struct {
	Path   string
	Reason string
}

// Error returns "path: reason".
func (e *ReadError) Error() string {
	if e.Path == "" {
		return e.Reason
	}
	return e.Path + ": " + e.Reason
}

// Unwrap returns [ErrSkip]: every ReadError means "skip this file".
func (e *ReadError) Unwrap() error { return ErrSkip }

// IsSkip reports whether err, or an error it wraps, says a file should be
// skipped.
func IsSkip(err error) bool { return errors.Is(err, ErrSkip) }

// Document is one article, read and cleaned.
type Document struct {
	ID        string    // graph.ArticleID(raw content bytes)
	Path      string    // as given to Read
	Title     string    // headline when present ("" otherwise)
	Outlet    string    // when stated or recognisable ("" otherwise)
	Date      time.Time // publication date, UTC midnight; zero when unknown
	Byline    []string  // names that are bylines or photo credits: must never become actors
	Text      string    // cleaned body text: boilerplate removed, paragraphs separated by "\n\n"
	Sentences []Sentence
}

// Sentence is one sentence of a document's Text.
type Sentence struct {
	Text       string // exact sentence text as in Text (trimmed)
	Start, End int    // byte offsets into Document.Text
	Paragraph  int    // 0-based paragraph index (the lede is paragraph 0)
}

// Read validates and parses one article. name gives the Path and the format:
// .html, .htm and .xhtml files (and text that starts like an HTML page) have
// their markup removed; anything else is read as text. data is not retained.
// Errors are *ReadError with errors.Is(err, ErrSkip) true.
func Read(name string, data []byte) (*Document, error) {
	fail := func(reason string) (*Document, error) {
		return nil, &ReadError{Path: name, Reason: reason}
	}
	if len(data) > MaxSize {
		return fail(fmt.Sprintf("larger than the %d MiB limit", MaxSize>>20))
	}
	if blankBytes(data) {
		return fail("empty file")
	}
	text, reason := decodeText(data)
	if reason != "" {
		return fail(reason)
	}
	if strings.TrimSpace(text) == "" {
		return fail("empty file")
	}
	var m meta
	html := isHTML(name, text)
	if html {
		text = htmlToText(text, &m)
	}
	text = normalize(text)
	paras := paragraphs(text)
	if !html {
		markdown(paras, isMarkdown(name))
	}
	body := clean(paras, &m)
	if len(body) == 0 {
		return fail("no article text")
	}
	doc := &Document{
		ID:     graph.ArticleID(data),
		Path:   name,
		Title:  m.title,
		Outlet: m.outlet,
		Byline: m.byline,
	}
	n := 2 * (len(body) - 1)
	for _, p := range body {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	sents := make([]Sentence, 0, n/120+len(body))
	for i, p := range body {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	doc.Text = b.String()
	off := 0
	for i, p := range body {
		sents = appendSentences(sents, doc.Text[off:off+len(p)], off, i)
		off += len(p) + 2
	}
	doc.Sentences = sents
	switch {
	case !m.date.IsZero():
		doc.Date = m.date
	case m.title != "":
		// "… Press Conference on January 16, 2023": the headline dates it.
		if t, ok := fullDate(m.title); ok {
			doc.Date = t
			break
		}
		fallthrough
	default:
		doc.Date = bodyDate(body)
	}
	return doc, nil
}

// blankBytes reports whether data holds only ASCII white space and byte
// order marks.
func blankBytes(data []byte) bool {
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
		case 0xef:
			if i+2 < len(data) && data[i+1] == 0xbb && data[i+2] == 0xbf {
				i += 2
				continue
			}
			return false
		default:
			return false
		}
	}
	return true
}

func isHTML(name, text string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	case ".txt", ".md", ".text", ".markdown":
		return false
	}
	head := strings.TrimLeft(text, " \t\r\n\ufeff")
	if len(head) > 64 {
		head = head[:64]
	}
	head = strings.ToLower(head)
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		(strings.HasPrefix(head, "<?xml") && strings.Contains(head, "html"))
}

func isMarkdown(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// markdown removes heading marks ("## ") from paragraphs and, for Markdown
// files, link targets ("[text](url)" → "text") and emphasis marks.
func markdown(paras []string, full bool) {
	for i, p := range paras {
		if len(p) > 1 && p[0] == '#' {
			q := strings.TrimLeft(p, "#")
			if len(p)-len(q) <= 6 && strings.HasPrefix(q, " ") {
				p = strings.TrimSpace(q)
			}
		}
		if full {
			p = strings.TrimSpace(mdInline(p))
		}
		paras[i] = p
	}
}

// mdInline rewrites inline Markdown: links keep their text, images go, and
// so do "**" and "__" emphasis marks.
func mdInline(p string) string {
	if !strings.ContainsAny(p, "[*_") {
		return p
	}
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '!' && i+1 < len(p) && p[i+1] == '[':
			// An image is not text: drop "![alt](url)" whole.
			if close := strings.IndexByte(p[i:], ']'); close > 0 && i+close+1 < len(p) && p[i+close+1] == '(' {
				if end := strings.IndexByte(p[i+close:], ')'); end > 0 {
					i += close + end
					continue
				}
			}
			b.WriteByte(c)
		case c == '[':
			close := strings.IndexByte(p[i:], ']')
			if close > 0 && i+close+1 < len(p) && p[i+close+1] == '(' {
				if end := strings.IndexByte(p[i+close:], ')'); end > 0 {
					b.WriteString(p[i+1 : i+close])
					i += close + end
					continue
				}
			}
			b.WriteByte(c)
		case (c == '*' || c == '_') && i+1 < len(p) && p[i+1] == c:
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// bodyDate returns the first full date (day, month and year) in the first
// three paragraphs, for articles without a date in their metadata.
func bodyDate(body []string) time.Time {
	for i, p := range body {
		if i >= 3 {
			break
		}
		if len(p) > 2000 {
			p = p[:2000] // the date of a lede is near its start
		}
		if !hasYearDigits(p) {
			continue
		}
		for _, dm := range FindDates(p, time.Time{}) {
			if len(dm.Date) == len("2006-01-02") {
				if t, err := time.Parse("2006-01-02", dm.Date); err == nil {
					return t
				}
			}
		}
	}
	return time.Time{}
}

// hasYearDigits reports whether s has a run of exactly four digits.
func hasYearDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			continue
		}
		if run == 4 {
			return true
		}
		run = 0
	}
	return run == 4
}
