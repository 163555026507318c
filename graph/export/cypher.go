package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgnews/kg/graph"
)

// DefaultCypherBatchSize is the number of rows per UNWIND statement when
// Cypher is given a batch size of zero or less.
const DefaultCypherBatchSize = 500

// Cypher writes a script that recreates b in an empty Neo4j 5 database when
// fed to cypher-shell (`cypher-shell -f FILE`). It holds, each statement
// ended by ";":
//
//  1. per label, CREATE CONSTRAINT IF NOT EXISTS FOR (n:Label) REQUIRE
//     n.id IS UNIQUE;
//  2. per label, nodes in UNWIND statements of at most batchSize rows:
//     UNWIND [{id: …, props: {…}}, …] AS row MERGE (n:Label {id: row.id})
//     SET n += row.props;
//  3. per (type, start label, end label), relationships likewise:
//     UNWIND […] AS row MATCH (a:Start {id: row.start}) MATCH (b:End {id:
//     row.end}) MERGE (a)-[r:TYPE {id: row.id}]->(b) SET r += row.props.
//
// The script is idempotent (MERGE), so running it twice is harmless.
// Literals are escaped for Cypher: strings double-quoted with \" \\ \n \r
// \t and \uXXXX escapes for other control characters; integers as written
// (the minimum int64 as an expression); floats with a fraction or exponent
// so they stay floats, NaN and infinities as 0.0/0.0 and ±1.0/0.0; lists as
// list literals (Neo4j stores only lists whose elements share one type:
// others are an error). Labels, types and keys that are not plain identifiers are
// backquoted. Nodes without a label and relationships whose end points are
// not nodes of b are an error.
func Cypher(w io.Writer, b *graph.Batch, batchSize int) error {
	if batchSize <= 0 {
		batchSize = DefaultCypherBatchSize
	}
	b = sorted(b)
	labelOf := make(map[string]string, len(b.Nodes))
	var labels []string
	for _, n := range b.Nodes {
		if n.Label == "" {
			return fmt.Errorf("write Cypher: node %q has no label", n.ID)
		}
		if _, dup := labelOf[n.ID]; dup {
			return fmt.Errorf("write Cypher: node id %q used twice", n.ID)
		}
		labelOf[n.ID] = n.Label
		if len(labels) == 0 || labels[len(labels)-1] != n.Label {
			labels = append(labels, n.Label) // b is sorted by label
		}
	}
	type group struct{ typ, start, end string }
	groups := map[group][]int{}
	for i, r := range b.Relationships {
		sl, ok1 := labelOf[r.Start]
		el, ok2 := labelOf[r.End]
		if !ok1 || !ok2 {
			return fmt.Errorf("write Cypher: relationship %q joins %q and %q, not both in the graph", r.ID, r.Start, r.End)
		}
		g := group{r.Type, sl, el}
		groups[g] = append(groups[g], i)
	}
	order := make([]group, 0, len(groups))
	for g := range groups {
		order = append(order, g)
	}
	sort.Slice(order, func(i, j int) bool {
		x, y := order[i], order[j]
		if x.typ != y.typ {
			return x.typ < y.typ
		}
		if x.start != y.start {
			return x.start < y.start
		}
		return x.end < y.end
	})

	bw := bufio.NewWriter(w)
	cw := cypherWriter{w: bw}
	fmt.Fprintf(bw, "// kg graph export: %d nodes, %d relationships.\n", len(b.Nodes), len(b.Relationships))
	bw.WriteString("// Recreate with: cypher-shell -f FILE (Neo4j 5; idempotent).\n\n")
	for _, l := range labels {
		fmt.Fprintf(bw, "CREATE CONSTRAINT IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE;\n", cypherName(l))
	}

	// Nodes, per label, in batches.
	for start := 0; start < len(b.Nodes); {
		label := b.Nodes[start].Label
		end := start
		for end < len(b.Nodes) && end-start < batchSize && b.Nodes[end].Label == label {
			end++
		}
		err := cw.unwind(end-start, func(i int) error {
			n := &b.Nodes[start+i]
			bw.WriteString("id: ")
			cw.str(n.ID)
			bw.WriteString(", props: ")
			return cw.props(n.Props, func(k string, err error) error { return nodeErr(n, k, err) })
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "MERGE (n:%s {id: row.id}) SET n += row.props;\n", cypherName(label))
		start = end
	}

	// Relationships, per (type, start label, end label), in batches.
	for _, g := range order {
		idx := groups[g]
		for start := 0; start < len(idx); start += batchSize {
			end := min(start+batchSize, len(idx))
			rows := idx[start:end]
			err := cw.unwind(len(rows), func(j int) error {
				r := &b.Relationships[rows[j]]
				bw.WriteString("id: ")
				cw.str(r.ID)
				bw.WriteString(", start: ")
				cw.str(r.Start)
				bw.WriteString(", end: ")
				cw.str(r.End)
				bw.WriteString(", props: ")
				return cw.props(r.Props, func(k string, err error) error { return relErr(r, k, err) })
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(bw, "MATCH (a:%s {id: row.start}) MATCH (b:%s {id: row.end})\nMERGE (a)-[r:%s {id: row.id}]->(b) SET r += row.props;\n",
				cypherName(g.start), cypherName(g.end), cypherName(g.typ))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write Cypher: %w", err)
	}
	return nil
}

type cypherWriter struct{ w *bufio.Writer }

// unwind writes an UNWIND of n rows, one a line, fields(i) writing the
// members of the i-th row's map, as "row".
func (c *cypherWriter) unwind(n int, fields func(i int) error) error {
	c.w.WriteString("\nUNWIND [")
	for i := range n {
		if i > 0 {
			c.w.WriteString(",")
		}
		c.w.WriteString("\n  {")
		if err := fields(i); err != nil {
			return fmt.Errorf("write Cypher: %w", err)
		}
		c.w.WriteString("}")
	}
	c.w.WriteString("\n] AS row\n")
	return nil
}

func (c *cypherWriter) props(p graph.Props, wrap func(string, error) error) error {
	c.w.WriteString("{")
	for i, k := range propKeys(p) {
		if i > 0 {
			c.w.WriteString(", ")
		}
		c.w.WriteString(cypherName(k))
		c.w.WriteString(": ")
		if err := c.value(p[k], 0); err != nil {
			return wrap(k, err)
		}
	}
	c.w.WriteString("}")
	return nil
}

func (c *cypherWriter) value(v any, depth int) error {
	return walkProperty(v, depth, cypherValue{c: c, depth: depth})
}

// cypherValue is the value.Visitor that writes one property value as a
// Cypher literal at a depth of list nesting.
type cypherValue struct {
	notProperty
	c     *cypherWriter
	depth int
}

func (v cypherValue) Null() error           { v.c.w.WriteString("null"); return nil }
func (v cypherValue) Bool(b bool) error     { v.c.w.WriteString(strconv.FormatBool(b)); return nil }
func (v cypherValue) String(s string) error { v.c.str(s); return nil }

func (v cypherValue) Int(n int64) error {
	if n == math.MinInt64 {
		// -9223372036854775808 does not parse: 9223372036854775808
		// overflows before the minus applies.
		v.c.w.WriteString("(-9223372036854775807 - 1)")
	} else {
		v.c.w.WriteString(strconv.FormatInt(n, 10))
	}
	return nil
}

func (v cypherValue) Float(f float64) error {
	switch {
	case math.IsNaN(f):
		v.c.w.WriteString("(0.0 / 0.0)")
	case math.IsInf(f, 1):
		v.c.w.WriteString("(1.0 / 0.0)")
	case math.IsInf(f, -1):
		v.c.w.WriteString("(-1.0 / 0.0)")
	default:
		v.c.w.WriteString(formatFloat(f))
	}
	return nil
}

func (v cypherValue) List(l []any) error {
	if v.depth > 0 {
		return errors.New("Neo4j cannot store a list of lists")
	}
	if err := homogeneous(l); err != nil {
		return err
	}
	v.c.w.WriteString("[")
	for i, x := range l {
		if i > 0 {
			v.c.w.WriteString(", ")
		}
		if err := v.c.value(x, v.depth+1); err != nil {
			return err
		}
	}
	v.c.w.WriteString("]")
	return nil
}

// homogeneous reports an error unless the elements of l are all of one type
// and not null, which Neo4j requires of a list property.
func homogeneous(l []any) error {
	var first string
	for i, x := range l {
		if x == nil {
			return errors.New("Neo4j cannot store a list holding null")
		}
		s, err := scalar(x)
		if err != nil {
			return err
		}
		t := fmt.Sprintf("%T", s)
		if i == 0 {
			first = t
		} else if t != first {
			return fmt.Errorf("Neo4j cannot store a list mixing %s and %s", first, t)
		}
	}
	return nil
}

// str writes s as a double-quoted Cypher string literal. Invalid UTF-8
// becomes U+FFFD.
func (c *cypherWriter) str(s string) {
	w := c.w
	w.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '"':
			w.WriteString(`\"`)
		case '\\':
			w.WriteString(`\\`)
		case '\n':
			w.WriteString(`\n`)
		case '\r':
			w.WriteString(`\r`)
		case '\t':
			w.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' {
				fmt.Fprintf(w, `\u%04x`, r)
			} else {
				w.WriteRune(r) // utf8.RuneError for invalid bytes
			}
		}
	}
	w.WriteByte('"')
}

// cypherName returns name as a Cypher symbolic name: as is when it is a
// plain identifier, backquoted (with ` doubled) otherwise.
func cypherName(name string) string {
	plain := name != ""
	for i, r := range name {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) || r > unicode.MaxASCII {
			plain = false
			break
		}
	}
	if plain && !cypherReserved[strings.ToUpper(name)] {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// cypherReserved are the keywords that cannot be used unquoted as a
// property key in a map literal or as a label, to be safe.
var cypherReserved = map[string]bool{
	"ALL": true, "AND": true, "AS": true, "ASC": true, "ASCENDING": true, "BY": true, "CALL": true, "CASE": true,
	"CONTAINS": true, "CREATE": true, "DELETE": true, "DESC": true, "DESCENDING": true, "DETACH": true,
	"DISTINCT": true, "ELSE": true, "END": true, "ENDS": true, "EXISTS": true, "FALSE": true, "IN": true, "IS": true,
	"LIMIT": true, "MATCH": true, "MERGE": true, "NOT": true, "NULL": true, "ON": true, "OPTIONAL": true, "OR": true,
	"ORDER": true, "REMOVE": true, "RETURN": true, "SET": true, "SKIP": true, "STARTS": true, "THEN": true,
	"TRUE": true, "UNION": true, "UNWIND": true, "WHEN": true, "WHERE": true, "WITH": true, "XOR": true, "YIELD": true,
}
