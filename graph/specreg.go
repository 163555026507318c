package graph

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
)

var (
	// typeName is the form of a relationship type: UPPER_SNAKE_CASE.
	typeName = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`)
	// propName is the form of a property key: lowerCamelCase.
	propName = regexp.MustCompile(`^[a-z][a-zA-Z0-9]*$`)
	// provenance are the properties of every fact and the id: no type's
	// own.
	provenance = []string{PropID, PropSources, PropEvidence, PropClaimedBy, PropRules}
)

// check returns what is wrong with the spec on its own: its type's form,
// its endpoint labels, and settings that contradict each other.
func (s RelSpec) check() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{s.Type}, args...)...))
	}
	if !typeName.MatchString(s.Type) {
		bad("the type is not UPPER_SNAKE_CASE")
	}
	if len(s.From) == 0 || len(s.To) == 0 {
		bad("no labels at one end")
	}
	for _, l := range append(slices.Clone(s.From), s.To...) {
		if !slices.Contains(Labels, l) {
			bad("endpoint label %q is not in Labels", l)
		}
	}
	for _, k := range append(slices.Clone(s.Key), s.Details...) {
		switch {
		case !propName.MatchString(k):
			bad("key or detail property %q is not lowerCamelCase", k)
		case slices.Contains(provenance, k):
			bad("key or detail property %q is provenance, which every fact carries", k)
		}
	}
	if s.SortedEnds && (!s.Symmetric || !slices.Equal(s.From, s.To)) {
		bad("ends sorted by id, so the type must be symmetric with the same labels at both ends")
	}
	if s.Core && !s.Fact {
		bad("core but not a fact type")
	}
	if !s.Fact && s.Gold != (GoldMatch{}) {
		bad("gold matching for a type kg eval does not score")
	}
	if s.Gold.Keywords == KeywordsOnDetails && len(s.Details) == 0 {
		bad("gold keywords match details, but the type has none")
	}
	if s.Gold.ToOptional && s.Gold.Keywords == NoKeywords {
		bad("a gold relation may omit its end, but has no keywords to find it by")
	}
	if s.Symmetric && s.Gold.ToOptional {
		bad("a symmetric pair needs both ends")
	}
	return errors.Join(errs...)
}

// WithRelSpecs adds the relationship types extra to the model and returns
// the function that restores the model as it was. It exists so that a test
// can prove that a new type flows through kg (extraction, the stores,
// export, kg eval, the Neo4j statements and the lint's schema) with no edit
// but its spec and its rules; a real type is an entry of the table in
// spec.go. Fact types join the fact types (after the existing ones, so
// RelTypes keeps fact types first), the others go last; RelTypes,
// FactTypes, CoreTypes, SpecOf, RelID and NewRelationship see them until
// restore is called.
//
// WithRelSpecs panics if a spec is invalid or its type is already in the
// model (or twice in extra). It must not run concurrently with anything
// that reads the model: a test that calls it must not be parallel, and
// must call restore (t.Cleanup(restore)) before it ends. Calls nest: restore
// them in the reverse order.
func WithRelSpecs(extra ...RelSpec) (restore func()) {
	table := slices.Clone(relSpecs)
	nFacts := len(FactTypes)
	for _, s := range extra {
		if err := s.check(); err != nil {
			panic("graph.WithRelSpecs: " + err.Error())
		}
		if slices.ContainsFunc(table, func(t RelSpec) bool { return t.Type == s.Type }) {
			panic("graph.WithRelSpecs: relationship type " + s.Type + " is already in the model")
		}
		if s.Fact {
			table = slices.Insert(table, nFacts, s)
			nFacts++
		} else {
			table = append(table, s)
		}
	}
	old := relSpecs
	setRelSpecs(table)
	return func() { setRelSpecs(old) }
}

// setRelSpecs makes table the model's relationship types and recomputes
// what derives from it.
func setRelSpecs(table []RelSpec) {
	relSpecs = table
	specByType = indexSpecs(table)
	RelTypes = typesWhere(anyType)
	FactTypes = typesWhere(factType)
	CoreTypes = typesWhere(coreType)
}
