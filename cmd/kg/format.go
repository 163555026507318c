package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
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
				v, err := json.Marshal(jsonValue(row[i]))
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
// relationships and paths as objects, non-finite floats as strings.
func jsonValue(v any) any {
	switch v := v.(type) {
	case value.Node:
		return map[string]any{"elementId": v.ElementID, "labels": v.Labels, "properties": jsonMap(v.Props)}
	case value.Relationship:
		return map[string]any{"elementId": v.ElementID, "type": v.Type, "startElementId": v.StartElementID,
			"endElementId": v.EndElementID, "properties": jsonMap(v.Props)}
	case value.Path:
		nodes := make([]any, len(v.Nodes))
		for i, n := range v.Nodes {
			nodes[i] = jsonValue(n)
		}
		rels := make([]any, len(v.Relationships))
		for i, r := range v.Relationships {
			rels[i] = jsonValue(r)
		}
		return map[string]any{"nodes": nodes, "relationships": rels}
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		return jsonMap(v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return strconv.FormatFloat(v, 'g', -1, 64)
		}
	}
	return v
}

func jsonMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = jsonValue(v)
	}
	return out
}

// csvCell prints scalars plainly and everything else as JSON.
func csvCell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64, bool:
		return fmt.Sprint(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	b, err := json.Marshal(jsonValue(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// literal prints v the way Cypher writes values: 'strings' inside lists and
// maps, (:Label {k: v}) nodes, [:TYPE {k: v}] relationships.
func literal(v any, top bool) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if top {
			return v
		}
		return "'" + strings.ReplaceAll(strings.ReplaceAll(v, `\`, `\\`), "'", `\'`) + "'"
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEN") && !strings.Contains(s, "Inf") {
			s += ".0"
		}
		return s
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = literal(e, false)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []string:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = literal(e, false)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		return mapLiteral(v)
	case value.Node:
		var b strings.Builder
		b.WriteByte('(')
		for _, l := range v.Labels {
			b.WriteString(":" + l)
		}
		if len(v.Props) > 0 {
			if len(v.Labels) > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(mapLiteral(v.Props))
		}
		b.WriteByte(')')
		return b.String()
	case value.Relationship:
		s := "[:" + v.Type
		if len(v.Props) > 0 {
			s += " " + mapLiteral(v.Props)
		}
		return s + "]"
	case value.Path:
		var b strings.Builder
		for i, n := range v.Nodes {
			if i > 0 {
				r := v.Relationships[i-1]
				if r.StartElementID == n.ElementID && r.StartElementID != r.EndElementID {
					b.WriteString("<-" + literal(r, false) + "-")
				} else {
					b.WriteString("-" + literal(r, false) + "->")
				}
			}
			b.WriteString(literal(n, false))
		}
		return b.String()
	}
	return fmt.Sprint(v)
}

func mapLiteral(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
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

func statsLine(s graph.QueryStats) string {
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
