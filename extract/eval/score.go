package eval

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/kgnews/kg/extract/gazetteer"
	"github.com/kgnews/kg/graph"
)

// Metrics are the counts and scores of one relationship type, or of all
// three (micro-averaged). Duplicates are predictions that match a gold fact
// already matched by another prediction: the graph holds the fact twice.
// They are counted in Dup and listed, but are not false positives: the fact
// is true, its merge failed. Precision is 1 when nothing was predicted,
// recall is 1 when nothing was to be found.
type Metrics struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Dup       int     `json:"duplicates"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (m *Metrics) add(o Metrics) {
	m.TP += o.TP
	m.FP += o.FP
	m.FN += o.FN
	m.Dup += o.Dup
}

func (m *Metrics) compute() {
	m.Precision, m.Recall = 1, 1
	if m.TP+m.FP > 0 {
		m.Precision = float64(m.TP) / float64(m.TP+m.FP)
	}
	if m.TP+m.FN > 0 {
		m.Recall = float64(m.TP) / float64(m.TP+m.FN)
	}
	m.F1 = 0
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
// claimedBy) differs from the gold.
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
	// (SPOKE_WITH, PLEDGED, SANCTIONED, TRADES_WITH), always all of them;
	// Overall sums their counts (micro average).
	PerType map[string]Metrics `json:"perType"`
	Overall Metrics            `json:"overall"`

	// EntityRecall is EntitiesFound / EntitiesRequired (1 when none is
	// required); MissingEntities lists the required entities not found as
	// "Type Name".
	EntityRecall     float64  `json:"entityRecall"`
	EntitiesFound    int      `json:"entitiesFound"`
	EntitiesRequired int      `json:"entitiesRequired"`
	MissingEntities  []string `json:"missingEntities,omitempty"`

	// Affiliations checked and found; AffiliationMisses lists the
	// [actor, country] pairs not found, with the reason.
	AffiliationsFound   int        `json:"affiliationsFound"`
	AffiliationsChecked int        `json:"affiliationsChecked"`
	AffiliationMisses   [][]string `json:"affiliationMisses,omitempty"`

	Misses            []Miss        `json:"misses,omitempty"`
	FalsePositives    []Edge        `json:"falsePositives,omitempty"`
	Duplicates        []Edge        `json:"duplicates,omitempty"`
	DetailErrors      []DetailError `json:"detailErrors,omitempty"`
	ForbiddenEntities []Forbidden   `json:"forbiddenEntities,omitempty"`
	// Neutral lists predictions that matched only non-required gold facts:
	// they count neither for nor against.
	Neutral []Edge `json:"neutral,omitempty"`
	// UnknownActors lists Actor nodes that no gold entity names: not scored,
	// shown to help read the extraction.
	UnknownActors []string `json:"unknownActors,omitempty"`
	// Problems lists gold items that could not be used (an invalid keyword
	// in a Gold built by hand rather than read by ReadGold).
	Problems []string `json:"problems,omitempty"`
}

// Score compares the graph b (for example a store Snapshot) with the gold
// set g, resolving country names with gazetteer.Default.
func Score(g *Gold, b *graph.Batch) *Report {
	return ScoreWith(g, b, gazetteer.Default())
}

// ScoreWith is Score with the gazetteer gz; nil means names are compared as
// written, without gazetteer forms.
//
// Each fact type is scored apart. Predictions are matched one to one with
// the required gold facts so that as many as possible match (a maximum
// bipartite matching); each matched pair is a true positive, each required
// gold fact left over a miss. A prediction left over is neutral when it
// matches a non-required gold fact, a duplicate when it matches a gold fact
// that another prediction already matched, and a false positive otherwise.
func ScoreWith(g *Gold, b *graph.Batch, gz *gazetteer.Gazetteer) *Report {
	if b == nil {
		b = &graph.Batch{}
	}
	m := newMatcher(g, b, gz)
	r := &Report{PerType: make(map[string]Metrics, len(graph.FactTypes))}
	golds := compileGolds(g, r)
	for _, typ := range graph.FactTypes {
		met := r.scoreType(m, typ, b, golds)
		met.compute()
		r.PerType[typ] = met
		r.Overall.add(met)
	}
	r.Overall.compute()
	r.scoreEntities(m, g, b)
	r.scoreAffiliations(m, g, b)
	r.findForbidden(g, b)
	return r
}

// goldRel is a gold relation with its keywords compiled.
type goldRel struct {
	*Relation
	keywords []*regexp.Regexp
	bad      bool // a keyword did not compile: the relation never matches
}

func compileGolds(g *Gold, r *Report) []goldRel {
	out := make([]goldRel, len(g.Relations))
	for i := range g.Relations {
		gr := goldRel{Relation: &g.Relations[i]}
		for _, kw := range gr.Keywords {
			re, err := compileKeyword(kw)
			if err != nil {
				gr.bad = true
				r.Problems = append(r.Problems, fmt.Sprintf("relations[%d]: %v", i, err))
				continue
			}
			gr.keywords = append(gr.keywords, re)
		}
		out[i] = gr
	}
	return out
}

// fit is how well a prediction fits a gold fact.
type fit int

const (
	noFit     fit = iota
	dateWrong     // all but the date, which disagrees
	undated       // all but the date, which the prediction lacks
	fullFit
)

func (m *matcher) fit(p *graph.Relationship, gr *goldRel) fit {
	if gr.bad || p.Type != gr.Type {
		return noFit
	}
	from, to := m.node(p.Start), m.node(p.End)
	switch p.Type {
	case graph.SpokeWith, graph.TradesWith:
		f, t := gr.fromNames(), gr.toNames()
		if !(m.matches(from, f) && m.matches(to, t)) && !(m.matches(from, t) && m.matches(to, f)) {
			return noFit
		}
		text := propString(p.Props, graph.PropValue) + " | " + propString(p.Props, graph.PropYear)
		if !keywordsMatch(gr.keywords, text) {
			return noFit
		}
	case graph.Pledged:
		if !m.matches(from, gr.fromNames()) || !keywordsMatch(gr.keywords, commitmentText(to)) {
			return noFit
		}
	case graph.Sanctioned:
		if !m.matches(from, gr.fromNames()) || !m.matches(to, gr.toNames()) {
			return noFit
		}
		text := propString(p.Props, graph.PropMeasure) + " | " + propString(p.Props, graph.PropRate)
		if !keywordsMatch(gr.keywords, text) {
			return noFit
		}
	}
	if gr.Date == "" {
		return fullFit
	}
	d := propString(p.Props, graph.PropDate)
	switch {
	case d == "":
		return undated
	case strings.HasPrefix(d, gr.Date) || strings.HasPrefix(gr.Date, d):
		return fullFit
	}
	return dateWrong
}

func keywordsMatch(kws []*regexp.Regexp, text string) bool {
	for _, re := range kws {
		if !re.MatchString(text) {
			return false
		}
	}
	return true
}

// commitmentText is what PLEDGED keywords are matched against.
func commitmentText(n *graph.Node) string {
	parts := []string{propString(n.Props, graph.PropName)}
	parts = append(parts, propList(n.Props, graph.PropAliases)...)
	for _, k := range []string{graph.PropText, graph.PropAction, graph.PropObject, graph.PropQuantity, graph.PropUnit, graph.PropPeriod} {
		parts = append(parts, propString(n.Props, k))
	}
	return strings.Join(parts, " | ")
}

func (r *Report) scoreType(m *matcher, typ string, b *graph.Batch, golds []goldRel) Metrics {
	var preds []*graph.Relationship
	for i := range b.Relationships {
		if b.Relationships[i].Type == typ {
			preds = append(preds, &b.Relationships[i])
		}
	}
	var gs []*goldRel
	for i := range golds {
		if golds[i].Type == typ {
			gs = append(gs, &golds[i])
		}
	}
	fits := make([][]fit, len(preds))
	for i, p := range preds {
		fits[i] = make([]fit, len(gs))
		for j, gr := range gs {
			fits[i][j] = m.fit(p, gr)
		}
	}
	required := func(j int) bool { return gs[j].IsRequired() }
	predOf, goldOf := maxMatching(len(preds), len(gs), func(i, j int) bool {
		return required(j) && fits[i][j] == fullFit
	})
	// Second round: a prediction without a date may stand for a dated gold
	// fact that no dated prediction matched; the missing date is reported.
	predOf2, goldOf2 := maxMatching(len(preds), len(gs), func(i, j int) bool {
		return goldOf[i] < 0 && predOf[j] < 0 && required(j) && fits[i][j] == undated
	})
	for j, i := range predOf2 {
		if i >= 0 {
			predOf[j], goldOf[i] = i, goldOf2[i]
		}
	}

	var met Metrics
	for j, gr := range gs {
		if !gr.IsRequired() {
			continue
		}
		if i := predOf[j]; i >= 0 {
			met.TP++
			r.checkDetails(m, preds[i], gr)
			if fits[i][j] == undated {
				r.DetailErrors = append(r.DetailErrors, DetailError{Type: gr.Type, Gold: gr.Label(), Field: graph.PropDate, Want: gr.Date})
			}
			continue
		}
		met.FN++
		r.Misses = append(r.Misses, Miss{Type: typ, Gold: gr.Label(), Evidence: gr.Evidence, Source: gr.Source, Note: gr.Note})
	}
	for i, p := range preds {
		if goldOf[i] >= 0 {
			continue
		}
		e := m.edge(p)
		if j := firstFit(fits[i], func(j int) bool { return !required(j) && fits[i][j] >= undated }); j >= 0 {
			e.Gold = gs[j].Label()
			r.Neutral = append(r.Neutral, e)
			continue
		}
		if j := firstFit(fits[i], func(j int) bool { return required(j) && fits[i][j] >= undated && predOf[j] >= 0 }); j >= 0 {
			e.Gold = gs[j].Label()
			met.Dup++
			r.Duplicates = append(r.Duplicates, e)
			continue
		}
		if j := firstFit(fits[i], func(j int) bool { return fits[i][j] == dateWrong }); j >= 0 {
			e.Gold = gs[j].Label()
			e.Reason = "date " + e.Date + " disagrees with the gold's " + gs[j].Date
		}
		met.FP++
		r.FalsePositives = append(r.FalsePositives, e)
	}
	return met
}

func firstFit(row []fit, ok func(j int) bool) int {
	for j := range row {
		if ok(j) {
			return j
		}
	}
	return -1
}

// maxMatching returns a maximum matching of the bipartite graph with n left
// and k right vertices and edges ok(i, j), by augmenting paths (Kuhn's
// algorithm), as predOf[j] (left vertex of right j, or -1) and goldOf[i].
// Left vertices are tried in order, so equal inputs give equal matchings.
func maxMatching(n, k int, ok func(i, j int) bool) (predOf, goldOf []int) {
	predOf = make([]int, k)
	goldOf = make([]int, n)
	for j := range predOf {
		predOf[j] = -1
	}
	for i := range goldOf {
		goldOf[i] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j := 0; j < k; j++ {
			if seen[j] || !ok(i, j) {
				continue
			}
			seen[j] = true
			if predOf[j] < 0 || try(predOf[j], seen) {
				predOf[j] = i
				goldOf[i] = j
				return true
			}
		}
		return false
	}
	for i := 0; i < n; i++ {
		try(i, make([]bool, k))
	}
	return predOf, goldOf
}

// edge describes p for reports.
func (m *matcher) edge(p *graph.Relationship) Edge {
	from, to := m.node(p.Start), m.node(p.End)
	e := Edge{
		Type:     p.Type,
		ID:       p.ID,
		From:     propString(from.Props, graph.PropName),
		To:       propString(to.Props, graph.PropName),
		Date:     propString(p.Props, graph.PropDate),
		Evidence: propList(p.Props, graph.PropEvidence),
		Sources:  propList(p.Props, graph.PropSources),
	}
	var details []string
	add := func(k, v string) {
		if v != "" {
			details = append(details, k+"="+v)
		}
	}
	switch p.Type {
	case graph.SpokeWith:
		add("medium", propString(p.Props, graph.PropMedium))
		add("topics", propString(p.Props, graph.PropTopics))
	case graph.TradesWith:
		add("value", propString(p.Props, graph.PropValue))
		add("year", propString(p.Props, graph.PropYear))
	case graph.Sanctioned:
		add("measure", propString(p.Props, graph.PropMeasure))
		add("rate", propString(p.Props, graph.PropRate))
	case graph.Pledged:
		add("text", propString(to.Props, graph.PropText))
	}
	add("claimedBy", propString(p.Props, graph.PropClaimedBy))
	e.Detail = strings.Join(details, " ")
	return e
}

// checkDetails compares the details of a matched prediction with its gold.
func (r *Report) checkDetails(m *matcher, p *graph.Relationship, gr *goldRel) {
	report := func(field, want, got string) {
		r.DetailErrors = append(r.DetailErrors, DetailError{Type: gr.Type, Gold: gr.Label(), Field: field, Want: want, Got: got})
	}
	if gr.Medium != "" {
		got := propString(p.Props, graph.PropMedium)
		if normalize(got) != normalize(gr.Medium) {
			report(graph.PropMedium, gr.Medium, got)
		}
	}
	if gr.Rate != "" {
		got := propString(p.Props, graph.PropRate)
		if normalizeRate(got) != normalizeRate(gr.Rate) {
			report(graph.PropRate, gr.Rate, got)
		}
	}
	for _, list := range []struct {
		field string
		want  []string
	}{{graph.PropTopics, gr.Topics}, {graph.PropClaimedBy, gr.ClaimedBy}} {
		got := propList(p.Props, list.field)
		for _, w := range list.want {
			found := false
			for _, g := range got {
				if m.nameMatches(g, w) {
					found = true
					break
				}
			}
			if !found {
				report(list.field, w, strings.Join(got, "; "))
			}
		}
	}
}

// normalizeRate folds "25 per cent", "25 percent" and "25%" together.
func normalizeRate(s string) string {
	s = strings.ToLower(s)
	for _, w := range []string{"per cent", "percent", "pct"} {
		s = strings.ReplaceAll(s, w, "%")
	}
	return strings.Join(strings.Fields(s), "")
}

func (r *Report) scoreEntities(m *matcher, g *Gold, b *graph.Batch) {
	known := make([]bool, len(b.Nodes))
	for _, e := range g.Entities {
		names := append([]string{e.Name}, e.Aliases...)
		var kws []*regexp.Regexp
		for _, kw := range e.Keywords {
			if re, err := compileKeyword(kw); err == nil {
				kws = append(kws, re)
			}
		}
		found := false
		for i := range b.Nodes {
			n := &b.Nodes[i]
			if n.Label != e.Type {
				continue
			}
			if m.matches(n, names) || (len(kws) > 0 && keywordsMatch(kws, commitmentText(n))) {
				found = true
				known[i] = true
			}
		}
		if !e.IsRequired() {
			continue
		}
		r.EntitiesRequired++
		if found {
			r.EntitiesFound++
		} else {
			r.MissingEntities = append(r.MissingEntities, e.Type+" "+e.Name)
		}
	}
	r.EntityRecall = 1
	if r.EntitiesRequired > 0 {
		r.EntityRecall = float64(r.EntitiesFound) / float64(r.EntitiesRequired)
	}
	for i := range b.Nodes {
		if n := &b.Nodes[i]; n.Label == graph.LabelActor && !known[i] {
			r.UnknownActors = append(r.UnknownActors, propString(n.Props, graph.PropName))
		}
	}
}

func (r *Report) scoreAffiliations(m *matcher, g *Gold, b *graph.Batch) {
	type pair struct{ actor, country string }
	var pairs []pair
	seen := make(map[pair]bool)
	addPair := func(a, c string) {
		p := pair{a, c}
		key := pair{normalize(a), normalize(c)}
		if !seen[key] {
			seen[key] = true
			pairs = append(pairs, p)
		}
	}
	for _, a := range g.Affiliations {
		if len(a) == 2 {
			addPair(a[0], a[1])
		}
	}
	for _, e := range g.Entities {
		if e.Type == TypeActor && e.Country != "" && e.IsRequired() {
			addPair(e.Name, e.Country)
		}
	}
	represents := make(map[string][]string) // actor id → country node ids
	for _, rel := range b.Relationships {
		if rel.Type == graph.Represents {
			represents[rel.Start] = append(represents[rel.Start], rel.End)
		}
	}
	for _, p := range pairs {
		r.AffiliationsChecked++
		actorFound, ok := false, false
		for i := range b.Nodes {
			n := &b.Nodes[i]
			if n.Label != graph.LabelActor || !m.matches(n, []string{p.actor}) {
				continue
			}
			actorFound = true
			if c := propString(n.Props, graph.PropCountry); c != "" && m.nameMatches(c, p.country) {
				ok = true
			}
			for _, id := range represents[n.ID] {
				if m.matches(m.node(id), []string{p.country}) {
					ok = true
				}
			}
		}
		switch {
		case ok:
			r.AffiliationsFound++
		case !actorFound:
			r.AffiliationMisses = append(r.AffiliationMisses, []string{p.actor, p.country, "actor not found"})
		default:
			r.AffiliationMisses = append(r.AffiliationMisses, []string{p.actor, p.country, "no REPRESENTS or country"})
		}
	}
}

func (r *Report) findForbidden(g *Gold, b *graph.Batch) {
	for _, ne := range g.NotEntities {
		bad := normalize(ne)
		for i := range b.Nodes {
			n := &b.Nodes[i]
			if n.Label != graph.LabelActor && n.Label != graph.LabelCountry {
				continue
			}
			forms := append([]string{propString(n.Props, graph.PropName)}, propList(n.Props, graph.PropAliases)...)
			for _, f := range forms {
				if containsWords(normalize(f), bad) {
					r.ForbiddenEntities = append(r.ForbiddenEntities, Forbidden{Name: ne, NodeID: n.ID, Label: n.Label, As: f})
					break
				}
			}
		}
	}
}
