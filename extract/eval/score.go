package eval

import (
	"slices"

	"github.com/kgnews/kg/graph"
)

// Metrics are the counts and scores of one relationship type, or of all of
// them (micro-averaged), computed as the independent scorer does.
//
// TP counts the predictions that match a required gold fact, FP those that
// match no gold fact; predictions that match only non-required gold facts
// are not counted. Dup counts the TP predictions whose gold facts had all
// been matched by earlier predictions: the graph holds the fact twice. Gold
// counts the required gold facts and Hit those some prediction found; FN is
// Gold − Hit.
//
// Precision is TP/(TP+FP), 0 when nothing was predicted; recall is
// Hit/Gold, 1 when nothing was to be found; F1 their harmonic mean, 0 when
// both are 0.
type Metrics struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Dup       int     `json:"duplicates"`
	Gold      int     `json:"gold"`
	Hit       int     `json:"hit"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (m *Metrics) add(o Metrics) {
	m.TP += o.TP
	m.FP += o.FP
	m.Dup += o.Dup
	m.Gold += o.Gold
	m.Hit += o.Hit
}

func (m *Metrics) compute() {
	m.FN = m.Gold - m.Hit
	m.Precision, m.Recall, m.F1 = 0, 1, 0
	if m.TP+m.FP > 0 {
		m.Precision = float64(m.TP) / float64(m.TP+m.FP)
	}
	if m.Gold > 0 {
		m.Recall = float64(m.Hit) / float64(m.Gold)
	}
	if m.Precision+m.Recall > 0 {
		m.F1 = 2 * m.Precision * m.Recall / (m.Precision + m.Recall)
	}
}

// Edge is a predicted fact relationship as reports show it.
type Edge struct {
	Type     string   `json:"type"`
	ID       string   `json:"id"`
	From     string   `json:"from"`
	To       string   `json:"to"`
	Date     string   `json:"date,omitempty"`
	Detail   string   `json:"detail,omitempty"` // medium, measure and rate, or the commitment's text
	Evidence []string `json:"evidence,omitempty"`
	Sources  []string `json:"sources,omitempty"`
	// Gold describes the gold fact the edge duplicates or nearly matches.
	Gold string `json:"gold,omitempty"`
	// Reason says why a false positive matched nothing, when a gold fact
	// came close.
	Reason string `json:"reason,omitempty"`
}

// Miss is a required gold fact that no prediction matched.
type Miss struct {
	Type     string `json:"type"`
	Gold     string `json:"gold"`
	Evidence string `json:"evidence,omitempty"`
	Source   string `json:"source,omitempty"`
	Note     string `json:"note,omitempty"`
}

// DetailError is a matched fact whose detail (medium, rate, topics,
// claimedBy, date) differs from the gold.
type DetailError struct {
	Type  string `json:"type"`
	Gold  string `json:"gold"`
	Field string `json:"field"`
	Want  string `json:"want"`
	Got   string `json:"got"`
}

// Forbidden is an Actor or Country node that carries a not_entities name.
type Forbidden struct {
	Name   string `json:"name"`   // the not_entities entry
	NodeID string `json:"nodeId"` // the offending node
	Label  string `json:"label"`
	As     string `json:"as"` // the node's name or alias that holds it
}

// Report is the outcome of Score.
type Report struct {
	// PerType holds the metrics of every fact type of graph.FactTypes
	// (SPOKE_WITH, PLEDGED, SANCTIONED, TRADES_WITH), always all of them.
	// Overall sums the counts (micro average) of the core fact types
	// (SPOKE_WITH, PLEDGED and SANCTIONED), and of another fact type
	// (TRADES_WITH) only when the gold set has relations of it: a gold
	// set that does not annotate kg's trade ties cannot call them false.
	PerType map[string]Metrics `json:"perType"`
	Overall Metrics            `json:"overall"`

	// EntityRecall is EntitiesFound / EntitiesRequired over the required
	// Actor and Country entities (1 when none is required);
	// MissingEntities lists those not found as "Type Name".
	// EntityPrecision is the share of the EntityNodes (Actor and Country
	// nodes) that some gold name or alias names (0 when there is none);
	// UnmatchedEntities lists the others' names.
	EntityRecall      float64  `json:"entityRecall"`
	EntitiesFound     int      `json:"entitiesFound"`
	EntitiesRequired  int      `json:"entitiesRequired"`
	MissingEntities   []string `json:"missingEntities,omitempty"`
	EntityPrecision   float64  `json:"entityPrecision"`
	EntityNodes       int      `json:"entityNodes"`
	UnmatchedEntities []string `json:"unmatchedEntities,omitempty"`

	// Affiliations checked and found (the gold's affiliations list);
	// AffiliationMisses lists the [actor, country, reason] triples not
	// found. AffiliationAccuracy is found / checked, 1 when none.
	AffiliationsFound   int        `json:"affiliationsFound"`
	AffiliationsChecked int        `json:"affiliationsChecked"`
	AffiliationAccuracy float64    `json:"affiliationAccuracy"`
	AffiliationMisses   [][]string `json:"affiliationMisses,omitempty"`

	Misses            []Miss        `json:"misses,omitempty"`
	FalsePositives    []Edge        `json:"falsePositives,omitempty"`
	Duplicates        []Edge        `json:"duplicates,omitempty"`
	DetailErrors      []DetailError `json:"detailErrors,omitempty"`
	ForbiddenEntities []Forbidden   `json:"forbiddenEntities,omitempty"`
	// Neutral lists predictions that matched only non-required gold facts:
	// they count neither for nor against.
	Neutral []Edge `json:"neutral,omitempty"`
	// Problems lists gold items that could not be used (an invalid keyword
	// in a Gold built by hand rather than read by ReadGold).
	Problems []string `json:"problems,omitempty"`

	// BySource holds the relationship metrics per subset of the gold's
	// sources (see [Subset]); empty when no gold relation's source has the
	// form "subset/article".
	BySource []Subset `json:"bySource,omitempty"`
}

// Score compares the graph b (for example a store Snapshot or an export
// read by ReadExport) with the gold set g by the rules of the independent
// scorer, shared/tools/score.py, so that both give the same figures:
//
//   - names match after [Normalize], over a node's name, canonicalName,
//     title and aliases; each gold name or alias stands for the first gold
//     entity that lists it;
//   - gold relations with the same type, parties and keywords are merged
//     (required if any of them is), so that a fact reported by several
//     articles is one fact of the corpus;
//   - predictions are taken in export order (graph.SortBatch); one that
//     matches required gold facts is a true positive and finds the first
//     of them not yet found, or is a duplicate when all were found; one that
//     matches only non-required facts is neutral; any other is a false
//     positive;
//   - entity recall is over the required Actor and Country entities, a node
//     counting when its label is among the entity's types;
//   - a not_entities name is forbidden as a name or alias of an Actor or
//     Country node;
//   - an affiliation holds when an Actor named for the person has the
//     country as its country property or a relationship that is no fact
//     (REPRESENTS) to a node named for the country (the scorer says: other
//     than SPOKE_WITH, PLEDGED and SANCTIONED; no other fact type of kg
//     starts at an Actor and ends at a Country, so both agree).
//
// kg's extensions (dates, SANCTIONED and TRADES_WITH keywords, the
// per-article "to" of PLEDGED, entity keywords, names that are no gold
// entity's) apply only when a gold file uses them.
func Score(g *Gold, b *graph.Batch) *Report {
	if b == nil {
		b = &graph.Batch{}
	}
	b = &graph.Batch{Nodes: slices.Clone(b.Nodes), Relationships: slices.Clone(b.Relationships)}
	graph.SortBatch(b)
	m := newMatcher(g, b)
	r := &Report{}
	golds := compileGolds(g, m, r)
	all := make([]*goldRel, len(golds))
	annotated := make(map[string]bool) // the fact types the gold set has relations of
	for i := range golds {
		all[i] = &golds[i]
		annotated[golds[i].Type] = true
	}
	r.PerType, r.Overall = r.scoreRelations(m, b.Relationships, all, annotated, true)
	r.scoreEntities(m, g, b)
	r.scoreAffiliations(m, g, b)
	r.findForbidden(g, b)
	r.BySource = r.scoreSources(m, b, all, annotated)
	return r
}
