package tck_test

import (
	"errors"
	"math"
	"testing"

	"github.com/kgnews/kg/graph/cypher/internal/tck"
)

func TestParseValue(t *testing.T) {
	a := tck.Node{ID: -1, Labels: []string{"A"}, Props: map[string]any{}}
	tests := []struct {
		text string
		want any
	}{
		{"null", nil},
		{"true", true},
		{"false", false},
		{"0", int64(0)},
		{"-42", int64(-42)},
		{"9223372036854775807", int64(math.MaxInt64)},
		{"-9223372036854775808", int64(math.MinInt64)},
		{"1.0", 1.0},
		{".5", 0.5},
		{"-.5", -0.5},
		{"1e3", 1000.0},
		{"1.23456789e308", 1.23456789e308},
		{"-1e-305", -1e-305},
		{"NaN", math.NaN()},
		{"Inf", math.Inf(1)},
		{"-Inf", math.Inf(-1)},
		{"''", ""},
		{`'it\'s'`, "it's"},
		{`'a\\b'`, `a\b`},
		{`'\t'`, `\t`}, // only \' and \\ are escapes
		{"'ünï'", "ünï"},
		{"[]", []any{}},
		{"[1, 'a', [null]]", []any{int64(1), "a", []any{nil}}},
		{"{}", map[string]any{}},
		{"{a: 1, `b c`: [true]}", map[string]any{"a": int64(1), "b c": []any{true}}},
		{"()", tck.Node{Props: map[string]any{}}},
		{"(:A:B {name: 'b'})", tck.Node{Labels: []string{"A", "B"}, Props: map[string]any{"name": "b"}}},
		{"[:T]", tck.Relationship{Type: "T", Props: map[string]any{}}},
		{"[:T {w: 1.5}]", tck.Relationship{Type: "T", Props: map[string]any{"w": 1.5}}},
		{"[[:T], (:A)]", []any{tck.Relationship{Type: "T", Props: map[string]any{}}, a}},
		{"<(:A)>", tck.Path{Nodes: []tck.Node{a}}},
		{"<(:A)-[:T]->(:B)<-[:U]-()>", tck.Path{
			Nodes: []tck.Node{a, {ID: -3, Labels: []string{"B"}, Props: map[string]any{}}, {ID: -5, Props: map[string]any{}}},
			Rels: []tck.Relationship{
				{ID: -2, Type: "T", StartID: -1, EndID: -3, Props: map[string]any{}},
				{ID: -4, Type: "U", StartID: -5, EndID: -3, Props: map[string]any{}},
			},
		}},
		{"  {k: 'v'}  ", map[string]any{"k": "v"}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			got, err := tck.ParseValue(tc.text)
			if err != nil {
				t.Fatalf("ParseValue(%q): %v", tc.text, err)
			}
			if !tck.Equal(tc.want, got, false) {
				t.Errorf("ParseValue(%q) = %s, want %s", tc.text, tck.Format(got), tck.Format(tc.want))
			}
			// Paths: directions must survive parsing exactly.
			if p, ok := tc.want.(tck.Path); ok {
				gp := got.(tck.Path)
				for i := range p.Rels {
					if gp.Rels[i].StartID != p.Rels[i].StartID || gp.Rels[i].EndID != p.Rels[i].EndID {
						t.Errorf("rel %d: %d->%d, want %d->%d", i, gp.Rels[i].StartID, gp.Rels[i].EndID, p.Rels[i].StartID, p.Rels[i].EndID)
					}
				}
			}
		})
	}
}

