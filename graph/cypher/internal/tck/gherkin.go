package tck

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Feature is one parsed .feature file.
type Feature struct {
	Path      string // slash-separated, relative to the features directory
	Name      string // the text after "Feature:"
	Tags      []string
	Scenarios []*Scenario // outlines expanded, one per examples row
}

// Scenario is one runnable scenario: a plain Scenario, or one examples row of
// a Scenario Outline with its placeholders substituted.
type Scenario struct {
	ID      string // stable ID, see the package documentation
	Feature string // the feature file's path
	Name    string // the title, placeholders substituted
	Number  int    // 1-based ordinal of the scenario in its file
	Row     int    // 1-based examples row of an outline; 0 for a plain scenario
	Line    int    // line of the Scenario keyword
	Tags    []string
	Steps   []Step // background steps first
}

// Dir is the directory of the scenario's feature file, e.g. "clauses/match".
func (s *Scenario) Dir() string { return path.Dir(s.Feature) }

// HasTag reports whether the scenario, its feature or its examples block
// carry tag (written with its "@").
func (s *Scenario) HasTag(tag string) bool {
	for _, t := range s.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Step is one Given/When/Then/And/But step.
type Step struct {
	Keyword string // "Given", "When", "Then", "And", "But" or "*"
	Text    string // the step text after the keyword
	Line    int
	Doc     string     // the doc string, indentation removed
	HasDoc  bool       // whether a doc string follows the step
	Table   [][]string // data table rows, cells unescaped and trimmed; nil if none
}

// stepKeywords lists the Gherkin step keywords, longest first.
var stepKeywords = []string{"Given ", "When ", "Then ", "And ", "But ", "* "}

// ParseError reports a malformed feature file.
type ParseError struct {
	Path string
	Line int
	Msg  string
}

// Error formats the error as "path:line: message".
func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

// examples is one Examples block of an outline.
type examples struct {
	tags []string
	rows [][]string // header first
	line int
}

// block is a Background or a Scenario (Outline) being read.
type block struct {
	name     string
	line     int
	tags     []string
	outline  bool
	steps    []Step
	examples []*examples
}

// ParseFeature parses the Gherkin text src of the feature file at path
// (slash-separated, relative to the features directory). Errors are
// *[ParseError].
func ParseFeature(path string, src []byte) (*Feature, error) {
	p := &featureParser{path: path}
	if err := p.parse(string(src)); err != nil {
		return nil, err
	}
	return p.feature, nil
}

type featureParser struct {
	path       string
	feature    *Feature
	background *block
	blocks     []*block
	cur        *block    // the block steps attach to; nil before the first
	ex         *examples // the examples block rows attach to; or nil
	tags       []string  // tags waiting for the next Feature/Scenario/Examples
}

func (p *featureParser) errorf(line int, format string, args ...any) error {
	return &ParseError{Path: p.path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (p *featureParser) parse(src string) error {
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		raw := strings.TrimSuffix(lines[i], "\r")
		text := strings.TrimSpace(raw)
		switch {
		case text == "" || strings.HasPrefix(text, "#"):
			continue
		case strings.HasPrefix(text, "@"):
			p.tags = append(p.tags, strings.Fields(text)...)
		case strings.HasPrefix(text, "Feature:"):
			if p.feature != nil {
				return p.errorf(lineNo, "second Feature")
			}
			p.feature = &Feature{Path: p.path, Name: strings.TrimSpace(text[len("Feature:"):]), Tags: p.takeTags()}
		case strings.HasPrefix(text, "Background:"):
			if err := p.needFeature(lineNo); err != nil {
				return err
			}
			if p.background != nil || len(p.blocks) > 0 {
				return p.errorf(lineNo, "Background must come once, before the scenarios")
			}
			p.background = &block{name: "Background", line: lineNo}
			p.cur, p.ex = p.background, nil
		case strings.HasPrefix(text, "Scenario:"), strings.HasPrefix(text, "Scenario Outline:"),
			strings.HasPrefix(text, "Scenario Template:"), strings.HasPrefix(text, "Example:"):
			if err := p.needFeature(lineNo); err != nil {
				return err
			}
			colon := strings.IndexByte(text, ':')
			b := &block{
				name:    strings.TrimSpace(text[colon+1:]),
				line:    lineNo,
				tags:    p.takeTags(),
				outline: !strings.HasPrefix(text, "Scenario:") && !strings.HasPrefix(text, "Example:"),
			}
			p.blocks = append(p.blocks, b)
			p.cur, p.ex = b, nil
		case strings.HasPrefix(text, "Examples:"), strings.HasPrefix(text, "Scenarios:"):
			if p.cur == nil || !p.cur.outline {
				return p.errorf(lineNo, "Examples outside a Scenario Outline")
			}
			p.ex = &examples{tags: p.takeTags(), line: lineNo}
			p.cur.examples = append(p.cur.examples, p.ex)
		case strings.HasPrefix(text, "|"):
			row, err := splitRow(text)
			if err != nil {
				return p.errorf(lineNo, "%v", err)
			}
			if p.ex != nil {
				p.ex.rows = append(p.ex.rows, row)
				break
			}
			st := p.lastStep()
			if st == nil {
				return p.errorf(lineNo, "table row outside a step")
			}
			st.Table = append(st.Table, row)
		case strings.HasPrefix(text, `"""`), strings.HasPrefix(text, "```"):
			st := p.lastStep()
			if st == nil || p.ex != nil {
				return p.errorf(lineNo, "doc string outside a step")
			}
			if st.HasDoc || st.Table != nil {
				return p.errorf(lineNo, "step already has an argument")
			}
			next, err := p.docString(lines, i, st)
			if err != nil {
				return err
			}
			i = next
		default:
			kw := stepKeyword(text)
			if kw == "" {
				// Free-form description under Feature/Scenario/Examples.
				if p.cur != nil && len(p.cur.steps) > 0 {
					return p.errorf(lineNo, "unexpected text %q", text)
				}
				continue
			}
			if p.cur == nil || p.ex != nil {
				return p.errorf(lineNo, "step outside a scenario")
			}
			p.cur.steps = append(p.cur.steps, Step{
				Keyword: strings.TrimSpace(kw),
				Text:    strings.TrimSpace(text[len(kw):]),
				Line:    lineNo,
			})
		}
	}
	if p.feature == nil {
		return p.errorf(1, "no Feature")
	}
	return p.expand()
}

func (p *featureParser) needFeature(line int) error {
	if p.feature == nil {
		return p.errorf(line, "scenario before Feature")
	}
	return nil
}

func (p *featureParser) takeTags() []string {
	t := p.tags
	p.tags = nil
	return t
}

func (p *featureParser) lastStep() *Step {
	if p.cur == nil || len(p.cur.steps) == 0 {
		return nil
	}
	return &p.cur.steps[len(p.cur.steps)-1]
}

func stepKeyword(text string) string {
	for _, kw := range stepKeywords {
		if strings.HasPrefix(text, kw) {
			return kw
		}
	}
	return ""
}

// docString reads the doc string opening at lines[start] into st and returns
// the index of its closing line. Each content line loses up to as many
// leading blanks as the opening delimiter was indented.
func (p *featureParser) docString(lines []string, start int, st *Step) (int, error) {
	open := strings.TrimSuffix(lines[start], "\r")
	indent := len(open) - len(strings.TrimLeft(open, " \t"))
	delim := strings.TrimSpace(open)[:3]
	var body []string
	for i := start + 1; i < len(lines); i++ {
		l := strings.TrimSuffix(lines[i], "\r")
		if strings.TrimSpace(l) == delim {
			st.Doc, st.HasDoc = strings.Join(body, "\n"), true
			return i, nil
		}
		n := 0
		for n < indent && n < len(l) && (l[n] == ' ' || l[n] == '\t') {
			n++
		}
		l = l[n:]
		if delim == `"""` {
			l = strings.ReplaceAll(l, `\"\"\"`, `"""`)
		}
		body = append(body, l)
	}
	return 0, p.errorf(start+1, "unterminated doc string")
}

// splitRow splits a table row "| a | b\|c |" into unescaped, trimmed cells.
// Gherkin escapes inside cells: \| for |, \\ for \, \n for a newline; any
// other backslash stays as written.
func splitRow(text string) ([]string, error) {
	if !strings.HasPrefix(text, "|") {
		return nil, fmt.Errorf("table row must start with '|'")
	}
	if text == "|" {
		return []string{}, nil // a bare "|" is a row without cells
	}
	var cells []string
	var raw strings.Builder
	closed := false
	for i := 1; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\\' && i+1 < len(text):
			raw.WriteByte(c)
			raw.WriteByte(text[i+1])
			i++
			closed = false
		case c == '|':
			cells = append(cells, unescapeCell(strings.TrimSpace(raw.String())))
			raw.Reset()
			closed = true
		default:
			raw.WriteByte(c)
			if c != ' ' && c != '\t' {
				closed = false
			}
		}
	}
	if !closed {
		return nil, fmt.Errorf("table row must end with '|'")
	}
	return cells, nil
}

