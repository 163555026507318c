package bolt

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/value"
)

// Neo4jVersion is the Neo4j release whose Bolt and catalogue the server
// imitates: what dbms.components() reports, so that clients that gate
// features on the server's version (Neo4j Browser) take their 5.x paths.
const Neo4jVersion = "5.26.0"

// Neo4jAgent is a server agent for clients that accept only Neo4j:
// Neo4j's Java driver (cypher-shell) refuses a server whose agent does
// not start with "Neo4j/". It keeps kg's own agent in parentheses.
func Neo4jAgent(own string) string { return "Neo4j/" + Neo4jVersion + " (" + own + ")" }

// systemCall matches the catalogue statements clients send on connect,
// with an optional YIELD list and nothing after it.
var systemCall = regexp.MustCompile(`(?is)^\s*(SHOW\s+DATABASES|SHOW\s+DATABASE\s+` + "`?" + `([A-Za-z0-9._-]+)` + "`?" +
	`|SHOW\s+(?:ALL\s+)?PROCEDURES|SHOW\s+(?:ALL\s+|BUILT\s+IN\s+)?FUNCTIONS` +
	`|CALL\s+(dbms\.components|dbms\.clientConfig|dbms\.listConfig|dbms\.showCurrentUser|db\.schema\.visualization)\s*\(\s*\))` +
	`(?:\s+YIELD\s+(.+?))?\s*;?\s*$`)

// sysTable is a catalogue answer: all its columns, and the ones shown
// without YIELD.
type sysTable struct {
	columns, shown []string
	rows           [][]any
}

// systemQuery answers a catalogue statement; ok is false for any other
// statement, which the store runs (or, on the system database, which
// fails as Neo4j's system database refuses it).
func (c *conn) systemQuery(ctx context.Context, query, db string) (res *graph.Result, ok bool, err error) {
	m := systemCall.FindStringSubmatch(query)
	if m == nil {
		if isSystemDB(db) {
			return nil, true, &failure{codeNotSystem, "Not a recognised system command or procedure. " +
				"This Cypher command can only be executed in a user database: use neo4j."}
		}
		return nil, false, nil
	}
	head := strings.ToLower(strings.Join(strings.Fields(m[1]), " "))
	var t sysTable
	switch {
	case strings.HasPrefix(head, "show database"):
		t = c.databases(m[2])
	case strings.HasSuffix(head, "procedures"):
		t = procedureTable()
	case strings.HasSuffix(head, "functions"):
		t = functionTable()
	case m[3] != "":
		switch strings.ToLower(m[3]) {
		case "dbms.components":
			t = sysTable{columns: []string{"name", "versions", "edition"}, rows: [][]any{
				{"Neo4j Kernel", []any{Neo4jVersion}, "community"},
				{"Cypher", []any{"5"}, "community"},
			}}
		case "dbms.clientconfig", "dbms.listconfig":
			t = c.s.clientConfig()
		case "dbms.showcurrentuser":
			t = c.currentUser()
		default:
			if t, err = c.schemaVisualization(ctx); err != nil {
				return nil, true, err
			}
		}
	}
	res, err = t.project(m[4])
	return res, true, err
}

func isSystemDB(db string) bool { return strings.EqualFold(db, "system") }

// project applies a YIELD list (columns, "*", "x AS y") to t.
func (t sysTable) project(yield string) (*graph.Result, error) {
	yield = strings.TrimSpace(yield)
	if yield == "" || yield == "*" {
		cols := t.shown
		if cols == nil || yield == "*" {
			cols = t.columns
		}
		return t.pick(cols, cols)
	}
	var names, as []string
	for _, item := range strings.Split(yield, ",") {
		f := strings.Fields(strings.ReplaceAll(item, "`", ""))
		switch {
		case len(f) == 1:
			names, as = append(names, f[0]), append(as, f[0])
		case len(f) == 3 && strings.EqualFold(f[1], "AS"):
			names, as = append(names, f[0]), append(as, f[2])
		default:
			return nil, &failure{codeSyntax, fmt.Sprintf("cannot read the YIELD item %q: kg answers YIELD with a list of columns", strings.TrimSpace(item))}
		}
	}
	return t.pick(names, as)
}

