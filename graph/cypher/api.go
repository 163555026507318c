// Package cypher is kg's embedded openCypher engine: a hand-written lexer and
// recursive-descent parser producing an AST with positions, semantic checks, a
// planner and a pull-based executor over an in-memory property graph.
//
// # Values
//
// Values crossing the package boundary (parameters and results) are plain Go
// values: nil, bool, int64, float64, string, []any, map[string]any, Node,
// Relationship and Path, and the temporal types below. Integers are always
// int64 and floats float64.
//
// # Temporal values
//
// Cypher's temporal types are [Date], [LocalTime], [Time] (a time of day with
// a UTC offset), [LocalDateTime], [DateTime] (an instant with a fixed offset
// or a named IANA zone) and [Duration] (months, days, seconds and
// nanoseconds, kept apart). They are comparable structs in a canonical
// form, so == is Cypher equality, and their String methods print Neo4j's
// formats (2015-07-21, 21:40:32.142+01:00,
// 2015-07-21T21:40:32.142+02:00[Europe/Stockholm], P1Y2M3DT4H5M6.5S); build
// them from time.Time with [DateOf], [LocalTimeOf], [TimeOf],
// [LocalDateTimeOf] and [DateTimeOf]. A Duration passed as a parameter must
// have 0 <= Nanos < 1e9.
//
// Queries make them with date(), localtime(), time(), localdatetime(),
// datetime() and duration() from ISO 8601 strings (calendar, week and
// ordinal dates, basic and extended forms, fractional seconds, offsets and
// [Region/City] zones), from maps of components (year, month, day, week,
// dayOfWeek, ordinalDay, quarter, dayOfQuarter, hour … nanosecond,
// timezone, or date/time/datetime to take components from another value),
// from another temporal value, or with no argument for the statement's
// current time (in UTC; the clock is read once per query). Also available:
// X.truncate(unit, value[, map]), X.statement/transaction/realtime(),
// datetime.fromepoch and datetime.fromepochmillis, duration.between,
// duration.inMonths, duration.inDays and duration.inSeconds; components
// (d.year, d.week, d.offset, d.epochSeconds, dur.minutesOfHour, …);
// instant ± duration, duration ± duration, duration * number and
// duration / number. Values of one temporal type compare with < and >
// (times and datetimes by instant); durations only with = and <>. Dates span
// the years -999,999,999 to 999,999,999. Named zones come from the system
// zone database, or from the copy embedded with time/tzdata.
//
// # Spatial values
//
// [value.Point] is Cypher's POINT: cartesian (srid 7203), cartesian-3d
// (9157), wgs-84 (4326) or wgs-84-3d (4979), as Neo4j. point({x, y[, z]})
// and point({longitude, latitude[, height]}) make one (crs or srid may name
// the system; a null coordinate gives null); p.x, p.y, p.z, p.longitude,
// p.latitude, p.height, p.crs and p.srid read it; point.distance(a, b) is
// Euclidean, or haversine in metres for WGS-84, and point.withinBBox(p,
// lowerLeft, upperRight) tests a box; both are null across systems. Points
// are equal when system and coordinates are; < and > do not compare them
// (null); ORDER BY puts them after paths and before temporal values, by
// srid, then coordinates. They may be stored as properties, alone or in
// lists.
//
// # Procedures and subqueries
//
// CALL runs a procedure, standalone (CALL db.labels(), or CALL p with its
// arguments taken from the parameters named like its inputs) or inside a
// query (MATCH … CALL p(args) YIELD out AS v WHERE … RETURN …). The
// built-in procedures are db.labels(), db.relationshipTypes() and
// db.propertyKeys(), each yielding the names in use, sorted; [RunWith] and
// [ParseWith] take more in [Options] (see [Procedure]). Errors are those
// of Neo4j: ProcedureError/ProcedureNotFound, SyntaxError with
// InvalidNumberOfArguments, InvalidArgumentType, VariableAlreadyBound, ….
//
// EXISTS { … } and COUNT { … } hold a pattern with an optional WHERE, or a
// read-only query (MATCH … [WITH …] [RETURN …]); the variables of the
// enclosing query are in scope. Bare patterns are predicates only, as in
// Cypher 5: (a)-->(b) may stand where a boolean is expected (WHERE, NOT,
// AND, exists(…)), not as a value.
//
// # Element ids
//
// id(x) is the node's or relationship's int64 id and elementId(x) the string
// "n:<id>" for a node or "r:<id>" for a relationship (Neo4j 5 returns strings
// like "4:<uuid>:<id>"; treat both as opaque). Ids are never reused, so an
// elementId names the same element for as long as the graph holds it, across
// queries and, with the embedded store, across restarts.
package cypher

import (
	"fmt"
	"strconv"

	"github.com/kgnews/kg/graph/value"
)

// Node is a node value in a query result.
type Node struct {
	ID     int64
	Labels []string
	Props  map[string]any
}

// Relationship is a relationship value in a query result.
type Relationship struct {
	ID      int64
	Type    string
	StartID int64
	EndID   int64
	Props   map[string]any
}

// Path is a path value in a query result: len(Nodes) == len(Rels)+1.
type Path struct {
	Nodes []Node
	Rels  []Relationship
}

// Result is the outcome of a query: the column names (verbatim projection
// text or alias), the rows in order, and the update counters.
// A query that only writes has no columns and no rows. The result of an
// EXPLAIN has the query's columns, no rows and its Plan; that of a PROFILE
// its rows and its Plan with rows and db hits counted per operator.
type Result struct {
	Columns []string
	Rows    [][]any
	Stats   value.Stats
	Plan    *value.Plan // EXPLAIN or PROFILE only; else nil
}

// Phases of an Error, in the TCK's vocabulary.
const (
	CompileTime = "compile time"
	Runtime     = "runtime"
)

// Error is a query error classified as Neo4j and the openCypher TCK classify
// them: Type is SyntaxError, SemanticError, TypeError, ArgumentError,
// EntityNotFound, ParameterMissing, ConstraintVerificationFailed, …; Detail is
// the TCK detail code such as UndefinedVariable or InvalidArgumentType.
// Line and Column are 1-based and zero when the error has no position.
type Error struct {
	Type   string
	Phase  string
	Detail string
	Msg    string
	Line   int
	Column int
	Offset int    // byte offset into Query; valid when Line > 0
	Query  string // the query text, for Caret
	cause  error  // a sentinel such as ErrMemoryBudget; or nil
}

// Unwrap returns the sentinel the error stands for, such as
// [ErrMemoryBudget] or [ErrTooComplex]; or nil.
func (e *Error) Unwrap() error { return e.cause }

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s (%s): %s at line %d, column %d", e.Type, e.Detail, e.Msg, e.Line, e.Column)
	}
	return fmt.Sprintf("%s (%s): %s", e.Type, e.Detail, e.Msg)
}

// NodeElementID is the element id of node id, as elementId() returns it:
// "n:" and the decimal id.
func NodeElementID(id int64) string { return "n:" + strconv.FormatInt(id, 10) }

// RelElementID is the element id of relationship id, as elementId()
// returns it: "r:" and the decimal id.
func RelElementID(id int64) string { return "r:" + strconv.FormatInt(id, 10) }
