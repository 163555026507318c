package value_test

import (
	"testing"
	"time"

	"github.com/kgnews/kg/graph/value"
)

// TestTemporalString checks the constructors, the text forms (Neo4j's
// toString()) and the round trip of a zoned instant through time.Time.
func TestTemporalString(t *testing.T) {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatalf("no zone database, although the package embeds time/tzdata: %v", err)
	}
	at := time.Date(2017, 8, 8, 12, 31, 14, 645876123, stockholm)
	tm, err := value.NewTime(3600e9, -5400)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		v    interface{ String() string }
		want string
	}{
		{value.NewDate(2015, 13, 1), "2016-01-01"},
		{value.DateOf(at), "2017-08-08"},
		{value.LocalTimeOf(at), "12:31:14.645876123"},
		{value.NewLocalTime(9, 5, 0, 0), "09:05"},
		{value.TimeOf(at), "12:31:14.645876123+02:00"},
		{tm, "01:00-01:30"},
		{value.LocalDateTimeOf(at), "2017-08-08T12:31:14.645876123"},
		{value.DateTimeOf(at), "2017-08-08T12:31:14.645876123+02:00[Europe/Stockholm]"},
		{value.DateTimeOf(at.UTC()), "2017-08-08T10:31:14.645876123Z"},
		{value.Duration{Months: 14, Days: -1, Seconds: -2, Nanos: 999000000}, "P1Y2M-1DT-1.001S"},
		{value.Duration{}, "PT0S"},
	}
	for _, tc := range tests {
		if got := tc.v.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.v, got, tc.want)
		}
	}
	if got := value.DateTimeOf(at).Time(); !got.Equal(at) || got.Location().String() != "Europe/Stockholm" {
		t.Errorf("DateTimeOf(at).Time() = %v, want %v", got, at)
	}
}
