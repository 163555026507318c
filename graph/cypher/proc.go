package cypher

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/kgnews/kg/graph/value"
)

// Procedure is a procedure that queries call with CALL, such as the
// built-in db.labels().
//
// A query calls it in one of two ways. A standalone call is a whole query,
// CALL name(args) [YIELD …], or CALL name with the arguments taken from the
// query parameters named like the inputs; its columns are the outputs (or
// those yielded). An in-query call, MATCH … CALL name(args) YIELD out [AS v]
// [WHERE …] …, runs once per incoming row and binds the yielded outputs. A
// procedure without outputs (a void procedure) passes each incoming row on
// once.
type Procedure struct {
	// Name is the dotted name queries call, such as "db.labels"; it is
	// matched case-sensitively.
	Name string
	// Inputs are the arguments, in order.
	Inputs []ProcedureField
	// Outputs are the columns of the rows Func returns, in order; none for a
	// void procedure.
	Outputs []ProcedureField
	// Func runs the procedure. args holds one value per input, already
	// checked against its type (integers passed as FLOAT arguments are
	// converted), as the plain Go values of the package documentation. It
	// returns the rows, each with one value per output. It must not write
	// to g; it may read it, and should honour ctx.
	Func func(ctx context.Context, g Graph, args []any) ([][]any, error)
}

// ProcedureField is a procedure input or output: a name and a Cypher type.
//
// Type is one of ANY, BOOLEAN, STRING, INTEGER, FLOAT, NUMBER, MAP, NODE,
// RELATIONSHIP, PATH, LIST (of anything) or LIST OF <type> (also written
// LIST<type>), in any case, each optionally followed by "?" as in Neo4j's
// signatures (every field accepts null); "" means ANY.
type ProcedureField struct {
	Name string
	Type string
}

// ptype is a parsed procedure field type.
type ptype struct {
	base string // ANY, BOOLEAN, STRING, INTEGER, FLOAT, NUMBER, MAP, NODE, RELATIONSHIP, PATH, LIST
	elem *ptype // for LIST
}

func (t *ptype) String() string {
	if t.base == "LIST" && t.elem != nil {
		return "LIST OF " + t.elem.String()
	}
	return t.base
}

// parsePType parses a ProcedureField type.
func parsePType(s string) (*ptype, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "?", "")) // LIST? OF STRING? as Neo4j prints signatures
	u := strings.ToUpper(s)
	switch u {
	case "", "ANY":
		return &ptype{base: "ANY"}, nil
	case "BOOLEAN", "STRING", "INTEGER", "FLOAT", "NUMBER", "MAP", "NODE", "RELATIONSHIP", "PATH":
		return &ptype{base: u}, nil
	case "LIST":
		return &ptype{base: "LIST", elem: &ptype{base: "ANY"}}, nil
	}
	var inner string
	switch {
	case strings.HasPrefix(u, "LIST OF "):
		inner = s[len("LIST OF "):]
	case strings.HasPrefix(u, "LIST<") && strings.HasSuffix(u, ">"):
		inner = s[len("LIST<") : len(s)-1]
	default:
		return nil, fmt.Errorf("unknown type %q", s)
	}
	e, err := parsePType(inner)
	if err != nil {
		return nil, err
	}
	return &ptype{base: "LIST", elem: e}, nil
}

// accepts reports whether a value of static type st may be passed where t
// is expected; unknown static types are checked at run time.
func (t *ptype) accepts(st stype) bool {
	switch st {
	case stUnknown, stNull:
		return true
	}
	switch t.base {
	case "ANY":
		return true
	case "BOOLEAN":
		return st == stBool
	case "STRING":
		return st == stString
	case "INTEGER":
		return st == stInt
	case "FLOAT", "NUMBER":
		return st == stInt || st == stFloat
	case "MAP":
		return st == stMap || st == stNode || st == stRel
	case "NODE":
		return st == stNode
	case "RELATIONSHIP":
		return st == stRel
	case "PATH":
		return st == stPath
	case "LIST":
		return st == stList
	}
	return false
}

