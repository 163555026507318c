package cypher

import (
	"regexp"
	"strings"
)

// ShowSchema is SHOW CONSTRAINTS or SHOW INDEXES as Neo4j 5 writes them:
// an optional filter word (SHOW UNIQUE CONSTRAINTS, SHOW RANGE INDEXES),
// then nothing, WHERE predicate, or YIELD items [ORDER BY …] [SKIP n]
// [LIMIT n] [WHERE predicate] [RETURN …]. The store that holds the schema
// lists its rules as rows of [ShowSchema.Columns] and answers with
// [ShowSchema.Query] over them.
type ShowSchema struct {
	// Kind is "CONSTRAINTS" or "INDEXES".
	Kind string
	// Filter is the word or words before the kind, upper case and single
	// spaced ("UNIQUE", "NODE UNIQUE", "RANGE", "ALL"); "" when none.
	Filter string
	query  string
}

// Columns of SHOW CONSTRAINTS and SHOW INDEXES, as Neo4j 5 names them:
// all of them (YIELD *), of which the first n are shown by default.
var (
	constraintColumns = []string{"id", "name", "type", "entityType", "labelsOrTypes", "properties", "ownedIndex",
		"propertyType", "options", "createStatement"}
	indexColumns = []string{"id", "name", "state", "populationPercent", "type", "entityType", "labelsOrTypes",
		"properties", "indexProvider", "owningConstraint", "lastRead", "readCount", "trackedSince", "options",
		"failureMessage", "createStatement"}
)

const (
	constraintShown = 8
	indexShown      = 12
	// ShowRowsParam is the parameter that holds the rows Query reads: a
	// list of maps, one per rule, from column name to value.
	ShowRowsParam = "schemaRows"
)

var reShow = regexp.MustCompile(`(?is)^\s*SHOW\s+((?:[A-Za-z]+\s+){0,3}?)(CONSTRAINTS?|INDEX(?:ES)?)\b\s*(.*?)\s*;?\s*$`)

// Columns returns every column of the listing, in Neo4j's order.
func (s *ShowSchema) Columns() []string {
	if s.Kind == "CONSTRAINTS" {
		return constraintColumns
	}
	return indexColumns
}

// Query returns the Cypher query that answers the statement from the rows
// in the parameter [ShowRowsParam].
func (s *ShowSchema) Query() string { return s.query }

// ParseShowSchema recognises SHOW CONSTRAINTS and SHOW INDEXES. ok is false
// for any other statement; err is a SyntaxError for a malformed tail.
func ParseShowSchema(query string) (show *ShowSchema, ok bool, err error) {
	m := reShow.FindStringSubmatch(query)
	if m == nil {
		return nil, false, nil
	}
	show = &ShowSchema{Kind: "INDEXES", Filter: strings.ToUpper(strings.Join(strings.Fields(m[1]), " "))}
	all, shown := indexColumns, indexShown
	if strings.HasPrefix(strings.ToUpper(m[2]), "CONSTRAINT") {
		show.Kind, all, shown = "CONSTRAINTS", constraintColumns, constraintShown
	}
	bind := make([]string, len(all))
	for i, c := range all {
		bind[i] = "row." + c + " AS " + c
	}
	q := "UNWIND $" + ShowRowsParam + " AS row WITH " + strings.Join(bind, ", ")
	tail := m[3]
	word := strings.ToUpper(firstWord(tail))
	switch {
	case tail == "":
		q += " RETURN " + strings.Join(all[:shown], ", ")
	case word == "WHERE":
		q += " " + tail + " RETURN " + strings.Join(all[:shown], ", ")
	case word == "YIELD":
		items, ret := splitYield(tail[len("YIELD"):])
		cols := yieldColumns(items, all)
		if cols == nil {
			return nil, true, newError(SyntaxError, CompileTime, "UnexpectedSyntax", "expected column names or * after YIELD", query, -1)
		}
		q += " WITH " + items
		if ret != "" {
			q += " " + ret
		} else {
			q += " RETURN " + strings.Join(cols, ", ")
		}
	default:
		return nil, true, newError(SyntaxError, CompileTime, "UnexpectedSyntax",
			"expected YIELD, WHERE or the end of SHOW "+show.Kind+", found '"+firstWord(tail)+"'", query, -1)
	}
	show.query = q
	return show, true, nil
}

func firstWord(s string) string {
	sc := scanner{src: s, err: func(int, string, string) {}}
	t := sc.scan()
	return s[t.pos:t.end]
}

// splitYield splits what follows YIELD at a RETURN outside brackets:
// "name, type WHERE x RETURN name" → "name, type WHERE x", "RETURN name".
func splitYield(s string) (items, ret string) {
	sc := scanner{src: s, err: func(int, string, string) {}}
	depth := 0
	for t := sc.scan(); t.kind != tEOF; t = sc.scan() {
		switch {
		case t.kind == tPunct && (t.lit == "(" || t.lit == "[" || t.lit == "{"):
			depth++
		case t.kind == tPunct && (t.lit == ")" || t.lit == "]" || t.lit == "}"):
			depth--
		case t.kind == tIdent && depth == 0 && strings.EqualFold(t.lit, "RETURN"):
			return strings.TrimSpace(s[:t.pos]), strings.TrimSpace(s[t.pos:])
		}
	}
	return strings.TrimSpace(s), ""
}

// yieldColumns returns the names the YIELD items bind (all for *), up to
// its ORDER BY, SKIP, LIMIT or WHERE; nil when there are none.
func yieldColumns(items string, all []string) []string {
	sc := scanner{src: items, err: func(int, string, string) {}}
	var cols []string
	name := ""
	for t := sc.scan(); ; t = sc.scan() {
		end := t.kind == tEOF || (t.kind == tIdent && isOneOf(t.lit, "ORDER", "SKIP", "LIMIT", "WHERE"))
		switch {
		case end || (t.kind == tPunct && t.lit == ","):
			if name != "" {
				cols = append(cols, name)
			}
			name = ""
			if end {
				return cols
			}
		case t.kind == tPunct && t.lit == "*" && len(cols) == 0 && name == "":
			cols = append(cols, all...)
		case t.kind == tIdent && strings.EqualFold(t.lit, "AS"):
		case t.kind == tIdent || t.kind == tQuoted:
			name = items[t.pos:t.end]
		default:
			return nil
		}
	}
}

func isOneOf(s string, words ...string) bool {
	for _, w := range words {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}
