package explore

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/neo4j"
)

// Neo4j status codes the API answers with besides those of the stores
// (see bolt.StatusOf).
const (
	codeArgument      = "Neo.ClientError.Statement.ArgumentError"
	codeNotFound      = "Neo.ClientError.Statement.EntityNotFound"
	codeParamMissing  = "Neo.ClientError.Statement.ParameterMissing"
	codeAccessMode    = "Neo.ClientError.Statement.AccessMode"
	codeRequest       = "Neo.ClientError.Request.Invalid"
	codeRequestFormat = "Neo.ClientError.Request.InvalidFormat"
	codeForbidden     = "Neo.ClientError.Security.Forbidden"
	codeTimedOut      = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
	codeUnavailable   = "Neo.TransientError.General.DatabaseUnavailable"
	codeDatabaseError = "Neo.DatabaseError.General.UnknownError"
)

// apiError is an error the API answers with: an HTTP status, a Neo4j
// status code and one readable line.
type apiError struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// badRequest is a 400 for a request the client got wrong.
func badRequest(code, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: code, Message: fmt.Sprintf(format, args...)}
}

// notFound is a 404 for something the graph does not have.
func notFound(format string, args ...any) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: codeNotFound, Message: fmt.Sprintf(format, args...)}
}

func tooLarge(limit int64) *apiError {
	return &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeRequest,
		Message: "the request body is larger than " + strconv.FormatInt(limit, 10) + " bytes"}
}

// classify maps a store or engine error to the API's error.
func classify(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge(mbe.Limit)
	}
	if neo4j.IsUnreachable(err) {
		return &apiError{http.StatusServiceUnavailable, codeUnavailable, oneLine(err.Error())}
	}
	var qe *neo4j.QueryError
	if errors.As(err, &qe) {
		return &apiError{statusOf(qe.Code), qe.Code, oneLine(qe.Message)}
	}
	code, msg := bolt.StatusOf(err)
	return &apiError{statusOf(code), code, oneLine(msg)}
}

// statusOf is the HTTP status of a Neo4j status code: a client's error is
// 400 (a timeout 504), a transient one 503, the database's own 500.
func statusOf(code string) int {
	switch {
	case code == codeTimedOut:
		return http.StatusGatewayTimeout
	case strings.HasPrefix(code, "Neo.ClientError."):
		return http.StatusBadRequest
	case strings.HasPrefix(code, "Neo.TransientError."):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// apiFunc is an endpoint: it returns the value to answer with as JSON, or
// an error (an *apiError, or one classify maps).
type apiFunc func(w http.ResponseWriter, r *http.Request) (any, error)

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data, _ = json.Marshal(map[string]any{"error": &apiError{status, codeDatabaseError, "cannot encode the answer: " + err.Error()}})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)+1))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(append(data, '\n'))
	}
}

// writeError answers with err as the API's JSON error.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	ae := classify(err)
	writeJSON(w, r, ae.Status, map[string]any{"error": ae})
}

// oneLine folds a message onto one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// quote quotes s for a message.
func quote(s string) string { return strconv.Quote(s) }
