package cypher

import (
	"regexp"
	"strings"
)

// SchemaCommand is a schema statement: CREATE CONSTRAINT … REQUIRE x.p IS
// UNIQUE or CREATE INDEX … ON (x.p), on a node label or a relationship
// type, as Neo4j 5 writes them, or DROP CONSTRAINT name / DROP INDEX name
// [IF EXISTS]. The engine runs no schema statement itself; a store that
// has a schema applies it (see ParseSchema).
type SchemaCommand struct {
	// Kind is "CONSTRAINT" or "INDEX".
	Kind string
	// Name is the rule's name; "" when the statement gives none.
	Name string
	// IfNotExists says the statement is a no-op when an equivalent rule
	// exists.
	IfNotExists bool
	// Drop says the statement drops the rule Name (and sets neither Label,
	// Type nor Property); IfExists that dropping a missing rule is a no-op.
	Drop, IfExists bool
	// Label is the node label, or Type the relationship type: one of them
	// is set.
	Label, Type string
	// Property is the constrained or indexed property.
	Property string
}

const (
	schemaName   = `(?:\s+([A-Za-z_][A-Za-z0-9_]*|` + "`[^`]+`" + `))?`
	schemaIfNot  = `(\s+IF\s+NOT\s+EXISTS)?`
	schemaTarget = `\s+FOR\s+(?:\(\s*(\w+)\s*:\s*(\w+)\s*\)|\(\s*\)\s*-\s*\[\s*(\w+)\s*:\s*(\w+)\s*\]\s*-\s*\(\s*\))`
)

var (
	reConstraint = regexp.MustCompile(`(?is)^\s*CREATE\s+CONSTRAINT` + schemaName + schemaIfNot + schemaTarget +
		`\s+REQUIRE\s+(\w+)\s*\.\s*(\w+)\s+IS\s+UNIQUE\s*;?\s*$`)
	reIndex = regexp.MustCompile(`(?is)^\s*CREATE\s+(?:RANGE\s+)?INDEX` + schemaName + schemaIfNot + schemaTarget +
		`\s+ON\s*\(\s*(\w+)\s*\.\s*(\w+)\s*\)\s*;?\s*$`)
	reDrop = regexp.MustCompile(`(?is)^\s*DROP\s+(CONSTRAINT|INDEX)\s+([A-Za-z_][A-Za-z0-9_]*|` + "`[^`]+`" +
		`)(\s+IF\s+EXISTS)?\s*;?\s*$`)
)

// ParseSchema recognises a schema statement. ok is false when query is
// not one (parse it with Parse then); err is set when it is one whose
// variable does not match its pattern's.
func ParseSchema(query string) (cmd *SchemaCommand, ok bool, err error) {
	if m := reDrop.FindStringSubmatch(query); m != nil {
		return &SchemaCommand{Kind: strings.ToUpper(m[1]), Name: strings.Trim(m[2], "`"), Drop: true, IfExists: m[3] != ""}, true, nil
	}
	kind, m := "CONSTRAINT", reConstraint.FindStringSubmatch(query)
	if m == nil {
		kind, m = "INDEX", reIndex.FindStringSubmatch(query)
	}
	if m == nil {
		return nil, false, nil
	}
	cmd = &SchemaCommand{Kind: kind, Name: strings.Trim(m[1], "`"), IfNotExists: m[2] != "",
		Label: m[4], Type: m[6], Property: m[8]}
	v := m[3] + m[5]
	if m[7] != v {
		return nil, true, newError(SemanticError, "semantic", "UndefinedVariable",
			"Variable `"+m[7]+"` not defined", query, -1)
	}
	return cmd, true, nil
}

// Target describes what the rule applies to, as in ":Label" or
// "[:TYPE]".
func (c *SchemaCommand) Target() string {
	if c.Label != "" {
		return ":" + c.Label + "(" + c.Property + ")"
	}
	return "[:" + c.Type + "](" + c.Property + ")"
}
