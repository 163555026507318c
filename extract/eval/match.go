package eval

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kgnews/kg/extract/gazetteer"
	"github.com/kgnews/kg/graph"
)

// normalize folds a name for comparison: accents removed, lower case,
// possessive endings dropped ("Iran's foreign ministry" is "iran foreign
// ministry"), periods and other apostrophes dropped ("U.S." is "us"), every
// other run of non-alphanumeric characters one space, and a leading "the"
// dropped ("the Kremlin" is "kremlin").
func normalize(s string) string {
	var b strings.Builder
	space := false
	rs := []rune(norm.NFD.String(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.Is(unicode.Mn, r):
		case isApostrophe(r) && i+1 < len(rs) && (rs[i+1] == 's' || rs[i+1] == 'S') &&
			(i+2 == len(rs) || !unicode.IsLetter(rs[i+2])):
			i++ // a possessive 's
		case r == '.' || isApostrophe(r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	out := b.String()
	if rest, ok := strings.CutPrefix(out, "the "); ok {
		out = rest
	}
	return out
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == 'ʼ' }

// containsWords reports whether the normalized phrase occurs in the
// normalized text as a whole-word sequence.
func containsWords(text, phrase string) bool {
	if phrase == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		if (start == 0 || text[start-1] == ' ') && (end == len(text) || text[end] == ' ') {
			return true
		}
		i = start + 1
	}
}

// matcher decides whether a node answers to a gold name. A gold name stands
// for itself and, when a gold entity has it as name or alias, for all of that
// entity's names; a country name stands for every form the gazetteer knows.
type matcher struct {
	gz     *gazetteer.Gazetteer // nil: no gazetteer forms
	groups map[string][]string  // normalized gold name → normalized names of its entity
	nodes  map[string]*graph.Node
}

func newMatcher(g *Gold, b *graph.Batch, gz *gazetteer.Gazetteer) *matcher {
	m := &matcher{gz: gz, groups: make(map[string][]string), nodes: make(map[string]*graph.Node, len(b.Nodes))}
	for i := range b.Nodes {
		m.nodes[b.Nodes[i].ID] = &b.Nodes[i]
	}
	for _, e := range g.Entities {
		names := []string{normalize(e.Name)}
		for _, a := range e.Aliases {
			names = append(names, normalize(a))
		}
		for _, n := range names {
			m.groups[n] = appendUnique(m.groups[n], names...)
		}
	}
	return m
}

func appendUnique(list []string, items ...string) []string {
	for _, it := range items {
		found := false
		for _, l := range list {
			if l == it {
				found = true
				break
			}
		}
		if !found && it != "" {
			list = append(list, it)
		}
	}
	return list
}

// goldForms returns the normalized names a gold name stands for.
func (m *matcher) goldForms(name string) []string {
	n := normalize(name)
	if g, ok := m.groups[n]; ok {
		return g
	}
	return []string{n}
}

// node returns the node with id, or a stand-in named by the id when the
// batch does not hold it.
func (m *matcher) node(id string) *graph.Node {
	if n, ok := m.nodes[id]; ok {
		return n
	}
	return &graph.Node{ID: id, Props: graph.Props{graph.PropName: id}}
}

// nodeNames returns the normalized name and aliases of n.
func nodeNames(n *graph.Node) []string {
	out := []string{normalize(propString(n.Props, graph.PropName))}
	for _, a := range propList(n.Props, graph.PropAliases) {
		out = append(out, normalize(a))
	}
	return out
}

// country returns the gazetteer country a name stands for.
func (m *matcher) country(name string) (*gazetteer.Country, bool) {
	if m.gz == nil || strings.TrimSpace(name) == "" {
		return nil, false
	}
	return m.gz.Lookup(name)
}

// nameMatches reports whether the text name (a property value such as an
// actor's country or a topic) answers to the gold name.
func (m *matcher) nameMatches(text, gold string) bool {
	t := normalize(text)
	if t == "" {
		return false
	}
	for _, f := range m.goldForms(gold) {
		if f == t {
			return true
		}
	}
	if gc, ok := m.country(gold); ok {
		if tc, ok := m.country(text); ok && tc.ID == gc.ID {
			return true
		}
	}
	return false
}

// matches reports whether node n answers to any of the gold names.
func (m *matcher) matches(n *graph.Node, golds []string) bool {
	names := nodeNames(n)
	for _, g := range golds {
		for _, f := range m.goldForms(g) {
			for _, nn := range names {
				if nn != "" && nn == f {
					return true
				}
			}
		}
		if n.Label == graph.LabelCountry {
			if gc, ok := m.country(g); ok {
				if n.ID == gc.ID {
					return true
				}
				if nc, ok := m.country(propString(n.Props, graph.PropName)); ok && nc.ID == gc.ID {
					return true
				}
			}
		}
	}
	return false
}

func propString(p graph.Props, key string) string {
	switch v := p[key].(type) {
	case string:
		return v
	case []string:
		return strings.Join(v, "; ")
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = fmt.Sprint(x)
		}
		return strings.Join(parts, "; ")
	case nil:
		return ""
	}
	return fmt.Sprint(p[key])
}

func propList(p graph.Props, key string) []string {
	switch v := p[key].(type) {
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		return out
	case string:
		if v != "" {
			return []string{v}
		}
	}
	return nil
}
