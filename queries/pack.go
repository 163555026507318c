// Package queries is kg's saved query pack: one Cypher 5 file per question an
// analyst asks, each starting with a header of `//` comment lines (name,
// title, description, parameters). The pack is embedded in the binary, and the
// same text runs unchanged on Neo4j and on the embedded engine.
//
// A header looks like this:
//
//	// name: linking
//	// title: Everything linking two entities
//	// description: Paths of up to 4 hops between two named entities, ignoring provenance edges.
//	// param: a  string  Iran   first entity name or alias
//	// param: b  string  China  second entity name or alias
//
// A param line gives the name, the type (string, int, float, bool or list),
// the default (`-` for a required parameter with no default; a default with
// spaces is quoted with '…') and a description.
package queries

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed *.cypher
var packFS embed.FS

// Query is one saved query.
type Query struct {
	Name        string
	Title       string
	Description string
	Params      []Param
	// Text is the whole file, header included; Body is the Cypher after
	// the header.
	Text string
	Body string
	// File is the file name within the pack.
	File string
}

// Param is a declared query parameter.
type Param struct {
	Name        string
	Type        string // string, int, float, bool or list
	Default     string // raw text; meaningless when Required
	Required    bool
	Description string
}

// ParamTypes are the types a param line may declare.
var ParamTypes = []string{"string", "int", "float", "bool", "list"}

// Pack is a set of saved queries by name.
type Pack struct {
	queries map[string]*Query
}

// Default returns the pack embedded in the binary. It panics only if the
// embedded files are malformed, which the package's tests rule out.
func Default() *Pack {
	p, err := Load(packFS)
	if err != nil {
		panic("queries: embedded pack: " + err.Error())
	}
	return p
}

// Load reads every *.cypher file at the root of fsys as a saved query.
func Load(fsys fs.FS) (*Pack, error) {
	names, err := fs.Glob(fsys, "*.cypher")
	if err != nil {
		return nil, err
	}
	p := &Pack{queries: map[string]*Query{}}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		q, err := Parse(n, string(b))
		if err != nil {
			return nil, err
		}
		if old, dup := p.queries[q.Name]; dup {
			return nil, fmt.Errorf("%s: query name %q already used by %s", n, q.Name, old.File)
		}
		p.queries[q.Name] = q
	}
	return p, nil
}

// HeaderError reports a malformed query header.
type HeaderError struct {
	File string
	Line int
	Msg  string
}

func (e *HeaderError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Parse reads one query file. The name in the header must match the file
// name without .cypher.
func Parse(file, text string) (*Query, error) {
	q := &Query{Text: text, File: file}
	lines := strings.Split(text, "\n")
	i := 0
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(line, "//") {
			break
		}
		key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "//")), ":")
		if !ok {
			continue // a plain comment
		}
		val = strings.TrimSpace(val)
		fail := func(format string, args ...any) error {
			return &HeaderError{File: file, Line: i + 1, Msg: fmt.Sprintf(format, args...)}
		}
		switch strings.TrimSpace(key) {
		case "name":
			q.Name = val
		case "title":
			q.Title = val
		case "description":
			if q.Description != "" {
				q.Description += " "
			}
			q.Description += val
		case "param":
			prm, err := parseParam(val)
			if err != nil {
				return nil, fail("%v", err)
			}
			for _, old := range q.Params {
				if old.Name == prm.Name {
					return nil, fail("parameter %q declared twice", prm.Name)
				}
			}
			q.Params = append(q.Params, prm)
		}
	}
	q.Body = strings.TrimSpace(strings.Join(lines[i:], "\n"))
	base := strings.TrimSuffix(path.Base(file), ".cypher")
	switch {
	case q.Name == "":
		return nil, &HeaderError{File: file, Line: 1, Msg: "missing '// name:' header line"}
	case q.Name != base:
		return nil, &HeaderError{File: file, Line: 1, Msg: fmt.Sprintf("name %q does not match the file name %q", q.Name, base)}
	case q.Title == "":
		return nil, &HeaderError{File: file, Line: 1, Msg: "missing '// title:' header line"}
	case q.Body == "":
		return nil, &HeaderError{File: file, Line: len(lines), Msg: "no Cypher after the header"}
	}
	return q, nil
}

