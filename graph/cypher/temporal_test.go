package cypher_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
	"github.com/kgnews/kg/graph/value"
)

// TestTemporalQueries covers what the TCK leaves out: year and offset
// edges, time-zone transitions, ordering, grouping and errors.
func TestTemporalQueries(t *testing.T) {
	tests := []struct {
		name, query string
		want        []any
	}{
		{"years beyond 9999 and before 0", `RETURN toString(date('+12345-01-02')), toString(date('-0044-03-15')), toString(date({year: 0}))`,
			[]any{"+12345-01-02", "-0044-03-15", "0000-01-01"}},
		{"leap day and month arithmetic clamps", `RETURN toString(date('2016-01-31') + duration('P1M')), toString(date('2016-02-29') + duration('P1Y'))`,
			[]any{"2016-02-29", "2017-02-28"}},
		{"spring-forward gap moves the clock on", `RETURN toString(datetime('2017-03-26T02:30[Europe/Stockholm]'))`,
			[]any{"2017-03-26T03:30+02:00[Europe/Stockholm]"}},
		{"fall-back overlap takes the earlier offset", `RETURN toString(datetime('2017-10-29T02:30[Europe/Stockholm]'))`,
			[]any{"2017-10-29T02:30+02:00[Europe/Stockholm]"}},
		{"an offset picks the later reading of an overlap", `RETURN toString(datetime('2017-10-29T02:30+01:00[Europe/Stockholm]'))`,
			[]any{"2017-10-29T02:30+01:00[Europe/Stockholm]"}},
		{"adding hours crosses a transition by the instant", `RETURN toString(datetime('2017-03-26T01:30[Europe/Stockholm]') + duration('PT1H'))`,
			[]any{"2017-03-26T03:30+02:00[Europe/Stockholm]"}},
		{"adding a day keeps the wall clock", `RETURN toString(datetime('2017-03-25T12:00[Europe/Stockholm]') + duration('P1D'))`,
			[]any{"2017-03-26T12:00+02:00[Europe/Stockholm]"}},
		{"same instant, different offsets: not equal, then ordered by wall clock",
			`WITH datetime('2018-01-01T01:00+01:00') AS a, datetime('2018-01-01T00:00Z') AS b RETURN a = b, a > b, datetime('2018-01-01T00:59+01:00') < b`,
			[]any{false, true, true}},
		{"times compare by instant", `RETURN time('10:00+01:00') < time('09:30Z'), time('10:00+01:00') = time('09:00Z')`,
			[]any{true, false}},
		{"different temporal types are not comparable", `RETURN date('2018-01-01') < localdatetime('2018-01-01T00:00'), date('2018-01-01') = localdatetime('2018-01-01T00:00')`,
			[]any{nil, false}},
		{"durations are not comparable", `RETURN duration('P1D') < duration('P2D'), duration('PT24H') = duration('P1D')`,
			[]any{nil, false}},
		{"ORDER BY sorts within and across temporal types",
			`UNWIND [duration('P1D'), date('2018-01-02'), localtime('10:00'), date('2018-01-01'), datetime('2018-01-01T00:00Z'), 'x'] AS v
			 WITH v ORDER BY v RETURN collect(toString(v))`,
			[]any{[]any{"2018-01-01T00:00Z", "2018-01-01", "2018-01-02", "10:00", "P1D", "x"}}},
		{"DISTINCT and grouping treat equal temporals as one",
			`UNWIND [date('2018-01-01'), date({year: 2018}), duration('PT60S'), duration('PT1M')] AS v RETURN count(DISTINCT v)`,
			[]any{int64(2)}},
		{"min and max", `UNWIND [date('2018-03-01'), date('2017-12-31')] AS d RETURN toString(min(d)), toString(max(d))`,
			[]any{"2017-12-31", "2018-03-01"}},
		{"duration negation and scaling", `RETURN toString(-duration('P1M2DT3.5S')), toString(2 * duration('PT1.5S')), toString(duration('P1Y') / 4)`,
			[]any{"P-1M-2DT-3.5S", "PT3S", "P3M"}},
		{"duration components of a negative duration", `WITH duration('-PT1.5S') AS d RETURN d.seconds, d.nanosecondsOfSecond, d.milliseconds`,
			[]any{int64(-2), int64(500000000), int64(-1500)}},
		{"epoch accessors and constructors agree",
			`WITH datetime({epochSeconds: 1500000000, nanosecond: 5}) AS d RETURN toString(d), d.epochSeconds, d.epochMillis, toString(datetime({epochMillis: -1}))`,
			[]any{"2017-07-14T02:40:00.000000005Z", int64(1500000000), int64(1500000000000), "1969-12-31T23:59:59.999Z"}},
		{"week-year edges", `RETURN date('2020-12-31').week, date('2021-01-03').weekYear, toString(date('2020-W53-7'))`,
			[]any{int64(53), int64(2020), "2021-01-03"}},
		{"named zone accessors", `WITH datetime('2018-06-01T12:00[America/New_York]') AS d RETURN d.timezone, d.offset, d.offsetMinutes`,
			[]any{"America/New_York", "-04:00", int64(-240)}},
		{"truncate to week and quarter", `RETURN toString(date.truncate('week', date('2018-01-04'))), toString(localdatetime.truncate('quarter', localdatetime('2018-05-17T10:00')))`,
			[]any{"2018-01-01", "2018-04-01T00:00"}},
		{"statement clock is fixed within a query", `RETURN datetime() = datetime(), date.statement() = date()`,
			[]any{true, true}},
		{"null propagates", `RETURN date(null), duration(null), date.truncate('day', null), duration.between(null, date())`,
			[]any{nil, nil, nil, nil}},
		{"time from a named zone uses its current offset", `RETURN time({hour: 12, timezone: 'UTC'}).offsetSeconds`,
			[]any{int64(0)}},
		{"fractional seconds with a comma", `RETURN toString(localtime('12:00:01,5')), toString(duration('PT1,5S'))`,
			[]any{"12:00:01.500", "PT1.5S"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRun(t, memgraph.New(), tc.query, nil)
			if len(res.Rows) != 1 || !reflect.DeepEqual(res.Rows[0], tc.want) {
				t.Fatalf("rows = %#v, want [%#v]", res.Rows, tc.want)
			}
		})
	}
}

