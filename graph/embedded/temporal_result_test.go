package embedded_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/graph/value"
)

// TestTemporalResultsAreStrings checks that temporal values come back as
// strings in Neo4j's format, as the Neo4j store returns them.
func TestTemporalResultsAreStrings(t *testing.T) {
	s := embeddedtest.Open(t)
	res, err := s.Query(context.Background(),
		"RETURN date('2026-02-04') AS d, duration('P1M2DT3H') AS p, [localtime('09:30')] AS l", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{"2026-02-04", "P1M2DT3H", []any{"09:30"}}
	if !reflect.DeepEqual(res.Rows[0], want) {
		t.Fatalf("row = %#v, want %#v", res.Rows[0], want)
	}
}

// TestQueryTypedKeepsTemporals checks that QueryTyped returns the same
// values as temporal types, in lists and in node properties too.
func TestQueryTypedKeepsTemporals(t *testing.T) {
	ctx := context.Background()
	s := embeddedtest.Open(t)
	if _, err := s.Query(ctx, "CREATE (:E {id: 'e', on: date('2026-02-04')})", nil); err != nil {
		t.Fatal(err)
	}
	res, err := s.QueryTyped(ctx,
		"MATCH (e:E) RETURN e.on AS d, duration('P1M2DT3H') AS p, [localtime('09:30')] AS l, e", nil)
	if err != nil {
		t.Fatal(err)
	}
	day := value.NewDate(2026, time.February, 4)
	want := []any{day, value.Duration{Months: 1, Days: 2, Seconds: 3 * 3600}, []any{value.NewLocalTime(9, 30, 0, 0)}}
	if !reflect.DeepEqual(res.Rows[0][:3], want) {
		t.Fatalf("row = %#v, want %#v", res.Rows[0][:3], want)
	}
	if n := res.Rows[0][3].(value.Node); n.Props["on"] != day {
		t.Errorf("node property on = %#v, want %v", n.Props["on"], day)
	}
}
