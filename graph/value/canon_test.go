package value_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/value"
)

func TestCanon(t *testing.T) {
	at := time.Date(2024, 3, 1, 12, 0, 0, 0, time.FixedZone("", 3600))
	for _, tc := range []struct {
		in, want any
		err      bool
	}{
		{int(3), int64(3), false}, {int8(-3), int64(-3), false}, {uint32(7), int64(7), false},
		{uint64(1 << 63), nil, true}, {uint(1 << 63), nil, true}, {float32(0.5), float64(0.5), false},
		{"x", "x", false}, {int64(9), int64(9), false}, {nil, nil, false},
		{[]string{"b", "a"}, []string{"b", "a"}, false},
		{at, value.DateTimeOf(at), false},
		{[]any{int16(1), []any{float32(2)}}, []any{int64(1), []any{float64(2)}}, false},
		{map[string]any{"k": uint8(4)}, map[string]any{"k": int64(4)}, false},
		{[]any{"x", uint64(1 << 63)}, nil, true},
		{map[string]any{"k": uint64(1 << 63)}, nil, true},
	} {
		got, err := value.Canon(tc.in)
		if (err != nil) != tc.err || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Canon(%T %v) = %v, %v; want %v (error %v)", tc.in, tc.in, got, err, tc.want, tc.err)
		}
	}
}
