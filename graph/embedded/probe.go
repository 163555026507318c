package embedded

import (
	"context"
	"errors"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

// Opening without loading
//
// The engine runs on an in-memory graph that is built by decoding the
// whole file, which costs time in proportion to the store (about 0.3 s
// for the 18,756 Reuters stories). A read-only query that never reads the
// graph — RETURN 1, arithmetic on parameters, UNWIND of literals, a
// function of the date — needs none of it: before building the graph for
// the first time, a query is run once on probeGraph, an empty graph that
// notices any read (a scan, a count, an index lookup, an expansion, a
// property or label read, a procedure listing labels). If nothing was
// read, the query's answer cannot depend on the graph and is the answer;
// otherwise the probe is stopped at once, its result dropped, and the
// query runs on the graph built as before. This is the first step
// towards opening in constant time; queries that read data still load
// the whole graph (see README, Performance).

// probeGraph is an empty graph that notices being read: a read-only query
// that runs on it without reading it would give the same answer on any
// graph. Its first read cancels the probe's context, so that a query that
// reads data stops at once.
type probeGraph struct {
	*memgraph.Graph // empty
	read            bool
	cancel          context.CancelFunc
}

func (p *probeGraph) touch() {
	if !p.read {
		p.read = true
		p.cancel()
	}
}

func (p *probeGraph) ScanNodes(string, func(int64) bool) { p.touch() }
func (p *probeGraph) LabelCount(string) int              { p.touch(); return 0 }
func (p *probeGraph) LookupNodes(string, string, any, func(int64) bool) bool {
	p.touch()
	return true
}
func (p *probeGraph) LookupRels(string, any, func(int64) bool) bool { p.touch(); return true }
func (p *probeGraph) ScanRels([]string, func(int64) bool) bool      { p.touch(); return true }
func (p *probeGraph) LookupNames(string, string, func(int64) bool) bool {
	p.touch()
	return true
}
func (p *probeGraph) Expand(int64, cypher.Direction, []string, func(int64, int64) bool) { p.touch() }
func (p *probeGraph) NodeExists(int64) bool                                             { p.touch(); return false }
func (p *probeGraph) NodeLabels(int64) []string                                         { p.touch(); return nil }
func (p *probeGraph) HasLabel(int64, string) bool                                       { p.touch(); return false }
func (p *probeGraph) NodeProps(int64) map[string]any                                    { p.touch(); return nil }
func (p *probeGraph) NodeProp(int64, string) (any, bool)                                { p.touch(); return nil, false }
func (p *probeGraph) Rel(int64) (string, int64, int64, bool)                            { p.touch(); return "", 0, 0, false }
func (p *probeGraph) RelProps(int64) map[string]any                                     { p.touch(); return nil }
func (p *probeGraph) RelProp(int64, string) (any, bool)                                 { p.touch(); return nil, false }
func (p *probeGraph) Degree(int64) int                                                  { p.touch(); return 0 }

// The optional lookups are overridden too: the empty graph's own would
// answer without noticing the read.
var (
	_ cypher.Graph      = (*probeGraph)(nil)
	_ cypher.RelLookup  = (*probeGraph)(nil)
	_ cypher.NameLookup = (*probeGraph)(nil)
	_ cypher.RelScanner = (*probeGraph)(nil)
)

// runWithoutData runs the read-only statement st on probeGraph. It reports
// ok when the query read nothing of the graph: res and err are then its
// outcome on any graph.
func runWithoutData(ctx context.Context, st *cypher.Statement, params map[string]any) (res *cypher.Result, ok bool, err error) {
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := &probeGraph{Graph: memgraph.New(), cancel: cancel}
	res, err = st.Run(pctx, p, params)
	if p.read {
		return nil, false, nil
	}
	if err != nil && errors.Is(err, context.Canceled) && ctx.Err() == nil {
		return nil, false, nil // not ours to report
	}
	return res, true, err
}
