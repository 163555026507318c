package neo4j

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// cypherFS holds the hand-written Cypher statements the store sends to
// Neo4j (ping, counts, snapshot); the others are rendered for the model
// (StatementFiles) and checked in beside it. CI lints every file of
// cypher/ with Neo4j's own Cypher front end (.ci/lint), so the text linted
// is exactly the text sent.
//
//go:embed cypher/store.cypher
var cypherFS embed.FS

// Statement is one named Cypher statement of the store's statement files.
type Statement struct {
	Name string // for example "node-update/Actor"
	File string // the file it comes from, for example "cypher/nodes.cypher"
	Line int    // 1-based line of the statement's first line in File
	Text string // the statement without its name comment and final ';'
}

// statements maps names to statements; it is read-only after parsing.
type statements map[string]Statement

// namePrefix starts the comment line that names the statement after it.
const namePrefix = "// name: "

// parseStatements reads every *.cypher file of fsys under dir. A statement
// starts after a line "// name: NAME" and ends with the first line whose
// trimmed text ends with ';'. Other comment lines outside statements are
// ignored.
func parseStatements(fsys fs.FS, dir string) (statements, error) {
	files, err := fs.Glob(fsys, dir+"/*.cypher")
	if err != nil {
		return nil, fmt.Errorf("failed to list statement files: %w", err)
	}
	sort.Strings(files)
	out := make(statements)
	for _, file := range files {
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("failed to read statement file: %w", err)
		}
		if err := parseStatementFile(out, file, string(data)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func parseStatementFile(out statements, file, src string) error {
	var (
		cur   *Statement
		lines []string
	)
	for i, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur == nil {
			switch {
			case strings.HasPrefix(trimmed, namePrefix):
				name := strings.TrimSpace(strings.TrimPrefix(trimmed, namePrefix))
				if name == "" {
					return fmt.Errorf("%s:%d: empty statement name", file, i+1)
				}
				if old, dup := out[name]; dup {
					return fmt.Errorf("%s:%d: statement %q already defined at %s:%d", file, i+1, name, old.File, old.Line)
				}
				cur = &Statement{Name: name, File: file, Line: i + 2}
			case trimmed == "" || strings.HasPrefix(trimmed, "//"):
			default:
				return fmt.Errorf("%s:%d: statement text without a %q line", file, i+1, strings.TrimSpace(namePrefix))
			}
			continue
		}
		if strings.HasPrefix(trimmed, namePrefix) {
			return fmt.Errorf("%s:%d: statement %q has no final ';'", file, i+1, cur.Name)
		}
		if body, ok := strings.CutSuffix(strings.TrimRight(line, " \t\r"), ";"); ok {
			lines = append(lines, body)
			cur.Text = strings.TrimSpace(strings.Join(lines, "\n"))
			if cur.Text == "" {
				return fmt.Errorf("%s:%d: statement %q is empty", file, cur.Line, cur.Name)
			}
			out[cur.Name] = *cur
			cur, lines = nil, nil
			continue
		}
		lines = append(lines, line)
	}
	if cur != nil {
		return fmt.Errorf("%s:%d: statement %q has no final ';'", file, cur.Line, cur.Name)
	}
	return nil
}

// get returns the text of the statement name. A missing statement is a bug
// of this package (every label and type of the model has its statements,
// which TestStatementsCoverModel checks), reported as an error.
func (s statements) get(name string) (string, error) {
	st, ok := s[name]
	if !ok {
		return "", fmt.Errorf("neo4j: no Cypher statement %q", name)
	}
	return st.Text, nil
}

// withPrefix returns the statements whose names start with prefix, in file
// order.
func (s statements) withPrefix(prefix string) []Statement {
	var out []Statement
	for name, st := range s {
		if strings.HasPrefix(name, prefix) {
			out = append(out, st)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// Statements returns every Cypher statement the store may send, sorted by
// file and line: the schema, the per-label and per-type load statements
// for the model as it is now, counts and snapshot. Tools (such as the CI lint's checks) use it to see
// the exact text sent.
func Statements() ([]Statement, error) {
	sts, err := modelStatements()
	if err != nil {
		return nil, err
	}
	return sts.withPrefix(""), nil
}

// Names of the statements of the store.
const (
	stmtSchemaPrefix  = "schema/"
	stmtNodeLock      = "node-lock/"   // + label
	stmtNodeRead      = "node-read/"   // + label
	stmtNodeUpdate    = "node-update/" // + label
	stmtRelLock       = "rel-lock/"    // + type
	stmtRelRead       = "rel-read/"    // + type
	stmtRelUpdate     = "rel-update/"  // + type
	stmtPing          = "ping"         // checks the database exists
	stmtCountsNodes   = "counts-nodes"
	stmtCountsRels    = "counts-relationships"
	stmtSnapshotNodes = "snapshot-nodes"
	stmtSnapshotRels  = "snapshot-relationships"
)
