package value_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/value"
)

// trace is a Visitor that records the calls Walk makes, walking lists and
// maps (keys sorted) itself as a printer would.
type trace struct{ b strings.Builder }

func (t *trace) add(format string, args ...any) error {
	fmt.Fprintf(&t.b, format+" ", args...)
	return nil
}

func (t *trace) Null() error                             { return t.add("null") }
func (t *trace) Bool(b bool) error                       { return t.add("bool:%v", b) }
func (t *trace) Int(n int64) error                       { return t.add("int:%d", n) }
func (t *trace) Float(f float64) error                   { return t.add("float:%v", f) }
func (t *trace) String(s string) error                   { return t.add("string:%s", s) }
func (t *trace) Temporal(s fmt.Stringer) error           { return t.add("temporal:%s", s) }
func (t *trace) Point(p value.Point) error               { return t.add("point:%s", p) }
func (t *trace) Bytes(b []byte) error                    { return t.add("bytes:%x", b) }
func (t *trace) Node(n value.Node) error                 { return t.add("node:%s", n.ElementID) }
func (t *trace) Path(p value.Path) error                 { return t.add("path:%d", len(p.Relationships)) }
func (t *trace) Map(m map[string]any) error              { return t.add("map:%d", len(m)) }
func (t *trace) Relationship(r value.Relationship) error { return t.add("rel:%s", r.Type) }

func (t *trace) List(l []any) error {
	t.add("[")
	for _, x := range l {
		if err := value.Walk(x, t); err != nil {
			return err
		}
	}
	return t.add("]")
}

func TestWalk(t *testing.T) {
	tests := []struct {
		in   any
		want string
		err  bool
	}{
		{nil, "null", false},
		{true, "bool:true", false},
		{int32(-4), "int:-4", false},
		{float32(0.5), "float:0.5", false},
		{"x", "string:x", false},
		{value.NewDate(2024, 2, 29), "temporal:2024-02-29", false},
		{value.Duration{Months: 14, Days: 3}, "temporal:P1Y2M3D", false},
		{value.Point{SRID: value.SRIDCartesian, X: 1, Y: 2}, "point:point({x: 1.0, y: 2.0, crs: 'cartesian'})", false},
		{[]string{"b", "a"}, "[ string:b string:a ]", false},
		{[]byte{1, 0xff}, "bytes:01ff", false},
		{[]any{uint8(1), []any{nil}}, "[ int:1 [ null ] ]", false},
		{map[string]any{"k": 1}, "map:1", false},
		{value.Node{ElementID: "n1"}, "node:n1", false},
		{value.Relationship{Type: "MET"}, "rel:MET", false},
		{value.Path{Nodes: make([]value.Node, 2), Relationships: make([]value.Relationship, 1)}, "path:1", false},
		{struct{}{}, "", true},
		{uint64(1 << 63), "", true},
		{[]any{"ok", struct{}{}}, "[ string:ok", true},
	}
	for _, tc := range tests {
		var tr trace
		err := value.Walk(tc.in, &tr)
		if got := strings.TrimSpace(tr.b.String()); got != tc.want || (err != nil) != tc.err {
			t.Errorf("Walk(%#v) = %q, error %v; want %q, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// TestJSONScalars checks the JSON form of each scalar kind.
func TestJSONScalars(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want any
	}{
		{nil, nil},
		{true, true},
		{int32(7), int64(7)},
		{"x", "x"},
		{value.NewDate(2024, 2, 29), "2024-02-29"},
		{[]byte{0, 1, 0xff}, "AAH/"},
	} {
		var j value.JSONScalars
		if err := value.Walk(tc.in, jsonScalarsOnly{&j}); err != nil {
			t.Fatalf("Walk(%v): %v", tc.in, err)
		}
		if j.Out != tc.want {
			t.Errorf("JSON of %#v = %#v, want %#v", tc.in, j.Out, tc.want)
		}
	}
	var j value.JSONScalars
	if err := value.Walk(value.Point{SRID: value.SRIDCartesian, X: 1, Y: 2}, jsonScalarsOnly{&j}); err != nil {
		t.Fatal(err)
	}
	if m, ok := j.Out.(map[string]any); !ok || m["crs"] != "cartesian" || m["x"] != 1.0 || m["y"] != 2.0 {
		t.Errorf("JSON of a point = %#v", j.Out)
	}
}

// jsonScalarsOnly completes JSONScalars into a Visitor that refuses the
// rest.
type jsonScalarsOnly struct{ *value.JSONScalars }

func (jsonScalarsOnly) Float(float64) error                   { return errors.New("float") }
func (jsonScalarsOnly) List([]any) error                      { return errors.New("list") }
func (jsonScalarsOnly) Map(map[string]any) error              { return errors.New("map") }
func (jsonScalarsOnly) Node(value.Node) error                 { return errors.New("node") }
func (jsonScalarsOnly) Relationship(value.Relationship) error { return errors.New("relationship") }
func (jsonScalarsOnly) Path(value.Path) error                 { return errors.New("path") }
