package bolt

import (
	"bytes"
	"encoding/hex"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/value"
)

func mustDateTime(t *testing.T, sec int64, zone string, off int) value.DateTime {
	t.Helper()
	d, err := value.NewDateTime(sec, 5, zone, off)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestEncodeBytes pins the encodings the specification gives.
func TestEncodeBytes(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, "C0"},
		{true, "C3"},
		{false, "C2"},
		{int64(1), "01"},
		{int64(-16), "F0"},
		{int64(-17), "C8EF"},
		{int64(128), "C90080"},
		{int64(-129), "C9FF7F"},
		{int64(32768), "CA00008000"},
		{int64(1 << 31), "CB0000000080000000"},
		{1.1, "C13FF199999999999A"},
		{"", "80"},
		{"A", "8141"},
		{strings.Repeat("a", 16), "D010" + strings.Repeat("61", 16)},
		{[]byte{1, 2}, "CC020102"},
		{[]any{int64(1), "a"}, "92018161"},
		{map[string]any{"a": int64(1)}, "A1816101"},
		{value.DateOfEpochDay(19000), "B144C94A38"},
		{value.Duration{Months: 1, Days: 2, Seconds: 3, Nanos: 4}, "B44501020304"},
		{value.Point{SRID: 7203, X: 1, Y: 2}, "B358C91C23C13FF0000000000000C14000000000000000"},
		{value.Point{SRID: 4979, X: 1, Y: 2, Z: 0}, "B459C91373C13FF0000000000000C14000000000000000C10000000000000000"},
		{value.Node{ElementID: "n:7", Labels: []string{"L"}, Props: map[string]any{}}, "B44E0791814CA0836E3A37"},
	}
	for _, tt := range tests {
		got, err := Encode(nil, tt.v)
		if err != nil {
			t.Errorf("Encode(%#v): %v", tt.v, err)
			continue
		}
		if h := strings.ToUpper(hex.EncodeToString(got)); h != tt.want {
			t.Errorf("Encode(%#v) = %s, want %s", tt.v, h, tt.want)
		}
	}
}

// TestRoundTrip decodes what Encode writes, for every size class and
// temporal type.
func TestRoundTrip(t *testing.T) {
	tm, err := value.NewTime(3600e9, 7200)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 70000)
	many := make([]any, 300)
	for i := range many {
		many[i] = int64(i * 1000)
	}
	big := map[string]any{}
	for i := range 20 {
		big[strings.Repeat("k", i+1)] = float64(i)
	}
	values := []any{
		nil, true, false, int64(0), int64(-1), int64(127), int64(-128), int64(math.MaxInt16), int64(math.MinInt32),
		int64(math.MaxInt64), int64(math.MinInt64), 0.0, math.Inf(-1), -2.5,
		"", "héllo", strings.Repeat("y", 300), long, []byte{}, bytes.Repeat([]byte{9}, 70000),
		[]any{}, many, map[string]any{}, big, []any{[]any{map[string]any{"a": []any{nil}}}},
		value.DateOfEpochDay(-719162), value.LocalTimeOfNanoOfDay(123456789), tm,
		value.LocalDateTimeOfEpoch(-1, 999), mustDateTime(t, 1700000000, "", -3600),
		mustDateTime(t, 1700000000, "Asia/Tehran", 0), value.DateTimeOf(time.Unix(0, 0).UTC()),
		value.Duration{Months: -14, Days: 3, Seconds: -5, Nanos: 999999999},
		value.Point{SRID: value.SRIDWGS84, X: 12.5, Y: -56.25}, value.Point{SRID: value.SRIDCartesian3D, X: 1, Y: 2, Z: -3},
		[]any{value.Point{SRID: value.SRIDCartesian, X: math.Inf(1), Y: 0}},
	}
	for _, v := range values {
		b, err := Encode(nil, v)
		if err != nil {
			t.Fatalf("Encode(%.40v): %v", v, err)
		}
		got, n, err := Decode(b)
		if err != nil || n != len(b) {
			t.Fatalf("Decode(Encode(%.40v)) used %d of %d bytes: %v", v, n, len(b), err)
		}
		if !reflect.DeepEqual(got, v) {
			t.Errorf("round trip of %.60v gave %.60v", v, got)
		}
	}
}

