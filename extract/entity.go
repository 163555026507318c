package extract

import (
	"slices"

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
	emit    bool     // emit a node and MENTIONS
	lastS   int      // last sentence index that mentioned it
}

// id returns the graph id of e.
func (e *entity) id() string {
	if e.kind == entCountry {
		return e.country.ID
	}
	return graph.ActorID(e.name)
}

func (e *entity) addAlias(form string) {
	if form == "" || form == e.name || slices.Contains(e.aliases, form) {
		return
	}
	e.aliases = append(e.aliases, form)
}

// countryName returns the name of e's country, or "".
func (e *entity) countryName() string {
	if e == nil || e.country == nil {
		return ""
	}
	return e.country.Name
}

// asCountry returns the country e is or belongs to, or nil.
func (e *entity) asCountry() *gazetteer.Country {
	if e == nil {
		return nil
	}
	return e.country
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
)

// mention is a reference to one entity (or a group) over tokens [i, j) of a
// sentence.
type mention struct {
	i, j   int
	kind   mKind
	ent    *entity
	group  [2]*entity // mGroup, once resolved
	role   string     // mRole: the role referred to
	rc     *gazetteer.Country
	ckind  gazetteer.Kind // country mentions: how it was named
	adj    bool           // demonym used as a modifier ("Chinese goods")
	poss   bool           // followed by a possessive
	prep   string         // preposition governing the mention, if any
	media  bool           // a news organisation
	nation bool           // a group of countries ("both countries", "the two sides")
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
	key := "c:" + c.ID
	if e := a.byKey[key]; e != nil {
		return e
	}
	e := &entity{kind: entCountry, name: c.Name, country: c, lastS: -1}
	a.byKey[key] = e
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
	e := &entity{kind: entOrg, name: name, orgKind: kind, country: c, lastS: -1}
	a.byKey[key] = e
	a.ents = append(a.ents, e)
	return e
}
