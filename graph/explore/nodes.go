package explore

import (
	"context"
	"net/http"

	"github.com/kgnews/kg/graph/value"
)

// Neighbour limits.
const (
	DefaultNeighbourLimit = 50
	MaxNeighbourLimit     = 500
	maxOffset             = 100_000
)

// NodeAnswer is GET /api/nodes/{id}: the node and its relationships
// counted by type.
type NodeAnswer struct {
	Node   Node             `json:"node"`
	Degree map[string]int64 `json:"degree"`
}

// node answers GET /api/nodes/{id}.
func (h *handler) node(w http.ResponseWriter, r *http.Request) (any, error) {
	id := r.PathValue("id")
	ctx, cancel := h.queryContext(r.Context())
	defer cancel()
	res, err := h.cfg.Store.Query(ctx, nodeQuery, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(res.Rows) == 0 {
		return nil, notFound("no node with id %s", quote(id))
	}
	n, _ := res.Rows[0][0].(value.Node)
	out := NodeAnswer{Node: nodeOf(n), Degree: map[string]int64{}}
	for _, row := range res.Rows {
		if t, ok := row[1].(string); ok {
			out.Degree[t] += toInt(row[2])
		}
	}
	return out, nil
}

// NeighboursAnswer is GET /api/nodes/{id}/neighbours: one page of a
// node's relationships and the nodes at their other ends.
type NeighboursAnswer struct {
	Node   Node   `json:"node"`
	Nodes  []Node `json:"nodes"`
	Edges  []Edge `json:"edges"`
	Total  int64  `json:"total"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
}

// neighbours answers GET /api/nodes/{id}/neighbours.
func (h *handler) neighbours(w http.ResponseWriter, r *http.Request) (any, error) {
	q := r.URL.Query()
	id := r.PathValue("id")
	limit, err := intParam(q, "limit", DefaultNeighbourLimit, 1, MaxNeighbourLimit)
	if err != nil {
		return nil, err
	}
	offset, err := intParam(q, "offset", 0, 0, maxOffset)
	if err != nil {
		return nil, err
	}
	params, err := filterParams(q)
	if err != nil {
		return nil, err
	}
	params["id"] = id
	if params["provenance"], err = provenanceParam(q); err != nil {
		return nil, err
	}
	ctx, cancel := h.queryContext(r.Context())
	defer cancel()
	center, err := h.lookupNode(ctx, id)
	if err != nil {
		return nil, err
	}
	count, err := h.cfg.Store.Query(ctx, neighbourCountQuery, params)
	if err != nil {
		return nil, err
	}
	params["offset"], params["limit"] = int64(offset), int64(limit)
	page, err := h.cfg.Store.Query(ctx, neighbourPageQuery, params)
	if err != nil {
		return nil, err
	}
	out := NeighboursAnswer{Node: center, Offset: offset, Limit: limit}
	if len(count.Rows) > 0 {
		out.Total = toInt(count.Rows[0][0])
	}
	out.Nodes, out.Edges, _ = newCollector().edgeRows(page.Rows, center.ID)
	return out, nil
}

// filterParams reads the type and date filters shared by neighbours and
// timeline: repeated type=, from=, to=.
func filterParams(q map[string][]string) (map[string]any, error) {
	params := map[string]any{"types": nil, "from": nil, "to": nil}
	if types := q["type"]; len(types) > 0 {
		list := make([]any, len(types))
		for i, t := range types {
			list[i] = t
		}
		params["types"] = list
	}
	from, err := dateParam(q, "from")
	if err != nil {
		return nil, err
	}
	to, err := dateParam(q, "to")
	if err != nil {
		return nil, err
	}
	if from != "" {
		params["from"] = from
	}
	if to != "" {
		// "2025-10" ends after every day of October: "2025-10-31" < "2025-10~"
		params["to"] = to + "~"
	}
	return params, nil
}

// provenanceParam reads provenance=true|false (default false).
func provenanceParam(q map[string][]string) (bool, error) {
	var p string
	if v := q["provenance"]; len(v) > 0 {
		p = v[0]
	}
	switch p {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, badRequest(codeArgument, "provenance must be true or false, got %s", quote(p))
}

// lookupNode returns the node with id, or a 404.
func (h *handler) lookupNode(ctx context.Context, id string) (Node, error) {
	res, err := h.cfg.Store.Query(ctx, lookupQuery, map[string]any{"id": id})
	if err != nil {
		return Node{}, err
	}
	if len(res.Rows) == 0 {
		return Node{}, notFound("no node with id %s", quote(id))
	}
	n, _ := res.Rows[0][0].(value.Node)
	return nodeOf(n), nil
}
