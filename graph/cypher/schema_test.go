package cypher_test

import (
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/cypher"
)

func TestParseSchema(t *testing.T) {
	tests := []struct {
		query string
		want  *cypher.SchemaCommand // nil: not a schema statement
		err   bool
	}{
		{"CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;",
			&cypher.SchemaCommand{Kind: "CONSTRAINT", Name: "actor_id", IfNotExists: true, Label: "Actor", Property: "id"}, false},
		{"create constraint for ()-[r:PART_OF]-() require r.id is unique",
			&cypher.SchemaCommand{Kind: "CONSTRAINT", Type: "PART_OF", Property: "id"}, false},
		{"CREATE INDEX article_published_at IF NOT EXISTS FOR (n:Article) ON (n.publishedAt)",
			&cypher.SchemaCommand{Kind: "INDEX", Name: "article_published_at", IfNotExists: true, Label: "Article", Property: "publishedAt"}, false},
		{"CREATE RANGE INDEX `my idx` FOR ()-[r:PLEDGED]-() ON (r.date)",
			&cypher.SchemaCommand{Kind: "INDEX", Name: "my idx", Type: "PLEDGED", Property: "date"}, false},
		{"CREATE CONSTRAINT FOR (n:Actor) REQUIRE m.id IS UNIQUE", nil, true},
		{"CREATE (n:Actor {id: 'x'})", nil, false},
		{"CREATE CONSTRAINT FOR (n:Actor) REQUIRE n.id IS NOT NULL", nil, false},
	}
	for _, tt := range tests {
		cmd, ok, err := cypher.ParseSchema(tt.query)
		switch {
		case tt.err:
			if !ok || err == nil {
				t.Errorf("%s: ok %v, err %v; want an error", tt.query, ok, err)
			}
		case tt.want == nil:
			if ok {
				t.Errorf("%s: read as a schema statement", tt.query)
			}
		case err != nil || !reflect.DeepEqual(cmd, tt.want):
			t.Errorf("%s: %+v, %v; want %+v", tt.query, cmd, err, tt.want)
		}
	}
}
