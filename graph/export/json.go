package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/kgnews/kg/graph"
)

// JSON writes b as the JSON export of DESIGN.md:
//
//	{"nodes":[{"id":…,"labels":[…],"properties":{…}},…],
//	 "relationships":[{"id":…,"type":…,"start":…,"end":…,"properties":{…}},…]}
//
// one node or relationship a line, in graph.SortBatch order, with property
// keys sorted and "id" left out of properties (it is the element's "id").
// Lists are JSON arrays in their stored order. Integers are written as
// integers and floats always with a fraction or exponent (2.0, 1e21), so
// that the two read back apart. Strings are escaped as encoding/json does,
// except that <, > and & are written as is; invalid UTF-8 becomes U+FFFD.
// NaN and infinite floats have no JSON form and are an error.
func JSON(w io.Writer, b *graph.Batch) error {
	b = sorted(b)
	bw := bufio.NewWriter(w)
	jw := jsonWriter{w: bw}
	jw.raw(`{"nodes":[`)
	err := jw.objects(len(b.Nodes), func(i int) error {
		n := &b.Nodes[i]
		jw.raw(`"id":`)
		jw.str(n.ID)
		jw.raw(`,"labels":[`)
		if n.Label != "" {
			jw.str(n.Label)
		}
		jw.raw(`],"properties":`)
		return jw.props(n.Props, func(k string, err error) error { return nodeErr(n, k, err) })
	})
	if err != nil {
		return err
	}
	jw.raw(`],"relationships":[`)
	err = jw.objects(len(b.Relationships), func(i int) error {
		r := &b.Relationships[i]
		jw.raw(`"id":`)
		jw.str(r.ID)
		jw.raw(`,"type":`)
		jw.str(r.Type)
		jw.raw(`,"start":`)
		jw.str(r.Start)
		jw.raw(`,"end":`)
		jw.str(r.End)
		jw.raw(`,"properties":`)
		return jw.props(r.Props, func(k string, err error) error { return relErr(r, k, err) })
	})
	if err != nil {
		return err
	}
	jw.raw("]}\n")
	if jw.err != nil {
		return fmt.Errorf("write JSON: %w", jw.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

type jsonWriter struct {
	w   *bufio.Writer
	err error
}

// objects writes the n objects of an array one a line, fields(i) writing
// the members of the i-th.
func (j *jsonWriter) objects(n int, fields func(i int) error) error {
	for i := range n {
		if i > 0 {
			j.raw(",")
		}
		j.raw("\n{")
		if err := fields(i); err != nil {
			return err
		}
		j.raw("}")
	}
	if n > 0 {
		j.raw("\n")
	}
	return nil
}

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

func (j *jsonWriter) props(p graph.Props, wrap func(string, error) error) error {
	j.raw("{")
	for i, k := range propKeys(p) {
		if i > 0 {
			j.raw(",")
		}
		j.str(k)
		j.raw(":")
		if err := j.value(p[k], 0); err != nil {
			return wrap(k, err)
		}
	}
	j.raw("}")
	return nil
}

var errNonFinite = errors.New("NaN and infinite floats have no JSON form")

func (j *jsonWriter) value(v any, depth int) error {
	return walkProperty(v, depth, jsonValue{j: j, depth: depth})
}

// jsonValue is the value.Visitor that writes one property value at a depth
// of list nesting: the scalars and lists of them that properties hold.
type jsonValue struct {
	notProperty
	j     *jsonWriter
	depth int
}

func (v jsonValue) Null() error           { v.j.raw("null"); return nil }
func (v jsonValue) Bool(b bool) error     { v.j.raw(strconv.FormatBool(b)); return nil }
func (v jsonValue) Int(n int64) error     { v.j.raw(strconv.FormatInt(n, 10)); return nil }
func (v jsonValue) String(s string) error { v.j.str(s); return nil }

func (v jsonValue) Float(f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return errNonFinite
	}
	v.j.raw(formatFloat(f))
	return nil
}

func (v jsonValue) List(l []any) error {
	v.j.raw("[")
	for i, x := range l {
		if i > 0 {
			v.j.raw(",")
		}
		if err := v.j.value(x, v.depth+1); err != nil {
			return err
		}
	}
	v.j.raw("]")
	return nil
}

const hexDigits = "0123456789abcdef"

// str writes s as a JSON string.
func (j *jsonWriter) str(s string) {
	if j.err != nil {
		return
	}
	w := j.w
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			w.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				w.WriteByte('\\')
				w.WriteByte(c)
			case '\n':
				w.WriteString(`\n`)
			case '\r':
				w.WriteString(`\r`)
			case '\t':
				w.WriteString(`\t`)
			default:
				w.WriteString(`\u00`)
				w.WriteByte(hexDigits[c>>4])
				w.WriteByte(hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			w.WriteString(s[start:i])
			w.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			// Valid JSON, but not valid JavaScript in older engines.
			w.WriteString(s[start:i])
			w.WriteString(`\u202`)
			w.WriteByte(hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	w.WriteString(s[start:])
	j.err = w.WriteByte('"')
}
