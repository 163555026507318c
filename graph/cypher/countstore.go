package cypher

import "strings"

// countFromStore returns the operator that answers MATCH (n) RETURN
// count(n) and MATCH (n:L) RETURN count(n) (or count(*)) from the graph's
// label counts, without scanning: when op is the plain scan of such a
// MATCH, first in its query, and items the one count; nil otherwise. Its
// row holds the count in slot.
func countFromStore(op operator, items []*projItem, sc *scope, slot int, text string) operator {
	scan, ok := op.(*scanOp)
	if !ok || !scan.plain || len(items) != 1 {
		return nil
	}
	if _, first := scan.in.(*argOp); !first {
		return nil
	}
	call, ok := items[0].x.(*callExpr)
	if !ok || !strings.EqualFold(call.name, "count") || call.distinct {
		return nil
	}
	if !call.star {
		if len(call.args) != 1 {
			return nil
		}
		v, ok := call.args[0].(*varExpr)
		if !ok {
			return nil
		}
		if s, ok := sc.vars[v.name]; !ok || s.slot != scan.slot {
			return nil
		}
	}
	label := scan.label
	return &flatOp{in: scan.in, name: "NodeCountFromCountStore(" + text + ")", fn: func(ec *execCtx, row []any, emit func([]any)) error {
		out := copyRow(row)
		out[slot] = int64(ec.g.LabelCount(label))
		emit(out)
		return nil
	}}
}
