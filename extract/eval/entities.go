package eval

import (
	"regexp"

	"github.com/kgnews/kg/graph"
)

// isEntityLabel reports whether label is one that entity recall, entity
// precision and not_entities look at.
func isEntityLabel(label string) bool {
	return label == graph.LabelActor || label == graph.LabelCountry
}

func (r *Report) scoreEntities(m *matcher, g *Gold, b *graph.Batch) {
	for _, e := range g.Entities {
		if !e.IsRequired() || !isEntityLabel(e.Type) {
			continue
		}
		keys := make(map[string]bool)
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			keys[Normalize(s)] = true
		}
		var kws []*regexp.Regexp
		for _, kw := range e.Keywords {
			if re, err := compileKeyword(kw); err == nil {
				kws = append(kws, re)
			}
		}
		found := false
		for i := range b.Nodes {
			n := &b.Nodes[i]
			if !hasLabel(n, e.Labels()) {
				continue
			}
			if anyIn(nodeNames(n), keys) || (len(kws) > 0 && keywordsMatch(kws, nodeText(n))) {
				found = true
				break
			}
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
	predicted := 0
	for i := range b.Nodes {
		n := &b.Nodes[i]
		if !isEntityLabel(n.Label) {
			continue
		}
		predicted++
		if !m.known(n) {
			r.UnmatchedEntities = append(r.UnmatchedEntities, propString(n.Props, graph.PropName))
		}
	}
	r.EntityNodes = predicted
	if predicted > 0 {
		r.EntityPrecision = float64(predicted-len(r.UnmatchedEntities)) / float64(predicted)
	}
}

func hasLabel(n *graph.Node, labels []string) bool {
	for _, l := range labels {
		if n.Label == l {
			return true
		}
	}
	return false
}

func anyIn(names []string, set map[string]bool) bool {
	for _, n := range names {
		if set[n] {
			return true
		}
	}
	return false
}

// scoreAffiliations checks the gold's [actor, country] pairs: an Actor node
// named for the actor must carry the country as its country property or
// have a structural relationship (no fact: REPRESENTS or PART_OF) to a
// node named for the country.
func (r *Report) scoreAffiliations(m *matcher, g *Gold, b *graph.Batch) {
	out := make(map[string][]string) // node id → ends of its structural relationships
	for _, rel := range b.Relationships {
		if !graph.IsFactType(rel.Type) {
			out[rel.Start] = append(out[rel.Start], rel.End)
		}
	}
	for _, a := range g.Affiliations {
		if len(a) != 2 {
			continue
		}
		actor, country := m.target(a[0]), m.target(a[1])
		r.AffiliationsChecked++
		actorFound, ok := false, false
		for i := range b.Nodes {
			n := &b.Nodes[i]
			if n.Label != graph.LabelActor || !m.is(n.ID, actor) {
				continue
			}
			actorFound = true
			if c, isStr := n.Props[graph.PropCountry].(string); isStr && m.textIs(c, country) {
				ok = true
			}
			for _, id := range out[n.ID] {
				if m.is(id, country) {
					ok = true
				}
			}
		}
		switch {
		case ok:
			r.AffiliationsFound++
		case !actorFound:
			r.AffiliationMisses = append(r.AffiliationMisses, []string{a[0], a[1], "actor not found"})
		default:
			r.AffiliationMisses = append(r.AffiliationMisses, []string{a[0], a[1], "no REPRESENTS or country"})
		}
	}
	r.AffiliationAccuracy = 1
	if r.AffiliationsChecked > 0 {
		r.AffiliationAccuracy = float64(r.AffiliationsFound) / float64(r.AffiliationsChecked)
	}
}

// findForbidden lists the Actor and Country nodes that have a not_entities
// name as name or alias, once each, with the first such name.
func (r *Report) findForbidden(g *Gold, b *graph.Batch) {
	if len(g.NotEntities) == 0 {
		return
	}
	for i := range b.Nodes {
		n := &b.Nodes[i]
		if !isEntityLabel(n.Label) {
			continue
		}
		names := nodeNames(n)
	entries:
		for _, ne := range g.NotEntities {
			bad := Normalize(ne)
			for _, f := range names {
				if f == bad {
					r.ForbiddenEntities = append(r.ForbiddenEntities, Forbidden{Name: ne, NodeID: n.ID, Label: n.Label, As: formOf(n, bad)})
					break entries
				}
			}
		}
	}
}

// formOf returns the name or alias of n, as written, that normalizes to f.
func formOf(n *graph.Node, f string) string {
	for _, k := range nameProps {
		if s, ok := n.Props[k].(string); ok && Normalize(s) == f {
			return s
		}
	}
	for _, a := range stringList(n.Props[graph.PropAliases]) {
		if Normalize(a) == f {
			return a
		}
	}
	return f
}