// coerce checks internal value v against t and converts it where Cypher
// does (an integer passed as FLOAT); ok is false on a type mismatch.
func (t *ptype) coerce(v any) (out any, ok bool) {
	if v == nil {
		return nil, true
	}
	switch t.base {
	case "ANY":
		return v, true
	case "BOOLEAN":
		_, ok = v.(bool)
	case "STRING":
		_, ok = v.(string)
	case "INTEGER":
		_, ok = v.(int64)
	case "FLOAT":
		switch x := v.(type) {
		case int64:
			return float64(x), true
		case float64:
			return x, true
		}
	case "NUMBER":
		ok = isNumber(v)
	case "MAP":
		switch v.(type) {
		case map[string]any, nodeV, relV:
			ok = true
		}
	case "NODE":
		_, ok = v.(nodeV)
	case "RELATIONSHIP":
		_, ok = v.(relV)
	case "PATH":
		_, ok = v.(pathV)
	case "LIST":
		l, isList := v.([]any)
		if !isList {
			return nil, false
		}
		if t.elem == nil || t.elem.base == "ANY" {
			return l, true
		}
		cp := make([]any, len(l))
		for i, e := range l {
			if cp[i], ok = t.elem.coerce(e); !ok {
				return nil, false
			}
		}
		return cp, true
	}
	return v, ok
}

// kind returns the symbol kind a variable bound to an output of type t has.
func (t *ptype) kind() kind {
	switch t.base {
	case "NODE":
		return kNode
	case "RELATIONSHIP":
		return kRel
	case "PATH":
		return kPath
	case "ANY":
		return kAny
	}
	return kValue
}

// procDef is a checked procedure.
type procDef struct {
	p       Procedure
	inputs  []*ptype
	outputs []*ptype
}

// Procedures is a set of procedures for [ParseWith] and [RunWith], in
// addition to the built-in ones. The zero value is not usable; make one with
// [NewProcedures]. Register procedures before sharing it: lookups are safe
// for concurrent use, Register is not.
type Procedures struct {
	m map[string]*procDef
}

// NewProcedures returns an empty set of procedures.
func NewProcedures() *Procedures { return &Procedures{m: map[string]*procDef{}} }

// Register adds p, replacing a procedure of the same name. It returns an
// error when p has no name or Func, when two fields of the inputs or of
// the outputs share a name, or when a field's type is unknown.
func (r *Procedures) Register(p Procedure) error {
	d, err := checkProcedure(p)
	if err != nil {
		return err
	}
	r.m[p.Name] = d
	return nil
}

