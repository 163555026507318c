package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

// GraphML attribute types, as the GraphML schema names them.
const (
	gmlString  = "string"
	gmlLong    = "long"
	gmlDouble  = "double"
	gmlBoolean = "boolean"
)

// gmlKey is one <key> declaration: a property of nodes or of edges.
type gmlKey struct {
	id, name, typ string
}

// GraphML writes b as a GraphML document (graphml.graphdrawing.org) that
// Gephi and yEd open: one directed graph, a <node> per node with id the
// node's id, an <edge> per relationship with source and target the end
// nodes' ids.
//
// Each property becomes a typed <key>, declared once per domain (node or
// edge) with attr.type long (every value an integer), double (every value
// a number, some floats), boolean or string; string is also used for keys
// whose values mix types. GraphML has no list type, so lists are written as
// JSON arrays in a string attribute, e.g. ["Beijing","PRC"]. Node labels are
// the node attribute "labels" and relationship types the edge attribute
// "type"; a property of that name is declared as "property.labels" or
// "property.type" instead. Characters XML 1.0 cannot carry (most control
// characters) are replaced by U+FFFD. Relationships whose end points are
// not nodes of b are an error.
func GraphML(w io.Writer, b *graph.Batch) error {
	b = sorted(b)
	nodeIDs := make(map[string]bool, len(b.Nodes))
	nodeProps := make([]graph.Props, len(b.Nodes))
	for i, n := range b.Nodes {
		if nodeIDs[n.ID] {
			return fmt.Errorf("write GraphML: node id %q used twice", n.ID)
		}
		nodeIDs[n.ID] = true
		nodeProps[i] = n.Props
	}
	relProps := make([]graph.Props, len(b.Relationships))
	for i, r := range b.Relationships {
		if !nodeIDs[r.Start] || !nodeIDs[r.End] {
			return fmt.Errorf("write GraphML: relationship %q joins %q and %q, not both in the graph", r.ID, r.Start, r.End)
		}
		relProps[i] = r.Props
	}
	nkeys, err := gmlKeys("n", "labels", nodeProps)
	if err != nil {
		return fmt.Errorf("write GraphML: nodes: %w", err)
	}
	ekeys, err := gmlKeys("e", "type", relProps)
	if err != nil {
		return fmt.Errorf("write GraphML: relationships: %w", err)
	}

	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	bw.WriteString(`  <key id="labels" for="node" attr.name="labels" attr.type="string"/>` + "\n")
	writeKeys(bw, "node", nkeys)
	bw.WriteString(`  <key id="type" for="edge" attr.name="type" attr.type="string"/>` + "\n")
	writeKeys(bw, "edge", ekeys)
	bw.WriteString(`  <graph id="kg" edgedefault="directed">` + "\n")
	for i := range b.Nodes {
		n := &b.Nodes[i]
		bw.WriteString(`    <node id="`)
		xmlEscape(bw, n.ID)
		bw.WriteString("\">\n")
		writeData(bw, "labels", n.Label)
		if err := writeProps(bw, n.Props, nkeys, func(k string, err error) error { return nodeErr(n, k, err) }); err != nil {
			return err
		}
		bw.WriteString("    </node>\n")
	}
	for i := range b.Relationships {
		r := &b.Relationships[i]
		bw.WriteString(`    <edge id="`)
		xmlEscape(bw, r.ID)
		bw.WriteString(`" source="`)
		xmlEscape(bw, r.Start)
		bw.WriteString(`" target="`)
		xmlEscape(bw, r.End)
		bw.WriteString("\">\n")
		writeData(bw, "type", r.Type)
		if err := writeProps(bw, r.Props, ekeys, func(k string, err error) error { return relErr(r, k, err) }); err != nil {
			return err
		}
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write GraphML: %w", err)
	}
	return nil
}