// parseParam reads "name type default description…".
func parseParam(s string) (Param, error) {
	var p Param
	fields := strings.Fields(s)
	if len(fields) < 3 {
		return p, fmt.Errorf("param line needs: name type default description")
	}
	p.Name, p.Type = fields[0], fields[1]
	if !validType(p.Type) {
		return p, fmt.Errorf("param %s: unknown type %q (want one of %s)", p.Name, p.Type, strings.Join(ParamTypes, ", "))
	}
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(s, fields[0])), fields[1]))
	if strings.HasPrefix(rest, "'") {
		end := strings.Index(rest[1:], "'")
		if end < 0 {
			return p, fmt.Errorf("param %s: unterminated quoted default", p.Name)
		}
		p.Default = rest[1 : end+1]
		rest = rest[end+2:]
	} else {
		d, r, _ := strings.Cut(rest, " ")
		p.Default, rest = d, r
	}
	if p.Default == "-" {
		p.Required, p.Default = true, ""
	} else if _, err := convert(p, p.Default); err != nil {
		return p, fmt.Errorf("param %s: bad default: %v", p.Name, err)
	}
	p.Description = strings.TrimSpace(rest)
	return p, nil
}

func validType(t string) bool {
	for _, v := range ParamTypes {
		if t == v {
			return true
		}
	}
	return false
}

// Names returns the names of the pack's queries, sorted.
func (p *Pack) Names() []string {
	names := make([]string, 0, len(p.queries))
	for n := range p.queries {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Queries returns the pack's queries sorted by name.
func (p *Pack) Queries() []*Query {
	out := make([]*Query, 0, len(p.queries))
	for _, n := range p.Names() {
		out = append(out, p.queries[n])
	}
	return out
}

// Get returns the query called name.
func (p *Pack) Get(name string) (*Query, bool) {
	q, ok := p.queries[name]
	return q, ok
}

// ParamError reports a parameter a user gave wrongly; Usage lists the query's
// parameters.
type ParamError struct {
	Query string
	Msg   string
	Usage string
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("query %s: %s (parameters: %s)", e.Query, e.Msg, e.Usage)
}

// Usage lists q's parameters as "a string = Iran, b string = China, limit int = 25".
func (q *Query) Usage() string {
	if len(q.Params) == 0 {
		return "none"
	}
	parts := make([]string, len(q.Params))
	for i, p := range q.Params {
		if p.Required {
			parts[i] = fmt.Sprintf("%s %s (required)", p.Name, p.Type)
		} else {
			parts[i] = fmt.Sprintf("%s %s = %s", p.Name, p.Type, p.Default)
		}
	}
	return strings.Join(parts, ", ")
}

// Bind checks user-supplied parameter texts against q's declarations and
// returns the typed query parameters, defaults filled in. An unknown
// parameter, a missing required one or a value of the wrong type is a
// *ParamError.
func (q *Query) Bind(args map[string]string) (map[string]any, error) {
	fail := func(format string, a ...any) error {
		return &ParamError{Query: q.Name, Msg: fmt.Sprintf(format, a...), Usage: q.Usage()}
	}
	names := make([]string, 0, len(args))
	for n := range args {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, ok := q.param(n); !ok {
			return nil, fail("unknown parameter %q", n)
		}
	}
	out := make(map[string]any, len(q.Params))
	for _, p := range q.Params {
		text, given := args[p.Name]
		if !given {
			if p.Required {
				return nil, fail("missing required parameter %q", p.Name)
			}
			text = p.Default
		}
		v, err := convert(p, text)
		if err != nil {
			return nil, fail("parameter %s: %v", p.Name, err)
		}
		out[p.Name] = v
	}
	return out, nil
}

func (q *Query) param(name string) (Param, bool) {
	for _, p := range q.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// convert types text as p declares.
func convert(p Param, text string) (any, error) {
	switch p.Type {
	case "string":
		if len(text) >= 2 && (text[0] == '\'' || text[0] == '"') && text[len(text)-1] == text[0] {
			text = text[1 : len(text)-1]
		}
		return text, nil
	case "int":
		n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("want an integer, got %q", text)
		}
		return n, nil
	case "float":
		f, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
		if err != nil {
			return nil, fmt.Errorf("want a number, got %q", text)
		}
		return f, nil
	case "bool":
		b, err := strconv.ParseBool(strings.TrimSpace(text))
		if err != nil {
			return nil, fmt.Errorf("want true or false, got %q", text)
		}
		return b, nil
	case "list":
		return splitList(text), nil
	}
	return nil, fmt.Errorf("unknown type %q", p.Type)
}

// splitList reads "a,b, c" or "[a, 'b']" as a list of strings.
func splitList(text string) []any {
	text = strings.TrimSpace(text)
	text = strings.TrimSuffix(strings.TrimPrefix(text, "["), "]")
	out := []any{}
	for _, f := range strings.Split(text, ",") {
		f = strings.Trim(strings.TrimSpace(f), `'"`)
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}
