package cypher

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/kgnews/kg/graph/value"
)

// execCtx is the per-run state shared by operators and expressions.
type execCtx struct {
	ctx     context.Context
	g       Graph
	params  map[string]any
	stats   value.Stats
	deleted map[int64]bool   // node ids deleted by this query
	delRels map[int64]string // type of each relationship deleted by this query
	// pendingDel lists nodes deleted while still connected: they go when
	// the query ends, if their relationships went too
	pendingDel []int64
	ticks      int
	hits       int64 // db hits of a PROFILE (see hitGraph)
	width      int
	src        string
	now        time.Time // the statement clock, read on first use
	// memory budget: bytes charged (see budget.go), the budget (0: none),
	// and the budget error once exceeded
	mem, maxMem int64
	memErr      error
}

// tick checks for cancellation and an exceeded memory budget every so
// often: loops call it once per row or step.
func (ec *execCtx) tick() error {
	ec.ticks++
	if ec.ticks&1023 == 0 {
		if ec.memErr != nil {
			return ec.memErr
		}
		return ec.ctx.Err()
	}
	return nil
}

func (ec *execCtx) newRow() []any { return make([]any, ec.width) }

func copyRow(r []any) []any {
	c := make([]any, len(r))
	copy(c, r)
	return c
}

// runtimeErr builds a runtime *Error.
func (ec *execCtx) runtimeErr(typ, detail, format string, args ...any) *Error {
	return newError(typ, Runtime, detail, fmt.Sprintf(format, args...), ec.src, -1)
}

// operator is a pull-based iterator over rows. open (re)starts it with an
// argument row (the outer row for nested plans); next returns nil at the end.
type operator interface {
	open(ec *execCtx, arg []any) error
	next(ec *execCtx) ([]any, error)
	describe() (string, []operator)
}

// argOp yields its argument row once.
type argOp struct {
	row  []any
	done bool
}

func (o *argOp) open(ec *execCtx, arg []any) error {
	o.row, o.done = arg, false
	if o.row == nil {
		o.row = ec.newRow()
	}
	return nil
}

func (o *argOp) next(*execCtx) ([]any, error) {
	if o.done {
		return nil, nil
	}
	o.done = true
	return o.row, nil
}

func (o *argOp) describe() (string, []operator) { return "Argument", nil }

// flatOp is the common shape of one-input operators that produce, for each
// input row, a batch of output rows. The batch is charged to the memory
// budget (rows, plus what size says each holds) until it is consumed.
type flatOp struct {
	in    operator
	name  string
	fn    func(ec *execCtx, row []any, emit func([]any)) error
	size  func(row []any) int // bytes an emitted row holds beyond its slots; or nil
	batch rowQueue
	held  int // bytes of the batch charged to the budget
	emit  func([]any)
	ec    *execCtx // of the current run, for emit
}

func (o *flatOp) open(ec *execCtx, arg []any) error {
	o.batch.reset()
	ec.shrink(o.held)
	o.held = 0
	if o.emit == nil || o.ec != ec {
		o.ec = ec
		o.emit = func(r []any) {
			o.batch.rows = append(o.batch.rows, r)
			if o.ec.maxMem > 0 {
				n := rowBytes(len(r))
				if o.size != nil {
					n += o.size(r)
				}
				o.held += n
				_ = o.ec.grow(n) // sticky: checked after fn and by tick
			}
		}
	}
	return o.in.open(ec, arg)
}

func (o *flatOp) next(ec *execCtx) ([]any, error) {
	for {
		if r := o.batch.pop(); r != nil {
			return r, nil
		}
		ec.shrink(o.held)
		o.held = 0
		in, err := o.in.next(ec)
		if err != nil || in == nil {
			return nil, err
		}
		if err := ec.tick(); err != nil {
			return nil, err
		}
		if err := o.fn(ec, in, o.emit); err != nil {
			return nil, err
		}
		if ec.memErr != nil {
			return nil, ec.memErr
		}
	}
}

func (o *flatOp) describe() (string, []operator) { return o.name, []operator{o.in} }

// recycler is implemented by operators that make a new row for every row
// they yield: a consumer that drops a row it pulled from one, keeping no
// reference to it, may hand it back for reuse.
type recycler interface {
	recycle(row []any)
}

