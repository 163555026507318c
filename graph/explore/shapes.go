package explore

import (
	"fmt"
	"slices"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

// Node is a node as the API answers it: the model's id, its labels, its
// name and every other stored property.
type Node struct {
	ID         string         `json:"id"`
	Labels     []string       `json:"labels"`
	Name       string         `json:"name"`
	Properties map[string]any `json:"properties"`
}

// Edge is a relationship as the API answers it, between node ids.
type Edge struct {
	ID         string         `json:"id"`
	Type       string         `json:"type"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	Properties map[string]any `json:"properties"`
}

// Graph is the nodes and edges found in a result, for drawing it.
type Graph struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// nodeOf converts a result node.
func nodeOf(n value.Node) Node {
	props := propsOf(n.Props)
	id := modelID(n)
	name, _ := n.Props[graph.PropName].(string)
	labels := slices.Clone(n.Labels)
	if labels == nil {
		labels = []string{}
	}
	return Node{ID: id, Labels: labels, Name: name, Properties: props}
}

// modelID is the model id of a result node, or "element:" and its
// element id when it has none.
func modelID(n value.Node) string {
	if id, _ := n.Props[graph.PropID].(string); id != "" {
		return id
	}
	return "element:" + n.ElementID
}

// edgeOf converts a result relationship whose ends have the model ids
// start and end.
func edgeOf(r value.Relationship, start, end string) Edge {
	props := propsOf(r.Props)
	id, _ := r.Props[graph.PropID].(string)
	if id == "" {
		id = "element:" + r.ElementID
	}
	return Edge{ID: id, Type: r.Type, Start: start, End: end, Properties: props}
}

// propsOf converts stored properties, all but the id.
func propsOf(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		if k != graph.PropID {
			out[k] = jsonValue(v, nil)
		}
	}
	return out
}

// edgeRows reads rows of (n, r, m) — a node, one of its relationships and
// the node at its other end — into the edges and the other ends, each
// end once and never n.
func (c *collector) edgeRows(rows [][]any, center string) (others []Node, edges []Edge, rels []value.Relationship) {
	others, edges = []Node{}, []Edge{}
	seen := map[string]bool{center: true}
	for _, row := range rows {
		n, _ := row[0].(value.Node)
		r, _ := row[1].(value.Relationship)
		m, _ := row[2].(value.Node)
		c.addNode(n)
		if mn := c.addNode(m); !seen[mn.ID] {
			seen[mn.ID] = true
			others = append(others, mn)
		}
		edges = append(edges, c.edge(r))
		rels = append(rels, r)
	}
	return others, edges, rels
}

// collector gathers the nodes and edges of a result, each once, and maps
// element ids to model ids.
type collector struct {
	nodes    map[string]Node // by element id
	edges    map[string]value.Relationship
	nodeList []string // element ids in order of discovery
	edgeList []string
}

func newCollector() *collector {
	return &collector{nodes: map[string]Node{}, edges: map[string]value.Relationship{}}
}

func (c *collector) addNode(n value.Node) Node {
	if got, ok := c.nodes[n.ElementID]; ok {
		return got
	}
	out := nodeOf(n)
	c.nodes[n.ElementID] = out
	c.nodeList = append(c.nodeList, n.ElementID)
	return out
}

func (c *collector) addEdge(r value.Relationship) {
	if _, ok := c.edges[r.ElementID]; !ok {
		c.edges[r.ElementID] = r
		c.edgeList = append(c.edgeList, r.ElementID)
	}
}

// endID is the model id of the node with element id eid, if collected.
func (c *collector) endID(eid string) string {
	if n, ok := c.nodes[eid]; ok {
		return n.ID
	}
	return "element:" + eid
}

// edge converts r, its ends named by model id when collected.
func (c *collector) edge(r value.Relationship) Edge {
	return edgeOf(r, c.endID(r.StartElementID), c.endID(r.EndElementID))
}

// graph returns what was collected, in order of discovery.
func (c *collector) graph() Graph {
	g := Graph{Nodes: make([]Node, 0, len(c.nodeList)), Edges: make([]Edge, 0, len(c.edgeList))}
	for _, eid := range c.nodeList {
		g.Nodes = append(g.Nodes, c.nodes[eid])
	}
	for _, eid := range c.edgeList {
		g.Edges = append(g.Edges, c.edge(c.edges[eid]))
	}
	return g
}

// walk collects the graph elements inside v (lists, maps, paths).
func (c *collector) walk(v any) {
	switch v := v.(type) {
	case value.Node:
		c.addNode(v)
	case value.Relationship:
		c.addEdge(v)
	case value.Path:
		for _, n := range v.Nodes {
			c.addNode(n)
		}
		for _, r := range v.Relationships {
			c.addEdge(r)
		}
	case []any:
		for _, x := range v {
			c.walk(x)
		}
	case map[string]any:
		for _, x := range v {
			c.walk(x)
		}
	}
}

// jsonValue converts a result value to what encoding/json writes as the
// API says: scalars, lists and maps as they are (non-finite floats as the
// strings "NaN", "Infinity", "-Infinity"), temporal values as their ISO
// text, nodes as {"$node": Node}, relationships as {"$edge": Edge} and
// paths as {"$path": {nodes, edges}}; a value outside the model as its
// printed form. Edge ends are model ids when c has collected the end
// nodes, else "element:" and the element id; c may be nil.
func jsonValue(v any, c *collector) any {
	if c == nil {
		c = newCollector()
	}
	b := jsonBuilder{c: c}
	if err := value.Walk(v, &b); err != nil {
		return fmt.Sprint(v)
	}
	return b.Out
}

// jsonBuilder is the value.Visitor behind jsonValue: each method leaves
// the converted value in Out; scalars as value.JSONScalars builds them.
type jsonBuilder struct {
	value.JSONScalars
	c *collector
}

func (b *jsonBuilder) Float(v float64) error {
	if s, ok := value.NonFinite(v); ok {
		b.Out = s
	} else {
		b.Out = v
	}
	return nil
}

func (b *jsonBuilder) List(l []any) error {
	out := make([]any, len(l))
	for i, x := range l {
		out[i] = jsonValue(x, b.c)
	}
	b.Out = out
	return nil
}

func (b *jsonBuilder) Map(m map[string]any) error {
	out := make(map[string]any, len(m))
	for k, x := range m {
		out[k] = jsonValue(x, b.c)
	}
	b.Out = out
	return nil
}

func (b *jsonBuilder) Node(n value.Node) error {
	b.Out = map[string]any{"$node": nodeOf(n)}
	return nil
}

func (b *jsonBuilder) Relationship(r value.Relationship) error {
	b.Out = map[string]any{"$edge": b.c.edge(r)}
	return nil
}

func (b *jsonBuilder) Path(p value.Path) error {
	out := Graph{Nodes: make([]Node, len(p.Nodes)), Edges: make([]Edge, len(p.Relationships))}
	for i, n := range p.Nodes {
		out.Nodes[i] = nodeOf(n)
	}
	for i, r := range p.Relationships {
		out.Edges[i] = b.c.edge(r)
	}
	b.Out = map[string]any{"$path": out}
	return nil
}
