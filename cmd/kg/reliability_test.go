package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/internal/testutil"
	"github.com/kgnews/kg/queries"
)

func nodeCount(t *testing.T, db string) string {
	t.Helper()
	code, out, stderr := kg(t, "", "--db", db, "cypher", "--format", "csv", "MATCH (n) RETURN count(n) AS n")
	if code != exitOK {
		t.Fatalf("count: exit %d\n%s", code, stderr)
	}
	return out
}

func TestDamagedStoreExitsCleanly(t *testing.T) {
	db := seededStore(t)
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := kg(t, "", "--db", db, "check"); code != exitOK || !strings.Contains(out, "ok:") {
		t.Fatalf("check of a sound store: exit %d\n%s%s", code, out, stderr)
	}
	flip := func(off int) []byte {
		d := append([]byte(nil), data...)
		d[off] ^= 1
		return d
	}
	recordAt := strings.Index(string(data), "Xi Jinping")
	if recordAt < 0 {
		t.Fatal("no record of Xi Jinping in the seeded store")
	}
	all := [][]string{{"stats"}, {"ingest", "-q", seedsDir(t)}, {"export"}, {"query", "run", "agreements"}}
	for _, tc := range []struct {
		name string
		data []byte
		cmds [][]string
	}{
		{"zero-length", nil, all},
		{"truncated", data[:len(data)/3], all},
		{"meta page flipped", flip(16 + 48), all}, // txid of meta page 0
		// A bit of a property value: every command that reads the record
		// says so (an ingest of unchanged articles does not read it).
		{"record flipped", flip(recordAt + 3), [][]string{all[0], all[2], all[3]}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "bad.db")
			writeFile(t, bad, tc.data)
			for _, args := range tc.cmds {
				code, _, stderr := kg(t, "", append([]string{"--db", bad}, args...)...)
				if code != exitDamaged || !strings.Contains(stderr, bad) || !strings.Contains(stderr, "kg check") {
					t.Errorf("kg %v: exit %d, want %d with the file named and a kg check hint:\n%s", args, code, exitDamaged, stderr)
				}
			}
			code, out, stderr := kg(t, "", "--db", bad, "check")
			if code != exitDamaged || !strings.Contains(out, "damaged: ") {
				t.Errorf("check: exit %d\n%s%s", code, out, stderr)
			}
			if after, _ := os.ReadFile(bad); string(after) != string(tc.data) {
				t.Errorf("the damaged file was changed")
			}
		})
	}
}

func TestHostileQueriesUnderBudget(t *testing.T) {
	db := seededStore(t)
	tests := []struct {
		name  string
		args  []string
		wants []string
	}{
		{"collect of 25 million pairs", []string{"--max-memory", "16MiB",
			"UNWIND range(1,5000) AS x UNWIND range(1,5000) AS y WITH collect([x,y]) AS c RETURN size(c)"},
			[]string{"memory budget of 16 MiB", "raise --max-memory"}},
		{"all paths", []string{"--max-memory", "16MiB", "--timeout", "3s", "MATCH p=()-[*]-() RETURN count(p)"},
			[]string{"kg: error: the query exceeded its", "kg: hint: narrow the query"}},
		{"timeout", []string{"--timeout", "200ms",
			"UNWIND range(1,10000000) AS x UNWIND range(1,10000000) AS y RETURN count(*)"},
			[]string{"time limit of 200ms", "raise --timeout"}},
		{"a million parentheses", []string{"RETURN " + strings.Repeat("(", 1_000_000) + "1" + strings.Repeat(")", 1_000_000)},
			[]string{"nested more than 500 levels"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := kg(t, "", append([]string{"--db", db, "cypher"}, tc.args...)...)
			if code != exitFailure {
				t.Fatalf("exit %d, want %d\n%s", code, exitFailure, stderr)
			}
			for _, w := range tc.wants {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%.500s", w, stderr)
				}
			}
		})
	}
	if got := nodeCount(t, db); !strings.Contains(got, "\n") {
		t.Fatalf("the store no longer answers: %q", got)
	}
}