// gmlKeys declares a key per property name over all props, ids prefix+index
// in name order, typed by the values seen.
func gmlKeys(prefix, reserved string, all []graph.Props) (map[string]gmlKey, error) {
	types := map[string]string{}
	for _, p := range all {
		for _, k := range propKeys(p) {
			v, err := scalar(p[k])
			if err != nil {
				return nil, fmt.Errorf("property %q: %w", k, err)
			}
			types[k] = unify(types[k], gmlType(v))
		}
	}
	names := slices.Sorted(maps.Keys(types))
	keys := make(map[string]gmlKey, len(names))
	for i, k := range names {
		name := k
		if k == reserved {
			name = "property." + k
		}
		keys[k] = gmlKey{id: prefix + strconv.Itoa(i), name: name, typ: types[k]}
	}
	return keys, nil
}

func gmlType(v any) string {
	switch v.(type) {
	case int64:
		return gmlLong
	case float64:
		return gmlDouble
	case bool:
		return gmlBoolean
	}
	return gmlString
}

// unify returns the attribute type able to hold values of types a and b.
func unify(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case (a == gmlLong || a == gmlDouble) && (b == gmlLong || b == gmlDouble):
		return gmlDouble
	}
	return gmlString
}

func writeKeys(bw *bufio.Writer, domain string, keys map[string]gmlKey) {
	list := make([]gmlKey, 0, len(keys))
	for _, k := range keys {
		list = append(list, k)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
	for _, k := range list {
		fmt.Fprintf(bw, `  <key id="%s" for="%s" attr.name="`, k.id, domain)
		xmlEscape(bw, k.name)
		fmt.Fprintf(bw, `" attr.type="%s"/>`+"\n", k.typ)
	}
}

// writeProps writes the properties p as data elements of the keys given;
// wrap names the element and key of an error.
func writeProps(bw *bufio.Writer, p graph.Props, keys map[string]gmlKey, wrap func(k string, err error) error) error {
	for _, k := range propKeys(p) {
		s, err := gmlValue(p[k], keys[k].typ)
		if err != nil {
			return fmt.Errorf("write GraphML: %w", wrap(k, err))
		}
		writeData(bw, keys[k].id, s)
	}
	return nil
}

func writeData(bw *bufio.Writer, key, text string) {
	fmt.Fprintf(bw, `      <data key="%s">`, key)
	xmlEscape(bw, text)
	bw.WriteString("</data>\n")
}

// gmlValue formats v for an attribute of type typ.
func gmlValue(v any, typ string) (string, error) {
	g := gmlText{typ: typ}
	err := value.Walk(v, &g)
	return g.s, err
}

// gmlText is the value.Visitor of gmlValue: scalars as GraphML writes them,
// lists as JSON arrays.
type gmlText struct {
	typ string
	s   string
}

func (g *gmlText) Null() error                             { return g.unsupported(nil) }
func (g *gmlText) Bool(b bool) error                       { g.s = strconv.FormatBool(b); return nil }
func (g *gmlText) Int(n int64) error                       { g.s = strconv.FormatInt(n, 10); return nil }
func (g *gmlText) String(s string) error                   { g.s = s; return nil }
func (g *gmlText) Temporal(t fmt.Stringer) error           { return g.unsupported(t) }
func (g *gmlText) Point(p value.Point) error               { return g.unsupported(p) }
func (g *gmlText) Bytes(b []byte) error                    { return g.unsupported(b) }
func (g *gmlText) Map(m map[string]any) error              { return g.unsupported(m) }
func (g *gmlText) Node(n value.Node) error                 { return g.unsupported(n) }
func (g *gmlText) Relationship(r value.Relationship) error { return g.unsupported(r) }
func (g *gmlText) Path(p value.Path) error                 { return g.unsupported(p) }

func (g *gmlText) unsupported(v any) error {
	return fmt.Errorf("unsupported property value of type %T for %s", v, g.typ)
}

func (g *gmlText) Float(f float64) error {
	var ok bool
	if g.s, ok = value.NonFinite(f); !ok {
		g.s = formatFloat(f)
	}
	return nil
}

func (g *gmlText) List(l []any) error {
	var sb strings.Builder
	jw := jsonWriter{w: bufio.NewWriter(&sb)}
	if err := jw.value(l, 0); err != nil {
		return err
	}
	if err := jw.w.Flush(); err != nil {
		return err
	}
	g.s = sb.String()
	return nil
}

// xmlEscape writes s escaped for XML text and attribute values.
func xmlEscape(w io.Writer, s string) {
	_ = xml.EscapeText(w, []byte(s))
}