// TestDecodeRejects covers malformed input: every case is an error.
func TestDecodeRejects(t *testing.T) {
	tests := map[string]string{
		"empty":                "",
		"short int":            "CA0000",
		"string past the end":  "D0FF41",
		"huge list":            "D6FFFFFFFF",
		"huge map":             "DAFFFFFFFF",
		"map key not a string": "A10101",
		"unknown marker":       "C4",
		"date with no fields":  "B044",
		"date of a string":     "B1448141",
		"bad time offset":      "B25401CB00000000FFFFFFFF",
		"unknown zone":         "B3690101854E6F6E65",
		"duration overflow":    "B44500" + "00" + "CB7FFFFFFFFFFFFFFF" + "CB7FFFFFFFFFFFFFFF",
		"point of integers":    "B358C91C230102",
		"point of no srid":     "B3588161C13FF0000000000000C14000000000000000",
		"unknown srid":         "B35801C13FF0000000000000C14000000000000000",
		"3D point of 2D srid":  "B459C91C23C13FF0000000000000C14000000000000000C10000000000000000",
		"latitude beyond 90":   "B358C910E6C10000000000000000C14060000000000000",
	}
	for name, h := range tests {
		b, err := hex.DecodeString(h)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if v, _, err := Decode(b); err == nil {
			t.Errorf("%s: Decode(%s) = %#v, want an error", name, h, v)
		}
	}
	deep := bytes.Repeat([]byte{0x91}, maxDepth+2)
	if _, _, err := Decode(append(deep, 0xC0)); err == nil {
		t.Error("nesting beyond maxDepth was accepted")
	}
}

func TestPickVersion(t *testing.T) {
	tests := []struct {
		name      string
		proposals string
		want      string
	}{
		{"go driver 5.28, js driver 5.28 and 6.x", "000001FF" + "00080805" + "00020404" + "00000003", "5.8"},
		{"js driver 5.26", "00070705" + "00020404" + "00000104" + "00000003", "5.7"},
		{"exactly 5.4", "00000405" + "00000000" + "00000000" + "00000000", "5.4"},
		{"5.2 only", "00000205" + "00000000" + "00000000" + "00000000", "5.2"},
		{"5.8 down to 5.6", "00020805" + "00000000" + "00000000" + "00000000", "5.8"},
		{"5.9 down to 5.0", "00090905" + "00000000" + "00000000" + "00000000", "5.8"},
		{"5.5 is never chosen", "00010505" + "00000000" + "00000000" + "00000000", "5.4"},
		{"5.5 only", "00000505" + "00000000" + "00000000" + "00000000", ""},
		{"4.4 only", "00020404" + "00000003" + "00000000" + "00000000", ""},
		{"bolt 6", "00000006" + "00000000" + "00000000" + "00000000", ""},
	}
	for _, tt := range tests {
		b, _ := hex.DecodeString(tt.proposals)
		v, ok := pickVersion(b)
		got := ""
		if ok {
			got = v.String()
		}
		if got != tt.want {
			t.Errorf("%s: picked %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name, in, answer string
		ok               bool
	}{
		{"5.8 chosen", "6060B017" + "00080805" + "00020404" + "00000000" + "00000000", "00000805", true},
		{"nothing in common", "6060B017" + "00020404" + "00000000" + "00000000" + "00000000", "00000000", false},
		{"bad magic", "47455420" + "00080805" + "00000000" + "00000000" + "00000000", "", false},
		{"short", "6060B017" + "0008", "", false},
	}
	for _, tt := range tests {
		in, _ := hex.DecodeString(tt.in)
		var out bytes.Buffer
		v, err := negotiate(struct {
			io.Reader
			io.Writer
		}{bytes.NewReader(in), &out})
		if (err == nil) != tt.ok {
			t.Errorf("%s: negotiate = %v, %v", tt.name, v, err)
		}
		if got := strings.ToUpper(hex.EncodeToString(out.Bytes())); got != tt.answer {
			t.Errorf("%s: answered %s, want %s", tt.name, got, tt.answer)
		}
	}
}
