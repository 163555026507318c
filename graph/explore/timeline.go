package explore

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

// MaxTimelineEvents bounds a timeline; an answer cut there says truncated.
const MaxTimelineEvents = 1000

// Event is one fact on a timeline.
type Event struct {
	Date    string `json:"date"`
	Type    string `json:"type"`
	Edge    Edge   `json:"edge"`
	Sources int    `json:"sources"`
}

// TimelineAnswer is GET /api/timeline.
type TimelineAnswer struct {
	A         Node    `json:"a"`
	B         *Node   `json:"b"`
	Events    []Event `json:"events"`
	Nodes     []Node  `json:"nodes"`
	Truncated bool    `json:"truncated"`
}

// timeline answers GET /api/timeline?a=ID[&b=ID][&type=T…][&from=&to=]:
// the fact relationships of a (with b: only those between a and b) sorted
// by date.
func (h *handler) timeline(w http.ResponseWriter, r *http.Request) (any, error) {
	q := r.URL.Query()
	a, b := q.Get("a"), q.Get("b")
	if a == "" {
		return nil, badRequest(codeArgument, "give the id of the entity as a (and of a second one as b)")
	}
	params, err := filterParams(q)
	if err != nil {
		return nil, err
	}
	facts := make([]any, len(graph.FactTypes))
	for i, t := range graph.FactTypes {
		facts[i] = t
	}
	params["a"], params["b"], params["facts"], params["limit"] = a, nil, facts, int64(MaxTimelineEvents+1)
	ctx, cancel := h.queryContext(r.Context())
	defer cancel()
	out := TimelineAnswer{Events: []Event{}}
	if out.A, err = h.lookupNode(ctx, a); err != nil {
		return nil, err
	}
	if b != "" {
		nb, err := h.lookupNode(ctx, b)
		if err != nil {
			return nil, err
		}
		out.B, params["b"] = &nb, b
	}
	res, err := h.cfg.Store.Query(ctx, timelineQuery, params)
	if err != nil {
		return nil, err
	}
	rows := res.Rows
	if len(rows) > MaxTimelineEvents {
		rows, out.Truncated = rows[:MaxTimelineEvents], true
	}
	var edges []Edge
	var rels []value.Relationship
	out.Nodes, edges, rels = newCollector().edgeRows(rows, out.A.ID)
	for i, e := range edges {
		date, _ := rels[i].Props[graph.PropDate].(string)
		out.Events = append(out.Events, Event{Date: date, Type: e.Type, Edge: e,
			Sources: len(stringList(rels[i].Props[graph.PropSources]))})
	}
	// by date, undated facts last (the query's order breaks ties)
	slices.SortStableFunc(out.Events, func(x, y Event) int {
		return cmp.Or(cmp.Compare(undated(x), undated(y)), cmp.Compare(x.Date, y.Date))
	})
	return out, nil
}

func undated(e Event) int {
	if e.Date == "" {
		return 1
	}
	return 0
}
