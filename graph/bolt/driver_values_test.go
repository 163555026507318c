package bolt_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// TestDriverPoints round-trips Point2D and Point3D through the Go driver:
// as parameters, stored as properties, and as results built by point().
func TestDriverPoints(t *testing.T) {
	ctx := context.Background()
	d := servedDriver(t)
	p2 := dbtype.Point2D{SpatialRefId: 4326, X: 12.5, Y: 56}
	p3 := dbtype.Point3D{SpatialRefId: 9157, X: 1, Y: 2, Z: 3}
	_, err := neo4j.ExecuteQuery(ctx, d, `CREATE (:Place {id: 'p', at: $p2, box: $p3, route: [$p2, $p2]})`,
		map[string]any{"p2": p2, "p3": p3}, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	res, err := neo4j.ExecuteQuery(ctx, d, `MATCH (n:Place {id: 'p'}) RETURN n.at AS at, n.box AS box, n.route AS route,
		n.at.latitude AS lat, point({x: 1, y: 2}) AS made, point.distance(n.box, $p3) AS zero, n`,
		map[string]any{"p3": p3}, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("got %d records", len(res.Records))
	}
	get := func(k string) any { v, _ := res.Records[0].Get(k); return v }
	if got, ok := get("at").(dbtype.Point2D); !ok || got != p2 {
		t.Errorf("at = %#v, want %#v", get("at"), p2)
	}
	if got, ok := get("box").(dbtype.Point3D); !ok || got != p3 {
		t.Errorf("box = %#v, want %#v", get("box"), p3)
	}
	if route, ok := get("route").([]any); !ok || len(route) != 2 || route[1] != any(p2) {
		t.Errorf("route = %#v", get("route"))
	}
	if get("lat") != 56.0 || get("zero") != 0.0 {
		t.Errorf("lat = %v, distance = %v", get("lat"), get("zero"))
	}
	if got := get("made"); got != any(dbtype.Point2D{SpatialRefId: 7203, X: 1, Y: 2}) {
		t.Errorf("point({x: 1, y: 2}) = %#v", got)
	}
	if n, ok := get("n").(dbtype.Node); !ok || n.Props["at"] != any(p2) {
		t.Errorf("node = %#v", get("n"))
	}
}

// TestDriverBytes round-trips byte arrays (PackStream Bytes, Neo4j's
// ByteArray) through the Go driver: as parameters, in lists, stored as
// properties, compared, measured, distinct and ordered.
func TestDriverBytes(t *testing.T) {
	ctx := context.Background()
	d := servedDriver(t)
	blob, other := []byte{0, 1, 0xff}, []byte{0, 2}
	params := map[string]any{"b": blob, "c": other}
	if _, err := neo4j.ExecuteQuery(ctx, d, `CREATE (:File {id: 'f', blob: $b}), (:File {id: 'g', blob: $c}), (:File {id: 'h', blob: $b})`,
		params, neo4j.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		check func(v any) bool
	}{
		{"RETURN $b", func(v any) bool { b, ok := v.([]byte); return ok && bytes.Equal(b, blob) }},
		{"RETURN [$b, $c]", func(v any) bool { l, ok := v.([]any); return ok && len(l) == 2 && bytes.Equal(l[1].([]byte), other) }},
		{"RETURN size($b)", func(v any) bool { return v == int64(3) }},
		{"RETURN $b = $b AND $b <> $c", func(v any) bool { return v == true }},
		{"MATCH (f:File {id: 'f'}) RETURN f.blob", func(v any) bool { b, ok := v.([]byte); return ok && bytes.Equal(b, blob) }},
		{"MATCH (f:File) WHERE f.blob = $b RETURN count(f)", func(v any) bool { return v == int64(2) }},
		{"MATCH (f:File) RETURN count(DISTINCT f.blob)", func(v any) bool { return v == int64(2) }},
		{"MATCH (f:File) RETURN f.id ORDER BY f.blob DESC, f.id LIMIT 1", func(v any) bool { return v == "g" }},
	} {
		res, err := neo4j.ExecuteQuery(ctx, d, tc.query, params, neo4j.EagerResultTransformer)
		if err != nil {
			t.Errorf("%s: %v", tc.query, err)
			continue
		}
		if len(res.Records) != 1 || !tc.check(res.Records[0].Values[0]) {
			t.Errorf("%s = %#v", tc.query, res.Records)
		}
	}
}
