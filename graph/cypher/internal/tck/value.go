package tck

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Node is a node value. The TCK compares nodes structurally (labels as a set,
// properties); ID serves side-effect accounting and path directions only.
type Node struct {
	ID     int64
	Labels []string
	Props  map[string]any
}

// Relationship is a relationship value, compared structurally (type and
// properties); StartID and EndID give its direction within a [Path].
type Relationship struct {
	ID      int64
	Type    string
	StartID int64
	EndID   int64
	Props   map[string]any
}

// Path is a path value: len(Nodes) == len(Rels)+1, and Rels[i] connects
// Nodes[i] and Nodes[i+1] in either direction.
type Path struct {
	Nodes []Node
	Rels  []Relationship
}

// ValueError reports a malformed TCK value.
type ValueError struct {
	Text   string // the whole value text
	Offset int    // byte offset of the problem
	Msg    string
}

// Error describes the problem and where it is.
func (e *ValueError) Error() string {
	return fmt.Sprintf("bad TCK value %q at offset %d: %s", e.Text, e.Offset, e.Msg)
}

// ParseValue parses a value in the TCK's notation (the README of the
// openCypher TCK): null, true, false, integers, floats (including .5, 1e3,
// NaN, Inf, -Inf), 'strings' (escapes \' and \\ only), lists [a, b], maps
// {k: v}, nodes (:A:B {k: v}), relationships [:T {k: v}] and paths
// <(:A)-[:T]->(:B)<-[:U]-()>. Errors are *[ValueError].
func ParseValue(text string) (any, error) {
	p := &valueParser{src: text}
	p.skip()
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skip()
	if p.pos != len(p.src) {
		return nil, p.errorf("unexpected %q after the value", p.src[p.pos:])
	}
	return v, nil
}

type valueParser struct {
	src    string
	pos    int
	nextID int64 // synthetic ids for path elements, counting down from -1
}

func (p *valueParser) errorf(format string, args ...any) error {
	return &ValueError{Text: p.src, Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *valueParser) skip() {
	for p.pos < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		p.pos += n
	}
}

func (p *valueParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *valueParser) expect(c byte) error {
	p.skip()
	if p.peek() != c {
		if p.pos >= len(p.src) {
			return p.errorf("expected %q, found end of value", c)
		}
		return p.errorf("expected %q, found %q", c, p.src[p.pos])
	}
	p.pos++
	return nil
}

func (p *valueParser) accept(s string) bool {
	p.skip()
	if strings.HasPrefix(p.src[p.pos:], s) {
		p.pos += len(s)
		return true
	}
	return false
}

func (p *valueParser) value() (any, error) {
	p.skip()
	switch c := p.peek(); {
	case c == 0:
		return nil, p.errorf("expected a value, found end of value")
	case c == '\'':
		return p.str()
	case c == '[':
		save := p.pos
		p.pos++
		p.skip()
		if p.peek() == ':' {
			p.pos = save
			return p.rel()
		}
		return p.list()
	case c == '{':
		return p.props()
	case c == '(':
		return p.node()
	case c == '<':
		return p.path()
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		word := p.word()
		switch word {
		case "null":
			return nil, nil
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "NaN":
			return math.NaN(), nil
		case "Inf", "Infinity":
			return math.Inf(1), nil
		}
		return nil, p.errorf("unknown value %q", word)
	}
}

func (p *valueParser) word() string {
	start := p.pos
	for p.pos < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			break
		}
		p.pos += n
	}
	return p.src[start:p.pos]
}

func (p *valueParser) number() (any, error) {
	start := p.pos
	if c := p.peek(); c == '-' || c == '+' {
		p.pos++
	}
	if w := p.src[p.pos:]; strings.HasPrefix(w, "Inf") || strings.HasPrefix(w, "NaN") {
		word := p.word()
		switch word {
		case "Inf", "Infinity":
			if p.src[start] == '-' {
				return math.Inf(-1), nil
			}
			return math.Inf(1), nil
		case "NaN":
			return math.NaN(), nil
		}
		return nil, p.errorf("unknown number %q", word)
	}
	isFloat := false
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c >= '0' && c <= '9':
		case c == '.' || c == 'e' || c == 'E':
			isFloat = true
		case (c == '-' || c == '+') && (p.src[p.pos-1] == 'e' || p.src[p.pos-1] == 'E'):
		default:
			goto done
		}
		p.pos++
	}
done:
	text := p.src[start:p.pos]
	if isFloat {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			p.pos = start
			return nil, p.errorf("bad float %q", text)
		}
		return f, nil
	}
	i, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		p.pos = start
		return nil, p.errorf("bad integer %q", text)
	}
	return i, nil
}

func (p *valueParser) str() (any, error) {
	start := p.pos
	p.pos++ // opening quote
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src) && (p.src[p.pos+1] == '\'' || p.src[p.pos+1] == '\\'):
			b.WriteByte(p.src[p.pos+1])
			p.pos += 2
		case c == '\'':
			p.pos++
			return b.String(), nil
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	p.pos = start
	return nil, p.errorf("unterminated string")
}

func (p *valueParser) list() (any, error) {
	// p.pos is just after '['.
	l := []any{}
	p.skip()
	if p.peek() == ']' {
		p.pos++
		return l, nil
	}
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		l = append(l, v)
		p.skip()
		switch p.peek() {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return l, nil
		default:
			return nil, p.errorf("expected ',' or ']' in list")
		}
	}
}

