package embedded

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/memgraph"
)

// SHOW CONSTRAINTS and SHOW INDEXES list the recorded rules with Neo4j 5's
// columns. Every constraint is a uniqueness constraint that owns a range
// index of its name, as in Neo4j, so SHOW INDEXES lists that index too;
// indexes are ONLINE and fully populated (the in-memory graph needs none
// built). Ids number the rules in name order, each constraint's index
// right after it.

// ruleTarget parses the value of a schema rule: "<KIND> :Label(prop)" or
// "<KIND> [:TYPE](prop)".
var ruleTarget = regexp.MustCompile(`^(CONSTRAINT|INDEX) (?::(\w+)|\[:(\w+)\])\((\w+)\)$`)

// showSchema answers a SHOW CONSTRAINTS or SHOW INDEXES statement.
func (s *Store) showSchema(ctx context.Context, show *cypher.ShowSchema, params map[string]any) (*graph.Result, error) {
	rules, err := s.Schema()
	if err != nil {
		return nil, err
	}
	keep, err := showFilter(show)
	if err != nil {
		return nil, err
	}
	var rows []any
	for _, r := range schemaRows(rules, show.Kind) {
		if keep(r) {
			rows = append(rows, r)
		}
	}
	p := map[string]any{}
	for k, v := range params {
		p[k] = v
	}
	p[cypher.ShowRowsParam] = rows
	if p, err = engineParams(p); err != nil {
		return nil, err
	}
	res, err := cypher.Run(ctx, memgraph.New(), show.Query(), p)
	if err != nil {
		return nil, err
	}
	return conv{}.result(res), nil
}

// schemaRows returns a row per rule of kind ("CONSTRAINTS" or "INDEXES"),
// name order, each a map from column to value.
func schemaRows(rules map[string]string, kind string) []map[string]any {
	names := make([]string, 0, len(rules))
	for n := range rules {
		names = append(names, n)
	}
	sort.Strings(names)
	var rows []map[string]any
	id := int64(0)
	for _, name := range names {
		m := ruleTarget.FindStringSubmatch(rules[name])
		id++
		if m == nil {
			continue
		}
		constraint := m[1] == "CONSTRAINT"
		entity, token, pattern := "NODE", m[2], "(n:`"+m[2]+"`)"
		if token == "" {
			entity, token, pattern = "RELATIONSHIP", m[3], "()-[n:`"+m[3]+"`]-()"
		}
		prop := m[4]
		options := map[string]any{"indexProvider": "range-1.0", "indexConfig": map[string]any{}}
		common := map[string]any{"name": name, "entityType": entity, "labelsOrTypes": []any{token},
			"properties": []any{prop}, "options": options}
		create := fmt.Sprintf("CREATE RANGE INDEX `%s` FOR %s ON (n.`%s`)", name, pattern, prop)
		if constraint {
			create = fmt.Sprintf("CREATE CONSTRAINT `%s` FOR %s REQUIRE (n.`%s`) IS UNIQUE", name, pattern, prop)
		}
		if kind == "CONSTRAINTS" {
			if !constraint {
				continue
			}
			typ := "UNIQUENESS"
			if entity == "RELATIONSHIP" {
				typ = "RELATIONSHIP_UNIQUENESS"
			}
			rows = append(rows, with(common, map[string]any{"id": id, "type": typ, "ownedIndex": name,
				"propertyType": nil, "createStatement": create}))
			id++
			continue
		}
		var owner any
		if constraint {
			id++ // the constraint's own id; its index follows
			owner = name
		}
		rows = append(rows, with(common, map[string]any{"id": id, "state": "ONLINE", "populationPercent": 100.0,
			"type": "RANGE", "indexProvider": "range-1.0", "owningConstraint": owner, "lastRead": nil,
			"readCount": nil, "trackedSince": nil, "failureMessage": "", "createStatement": create}))
	}
	return rows
}

func with(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// showFilter returns what keeps a row under the statement's filter word:
// ALL or none keeps every row; UNIQUE (NODE, RELATIONSHIP or REL) the
// uniqueness constraints, RANGE the range indexes; Neo4j's other kinds
// (EXIST, KEY, PROPERTY TYPE; FULLTEXT, TEXT, POINT, VECTOR, LOOKUP), which
// the store never has, keep nothing. Another word is a SyntaxError.
func showFilter(show *cypher.ShowSchema) (func(map[string]any) bool, error) {
	f := show.Filter
	all := func(map[string]any) bool { return true }
	none := func(map[string]any) bool { return false }
	entity := func(e string) func(map[string]any) bool {
		return func(r map[string]any) bool { return r["entityType"] == e }
	}
	if f == "" || f == "ALL" {
		return all, nil
	}
	words := strings.Fields(f)
	scope, rest := "", f
	switch words[0] {
	case "NODE":
		scope, rest = "NODE", strings.Join(words[1:], " ")
	case "RELATIONSHIP", "REL":
		scope, rest = "RELATIONSHIP", strings.Join(words[1:], " ")
	}
	if show.Kind == "CONSTRAINTS" {
		switch rest {
		case "UNIQUE", "UNIQUENESS":
			if scope == "" {
				return all, nil
			}
			return entity(scope), nil
		case "EXIST", "EXISTENCE", "KEY", "PROPERTY TYPE":
			return none, nil
		}
	} else if scope == "" {
		switch rest {
		case "RANGE", "BTREE":
			return all, nil
		case "FULLTEXT", "TEXT", "POINT", "VECTOR", "LOOKUP":
			return none, nil
		}
	}
	return nil, &cypher.Error{Type: cypher.SyntaxError, Phase: cypher.CompileTime, Detail: "UnexpectedSyntax",
		Msg: fmt.Sprintf("SHOW %s %s is not a kind Neo4j lists", f, show.Kind)}
}
