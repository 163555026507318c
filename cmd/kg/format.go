package main

import (
	"bytes"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

type outputFormat int

const (
	formatTable outputFormat = iota
	formatJSON
	formatCSV
)

func formatFlag(dst *string) cli.Flag {
	return &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Destination: dst,
		Usage: "table (for people), json (an array of objects, one per row) or csv (a header row, then values)"}
}

func parseFormat(s string) (outputFormat, error) {
	switch s {
	case "table", "":
		return formatTable, nil
	case "json":
		return formatJSON, nil
	case "csv":
		return formatCSV, nil
	}
	return 0, usageErr("use --format table, json or csv", "unknown output format %q", s)
}

// writeResult prints a query result in the chosen format. maxWidth caps the
// width of table cells (0 for no cap).
func writeResult(w io.Writer, res *graph.Result, f outputFormat, maxWidth int) error {
	switch f {
	case formatJSON:
		rows := make([]json.RawMessage, 0, len(res.Rows))
		for _, row := range res.Rows {
			var buf bytes.Buffer
			buf.WriteByte('{')
			for i, col := range res.Columns {
				if i > 0 {
					buf.WriteByte(',')
				}
				k, _ := json.Marshal(col)
				buf.Write(k)
				buf.WriteByte(':')
				j, err := jsonValue(row[i])
				if err != nil {
					return fmt.Errorf("column %s: %w", col, err)
				}
				v, err := json.Marshal(j)
				if err != nil {
					return err
				}
				buf.Write(v)
			}
			buf.WriteByte('}')
			rows = append(rows, buf.Bytes())
		}
		return writeJSONValue(w, rows)
	case formatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(res.Columns); err != nil {
			return err
		}
		rec := make([]string, len(res.Columns))
		for _, row := range res.Rows {
			for i := range rec {
				rec[i] = csvCell(row[i])
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	return writeTable(w, res, maxWidth)
}

func writeJSONValue(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonValue maps a result value to what encoding/json should print: nodes,
// relationships and paths as objects, temporal values as their text,
// non-finite floats as strings.
func jsonValue(v any) (any, error) {
	var b jsonBuilder
	err := value.Walk(v, &b)
	return b.Out, err
}

// jsonBuilder is the value.Visitor of jsonValue; Out is the last value
// built. Points are {"crs": "wgs-84", "srid": 4326, "x": …, "y": …[, "z": …]},
// byte arrays base64 (value.JSONScalars).
type jsonBuilder struct{ value.JSONScalars }

func (b *jsonBuilder) Float(f float64) error {
	b.Out = f
	if math.IsNaN(f) || math.IsInf(f, 0) {
		b.Out = strconv.FormatFloat(f, 'g', -1, 64)
	}
	return nil
}

func (b *jsonBuilder) List(l []any) error {
	out := make([]any, len(l))
	for i, e := range l {
		if err := value.Walk(e, b); err != nil {
			return err
		}
		out[i] = b.Out
	}
	b.Out = out
	return nil
}

func (b *jsonBuilder) Map(m map[string]any) error {
	out, err := b.props(m)
	b.Out = out
	return err
}

func (b *jsonBuilder) props(m map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if err := value.Walk(v, b); err != nil {
			return nil, err
		}
		out[k] = b.Out
	}
	return out, nil
}

func (b *jsonBuilder) Node(n value.Node) error {
	props, err := b.props(n.Props)
	b.Out = map[string]any{"elementId": n.ElementID, "labels": n.Labels, "properties": props}
	return err
}

func (b *jsonBuilder) Relationship(r value.Relationship) error {
	props, err := b.props(r.Props)
	b.Out = map[string]any{"elementId": r.ElementID, "type": r.Type, "startElementId": r.StartElementID,
		"endElementId": r.EndElementID, "properties": props}
	return err
}

func (b *jsonBuilder) Path(p value.Path) error {
	nodes := make([]any, len(p.Nodes))
	for i, n := range p.Nodes {
		if err := b.Node(n); err != nil {
			return err
		}
		nodes[i] = b.Out
	}
	rels := make([]any, len(p.Relationships))
	for i, r := range p.Relationships {
		if err := b.Relationship(r); err != nil {
			return err
		}
		rels[i] = b.Out
	}
	b.Out = map[string]any{"nodes": nodes, "relationships": rels}
	return nil
}

// csvCell prints scalars plainly and everything else as JSON.
func csvCell(v any) string {
	c := csvCellVisitor{}
	if err := value.Walk(v, &c); err != nil {
		return fmt.Sprint(v)
	}
	return c.s
}

// csvCellVisitor is the value.Visitor of csvCell; s is the cell built.
type csvCellVisitor struct{ s string }

func (c *csvCellVisitor) Null() error       { c.s = ""; return nil }
func (c *csvCellVisitor) Bool(b bool) error { c.s = strconv.FormatBool(b); return nil }
func (c *csvCellVisitor) Int(n int64) error { c.s = strconv.FormatInt(n, 10); return nil }
func (c *csvCellVisitor) Float(f float64) error {
	c.s = strconv.FormatFloat(f, 'g', -1, 64)
	return nil
}
func (c *csvCellVisitor) String(s string) error                   { c.s = s; return nil }
func (c *csvCellVisitor) Temporal(t fmt.Stringer) error           { c.s = t.String(); return nil }
func (c *csvCellVisitor) Point(p value.Point) error               { c.s = p.String(); return nil }
func (c *csvCellVisitor) Bytes(b []byte) error                    { c.s = bytesText(b); return nil }
func (c *csvCellVisitor) List(l []any) error                      { return c.json(l) }
func (c *csvCellVisitor) Map(m map[string]any) error              { return c.json(m) }
func (c *csvCellVisitor) Node(n value.Node) error                 { return c.json(n) }
func (c *csvCellVisitor) Relationship(r value.Relationship) error { return c.json(r) }
func (c *csvCellVisitor) Path(p value.Path) error                 { return c.json(p) }

// json sets the cell to v as JSON.
func (c *csvCellVisitor) json(v any) error {
	j, err := jsonValue(v)
	if err != nil {
		return err
	}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	c.s = string(b)
	return nil
}

// literal prints v the way Cypher writes values: 'strings' inside lists and
// maps, (:Label {k: v}) nodes, [:TYPE {k: v}] relationships. top prints a
// string as it is.
func literal(v any, top bool) string {
	l := literalVisitor{top: top}
	if err := value.Walk(v, &l); err != nil {
		return fmt.Sprint(v)
	}
	return l.s
}

// literalVisitor is the value.Visitor of literal; s is the text built.
type literalVisitor struct {
	top bool
	s   string
}

func (l *literalVisitor) Null() error                   { l.s = "null"; return nil }
func (l *literalVisitor) Bool(b bool) error             { l.s = strconv.FormatBool(b); return nil }
func (l *literalVisitor) Int(n int64) error             { l.s = strconv.FormatInt(n, 10); return nil }
func (l *literalVisitor) Temporal(t fmt.Stringer) error { l.s = t.String(); return nil }
func (l *literalVisitor) Point(p value.Point) error     { l.s = p.String(); return nil }
func (l *literalVisitor) Bytes(b []byte) error          { l.s = bytesText(b); return nil }

// bytesText writes a byte array for a table or a CSV cell: 0x and its
// bytes in hexadecimal.
func bytesText(b []byte) string                      { return "0x" + hex.EncodeToString(b) }
func (l *literalVisitor) Map(m map[string]any) error { l.s = mapLiteral(m); return nil }

func (l *literalVisitor) String(s string) error {
	l.s = s
	if !l.top {
		l.s = "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
	}
	return nil
}

func (l *literalVisitor) Float(f float64) error {
	l.s = strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(l.s, ".eEN") && !strings.Contains(l.s, "Inf") {
		l.s += ".0"
	}
	return nil
}

func (l *literalVisitor) List(list []any) error {
	parts := make([]string, len(list))
	for i, e := range list {
		parts[i] = literal(e, false)
	}
	l.s = "[" + strings.Join(parts, ", ") + "]"
	return nil
}

func (l *literalVisitor) Node(n value.Node) error {
	var b strings.Builder
	b.WriteByte('(')
	for _, label := range n.Labels {
		b.WriteString(":" + label)
	}
	if len(n.Props) > 0 {
		if len(n.Labels) > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(mapLiteral(n.Props))
	}
	b.WriteByte(')')
	l.s = b.String()
	return nil
}

func (l *literalVisitor) Relationship(r value.Relationship) error {
	l.s = "[:" + r.Type
	if len(r.Props) > 0 {
		l.s += " " + mapLiteral(r.Props)
	}
	l.s += "]"
	return nil
}

func (l *literalVisitor) Path(p value.Path) error {
	var b strings.Builder
	for i, n := range p.Nodes {
		if i > 0 {
			r := p.Relationships[i-1]
			if r.StartElementID == n.ElementID && r.StartElementID != r.EndElementID {
				b.WriteString("<-" + literal(r, false) + "-")
			} else {
				b.WriteString("-" + literal(r, false) + "->")
			}
		}
		b.WriteString(literal(n, false))
	}
	l.s = b.String()
	return nil
}

func mapLiteral(m map[string]any) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + literal(m[k], false)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// writeTable prints an aligned table with a header, a rule, the rows, and a
// row count; cells wider than maxWidth are cut with an ellipsis.
func writeTable(w io.Writer, res *graph.Result, maxWidth int) error {
	if len(res.Columns) == 0 {
		_, err := fmt.Fprintf(w, "(no columns; %s)\n", statsLine(res.Stats))
		return err
	}
	cells := make([][]string, len(res.Rows))
	widths := make([]int, len(res.Columns))
	for i, c := range res.Columns {
		widths[i] = utf8.RuneCountInString(c)
	}
	for r, row := range res.Rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := strings.ReplaceAll(literal(v, true), "\n", " ")
			if maxWidth > 0 && utf8.RuneCountInString(s) > maxWidth {
				s = string([]rune(s)[:maxWidth-1]) + "…"
			}
			cells[r][i] = s
			if n := utf8.RuneCountInString(s); n > widths[i] {
				widths[i] = n
			}
		}
	}
	var b strings.Builder
	line := func(vals []string) {
		for i, s := range vals {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(s)
			if i < len(vals)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s)))
			}
		}
		b.WriteByte('\n')
	}
	line(res.Columns)
	rule := make([]string, len(widths))
	for i, n := range widths {
		rule[i] = strings.Repeat("-", n)
	}
	b.WriteString(strings.Join(rule, "-+-") + "\n")
	for _, row := range cells {
		line(row)
	}
	fmt.Fprintf(&b, "(%d row%s)\n", len(res.Rows), plural(len(res.Rows)))
	_, err := io.WriteString(w, b.String())
	return err
}

func statsLine(s value.Stats) string {
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(s.NodesCreated, "nodes created")
	add(s.NodesDeleted, "nodes deleted")
	add(s.RelationshipsCreated, "relationships created")
	add(s.RelationshipsDeleted, "relationships deleted")
	add(s.PropertiesSet, "properties set")
	add(s.LabelsAdded, "labels added")
	add(s.LabelsRemoved, "labels removed")
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}
