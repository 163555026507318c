package tck_test

import (
	"testing"

	"github.com/kgnews/kg/graph/cypher/internal/tck"
	"github.com/kgnews/kg/graph/value"
)

// TestEqualTemporal checks that temporal results equal the TCK's string
// notation for them (and nothing else does).
func TestEqualTemporal(t *testing.T) {
	d, err := value.NewDateTime(1437511232, 142000000, "", 3600)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		want string
		got  any
		eq   bool
	}{
		{"'2015-07-21'", value.NewDate(2015, 7, 21), true},
		{"'2015-07-22'", value.NewDate(2015, 7, 21), false},
		{"'21:40'", value.NewLocalTime(21, 40, 0, 0), true},
		{"'2015-07-21T21:40:32.142+01:00'", d, true},
		{"'P1D'", value.Duration{Days: 1}, true},
		{"['P1D', 'PT0S']", []any{value.Duration{Days: 1}, value.Duration{}}, true},
		{"{d: '2015-07-21'}", map[string]any{"d": value.NewDate(2015, 7, 21)}, true},
		{"''", value.Duration{}, false},
		{"'2015-07-21'", "2015-07-21", true},
		{"'1'", int64(1), false},
	}
	for _, tc := range tests {
		want, err := tck.ParseValue(tc.want)
		if err != nil {
			t.Fatalf("ParseValue(%s): %v", tc.want, err)
		}
		if got := tck.Equal(want, tc.got, false); got != tc.eq {
			t.Errorf("Equal(%s, %v) = %v, want %v", tc.want, tc.got, got, tc.eq)
		}
	}
}
