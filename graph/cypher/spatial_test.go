package cypher_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
	"github.com/kgnews/kg/graph/value"
)

// TestSpatialQueries covers points: construction, components, equality
// and ordering, distance and bounding boxes, storage and parameters.
func TestSpatialQueries(t *testing.T) {
	cart := value.Point{SRID: value.SRIDCartesian, X: 1, Y: 2}
	tests := []struct {
		name, query string
		params      map[string]any
		want        []any
	}{
		{"cartesian from x and y", `RETURN point({x: 1, y: 2})`, nil, []any{cart}},
		{"wgs-84 from longitude and latitude", `WITH point({longitude: 12.5, latitude: 56.0}) AS p RETURN p.x, p.longitude, p.latitude, p.crs, p.srid`,
			nil, []any{12.5, 12.5, 56.0, "wgs-84", int64(4326)}},
		{"3d components", `WITH point({x: 1, y: 2, z: 3}) AS p, point({longitude: 1, latitude: 2, height: 3}) AS g RETURN p.z, p.crs, g.height, g.srid`,
			nil, []any{3.0, "cartesian-3d", 3.0, int64(4979)}},
		{"toString", `RETURN toString(point({x: 1, y: 2.5})), toString(point({longitude: 1, latitude: 2, height: 3}))`,
			nil, []any{"point({x: 1.0, y: 2.5, crs: 'cartesian'})", "point({x: 1.0, y: 2.0, z: 3.0, crs: 'wgs-84-3d'})"}},
		{"null in, null out", `RETURN point(null), point({x: null, y: 1}), point.distance(null, point({x: 1, y: 1}))`,
			nil, []any{nil, nil, nil}},
		{"equality within and across systems", `RETURN point({x: 1, y: 2}) = point({x: 1.0, y: 2.0}), point({x: 1, y: 2}) = point({x: 1, y: 2, crs: 'wgs-84'}), point({x: 1, y: 2}) <> point({x: 2, y: 2})`,
			nil, []any{true, false, true}},
		{"points are not comparable with <", `RETURN point({x: 1, y: 2}) < point({x: 2, y: 3})`, nil, []any{nil}},
		{"cartesian distance", `RETURN point.distance(point({x: 0, y: 0}), point({x: 3, y: 4}))`, nil, []any{5.0}},
		{"distance across systems is null", `RETURN point.distance(point({x: 0, y: 0}), point({longitude: 0, latitude: 0}))`, nil, []any{nil}},
		{"withinBBox", `RETURN point.withinBBox(point({x: 1, y: 1}), point({x: 0, y: 0}), point({x: 2, y: 2})), point.withinBBox(point({x: 3, y: 1}), point({x: 0, y: 0}), point({x: 2, y: 2}))`,
			nil, []any{true, false}},
		{"ORDER BY puts points before temporals, by srid then coordinates",
			`UNWIND [date('2020-01-01'), point({x: 2, y: 0}), point({longitude: 5, latitude: 0}), point({x: 1, y: 9}), 'x'] AS v WITH v ORDER BY v RETURN collect(toString(v))`,
			nil, []any{[]any{"point({x: 5.0, y: 0.0, crs: 'wgs-84'})", "point({x: 1.0, y: 9.0, crs: 'cartesian'})", "point({x: 2.0, y: 0.0, crs: 'cartesian'})", "2020-01-01", "x"}}},
		{"DISTINCT treats equal points as one", `UNWIND [point({x: 1, y: 2}), point({x: 1.0, y: 2.0}), point({x: 1, y: 2, crs: 'wgs-84'})] AS p RETURN count(DISTINCT p)`,
			nil, []any{int64(2)}},
		{"stored on a node and read back", `CREATE (n:Place {at: point({longitude: 12.5, latitude: 56.0}), route: [point({x: 0, y: 0}), point({x: 1, y: 1})]}) RETURN n.at.latitude, size(n.route)`,
			nil, []any{56.0, int64(2)}},
		{"a parameter", `RETURN $p.y, point.distance($p, point({x: 1, y: 0}))`, map[string]any{"p": cart}, []any{2.0, 2.0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRun(t, memgraph.New(), tc.query, tc.params)
			if len(res.Rows) != 1 || !reflect.DeepEqual(res.Rows[0], tc.want) {
				t.Fatalf("rows = %#v, want [%#v]", res.Rows, tc.want)
			}
		})
	}
}

func TestSpatialDistanceWGS84(t *testing.T) {
	res := mustRun(t, memgraph.New(), `RETURN point.distance(point({longitude: 12.994341, latitude: 55.611784}), point({longitude: 12.564590, latitude: 55.672874}))`, nil)
	if d := res.Rows[0][0].(float64); math.Abs(d-27842) > 1 {
		t.Fatalf("distance Malmö–Copenhagen = %v m, want ≈ 27842", d)
	}
}

func TestSpatialErrors(t *testing.T) {
	tests := []struct {
		name, query, typ, detail string
	}{
		{"missing y", `RETURN point({x: 1})`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"unknown crs", `RETURN point({x: 1, y: 2, crs: 'mars'})`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"latitude beyond the pole", `RETURN point({longitude: 0, latitude: 91})`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"string coordinate", `RETURN point({x: '1', y: 2})`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"point of a number", `RETURN point(1)`, cypher.TypeError, "InvalidArgumentType"},
		{"latitude of a cartesian point", `RETURN point({x: 1, y: 2}).latitude`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"z of a 2D point", `RETURN point({x: 1, y: 2}).z`, cypher.ArgumentError, "InvalidArgumentValue"},
		{"distance of a number", `RETURN point.distance(point({x: 1, y: 2}), 3)`, cypher.TypeError, "InvalidArgumentType"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantRunError(t, tc.query, tc.typ, tc.detail) })
	}
}
