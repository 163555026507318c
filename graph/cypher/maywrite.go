package cypher

import "strings"

// updatingKeywords start the clauses that write: CREATE, MERGE, SET,
// DELETE (and DETACH DELETE), REMOVE, FOREACH, LOAD CSV.
var updatingKeywords = map[string]bool{
	"CREATE": true, "MERGE": true, "SET": true, "DELETE": true, "DETACH": true,
	"REMOVE": true, "FOREACH": true, "LOAD": true,
}

// MayWrite reports whether query may write, for a query [Parse] cannot
// compile (syntax this engine lacks, procedures only a server has): it
// scans the tokens, outside strings and comments, for the keywords of
// updating clauses, and for CALL of a procedure that is not one of the
// built-in read-only ones. It errs on the side of writing: a property
// named `set` written unquoted counts. For a query Parse accepts, use
// [Statement.ReadOnly], which is exact.
func MayWrite(query string) bool {
	s := scanner{src: query, err: func(int, string, string) {}}
	var prev token
	for {
		t := s.scan()
		if t.kind == tEOF {
			return false
		}
		afterDot := prev.kind == tPunct && prev.lit == "."
		if t.kind == tIdent && !afterDot {
			u := strings.ToUpper(t.lit)
			if updatingKeywords[u] {
				return true
			}
			if prev.kind == tIdent && strings.EqualFold(prev.lit, "CALL") && !strings.HasPrefix(strings.TrimSpace(query[t.pos:]), "{") {
				name := t.lit
				for {
					save := s.off
					dot := s.scan()
					if dot.kind != tPunct || dot.lit != "." {
						s.off = save
						break
					}
					part := s.scan()
					name += "." + part.lit
				}
				if _, ok := builtinProcs[name]; !ok {
					return true
				}
			}
		}
		prev = t
	}
}