func (t sysTable) pick(names, as []string) (*graph.Result, error) {
	idx := make([]int, len(names))
	for i, n := range names {
		idx[i] = -1
		for j, c := range t.columns {
			if c == n {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			return nil, &failure{codeSyntax, fmt.Sprintf("Variable `%s` not defined: the columns are %s", n, strings.Join(t.columns, ", "))}
		}
	}
	res := &graph.Result{Columns: as}
	for _, row := range t.rows {
		out := make([]any, len(idx))
		for i, j := range idx {
			out[i] = row[j]
		}
		res.Rows = append(res.Rows, out)
	}
	return res, nil
}

// databases lists neo4j and system, or the one named, with SHOW
// DATABASES' columns in Neo4j 5.
func (c *conn) databases(only string) sysTable {
	t := sysTable{columns: []string{"name", "type", "aliases", "access", "address", "role", "writer",
		"requestedStatus", "currentStatus", "statusMessage", "default", "home", "constituents"}}
	t.shown = t.columns
	access := "read-write"
	if c.s.cfg.ReadOnly {
		access = "read-only"
	}
	addr := c.nc.LocalAddr().String()
	for _, db := range []struct {
		name, typ, access string
		def               bool
	}{{"neo4j", "standard", access, true}, {"system", "system", "read-write", false}} {
		if only != "" && !strings.EqualFold(only, db.name) {
			continue
		}
		t.rows = append(t.rows, []any{db.name, db.typ, []any{}, db.access, addr, "primary", true,
			"online", "online", "", db.def, db.def, []any{}})
	}
	return t
}

// systemProcedures are the procedures this file answers, beside the
// engine's.
var systemProcedures = []struct{ name, signature, description string }{
	{"db.schema.visualization", "db.schema.visualization() :: (nodes :: LIST<NODE>, relationships :: LIST<RELATIONSHIP>)",
		"Visualizes the schema of the data: one node per label, one relationship per type between labels."},
	{"dbms.clientConfig", "dbms.clientConfig() :: (name :: STRING, description :: STRING, value :: STRING, dynamic :: BOOLEAN)",
		"Returns the settings that clients such as Neo4j Browser read."},
	{"dbms.components", "dbms.components() :: (name :: STRING, versions :: LIST<STRING>, edition :: STRING)",
		"List DBMS components and their versions."},
	{"dbms.showCurrentUser", "dbms.showCurrentUser() :: (username :: STRING, roles :: LIST<STRING>, flags :: LIST<STRING>)",
		"Show the current user."},
}

func procedureTable() sysTable {
	t := sysTable{columns: []string{"name", "description", "mode", "worksOnSystem", "signature", "admin", "isDeprecated"}}
	t.shown = t.columns[:4]
	for _, p := range cypher.BuiltinProcedures() {
		t.rows = append(t.rows, []any{p.Name, "", "READ", false, p.Signature, false, false})
	}
	for _, p := range systemProcedures {
		t.rows = append(t.rows, []any{p.name, p.description, "DBMS", p.name != "db.schema.visualization", p.signature, false, false})
	}
	return t
}

func functionTable() sysTable {
	t := sysTable{columns: []string{"name", "category", "description", "signature", "isBuiltIn", "aggregating", "isDeprecated"}}
	t.shown = t.columns[:3]
	for _, f := range cypher.BuiltinFunctions() {
		args := []string{}
		for i := 0; i < f.MinArgs; i++ {
			args = append(args, fmt.Sprintf("input%d :: ANY", i+1))
		}
		if f.MaxArgs < 0 {
			args = append(args, "inputs :: LIST<ANY>")
		} else {
			for i := f.MinArgs; i < f.MaxArgs; i++ {
				args = append(args, fmt.Sprintf("input%d = null :: ANY", i+1))
			}
		}
		cat := "Scalar"
		if f.Aggregating {
			cat = "Aggregating"
		}
		t.rows = append(t.rows, []any{f.Name, cat, "", f.Name + "(" + strings.Join(args, ", ") + ") :: ANY", true, f.Aggregating, false})
	}
	return t
}

// clientConfig is what dbms.clientConfig() tells Neo4j Browser: no
// outgoing connections and no telemetry, as kg makes none.
func (s *Server) clientConfig() sysTable {
	t := sysTable{columns: []string{"name", "description", "value", "dynamic"}}
	for _, kv := range [][2]string{
		{"browser.allow_outgoing_connections", "false"},
		{"browser.credential_timeout", "0s"},
		{"browser.post_connect_cmd", ""},
		{"browser.remote_content_hostname_whitelist", "guides.neo4j.com,localhost"},
		{"browser.retain_connection_credentials", "true"},
		{"browser.retain_editor_history", "true"},
		{"client.allow_telemetry", "false"},
		{"dbms.security.auth_enabled", fmt.Sprint(!s.cfg.NoAuth)},
	} {
		t.rows = append(t.rows, []any{kv[0], "", kv[1], false})
	}
	return t
}

// currentUser is the authenticated user; its role says what it may do.
func (c *conn) currentUser() sysTable {
	role := "admin"
	if c.s.cfg.ReadOnly {
		role = "reader"
	}
	return sysTable{columns: []string{"username", "roles", "flags"},
		rows: [][]any{{c.user, []any{role}, []any{}}}}
}

// schemaVisualization reads the schema from the data: a virtual node per
// label and a virtual relationship per (label, type, label) triple, with
// negative ids as Neo4j gives virtual entities.
func (c *conn) schemaVisualization(ctx context.Context) (sysTable, error) {
	t := sysTable{columns: []string{"nodes", "relationships"}}
	labels, err := c.exec(ctx, "CALL db.labels() YIELD label RETURN label ORDER BY label", nil)
	if err != nil {
		return t, err
	}
	triples, err := c.exec(ctx, "MATCH (a)-[r]->(b) UNWIND labels(a) AS la UNWIND labels(b) AS lb "+
		"RETURN DISTINCT la, type(r) AS t, lb ORDER BY la, t, lb", nil)
	if err != nil {
		return t, err
	}
	ids := map[string]string{}
	nodes, rels := []any{}, []any{}
	for i, row := range labels.Rows {
		l, _ := row[0].(string)
		ids[l] = fmt.Sprint(-1 - i)
		nodes = append(nodes, value.Node{ElementID: ids[l], Labels: []string{l},
			Props: map[string]any{"name": l, "indexes": []any{}, "constraints": []any{}}})
	}
	for i, row := range triples.Rows {
		a, _ := row[0].(string)
		typ, _ := row[1].(string)
		b, _ := row[2].(string)
		if ids[a] == "" || ids[b] == "" {
			continue
		}
		rels = append(rels, value.Relationship{ElementID: fmt.Sprint(-1 - i), Type: typ,
			StartElementID: ids[a], EndElementID: ids[b], Props: map[string]any{"name": typ}})
	}
	t.rows = [][]any{{nodes, rels}}
	return t, nil
}
