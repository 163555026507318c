package embedded

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/value"
)

func TestCodecPointRoundTrip(t *testing.T) {
	props := map[string]any{
		"at":    value.Point{SRID: value.SRIDWGS84, X: 12.5, Y: -56.25},
		"at3":   value.Point{SRID: value.SRIDWGS843D, X: 1, Y: 2, Z: 300},
		"xy":    value.Point{SRID: value.SRIDCartesian, X: math.Inf(-1), Y: 0},
		"xyz":   value.Point{SRID: value.SRIDCartesian3D, X: 1, Y: 2, Z: 3},
		"route": []any{value.Point{SRID: value.SRIDCartesian, X: 0, Y: 0}, value.Point{SRID: value.SRIDCartesian, X: 1, Y: 1}},
	}
	checkRoundTrip(t, props)
}

func TestCodecPointRejects(t *testing.T) {
	tests := []struct {
		name string
		v    any
	}{
		{"unknown srid", value.Point{SRID: 1, X: 1, Y: 2}},
		{"latitude beyond the pole", value.Point{SRID: value.SRIDWGS84, X: 1, Y: 100}},
		{"list mixing points and numbers", []any{value.Point{SRID: value.SRIDCartesian}, 1.0}},
	}
	for _, tc := range tests {
		if _, err := normalize(tc.v); err == nil {
			t.Errorf("%s: normalize(%v) accepted it", tc.name, tc.v)
		}
	}
	// a record whose point has an unknown srid (sealed, so only the decoder
	// can object)
	body := []byte{recordVersion, 0, 1, 1, 'k', tagPoint, 1}
	body = append(body, make([]byte, 16)...)
	if _, _, err := decodeNode(1, seal(itob(1), body)); !errors.Is(err, errCorrupt) {
		t.Errorf("decodeNode(1, point of srid 1) = %v, want errCorrupt", err)
	}
}

// TestStorePointProperties writes point properties with Cypher, reopens the
// file and reads them back unchanged, through Query and a parameter.
func TestStorePointProperties(t *testing.T) {
	ctx := context.Background()
	p := value.Point{SRID: value.SRIDCartesian3D, X: 1, Y: 2, Z: 3}
	s := writeAndReopen(t,
		`CREATE (:Place {id: 'p1', at: point({longitude: 12.5, latitude: 56.0}), route: [point({x: 0, y: 0}), $p]})`,
		map[string]any{"p": value.Point{SRID: value.SRIDCartesian, X: 1, Y: 1}},
		`MATCH (n:Place) CREATE (n)-[:AT {p: $p}]->(n)`, map[string]any{"p": p})
	res, err := s.Query(ctx, `MATCH (n:Place)-[r:AT]->() RETURN n.at, n.at.latitude, n.route[1], r.p`, nil)
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	want := []any{value.Point{SRID: value.SRIDWGS84, X: 12.5, Y: 56}, 56.0, value.Point{SRID: value.SRIDCartesian, X: 1, Y: 1}, p}
	if len(res.Rows) != 1 || !reflect.DeepEqual(res.Rows[0], want) {
		t.Fatalf("rows = %#v, want [%#v]", res.Rows, want)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
}
