package embedded

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/value"
)

func mustDateTime(t *testing.T, sec, nsec int64, zone string, off int) value.DateTime {
	t.Helper()
	d, err := value.NewDateTime(sec, nsec, zone, off)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCodecTemporalRoundTrip(t *testing.T) {
	tm, err := value.NewTime(45074645876123, -5400)
	if err != nil {
		t.Fatal(err)
	}
	props := map[string]any{
		"date":     value.DateOfEpochDay(-56000),
		"local":    value.LocalTimeOfNanoOfDay(45074645876123),
		"time":     tm,
		"ldt":      value.LocalDateTimeOfEpoch(-5000000000, 999999999),
		"fixed":    mustDateTime(t, 469020674, 645876123, "", 3600),
		"named":    mustDateTime(t, 469020674, 645876123, "Europe/Stockholm", 0),
		"duration": value.Duration{Months: -14, Days: 3, Seconds: -61, Nanos: 5},
		"dates":    []any{value.DateOfEpochDay(1), value.DateOfEpochDay(2)},
	}
	checkRoundTrip(t, props)
}

// checkRoundTrip encodes props in a node record, decodes them unchanged, and
// finds every truncation of the record corrupt.
func checkRoundTrip(t *testing.T, props map[string]any) {
	t.Helper()
	rec, err := encodeNode(1, []string{"Val"}, props)
	if err != nil {
		t.Fatalf("encodeNode: %v", err)
	}
	_, got, err := decodeNode(1, rec)
	if err != nil {
		t.Fatalf("decodeNode: %v", err)
	}
	if !reflect.DeepEqual(got, props) {
		t.Fatalf("round trip = %#v, want %#v", got, props)
	}
	for i := range rec {
		if _, _, err := decodeNode(1, rec[:i]); !errors.Is(err, errCorrupt) {
			t.Errorf("decodeNode(1, truncated to %d) = %v, want errCorrupt", i, err)
		}
	}
}

func TestCodecTemporalRejects(t *testing.T) {
	if _, err := normalize(value.Duration{Nanos: 1e9}); err == nil {
		t.Error("normalize accepted a duration with 1e9 nanoseconds")
	}
	if _, err := normalize([]any{value.DateOfEpochDay(1), value.LocalTimeOfNanoOfDay(1)}); err == nil {
		t.Error("normalize accepted a list mixing Date and LocalTime")
	}
	at := time.Date(2017, 8, 8, 12, 31, 14, 5, time.FixedZone("", -3600))
	if v, err := normalize(at); err != nil || v != any(value.DateTimeOf(at)) {
		t.Errorf("normalize(time.Time) = %#v, %v; want a value.DateTime", v, err)
	}
	bad := []byte{recordVersion, 0, 1, 1, 'k', tagDateTime, 0, 0, 0, 3, 'X', '/', 'Y'}
	if _, _, err := decodeNode(1, bad); !errors.Is(err, errCorrupt) {
		t.Errorf("decodeNode(1, unknown zone) = %v, want errCorrupt", err)
	}
}

// TestStoreTemporalProperties writes temporal properties with Cypher, reopens
// the file and reads them back unchanged.
func TestStoreTemporalProperties(t *testing.T) {
	ctx := context.Background()
	s := writeAndReopen(t, `CREATE (:Val {d: date('2015-07-21'), t: time('21:40:32.142+0100'),
		dt: datetime('2015-07-21T21:40:32.142[Europe/London]'), ds: [duration('P1Y2M3DT4H'), duration('PT-0.5S')]})`, nil)
	res, err := s.Query(ctx, `MATCH (v:Val) RETURN toString(v.d), toString(v.t), toString(v.dt), [x IN v.ds | toString(x)], v.d = date('2015-07-21')`, nil)
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	want := []any{"2015-07-21", "21:40:32.142+01:00", "2015-07-21T21:40:32.142+01:00[Europe/London]",
		[]any{"P1Y2M3DT4H", "PT-0.5S"}, true}
	if len(res.Rows) != 1 || !reflect.DeepEqual(res.Rows[0], want) {
		t.Fatalf("rows = %#v, want [%#v]", res.Rows, want)
	}
}

// writeAndReopen runs the updating queries on a new store file, each with
// its params, closes the file and opens it again, closed at the test's end.
func writeAndReopen(t *testing.T, queries ...any) *Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(queries); i += 2 {
		params, _ := queries[i+1].(map[string]any)
		if _, err := s.Query(ctx, queries[i].(string), params); err != nil {
			t.Fatalf("%s: %v", queries[i], err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
