package cypher

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ParseValue parses a parameter value typed on the command line, following
// Neo4j's :param conventions:
//
//   - integers (42, -7) become int64; numbers with a fraction or exponent
//     (1.5, 1e3) become float64;
//   - true, false and null (any case) become bool and nil;
//   - 'single' or "double" quoted strings become string (backslash escapes
//     \n \t \\ \' \" are honoured);
//   - lists [v, …] become []any and maps {key: v, …} map[string]any, with
//     elements in the same notation and keys bare or quoted;
//   - anything else is taken as a bare string (Iran, Donald Trump).
//
// Malformed lists, maps and quoted strings are errors. ParseValue never panics.
func ParseValue(text string) (any, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return text, nil
	}
	switch t[0] {
	case '[', '{', '\'', '"':
		p := &valueParser{s: t}
		v, err := p.value(0)
		if err != nil {
			return nil, fmt.Errorf("parse parameter value %q: %w", text, err)
		}
		p.space()
		if p.i != len(p.s) {
			return nil, fmt.Errorf("parse parameter value %q: unexpected %q at offset %d", text, p.s[p.i:], p.i)
		}
		return v, nil
	}
	if v, ok := scalarValue(t); ok {
		return v, nil
	}
	return text, nil
}

func scalarValue(t string) (any, bool) {
	switch strings.ToLower(t) {
	case "true":
		return true, true
	case "false":
		return false, true
	case "null":
		return nil, true
	}
	if i, err := strconv.ParseInt(t, 10, 64); err == nil {
		return i, true
	}
	if strings.ContainsAny(t, "0123456789") && !strings.ContainsAny(t, "xXpP_") {
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return f, true
		}
	}
	return nil, false
}

type valueParser struct {
	s string
	i int
}

func (p *valueParser) space() {
	for p.i < len(p.s) && unicode.IsSpace(rune(p.s[p.i])) {
		p.i++
	}
}

const maxValueDepth = 64

func (p *valueParser) value(depth int) (any, error) {
	if depth > maxValueDepth {
		return nil, fmt.Errorf("nesting deeper than %d", maxValueDepth)
	}
	p.space()
	if p.i >= len(p.s) {
		return nil, fmt.Errorf("unexpected end of value")
	}
	switch c := p.s[p.i]; c {
	case '\'', '"':
		return p.quoted()
	case '[':
		p.i++
		list := []any{}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return list, nil
		}
		for {
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
			p.space()
			if p.i >= len(p.s) {
				return nil, fmt.Errorf("unterminated list")
			}
			if p.s[p.i] == ']' {
				p.i++
				return list, nil
			}
			if p.s[p.i] != ',' {
				return nil, fmt.Errorf("expected ',' or ']' at offset %d", p.i)
			}
			p.i++
		}
	case '{':
		p.i++
		m := map[string]any{}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return m, nil
		}
		for {
			p.space()
			var key string
			if p.i < len(p.s) && (p.s[p.i] == '\'' || p.s[p.i] == '"') {
				k, err := p.quoted()
				if err != nil {
					return nil, err
				}
				key = k
			} else {
				start := p.i
				for p.i < len(p.s) && (p.s[p.i] == '_' || unicode.IsLetter(rune(p.s[p.i])) || unicode.IsDigit(rune(p.s[p.i]))) {
					p.i++
				}
				key = p.s[start:p.i]
				if key == "" {
					return nil, fmt.Errorf("expected a map key at offset %d", p.i)
				}
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, fmt.Errorf("expected ':' after map key %q", key)
			}
			p.i++
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			m[key] = v
			p.space()
			if p.i >= len(p.s) {
				return nil, fmt.Errorf("unterminated map")
			}
			if p.s[p.i] == '}' {
				p.i++
				return m, nil
			}
			if p.s[p.i] != ',' {
				return nil, fmt.Errorf("expected ',' or '}' at offset %d", p.i)
			}
			p.i++
		}
	}
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(",]}", rune(p.s[p.i])) {
		p.i++
	}
	t := strings.TrimSpace(p.s[start:p.i])
	if v, ok := scalarValue(t); ok {
		return v, nil
	}
	return t, nil
}

func (p *valueParser) quoted() (string, error) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.s):
			p.i++
			switch e := p.s[p.i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
		p.i++
	}
	return "", fmt.Errorf("unterminated string")
}
