package embedded_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

// TestShowSchema lists recorded rules with SHOW CONSTRAINTS and SHOW
// INDEXES, drops them, and checks that uniqueness holds.
func TestShowSchema(t *testing.T) {
	ctx := context.Background()
	s := embeddedtest.Open(t)
	mustRunAll(t, s,
		"CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT pledged_id FOR ()-[r:PLEDGED]-() REQUIRE r.id IS UNIQUE",
		"CREATE INDEX article_published FOR (n:Article) ON (n.publishedAt)",
	)
	tests := []struct {
		query string
		cols  []string
		rows  [][]any
	}{
		{"SHOW CONSTRAINTS",
			[]string{"id", "name", "type", "entityType", "labelsOrTypes", "properties", "ownedIndex", "propertyType"},
			[][]any{
				{int64(1), "actor_id", "UNIQUENESS", "NODE", []any{"Actor"}, []any{"id"}, "actor_id", nil},
				{int64(4), "pledged_id", "RELATIONSHIP_UNIQUENESS", "RELATIONSHIP", []any{"PLEDGED"}, []any{"id"}, "pledged_id", nil},
			}},
		{"SHOW INDEXES YIELD name, type, owningConstraint, populationPercent, state",
			[]string{"name", "type", "owningConstraint", "populationPercent", "state"},
			[][]any{
				{"actor_id", "RANGE", "actor_id", 100.0, "ONLINE"},
				{"article_published", "RANGE", nil, 100.0, "ONLINE"},
				{"pledged_id", "RANGE", "pledged_id", 100.0, "ONLINE"},
			}},
		{"SHOW INDEX WHERE owningConstraint IS NULL", nil, [][]any{
			{int64(3), "article_published", "ONLINE", 100.0, "RANGE", "NODE", []any{"Article"}, []any{"publishedAt"}, "range-1.0", nil, nil, nil}}},
		{"SHOW RELATIONSHIP UNIQUE CONSTRAINTS YIELD name", []string{"name"}, [][]any{{"pledged_id"}}},
		{"SHOW CONSTRAINTS YIELD name, createStatement AS c ORDER BY name DESC LIMIT 1 RETURN c",
			[]string{"c"}, [][]any{{"CREATE CONSTRAINT `pledged_id` FOR ()-[n:`PLEDGED`]-() REQUIRE (n.`id`) IS UNIQUE"}}},
		{"SHOW FULLTEXT INDEXES", nil, nil},
		{"SHOW NODE KEY CONSTRAINTS YIELD *", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			res, err := s.Query(ctx, tc.query, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.cols != nil && !reflect.DeepEqual(res.Columns, tc.cols) {
				t.Errorf("columns %v, want %v", res.Columns, tc.cols)
			}
			if len(res.Rows) != len(tc.rows) || (len(tc.rows) > 0 && !reflect.DeepEqual(res.Rows, tc.rows)) {
				t.Errorf("rows %#v, want %#v", res.Rows, tc.rows)
			}
		})
	}

	// uniqueness is enforced
	if _, err := s.Query(ctx, "CREATE (:Actor {id: 'x'}), (:Actor {id: 'x'})", nil); !errors.Is(err, embedded.ErrConstraint) {
		t.Errorf("duplicate id: %v, want ErrConstraint", err)
	}

	// DROP, with and without IF EXISTS
	mustRunAll(t, s, "DROP CONSTRAINT actor_id", "DROP INDEX article_published IF EXISTS", "DROP INDEX nothing IF EXISTS")
	for q, detail := range map[string]string{
		"DROP CONSTRAINT actor_id": "ConstraintDropFailed",
		"DROP INDEX pledged_id":    "IndexDropFailed", // a constraint's name
	} {
		_, err := s.Query(ctx, q, nil)
		if e, ok := cypher.IsError(err); !ok || e.Type != cypher.SchemaError || e.Detail != detail {
			t.Errorf("%s: %v, want a SchemaError %s", q, err, detail)
		}
	}
	res, err := s.Query(ctx, "SHOW INDEXES YIELD name", nil)
	if err != nil || !reflect.DeepEqual(res.Rows, [][]any{{"pledged_id"}}) {
		t.Fatalf("after DROP: %v %v", res, err)
	}
	if _, err := s.Query(ctx, "SHOW CONSTRAINTS YIELD nope", nil); err == nil {
		t.Error("YIELD of an unknown column succeeded")
	}
	if _, err := s.Query(ctx, "SHOW WEIRD CONSTRAINTS", nil); err == nil {
		t.Error("an unknown filter succeeded")
	}
}
