package eval

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/kgnews/kg/graph"
)

// Normalize folds a name for comparison exactly as the independent scorer
// (shared/tools/score.py) does: compatibility decomposition (NFKD), every
// character outside ASCII dropped (so accents go, and so do letters with no
// ASCII decomposition), lower case, and every run of characters other than
// a-z and 0-9 one space, trimmed. "U.S." is "u s", "Ávila" is "avila".
func Normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r >= 0x80:
			// dropped without a trace, as Python's encode("ascii", "ignore")
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case 'A' <= r && r <= 'Z':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r + ('a' - 'A'))
		default:
			space = true
		}
	}
	return b.String()
}

// nameProps are the node properties that name it, besides aliases.
var nameProps = []string{graph.PropName, "canonicalName", graph.PropTitle}

// nodeNames returns the normalized, non-empty names of n: its name,
// canonicalName and title when they are strings, and its aliases.
func nodeNames(n *graph.Node) []string {
	var out []string
	add := func(s string) {
		if f := Normalize(s); f != "" {
			out = appendUnique(out, f)
		}
	}
	for _, k := range nameProps {
		if s, ok := n.Props[k].(string); ok {
			add(s)
		}
	}
	for _, a := range stringList(n.Props[graph.PropAliases]) {
		add(a)
	}
	return out
}

// nodeText is what PLEDGED keywords are matched against: every string
// property of n and every string in a list property, in key order, joined
// by " \n " as the independent scorer does.
func nodeText(n *graph.Node) string {
	keys := make([]string, 0, len(n.Props))
	for k := range n.Props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		if s, ok := n.Props[k].(string); ok {
			parts = append(parts, s)
			continue
		}
		parts = append(parts, stringList(n.Props[k])...)
	}
	return strings.Join(parts, " \n ")
}

// stringList returns the strings of a list property value.
func stringList(v any) []string {
	switch v := v.(type) {
	case []string:
		return v
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
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

// matcher resolves nodes to gold entities. Every normalized name or alias of
// a gold entity stands for the canonical name of the first entity, in file
// order, that lists it (the scorer's gname); a node stands for the canonical
// names its own names stand for (its canon).
type matcher struct {
	canonOf map[string]string   // normalized gold name or alias → canonical name
	isName  map[string]bool     // the canonical names (Entity.Name) as written
	canon   map[string][]string // node id → canonical names
	nodes   map[string]*graph.Node
}

func newMatcher(g *Gold, b *graph.Batch) *matcher {
	m := &matcher{canonOf: make(map[string]string), isName: make(map[string]bool),
		canon: make(map[string][]string, len(b.Nodes)), nodes: make(map[string]*graph.Node, len(b.Nodes))}
	for _, e := range g.Entities {
		m.isName[e.Name] = true
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			if f := Normalize(s); f != "" {
				if _, ok := m.canonOf[f]; !ok {
					m.canonOf[f] = e.Name
				}
			}
		}
	}
	for i := range b.Nodes {
		n := &b.Nodes[i]
		m.nodes[n.ID] = n
		var cs []string
		for _, f := range nodeNames(n) {
			if c, ok := m.canonOf[f]; ok {
				cs = appendUnique(cs, c)
			}
		}
		m.canon[n.ID] = cs
	}
	return m
}

// target is a gold name resolved for matching: a canonical entity name, or,
// for a name no gold entity lists, the normalized name itself.
type target struct {
	canon string
	free  string
}

// target resolves a name written in a relation or an affiliation. A
// canonical entity name stands for itself, as in the scorer (which compares
// it with a node's canon as written); an alias stands for its entity's
// canonical name; any other name matches nodes by their own names.
func (m *matcher) target(name string) target {
	if m.isName[name] {
		return target{canon: name}
	}
	f := Normalize(name)
	if c, ok := m.canonOf[f]; ok {
		return target{canon: c}
	}
	return target{free: f}
}

func (m *matcher) targets(names []string) []target {
	out := make([]target, len(names))
	for i, n := range names {
		out[i] = m.target(n)
	}
	return out
}

// is reports whether the node with id answers to t. A node the batch does
// not hold answers to nothing.
func (m *matcher) is(id string, t target) bool {
	if t.canon != "" {
		for _, c := range m.canon[id] {
			if c == t.canon {
				return true
			}
		}
		return false
	}
	n, ok := m.nodes[id]
	if !ok || t.free == "" {
		return false
	}
	for _, f := range nodeNames(n) {
		if f == t.free {
			return true
		}
	}
	return false
}

// isAny reports whether the node with id answers to any of ts.
func (m *matcher) isAny(id string, ts []target) bool {
	for _, t := range ts {
		if m.is(id, t) {
			return true
		}
	}
	return false
}

// textIs reports whether the text (a property value such as an actor's
// country or a claimant) names t.
func (m *matcher) textIs(text string, t target) bool {
	f := Normalize(text)
	if t.canon != "" {
		c, ok := m.canonOf[f]
		return ok && c == t.canon
	}
	return f != "" && f == t.free
}

// known reports whether any name of n is a gold name or alias.
func (m *matcher) known(n *graph.Node) bool { return len(m.canon[n.ID]) > 0 }

// node returns the node with id, or a stand-in named by the id when the
// batch does not hold it (for reports only).
func (m *matcher) node(id string) *graph.Node {
	if n, ok := m.nodes[id]; ok {
		return n
	}
	return &graph.Node{ID: id, Props: graph.Props{graph.PropName: id}}
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
