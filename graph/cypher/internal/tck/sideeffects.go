package tck

import (
	"fmt"
	"sort"
	"strings"
)

// The side-effect counters of the TCK, as named in "the side effects should
// be:" tables.
const (
	NodesCreated         = "+nodes"
	NodesDeleted         = "-nodes"
	RelationshipsCreated = "+relationships"
	RelationshipsDeleted = "-relationships"
	LabelsAdded          = "+labels"
	LabelsRemoved        = "-labels"
	PropertiesAdded      = "+properties"
	PropertiesRemoved    = "-properties"
)

// counterNames lists the counters in the order they are reported.
var counterNames = []string{
	NodesCreated, NodesDeleted, RelationshipsCreated, RelationshipsDeleted,
	LabelsAdded, LabelsRemoved, PropertiesAdded, PropertiesRemoved,
}

// SideEffects maps counter names (such as [NodesCreated]) to counts.
type SideEffects map[string]int

// String lists the non-zero counters, e.g. "+nodes 1, +labels 1", or "none".
func (s SideEffects) String() string {
	var parts []string
	for _, k := range counterNames {
		if s[k] != 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, s[k]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// Snapshot is the state of a graph as the TCK's side-effect counters see it:
// the sets of node ids and relationship ids, the set of label names in use,
// and the set of (entity, key, value) property entries.
type Snapshot struct {
	nodes  map[int64]bool
	rels   map[int64]bool
	labels map[string]bool
	props  map[propEntry]bool
}

type propEntry struct {
	rel   bool
	id    int64
	key   string
	value string // Format of the value: equal values, equal text
}

// TakeSnapshot records the state of a graph holding nodes and rels. Engines
// must never reuse ids within a graph, or created and deleted entities would
// cancel out.
func TakeSnapshot(nodes []Node, rels []Relationship) *Snapshot {
	s := &Snapshot{
		nodes:  make(map[int64]bool, len(nodes)),
		rels:   make(map[int64]bool, len(rels)),
		labels: map[string]bool{},
		props:  map[propEntry]bool{},
	}
	for _, n := range nodes {
		s.nodes[n.ID] = true
		for _, l := range n.Labels {
			s.labels[l] = true
		}
		for k, v := range n.Props {
			s.props[propEntry{id: n.ID, key: k, value: Format(v)}] = true
		}
	}
	for _, r := range rels {
		s.rels[r.ID] = true
		for k, v := range r.Props {
			s.props[propEntry{rel: true, id: r.ID, key: k, value: Format(v)}] = true
		}
	}
	return s
}

// Empty reports whether the graph had no nodes and no relationships.
func (s *Snapshot) Empty() bool { return len(s.nodes) == 0 && len(s.rels) == 0 }

// Diff returns the side effects that turned s into after: entities and
// property entries present in only one of them, and label names in use in
// only one of them. A changed property value counts as one removed and one
// added entry. Every counter is present in the result.
func (s *Snapshot) Diff(after *Snapshot) SideEffects {
	d := SideEffects{}
	d[NodesCreated], d[NodesDeleted] = setDiff(s.nodes, after.nodes)
	d[RelationshipsCreated], d[RelationshipsDeleted] = setDiff(s.rels, after.rels)
	d[LabelsAdded], d[LabelsRemoved] = setDiff(s.labels, after.labels)
	d[PropertiesAdded], d[PropertiesRemoved] = setDiff(s.props, after.props)
	return d
}

// setDiff counts the keys only in after (added) and only in before (removed).
func setDiff[K comparable](before, after map[K]bool) (added, removed int) {
	for k := range after {
		if !before[k] {
			added++
		}
	}
	for k := range before {
		if !after[k] {
			removed++
		}
	}
	return added, removed
}

// parseSideEffects reads a "the side effects should be:" table of
// "| +nodes | 1 |" rows; unlisted counters are zero.
func parseSideEffects(table [][]string) (SideEffects, error) {
	want := SideEffects{}
	for _, k := range counterNames {
		want[k] = 0
	}
	for _, row := range table {
		if len(row) != 2 {
			return nil, fmt.Errorf("side effects row %q: want 2 cells", row)
		}
		if _, ok := want[row[0]]; !ok {
			return nil, fmt.Errorf("unknown side effect %q", row[0])
		}
		var n int
		if _, err := fmt.Sscanf(row[1], "%d", &n); err != nil || n < 0 {
			return nil, fmt.Errorf("side effect %s: bad count %q", row[0], row[1])
		}
		want[row[0]] = n
	}
	return want, nil
}

// equalSideEffects compares every counter of want and got.
func equalSideEffects(want, got SideEffects) bool {
	keys := make([]string, 0, len(want)+len(got))
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if want[k] != got[k] {
			return false
		}
	}
	return true
}