func TestParseValueErrors(t *testing.T) {
	for _, text := range []string{
		"", "nul", "'open", "[1, 2", "[1 2]", "{a 1}", "{a: 1, a: 2}", "(:A", "[:A:B]",
		"<(:A)-[:T]-(:B)>", "<(:A)<-[:T]->(:B)>", "<(:A)", "1 2", "9223372036854775808", "1.2.3", "-", "`x`",
	} {
		t.Run(text, func(t *testing.T) {
			v, err := tck.ParseValue(text)
			var ve *tck.ValueError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseValue(%q) = %v, %v; want a *ValueError", text, v, err)
			}
			if ve.Offset < 0 || ve.Offset > len(text) {
				t.Errorf("offset %d out of range", ve.Offset)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, "null"},
		{int64(-3), "-3"},
		{2.0, "2.0"},
		{0.1, "0.1"},
		{1e300, "1e+300"},
		{math.NaN(), "NaN"},
		{math.Inf(-1), "-Inf"},
		{`it's \`, `'it\'s \\'`},
		{[]any{int64(1), "a"}, "[1, 'a']"},
		{map[string]any{"b": true, "a": nil, "x y": int64(1)}, "{a: null, b: true, `x y`: 1}"},
		{tck.Node{Labels: []string{"B", "A"}, Props: map[string]any{"k": int64(1)}}, "(:A:B {k: 1})"},
		{tck.Node{}, "()"},
		{tck.Relationship{Type: "T"}, "[:T]"},
		{tck.Path{
			Nodes: []tck.Node{{ID: 1}, {ID: 2}, {ID: 3}},
			Rels:  []tck.Relationship{{Type: "T", StartID: 1, EndID: 2}, {Type: "U", StartID: 3, EndID: 2}},
		}, "<()-[:T]->()<-[:U]-()>"},
		{int(1), "<int 1>"},
	}
	for _, tc := range tests {
		if got := tck.Format(tc.v); got != tc.want {
			t.Errorf("Format(%#v) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

// pointOne and pointTwo are variables so that their sum is computed in
// float64 arithmetic, not folded exactly as constants.
var pointOne, pointTwo = 0.1, 0.2

func TestEqual(t *testing.T) {
	node := func(id int64, labels ...string) tck.Node {
		return tck.Node{ID: id, Labels: labels, Props: map[string]any{}}
	}
	rel := func(typ string, start, end int64) tck.Relationship {
		return tck.Relationship{ID: 100 + start, Type: typ, StartID: start, EndID: end, Props: map[string]any{}}
	}
	tests := []struct {
		name      string
		want      string // TCK notation
		got       any
		unordered bool
		equal     bool
	}{
		{"int", "1", int64(1), false, true},
		{"int is not float", "1", 1.0, false, false},
		{"float is not int", "1.0", int64(1), false, false},
		{"Go int is not int64", "1", 1, false, false},
		{"NaN", "NaN", math.NaN(), false, true},
		{"float exact", "0.30000000000000004", pointOne + pointTwo, false, true},
		{"float inexact", "0.3", pointOne + pointTwo, false, false},
		{"null", "null", nil, false, true},
		{"null is not false", "null", false, false, false},
		{"string", "'a'", "a", false, true},
		{"list order", "[1, 2]", []any{int64(2), int64(1)}, false, false},
		{"list unordered", "[1, 2]", []any{int64(2), int64(1)}, true, true},
		{"list unordered multiset", "[1, 1, 2]", []any{int64(2), int64(1), int64(2)}, true, false},
		{"nested unordered", "[[1, 2]]", []any{[]any{int64(2), int64(1)}}, true, true},
		{"list length", "[1]", []any{int64(1), int64(1)}, false, false},
		{"map", "{a: 1, b: 'x'}", map[string]any{"b": "x", "a": int64(1)}, false, true},
		{"map extra key", "{a: 1}", map[string]any{"a": int64(1), "b": nil}, false, false},
		{"node labels any order", "(:A:B)", node(7, "B", "A"), false, true},
		{"node missing label", "(:A:B)", node(7, "A"), false, false},
		{"node props", "({k: 1})", tck.Node{Props: map[string]any{"k": int64(1)}}, false, true},
		{"node props differ", "({k: 1})", tck.Node{Props: map[string]any{"k": 1.0}}, false, false},
		{"node is not map", "{}", node(1), false, false},
		{"rel", "[:T]", rel("T", 1, 2), false, true},
		{"rel type", "[:T]", rel("U", 1, 2), false, false},
		{"path forward", "<()-[:T]->()>", tck.Path{Nodes: []tck.Node{node(1), node(2)}, Rels: []tck.Relationship{rel("T", 1, 2)}}, false, true},
		{"path backward", "<()<-[:T]-()>", tck.Path{Nodes: []tck.Node{node(1), node(2)}, Rels: []tck.Relationship{rel("T", 2, 1)}}, false, true},
		{"path wrong direction", "<()-[:T]->()>", tck.Path{Nodes: []tck.Node{node(1), node(2)}, Rels: []tck.Relationship{rel("T", 2, 1)}}, false, false},
		{"path disconnected", "<()-[:T]->()>", tck.Path{Nodes: []tck.Node{node(1), node(2)}, Rels: []tck.Relationship{rel("T", 1, 3)}}, false, false},
		{"path self-loop", "<()<-[:T]-()>", tck.Path{Nodes: []tck.Node{node(1), node(1)}, Rels: []tck.Relationship{rel("T", 1, 1)}}, false, true},
		{"path labels", "<(:A)-[:T]->()>", tck.Path{Nodes: []tck.Node{node(1), node(2)}, Rels: []tck.Relationship{rel("T", 1, 2)}}, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := tck.ParseValue(tc.want)
			if err != nil {
				t.Fatal(err)
			}
			if got := tck.Equal(want, tc.got, tc.unordered); got != tc.equal {
				t.Errorf("Equal(%s, %s, %v) = %v, want %v", tc.want, tck.Format(tc.got), tc.unordered, got, tc.equal)
			}
		})
	}
}

func TestSnapshotDiff(t *testing.T) {
	n := func(id int64, labels []string, props map[string]any) tck.Node {
		return tck.Node{ID: id, Labels: labels, Props: props}
	}
	before := tck.TakeSnapshot(
		[]tck.Node{
			n(1, []string{"A"}, map[string]any{"k": int64(1), "l": []any{int64(1)}}),
			n(2, []string{"A", "B"}, nil),
			n(3, nil, map[string]any{"gone": true}),
		},
		[]tck.Relationship{{ID: 10, Type: "T", StartID: 1, EndID: 2, Props: map[string]any{"w": 1.0}}},
	)
	after := tck.TakeSnapshot(
		[]tck.Node{
			n(1, []string{"A", "C"}, map[string]any{"k": 1.0, "l": []any{int64(1)}}), // k changed type
			n(2, []string{"A"}, nil), // label B gone from the graph
			n(4, []string{"C"}, map[string]any{"new": "x"}),
		},
		[]tck.Relationship{{ID: 11, Type: "T", StartID: 1, EndID: 2, Props: map[string]any{"w": 1.0}}},
	)
	want := tck.SideEffects{
		tck.NodesCreated: 1, tck.NodesDeleted: 1,
		tck.RelationshipsCreated: 1, tck.RelationshipsDeleted: 1,
		tck.LabelsAdded: 1, tck.LabelsRemoved: 1,
		tck.PropertiesAdded: 3, tck.PropertiesRemoved: 3, // k, new, w(11) / k, gone, w(10)
	}
	got := before.Diff(after)
	if got.String() != want.String() {
		t.Errorf("Diff = %v, want %v", got, want)
	}
	if d := before.Diff(before); d.String() != "none" {
		t.Errorf("Diff(self) = %v, want none", d)
	}
	if !tck.TakeSnapshot(nil, nil).Empty() || before.Empty() {
		t.Error("Empty() wrong")
	}
}

// FuzzParseValue checks that ParseValue never panics and that every value it
// accepts formats to text that parses back to an equal value.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{
		"null", "-12", "1.5e-3", ".5", "NaN", "-Inf", `'a\'b\\c'`, "[1, [2, 'x']]", "{a: {b: []}}",
		"(:A:B {k: 'v'})", "[:T {w: 2}]", "<(:A)-[:T]->()<-[:U {x: null}]-(:B)>", "{`a b`: 1}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		v, err := tck.ParseValue(text)
		if err != nil {
			var ve *tck.ValueError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v is not a *ValueError", err)
			}
			return
		}
		back, err := tck.ParseValue(tck.Format(v))
		if err != nil {
			t.Fatalf("Format(ParseValue(%q)) = %q does not parse: %v", text, tck.Format(v), err)
		}
		if !tck.Equal(v, back, false) {
			t.Fatalf("%q: round trip %s -> %s", text, tck.Format(v), tck.Format(back))
		}
	})
}
