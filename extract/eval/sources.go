package eval

import (
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kgnews/kg/graph"
)

// Subset holds the relationship metrics of one subset of a corpus. A gold
// relation whose source is "reuters/01" belongs to the subset "reuters"; a
// prediction belongs to it when one of its source articles was read from a
// directory named "reuters" (the parent directory of the Article's path).
// Each subset is scored as if its gold relations were the whole gold set
// and its predictions the whole graph; a prediction drawn from articles of
// two subsets counts in both.
type Subset struct {
	Name     string             `json:"name"`
	Articles int                `json:"articles"` // Article nodes read from the subset's directory
	PerType  map[string]Metrics `json:"perType"`
	Overall  Metrics            `json:"overall"`
}

// SubsetOf returns the subset a gold source names: the part before the
// first slash, or "" when there is none.
func SubsetOf(source string) string {
	name, _, ok := strings.Cut(source, "/")
	if !ok {
		return ""
	}
	return strings.TrimSpace(name)
}

// articleDir returns the name of the directory an Article node was read
// from, or "" when it has no path.
func articleDir(n *graph.Node) string {
	p, _ := n.Props[graph.PropPath].(string)
	if p == "" {
		return ""
	}
	return path.Base(path.Dir(filepath.ToSlash(p)))
}

func (r *Report) scoreSources(m *matcher, b *graph.Batch, golds []*goldRel, annotated map[string]bool) []Subset {
	bySubset := make(map[string][]*goldRel)
	for _, gr := range golds {
		if s := SubsetOf(gr.Source); s != "" {
			bySubset[s] = append(bySubset[s], gr)
		}
	}
	if len(bySubset) == 0 {
		return nil
	}
	names := make([]string, 0, len(bySubset))
	for s := range bySubset {
		names = append(names, s)
	}
	sort.Strings(names)
	dirOf := make(map[string]string) // article id → directory name
	articles := make(map[string]int)
	for i := range b.Nodes {
		if n := &b.Nodes[i]; n.Label == graph.LabelArticle {
			d := articleDir(n)
			dirOf[n.ID] = d
			articles[d]++
		}
	}
	var out []Subset
	for _, s := range names {
		var rels []graph.Relationship
		for _, rel := range b.Relationships {
			for _, src := range propList(rel.Props, graph.PropSources) {
				if dirOf[src] == s {
					rels = append(rels, rel)
					break
				}
			}
		}
		per, overall := r.scoreRelations(m, rels, bySubset[s], annotated, false)
		out = append(out, Subset{Name: s, Articles: articles[s], PerType: per, Overall: overall})
	}
	return out
}
