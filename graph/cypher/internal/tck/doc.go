// Package tck runs the openCypher Technology Compatibility Kit (TCK) against
// a Cypher engine.
//
// It reads the TCK's Gherkin feature files (the subset of Gherkin the TCK
// uses: Feature, Background, Scenario, Scenario Outline with Examples, tags,
// doc strings and tables), parses the TCK's value notation for expected
// results and parameters, and executes each scenario's steps against a
// [Graph] supplied by the caller, strictly: result columns in order, rows as a
// multiset or a sequence, errors by type, phase and detail, and side effects
// measured on snapshots of the graph taken around the query.
//
// # Identity
//
// Every scenario has a stable ID, "<path>:[<n>]" for the n-th scenario of the
// feature file at path (relative to the features directory), plus "#<r>" for
// row r of a Scenario Outline's examples, e.g.
// "clauses/match/Match1.feature:[3]" or "expressions/graph/Graph4.feature:[6]#2".
//
// # Values
//
// Values crossing the [Graph] interface are plain Go values: nil, bool,
// int64, float64, string, []any, map[string]any, and this package's [Node],
// [Relationship] and [Path]. The package does not depend on any engine; an
// adapter converts the engine's values and errors (see [QueryError]).
//
// # Procedures
//
// The step "there exists a procedure name(in :: T, …) :: (out :: T, …):"
// declares a test procedure answering from its table ([Procedure]); the
// runner hands it to a graph implementing [ProcedureDefiner], and reports
// such scenarios unsupported on other graphs.
package tck
