package neo4j

import (
	"fmt"

	"github.com/kgnews/kg/graph"
)

// loadPlan is a validated batch grouped for loading: nodes per label and
// relationships per type, in the model's order, duplicates merged.
type loadPlan struct {
	nodes map[string][]graph.Node         // by label
	rels  map[string][]graph.Relationship // by type
}

// planBatch validates b and groups it by label and type. Nodes or
// relationships with the same id are merged by graph.MergeProps in batch
// order (a node keeps its first label, as graph.Builder does). It returns an
// error naming the first invalid node or relationship: an empty id, a label
// or type outside the model, a missing endpoint id, or a property value
// Neo4j cannot store.
func planBatch(b *graph.Batch) (*loadPlan, error) {
	p := &loadPlan{nodes: make(map[string][]graph.Node), rels: make(map[string][]graph.Relationship)}
	if b == nil {
		return p, nil
	}
	labels, types := make(map[string]bool), make(map[string]bool)
	for _, l := range graph.Labels {
		labels[l] = true
	}
	for _, t := range graph.RelTypes {
		types[t] = true
	}
	type at struct {
		label string
		i     int
	}
	nodeAt := make(map[string]at, len(b.Nodes))
	for i, n := range b.Nodes {
		if n.ID == "" {
			return nil, fmt.Errorf("node %d (%s): empty id", i, n.Label)
		}
		if !labels[n.Label] {
			return nil, fmt.Errorf("node %s: label %q is not in kg's model %v", n.ID, n.Label, graph.Labels)
		}
		props, err := cleanProps(n.Props)
		if err != nil {
			return nil, fmt.Errorf("node %s: %w", n.ID, err)
		}
		if first, dup := nodeAt[n.ID]; dup {
			graph.MergeProps(p.nodes[first.label][first.i].Props, props)
			continue
		}
		n.Props = props
		nodeAt[n.ID] = at{n.Label, len(p.nodes[n.Label])}
		p.nodes[n.Label] = append(p.nodes[n.Label], n)
	}
	relAt := make(map[string]int, len(b.Relationships))
	for i, r := range b.Relationships {
		switch {
		case r.ID == "":
			return nil, fmt.Errorf("relationship %d (%s): empty id", i, r.Type)
		case !types[r.Type]:
			return nil, fmt.Errorf("relationship %s: type %q is not in kg's model %v", r.ID, r.Type, graph.RelTypes)
		case r.Start == "" || r.End == "":
			return nil, fmt.Errorf("relationship %s: empty endpoint id", r.ID)
		}
		props, err := cleanProps(r.Props)
		if err != nil {
			return nil, fmt.Errorf("relationship %s: %w", r.ID, err)
		}
		if at, dup := relAt[r.ID]; dup {
			graph.MergeProps(p.rels[r.Type][at].Props, props)
			continue
		}
		r.Props = props
		relAt[r.ID] = len(p.rels[r.Type])
		p.rels[r.Type] = append(p.rels[r.Type], r)
	}
	return p, nil
}

// cleanProps returns a copy of props normalised as graph.MergeProps stores
// them: lists sorted without duplicates, empty values and the "id" key
// dropped, ints widened to int64. Values Neo4j cannot store are an error.
func cleanProps(props graph.Props) (graph.Props, error) {
	src := make(graph.Props, len(props))
	for k, v := range props {
		if k == graph.PropID {
			continue
		}
		switch x := v.(type) {
		case nil, string, int64, float64, bool, []string:
		case int:
			v = int64(x)
		case int32:
			v = int64(x)
		case float32:
			v = float64(x)
		default:
			return nil, fmt.Errorf("property %s: unsupported value of type %T", k, v)
		}
		src[k] = v
	}
	out := make(graph.Props, len(src))
	graph.MergeProps(out, src)
	return out, nil
}

// row is one parameter row of a load statement.
type row = map[string]any

// propsParam converts merged properties to the driver's parameter form.
func propsParam(p graph.Props) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = v
	}
	return out
}

// propNew marks the nodes and relationships that a load's lock statement
// created; its update statement removes the mark in the same transaction.
const propNew = "_kgNew"

// mergeRows merges the properties of a chunk of n nodes or relationships
// (at(i) gives the id and properties of the i-th) with those stored for them
// (marked with propNew when this load created them) and returns the rows to
// write, new and changed ones only, and how many of those are new. stored
// is not modified.
func mergeRows(n int, at func(int) (string, graph.Props), stored map[string]graph.Props) (rows []row, nNew, nChanged int) {
	for i := range n {
		id, props := at(i)
		old := stored[id]
		_, isNew := old[propNew]
		merged := old.Clone()
		delete(merged, propNew)
		changed := graph.MergeProps(merged, props)
		switch {
		case isNew || old == nil:
			nNew++
		case changed:
			nChanged++
		default:
			continue
		}
		rows = append(rows, row{"id": id, "props": propsParam(merged)})
	}
	return rows, nNew, nChanged
}

// mergeNodeRows is mergeRows for a chunk of nodes, with the counts.
func mergeNodeRows(chunk []graph.Node, stored map[string]graph.Props) ([]row, graph.LoadStats) {
	rows, c, u := mergeRows(len(chunk), func(i int) (string, graph.Props) { return chunk[i].ID, chunk[i].Props }, stored)
	return rows, graph.LoadStats{NodesCreated: c, NodesUpdated: u}
}

// mergeRelRows is mergeRows for a chunk of relationships, with the counts.
func mergeRelRows(chunk []graph.Relationship, stored map[string]graph.Props) ([]row, graph.LoadStats) {
	rows, c, u := mergeRows(len(chunk), func(i int) (string, graph.Props) { return chunk[i].ID, chunk[i].Props }, stored)
	return rows, graph.LoadStats{RelationshipsCreated: c, RelationshipsUpdated: u}
}

// relLockRows returns the rel-lock rows of a chunk: ids and endpoints.
func relLockRows(chunk []graph.Relationship) []row {
	rows := make([]row, len(chunk))
	for i, r := range chunk {
		rows[i] = row{"id": r.ID, "start": r.Start, "end": r.End}
	}
	return rows
}

// missingEndpoints returns the ids of the rel-lock rows not among found:
// relationships whose start or end node does not exist.
func missingEndpoints(lock []row, found map[string]bool) []string {
	var out []string
	for _, r := range lock {
		if id := r["id"].(string); !found[id] {
			out = append(out, fmt.Sprintf("%s (%s → %s)", id, r["start"], r["end"]))
		}
	}
	return out
}

// eachChunk calls f with each group of groups, in the order of keys, split
// into chunks of at most size, and stops at the first error.
func eachChunk[T any](groups map[string][]T, keys []string, size int, f func(key string, chunk []T) error) error {
	for _, k := range keys {
		g := groups[k]
		for lo := 0; lo < len(g); lo += size {
			if err := f(k, g[lo:min(lo+size, len(g))]); err != nil {
				return err
			}
		}
	}
	return nil
}

// ids returns the ids of a chunk of nodes or relationships.
func nodeIDs(ns []graph.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func relIDs(rs []graph.Relationship) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}
