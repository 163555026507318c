package cypher_test

import (
	"reflect"
	"strings"
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
		{"DROP CONSTRAINT actor_id", &cypher.SchemaCommand{Kind: "CONSTRAINT", Name: "actor_id", Drop: true}, false},
		{"drop index `my idx` if exists;", &cypher.SchemaCommand{Kind: "INDEX", Name: "my idx", Drop: true, IfExists: true}, false},
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

func TestParseShowSchema(t *testing.T) {
	tests := []struct {
		query, kind, filter string
		want                string // Query() after the column bindings; "" for an error
	}{
		{"SHOW CONSTRAINTS", "CONSTRAINTS", "", " RETURN id, name, type, entityType, labelsOrTypes, properties, ownedIndex, propertyType"},
		{"show unique constraints;", "CONSTRAINTS", "UNIQUE", " RETURN id, name, type, entityType, labelsOrTypes, properties, ownedIndex, propertyType"},
		{"SHOW NODE  UNIQUE CONSTRAINT", "CONSTRAINTS", "NODE UNIQUE", " RETURN id, name, type, entityType, labelsOrTypes, properties, ownedIndex, propertyType"},
		{"SHOW INDEXES WHERE type = 'RANGE'", "INDEXES", "", " WHERE type = 'RANGE' RETURN id, name, state, populationPercent, type, entityType, labelsOrTypes, properties, indexProvider, owningConstraint, lastRead, readCount"},
		{"SHOW RANGE INDEX YIELD name, type AS t ORDER BY name LIMIT 1", "INDEXES", "RANGE", " WITH name, type AS t ORDER BY name LIMIT 1 RETURN name, t"},
		{"SHOW INDEXES YIELD * WHERE size(properties) > 0 RETURN name, [p IN properties | p] AS ps", "INDEXES", "",
			" WITH * WHERE size(properties) > 0 RETURN name, [p IN properties | p] AS ps"},
		{"SHOW CONSTRAINTS YIELD", "", "", ""},
		{"SHOW CONSTRAINTS ORDER BY name", "", "", ""},
	}
	for _, tt := range tests {
		show, ok, err := cypher.ParseShowSchema(tt.query)
		if !ok {
			t.Errorf("%s: not read as SHOW", tt.query)
			continue
		}
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s: no error", tt.query)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		q := show.Query()
		if i := strings.LastIndex(q, "AS createStatement"); i < 0 || q[i+len("AS createStatement"):] != tt.want || show.Kind != tt.kind || show.Filter != tt.filter {
			t.Errorf("%s: kind %q filter %q query %q; want %q %q …%q", tt.query, show.Kind, show.Filter, q, tt.kind, tt.filter, tt.want)
		}
	}
	for _, q := range []string{"SHOW DATABASES", "MATCH (n) RETURN n", "SHOW PROCEDURES"} {
		if _, ok, _ := cypher.ParseShowSchema(q); ok {
			t.Errorf("%s: read as SHOW CONSTRAINTS/INDEXES", q)
		}
	}
}