func TestTemporalErrors(t *testing.T) {
	tests := []struct {
		name, query, typ, detail string
	}{
		{"bad date string", `RETURN date('2015-13-01')`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"not a date at all", `RETURN date('yesterday')`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"unknown zone", `RETURN datetime({year: 2000, timezone: 'Mars/Olympus'})`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"unknown map key", `RETURN date({year: 2000, moonth: 1})`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"day of a 30-day month", `RETURN date({year: 2000, month: 4, day: 31})`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"minute without hour", `RETURN localtime({minute: 5})`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"unknown truncation unit", `RETURN date.truncate('fortnight', date())`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"date truncated to an hour", `RETURN date.truncate('hour', datetime())`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"date of a local time", `RETURN date(localtime())`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"duration divided by zero", `RETURN duration('P1D') / 0`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"adding two dates", `RETURN date() + date()`, cypher.TypeError, "InvalidArgumentType"},
		{"no such component", `RETURN date().hour`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"duration from a number", `RETURN duration(5)`, cypher.TypeError, "InvalidArgumentType"},
		{"bad duration string", `RETURN duration('P1H')`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"past the last year", `RETURN date('+999999999-12-31') + duration('P1D')`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"an overlong duration", `RETURN localdatetime() + duration({days: 4000000000000})`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"a duration beyond int64", `RETURN duration({years: 1e30})`, cypher.ArgumentError, "InvalidArgumentValue"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantRunError(t, tc.query, tc.typ, tc.detail) })
	}
}

// wantRunError runs query on an empty graph and checks that it fails with
// an *Error of type typ and detail.
func wantRunError(t *testing.T, query, typ, detail string) {
	t.Helper()
	_, err := cypher.Run(context.Background(), memgraph.New(), query, nil)
	e, ok := cypher.IsError(err)
	if !ok || e.Type != typ || e.Detail != detail {
		t.Fatalf("Run(%q) error = %v, want %s (%s)", query, err, typ, detail)
	}
}

// TestTemporalAPI checks that temporal values built outside the engine
// serve as parameters and come back in results.
func TestTemporalAPI(t *testing.T) {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2017, 8, 8, 12, 31, 14, 645876123, stockholm)
	d := value.DateTimeOf(at)
	res := mustRun(t, memgraph.New(), `RETURN $d + duration('P1D') AS next, $d.year AS y`, map[string]any{"d": d})
	next, ok := res.Rows[0][0].(value.DateTime)
	if !ok || next.String() != "2017-08-09T12:31:14.645876123+02:00[Europe/Stockholm]" || res.Rows[0][1] != int64(2017) {
		t.Fatalf("rows = %#v", res.Rows)
	}
}

// FuzzTemporalParse parses strings as each temporal type: parsing never
// panics, fails only with an ArgumentError, and a parsed value's string form
// parses back to an equal value.
func FuzzTemporalParse(f *testing.F) {
	for _, s := range []string{"2015-07-21", "2015W302", "2015-202T21:40:32.142+0100", "21:40-01:30",
		"2015-07-21T21:40:32.142[Europe/London]", "P12Y5M14DT16H12M70S", "P2012-02-02T14:37:21.545", "-PT1,5S",
		"+999999999-12-31T23:59:59.999999999-18:00", "P0.75M", "2017-10-29T02:30+01:00[Europe/Stockholm]"} {
		f.Add(s)
	}
	g := memgraph.New()
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []string{"date", "localtime", "time", "localdatetime", "datetime", "duration"} {
			q := `WITH ` + fn + `($s) AS v RETURN v = ` + fn + `(toString(v)), toString(v)`
			res, err := cypher.Run(context.Background(), g, q, map[string]any{"s": s})
			if err != nil {
				if e, ok := cypher.IsError(err); !ok || e.Type != cypher.ArgumentError {
					t.Fatalf("%s(%q): %v", fn, s, err)
				}
				continue
			}
			if res.Rows[0][0] != true {
				t.Fatalf("%s(%q) = %v does not round-trip", fn, s, res.Rows[0][1])
			}
		}
	})
}

func benchTemporal(b *testing.B, query string) {
	g := memgraph.New()
	st, err := cypher.Parse(query)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Run(ctx, g, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTemporalParse parses 1,000 datetimes with a named zone a query.
func BenchmarkTemporalParse(b *testing.B) {
	benchTemporal(b, `UNWIND range(1, 1000) AS i RETURN count(datetime('2015-07-21T21:40:32.142[Europe/Stockholm]'))`)
}

// BenchmarkTemporalArithmetic adds 1,000 durations to a date and orders the
// results.
func BenchmarkTemporalArithmetic(b *testing.B) {
	benchTemporal(b, `UNWIND range(1, 1000) AS i WITH date('2015-07-21') + duration({days: i, hours: i}) AS d RETURN d ORDER BY d DESC LIMIT 1`)
}
