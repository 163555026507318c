package main

import (
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestInterspersed(t *testing.T) {
	app := newApp(&globalOptions{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	tests := []struct{ in, want, err string }{
		// A command's flags after its arguments.
		{in: "kg query run linking -p a=Iran -p b=China", want: "kg query run -p a=Iran -p b=China linking"},
		{in: "kg --db x.db query run linking --format json", want: "kg --db x.db query run --format json linking"},
		{in: "kg cypher RETURN_1 -p x=1 --width 0", want: "kg cypher -p x=1 --width 0 RETURN_1"},
		{in: "kg ingest seeds --dry-run other", want: "kg ingest --dry-run seeds other"},
		{in: "kg ingest seeds -- -odd-name", want: "kg ingest seeds -- -odd-name"},
		{in: "kg stats", want: "kg stats"},
		{in: "kg", want: "kg"},
		{in: "kg ingest -", want: "kg ingest -"},
		// Global flags after the command move in front of it.
		{in: "kg stats --db x.db", want: "kg --db x.db stats"},
		{in: "kg stats --db=x.db --top 3", want: "kg --db=x.db stats --top 3"},
		{in: "kg query run linking --db x.db -p a=Iran", want: "kg --db x.db query run -p a=Iran linking"},
		{in: "kg query --db x.db run linking", want: "kg --db x.db query run linking"},
		{in: "kg query run --db x.db linking", want: "kg --db x.db query run linking"},
		{in: "kg export --neo4j-uri bolt://h:7687 --format json --neo4j-database news",
			want: "kg --neo4j-uri bolt://h:7687 --neo4j-database news export --format json"},
		{in: "kg ingest seeds --batch-size 10 -q", want: "kg --batch-size 10 ingest -q seeds"},
		{in: "kg cypher RETURN_1 --neo4j-password s3cret --neo4j-username bob",
			want: "kg --neo4j-password s3cret --neo4j-username bob cypher RETURN_1"},
		// Those given first stay first, so a repeated flag's last value wins.
		{in: "kg --db a.db stats --db b.db", want: "kg --db a.db --db b.db stats"},
		// After "--" nothing moves; help stays the command's; unknown flags stay put.
		{in: "kg ingest seeds -- --db x.db", want: "kg ingest seeds -- --db x.db"},
		{in: "kg stats --help --db x.db", want: "kg --db x.db stats --help"},
		{in: "kg stats -h", want: "kg stats -h"},
		{in: "kg stats --bogus x", want: "kg stats --bogus x"},
		// A global flag's value is never a command name.
		{in: "kg stats --db", err: "flag needs an argument: --db"},
		{in: "kg query run linking --neo4j-uri", err: "flag needs an argument: --neo4j-uri"},
		{in: "kg --db", want: "kg --db"},
	}
	for _, tc := range tests {
		got, err := interspersed(app, strings.Fields(tc.in))
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("interspersed(%q) = %q, %v; want error %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if want := strings.Fields(tc.want); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("interspersed(%q) = %q, %v; want %q", tc.in, got, err, want)
		}
	}
}

// TestGlobalFlagsAnywhere runs commands with the global flags before and
// after the command name: both must print the same and exit the same.
func TestGlobalFlagsAnywhere(t *testing.T) {
	db := seededStore(t)
	missing := filepath.Join(t.TempDir(), "missing.db")
	tests := []struct {
		name          string
		before, after []string
		code          int
	}{
		{"stats", []string{"--db", db, "stats"}, []string{"stats", "--db", db}, exitOK},
		{"stats, value joined", []string{"--db=" + db, "stats", "--top", "2"}, []string{"stats", "--top", "2", "--db=" + db}, exitOK},
		{"saved query", []string{"--db", db, "query", "run", "linking", "-p", "a=Iran"},
			[]string{"query", "run", "linking", "--db", db, "-p", "a=Iran"}, exitOK},
		{"query list", []string{"--db", db, "query", "list"}, []string{"query", "list", "--db", db}, exitOK},
		{"cypher", []string{"--db", db, "cypher", "--format", "csv", "MATCH (n:Country) RETURN count(n) AS n"},
			[]string{"cypher", "MATCH (n:Country) RETURN count(n) AS n", "--format", "csv", "--db", db}, exitOK},
		{"export", []string{"--db", db, "export", "--format", "json"}, []string{"export", "--db", db, "--format", "json"}, exitOK},
		{"check", []string{"--db", db, "check"}, []string{"check", "--db", db}, exitOK},
		{"the last --db wins", []string{"--db", missing, "--db", db, "stats"}, []string{"--db", missing, "stats", "--db", db}, exitOK},
		{"a missing store", []string{"--db", missing, "stats"}, []string{"stats", "--db", missing}, exitStore},
		{"neo4j uri", []string{"--neo4j-uri", "bolt://127.0.0.1:1", "stats"},
			[]string{"stats", "--neo4j-uri", "bolt://127.0.0.1:1"}, exitStore},
		{"neo4j uri and database", []string{"--neo4j-uri", "bolt://127.0.0.1:1", "--neo4j-database", "news", "query", "run", "linking"},
			[]string{"query", "run", "linking", "--neo4j-database", "news", "--neo4j-uri", "bolt://127.0.0.1:1"}, exitStore},
		{"help", []string{"stats", "--help"}, []string{"stats", "--help", "--db", db}, exitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := kg(t, "", tc.before...)
			if code != tc.code {
				t.Fatalf("kg %q: exit %d, want %d\n%s", tc.before, code, tc.code, stderr)
			}
			code2, out2, stderr2 := kg(t, "", tc.after...)
			if code2 != code || out2 != out || stderr2 != stderr {
				t.Errorf("kg %q: exit %d\n%s%s\ndiffers from kg %q: exit %d\n%s%s", tc.after, code2, out2, stderr2, tc.before, code, out, stderr)
			}
		})
	}
}

// TestGlobalFlagsFromEnv checks that the environment still chooses the
// store, and that a flag after the command overrides it.
func TestGlobalFlagsFromEnv(t *testing.T) {
	db := seededStore(t)
	_, want, _ := kg(t, "", "--db", db, "stats")
	t.Setenv("KG_DB", db)
	if code, out, stderr := kg(t, "", "stats"); code != exitOK || out != want {
		t.Errorf("KG_DB=%s kg stats: exit %d\n%s%s\nwant\n%s", db, code, out, stderr, want)
	}
	missing := filepath.Join(t.TempDir(), "missing.db")
	if code, _, stderr := kg(t, "", "stats", "--db", missing); code != exitStore || !strings.Contains(stderr, "no store at") {
		t.Errorf("KG_DB set, kg stats --db %s: exit %d\n%s\nwant exit %d: the flag wins", missing, code, stderr, exitStore)
	}
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:1")
	if code, _, stderr := kg(t, "", "stats"); code != exitStore || !strings.Contains(stderr, "cannot reach Neo4j") {
		t.Errorf("NEO4J_URI set, kg stats: exit %d\n%s\nwant exit %d and Neo4j unreachable", code, stderr, exitStore)
	}
}

// TestHelpUnchanged checks that --help after a command is still that
// command's help, whatever global flags surround it.
func TestHelpUnchanged(t *testing.T) {
	for _, cmd := range [][]string{{"stats"}, {"ingest"}, {"query", "run"}, {"export"}} {
		name := strings.Join(cmd, " ")
		_, want, _ := kg(t, "", append(append([]string{}, cmd...), "--help")...)
		if !strings.Contains(want, "USAGE:\n   kg "+name+" ") {
			t.Fatalf("kg %s --help printed no usage of kg %s:\n%s", name, name, want)
		}
		for _, args := range [][]string{
			append(append([]string{}, cmd...), "-h"),
			append(append([]string{}, cmd...), "--help", "--db", "x.db"),
			append(append([]string{}, cmd...), "--neo4j-uri", "bolt://127.0.0.1:1", "--help"),
			append(append([]string{"--db", "x.db"}, cmd...), "--help"),
		} {
			if code, out, stderr := kg(t, "", args...); code != exitOK || out != want {
				t.Errorf("kg %s: exit %d\n%s%s\nwant the output of kg %s --help:\n%s", strings.Join(args, " "), code, out, stderr, name, want)
			}
		}
	}
	_, top, _ := kg(t, "", "--help")
	for _, flag := range []string{"--db value", "--neo4j-uri value", "--batch-size value", "EXIT STATUS:"} {
		if !strings.Contains(top, flag) {
			t.Errorf("kg --help does not list %q:\n%s", flag, top)
		}
	}
}
