package explore

import (
	"net/http"

	"github.com/kgnews/kg/graph/value"
)

// Limits of GET /api/expand.
const (
	// MaxExpandIDs is the most nodes one expand call takes.
	MaxExpandIDs = 100
	// DefaultMaxExpandEdges is the most relationships one expand answer
	// lists over all its pages unless Config.MaxExpandEdges says otherwise;
	// the pages past it are cut (truncated).
	DefaultMaxExpandEdges = 5000
)

// ExpandAnswer is GET /api/expand: the first page of relationships of
// several nodes at once, as /api/nodes/{id}/neighbours gives each, merged.
type ExpandAnswer struct {
	// Nodes are the expanded nodes (in the order asked), then the other
	// ends of their pages' relationships, each node once.
	Nodes []Node `json:"nodes"`
	// Edges are the relationships of every page, each once.
	Edges []Edge `json:"edges"`
	// Expanded is, per node found, its page: the ids of its relationships
	// in /neighbours order and how many pass the filters in all.
	Expanded []ExpandedPage `json:"expanded"`
	// Missing are the ids asked for that are no node's.
	Missing []string `json:"missing"`
	// Limit is the page size of each node.
	Limit int `json:"limit"`
	// Truncated says Config.MaxExpandEdges cut the pages of the last nodes.
	Truncated bool `json:"truncated"`
}

// ExpandedPage is one expanded node's page in an ExpandAnswer.
type ExpandedPage struct {
	ID    string   `json:"id"`
	Total int64    `json:"total"`
	Edges []string `json:"edges"`
}

// expand answers GET /api/expand?id=A&id=B: what /neighbours answers for
// each id at offset 0, in two statements however many ids.
func (h *handler) expand(w http.ResponseWriter, r *http.Request) (any, error) {
	q := r.URL.Query()
	ids, err := expandIDs(q["id"])
	if err != nil {
		return nil, err
	}
	limit, err := intParam(q, "limit", DefaultNeighbourLimit, 1, MaxNeighbourLimit)
	if err != nil {
		return nil, err
	}
	params, err := filterParams(q)
	if err != nil {
		return nil, err
	}
	if params["provenance"], err = provenanceParam(q); err != nil {
		return nil, err
	}
	list := make([]any, len(ids))
	for i, id := range ids {
		list[i] = id
	}
	params["ids"] = list
	ctx, cancel := h.queryContext(r.Context())
	defer cancel()
	found, err := h.cfg.Store.Query(ctx, lookupManyQuery, map[string]any{"ids": list})
	if err != nil {
		return nil, err
	}
	rows, err := h.cfg.Store.Query(ctx, expandQuery, params)
	if err != nil {
		return nil, err
	}

	c := newCollector()
	byID := map[string]value.Node{}
	for _, row := range found.Rows {
		if n, ok := row[0].(value.Node); ok {
			byID[modelID(n)] = n
		}
	}
	out := ExpandAnswer{Limit: limit, Expanded: []ExpandedPage{}, Missing: []string{}}
	for _, id := range ids {
		if n, ok := byID[id]; ok {
			c.addNode(n)
		} else {
			out.Missing = append(out.Missing, id)
		}
	}
	// The rows come grouped by node, each group in /neighbours order.
	pages := map[string][][]any{}
	for _, row := range rows.Rows {
		n, _ := row[0].(value.Node)
		pages[modelID(n)] = append(pages[modelID(n)], row)
	}
	budget := h.cfg.MaxExpandEdges
	seen := map[string]bool{}
	for _, id := range ids {
		if _, ok := byID[id]; !ok {
			continue
		}
		all := pages[id]
		page := all[:min(len(all), limit)]
		if len(page) > budget {
			page, out.Truncated = page[:budget], true
		}
		budget -= len(page)
		p := ExpandedPage{ID: id, Total: int64(len(all)), Edges: make([]string, 0, len(page))}
		for _, row := range page {
			rel, _ := row[1].(value.Relationship)
			m, _ := row[2].(value.Node)
			c.addNode(m)
			e := c.edge(rel)
			p.Edges = append(p.Edges, e.ID)
			if !seen[e.ID] {
				seen[e.ID] = true
				out.Edges = append(out.Edges, e)
			}
		}
		out.Expanded = append(out.Expanded, p)
	}
	out.Nodes = c.graph().Nodes
	if out.Edges == nil {
		out.Edges = []Edge{}
	}
	return out, nil
}

// expandIDs checks the ids of an expand call: one at least, at most
// MaxExpandIDs, none empty; repeats are dropped.
func expandIDs(raw []string) ([]string, error) {
	if len(raw) == 0 {
		return nil, badRequest(codeArgument, "give the nodes to expand as id=ID (repeated, at most %d)", MaxExpandIDs)
	}
	if len(raw) > MaxExpandIDs {
		return nil, badRequest(codeArgument, "at most %d ids in one expand call, got %d", MaxExpandIDs, len(raw))
	}
	ids := make([]string, 0, len(raw))
	seen := map[string]bool{}
	for _, id := range raw {
		if id == "" {
			return nil, badRequest(codeArgument, "an id is empty")
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}
