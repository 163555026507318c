package tck

import (
	"fmt"
	"regexp"
	"strings"
)

// Procedure is a test procedure a scenario declares with the step
// "there exists a procedure name(in :: TYPE?, …) :: (out :: TYPE?, …):" and
// a table of rows: called with arguments equal to a row's input values, it
// yields that row's output values, one row per matching table row, in
// table order.
type Procedure struct {
	Name    string
	Inputs  []Field
	Outputs []Field
	// Rows holds the table's rows, each with the input values and then the
	// output values, in signature order.
	Rows [][]any
}

// Field is a procedure input or output: a name and a Cypher type such as
// "STRING?" or "INTEGER?".
type Field struct {
	Name string
	Type string
}

// ProcedureDefiner is the optional capability of a [Graph] to declare test
// procedures. Scenarios that declare one are unsupported on a graph
// without it.
type ProcedureDefiner interface {
	// DefineProcedure makes p callable by later queries on the graph.
	DefineProcedure(p *Procedure) error
}

// Call returns the output rows of the table rows whose inputs equal args
// (null equals null; 1 does not equal 1.0).
func (p *Procedure) Call(args []any) [][]any {
	var out [][]any
	n := len(p.Inputs)
	for _, row := range p.Rows {
		match := len(args) == n
		for i := 0; match && i < n; i++ {
			match = Equal(row[i], args[i], false)
		}
		if match {
			out = append(out, row[n:])
		}
	}
	return out
}

var procStep = regexp.MustCompile(`^there exists a procedure ([\w.]+)\((.*?)\)\s*::\s*\((.*)\)\s*:$`)

// ParseProcedure parses the text of a "there exists a procedure" step and
// its table (header of input and output names in any order, then rows of
// TCK values).
func ParseProcedure(text string, table [][]string) (*Procedure, error) {
	m := procStep.FindStringSubmatch(text)
	if m == nil {
		return nil, fmt.Errorf("malformed procedure signature %q", text)
	}
	p := &Procedure{Name: m[1]}
	var err error
	if p.Inputs, err = parseFields(m[2]); err != nil {
		return nil, fmt.Errorf("procedure %s inputs: %w", p.Name, err)
	}
	if p.Outputs, err = parseFields(m[3]); err != nil {
		return nil, fmt.Errorf("procedure %s outputs: %w", p.Name, err)
	}
	fields := append(append([]Field(nil), p.Inputs...), p.Outputs...)
	var header []string
	if len(table) > 0 {
		header = table[0]
	}
	if len(header) != len(fields) {
		return nil, fmt.Errorf("procedure %s: table has %d columns, signature %d", p.Name, len(header), len(fields))
	}
	col := make([]int, len(fields)) // col[i]: the table column of field i
	for i, f := range fields {
		col[i] = -1
		for j, h := range header {
			if h == f.Name {
				col[i] = j
			}
		}
		if col[i] < 0 {
			return nil, fmt.Errorf("procedure %s: no column %s in the table", p.Name, f.Name)
		}
	}
	for r, cells := range table[min(1, len(table)):] {
		if len(cells) != len(header) {
			return nil, fmt.Errorf("procedure %s: row %d has %d cells, header %d", p.Name, r+1, len(cells), len(header))
		}
		row := make([]any, len(fields))
		for i := range fields {
			if row[i], err = ParseValue(cells[col[i]]); err != nil {
				return nil, fmt.Errorf("procedure %s: row %d: %w", p.Name, r+1, err)
			}
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// parseFields parses "name :: TYPE?, …" (possibly empty).
func parseFields(s string) ([]Field, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var fs []Field
	for _, part := range strings.Split(s, ",") {
		name, typ, ok := strings.Cut(part, "::")
		name, typ = strings.TrimSpace(name), strings.TrimSpace(typ)
		if !ok || name == "" || typ == "" {
			return nil, fmt.Errorf("malformed field %q", strings.TrimSpace(part))
		}
		fs = append(fs, Field{Name: name, Type: typ})
	}
	return fs, nil
}