func TestCypherIsReadOnlyByDefault(t *testing.T) {
	db := seededStore(t)
	before := nodeCount(t, db)
	for _, q := range []string{"MATCH (n) DETACH DELETE n", "CREATE (:Actor {id: 'x', name: 'X'})",
		"MATCH (n:Country) SET n.name = 'gone'", "MERGE (n:Actor {id: 'y'})", "MATCH (n) REMOVE n.name"} {
		code, _, stderr := kg(t, "", "--db", db, "cypher", q)
		if code != exitUsage || !strings.Contains(stderr, "read-only by default") || !strings.Contains(stderr, "--write") {
			t.Errorf("%s: exit %d\n%s", q, code, stderr)
		}
	}
	if after := nodeCount(t, db); after != before {
		t.Fatalf("a refused query changed the graph: %s → %s", before, after)
	}
	if code, _, stderr := kg(t, "", "--db", db, "cypher", "--write", "CREATE (:Actor {id: 'x', name: 'X'})"); code != exitOK {
		t.Fatalf("--write: exit %d\n%s", code, stderr)
	}
	if after := nodeCount(t, db); after == before {
		t.Fatalf("--write did not write")
	}
}

func TestSavedQueriesAreReadOnly(t *testing.T) {
	for _, q := range queries.Default().Queries() {
		st, err := cypher.Parse(q.Body)
		if err != nil {
			t.Errorf("%s: %v", q.Name, err)
			continue
		}
		if !st.ReadOnly() {
			t.Errorf("saved query %s writes to the graph", q.Name)
		}
	}
}

func TestExportOutputIsARegularFile(t *testing.T) {
	db := seededStore(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		testutil.Skipf(t, "no FIFOs here: %v", err)
	}
	linkToFifo := filepath.Join(dir, "link-to-fifo")
	if err := os.Symlink(fifo, linkToFifo); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{fifo, linkToFifo, "/dev/null", dir} {
		code, _, stderr := kg(t, "", "--db", db, "export", "-o", target)
		if code != exitUsage || !strings.Contains(stderr, "not a regular file") {
			t.Errorf("-o %s: exit %d\n%s", target, code, stderr)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}

	// An existing file keeps its mode; a symlink to a regular file is
	// written through and stays a link.
	file := filepath.Join(dir, "graph.json")
	writeFile(t, file, []byte("old"))
	if err := os.Chmod(file, 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := kg(t, "", "--db", db, "export", "-o", link); code != exitOK {
		t.Fatalf("-o link: exit %d\n%s", code, stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced")
	}
	fi, err := os.Stat(file)
	if err != nil || fi.Mode().Perm() != 0o640 || fi.Size() < 100 {
		t.Fatalf("export through the link: mode %v size %d (%v), want 0640 and the graph", fi.Mode(), fi.Size(), err)
	}
	code, out, _ := kg(t, "", "--db", db, "export", "-o", "-")
	if code != exitOK || !strings.HasPrefix(out, "{") {
		t.Fatalf("-o -: exit %d, output %.40q", code, out)
	}
}

func TestIngestArgumentsAreNeverFlags(t *testing.T) {
	sd := seedsDir(t)
	t.Chdir(t.TempDir())
	seeds, err := os.ReadDir(sd)
	if err != nil {
		t.Fatal(err)
	}
	// a folder named h (urfave/cli's alias of help), and a symlink to a
	// folder given without a trailing slash
	for _, name := range []string{"h", "real"} {
		if err := os.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, e := range seeds {
			b, err := os.ReadFile(filepath.Join(sd, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(name, e.Name()), b)
		}
	}
	if err := os.Symlink("real", "link"); err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{"h", "link"} {
		code, out, stderr := kg(t, "", "--db", arg+".db", "ingest", arg)
		if code != exitOK || !strings.Contains(out, "ingested 5 articles") {
			t.Errorf("kg ingest %s: exit %d\n%s%s", arg, code, out, stderr)
		}
	}
}

func TestFileNamesAreQuoted(t *testing.T) {
	dir := t.TempDir()
	evil := filepath.Join(dir, "a.txt\nkg: error: forged line.txt")
	writeFile(t, evil, []byte{0, 1, 2, 3, 0xff, 0xfe})
	code, _, stderr := kg(t, "", "--db", filepath.Join(t.TempDir(), "kg.db"), "ingest", dir)
	if code != exitPartial {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "kg: error: forged") {
			t.Fatalf("a file name forged a line:\n%s", stderr)
		}
	}
	if !strings.Contains(stderr, `a.txt\nkg: error: forged line.txt"`) {
		t.Fatalf("the name is not quoted:\n%s", stderr)
	}
}

func TestInterruptedIngestReportsAndResumes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb strings.Builder
	code := run(ctx, []string{"kg", "--db", db, "ingest", seedsDir(t)}, strings.NewReader(""), &out, &errb)
	if code != exitInterrupted || !strings.Contains(errb.String(), "of 5 articles committed") ||
		!strings.Contains(errb.String(), "run the same command again") {
		t.Fatalf("exit %d\n%s", code, errb.String())
	}
	if code, _, stderr := kg(t, "", "--db", db, "ingest", "-q", seedsDir(t)); code != exitOK {
		t.Fatalf("rerun: exit %d\n%s", code, stderr)
	}
	_, got, _ := kg(t, "", "--db", db, "export")
	_, want, _ := kg(t, "", "--db", seededStore(t), "export")
	if got != want {
		t.Fatalf("the resumed ingest differs from a clean one")
	}
}

func TestOldFormatStoreIsRefusedWithAHint(t *testing.T) {
	db := seededStore(t)
	// Make it look like a store of format 1, as an earlier kg wrote it.
	bdb, err := bolt.Open(db, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("version"), []byte("1"))
	}); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"stats"}, {"ingest", "-q", seedsDir(t)}, {"check"}} {
		code, _, stderr := kg(t, "", append([]string{"--db", db}, args...)...)
		if code != exitStore || !strings.Contains(stderr, "older format") || !strings.Contains(stderr, "ingest the articles again") {
			t.Errorf("kg %v: exit %d, want %d saying what to do:\n%s", args, code, exitStore, stderr)
		}
	}
}

