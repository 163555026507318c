package tck

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// GraphMeta is the metadata file of a TCK named graph
// (graphs/<name>/<name>.json, described in graphs/named-graphs.adoc): the
// scripts that create it and statistics of its composition. An empty label,
// type or key is a wildcard.
type GraphMeta struct {
	Name          string      `json:"name"`
	Scripts       []string    `json:"scripts"`
	Nodes         []GraphStat `json:"nodes"`
	Relationships []GraphStat `json:"relationships"`
	Labels        []LabelStat `json:"labels"`
}

// GraphStat counts the entities of a label (nodes) or type (relationships)
// having a property key: Count entities, Distinct values.
type GraphStat struct {
	Label    string `json:"label"`
	Type     string `json:"type"`
	Key      string `json:"key"`
	Count    int    `json:"count"`
	Distinct int    `json:"distinct"`
}

// LabelStat counts the nodes with a label, and with it each sublabel.
type LabelStat struct {
	Label     string `json:"label"`
	Count     int    `json:"count"`
	Sublabels []struct {
		Label string `json:"label"`
		Count int    `json:"count"`
	} `json:"sublabels"`
}

// loadGraphMeta reads the metadata of named graph name from graphs; without
// a metadata file the graph is the single script <name>/<name>.cypher.
func loadGraphMeta(graphs fs.FS, name string) (*GraphMeta, error) {
	data, err := fs.ReadFile(graphs, name+"/"+name+".json")
	if errors.Is(err, fs.ErrNotExist) {
		return &GraphMeta{Name: name, Scripts: []string{name}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("failed to read named graph metadata: %w", err)
	}
	var m GraphMeta
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("failed to parse named graph metadata %s: %w", name, err)
	}
	if len(m.Scripts) == 0 {
		m.Scripts = []string{name}
	}
	return &m, nil
}

// SplitStatements splits a script into its statements, separated by
// semicolons outside string literals, quoted names and comments. Statements
// are trimmed; empty ones are dropped.
func SplitStatements(script string) []string {
	var stmts []string
	start := 0
	add := func(end int) {
		if s := strings.TrimSpace(script[start:end]); s != "" {
			stmts = append(stmts, s)
		}
	}
	for i := 0; i < len(script); i++ {
		switch c := script[i]; {
		case c == '\'' || c == '"' || c == '`':
			for i++; i < len(script) && script[i] != c; i++ {
				if script[i] == '\\' && c != '`' {
					i++
				}
			}
		case c == '/' && i+1 < len(script) && script[i+1] == '/':
			for i < len(script) && script[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(script) && script[i+1] == '*':
			end := strings.Index(script[i+2:], "*/")
			if end < 0 {
				i = len(script)
			} else {
				i += end + 3
			}
		case c == ';':
			add(i)
			start = i + 1
		}
	}
	add(len(script))
	return stmts
}

// Check compares the statistics of m with the graph holding nodes and rels
// and returns an error listing every difference.
func (m *GraphMeta) Check(nodes []Node, rels []Relationship) error {
	var errs []error
	for _, st := range m.Nodes {
		count, distinct := 0, map[string]bool{}
		for _, n := range nodes {
			if st.Label != "" && !hasLabel(n.Labels, st.Label) {
				continue
			}
			countEntity(st.Key, n.Props, &count, distinct)
		}
		errs = append(errs, st.check("nodes", st.Label, count, len(distinct)))
	}
	for _, st := range m.Relationships {
		count, distinct := 0, map[string]bool{}
		for _, r := range rels {
			if st.Type != "" && r.Type != st.Type {
				continue
			}
			countEntity(st.Key, r.Props, &count, distinct)
		}
		errs = append(errs, st.check("relationships", st.Type, count, len(distinct)))
	}
	for _, ls := range m.Labels {
		count := 0
		sub := map[string]int{}
		for _, n := range nodes {
			if !hasLabel(n.Labels, ls.Label) {
				continue
			}
			count++
			for _, l := range n.Labels {
				sub[l]++
			}
		}
		if count != ls.Count {
			errs = append(errs, fmt.Errorf("%d nodes labelled %s, want %d", count, ls.Label, ls.Count))
		}
		for _, s := range ls.Sublabels {
			if sub[s.Label] != s.Count {
				errs = append(errs, fmt.Errorf("%d nodes labelled %s and %s, want %d", sub[s.Label], ls.Label, s.Label, s.Count))
			}
		}
	}
	return errors.Join(errs...)
}

// countEntity counts an entity with properties props for key ("" for the
// entity itself) and records the distinct values seen.
func countEntity(key string, props map[string]any, count *int, distinct map[string]bool) {
	if key == "" {
		*count++
		distinct[""] = true
		return
	}
	if v, ok := props[key]; ok && v != nil {
		*count++
		distinct[Format(v)] = true
	}
}

func (st GraphStat) check(what, name string, count, distinct int) error {
	if count == st.Count && distinct == st.Distinct {
		return nil
	}
	if name == "" {
		name = "any"
	}
	key := st.Key
	if key == "" {
		key = "any key"
	}
	return fmt.Errorf("%s %s / %s: count %d distinct %d, want count %d distinct %d",
		what, name, key, count, distinct, st.Count, st.Distinct)
}

func hasLabel(labels []string, l string) bool {
	for _, x := range labels {
		if x == l {
			return true
		}
	}
	return false
}
