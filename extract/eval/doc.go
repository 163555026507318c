// Package eval scores an extracted graph against a gold set: the engine
// behind `kg eval`.
//
// # Gold files
//
// A gold file is the JSON object of DESIGN.md (see [Gold]): entities to find,
// names that must never become entities, fact relationships and actor–country
// affiliations. [ReadGold] decodes it strictly.
//
// # Scoring
//
// [Score] compares a graph batch with a gold set. Names match case- and
// punctuation-insensitively over a node's name and aliases and the gold
// entity's name and aliases; country names also match through the gazetteer
// ("US", "Washington" and "the White House" all find the United States).
// SPOKE_WITH matches an unordered pair, PLEDGED a pledger and keywords over
// the commitment or agreement, SANCTIONED a sanctioner, a target and optional
// keywords over the measure. Predictions and required gold facts are paired
// one to one, as many as possible. A prediction that matches only
// non-required gold facts is neutral; one that matches a gold fact already
// paired is a duplicate, listed and counted apart from false positives.
// Precision, recall and F1 are given per type and micro-averaged overall;
// entity recall counts the required entities found.
package eval
