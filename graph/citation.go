package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// A Citation is what one source article says for one fact: the sentence
// that states it, who the article says asserted it, and the extraction rule
// that read it. A fact relationship keeps one per (article, sentence, rule)
// in its [PropCitations] list, each encoded by [Citation.Encode], so that
// the provenance of each source stays aligned where the flat lists
// (sources, evidence, claimedBy, rules) are separate unions.
type Citation struct {
	Article   string   `json:"article"`
	Sentence  string   `json:"sentence"`
	ClaimedBy []string `json:"claimedBy,omitempty"`
	Rule      string   `json:"rule,omitempty"`
}

// Encode returns c as compact JSON with its keys in a fixed order (article,
// sentence, claimedBy, rule) and no HTML escaping, so that the same citation
// is always the same string and list union merges it.
func (c Citation) Encode() string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		// a struct of strings always encodes
		panic(fmt.Sprintf("graph: encoding a citation: %v", err))
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// DecodeCitation parses one item of a [PropCitations] list. It fails on
// anything that is not a JSON object with a non-empty article.
func DecodeCitation(s string) (Citation, error) {
	var c Citation
	if err := json.Unmarshal([]byte(s), &c); err != nil {
		return Citation{}, fmt.Errorf("failed to decode citation: %w", err)
	}
	if c.Article == "" {
		return Citation{}, fmt.Errorf("citation %.40q names no article", s)
	}
	return c, nil
}
