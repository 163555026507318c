package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"

	"github.com/kgnews/kg/graph"
)

// Entity types a gold file may list.
const (
	TypeActor      = graph.LabelActor
	TypeCountry    = graph.LabelCountry
	TypeAgreement  = graph.LabelAgreement
	TypeCommitment = graph.LabelCommitment
)

// Gold is a gold set in the format of DESIGN.md: the entities a careful
// analyst finds in a corpus, the names that must never become entities, the
// fact relationships, and the actor–country affiliations.
//
// The format is DESIGN.md's, extended only by optional fields: "note" and
// "corpus" on the set; "types", "keywords", "role" and "kind" on entities
// (see [Entity]); on relations "optional", "date", "medium", "rate",
// "topics", "claimed_by", "source", "article", "evidence" and "note", and
// "to" on PLEDGED (see [Relation]). These are the fields the shared
// development gold (its per-article, per-subset and merged files) uses.
type Gold struct {
	// Note and Corpus document the gold set; they are not scored.
	Note   string `json:"note,omitempty"`
	Corpus string `json:"corpus,omitempty"`
	// Entities are the actors, countries and agreements to find.
	Entities []Entity `json:"entities"`
	// NotEntities are names (bylines, photo credits, places, boilerplate)
	// that must never appear as an Actor or Country node.
	NotEntities []string `json:"not_entities"`
	// Relations are the SPOKE_WITH, PLEDGED and SANCTIONED facts.
	Relations []Relation `json:"relations"`
	// Affiliations are [actor, country] pairs: the actor must REPRESENT the
	// country or carry it as its country property.
	Affiliations [][]string `json:"affiliations"`
}

// Entity is one gold entity.
type Entity struct {
	// Type is "Actor", "Country", "Agreement" or "Commitment": the label of
	// the node that must be found. Only Actor and Country entities count
	// for entity recall; the others name the ends of PLEDGED relations.
	Type string `json:"type"`
	// Types, when given, lists the labels any of which is accepted (an
	// international body found as an Actor or as a Country, say).
	Types []string `json:"types,omitempty"`
	// Name and Aliases are matched, case- and punctuation-insensitively
	// (see [Normalize]), against a node's name, canonicalName, title and
	// aliases.
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Country is the country the actor belongs to; for a required Actor it
	// is checked like an entry of Gold.Affiliations.
	Country string `json:"country,omitempty"`
	// Keywords, when given, also find the entity by content: a node of the
	// right label whose name, aliases and text match every keyword (see
	// Relation.Keywords). Useful for agreements whose names vary ("trade
	// truce", "one-year trade truce").
	Keywords []string `json:"keywords,omitempty"`
	// Required entities count for entity recall; when absent, true.
	Required *bool `json:"required,omitempty"`
	// Role ("Foreign Minister of the Soviet Union"), Kind ("organization")
	// and Note document the entity; they are not scored.
	Role string `json:"role,omitempty"`
	Kind string `json:"kind,omitempty"`
	Note string `json:"note,omitempty"`
}

// IsRequired reports whether e counts for entity recall (true when the
// "required" field is absent).
func (e *Entity) IsRequired() bool { return e.Required == nil || *e.Required }

// Labels returns the node labels that count as e: Types when given, else
// Type.
func (e *Entity) Labels() []string {
	if len(e.Types) > 0 {
		return e.Types
	}
	return []string{e.Type}
}

// Relation is one gold fact relationship.
type Relation struct {
	// Type is SPOKE_WITH, PLEDGED, SANCTIONED or TRADES_WITH (the trade tie
	// graph.TradesWith adds to DESIGN.md's vocabulary).
	Type string `json:"type"`
	// From and To name one party each; FromAny and ToAny list acceptable
	// names (a person and the country they speak for, say). From is added
	// to FromAny and To to ToAny. SPOKE_WITH and TRADES_WITH match the pair
	// unordered. The To of PLEDGED names the Commitment or Agreement
	// entity pledged (the per-article form); otherwise its target is found
	// by Keywords.
	From    string   `json:"from,omitempty"`
	To      string   `json:"to,omitempty"`
	FromAny []string `json:"from_any,omitempty"`
	ToAny   []string `json:"to_any,omitempty"`
	// Keywords are regular expressions, each matched case-insensitively at
	// a word start (after no ASCII letter or digit). For PLEDGED they must
	// all match the text of the pledged node (every string property); for
	// SANCTIONED the relationship's measure and rate; for TRADES_WITH its
	// value and year. SPOKE_WITH takes none.
	Keywords []string `json:"keywords,omitempty"`
	// Date, when given, must be compatible with the predicted date: one is
	// a prefix of the other ("2025-10" and "2025-10-30", "2025" and
	// "2025-10"). It tells apart several facts between the same parties.
	// A predicted fact without a date matches a dated gold fact only when
	// no dated prediction does; the missing date is then a detail error.
	Date string `json:"date,omitempty"`
	// Medium ("phone", "video", "in person"), Rate ("25%"), Topics (names
	// that must be among the predicted topics) and ClaimedBy (names that
	// must be among the predicted claimedBy) are details: checked on a
	// matched fact and reported when wrong, without changing the scores.
	// ClaimedBy may be written as one name, a list of names or null.
	Medium    string   `json:"medium,omitempty"`
	Rate      string   `json:"rate,omitempty"`
	Topics    []string `json:"topics,omitempty"`
	ClaimedBy Names    `json:"claimed_by,omitempty"`
	// Required facts count as misses when not found; a prediction that
	// matches only non-required facts counts neither for nor against.
	// When absent, true. Optional true is the per-article spelling of
	// required false.
	Required *bool `json:"required,omitempty"`
	Optional *bool `json:"optional,omitempty"`
	// Source names the article ("reuters/01": subset, slash, article; see
	// [Report.BySource]); Article is the article within a subset file.
	// Evidence (the supporting sentence) and Note document the fact. None
	// is scored.
	Source   string `json:"source,omitempty"`
	Article  string `json:"article,omitempty"`
	Evidence string `json:"evidence,omitempty"`
	Note     string `json:"note,omitempty"`
}

