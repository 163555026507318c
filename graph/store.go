package graph

import (
	"context"
	"errors"

	"github.com/kgnews/kg/graph/value"
)

// Store is a Cypher-queryable graph store: the one interface the command line
// talks to. Implementations: graph/embedded (bbolt file, kg's own Cypher
// engine) and graph/neo4j (a Neo4j 5 server). Both must give the same answers
// to the same query on the same graph.
type Store interface {
	// Load merges b into the store with the merge rules of MergeProps: a node
	// or relationship whose id exists is updated, never duplicated. Loading
	// the same batch twice changes nothing the second time.
	Load(ctx context.Context, b *Batch) (LoadStats, error)
	// Query runs a Cypher query with parameters and returns its columns and
	// rows. Values are nil, bool, int64, float64, string, []any,
	// map[string]any, value.Node, value.Relationship, value.Path and
	// value.Point; temporal
	// values (dates, times, durations) are strings in Neo4j's format.
	Query(ctx context.Context, cypher string, params map[string]any) (*Result, error)
	// Counts returns the number of nodes per label and relationships per type.
	Counts(ctx context.Context) (*Counts, error)
	// Snapshot returns the whole graph as a batch sorted by SortBatch.
	Snapshot(ctx context.Context) (*Batch, error)
	// Close releases the store. It is safe to call once.
	Close() error
}

// ErrStoreInUse is returned when another process holds the store for writing.
var ErrStoreInUse = errors.New("store is in use by another kg process")

// LoadStats counts what a Load created and changed.
type LoadStats struct {
	NodesCreated         int
	NodesUpdated         int
	RelationshipsCreated int
	RelationshipsUpdated int
}

// Add adds o to s.
func (s *LoadStats) Add(o LoadStats) {
	s.NodesCreated += o.NodesCreated
	s.NodesUpdated += o.NodesUpdated
	s.RelationshipsCreated += o.RelationshipsCreated
	s.RelationshipsUpdated += o.RelationshipsUpdated
}

// Counts is the size of a graph: nodes per label and relationships per type.
type Counts struct {
	Nodes         map[string]int
	Relationships map[string]int
}

// TotalNodes returns the number of nodes over all labels.
func (c *Counts) TotalNodes() int { return sum(c.Nodes) }

// TotalRelationships returns the number of relationships over all types.
func (c *Counts) TotalRelationships() int { return sum(c.Relationships) }

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// Result is the outcome of a Cypher query: column names and rows of values.
// Plan is set for a query that starts with EXPLAIN (no rows then) or
// PROFILE (rows and db hits counted per operator), when the store returns
// plans; else it is nil.
type Result struct {
	Columns []string
	Rows    [][]any
	Stats   value.Stats
	Plan    *value.Plan
}