func unescapeCell(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '|', '\\':
				b.WriteByte(s[i+1])
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var placeholder = regexp.MustCompile(`<([^<>\s]+)>`)

// expand turns the parsed blocks into scenarios, outlines one per row.
func (p *featureParser) expand() error {
	for n, b := range p.blocks {
		number := n + 1
		base := &Scenario{
			Feature: p.path,
			Number:  number,
			Line:    b.line,
			Tags:    append(append([]string(nil), p.feature.Tags...), b.tags...),
		}
		var steps []Step
		if p.background != nil {
			steps = append(steps, p.background.steps...)
		}
		steps = append(steps, b.steps...)
		if !b.outline {
			sc := *base
			sc.ID = fmt.Sprintf("%s:[%d]", p.path, number)
			sc.Name = b.name
			sc.Steps = steps
			p.feature.Scenarios = append(p.feature.Scenarios, &sc)
			continue
		}
		row := 0
		for _, ex := range b.examples {
			if len(ex.rows) == 0 {
				return p.errorf(ex.line, "Examples without a header row")
			}
			header := ex.rows[0]
			for _, r := range ex.rows[1:] {
				if len(r) != len(header) {
					return p.errorf(ex.line, "examples row has %d cells, header has %d", len(r), len(header))
				}
				row++
				vals := make(map[string]string, len(header))
				for i, h := range header {
					vals[h] = r[i]
				}
				sub := func(s string) string {
					return placeholder.ReplaceAllStringFunc(s, func(m string) string {
						if v, ok := vals[m[1:len(m)-1]]; ok {
							return v
						}
						return m
					})
				}
				sc := *base
				sc.ID = fmt.Sprintf("%s:[%d]#%d", p.path, number, row)
				sc.Row = row
				sc.Name = sub(b.name)
				sc.Tags = append(append([]string(nil), base.Tags...), ex.tags...)
				sc.Steps = make([]Step, len(steps))
				for i, st := range steps {
					st.Text = sub(st.Text)
					st.Doc = sub(st.Doc)
					if st.Table != nil {
						t := make([][]string, len(st.Table))
						for j, tr := range st.Table {
							t[j] = make([]string, len(tr))
							for k, c := range tr {
								t[j][k] = sub(c)
							}
						}
						st.Table = t
					}
					sc.Steps[i] = st
				}
				p.feature.Scenarios = append(p.feature.Scenarios, &sc)
			}
		}
		if row == 0 {
			return p.errorf(b.line, "Scenario Outline without examples rows")
		}
	}
	return nil
}

// LoadFeatures parses every *.feature file under the directory dir of fsys,
// in lexical path order. Feature paths are relative to dir.
func LoadFeatures(fsys fs.FS, dir string) ([]*Feature, error) {
	var paths []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".feature") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("failed to list feature files: %w", err)
	}
	sort.Strings(paths)
	feats := make([]*Feature, 0, len(paths))
	for _, p := range paths {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("failed to read feature: %w", err)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
		if dir == "." {
			rel = p
		}
		f, err := ParseFeature(rel, src)
		if err != nil {
			return nil, err
		}
		feats = append(feats, f)
	}
	return feats, nil
}
