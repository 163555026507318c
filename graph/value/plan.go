package value

import (
	"fmt"
	"strings"
)

// Plan is a query's execution plan as EXPLAIN and PROFILE return it: a
// tree of operators from ProduceResults at the root down to the scans at
// the leaves, each reading the rows of its children. Operator names are
// Neo4j's where the operators correspond (AllNodesScan, NodeByLabelScan,
// NodeIndexSeek, Expand(All), Expand(Into), Filter, Projection,
// EagerAggregation, Sort, Limit, ProduceResults, …).
type Plan struct {
	// Operator names the operator.
	Operator string
	// Details says what it works on: "n:Person", "n.age > 30"; or "".
	Details string
	// Identifiers are the variables the operator produces, where known.
	Identifiers []string
	Children    []*Plan
	// Profiled is set in the plan of a PROFILE, which ran the query: Rows
	// counts the rows the operator produced and DBHits its reads and writes
	// of the graph (a node or relationship fetched, a property or label
	// read, an element written).
	Profiled     bool
	Rows, DBHits int64
}

// Map returns p as Bolt's SUCCESS metadata carries it: operatorType,
// identifiers, args (with Details when set) and children, and for a
// profiled plan rows and dbHits too.
func (p *Plan) Map() map[string]any {
	ids := AnyList(p.Identifiers)
	args := map[string]any{}
	if p.Details != "" {
		args["Details"] = p.Details
	}
	kids := ConvertList(p.Children, func(c *Plan) any { return c.Map() })
	m := map[string]any{"operatorType": p.Operator, "identifiers": ids, "args": args, "children": kids}
	if p.Profiled {
		m["rows"] = p.Rows
		m["dbHits"] = p.DBHits
	}
	return m
}

// String renders p as an indented tree, one operator a line, with its
// details and, when profiled, its rows and db hits.
func (p *Plan) String() string {
	var b strings.Builder
	p.write(&b, "", "")
	return b.String()
}

func (p *Plan) write(b *strings.Builder, first, rest string) {
	b.WriteString(first)
	b.WriteString(p.Operator)
	if p.Details != "" {
		b.WriteString("  ")
		b.WriteString(p.Details)
	}
	if p.Profiled {
		fmt.Fprintf(b, "  (rows %d, db hits %d)", p.Rows, p.DBHits)
	}
	b.WriteByte('\n')
	for i, c := range p.Children {
		if i == len(p.Children)-1 {
			c.write(b, rest+"└─ ", rest+"   ")
		} else {
			c.write(b, rest+"├─ ", rest+"│  ")
		}
	}
}
