package bolt

import (
	"context"
	"errors"
	"strings"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/embedded"
)

// Neo4j status codes the server sends in FAILURE.
const (
	codeSyntax        = "Neo.ClientError.Statement.SyntaxError"
	codeSemantic      = "Neo.ClientError.Statement.SemanticError"
	codeType          = "Neo.ClientError.Statement.TypeError"
	codeArgument      = "Neo.ClientError.Statement.ArgumentError"
	codeNotFound      = "Neo.ClientError.Statement.EntityNotFound"
	codeParamMissing  = "Neo.ClientError.Statement.ParameterMissing"
	codeExecFailed    = "Neo.ClientError.Statement.ExecutionFailed"
	codeAccessMode    = "Neo.ClientError.Statement.AccessMode"
	codeConstraint    = "Neo.ClientError.Schema.ConstraintValidationFailed"
	codeSchemaExists  = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"
	codeProcNotFound  = "Neo.ClientError.Procedure.ProcedureNotFound"
	codeProcFailed    = "Neo.ClientError.Procedure.ProcedureCallFailed"
	codeUnauthorized  = "Neo.ClientError.Security.Unauthorized"
	codeRequest       = "Neo.ClientError.Request.Invalid"
	codeDBNotFound    = "Neo.ClientError.Database.DatabaseNotFound"
	codeNotSystem     = "Neo.ClientError.Statement.NotSystemDatabaseError"
	codeTimedOut      = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
	codeTerminated    = "Neo.TransientError.Transaction.Terminated"
	codeDatabaseError = "Neo.DatabaseError.General.UnknownError"
)

// failure is an error the server reports to the client with a status code.
type failure struct {
	code, msg string
}

func (f *failure) Error() string { return f.code + ": " + f.msg }

// meta is FAILURE's metadata in Bolt version v: {code, message} before
// 5.7; from 5.7 the code is neo4j_code, beside the GQL status, its
// description and a diagnostic record classifying the error.
func (f *failure) meta(v Version) map[string]any {
	if v.Minor < 7 {
		return map[string]any{"code": f.code, "message": f.msg}
	}
	status, desc := gqlStatus(f.code)
	return map[string]any{
		"neo4j_code": f.code, "message": f.msg, "gql_status": status, "description": desc,
		"diagnostic_record": map[string]any{
			"OPERATION": "", "OPERATION_CODE": "0", "CURRENT_SCHEMA": "/", "_classification": classification(f.code),
		},
	}
}

// gqlStatus returns the GQL status of a Neo4j code and its description:
// the status Neo4j documents where the code maps to one (invalid syntax,
// invalid value type, protocol error, unexpected error), else the GQL
// standard's condition for the code's class (xx000).
func gqlStatus(code string) (status, description string) {
	switch code {
	case codeSyntax:
		return "42001", "error: syntax error or access rule violation - invalid syntax"
	case codeType:
		return "22G03", "error: data exception - invalid value type"
	case codeRequest:
		return "08N06", "error: connection exception - protocol error. General network protocol error."
	case codeSemantic, codeArgument, codeParamMissing, codeProcNotFound, codeNotSystem, codeUnauthorized, codeAccessMode:
		return "42000", "error: syntax error or access rule violation"
	case codeNotFound, codeConstraint, codeSchemaExists, codeDBNotFound:
		return "22000", "error: data exception"
	case codeTimedOut, codeTerminated:
		return "40000", "error: transaction rollback"
	}
	return "50N42", "error: general processing exception - unexpected error. Unexpected error has occurred. See debug log for details."
}

// classification is a Neo4j code's kind as GQL's diagnostic record names
// it: Neo.ClientError.… is CLIENT_ERROR, and so on.
func classification(code string) string {
	switch {
	case strings.HasPrefix(code, "Neo.ClientError."):
		return "CLIENT_ERROR"
	case strings.HasPrefix(code, "Neo.TransientError."):
		return "TRANSIENT_ERROR"
	}
	return "DATABASE_ERROR"
}

// StatusOf returns the Neo4j status code a store or engine error is
// reported with ("Neo.ClientError.Statement.SyntaxError", …) and its
// message, as the server reports it to Bolt clients; other front ends over
// the same stores (the explorer's HTTP API) answer with the same codes.
func StatusOf(err error) (code, message string) {
	f := classify(err)
	return f.code, f.msg
}

// classify maps a store or engine error to a Neo4j status code.
func classify(err error) *failure {
	var f *failure
	if errors.As(err, &f) {
		return f
	}
	msg := err.Error()
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &failure{codeTimedOut, "the query exceeded its time limit: " + msg}
	case errors.Is(err, context.Canceled):
		return &failure{codeTerminated, "the query was cancelled: " + msg}
	case errors.Is(err, cypher.ErrMemoryBudget):
		// Not Neo4j's transient memory error: drivers would retry a
		// query that fails the same way every time.
		return &failure{codeExecFailed, msg}
	case errors.Is(err, embedded.ErrConstraint):
		return &failure{codeConstraint, msg}
	}
	ce, ok := cypher.IsError(err)
	if !ok {
		return &failure{codeDatabaseError, msg}
	}
	code := map[string]string{
		cypher.SyntaxError:      codeSyntax,
		cypher.SemanticError:    codeSemantic,
		cypher.TypeError:        codeType,
		cypher.ArgumentError:    codeArgument,
		cypher.EntityNotFound:   codeNotFound,
		cypher.ParameterMissing: codeParamMissing,
		cypher.ConstraintError:  codeConstraint,
		cypher.ProcedureError:   codeProcFailed,
		cypher.SchemaError:      codeSchemaExists,
	}[ce.Type]
	switch ce.Detail {
	case "ProcedureNotFound":
		code = codeProcNotFound
	case "ConstraintDropFailed", "IndexDropFailed":
		code = "Neo.DatabaseError.Schema." + ce.Detail
	}
	if code == "" {
		code = codeExecFailed
	}
	return &failure{code, msg}
}
