package cypher

import (
	"strings"

	"github.com/kgnews/kg/graph/value"
)

// planMode is what a query's EXPLAIN or PROFILE prefix asks for.
type planMode int

const (
	modeRun     planMode = iota // run the query
	modeExplain                 // plan it only: no rows, a plan
	modeProfile                 // run it and count rows and db hits per operator
)

// splitMode recognises a leading EXPLAIN or PROFILE. It returns the mode
// and src with the keyword blanked out, so that the offsets of the rest,
// and the column names taken from it, stay those of the query text.
func splitMode(src string) (planMode, string) {
	sc := scanner{src: src, err: func(int, string, string) {}}
	t := sc.scan()
	if t.kind != tIdent {
		return modeRun, src
	}
	var m planMode
	switch strings.ToUpper(src[t.pos:t.end]) {
	case "EXPLAIN":
		m = modeExplain
	case "PROFILE":
		m = modeProfile
	default:
		return modeRun, src
	}
	return m, src[:t.pos] + strings.Repeat(" ", t.end-t.pos) + src[t.end:]
}

// profOp counts what the operator it wraps does: the rows it produces, and
// the db hits made while it (and its children) worked.
type profOp struct {
	op         operator
	rows, hits int64
}

func (o *profOp) open(ec *execCtx, arg []any) error {
	h := ec.hits
	err := o.op.open(ec, arg)
	o.hits += ec.hits - h
	return err
}

func (o *profOp) next(ec *execCtx) ([]any, error) {
	h := ec.hits
	r, err := o.op.next(ec)
	o.hits += ec.hits - h
	if r != nil {
		o.rows++
	}
	return r, err
}

func (o *profOp) describe() (string, []operator) { return o.op.describe() }

// instrument wraps o and every operator below it in a profOp.
func instrument(o operator) operator {
	switch x := o.(type) {
	case nil:
		return nil
	case *argOp:
	case *flatOp:
		x.in = instrument(x.in)
	case *scanOp:
		x.in = instrument(x.in)
	case *relScanOp:
		x.in = instrument(x.in)
	case *filterOp:
		x.in = instrument(x.in)
	case *optionalOp:
		x.in, x.sub = instrument(x.in), instrument(x.sub)
	case *eagerOp:
		x.in = instrument(x.in)
	case *limitOp:
		x.in = instrument(x.in)
	case *distinctOp:
		x.in = instrument(x.in)
	case *unwindOp:
		x.in = instrument(x.in)
	case *aggOp:
		x.in = instrument(x.in)
	default:
		panic("cypher: internal error: instrument does not know operator " + strings.SplitN(describeName(o), "(", 2)[0])
	}
	return &profOp{op: o}
}

func describeName(o operator) string { name, _ := o.describe(); return name }

// resetProfile zeroes the counters below o before a run.
func resetProfile(o operator) {
	if p, ok := o.(*profOp); ok {
		p.rows, p.hits = 0, 0
	}
	_, kids := o.describe()
	for _, k := range kids {
		if k != nil {
			resetProfile(k)
		}
	}
}

// operatorName splits an operator's description into Neo4j's operator
// name and the details: "Expand(a)-[r:T]-(b)" → "Expand(All)",
// "(a)-[r:T]-(b)"; "Filter(n.x > 1)" → "Filter", "n.x > 1".
func operatorName(desc string) (name, details string) {
	for _, e := range []struct{ prefix, name string }{
		{"VarLengthExpand(", "VarLengthExpand(All)"},
		{"ExpandInto(", "Expand(Into)"},
		{"Expand(", "Expand(All)"},
	} {
		if strings.HasPrefix(desc, e.prefix) {
			return e.name, desc[len(e.prefix)-1:]
		}
	}
	if i := strings.IndexByte(desc, '('); i > 0 && strings.HasSuffix(desc, ")") {
		return desc[:i], desc[i+1 : len(desc)-1]
	}
	return desc, ""
}

// opPlan returns the plan below o, and with profiled the rows and db hits
// counted there.
func opPlan(o operator, profiled bool) (*value.Plan, int64) {
	desc, kids := o.describe()
	pl := &value.Plan{}
	pl.Operator, pl.Details = operatorName(desc)
	var below int64
	for _, k := range kids {
		if k == nil {
			continue
		}
		kp, h := opPlan(k, profiled)
		pl.Children = append(pl.Children, kp)
		below += h
	}
	p, ok := o.(*profOp)
	if !ok || !profiled {
		return pl, 0
	}
	pl.Profiled, pl.Rows, pl.DBHits = true, p.rows, p.hits-below
	return pl, p.hits
}

