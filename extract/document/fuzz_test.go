package document_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kgnews/kg/extract/document"
)

// FuzzRead feeds arbitrary bytes to Read (as text, Markdown and HTML): it must
// never panic, must fail only with a *ReadError, and every sentence must be
// the exact span of Text its offsets name.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "articles", "*"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data, uint8(0))
			f.Add(data, uint8(2))
		}
	}
	for _, s := range []string{
		"", " date 2026-02-04", "Published On:\n", "By \n", "BEIJING, Feb 5 (Reuters) -", "<p>a</p><", "<!--", "<script>",
		"“. . .”", "U.S. . . . .", "Photograph: /", "a|b|c", "\xff\xfe", "\xef\xbb\xbf", "[ ]", "# \n## x", "[a](b",
		"<meta content=\"2026-02-05\" property=\"article:published_time\"", "(Reporting by ; Editing by )",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(1))
	}
	names := []string{"a.txt", "a.md", "a.html"}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		name := names[int(kind)%len(names)]
		d, err := document.Read(name, data)
		if err != nil {
			var re *document.ReadError
			if !errors.As(err, &re) || !errors.Is(err, document.ErrSkip) {
				t.Fatalf("Read() error %T %v, want *ReadError", err, err)
			}
			return
		}
		if !utf8.ValidString(d.Text) {
			t.Fatalf("Text is not valid UTF-8")
		}
		if strings.Count(d.Text, "\n") != 2*strings.Count(d.Text, "\n\n") || strings.Contains(d.Text, "\n\n\n") {
			t.Fatalf("Text %q: paragraphs must be separated by exactly one blank line", d.Text)
		}
		for i, s := range d.Sentences {
			if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
				t.Fatalf("sentence %d offsets [%d:%d] outside Text (len %d)", i, s.Start, s.End, len(d.Text))
			}
			if d.Text[s.Start:s.End] != s.Text {
				t.Fatalf("sentence %d: Text[%d:%d]=%q, want %q", i, s.Start, s.End, d.Text[s.Start:s.End], s.Text)
			}
		}
		if !d.Date.IsZero() && (d.Date.Hour() != 0 || d.Date.Location() != time.UTC) {
			t.Fatalf("Date %v is not UTC midnight", d.Date)
		}
	})
}

// FuzzSplit checks the splitter alone: exact, ordered, non-overlapping spans.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"Mr. A met Dr. B. Then. . . “Yes.” he said?! No…", "a\n\nb\nc", "\"\"\"...", "U.S. . ."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prevEnd := 0
		for i, s := range document.Split(text) {
			if s.Start < prevEnd || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("sentence %d [%d:%d] out of order or bounds (prev end %d, len %d)", i, s.Start, s.End, prevEnd, len(text))
			}
			if text[s.Start:s.End] != s.Text || strings.TrimSpace(s.Text) != s.Text {
				t.Fatalf("sentence %d %q does not match its span", i, s.Text)
			}
			prevEnd = s.End
		}
	})
}

// FuzzResolveDate checks that date resolution never panics and always
// returns one of the three documented forms.
func FuzzResolveDate(f *testing.F) {
	for _, s := range []string{"on Wednesday", "last October", "Feb. 5", "5 February 2026", "2026-02-31", "3 weeks ago"} {
		f.Add(s)
	}
	ref := time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, expr string) {
		for _, r := range []time.Time{ref, {}} {
			d, ok := document.ResolveDate(expr, r)
			if !ok {
				continue
			}
			switch len(d) {
			case 4, 7, 10:
			default:
				t.Fatalf("ResolveDate(%q)=%q, not YYYY, YYYY-MM or YYYY-MM-DD", expr, d)
			}
			if _, err := time.Parse("2006-01-02"[:len(d)], d); err != nil {
				t.Fatalf("ResolveDate(%q)=%q: %v", expr, d, err)
			}
		}
	})
}
