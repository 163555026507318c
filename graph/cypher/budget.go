package cypher

import (
	"errors"
	"fmt"
)

// ErrMemoryBudget is wrapped by the *Error a query fails with when the rows
// and values it holds at once exceed Options.MaxMemory.
var ErrMemoryBudget = errors.New("query memory budget exceeded")

// Memory accounting. A query's budget counts, approximately, the bytes of
// what it materialises: rows held by eager operators (ORDER BY, updating
// clauses), aggregation groups and collected values, DISTINCT and UNION
// keys, rows expanded but not yet consumed (UNWIND, variable-length
// expansion, whose recursion counts too), lists built by range() and list
// comprehensions, and the result rows. Rows flowing through the pipeline
// one at a time are not counted. Sizes are estimates of Go's heap use, not
// exact: a list shared by many rows is counted once per holder.
const (
	bytesRowHeader = 24 // slice header of a row
	bytesSlot      = 16 // one interface value
	bytesScalar    = 24 // an interface holding a boxed scalar
	bytesString    = 16 // string header
	bytesMapEntry  = 48
	bytesMapHeader = 48
	bytesKey       = 48 // a map[string]bool entry beyond the key's bytes
	bytesFrame     = 256
)

// rowBytes is the size of a row of n slots, values apart.
func rowBytes(n int) int { return bytesRowHeader + bytesSlot*n }

// valBytes is the shallow size of v: a list or map counts its slots but not
// what they point to, so that sizing stays O(1) per value.
func valBytes(v any) int {
	switch x := v.(type) {
	case string:
		return bytesString + len(x)
	case []any:
		return bytesRowHeader + bytesScalar*len(x)
	case []int64:
		return bytesRowHeader + 8*len(x)
	case map[string]any:
		return bytesMapHeader + bytesMapEntry*len(x)
	}
	return bytesScalar
}

// heldRowBytes is the size of a row kept by an operator: its slots and the
// shallow size of its values.
func heldRowBytes(r []any) int {
	n := rowBytes(len(r))
	for _, v := range r {
		switch v.(type) {
		case nil, bool, int64, float64, nodeV, relV:
		default:
			n += valBytes(v)
		}
	}
	return n
}

// deepBytes is the size of an exported result value and all it holds.
func deepBytes(v any) int {
	switch x := v.(type) {
	case []any:
		n := bytesRowHeader
		for _, e := range x {
			n += bytesSlot + deepBytes(e)
		}
		return n
	case map[string]any:
		n := bytesMapHeader
		for k, e := range x {
			n += bytesMapEntry + len(k) + deepBytes(e)
		}
		return n
	case Node:
		return 64 + 16*len(x.Labels) + deepBytes(x.Props)
	case Relationship:
		return 64 + len(x.Type) + deepBytes(x.Props)
	case Path:
		n := 48
		for _, e := range x.Nodes {
			n += deepBytes(e)
		}
		for _, e := range x.Rels {
			n += deepBytes(e)
		}
		return n
	case string:
		return bytesString + len(x)
	}
	return bytesScalar
}

// grow charges n bytes to the query's budget. Past the budget it returns
// the budget error, which also sticks: tick returns it, so that loops that
// cannot return an error at once (an emit callback) stop soon after.
func (ec *execCtx) grow(n int) error {
	if ec.maxMem <= 0 {
		return nil
	}
	ec.mem += int64(n)
	if ec.mem > ec.maxMem && ec.memErr == nil {
		ec.memErr = ec.budgetErr()
	}
	return ec.memErr
}

// shrink gives back n bytes charged by grow.
func (ec *execCtx) shrink(n int) {
	if ec.maxMem > 0 {
		ec.mem -= int64(n)
	}
}

// reserve reports the budget error when n more bytes would not fit,
// without charging them: for a value about to be built whose holders
// charge it later.
func (ec *execCtx) reserve(n int) error {
	if ec.maxMem > 0 && ec.mem+int64(n) > ec.maxMem {
		if ec.memErr == nil {
			ec.memErr = ec.budgetErr()
		}
		return ec.memErr
	}
	return nil
}

func (ec *execCtx) budgetErr() *Error {
	e := ec.runtimeErr("TransientError", "MemoryLimitExceeded",
		"the query exceeded its memory budget of %s", FormatBytes(ec.maxMem))
	e.cause = ErrMemoryBudget
	return e
}

// FormatBytes prints n bytes in binary units: 512 MiB, 1.5 GiB, 100 KiB.
func FormatBytes(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	f, i := float64(n), 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if f == float64(int64(f)) {
		return fmt.Sprintf("%d %s", int64(f), units[i])
	}
	return fmt.Sprintf("%.1f %s", f, units[i])
}
