package cypher

// tokKind is the lexical class of a token.
type tokKind int

const (
	tEOF tokKind = iota
	tIllegal
	tIdent  // name; keywords are identifiers checked case-insensitively
	tQuoted // `escaped name`, never a keyword
	tInt    // integer literal text
	tFloat  // float literal text
	tString // string literal, value unescaped
	tParam  // $name
	tPunct  // operators and punctuation: text in lit
)

// token is one lexeme: kind, literal text (unescaped for strings, unquoted
// for quoted names) and byte offsets of its start and end.
type token struct {
	kind     tokKind
	lit      string
	pos, end int
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tString:
		return "string literal"
	case tParam:
		return "'$" + t.lit + "'"
	}
	return "'" + t.lit + "'"
}
