package eval

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/kgnews/kg/graph"
)

// isCore reports whether typ is a fact type of DESIGN.md, always scored (a
// fact type that is not core, such as graph.TradesWith, joins the overall
// figures only when the gold set annotates it).
func isCore(typ string) bool {
	s, _ := graph.SpecOf(typ)
	return s.Core
}

// goldRel is a gold relation ready for matching: keywords compiled, names
// resolved, required settled.
type goldRel struct {
	*Relation
	required bool
	keywords []*regexp.Regexp
	bad      bool // a keyword did not compile: the relation never matches
	from, to []target
}

func compileGolds(g *Gold, m *matcher, r *Report) []goldRel {
	out := make([]goldRel, len(g.Relations))
	for i := range g.Relations {
		rel := &g.Relations[i]
		gr := goldRel{Relation: rel, required: rel.IsRequired(), from: m.targets(rel.fromNames()), to: m.targets(rel.toNames())}
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

// key identifies the fact a gold relation states: its type, parties (a
// pair unordered for a symmetric type), keywords and date.
func (gr *goldRel) key() string {
	from, to := sortedCopy(gr.fromNames()), sortedCopy(gr.toNames())
	a, b := strings.Join(from, "\x01"), strings.Join(to, "\x01")
	if spec, _ := graph.SpecOf(gr.Type); spec.Symmetric && a > b {
		a, b = b, a
	}
	return strings.Join([]string{gr.Type, a, b, strings.Join(gr.Keywords, "\x01"), gr.Date}, "\x00")
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// mergeGolds merges the gold relations that state the same fact (see key),
// in order of first appearance: the first one stands for all, required
// when any of them is.
func mergeGolds(golds []*goldRel) []*goldRel {
	var out []*goldRel
	at := make(map[string]int)
	for _, gr := range golds {
		k := gr.key()
		if i, ok := at[k]; ok {
			out[i].required = out[i].required || gr.required
			continue
		}
		c := *gr
		at[k] = len(out)
		out = append(out, &c)
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
	spec, _ := graph.SpecOf(p.Type)
	switch {
	case spec.Symmetric:
		if !(m.isAny(p.Start, gr.from) && m.isAny(p.End, gr.to)) && !(m.isAny(p.Start, gr.to) && m.isAny(p.End, gr.from)) {
			return noFit
		}
	case !m.isAny(p.Start, gr.from):
		return noFit
	case len(gr.to) > 0 || !spec.Gold.ToOptional:
		if !m.isAny(p.End, gr.to) {
			return noFit
		}
	}
	if len(gr.keywords) > 0 {
		var text string
		switch spec.Gold.Keywords {
		case graph.KeywordsOnEnd:
			end, ok := m.nodes[p.End]
			if !ok {
				return noFit
			}
			text = nodeText(end)
		case graph.KeywordsOnDetails:
			text = detailText(p, spec.Details)
		}
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

// detailText is what keywords match on a type whose keywords match its
// details: the detail properties joined by " | " ("measure | rate").
func detailText(p *graph.Relationship, details []string) string {
	parts := make([]string, len(details))
	for i, k := range details {
		parts[i] = propString(p.Props, k)
	}
	return strings.Join(parts, " | ")
}

func keywordsMatch(kws []*regexp.Regexp, text string) bool {
	for _, re := range kws {
		if !re.MatchString(text) {
			return false
		}
	}
	return true
}

// outcome is what became of a prediction.
type outcome int

const (
	falsePositive outcome = iota
	hit                   // found a gold fact first
	hitUndated            // found a dated gold fact no dated prediction found
	duplicate             // matched gold facts all found before
	neutral               // matched only non-required gold facts
)

// relScore is the outcome of scoring the predictions of one type.
type relScore struct {
	met      Metrics
	preds    []*graph.Relationship
	golds    []*goldRel
	outcomes []outcome
	gold     []int // gold index of each prediction: found, duplicated or nearly matched; -1 for none
	found    []int // prediction that found each gold fact, or -1
}

// scoreType scores the predictions of type typ, in order, against the
// merged gold facts of that type.
func (m *matcher) scoreType(typ string, rels []graph.Relationship, golds []*goldRel) *relScore {
	s := &relScore{}
	for i := range rels {
		if rels[i].Type == typ {
			s.preds = append(s.preds, &rels[i])
		}
	}
	for _, gr := range golds {
		if gr.Type == typ {
			s.golds = append(s.golds, gr)
		}
	}
	s.found = make([]int, len(s.golds))
	for j := range s.found {
		s.found[j] = -1
		if s.golds[j].required {
			s.met.Gold++
		}
	}
	fits := make([][]fit, len(s.preds))
	s.outcomes = make([]outcome, len(s.preds))
	s.gold = make([]int, len(s.preds))
	for i, p := range s.preds {
		fits[i] = make([]fit, len(s.golds))
		for j, gr := range s.golds {
			fits[i][j] = m.fit(p, gr)
		}
		s.gold[i] = -1
	}
	// take gives prediction i the first gold fact it fits at level f that
	// is required and not yet found.
	take := func(i int, f fit) bool {
		for j, gr := range s.golds {
			if gr.required && s.found[j] < 0 && fits[i][j] == f {
				s.found[j], s.gold[i] = i, j
				return true
			}
		}
		return false
	}
	for i := range s.preds {
		if take(i, fullFit) {
			s.outcomes[i] = hit
		}
	}
	// A prediction without a date may stand for a dated gold fact that no
	// dated prediction found; the missing date is reported as a detail.
	for i := range s.preds {
		if s.outcomes[i] != hit && take(i, undated) {
			s.outcomes[i] = hitUndated
		}
	}
	first := func(i int, ok func(j int) bool) int {
		for j := range s.golds {
			if ok(j) {
				return j
			}
		}
		return -1
	}
	for i := range s.preds {
		switch s.outcomes[i] {
		case hit, hitUndated:
			s.met.TP++
			s.met.Hit++
			continue
		}
		if j := first(i, func(j int) bool { return s.golds[j].required && fits[i][j] >= undated }); j >= 0 {
			s.outcomes[i], s.gold[i] = duplicate, j
			s.met.TP++
			s.met.Dup++
		} else if j := first(i, func(j int) bool { return fits[i][j] >= undated }); j >= 0 {
			s.outcomes[i], s.gold[i] = neutral, j
		} else {
			s.gold[i] = first(i, func(j int) bool { return fits[i][j] == dateWrong })
			s.met.FP++
		}
	}
	s.met.compute()
	return s
}

// scoreRelations scores every fact type. With list set, it also fills the
// report's misses, false positives, duplicates, neutral predictions and
// detail errors.
func (r *Report) scoreRelations(m *matcher, rels []graph.Relationship, golds []*goldRel, annotated map[string]bool, list bool) (map[string]Metrics, Metrics) {
	merged := mergeGolds(golds)
	perType := make(map[string]Metrics, len(graph.FactTypes))
	var overall Metrics
	for _, typ := range graph.FactTypes {
		s := m.scoreType(typ, rels, merged)
		perType[typ] = s.met
		if isCore(typ) || annotated[typ] {
			overall.add(s.met)
		}
		if list {
			r.listOutcomes(m, s)
		}
	}
	overall.compute()
	return perType, overall
}

func (r *Report) listOutcomes(m *matcher, s *relScore) {
	for j, gr := range s.golds {
		if gr.required && s.found[j] < 0 {
			r.Misses = append(r.Misses, Miss{Type: gr.Type, Gold: gr.Label(), Evidence: gr.Evidence, Source: gr.Source, Note: gr.Note})
		}
	}
	for i, p := range s.preds {
		var gr *goldRel
		if j := s.gold[i]; j >= 0 {
			gr = s.golds[j]
		}
		switch s.outcomes[i] {
		case hit:
			r.checkDetails(m, p, gr)
		case hitUndated:
			r.checkDetails(m, p, gr)
			r.DetailErrors = append(r.DetailErrors, DetailError{Type: gr.Type, Gold: gr.Label(), Field: graph.PropDate, Want: gr.Date})
		case duplicate:
			e := m.edge(p)
			e.Gold = gr.Label()
			r.Duplicates = append(r.Duplicates, e)
		case neutral:
			e := m.edge(p)
			e.Gold = gr.Label()
			r.Neutral = append(r.Neutral, e)
		case falsePositive:
			e := m.edge(p)
			if gr != nil {
				e.Gold = gr.Label()
				e.Reason = "date " + e.Date + " disagrees with the gold's " + gr.Date
			}
			r.FalsePositives = append(r.FalsePositives, e)
		}
	}
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
	spec, _ := graph.SpecOf(p.Type)
	for _, k := range spec.Details {
		add(k, propString(p.Props, k))
	}
	if spec.Gold.Keywords == graph.KeywordsOnEnd {
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
		if Normalize(got) != Normalize(gr.Medium) {
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
				if m.textIs(g, m.target(w)) {
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
