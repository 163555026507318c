package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/kgnews/kg/graph"
)

// ReadExport decodes a graph in the JSON export format of DESIGN.md (what
// `kg export --format json` writes and the independent scorer reads):
// {"nodes":[{"id","labels","properties"}],"relationships":[{"id","type",
// "start","end","properties"}]}. A node's first label is its label; JSON
// numbers become float64 and arrays of strings []string. Unknown fields are
// ignored, as the scorer ignores them.
func ReadExport(r io.Reader) (*graph.Batch, error) {
	var raw struct {
		Nodes []struct {
			ID         string         `json:"id"`
			Labels     []string       `json:"labels"`
			Properties map[string]any `json:"properties"`
		} `json:"nodes"`
		Relationships []struct {
			ID         string         `json:"id"`
			Type       string         `json:"type"`
			Start      string         `json:"start"`
			End        string         `json:"end"`
			Properties map[string]any `json:"properties"`
		} `json:"relationships"`
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("failed to read export: %w", err)
	}
	b := &graph.Batch{}
	for i, n := range raw.Nodes {
		if n.ID == "" {
			return nil, fmt.Errorf("failed to read export: nodes[%d] has no id", i)
		}
		node := graph.Node{ID: n.ID, Props: exportProps(n.Properties)}
		if len(n.Labels) > 0 {
			node.Label = n.Labels[0]
		}
		b.Nodes = append(b.Nodes, node)
	}
	for i, r := range raw.Relationships {
		if r.Type == "" || r.Start == "" || r.End == "" {
			return nil, fmt.Errorf("failed to read export: relationships[%d] lacks a type, start or end", i)
		}
		b.Relationships = append(b.Relationships, graph.Relationship{ID: r.ID, Type: r.Type, Start: r.Start, End: r.End, Props: exportProps(r.Properties)})
	}
	return b, nil
}

// LoadExport reads the export file at path (see ReadExport).
func LoadExport(path string) (*graph.Batch, error) {
	return loadFile(path, "export", ReadExport)
}

// loadFile reads the file at path with read, whose error it prefixes with
// the path; what names the file in the error of opening it.
func loadFile[T any](path, what string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("failed to open %s: %w", what, err)
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// exportProps turns arrays of strings into []string, as the stores hold
// them; other values stay as decoded.
func exportProps(p map[string]any) graph.Props {
	out := make(graph.Props, len(p))
	for k, v := range p {
		if list, ok := v.([]any); ok {
			strs := make([]string, 0, len(list))
			for _, x := range list {
				s, ok := x.(string)
				if !ok {
					strs = nil
					break
				}
				strs = append(strs, s)
			}
			if strs != nil || len(list) == 0 {
				out[k] = strs
				continue
			}
		}
		out[k] = v
	}
	return out
}