// recycleTo hands row back to in when in reuses rows.
func recycleTo(in operator, row []any) {
	if r, ok := in.(recycler); ok {
		r.recycle(row)
	}
}

// rowQueue holds rows made ahead, handed out in order.
type rowQueue struct {
	rows [][]any
	pos  int
}

// pop returns the next row, dropping the queue's hold on it; when there
// is none, it empties the queue and returns nil.
func (q *rowQueue) pop() []any {
	if q.pos < len(q.rows) {
		r := q.rows[q.pos]
		q.rows[q.pos] = nil
		q.pos++
		return r
	}
	q.reset()
	return nil
}

func (q *rowQueue) reset() { q.rows, q.pos = q.rows[:0], 0 }

// relScanOp yields, for each input row, the rows that bind makes of each
// relationship that source finds, one relationship at a time (so that a
// scan of many relationships holds their ids, not their rows).
type relScanOp struct {
	in     operator
	name   string
	source func(ec *execCtx, row []any, found func(r int64) bool) error
	bind   func(ec *execCtx, row []any, r int64, emit func([]any)) error

	cur  []any // input row being expanded; nil before the first
	ids  []int64
	pos  int
	out  rowQueue // rows of the current relationship
	emit func([]any)
}

func (o *relScanOp) open(ec *execCtx, arg []any) error {
	o.cur, o.ids, o.pos = nil, o.ids[:0], 0
	o.out.reset()
	return o.in.open(ec, arg)
}

func (o *relScanOp) next(ec *execCtx) ([]any, error) {
	if o.emit == nil {
		o.emit = func(r []any) { o.out.rows = append(o.out.rows, r) }
	}
	for {
		if r := o.out.pop(); r != nil {
			return r, nil
		}
		if o.cur != nil && o.pos < len(o.ids) {
			r := o.ids[o.pos]
			o.pos++
			if err := ec.tick(); err != nil {
				return nil, err
			}
			if err := o.bind(ec, o.cur, r, o.emit); err != nil {
				return nil, err
			}
			continue
		}
		in, err := o.in.next(ec)
		if err != nil || in == nil {
			o.cur = nil
			return nil, err
		}
		o.cur, o.ids, o.pos = in, o.ids[:0], 0
		if err := o.source(ec, in, func(r int64) bool { o.ids = append(o.ids, r); return true }); err != nil {
			return nil, err
		}
	}
}

func (o *relScanOp) describe() (string, []operator) { return o.name, []operator{o.in} }

// scanOp yields, for each input row, one row per node carrying label (every
// node when label is "") that passes check, in the graph's scan order. It
// snapshots the ids when it reaches an input row, so that nodes created
// meanwhile are not scanned, and reads nodes one at a time.
type scanOp struct {
	in    operator
	name  string
	label string
	union []string // scan the nodes carrying any of these labels instead
	// seek, when set, appends to ids the candidates for an input row, in
	// ascending order, each once, and reports true; reporting false, it
	// leaves the row to the scan.
	seek  func(ec *execCtx, row []any, ids []int64) ([]int64, bool, error)
	plain bool // its check accepts every node of label (no other label, no properties)
	slot  int
	check func(ec *execCtx, row []any, id int64) (bool, error)

	cur  []any // input row being expanded; nil before the first
	ids  []int64
	pos  int
	free [][]any
}

func (o *scanOp) open(ec *execCtx, arg []any) error {
	o.cur, o.ids, o.pos = nil, o.ids[:0], 0
	return o.in.open(ec, arg)
}

func (o *scanOp) next(ec *execCtx) ([]any, error) {
	for {
		for o.cur != nil && o.pos < len(o.ids) {
			id := o.ids[o.pos]
			o.pos++
			if err := ec.tick(); err != nil {
				return nil, err
			}
			if !ec.g.NodeExists(id) {
				continue // deleted by a later operator meanwhile
			}
			ok, err := o.check(ec, o.cur, id)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			var out []any
			if n := len(o.free); n > 0 {
				out, o.free = o.free[n-1], o.free[:n-1]
				copy(out, o.cur)
			} else {
				out = copyRow(o.cur)
			}
			out[o.slot] = nodeV(id)
			return out, nil
		}
		in, err := o.in.next(ec)
		if err != nil || in == nil {
			o.cur = nil
			return nil, err
		}
		o.cur, o.ids, o.pos = in, o.ids[:0], 0
		if o.seek != nil {
			ids, ok, err := o.seek(ec, in, o.ids)
			if err != nil {
				o.cur = nil
				return nil, err
			}
			if ok {
				o.ids = ids
				continue
			}
			o.ids = ids[:0]
		}
		o.ids = o.scan(ec, o.ids)
	}
}