// plan returns the program's plan: ProduceResults over its part, or over
// the Union of its parts (Distinct first for UNION). With profiled, after
// a run of a PROFILE, rows is the number of result rows and hits the run's
// db hits, of which what no operator made (reading the values returned)
// falls to ProduceResults.
func (p *program) plan(profiled bool, rows, hits int64) *value.Plan {
	var top *value.Plan
	var below int64
	for _, pp := range p.parts {
		pl, h := opPlan(pp.root, profiled)
		below += h
		if top == nil {
			top = pl
			continue
		}
		top = &value.Plan{Operator: "Union", Children: []*value.Plan{top, pl},
			Profiled: profiled, Rows: top.Rows + pl.Rows}
	}
	if p.union {
		top = &value.Plan{Operator: "Distinct", Children: []*value.Plan{top}, Profiled: profiled, Rows: rows}
	}
	root := &value.Plan{Operator: "ProduceResults", Identifiers: append([]string{}, p.cols...), Children: []*value.Plan{top}}
	if profiled {
		root.Profiled, root.Rows, root.DBHits = true, rows, hits-below
	}
	return root
}

// hitGraph is a Graph that counts db hits: one per element fetched by a
// scan, lookup or expansion, per property, label or degree read, and per
// write.
type hitGraph struct {
	Graph
	hits *int64
}

func (g hitGraph) hit() { *g.hits++ }

func (g hitGraph) counted(fn func(int64) bool) func(int64) bool {
	return func(id int64) bool { g.hit(); return fn(id) }
}

func (g hitGraph) ScanNodes(label string, fn func(id int64) bool) {
	g.Graph.ScanNodes(label, g.counted(fn))
}

func (g hitGraph) LabelCount(label string) int { g.hit(); return g.Graph.LabelCount(label) }

func (g hitGraph) LookupNodes(label, key string, v any, fn func(id int64) bool) bool {
	g.hit()
	return g.Graph.LookupNodes(label, key, v, g.counted(fn))
}

func (g hitGraph) LookupRels(key string, v any, fn func(id int64) bool) bool {
	rl, ok := g.Graph.(RelLookup)
	if !ok {
		return false
	}
	g.hit()
	return rl.LookupRels(key, v, g.counted(fn))
}

func (g hitGraph) ScanRels(types []string, fn func(id int64) bool) bool {
	rs, ok := g.Graph.(RelScanner)
	if !ok {
		return false
	}
	return rs.ScanRels(types, g.counted(fn))
}

func (g hitGraph) LookupNames(label, lower string, fn func(id int64) bool) bool {
	nl, ok := g.Graph.(NameLookup)
	if !ok {
		return false
	}
	g.hit()
	return nl.LookupNames(label, lower, g.counted(fn))
}

func (g hitGraph) Expand(node int64, dir Direction, types []string, fn func(rel, other int64) bool) {
	g.Graph.Expand(node, dir, types, func(rel, other int64) bool { g.hit(); return fn(rel, other) })
}

func (g hitGraph) NodeExists(id int64) bool         { g.hit(); return g.Graph.NodeExists(id) }
func (g hitGraph) NodeLabels(id int64) []string     { g.hit(); return g.Graph.NodeLabels(id) }
func (g hitGraph) HasLabel(id int64, l string) bool { g.hit(); return g.Graph.HasLabel(id, l) }
func (g hitGraph) NodeProps(id int64) map[string]any {
	g.hit()
	return g.Graph.NodeProps(id)
}
func (g hitGraph) NodeProp(id int64, key string) (any, bool) {
	g.hit()
	return g.Graph.NodeProp(id, key)
}
func (g hitGraph) Rel(id int64) (string, int64, int64, bool) { g.hit(); return g.Graph.Rel(id) }
func (g hitGraph) RelProps(id int64) map[string]any          { g.hit(); return g.Graph.RelProps(id) }
func (g hitGraph) RelProp(id int64, key string) (any, bool)  { g.hit(); return g.Graph.RelProp(id, key) }
func (g hitGraph) Degree(id int64) int                       { g.hit(); return g.Graph.Degree(id) }

func (g hitGraph) CreateNode(labels []string, props map[string]any) int64 {
	g.hit()
	return g.Graph.CreateNode(labels, props)
}

func (g hitGraph) CreateRel(typ string, start, end int64, props map[string]any) (int64, error) {
	g.hit()
	return g.Graph.CreateRel(typ, start, end, props)
}

func (g hitGraph) SetNodeProp(id int64, key string, v any) { g.hit(); g.Graph.SetNodeProp(id, key, v) }
func (g hitGraph) SetRelProp(id int64, key string, v any)  { g.hit(); g.Graph.SetRelProp(id, key, v) }
func (g hitGraph) AddLabel(id int64, label string) bool    { g.hit(); return g.Graph.AddLabel(id, label) }
func (g hitGraph) RemoveLabel(id int64, label string) bool {
	g.hit()
	return g.Graph.RemoveLabel(id, label)
}
func (g hitGraph) DeleteRel(id int64)        { g.hit(); g.Graph.DeleteRel(id) }
func (g hitGraph) DeleteNode(id int64) error { g.hit(); return g.Graph.DeleteNode(id) }
