package cypher

import (
	"errors"
	"strings"
)

// Error types and details used by the engine, in the TCK's vocabulary.
const (
	SyntaxError      = "SyntaxError"
	SemanticError    = "SemanticError"
	TypeError        = "TypeError"
	ArgumentError    = "ArgumentError"
	EntityNotFound   = "EntityNotFound"
	ParameterMissing = "ParameterMissing"
	ConstraintError  = "ConstraintVerificationFailed"
	ProcedureError   = "ProcedureError"
	// SchemaError is a schema statement that conflicts with a rule of the
	// store (Neo4j's EquivalentSchemaRuleAlreadyExists and kin).
	SchemaError = "SchemaError"
)

// IsError reports whether err is or wraps an *Error and returns it.
func IsError(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// Caret renders the query line holding the error with a ^ under its column,
// for example:
//
//	MATCH (n RETURN n
//	         ^
//
// It returns "" when the error has no position.
func (e *Error) Caret() string {
	if e.Line <= 0 || e.Query == "" {
		return ""
	}
	lines := strings.Split(e.Query, "\n")
	if e.Line > len(lines) {
		return ""
	}
	line := strings.TrimRight(lines[e.Line-1], "\r")
	var pad strings.Builder
	col := 1
	for _, r := range line {
		if col >= e.Column {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
		col++
	}
	return line + "\n" + pad.String() + "^"
}

// newError builds an error positioned at byte offset off of query (off < 0:
// no position). Column counts runes, 1-based.
func newError(typ, phase, detail, msg, query string, off int) *Error {
	e := &Error{Type: typ, Phase: phase, Detail: detail, Msg: msg, Query: query}
	if off >= 0 && off <= len(query) {
		e.Offset = off
		e.Line = 1 + strings.Count(query[:off], "\n")
		start := strings.LastIndexByte(query[:off], '\n') + 1
		e.Column = 1 + len([]rune(query[start:off]))
	}
	return e
}
