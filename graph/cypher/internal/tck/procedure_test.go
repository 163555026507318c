package tck

import (
	"reflect"
	"testing"
)

func TestParseProcedure(t *testing.T) {
	p, err := ParseProcedure("there exists a procedure test.my.proc(name :: STRING?, id :: INTEGER?) :: (city :: STRING?) :",
		[][]string{{"city", "id", "name"}, {"'Berlin'", "1", "'Stefan'"}, {"'Bonn'", "2", "'Stefan'"}, {"'Rome'", "1", "null"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "test.my.proc" || len(p.Inputs) != 2 || len(p.Outputs) != 1 || p.Inputs[1] != (Field{"id", "INTEGER?"}) {
		t.Fatalf("parsed %+v", p)
	}
	tests := []struct {
		args []any
		want [][]any
	}{
		{[]any{"Stefan", int64(1)}, [][]any{{"Berlin"}}},
		{[]any{"Stefan", 1.0}, nil},
		{[]any{nil, int64(1)}, [][]any{{"Rome"}}},
		{[]any{"Stefan"}, nil},
	}
	for _, tc := range tests {
		if got := p.Call(tc.args); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Call(%v) = %v, want %v", tc.args, got, tc.want)
		}
	}
	void, err := ParseProcedure("there exists a procedure test.doNothing() :: ():", [][]string{{}})
	if err != nil || len(void.Inputs)+len(void.Outputs)+len(void.Rows) != 0 {
		t.Fatalf("void procedure: %+v, %v", void, err)
	}
	for _, bad := range []struct {
		text  string
		table [][]string
	}{
		{"there exists a procedure p() :: ()", nil},
		{"there exists a procedure p(x) :: ():", [][]string{{"x"}}},
		{"there exists a procedure p(x :: INTEGER?) :: ():", [][]string{{"y"}}},
		{"there exists a procedure p(x :: INTEGER?) :: ():", [][]string{{"x"}, {"1", "2"}}},
		{"there exists a procedure p(x :: INTEGER?) :: ():", [][]string{{"x"}, {"'unterminated"}}},
	} {
		if _, err := ParseProcedure(bad.text, bad.table); err == nil {
			t.Errorf("ParseProcedure(%q, %q) succeeded", bad.text, bad.table)
		}
	}
}