// key reads a map key or a label or type name: an identifier or a
// backquoted name.
func (p *valueParser) key() (string, error) {
	p.skip()
	if p.peek() == '`' {
		end := strings.IndexByte(p.src[p.pos+1:], '`')
		if end < 0 {
			return "", p.errorf("unterminated quoted name")
		}
		k := p.src[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return k, nil
	}
	k := p.word()
	if k == "" {
		return "", p.errorf("expected a name")
	}
	return k, nil
}

func (p *valueParser) props() (map[string]any, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	m := map[string]any{}
	p.skip()
	if p.peek() == '}' {
		p.pos++
		return m, nil
	}
	for {
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		if _, dup := m[k]; dup {
			return nil, p.errorf("duplicate key %q", k)
		}
		if err := p.expect(':'); err != nil {
			return nil, err
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		m[k] = v
		p.skip()
		switch p.peek() {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return m, nil
		default:
			return nil, p.errorf("expected ',' or '}' in map")
		}
	}
}

// names reads ":A:B" label or type names.
func (p *valueParser) names() ([]string, error) {
	var ns []string
	for p.accept(":") {
		n, err := p.key()
		if err != nil {
			return nil, err
		}
		ns = append(ns, n)
	}
	return ns, nil
}

func (p *valueParser) optProps() (map[string]any, error) {
	p.skip()
	if p.peek() != '{' {
		return map[string]any{}, nil
	}
	return p.props()
}

func (p *valueParser) node() (any, error) {
	if err := p.expect('('); err != nil {
		return nil, err
	}
	labels, err := p.names()
	if err != nil {
		return nil, err
	}
	props, err := p.optProps()
	if err != nil {
		return nil, err
	}
	if err := p.expect(')'); err != nil {
		return nil, err
	}
	p.nextID--
	return Node{ID: p.nextID, Labels: labels, Props: props}, nil
}

func (p *valueParser) rel() (any, error) {
	if err := p.expect('['); err != nil {
		return nil, err
	}
	types, err := p.names()
	if err != nil {
		return nil, err
	}
	if len(types) != 1 {
		return nil, p.errorf("a relationship has exactly one type")
	}
	props, err := p.optProps()
	if err != nil {
		return nil, err
	}
	if err := p.expect(']'); err != nil {
		return nil, err
	}
	p.nextID--
	return Relationship{ID: p.nextID, Type: types[0], Props: props}, nil
}

func (p *valueParser) path() (any, error) {
	if err := p.expect('<'); err != nil {
		return nil, err
	}
	first, err := p.node()
	if err != nil {
		return nil, err
	}
	path := Path{Nodes: []Node{first.(Node)}}
	for {
		p.skip()
		if p.peek() == '>' {
			p.pos++
			return path, nil
		}
		backward := p.accept("<-")
		if !backward && !p.accept("-") {
			return nil, p.errorf("expected a relationship or '>' in path")
		}
		rv, err := p.rel()
		if err != nil {
			return nil, err
		}
		forward := p.accept("->")
		if !forward && !p.accept("-") {
			return nil, p.errorf("expected '-' or '->' after a relationship in path")
		}
		if forward == backward {
			return nil, p.errorf("a path relationship needs exactly one direction")
		}
		nv, err := p.node()
		if err != nil {
			return nil, err
		}
		r, n := rv.(Relationship), nv.(Node)
		prev := path.Nodes[len(path.Nodes)-1]
		r.StartID, r.EndID = prev.ID, n.ID
		if backward {
			r.StartID, r.EndID = n.ID, prev.ID
		}
		path.Rels = append(path.Rels, r)
		path.Nodes = append(path.Nodes, n)
	}
}

// Format renders v in the TCK's notation. Maps and properties are written
// with sorted keys and node labels sorted, so equal values format equally;
// values of other Go types are written with %#v inside angle brackets.
func Format(v any) string {
	var b strings.Builder
	format(&b, v)
	return b.String()
}

func format(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case float64:
		b.WriteString(formatFloat(v))
	case string:
		b.WriteByte('\'')
		for i := 0; i < len(v); i++ {
			if v[i] == '\'' || v[i] == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(v[i])
		}
		b.WriteByte('\'')
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			format(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		formatMap(b, v)
	case Node:
		formatNode(b, v)
	case Relationship:
		formatRel(b, v)
	case Path:
		b.WriteByte('<')
		for i, n := range v.Nodes {
			if i > 0 && i-1 < len(v.Rels) {
				r := v.Rels[i-1]
				if r.StartID == n.ID && r.EndID != n.ID {
					b.WriteString("<-")
					formatRel(b, r)
					b.WriteString("-")
				} else {
					b.WriteString("-")
					formatRel(b, r)
					b.WriteString("->")
				}
			}
			formatNode(b, n)
		}
		b.WriteByte('>')
	default:
		fmt.Fprintf(b, "<%T %#v>", v, v)
	}
}

func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

func formatMap(b *strings.Builder, m map[string]any) {
	keys := slices.Sorted(maps.Keys(m))
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(formatName(k))
		b.WriteString(": ")
		format(b, m[k])
	}
	b.WriteByte('}')
}

func formatNode(b *strings.Builder, n Node) {
	b.WriteByte('(')
	labels := slices.Clone(n.Labels)
	sort.Strings(labels)
	for _, l := range labels {
		b.WriteByte(':')
		b.WriteString(formatName(l))
	}
	if len(n.Props) > 0 {
		if len(labels) > 0 {
			b.WriteByte(' ')
		}
		formatMap(b, n.Props)
	}
	b.WriteByte(')')
}

func formatRel(b *strings.Builder, r Relationship) {
	b.WriteString("[:")
	b.WriteString(formatName(r.Type))
	if len(r.Props) > 0 {
		b.WriteByte(' ')
		formatMap(b, r.Props)
	}
	b.WriteByte(']')
}

// formatName writes a key, label or type, backquoted unless it is a plain
// identifier.
func formatName(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "`" + s + "`"
}
