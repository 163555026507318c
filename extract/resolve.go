package extract

import (
	"slices"
	"strings"

	"github.com/kgnews/kg/graph"
)

// Resolver gives a person one identity across articles. An article that only
// says "President Trump" or "Mr Xi" yields an Actor "Trump" or "Xi", apart
// from the "Donald Trump" or "Xi Jinping" other articles name in full. A
// Resolver learns the full names (a person actor of two or more name tokens)
// it is told about with [Resolver.Know] or finds in the batches it resolves,
// and maps a short-form person actor (one name token) to the full-name actor
// that has that token as its first or last name token or as a one-token
// alias, when exactly one full name does and the two do not name different
// countries. [Resolver.Resolve] rewrites a batch accordingly.
//
// Resolution depends only on what the Resolver was told and in which order,
// so a caller that resolves its batches in input order gets the same graph
// whatever the number of workers that extracted them. A short form resolved
// before its full name was seen stays separate. A Resolver is not safe for
// concurrent use.
type Resolver struct {
	full    map[string]*fullName // by actor id
	byToken map[string][]string  // folded name token → full-name actor ids, sorted
}

// fullName is a person actor known by a full name.
type fullName struct {
	id, name, country string
}

// NewResolver returns a Resolver that knows no names yet.
func NewResolver() *Resolver {
	return &Resolver{full: map[string]*fullName{}, byToken: map[string][]string{}}
}

// Know registers a person actor named name (with its aliases and country,
// which may be empty) known before the batches to resolve, typically one
// already in the store. A name of fewer than two tokens is ignored.
func (r *Resolver) Know(name, country string, aliases []string) {
	r.know(graph.ActorID(name), name, country, aliases)
}

// know is Know for the actor with id.
func (r *Resolver) know(id, name, country string, aliases []string) {
	toks := strings.Fields(name)
	if len(toks) < 2 {
		return
	}
	if _, ok := r.full[id]; ok {
		return
	}
	r.full[id] = &fullName{id: id, name: name, country: country}
	keys := []string{toks[0], toks[len(toks)-1]}
	for _, al := range aliases {
		if t := strings.Fields(al); len(t) == 1 {
			keys = append(keys, t[0])
		}
	}
	for _, k := range keys {
		k = foldToken(k)
		if k == "" {
			continue
		}
		ids := r.byToken[k]
		if i, found := slices.BinarySearch(ids, id); !found {
			r.byToken[k] = slices.Insert(ids, i, id)
		}
	}
}

// foldToken folds a name token for lookup: lower case, no trailing
// possessive or period.
func foldToken(t string) string {
	t = strings.TrimSuffix(strings.TrimSuffix(t, "'s"), "’s")
	return strings.ToLower(strings.Trim(t, ".,"))
}

// target returns the full-name actor a short-form person named name with
// country should become, or nil.
func (r *Resolver) target(name, country string) *fullName {
	toks := strings.Fields(name)
	if len(toks) != 1 {
		return nil
	}
	ids := r.byToken[foldToken(toks[0])]
	if len(ids) != 1 {
		return nil // unknown or ambiguous ("Kim")
	}
	f := r.full[ids[0]]
	if country != "" && f.country != "" && country != f.country {
		return nil
	}
	return f
}

