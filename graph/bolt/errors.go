package bolt

import (
	"context"
	"errors"

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
