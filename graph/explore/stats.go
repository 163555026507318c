package explore

import "net/http"

// StatsAnswer is GET /api/stats: the store's kind and its counts.
type StatsAnswer struct {
	Store  string         `json:"store"`
	Labels map[string]int `json:"labels"`
	Types  map[string]int `json:"types"`
}

func (h *handler) stats(w http.ResponseWriter, r *http.Request) (any, error) {
	ctx, cancel := h.queryContext(r.Context())
	defer cancel()
	c, err := h.cfg.Store.Counts(ctx)
	if err != nil {
		return nil, err
	}
	out := StatsAnswer{Store: h.cfg.StoreKind, Labels: c.Nodes, Types: c.Relationships}
	if out.Labels == nil {
		out.Labels = map[string]int{}
	}
	if out.Types == nil {
		out.Types = map[string]int{}
	}
	return out, nil
}
