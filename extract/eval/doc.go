// Package eval scores an extracted graph against a gold set: the engine
// behind `kg eval`.
//
// # Gold files
//
// A gold file is the JSON object of DESIGN.md (see [Gold]): entities to find,
// names that must never become entities, fact relationships and actor–country
// affiliations, extended by the fields the shared development gold uses
// (entity types, roles and kinds; optional, claimed_by, source and article
// on relations; per-article PLEDGED relations that name their commitment).
// [ReadGold] decodes it strictly: an unknown field is an error naming it.
//
// # Scoring
//
// [Score] compares a graph batch, a store snapshot or an export read by
// [ReadExport], with a gold set by the rules of the independent scorer,
// shared/tools/score.py, and gives the same figures: names folded by
// [Normalize] over a node's name, canonicalName, title and aliases, gold
// relations merged by fact, predictions matched greedily in export order,
// duplicates counted as true positives and listed, predictions that match
// only non-required facts neutral. Precision, recall and F1 are given per
// type and micro-averaged overall, then per subset of the gold's sources
// ([Subset]); entity recall and precision are over Actor and Country nodes.
//
// # Precision samples
//
// Where no gold exists, precision is judged by hand on a sample: [Draw]
// picks a seeded, deterministic random sample of fact relationships per
// type, [Sample.WriteMarkdown] writes it with its evidence for a judge, and
// [ReadJudgements] tallies the completed file into precision per type.
package eval
