package explore

import (
	"fmt"
	"net/http"
	"strings"
)

// Style is a Neo4j Browser style sheet (GraSS) as the API serves it: the
// rules for every node and every relationship, and those of each label
// and type with the defaults folded in.
type Style struct {
	Node         ElementStyle            `json:"node"`
	Relationship ElementStyle            `json:"relationship"`
	Labels       map[string]ElementStyle `json:"labels"`
	Types        map[string]ElementStyle `json:"types"`
}

// ElementStyle is one GraSS rule. Caption is the property key a node or
// relationship is captioned with ("{name}" in GraSS is "name"), or
// "<type>" / "<id>" for the type or id; sizes keep their units ("50px").
type ElementStyle struct {
	Color       string `json:"color,omitempty"`
	BorderColor string `json:"borderColor,omitempty"`
	BorderWidth string `json:"borderWidth,omitempty"`
	TextColor   string `json:"textColor,omitempty"`
	// TextColorExternal colours a relationship's caption drawn beside it.
	TextColorExternal string `json:"textColorExternal,omitempty"`
	Caption           string `json:"caption,omitempty"`
	Diameter          string `json:"diameter,omitempty"`
	ShaftWidth        string `json:"shaftWidth,omitempty"`
	FontSize          string `json:"fontSize,omitempty"`
	Padding           string `json:"padding,omitempty"`
}

// set assigns the GraSS property key; it reports false for a key it does
// not know.
func (e *ElementStyle) set(key, val string) bool {
	field := map[string]*string{
		"color": &e.Color, "border-color": &e.BorderColor, "border-width": &e.BorderWidth,
		"text-color-internal": &e.TextColor, "text-color-external": &e.TextColorExternal,
		"caption": &e.Caption, "diameter": &e.Diameter, "shaft-width": &e.ShaftWidth,
		"font-size": &e.FontSize, "padding": &e.Padding,
	}[key]
	if field == nil {
		return false
	}
	*field = val
	return true
}

// over returns e with the fields d sets and e does not.
func (e ElementStyle) over(d ElementStyle) ElementStyle {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&e.Color, d.Color}, {&e.BorderColor, d.BorderColor}, {&e.BorderWidth, d.BorderWidth},
		{&e.TextColor, d.TextColor}, {&e.TextColorExternal, d.TextColorExternal}, {&e.Caption, d.Caption},
		{&e.Diameter, d.Diameter}, {&e.ShaftWidth, d.ShaftWidth}, {&e.FontSize, d.FontSize}, {&e.Padding, d.Padding},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
	return e
}

// ParseGraSS reads a Neo4j Browser style sheet: rules `node { … }`,
// `relationship { … }`, `node.Label { … }` and `relationship.TYPE { … }`
// of `key: value;` declarations, with /* comments */. Unknown keys are
// ignored, as Browser ignores them; a malformed rule or selector is an
// error naming its line.
func ParseGraSS(text string) (*Style, error) {
	st := &Style{Labels: map[string]ElementStyle{}, Types: map[string]ElementStyle{}}
	src := stripComments(text)
	line := func(off int) int { return strings.Count(src[:off], "\n") + 1 }
	for off := 0; ; {
		open := indexUnquoted(src, off, '{')
		if open < 0 {
			if rest := strings.TrimSpace(src[off:]); rest != "" {
				return nil, fmt.Errorf("style: line %d: %q is not a rule", line(off+strings.Index(src[off:], rest)), firstLine(rest))
			}
			break
		}
		sel := strings.TrimSpace(src[off:open])
		end := indexUnquoted(src, open+1, '}')
		if end < 0 {
			return nil, fmt.Errorf("style: line %d: rule %q is not closed", line(open), sel)
		}
		var rule ElementStyle
		for _, decl := range splitUnquoted(src[open+1:end], ';') {
			if strings.TrimSpace(decl) == "" {
				continue
			}
			key, val, ok := strings.Cut(decl, ":")
			if !ok {
				return nil, fmt.Errorf("style: line %d: %q in rule %q is no key: value", line(open), strings.TrimSpace(decl), sel)
			}
			rule.set(strings.TrimSpace(key), caption(strings.TrimSpace(val)))
		}
		if err := st.add(sel, rule); err != nil {
			return nil, fmt.Errorf("style: line %d: %w", line(off+len(src[off:open])-len(strings.TrimLeft(src[off:open], " \t\r\n"))), err)
		}
		off = end + 1
	}
	for k, v := range st.Labels {
		st.Labels[k] = v.over(st.Node)
	}
	for k, v := range st.Types {
		st.Types[k] = v.over(st.Relationship)
	}
	return st, nil
}

// indexUnquoted is the index of the first c at or after from outside
// quotes, or -1.
func indexUnquoted(s string, from int, c byte) int {
	var quote byte
	for i := from; i < len(s); i++ {
		switch {
		case quote != 0:
			if s[i] == quote {
				quote = 0
			}
		case s[i] == '"' || s[i] == '\'':
			quote = s[i]
		case s[i] == c:
			return i
		}
	}
	return -1
}

// splitUnquoted splits s at every sep outside quotes.
func splitUnquoted(s string, sep byte) []string {
	var out []string
	for {
		i := indexUnquoted(s, 0, sep)
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
}

// add files rule under its selector.
func (st *Style) add(sel string, rule ElementStyle) error {
	kind, name, _ := strings.Cut(sel, ".")
	switch {
	case kind == "node" && name == "":
		st.Node = rule
	case kind == "relationship" && name == "":
		st.Relationship = rule
	case kind == "node" && validName(name):
		st.Labels[name] = rule
	case kind == "relationship" && validName(name):
		st.Types[name] = rule
	default:
		return fmt.Errorf("selector %q is not node, relationship, node.Label or relationship.TYPE", sel)
	}
	return nil
}

func validName(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t\n.{}:;")
}

// caption unquotes a GraSS value and reads a caption: "{name}" is the
// property name, "<type>" stays as it is.
func caption(v string) string {
	v = strings.Trim(v, `"'`)
	if strings.HasPrefix(v, "{") && strings.HasSuffix(v, "}") {
		return v[1 : len(v)-1]
	}
	return v
}

// stripComments blanks /* … */ comments, keeping the newlines so that
// line numbers stay right.
func stripComments(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			j = len(s) - i - 2
		} else {
			j += 2
		}
		b.WriteString(strings.Repeat("\n", strings.Count(s[i:i+2+j], "\n")))
		s = s[min(len(s), i+2+j):]
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func (h *handler) styleJSON(w http.ResponseWriter, r *http.Request) (any, error) {
	return h.style, nil
}
