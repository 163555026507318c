package explore

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

// Article is a source article as a citation names it.
type Article struct {
	ID          string `json:"id"`
	Title       string `json:"title,omitempty"`
	Outlet      string `json:"outlet,omitempty"`
	PublishedAt string `json:"publishedAt,omitempty"`
	URL         string `json:"url,omitempty"`
	Path        string `json:"path,omitempty"`
}

// ArticleCitation is what one source article says for an edge: its
// sentences, who it says claimed the fact, and the rules that read it.
// Aligned is false for an edge stored without citations (an older store):
// the sentences are then the edge's whole evidence, which the article
// may not all hold.
type ArticleCitation struct {
	Article   Article  `json:"article"`
	Sentences []string `json:"sentences"`
	ClaimedBy []string `json:"claimedBy"`
	Rules     []string `json:"rules"`
	Aligned   bool     `json:"aligned"`
}

// EdgeAnswer is GET /api/edges/{id}.
type EdgeAnswer struct {
	Edge      Edge              `json:"edge"`
	StartNode Node              `json:"startNode"`
	EndNode   Node              `json:"endNode"`
	Citations []ArticleCitation `json:"citations"`
}

// edge answers GET /api/edges/{id}: the edge, its ends, and one citation
// per source article.
func (h *handler) edge(w http.ResponseWriter, r *http.Request) (any, error) {
	id := r.PathValue("id")
	ctx, cancel := h.queryContext(r.Context())
	defer cancel()
	res, err := h.cfg.Store.Query(ctx, edgeQuery, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(res.Rows) == 0 {
		return nil, notFound("no relationship with id %s", quote(id))
	}
	c := newCollector()
	a, _ := res.Rows[0][0].(value.Node)
	rel, _ := res.Rows[0][1].(value.Relationship)
	b, _ := res.Rows[0][2].(value.Node)
	out := EdgeAnswer{StartNode: c.addNode(a), EndNode: c.addNode(b)}
	out.Edge = c.edge(rel)
	cites := citationsOf(rel.Props)
	ids := make([]any, len(cites))
	for i, ct := range cites {
		ids[i] = ct.Article.ID
	}
	arts, err := h.cfg.Store.Query(ctx, articlesQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := map[string]Article{}
	for _, row := range arts.Rows {
		if n, ok := row[0].(value.Node); ok {
			art := articleOf(n)
			byID[art.ID] = art
		}
	}
	for i := range cites {
		if art, ok := byID[cites[i].Article.ID]; ok {
			cites[i].Article = art
		}
	}
	slices.SortStableFunc(cites, func(x, y ArticleCitation) int {
		return cmp.Or(cmp.Compare(x.Article.PublishedAt, y.Article.PublishedAt), cmp.Compare(x.Article.ID, y.Article.ID))
	})
	out.Citations = cites
	return out, nil
}

// citationsOf groups an edge's citations by source article. An edge
// without citations gets one unaligned citation per source, each with the
// whole evidence, claimedBy and rules.
func citationsOf(props map[string]any) []ArticleCitation {
	byArticle := map[string]*ArticleCitation{}
	var order []string
	get := func(id string) *ArticleCitation {
		if c, ok := byArticle[id]; ok {
			return c
		}
		c := &ArticleCitation{Article: Article{ID: id}, Sentences: []string{}, ClaimedBy: []string{}, Rules: []string{}, Aligned: true}
		byArticle[id] = c
		order = append(order, id)
		return c
	}
	for _, s := range stringList(props[graph.PropCitations]) {
		ct, err := graph.DecodeCitation(s)
		if err != nil {
			continue // a damaged item; the flat lists below still name its source
		}
		c := get(ct.Article)
		c.Sentences = addUnique(c.Sentences, ct.Sentence)
		for _, who := range ct.ClaimedBy {
			c.ClaimedBy = addUnique(c.ClaimedBy, who)
		}
		c.Rules = addUnique(c.Rules, ct.Rule)
	}
	for _, src := range stringList(props[graph.PropSources]) {
		if _, ok := byArticle[src]; ok {
			continue
		}
		c := get(src)
		c.Aligned = false
		c.Sentences = append(c.Sentences, stringList(props[graph.PropEvidence])...)
		c.ClaimedBy = append(c.ClaimedBy, stringList(props[graph.PropClaimedBy])...)
		c.Rules = append(c.Rules, stringList(props[graph.PropRules])...)
	}
	out := make([]ArticleCitation, len(order))
	for i, id := range order {
		out[i] = *byArticle[id]
	}
	return out
}

func addUnique(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// articleOf reads an Article node.
func articleOf(n value.Node) Article {
	s := func(k string) string { v, _ := n.Props[k].(string); return v }
	return Article{ID: s(graph.PropID), Title: s(graph.PropTitle), Outlet: s(graph.PropOutlet),
		PublishedAt: s(graph.PropPublishedAt), URL: s(graph.PropURL), Path: s(graph.PropPath)}
}