// IsRequired reports whether r counts for recall: true unless "required"
// is false or "optional" is true.
func (r *Relation) IsRequired() bool {
	return (r.Required == nil || *r.Required) && (r.Optional == nil || !*r.Optional)
}

// Names is a list of names that a gold file may also give as one string or
// null ("claimed_by": "Geoffrey Palmer").
type Names []string

// UnmarshalJSON accepts a string, null or an array of strings.
func (n *Names) UnmarshalJSON(data []byte) error {
	var one *string
	if err := json.Unmarshal(data, &one); err == nil {
		*n = nil
		if one != nil && *one != "" {
			*n = Names{*one}
		}
		return nil
	}
	var list []string
	if err := json.Unmarshal(data, &list); err != nil {
		return &json.UnmarshalTypeError{Value: "value", Type: reflect.TypeOf(list)}
	}
	*n = list
	return nil
}

// fromNames returns From and FromAny together.
func (r *Relation) fromNames() []string { return withOne(r.From, r.FromAny) }

// toNames returns To and ToAny together.
func (r *Relation) toNames() []string { return withOne(r.To, r.ToAny) }

func withOne(one string, any []string) []string {
	if one == "" {
		return any
	}
	return append([]string{one}, any...)
}

// Label describes r in one line for reports: type, parties and keywords.
func (r *Relation) Label() string {
	var b strings.Builder
	b.WriteString(strings.Join(r.fromNames(), "|"))
	switch spec, _ := graph.SpecOf(r.Type); {
	case spec.Gold.ToOptional:
		b.WriteString(" → ")
		to := r.toNames()
		b.WriteString(strings.Join(to, "|"))
		if len(r.Keywords) > 0 || len(to) == 0 {
			if len(to) > 0 {
				b.WriteString(" ")
			}
			b.WriteString("[")
			b.WriteString(strings.Join(r.Keywords, ", "))
			b.WriteString("]")
		}
	default:
		b.WriteString(" → ")
		b.WriteString(strings.Join(r.toNames(), "|"))
		if len(r.Keywords) > 0 {
			b.WriteString(" [")
			b.WriteString(strings.Join(r.Keywords, ", "))
			b.WriteString("]")
		}
	}
	if r.Date != "" {
		b.WriteString(" @")
		b.WriteString(r.Date)
	}
	return b.String()
}

// GoldError reports an invalid gold file. Field names the offending field as
// a path ("relations[3].keywords[0]").
type GoldError struct {
	Path  string // the file, when read by LoadGold
	Field string
	Err   error
}

func (e *GoldError) Error() string {
	var b strings.Builder
	b.WriteString("invalid gold set")
	if e.Path != "" {
		b.WriteString(" ")
		b.WriteString(e.Path)
	}
	if e.Field != "" {
		b.WriteString(": field ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *GoldError) Unwrap() error { return e.Err }

// ReadGold decodes and validates a gold set. Decoding is strict: unknown
// fields, values of the wrong type, trailing data, unknown entity or
// relation types, missing parties and invalid keyword expressions are
// errors of type *GoldError naming the field.
func ReadGold(r io.Reader) (*Gold, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("failed to read gold set: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var g Gold
	if err := dec.Decode(&g); err != nil {
		return nil, decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &GoldError{Err: errors.New("unexpected data after the gold object")}
	}
	if err := g.Validate(); err != nil {
		return nil, err
	}
	return &g, nil
}

// decodeError turns a json error into a *GoldError naming the field.
func decodeError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &GoldError{Field: te.Field, Err: fmt.Errorf("want %s, got JSON %s", te.Type, te.Value)}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &GoldError{Err: fmt.Errorf("invalid JSON at byte %d: %w", se.Offset, err)}
	}
	if msg, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return &GoldError{Field: strings.Trim(msg, `"`), Err: errors.New("unknown field")}
	}
	if errors.Is(err, io.EOF) {
		return &GoldError{Err: errors.New("empty gold set")}
	}
	return &GoldError{Err: err}
}

// LoadGold reads and validates the gold set in the file path (see ReadGold).
func LoadGold(path string) (*Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open gold set: %w", err)
	}
	defer f.Close()
	g, err := ReadGold(f)
	if err != nil {
		var ge *GoldError
		if errors.As(err, &ge) {
			ge.Path = path
		}
		return nil, err
	}
	return g, nil
}

