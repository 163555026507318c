package bolt_test

import (
	"context"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// TestDriverPoints round-trips Point2D and Point3D through the Go driver:
// as parameters, stored as properties, and as results built by point().
func TestDriverPoints(t *testing.T) {
	ctx := context.Background()
	d := connect(t, "bolt://"+serve(t, embeddedtest.Open(t), nil), testPassword)
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
