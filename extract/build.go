package extract

import (
	"maps"
	"slices"

	"github.com/kgnews/kg/graph"
)

// batchBuilder assembles a batch with graph.Builder's merge semantics (same
// id: properties merged by graph.MergeProps; lists as sorted sets) without
// copying every property map, except that of two scalars the first in the
// article wins (mergeFirst): within one article, the order of the text is
// a stable order, and its first statement of a fact is usually the fullest.
type batchBuilder struct {
	b     graph.Batch
	nodes map[string]int
	rels  map[string]int
}

func (bb *batchBuilder) AddNode(n graph.Node) {
	if i, ok := bb.nodes[n.ID]; ok {
		mergeFirst(bb.b.Nodes[i].Props, n.Props)
		return
	}
	n.Props.Canon()
	bb.nodes[n.ID] = len(bb.b.Nodes)
	bb.b.Nodes = append(bb.b.Nodes, n)
}

func (bb *batchBuilder) AddRelationship(r graph.Relationship) {
	if i, ok := bb.rels[r.ID]; ok {
		mergeFirst(bb.b.Relationships[i].Props, r.Props)
		return
	}
	r.Props.Canon()
	bb.rels[r.ID] = len(bb.b.Relationships)
	bb.b.Relationships = append(bb.b.Relationships, r)
}

// mergeFirst merges src into dst by graph.MergeProps, except that a
// non-empty scalar dst already holds is kept.
func mergeFirst(dst, src graph.Props) {
	var keep []string // scalar keys of src that dst already has
	for k, v := range src {
		old, ok := dst[k]
		if !ok || old == nil || old == "" {
			continue
		}
		_, newList := v.([]string)
		_, oldList := old.([]string)
		if !newList && !oldList {
			keep = append(keep, k)
		}
	}
	if len(keep) > 0 {
		src = maps.Clone(src)
		for _, k := range keep {
			delete(src, k)
		}
	}
	graph.MergeProps(dst, src)
}

// Batch returns the batch sorted as graph.Builder sorts it.
func (bb *batchBuilder) Batch() *graph.Batch {
	b := bb.b
	graph.SortBatch(&b)
	return &b
}