// TestDamagedSnapshotIsRebuilt damages the snapshot beside a sound store:
// kg check says that only the snapshot is damaged, queries still answer
// what the store holds, and the query that found the damage rebuilt it.
func TestDamagedSnapshotIsRebuilt(t *testing.T) {
	db := seededStore(t)
	const all = "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN n, r, m"
	code, want, stderr := kg(t, "", "--db", db, "cypher", "--format", "json", all)
	if code != exitOK {
		t.Fatalf("query: exit %d\n%s", code, stderr)
	}
	snap := embedded.SnapshotPath(db)
	data, err := os.ReadFile(snap)
	if err != nil {
		t.Fatalf("ingest left no snapshot: %v", err)
	}
	at := strings.LastIndex(string(data), "Xi Jinping") // in a record: they come last
	if at < 0 {
		t.Fatal("no record of Xi Jinping in the snapshot")
	}
	data[at+3] ^= 1
	writeFile(t, snap, data)
	code, out, stderr := kg(t, "", "--db", db, "check")
	if code != exitDamaged || !strings.Contains(out, "snapshot") || !strings.Contains(stderr, "the store itself passed") {
		t.Errorf("check: exit %d, want %d saying only the snapshot is damaged\n%s%s", code, exitDamaged, out, stderr)
	}
	code, got, stderr := kg(t, "", "--debug", "--db", db, "cypher", "--format", "json", all)
	if code != exitOK || got != want {
		t.Errorf("query on a damaged snapshot: exit %d\n%s\nwant\n%s", code, got, want)
	}
	if !strings.Contains(stderr, "kg: debug: snapshot") {
		t.Errorf("no debug line says the snapshot was rebuilt:\n%s", stderr)
	}
	if code, out, stderr := kg(t, "", "--db", db, "check"); code != exitOK {
		t.Errorf("check after the rebuild: exit %d\n%s%s", code, out, stderr)
	}
}