// scan appends the ids of the nodes o scans, in ascending order (that of an
// all-nodes scan), each once.
func (o *scanOp) scan(ec *execCtx, ids []int64) []int64 {
	add := func(id int64) bool { ids = append(ids, id); return true }
	if len(o.union) == 0 {
		ids = slices.Grow(ids, ec.g.LabelCount(o.label))
		ec.g.ScanNodes(o.label, add)
		return ids
	}
	for _, l := range o.union {
		ec.g.ScanNodes(l, add)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func (o *scanOp) recycle(row []any) {
	if len(o.free) < 64 && len(row) == len(o.cur) {
		o.free = append(o.free, row)
	}
}

func (o *scanOp) describe() (string, []operator) { return o.name, []operator{o.in} }

// filterOp keeps rows whose predicate is true.
type filterOp struct {
	in   operator
	pred evalFn
	text string
}

func (o *filterOp) open(ec *execCtx, arg []any) error { return o.in.open(ec, arg) }

func (o *filterOp) next(ec *execCtx) ([]any, error) {
	for {
		r, err := o.in.next(ec)
		if err != nil || r == nil {
			return nil, err
		}
		v, err := o.pred(ec, r)
		if err != nil {
			return nil, err
		}
		if b, ok := v.(bool); ok && b {
			return r, nil
		}
		if v != nil {
			if _, ok := v.(bool); !ok {
				return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "expected a boolean predicate, got %s", typeName(v))
			}
		}
		recycleTo(o.in, r)
	}
}

func (o *filterOp) describe() (string, []operator) { return "Filter(" + o.text + ")", []operator{o.in} }

// optionalOp runs sub per input row (with the row as argument) and yields its
// rows, or the input row with nulls in slots when sub yields none.
type optionalOp struct {
	in, sub operator
	slots   []int
	cur     []any
	found   bool
}

func (o *optionalOp) open(ec *execCtx, arg []any) error {
	o.cur = nil
	return o.in.open(ec, arg)
}

func (o *optionalOp) next(ec *execCtx) ([]any, error) {
	for {
		if o.cur != nil {
			r, err := o.sub.next(ec)
			if err != nil {
				return nil, err
			}
			if r != nil {
				o.found = true
				return r, nil
			}
			cur := o.cur
			o.cur = nil
			if !o.found {
				out := copyRow(cur)
				for _, s := range o.slots {
					out[s] = nil
				}
				return out, nil
			}
		}
		in, err := o.in.next(ec)
		if err != nil || in == nil {
			return nil, err
		}
		if err := o.sub.open(ec, in); err != nil {
			return nil, err
		}
		o.cur, o.found = in, false
	}
}

func (o *optionalOp) describe() (string, []operator) { return "Optional", []operator{o.in, o.sub} }

// eagerOp materialises all input rows and the work fn does on them before
// yielding anything (updating clauses, sort, aggregation).
type eagerOp struct {
	in   operator
	name string
	fn   func(ec *execCtx, rows [][]any) ([][]any, error)
	out  [][]any
	pos  int
	done bool
	held int // bytes charged to the budget
}

func (o *eagerOp) open(ec *execCtx, arg []any) error {
	o.out, o.pos, o.done = nil, 0, false
	ec.shrink(o.held)
	o.held = 0
	return o.in.open(ec, arg)
}

func (o *eagerOp) next(ec *execCtx) ([]any, error) {
	if !o.done {
		o.done = true
		var rows [][]any
		for {
			r, err := o.in.next(ec)
			if err != nil {
				return nil, err
			}
			if r == nil {
				break
			}
			if err := ec.tick(); err != nil {
				return nil, err
			}
			if ec.maxMem > 0 {
				n := heldRowBytes(r)
				o.held += n
				if err := ec.grow(n); err != nil {
					return nil, err
				}
			}
			rows = append(rows, r)
		}
		out, err := o.fn(ec, rows)
		if err != nil {
			return nil, err
		}
		o.out = out
	}
	if o.pos < len(o.out) {
		r := o.out[o.pos]
		o.pos++
		return r, nil
	}
	return nil, nil
}

func (o *eagerOp) describe() (string, []operator) { return o.name, []operator{o.in} }

// limitOp and skipOp take their counts from expressions evaluated on open.
type limitOp struct {
	in    operator
	count evalFn
	skip  bool
	drain bool // pull the rest of the input anyway (earlier clauses write)
	done  bool // input drained
	n     int64
	seen  int64
}

func (o *limitOp) open(ec *execCtx, arg []any) error {
	o.seen, o.done = 0, false
	v, err := o.count(ec, arg)
	if err != nil {
		return err
	}
	what := "LIMIT"
	if o.skip {
		what = "SKIP"
	}
	switch x := v.(type) {
	case int64:
		if x < 0 {
			return ec.runtimeErr(SyntaxError, "NegativeIntegerArgument", "%s must be non-negative, got %d", what, x)
		}
		o.n = x
	case float64:
		if x != float64(int64(x)) {
			return ec.runtimeErr(SyntaxError, "InvalidArgumentType", "%s must be an integer, got %v", what, x)
		}
		if x < 0 {
			return ec.runtimeErr(SyntaxError, "NegativeIntegerArgument", "%s must be non-negative", what)
		}
		o.n = int64(x)
	default:
		return ec.runtimeErr(SyntaxError, "InvalidArgumentType", "%s must be an integer, got %s", what, typeName(v))
	}
	return o.in.open(ec, arg)
}

func (o *limitOp) next(ec *execCtx) ([]any, error) {
	if o.skip {
		for o.seen < o.n {
			r, err := o.in.next(ec)
			if err != nil || r == nil {
				return nil, err
			}
			o.seen++
		}
		return o.in.next(ec)
	}
	if o.seen >= o.n {
		if o.drain && !o.done {
			o.done = true
			for {
				r, err := o.in.next(ec)
				if err != nil || r == nil {
					return nil, err
				}
			}
		}
		return nil, nil
	}
	o.seen++
	return o.in.next(ec)
}

func (o *limitOp) describe() (string, []operator) {
	if o.skip {
		return "Skip", []operator{o.in}
	}
	return "Limit", []operator{o.in}
}

// distinctOp drops rows equivalent on slots to an earlier row.
type distinctOp struct {
	in    operator
	slots []int
	seen  map[string]bool
	buf   []byte
	held  int // bytes charged to the budget
}

func (o *distinctOp) open(ec *execCtx, arg []any) error {
	o.seen = map[string]bool{}
	ec.shrink(o.held)
	o.held = 0
	return o.in.open(ec, arg)
}

func (o *distinctOp) next(ec *execCtx) ([]any, error) {
	for {
		r, err := o.in.next(ec)
		if err != nil || r == nil {
			return nil, err
		}
		o.buf = o.buf[:0]
		for _, s := range o.slots {
			o.buf = appendKey(o.buf, r[s])
			o.buf = append(o.buf, '|')
		}
		if !o.seen[string(o.buf)] {
			o.seen[string(o.buf)] = true
			if ec.maxMem > 0 {
				n := len(o.buf) + bytesKey
				o.held += n
				if err := ec.grow(n); err != nil {
					return nil, err
				}
			}
			return r, nil
		}
	}
}

func (o *distinctOp) describe() (string, []operator) { return "Distinct", []operator{o.in} }

// sortKey is one ORDER BY key.
type sortKey struct {
	fn   evalFn
	desc bool
}

func sortRows(ec *execCtx, rows [][]any, keys []sortKey) ([][]any, error) {
	if err := ec.reserve(len(rows) * (2*rowBytes(len(keys)) + 8)); err != nil {
		return nil, err
	}
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = make([]any, len(keys))
		for j, k := range keys {
			v, err := k.fn(ec, r)
			if err != nil {
				return nil, err
			}
			vals[i][j] = v
		}
	}
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		va, vb := vals[idx[a]], vals[idx[b]]
		for j, k := range keys {
			c := order(va[j], vb[j])
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c < 0
			}
		}
		return false
	})
	out := make([][]any, len(rows))
	for i, j := range idx {
		out[i] = rows[j]
	}
	return out, nil
}
