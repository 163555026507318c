package bolt_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// TestDriverBytes round-trips byte arrays (PackStream Bytes, Neo4j's
// ByteArray) through the Go driver: as parameters, in lists, stored as
// properties, compared, measured, distinct and ordered.
func TestDriverBytes(t *testing.T) {
	ctx := context.Background()
	d := connect(t, "bolt://"+serve(t, embeddedtest.Open(t), nil), testPassword)
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