// Validate checks the semantic rules of the format; ReadGold calls it. It
// returns a *GoldError naming the first invalid field.
func (g *Gold) Validate() error {
	bad := func(field string, format string, args ...any) error {
		return &GoldError{Field: field, Err: fmt.Errorf(format, args...)}
	}
	for i, e := range g.Entities {
		f := fmt.Sprintf("entities[%d]", i)
		if !knownType(e.Type) {
			return bad(f+".type", "%q is not Actor, Country, Agreement or Commitment", e.Type)
		}
		for j, t := range e.Types {
			if !knownType(t) {
				return bad(fmt.Sprintf("%s.types[%d]", f, j), "%q is not Actor, Country, Agreement or Commitment", t)
			}
		}
		if strings.TrimSpace(e.Name) == "" {
			return bad(f+".name", "missing")
		}
		for j, kw := range e.Keywords {
			if _, err := compileKeyword(kw); err != nil {
				return bad(fmt.Sprintf("%s.keywords[%d]", f, j), "%v", err)
			}
		}
	}
	for i, n := range g.NotEntities {
		if Normalize(n) == "" {
			return bad(fmt.Sprintf("not_entities[%d]", i), "empty name")
		}
	}
	for i := range g.Relations {
		r := &g.Relations[i]
		f := fmt.Sprintf("relations[%d]", i)
		if len(r.fromNames()) == 0 {
			return bad(f+".from", "missing: give from or from_any")
		}
		spec, ok := graph.SpecOf(r.Type)
		switch {
		case !ok || !spec.Fact:
			return bad(f+".type", "%q is not %s", r.Type, orList(graph.FactTypes))
		case len(r.toNames()) == 0 && !spec.Gold.ToOptional:
			return bad(f+".to", "missing: give to or to_any")
		case len(r.Keywords) > 0 && spec.Gold.Keywords == graph.NoKeywords:
			msg := r.Type + " takes no keywords"
			if spec.Gold.NoKeywordsHint != "" {
				msg += " (" + spec.Gold.NoKeywordsHint + ")"
			}
			return bad(f+".keywords", "%s", msg)
		case len(r.toNames()) == 0 && len(r.Keywords) == 0:
			return bad(f+".keywords", "missing: %s needs keywords or a to naming the %s", r.Type, strings.ToLower(strings.Join(spec.To, " or ")))
		}
		for j, kw := range r.Keywords {
			if _, err := compileKeyword(kw); err != nil {
				return bad(fmt.Sprintf("%s.keywords[%d]", f, j), "%v", err)
			}
		}
		if r.Required != nil && r.Optional != nil && *r.Required == *r.Optional {
			return bad(f+".optional", "contradicts required")
		}
		if r.Date != "" && !validDate(r.Date) {
			return bad(f+".date", "%q is not YYYY, YYYY-MM or YYYY-MM-DD", r.Date)
		}
	}
	for i, a := range g.Affiliations {
		if len(a) != 2 || Normalize(a[0]) == "" || Normalize(a[1]) == "" {
			return bad(fmt.Sprintf("affiliations[%d]", i), "want [actor, country], got %q", a)
		}
	}
	return nil
}

// orList joins items as "A, B or C".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func knownType(t string) bool {
	switch t {
	case TypeActor, TypeCountry, TypeAgreement, TypeCommitment:
		return true
	}
	return false
}

var dateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

func validDate(s string) bool { return dateRE.MatchString(s) }

// compileKeyword compiles a gold keyword: a regular expression matched
// case-insensitively where a word starts, that is at the beginning of the
// text or after a character that is not an ASCII letter or digit (the
// independent scorer's (?<![A-Za-z0-9]), which Go's regexp lacks).
func compileKeyword(kw string) (*regexp.Regexp, error) {
	if strings.TrimSpace(kw) == "" {
		return nil, errors.New("empty keyword")
	}
	re, err := regexp.Compile(`(?i)(?:^|[^A-Za-z0-9])(?:` + kw + `)`)
	if err != nil {
		return nil, fmt.Errorf("invalid keyword %q: %w", kw, err)
	}
	return re, nil
}