// build turns the analysis into a merged, sorted batch.
func (a *analysis) build() *graph.Batch {
	bd := batchBuilder{nodes: make(map[string]int, 2*len(a.ents)+4), rels: make(map[string]int, 2*len(a.ents)+len(a.facts))}
	doc := a.doc
	art := graph.Props{graph.PropName: doc.Title, graph.PropTitle: doc.Title, graph.PropPath: doc.Path,
		graph.PropOutlet: doc.Outlet}
	if a.date != "" {
		art[graph.PropPublishedAt] = a.date
	}
	if doc.Title == "" {
		art[graph.PropName] = doc.Path
	}
	bd.AddNode(graph.Node{ID: doc.ID, Label: graph.LabelArticle, Props: art})

	// News organisations report facts and never take part in them: "told
	// Reuters", "the Saudi Press Agency quoted him" (they stay in claimedBy).
	a.facts = slices.DeleteFunc(a.facts, func(f *fact) bool { return f.from.isMedia() || f.to.isMedia() })
	for _, ag := range a.agrees {
		ag.parties = slices.DeleteFunc(ag.parties, (*entity).isMedia)
	}
	// entities that take part in a fact are emitted whatever their kind
	inFact := make(map[*entity]bool)
	for _, f := range a.facts {
		for _, e := range []*entity{f.from, f.to} {
			if e != nil {
				e.emit = true
				inFact[e] = true
			}
		}
	}
	emitted := make(map[*entity]bool)
	var emit func(e *entity)
	emit = func(e *entity) {
		if emitted[e] {
			return
		}
		emitted[e] = true
		props := graph.Props{graph.PropName: e.name}
		if len(e.aliases) > 0 {
			props[graph.PropAliases] = append([]string(nil), e.aliases...)
		}
		label := graph.LabelActor
		switch e.kind {
		case entCountry:
			label = graph.LabelCountry
		case entPerson:
			props[graph.PropKind] = "person"
		case entOrg:
			props[graph.PropKind] = "organization"
		}
		if e.kind != entCountry {
			if e.role != "" {
				props[graph.PropRole] = e.role
			}
			if e.country != nil {
				props[graph.PropCountry] = e.country.Name
			}
		}
		bd.AddNode(graph.Node{ID: e.id(), Label: label, Props: props})
		bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.Mentions, doc.ID, e.id()), Type: graph.Mentions,
			Start: doc.ID, End: e.id(), Props: graph.Props{graph.PropSources: []string{doc.ID}}})
		if e.kind != entCountry && e.country != nil {
			ce := a.countryEntity(e.country)
			emit(ce)
			rp := graph.Props{graph.PropSources: []string{doc.ID}}
			if e.role != "" {
				rp[graph.PropRole] = e.role
			}
			bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.Represents, e.id(), ce.id()),
				Type: graph.Represents, Start: e.id(), End: ce.id(), Props: rp})
		}
	}
	for _, e := range a.ents {
		if e.isMedia() || e.factOnly && !inFact[e] {
			continue // outlets, commentators and bare state bodies outside facts are no actors
		}
		if e.emit || e.kind == entOrg && e.active {
			emit(e)
		}
	}

	for _, ag := range a.agrees {
		p := graph.Props{graph.PropName: ag.name, graph.PropKind: ag.kind}
		if len(ag.aliases) > 0 {
			p[graph.PropAliases] = append([]string(nil), ag.aliases...)
		}
		if ag.period != "" {
			p[graph.PropPeriod] = ag.period
		}
		if ag.text != "" {
			p[graph.PropText] = ag.text
		}
		id := graph.AgreementID(ag.name)
		bd.AddNode(graph.Node{ID: id, Label: graph.LabelAgreement, Props: p})
		bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.Mentions, doc.ID, id), Type: graph.Mentions,
			Start: doc.ID, End: id, Props: graph.Props{graph.PropSources: []string{doc.ID}}})
		for _, party := range ag.parties {
			pe := party
			if pe.kind == entPerson && pe.country != nil {
				pe = a.countryEntity(pe.country)
				emit(pe)
			}
			bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.PartyTo, pe.id(), id), Type: graph.PartyTo,
				Start: pe.id(), End: id, Props: graph.Props{graph.PropSources: []string{doc.ID}}})
		}
	}
	for _, c := range a.commits {
		id := c.id()
		p := graph.Props{graph.PropName: c.name(), graph.PropText: c.text, graph.PropAction: c.action,
			graph.PropObject: c.object, graph.PropQuantity: c.quantity, graph.PropUnit: c.unit,
			graph.PropPeriod: c.period}
		for k, v := range p {
			if v == "" {
				delete(p, k)
			}
		}
		bd.AddNode(graph.Node{ID: id, Label: graph.LabelCommitment, Props: p})
		if c.agree != nil {
			aid := graph.AgreementID(c.agree.name)
			bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.PartOf, id, aid), Type: graph.PartOf,
				Start: id, End: aid, Props: graph.Props{graph.PropSources: []string{doc.ID}}})
		}
	}

	for _, f := range a.facts {
		props := make(graph.Props, 8)
		props[graph.PropSources] = []string{doc.ID}
		props[graph.PropEvidence] = []string{f.evidence}
		if f.date != "" {
			props[graph.PropDate] = f.date
		}
		if len(f.claimedBy) > 0 {
			props[graph.PropClaimedBy] = append([]string(nil), f.claimedBy...)
		}
		if f.rule != "" {
			props[graph.PropRules] = []string{f.rule}
		}
		claimed := slices.Clone(f.claimedBy)
		slices.Sort(claimed)
		props[graph.PropCitations] = []string{graph.Citation{Article: doc.ID, Sentence: f.evidence,
			ClaimedBy: slices.Compact(claimed), Rule: f.rule}.Encode()}
		from, to := f.from.id(), ""
		switch f.typ {
		case graph.SpokeWith:
			if f.medium != "" {
				props[graph.PropMedium] = f.medium
			}
			if len(f.topics) > 0 {
				props[graph.PropTopics] = append([]string(nil), f.topics...)
			}
		case graph.Pledged:
			switch {
			case f.commit != nil:
				to = f.commit.id()
			case f.agree != nil:
				to = graph.AgreementID(f.agree.name)
			default:
				continue
			}
		case graph.Sanctioned:
			props[graph.PropMeasure] = f.measure
			if f.rate != "" {
				props[graph.PropRate] = f.rate
			}
		case graph.TradesWith:
			if f.value != "" {
				props[graph.PropValue] = f.value
			}
			if f.year != "" {
				props[graph.PropYear] = f.year
			}
		default:
			spec, ok := graph.SpecOf(f.typ)
			if !ok || !spec.Fact {
				continue
			}
			for _, k := range spec.Details {
				if v, ok := f.details[k]; ok && v != "" {
					props[k] = v
				}
			}
		}
		if to == "" {
			to = f.to.id()
		}
		// the id, and the order of a symmetric pair, are the type's spec's
		bd.AddRelationship(graph.NewRelationship(f.typ, from, to, props))
	}
	return bd.Batch()
}
