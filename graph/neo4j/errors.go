package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The errors of Open and of every Store method are classified into one
// clear line each. Each type keeps the driver's error behind Unwrap and has
// an IsX predicate built on errors.As, so that a wrapped error is still
// recognised.

// UnreachableError is returned when no Neo4j server answers at URI.
type UnreachableError struct {
	URI string
	Err error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("cannot reach Neo4j at %s: %v (is it running? try: docker compose up -d)", e.URI, e.Err)
}

// Unwrap returns the driver's error.
func (e *UnreachableError) Unwrap() error { return e.Err }

// AuthError is returned when the server rejects the credentials.
type AuthError struct {
	URI      string
	Username string
	Err      error
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("Neo4j at %s rejected the credentials of user %q (check NEO4J_USERNAME and NEO4J_PASSWORD): %s",
		e.URI, e.Username, serverMessage(e.Err))
}

// Unwrap returns the driver's error.
func (e *AuthError) Unwrap() error { return e.Err }

// DatabaseNotFoundError is returned when the server has no database of the
// configured name.
type DatabaseNotFoundError struct {
	Database string
	Err      error
}

func (e *DatabaseNotFoundError) Error() string {
	return fmt.Sprintf("Neo4j has no database %q (check NEO4J_DATABASE; Community Edition has only \"neo4j\")", e.Database)
}

// Unwrap returns the driver's error.
func (e *DatabaseNotFoundError) Unwrap() error { return e.Err }

// VersionError is returned when the server is older than MinServerVersion.
type VersionError struct {
	URI   string
	Agent string // as the server names itself, for example "Neo4j/4.4.26"
}

// MinServerVersion is the oldest Neo4j kg supports: relationship uniqueness
// constraints (5.7) and COLLECT subqueries (5.6) are used by the schema and
// the loads. The docker-compose.yml pins 5.26, the 5.x LTS.
const MinServerVersion = "5.7"

func (e *VersionError) Error() string {
	return fmt.Sprintf("Neo4j at %s is %s, older than %s, the oldest kg supports (use the 5.26 LTS: docker compose up -d)",
		e.URI, e.Agent, MinServerVersion)
}

// RetriesExhaustedError is returned when the driver's retries of a managed
// transaction ran out (its MaxTransactionRetryTime passed) without success.
type RetriesExhaustedError struct {
	Op       string // what was being done, for example "load Actor nodes"
	Attempts int
	Err      error // the last error, classified
}

func (e *RetriesExhaustedError) Error() string {
	return fmt.Sprintf("%s: gave up after %d attempts over the retry time; the server kept failing with transient errors "+
		"(overloaded, deadlocks or a lost connection); retry later: %v", e.Op, e.Attempts, e.Err)
}

// Unwrap returns the last error.
func (e *RetriesExhaustedError) Unwrap() error { return e.Err }

// QueryError is an error the server reported for a Cypher statement, such as
// a syntax error or a constraint violation.
type QueryError struct {
	Code    string // Neo4j status code, for example "Neo.ClientError.Statement.SyntaxError"
	Message string
	Err     error
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the driver's error.
func (e *QueryError) Unwrap() error { return e.Err }

// IsUnreachable reports whether err is or wraps an [UnreachableError].
func IsUnreachable(err error) bool { var e *UnreachableError; return errors.As(err, &e) }

// IsAuth reports whether err is or wraps an [AuthError].
func IsAuth(err error) bool { var e *AuthError; return errors.As(err, &e) }

// IsDatabaseNotFound reports whether err is or wraps a [DatabaseNotFoundError].
func IsDatabaseNotFound(err error) bool { var e *DatabaseNotFoundError; return errors.As(err, &e) }

// IsUnsupportedVersion reports whether err is or wraps a [VersionError].
func IsUnsupportedVersion(err error) bool { var e *VersionError; return errors.As(err, &e) }

// IsRetriesExhausted reports whether err is or wraps a [RetriesExhaustedError].
func IsRetriesExhausted(err error) bool { var e *RetriesExhaustedError; return errors.As(err, &e) }

// IsQueryError reports whether err is or wraps a [QueryError].
func IsQueryError(err error) bool { var e *QueryError; return errors.As(err, &e) }

// classify turns a driver error into one of the error types above; op
// names the operation for RetriesExhaustedError. Context errors pass through
// unchanged, so that callers can test errors.Is(err, context.Canceled).
func classify(ctx context.Context, err error, cfg Config, op string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if ctx.Err() != nil {
		// Cancelled (Ctrl-C) while the driver was failing or waiting to
		// retry: the cancellation is the reason it stopped.
		return fmt.Errorf("%w (the last attempt failed with: %v)", context.Cause(ctx), err)
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		var last error = errors.New(limit.Cause)
		if n := len(limit.Errors); n > 0 {
			last = classify(ctx, limit.Errors[n-1], cfg, op)
		}
		if errors.Is(last, context.Canceled) || errors.Is(last, context.DeadlineExceeded) {
			return last
		}
		return &RetriesExhaustedError{Op: op, Attempts: len(limit.Errors), Err: last}
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case ne.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return &DatabaseNotFoundError{Database: cfg.Database, Err: err}
		case ne.Code == "Neo.ClientError.Security.Unauthorized",
			ne.Code == "Neo.ClientError.Security.AuthenticationRateLimit",
			ne.Code == "Neo.ClientError.Security.CredentialsExpired":
			return &AuthError{URI: cfg.URI, Username: cfg.Username, Err: err}
		}
		return &QueryError{Code: ne.Code, Message: ne.Msg, Err: err}
	}
	var auth *neo4j.InvalidAuthenticationError
	if errors.As(err, &auth) {
		return &AuthError{URI: cfg.URI, Username: cfg.Username, Err: err}
	}
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) {
		return &UnreachableError{URI: cfg.URI, Err: err}
	}
	return err
}

// serverMessage returns the server's message of a Neo4jError in err, or
// err's text.
func serverMessage(err error) string {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && ne.Msg != "" {
		return ne.Msg
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// checkAgent returns a *VersionError when agent (for example
// "Neo4j/5.26.0") names a server older than MinServerVersion. An agent
// that cannot be parsed is accepted: the statements will tell.
func checkAgent(uri, agent string) error {
	product, version, ok := strings.Cut(agent, "/")
	if !ok || !strings.EqualFold(product, "neo4j") {
		return nil
	}
	major, minor, ok := parseVersion(version)
	if !ok {
		return nil
	}
	minMajor, minMinor, _ := parseVersion(MinServerVersion)
	if major < minMajor || major == minMajor && minor < minMinor {
		return &VersionError{URI: uri, Agent: agent}
	}
	return nil
}

// parseVersion parses "MAJOR.MINOR[.…]" (CalVer "2025.01.0" included).
func parseVersion(v string) (major, minor int, ok bool) {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return 0, 0, false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(strings.TrimRightFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' }))
	return major, minor, err1 == nil && err2 == nil
}
