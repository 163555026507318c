package embedded_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/embedded/embeddedtest"
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