// Names returns the names of the registered procedures, sorted.
func (r *Procedures) Names() []string {
	names := make([]string, 0, len(r.m))
	for n := range r.m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func checkProcedure(p Procedure) (*procDef, error) {
	if p.Name == "" {
		return nil, fmt.Errorf("cypher: procedure without a name")
	}
	if p.Func == nil {
		return nil, fmt.Errorf("cypher: procedure %s has no Func", p.Name)
	}
	d := &procDef{p: p}
	for _, fs := range []struct {
		fields []ProcedureField
		out    *[]*ptype
		what   string
	}{{p.Inputs, &d.inputs, "input"}, {p.Outputs, &d.outputs, "output"}} {
		seen := map[string]bool{}
		for _, f := range fs.fields {
			if f.Name == "" || seen[f.Name] {
				return nil, fmt.Errorf("cypher: procedure %s: missing or repeated %s name %q", p.Name, fs.what, f.Name)
			}
			seen[f.Name] = true
			t, err := parsePType(f.Type)
			if err != nil {
				return nil, fmt.Errorf("cypher: procedure %s: %s %s: %w", p.Name, fs.what, f.Name, err)
			}
			*fs.out = append(*fs.out, t)
		}
	}
	return d, nil
}

// Options tune [ParseWith] and [RunWith]. The zero value gives the
// behaviour of [Parse] and [Run].
type Options struct {
	// Procedures adds procedures callable with CALL; one named like a
	// built-in procedure replaces it. Nil: the built-in ones only.
	Procedures *Procedures
	// MaxMemory is the memory budget of each run of the statement, in
	// bytes: past it the run fails with an *Error wrapping
	// [ErrMemoryBudget] (see budget.go for what counts). Zero: no budget.
	MaxMemory int64
}

// lookupProc finds a procedure: the options' first, then the built-ins.
func lookupProc(opts Options, name string) (*procDef, bool) {
	if opts.Procedures != nil {
		if d, ok := opts.Procedures.m[name]; ok {
			return d, true
		}
	}
	d, ok := builtinProcs[name]
	return d, ok
}

// builtinProcs are the procedures every query can call.
var builtinProcs = func() map[string]*procDef {
	m := map[string]*procDef{}
	for _, p := range []Procedure{
		{
			Name:    "db.labels",
			Outputs: []ProcedureField{{"label", "STRING"}},
			Func: func(ctx context.Context, g Graph, _ []any) ([][]any, error) {
				return namesRows(ctx, g, func(seen map[string]bool) {
					g.ScanNodes("", func(id int64) bool {
						for _, l := range g.NodeLabels(id) {
							seen[l] = true
						}
						return true
					})
				})
			},
		},
		{
			Name:    "db.relationshipTypes",
			Outputs: []ProcedureField{{"relationshipType", "STRING"}},
			Func: func(ctx context.Context, g Graph, _ []any) ([][]any, error) {
				return namesRows(ctx, g, func(seen map[string]bool) {
					g.ScanNodes("", func(id int64) bool {
						g.Expand(id, Outgoing, nil, func(rel, _ int64) bool {
							if t, _, _, ok := g.Rel(rel); ok {
								seen[t] = true
							}
							return true
						})
						return true
					})
				})
			},
		},
		{
			// Indexes are always online (the engine has none to build), so
			// waiting for them returns at once.
			Name:   "db.awaitIndexes",
			Inputs: []ProcedureField{{"timeOutSeconds", "INTEGER"}},
			Func: func(context.Context, Graph, []any) ([][]any, error) {
				return nil, nil
			},
		},
		{
			Name:    "db.propertyKeys",
			Outputs: []ProcedureField{{"propertyKey", "STRING"}},
			Func: func(ctx context.Context, g Graph, _ []any) ([][]any, error) {
				return namesRows(ctx, g, func(seen map[string]bool) {
					g.ScanNodes("", func(id int64) bool {
						for k := range g.NodeProps(id) {
							seen[k] = true
						}
						g.Expand(id, Outgoing, nil, func(rel, _ int64) bool {
							for k := range g.RelProps(rel) {
								seen[k] = true
							}
							return true
						})
						return true
					})
				})
			},
		},
	} {
		d, err := checkProcedure(p)
		if err != nil {
			panic(err) // a bug in the table above
		}
		m[p.Name] = d
	}
	return m
}()

// namesRows returns one row per name collect finds, sorted.
func namesRows(ctx context.Context, g Graph, collect func(seen map[string]bool)) ([][]any, error) {
	seen := map[string]bool{}
	collect(seen)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	names := slices.Sorted(maps.Keys(seen))
	rows := make([][]any, len(names))
	for i, n := range names {
		rows[i] = []any{n}
	}
	return rows, nil
}

// importValue converts a value a procedure returned to the internal
// representation: Node, Relationship and Path become references by id,
// and Go integers and floats of other sizes become int64 and float64 (as
// value.Canon widens them).
func importValue(v any) any {
	switch x := v.(type) {
	case Node:
		return nodeV(x.ID)
	case *Node:
		return nodeV(x.ID)
	case Relationship:
		return relV(x.ID)
	case *Relationship:
		return relV(x.ID)
	case Path:
		p := pathV{nodes: make([]int64, len(x.Nodes)), rels: make([]int64, len(x.Rels))}
		for i, n := range x.Nodes {
			p.nodes[i] = n.ID
		}
		for i, r := range x.Rels {
			p.rels[i] = r.ID
		}
		return p
	case int, int8, int16, int32, uint8, uint16, uint32, float32:
		c, _ := value.Canon(x) // cannot fail for these kinds
		return c
	case []any:
		return value.ConvertList(x, importValue)
	case []string:
		return value.AnyList(x)
	case map[string]any:
		return value.ConvertMap(x, importValue)
	}
	return v
}

// planCall plans a CALL clause on top of op. A standalone call (the whole
// query) may take its arguments from parameters and yields every output
// unless told otherwise; cols and slots are then its result columns.
func (c *compiler) planCall(op operator, x *callClause, sc *scope, standalone bool) (_ operator, cols []string, slots []int, _ error) {
	d, ok := lookupProc(c.opts, x.proc)
	if !ok {
		return nil, nil, nil, newError(ProcedureError, CompileTime, "ProcedureNotFound",
			"there is no procedure with the name `"+x.proc+"`", c.src, x.procPos)
	}
	p := &d.p
	var args []evalFn
	switch {
	case x.implicit && !standalone && len(p.Inputs) > 0:
		return nil, nil, nil, c.errAt(x, SyntaxError, "InvalidArgumentPassingMode",
			"procedure "+p.Name+" takes arguments: an in-query call must pass them in parentheses")
	case x.implicit:
		for _, in := range p.Inputs {
			name := in.Name
			c.params[name] = true
			args = append(args, func(ec *execCtx, _ []any) (any, error) { return ec.params[name], nil })
		}
	default:
		if len(x.args) != len(p.Inputs) {
			return nil, nil, nil, c.errAt(x, SyntaxError, "InvalidNumberOfArguments",
				fmt.Sprintf("procedure %s takes %d arguments, got %d", p.Name, len(p.Inputs), len(x.args)))
		}
		for i, a := range x.args {
			if containsAggregate(a) {
				return nil, nil, nil, c.errAt(a, SyntaxError, "InvalidAggregation", "aggregations are not allowed in procedure arguments")
			}
			if !d.inputs[i].accepts(c.staticType(a, sc)) {
				return nil, nil, nil, c.errAt(a, SyntaxError, "InvalidArgumentType",
					fmt.Sprintf("argument %s of %s must be %s", p.Inputs[i].Name, p.Name, d.inputs[i]))
			}
			f, err := c.compileExpr(a, sc)
			if err != nil {
				return nil, nil, nil, err
			}
			args = append(args, f)
		}
	}
	if x.yieldAll && !standalone {
		return nil, nil, nil, c.errAt(x, SyntaxError, "UnexpectedSyntax", "YIELD * is only allowed in a standalone procedure call")
	}
	// outIdx[i] is the output bound to slots[i]
	var outIdx []int
	yields := x.yields
	if standalone && len(yields) == 0 {
		for _, o := range p.Outputs {
			yields = append(yields, &yieldItem{span: x.span, name: o.Name, alias: o.Name})
		}
	}
	if len(x.yields) == 0 && !standalone && len(p.Outputs) > 0 {
		c.deferred = append(c.deferred, c.errAt(x, SyntaxError, "UnexpectedSyntax",
			"an in-query call of "+p.Name+" must name the outputs it uses with YIELD"))
	}
	for _, y := range yields {
		idx := -1
		for i, o := range p.Outputs {
			if o.Name == y.name {
				idx = i
			}
		}
		if idx < 0 {
			return nil, nil, nil, c.errAt(y, SyntaxError, "UndefinedVariable", "procedure "+p.Name+" has no output `"+y.name+"`")
		}
		if _, bound := sc.vars[y.alias]; bound {
			return nil, nil, nil, c.errAt(y, SyntaxError, "VariableAlreadyBound", "variable `"+y.alias+"` already declared")
		}
		s := c.slot()
		sc.vars[y.alias] = symbol{slot: s, kind: d.outputs[idx].kind()}
		outIdx = append(outIdx, idx)
		slots = append(slots, s)
		cols = append(cols, y.alias)
	}
	void := len(p.Outputs) == 0
	fn := p.Func
	inTypes := d.inputs
	op = &flatOp{in: op, name: "ProcedureCall(" + p.Name + ")", fn: func(ec *execCtx, row []any, emit func([]any)) error {
		vals := make([]any, len(args))
		for i, f := range args {
			v, err := f(ec, row)
			if err != nil {
				return err
			}
			cv, ok := inTypes[i].coerce(v)
			if !ok {
				return ec.runtimeErr(TypeError, "InvalidArgumentType", "argument %s of %s must be %s, got %s",
					p.Inputs[i].Name, p.Name, inTypes[i], typeName(v))
			}
			vals[i] = exportValue(ec, cv)
		}
		rows, err := fn(ec.ctx, ec.g, vals)
		if err != nil {
			if _, ok := IsError(err); ok || ec.ctx.Err() != nil {
				return err
			}
			return ec.runtimeErr(ProcedureError, "ProcedureCallFailed", "procedure %s failed: %v", p.Name, err)
		}
		if void {
			emit(row)
			return nil
		}
		for _, r := range rows {
			if len(r) != len(p.Outputs) {
				return ec.runtimeErr(ProcedureError, "ProcedureCallFailed", "procedure %s returned a row of %d values for %d outputs",
					p.Name, len(r), len(p.Outputs))
			}
			out := copyRow(row)
			for i, s := range slots {
				out[s] = importValue(r[outIdx[i]])
			}
			emit(out)
		}
		return nil
	}}
	if x.where != nil {
		if containsAggregate(x.where) {
			return nil, nil, nil, c.errAt(x.where, SyntaxError, "InvalidAggregation", "aggregations are not allowed in WHERE")
		}
		f, err := c.compileExpr(x.where, sc)
		if err != nil {
			return nil, nil, nil, err
		}
		op = &filterOp{in: op, pred: f, text: exprText(c, x.where)}
	}
	return op, cols, slots, nil
}
