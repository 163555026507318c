// Package graph is kg's data model: the labels, relationship types and
// properties of DESIGN.md, deterministic ids, the merge rules that make
// ingestion idempotent, batches of nodes and relationships, and the Store
// interface the command line talks to.
package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Node labels of the data model.
const (
	LabelActor      = "Actor"
	LabelCountry    = "Country"
	LabelAgreement  = "Agreement"
	LabelCommitment = "Commitment"
	LabelArticle    = "Article"
)

// Relationship types of the data model. SpokeWith, Pledged, Sanctioned and
// TradesWith are the fact types: they carry provenance. The others give
// structure.
const (
	SpokeWith  = "SPOKE_WITH"
	Pledged    = "PLEDGED"
	Sanctioned = "SANCTIONED"
	// TradesWith (Country → Country, with value and year) records a trade
	// tie an article states, such as "Iran's largest trading partner is
	// China": it extends DESIGN.md's vocabulary.
	TradesWith = "TRADES_WITH"
	Represents = "REPRESENTS"
	PartyTo    = "PARTY_TO"
	PartOf     = "PART_OF"
	Mentions   = "MENTIONS"
)

// Property keys shared by the extractors, the stores and the query pack.
const (
	PropID          = "id"
	PropName        = "name"
	PropAliases     = "aliases"
	PropKind        = "kind"
	PropRole        = "role"
	PropCountry     = "country"
	PropText        = "text"
	PropAction      = "action"
	PropObject      = "object"
	PropQuantity    = "quantity"
	PropUnit        = "unit"
	PropPeriod      = "period"
	PropStatus      = "status"
	PropTitle       = "title"
	PropPath        = "path"
	PropURL         = "url"
	PropOutlet      = "outlet"
	PropPublishedAt = "publishedAt"
	PropSources     = "sources"
	PropEvidence    = "evidence"
	PropClaimedBy   = "claimedBy"
	PropRules       = "rules" // the extraction rules that found a fact
	// PropCitations lists a fact's provenance per source: one encoded
	// [Citation] (article, sentence, claimedBy, rule) per statement of it.
	PropCitations = "citations"
	PropDate      = "date"
	PropMedium    = "medium"
	PropTopics    = "topics"
	PropMeasure   = "measure"
	PropRate      = "rate"
	PropModality  = "modality"
	PropValue     = "value"
	PropYear      = "year"
)

// Labels lists every node label of the model, in a fixed order.
var Labels = []string{LabelActor, LabelCountry, LabelAgreement, LabelCommitment, LabelArticle}

// RelTypes lists every relationship type of the model, fact types first,
// in the order of their specs (see RelSpec).
var RelTypes = typesWhere(anyType)

// FactTypes are the relationship types that carry provenance
// (sources, evidence, claimedBy, date): the specs with Fact set.
var FactTypes = typesWhere(factType)

// CoreTypes are DESIGN.md's fact types, always scored: the specs with
// Core set.
var CoreTypes = typesWhere(coreType)

// IsFactType reports whether typ is one of FactTypes.
func IsFactType(typ string) bool {
	s, ok := specByType[typ]
	return ok && s.Fact
}

// Props holds the properties of a node or relationship. Values are string,
// int64, float64, bool or []string; lists are sets (see MergeProps).
type Props map[string]any

// Node is one node of the model. ID is the node's `id` property, unique across
// the graph and deterministic, so re-ingesting the same article is idempotent.
// Label is the node's one label. Props never holds the "id" key.
type Node struct {
	ID    string
	Label string
	Props Props
}

// Relationship is one relationship of the model between two node ids. ID is
// deterministic (see RelID): the same fact from several articles has the same
// ID and is merged into one relationship.
type Relationship struct {
	ID    string
	Type  string
	Start string
	End   string
	Props Props
}

// Slug folds s to a lower-case ASCII identifier: accents are removed and every
// run of other characters becomes one '-'. Slug("Xi Jinping") == "xi-jinping".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}

// hashID returns prefix + "-" + the first 16 hex digits of the SHA-256 of the
// parts joined by a separator that cannot occur in text.
func hashID(prefix string, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x1f")))
	return prefix + "-" + hex.EncodeToString(h[:8])
}

// ActorID is the id of the Actor with the canonical name name.
func ActorID(name string) string { return "actor-" + Slug(name) }

// AgreementID is the id of the Agreement with the canonical name name.
func AgreementID(name string) string { return "agreement-" + Slug(name) }

// CommitmentID is the id of a Commitment: commitments merge when party,
// action, object and quantity agree, however they are worded.
func CommitmentID(party, action, object, quantity string) string {
	return hashID("commitment", Slug(party), Slug(action), Slug(object), Slug(quantity))
}

// ArticleID is the id of an Article: a hash of its content, so the same text
// ingested from two paths is one article.
func ArticleID(content []byte) string {
	h := sha256.Sum256(content)
	return "article-" + hex.EncodeToString(h[:8])
}

// RelID is the deterministic id of a relationship of type typ from start to
// end, distinguished by key (the values of the spec's Key properties, for
// example a date or a measure; see NewRelationship). For a type stored once
// per pair (RelSpec.SortedEnds: SPOKE_WITH), start and end are ordered first
// so that both directions give one id.
func RelID(typ, start, end string, key ...string) string {
	if s, ok := specByType[typ]; ok && s.SortedEnds && end < start {
		start, end = end, start
	}
	return hashID(strings.ToLower(typ), append([]string{start, end}, key...)...)
}
