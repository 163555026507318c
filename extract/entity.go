package extract

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/kgnews/kg/extract/gazetteer"
	"github.com/kgnews/kg/graph"
)

// entKind is the kind of an entity.
type entKind uint8

const (
	entCountry entKind = iota
	entPerson
	entOrg
)

// entity is one country, person or organisation of the document.
type entity struct {
	kind    entKind
	name    string             // canonical name
	country *gazetteer.Country // the country itself, or the actor's country
	role    string
	orgKind string
	aliases []string // forms seen in the text other than name
	tokens  []string // person: name tokens as written
	active  bool     // organisation acted (spoke, was a party): emit it
	// factOnly: a node only when it takes part in a fact: a commentator
	// ("economist at X"), a bare state body of no stated country ("Finance
	// Ministry")
	factOnly bool
	emit     bool   // emit a node and MENTIONS
	lastS    int    // last sentence index that mentioned it
	idc      string // cached id, valid while name == idName
	idName   string
	ids      *idCache
}

// id returns the graph id of e.
func (e *entity) id() string {
	if e.kind == entCountry {
		return e.country.ID
	}
	if e.idName != e.name || e.idc == "" {
		e.idName, e.idc = e.name, e.ids.actorID(e.name)
	}
	return e.idc
}

// isMedia reports whether e is a news organisation: an outlet reports facts
// and is never an actor in them.
func (e *entity) isMedia() bool {
	return e != nil && e.kind == entOrg && isMediaKind(e.orgKind)
}

func (e *entity) addAlias(form string) {
	if form == "" || form == e.name || slices.Contains(e.aliases, form) {
		return
	}
	e.aliases = append(e.aliases, form)
}

// mKind is the kind of a mention.
type mKind uint8

const (
	mEntity  mKind = iota // a named entity
	mPronoun              // he, she, his, her, him: resolved to a person
	mIt                   // it, its: resolved to a country or organisation
	mGroup                // the two leaders, both, they: resolved to a pair
	mSelf                 // I, me, my inside a quotation: the speaker
	mRole                 // the Chinese leader, the president
	mWe                   // we inside a quotation: the speaker's country
)

// mention is a reference to one entity (or a group) over tokens [i, j) of a
// sentence.
type mention struct {
	i, j      int
	kind      mKind
	ent       *entity
	group     [2]*entity // mGroup, once resolved
	role      string     // mRole: the role referred to
	rc        *gazetteer.Country
	ckind     gazetteer.Kind // country mentions: how it was named
	adj       bool           // demonym used as a modifier ("Chinese goods")
	poss      bool           // followed by a possessive
	prep      string         // preposition governing the mention, if any
	media     bool           // a news organisation
	nation    bool           // a group of countries ("both countries", "the two sides")
	firms     bool           // a group of companies ("the two firms")
	inQuote   bool           // inside a quotation
	officials bool           // a demonym before plural officials: "Chinese (and Russian) officials"
	pluralOf  bool           // after "<plural title> of": "the ministers of X"
}

// parties returns the entities the mention stands for (none when
// unresolved).
func (m *mention) parties() []*entity {
	switch {
	case m.kind == mGroup:
		if m.group[0] != nil && m.group[1] != nil {
			return m.group[:]
		}
		return nil
	case m.ent != nil:
		return []*entity{m.ent}
	}
	return nil
}

// countryEntity returns the document's entity for country c, creating it.
func (a *analysis) countryEntity(c *gazetteer.Country) *entity {
	if e := a.byCountry[c]; e != nil {
		return e
	}
	e := &entity{kind: entCountry, name: c.Name, country: c, lastS: -1}
	a.byCountry[c] = e
	a.ents = append(a.ents, e)
	return e
}

// orgEntity returns the document's organisation named name, creating it.
func (a *analysis) orgEntity(name, kind string, c *gazetteer.Country) *entity {
	key := "o:" + graph.Slug(name)
	if e := a.byKey[key]; e != nil {
		if e.country == nil {
			e.country = c
		}
		return e
	}
	e := &entity{kind: entOrg, name: name, orgKind: kind, country: c, lastS: -1, ids: &a.x.ids}
	a.byKey[key] = e
	a.ents = append(a.ents, e)
	return e
}

// idCache memoises graph.ActorID across documents: the same names recur in
// thousands of articles. It stops growing at maxCachedIDs entries.
type idCache struct {
	m sync.Map
	n atomic.Int64
}

const maxCachedIDs = 1 << 16

func (c *idCache) actorID(name string) string {
	if c == nil {
		return graph.ActorID(name)
	}
	if id, ok := c.m.Load(name); ok {
		return id.(string)
	}
	id := graph.ActorID(name)
	if c.n.Load() < maxCachedIDs {
		c.m.Store(name, id)
		c.n.Add(1)
	}
	return id
}