// Resolve learns the full-name persons of b, then returns b with every
// short-form person actor that resolves replaced by its full-name actor: the
// short form's properties merge into the full-name node (its name becomes an
// alias), relationships are moved to the full-name node under their new ids
// (a SPOKE_WITH of a person with themself is dropped), and short names in
// claimedBy lists become the full name. b is not modified. Actors that do not
// resolve and all other nodes are left as they are.
func (r *Resolver) Resolve(b *graph.Batch) *graph.Batch {
	if b == nil {
		return nil
	}
	for _, n := range b.Nodes {
		if isPersonActor(n) {
			name, _ := n.Props[graph.PropName].(string)
			country, _ := n.Props[graph.PropCountry].(string)
			r.know(n.ID, name, country, stringList(n.Props[graph.PropAliases]))
		}
	}
	moved := map[string]*fullName{} // short-form id → full name
	renamed := map[string]string{}  // short name → full name, for claimedBy
	for _, n := range b.Nodes {
		if !isPersonActor(n) {
			continue
		}
		name, _ := n.Props[graph.PropName].(string)
		country, _ := n.Props[graph.PropCountry].(string)
		if f := r.target(name, country); f != nil && f.id != n.ID {
			moved[n.ID] = f
			renamed[name] = f.name
		}
	}
	if len(moved) == 0 {
		return b
	}
	// Only the moved actors, their targets and the relationships that
	// touch them go through a Builder to merge; everything else is passed
	// through as it is, so that resolving costs little when little moves.
	var bd graph.Builder
	targets := map[string]bool{}
	for _, f := range moved {
		targets[f.id] = true
	}
	out := &graph.Batch{Nodes: make([]graph.Node, 0, len(b.Nodes)), Relationships: make([]graph.Relationship, 0, len(b.Relationships))}
	for _, n := range b.Nodes {
		if targets[n.ID] {
			bd.AddNode(n) // first, so that the full name's own properties win
		}
	}
	for _, n := range b.Nodes {
		switch f, ok := moved[n.ID]; {
		case ok:
			p := n.Props.Clone()
			short, _ := p[graph.PropName].(string)
			p[graph.PropName] = f.name
			p[graph.PropAliases] = append(stringList(p[graph.PropAliases]), short)
			bd.AddNode(graph.Node{ID: f.id, Label: n.Label, Props: p})
		case targets[n.ID]:
		default:
			out.Nodes = append(out.Nodes, n)
		}
	}
	var rewritten []graph.Relationship
	newIDs := map[string]bool{}
	for _, rel := range b.Relationships {
		fs, okS := moved[rel.Start]
		fe, okE := moved[rel.End]
		p := rel.Props
		if cb := stringList(p[graph.PropClaimedBy]); len(cb) > 0 && anyRenamed(cb, renamed) {
			p = p.Clone()
			names := make([]string, len(cb))
			for i, c := range cb {
				if full, ok := renamed[c]; ok {
					c = full
				}
				names[i] = c
			}
			p[graph.PropClaimedBy] = slices.Compact(names)
		}
		if !okS && !okE {
			rel.Props = p
			rewritten = append(rewritten, rel)
			continue
		}
		start, end := rel.Start, rel.End
		if okS {
			start = fs.id
		}
		if okE {
			end = fe.id
		}
		if start == end && rel.Type == graph.SpokeWith {
			continue
		}
		if rel.Type == graph.SpokeWith && end < start {
			start, end = end, start
		}
		id := RelationshipID(rel.Type, start, end, p)
		newIDs[id] = true
		bd.AddRelationship(graph.Relationship{ID: id, Type: rel.Type, Start: start, End: end, Props: p})
	}
	for _, rel := range rewritten {
		if newIDs[rel.ID] {
			bd.AddRelationship(rel) // the same fact, already stated with the full name
			continue
		}
		out.Relationships = append(out.Relationships, rel)
	}
	merged := bd.Batch()
	out.Nodes = append(out.Nodes, merged.Nodes...)
	out.Relationships = append(out.Relationships, merged.Relationships...)
	graph.SortBatch(out)
	return out
}

// RelationshipID is the id the extractor gives a relationship of type typ
// from start to end with props: graph.RelID keyed as the facts are (a
// SPOKE_WITH by its date, a SANCTIONED by its measure, a TRADES_WITH by its
// year).
func RelationshipID(typ, start, end string, props graph.Props) string {
	str := func(k string) string { s, _ := props[k].(string); return s }
	switch typ {
	case graph.SpokeWith:
		return graph.RelID(typ, start, end, str(graph.PropDate))
	case graph.Sanctioned:
		return graph.RelID(typ, start, end, str(graph.PropMeasure))
	case graph.TradesWith:
		return graph.RelID(typ, start, end, str(graph.PropYear))
	}
	return graph.RelID(typ, start, end)
}

func isPersonActor(n graph.Node) bool {
	kind, _ := n.Props[graph.PropKind].(string)
	return n.Label == graph.LabelActor && kind == "person"
}

func anyRenamed(names []string, renamed map[string]string) bool {
	for _, n := range names {
		if _, ok := renamed[n]; ok {
			return true
		}
	}
	return false
}

// stringList returns v as a list of strings: a []string, the strings of an
// []any, or a lone string.
func stringList(v any) []string {
	switch v := v.(type) {
	case []string:
		return append([]string(nil), v...)
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		if v != "" {
			return []string{v}
		}
	}
	return nil
}
