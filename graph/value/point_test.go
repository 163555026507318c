package value_test

import (
	"errors"
	"math"
	"testing"

	"github.com/kgnews/kg/graph/value"
)

func TestPointFromMap(t *testing.T) {
	tests := []struct {
		name string
		in   map[string]any
		want string // String() of the point; "" for a nil point
		err  bool
	}{
		{"cartesian", map[string]any{"x": int64(1), "y": 2.5}, "point({x: 1.0, y: 2.5, crs: 'cartesian'})", false},
		{"cartesian 3d", map[string]any{"x": 1.0, "y": 2.0, "z": 3.0}, "point({x: 1.0, y: 2.0, z: 3.0, crs: 'cartesian-3d'})", false},
		{"wgs-84", map[string]any{"longitude": 12.5, "latitude": 56.0}, "point({x: 12.5, y: 56.0, crs: 'wgs-84'})", false},
		{"wgs-84-3d by height", map[string]any{"longitude": 12.5, "latitude": 56.0, "height": 100.0}, "point({x: 12.5, y: 56.0, z: 100.0, crs: 'wgs-84-3d'})", false},
		{"x y with crs", map[string]any{"x": 1.0, "y": 2.0, "crs": "WGS-84"}, "point({x: 1.0, y: 2.0, crs: 'wgs-84'})", false},
		{"srid", map[string]any{"x": 1.0, "y": 2.0, "z": 0.0, "srid": int64(4979)}, "point({x: 1.0, y: 2.0, z: 0.0, crs: 'wgs-84-3d'})", false},
		{"null coordinate", map[string]any{"x": nil, "y": 2.0}, "", false},
		{"missing y", map[string]any{"x": 1.0}, "", true},
		{"string coordinate", map[string]any{"x": "1", "y": 2.0}, "", true},
		{"unknown crs", map[string]any{"x": 1.0, "y": 2.0, "crs": "mars"}, "", true},
		{"unknown srid", map[string]any{"x": 1.0, "y": 2.0, "srid": int64(1)}, "", true},
		{"crs and srid disagree", map[string]any{"x": 1.0, "y": 2.0, "crs": "cartesian", "srid": int64(4326)}, "", true},
		{"3d crs with 2 coordinates", map[string]any{"x": 1.0, "y": 2.0, "crs": "cartesian-3d"}, "", true},
		{"latitude out of range", map[string]any{"longitude": 1.0, "latitude": 91.0}, "", true},
		{"longitude out of range", map[string]any{"longitude": 181.0, "latitude": 1.0}, "", true},
		{"unknown key", map[string]any{"x": 1.0, "y": 2.0, "w": 1.0}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, ok, err := value.PointFromMap(tc.in)
			if (err != nil) != tc.err {
				t.Fatalf("PointFromMap(%v) error %v, want error %v", tc.in, err, tc.err)
			}
			if err != nil {
				if !errors.Is(err, value.ErrPoint) {
					t.Errorf("error %v does not wrap ErrPoint", err)
				}
				return
			}
			got := ""
			if ok {
				got = p.String()
			}
			if got != tc.want {
				t.Errorf("PointFromMap(%v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPointFields(t *testing.T) {
	geo3 := value.Point{SRID: value.SRIDWGS843D, X: 12, Y: 56, Z: 100}
	cart := value.Point{SRID: value.SRIDCartesian, X: 1, Y: 2}
	tests := []struct {
		p    value.Point
		key  string
		want any
		ok   bool
	}{
		{geo3, "longitude", 12.0, true},
		{geo3, "Latitude", 56.0, true},
		{geo3, "height", 100.0, true},
		{geo3, "z", 100.0, true},
		{geo3, "crs", "wgs-84-3d", true},
		{geo3, "srid", int64(4979), true},
		{cart, "x", 1.0, true},
		{cart, "srid", int64(7203), true},
		{cart, "z", nil, false},
		{cart, "latitude", nil, false},
		{cart, "w", nil, false},
	}
	for _, tc := range tests {
		got, ok := value.PointField(tc.p, tc.key)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("PointField(%v, %q) = %v, %v; want %v, %v", tc.p, tc.key, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b value.Point
		want float64 // metres or units; NaN: not comparable
	}{
		{"cartesian", value.Point{SRID: 7203, X: 0, Y: 0}, value.Point{SRID: 7203, X: 3, Y: 4}, 5},
		{"cartesian 3d", value.Point{SRID: 9157}, value.Point{SRID: 9157, X: 1, Y: 2, Z: 2}, 3},
		// Neo4j's manual: Malmö centraal to Copenhagen central ≈ 27842 m.
		{"wgs-84", value.Point{SRID: 4326, X: 12.994341, Y: 55.611784}, value.Point{SRID: 4326, X: 12.564590, Y: 55.672874}, 27842},
		{"wgs-84-3d height only", value.Point{SRID: 4979, X: 1, Y: 1, Z: 0}, value.Point{SRID: 4979, X: 1, Y: 1, Z: 50}, 50},
		{"different systems", value.Point{SRID: 7203}, value.Point{SRID: 4326}, math.NaN()},
	}
	for _, tc := range tests {
		got, ok := value.Distance(tc.a, tc.b)
		if math.IsNaN(tc.want) {
			if ok {
				t.Errorf("%s: Distance = %v, want not comparable", tc.name, got)
			}
			continue
		}
		if !ok || math.Abs(got-tc.want) > 1 {
			t.Errorf("%s: Distance = %v, %v; want %v", tc.name, got, ok, tc.want)
		}
	}
}

func TestWithinBBox(t *testing.T) {
	pt := func(srid int32, x, y float64) value.Point { return value.Point{SRID: srid, X: x, Y: y} }
	tests := []struct {
		name       string
		p, ll, ur  value.Point
		in, compat bool
	}{
		{"inside", pt(7203, 1, 1), pt(7203, 0, 0), pt(7203, 2, 2), true, true},
		{"on the border", pt(7203, 2, 0), pt(7203, 0, 0), pt(7203, 2, 2), true, true},
		{"outside", pt(7203, 3, 1), pt(7203, 0, 0), pt(7203, 2, 2), false, true},
		{"across the 180th meridian", pt(4326, 179, 0), pt(4326, 170, -10), pt(4326, -170, 10), true, true},
		{"not across the meridian", pt(4326, 0, 0), pt(4326, 170, -10), pt(4326, -170, 10), false, true},
		{"mixed systems", pt(4326, 0, 0), pt(7203, 0, 0), pt(7203, 1, 1), false, false},
	}
	for _, tc := range tests {
		in, ok := value.WithinBBox(tc.p, tc.ll, tc.ur)
		if in != tc.in || ok != tc.compat {
			t.Errorf("%s: WithinBBox = %v, %v; want %v, %v", tc.name, in, ok, tc.in, tc.compat)
		}
	}
}

func TestComparePoints(t *testing.T) {
	ordered := []value.Point{
		{SRID: 4326, X: -1, Y: 5}, {SRID: 4326, X: 0, Y: 0}, {SRID: 4326, X: 0, Y: 1},
		{SRID: 4979}, {SRID: 7203, X: -100}, {SRID: 9157},
	}
	for i := range ordered {
		for j := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := value.ComparePoints(ordered[i], ordered[j]); got != want {
				t.Errorf("ComparePoints(%v, %v) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

func TestNonFinite(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{{math.NaN(), "NaN"}, {math.Inf(1), "Infinity"}, {math.Inf(-1), "-Infinity"}, {1.5, ""}, {0, ""}} {
		if got, ok := value.NonFinite(tc.f); got != tc.want || ok != (tc.want != "") {
			t.Errorf("NonFinite(%v) = %q, %v; want %q", tc.f, got, ok, tc.want)
		}
	}
}
