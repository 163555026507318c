package extract

import (
	"fmt"
	"io"
	"strings"

	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
)

// Trace extracts doc like Extract and writes to w how it read it, sentence
// by sentence: the sentence, its mentions (what each name, pronoun or group
// reference was resolved to), and every candidate relation — the rule, the
// trigger word, and the facts it produced or why it produced none (no party
// found, modality such as a threat, a plan or a condition, a failed
// endpoint check). `kg extract --trace` prints it.
func (x *Extractor) Trace(doc *document.Document, w io.Writer) (*graph.Batch, error) {
	if doc == nil {
		return nil, fmt.Errorf("extract: nil document")
	}
	a := new(analysis)
	a.init(x, doc)
	a.tr = &tracer{w: w}
	fmt.Fprintf(w, "article %s\n  title: %q\n  date: %s\n", doc.Path, doc.Title, orNone(a.date))
	a.run()
	b := a.build()
	return b, a.tr.err
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// tracer writes the trace of one document. A nil *tracer writes nothing, so
// the rules call it unconditionally.
type tracer struct {
	w   io.Writer
	err error
}

func (t *tracer) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

// sentence writes s.
func (t *tracer) sentence(a *analysis, s *sent) {
	if t == nil {
		return
	}
	t.printf("\nS%d %q\n", s.idx, a.text[s.start:s.end])
	t.printf("  tree:\n")
	a.writeTree(t, s)
}

// mentions writes the mentions of s as the rules resolved them.
func (t *tracer) mentions(a *analysis, s *sent) {
	if t == nil || len(s.ments) == 0 {
		return
	}
	var ms []string
	for i := range s.ments {
		ms = append(ms, a.describeMention(s, &s.ments[i]))
	}
	t.printf("  mentions: %s\n", strings.Join(ms, "; "))
}

// candidate writes the outcome of one rule at trigger k: the facts it added,
// or why it added none.
func (t *tracer) candidate(a *analysis, s *sent, k int, rule string, added []*fact, why string) {
	if t == nil {
		return
	}
	t.printf("  candidate %s at %q (token %d): ", rule, a.surface(s, k), k)
	if len(added) == 0 {
		if why == "" {
			why = "no pattern of the rule matched around the trigger"
		}
		t.printf("dropped: %s\n", why)
		return
	}
	t.printf("kept\n")
	for _, f := range added {
		t.printf("    %s\n", a.describeFact(f))
	}
}

// describeMention renders a mention as `"text" → entity (kind)`.
func (a *analysis) describeMention(s *sent, m *mention) string {
	text := a.span(s, m.i, m.j)
	var to []string
	for _, e := range m.parties() {
		to = append(to, e.name+" ("+e.kindName()+")")
	}
	target := strings.Join(to, " + ")
	if target == "" {
		target = "unresolved"
	}
	var flags []string
	if m.adj {
		flags = append(flags, "modifier")
	}
	if m.poss {
		flags = append(flags, "possessive")
	}
	if m.prep != "" {
		flags = append(flags, "after "+m.prep)
	}
	if m.media {
		flags = append(flags, "media")
	}
	out := fmt.Sprintf("%q → %s", text, target)
	if len(flags) > 0 {
		out += " [" + strings.Join(flags, ", ") + "]"
	}
	return out
}

// describeFact renders a fact as `TYPE from → to {details}`.
func (a *analysis) describeFact(f *fact) string {
	to := ""
	switch {
	case f.to != nil:
		to = f.to.name
	case f.commit != nil:
		to = "Commitment " + f.commit.name()
	case f.agree != nil:
		to = "Agreement " + f.agree.name
	}
	var d []string
	for _, kv := range [][2]string{{"date", f.date}, {"medium", f.medium}, {"measure", f.measure}, {"rate", f.rate},
		{"claimedBy", strings.Join(f.claimedBy, ", ")}} {
		if kv[1] != "" {
			d = append(d, kv[0]+"="+kv[1])
		}
	}
	if spec, ok := graph.SpecOf(f.typ); ok && len(f.details) > 0 {
		for _, k := range spec.Details {
			if v, ok := f.details[k]; ok {
				d = append(d, fmt.Sprintf("%s=%v", k, v))
			}
		}
	}
	out := fmt.Sprintf("%s %s → %s", f.typ, f.from.name, to)
	if len(d) > 0 {
		out += " {" + strings.Join(d, "; ") + "}"
	}
	return out
}

// kindName names the entity's kind for the trace.
func (e *entity) kindName() string {
	switch e.kind {
	case entCountry:
		return "country"
	case entPerson:
		return "person"
	}
	if e.orgKind != "" {
		return e.orgKind
	}
	return "organisation"
}
