package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/internal/testutil"
)

// TestMain lets the test binary act as the kg command when KG_TEST_MAIN is
// set, so that tests can run (and kill) a real kg process.
func TestMain(m *testing.M) {
	if os.Getenv("KG_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// kg runs the command line in-process with the given standard input and
// returns the exit code and what it printed.
func kg(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"kg"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func seedsDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../seeds")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// seededStore ingests the seeds into a new store and returns its path.
func seededStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "kg.db")
	if code, _, stderr := kg(t, "", "--db", db, "ingest", "-q", seedsDir(t)); code != exitOK {
		t.Fatalf("ingest seeds: exit %d\n%s", code, stderr)
	}
	return db
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"unknown flag", []string{"stats", "--bogus"}, exitUsage, "flag provided but not defined"},
		{"ingest without paths", []string{"--db", db, "ingest"}, exitUsage, "ingest needs at least one PATH"},
		{"missing store", []string{"--db", db, "stats"}, exitStore, "no store at"},
		{"bad export format", []string{"--db", db, "export", "--format", "xml"}, exitUsage, `unknown export format "xml"`},
		{"bad output format", []string{"--db", db, "cypher", "--format", "yaml", "RETURN 1"}, exitUsage, `unknown output format "yaml"`},
		{"unknown saved query", []string{"--db", db, "query", "run", "nope"}, exitUsage, `no saved query "nope"`},
		{"unknown query param", []string{"--db", db, "query", "run", "linking", "-p", "c=Iran"}, exitUsage,
			`unknown parameter "c" (parameters: a string = Iran, b string = China, limit int = 25)`},
		{"wrongly typed query param", []string{"--db", db, "query", "run", "linking", "-p", "limit=many"}, exitUsage, "want an integer"},
		{"missing cypher param", []string{"--db", db, "cypher", "MATCH (n {name: $who}) RETURN n"}, exitUsage, "needs parameter $who"},
		{"bad gold file", []string{"--db", db, "eval", "--gold", filepath.Join(t.TempDir(), "none.json")}, exitUsage, "no gold file"},
		{"unreachable neo4j", []string{"--neo4j-uri", "bolt://127.0.0.1:1", "stats"}, exitStore, "cannot reach Neo4j"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := kg(t, "", tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tc.code, tc.want)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Fatalf("stderr shows a panic:\n%s", stderr)
			}
			if !strings.HasPrefix(stderr, "kg: error: ") {
				t.Fatalf("stderr does not start with 'kg: error: ':\n%s", stderr)
			}
		})
	}
}

func TestCypherErrorHasCaret(t *testing.T) {
	db := seededStore(t)
	code, _, stderr := kg(t, "", "--db", db, "cypher", "MATCH (n:Actor RETURN n")
	if code != exitFailure || !strings.Contains(stderr, "SyntaxError") || !strings.Contains(stderr, "^") {
		t.Fatalf("exit %d, stderr:\n%s\nwant a SyntaxError with a caret", code, stderr)
	}
}

func TestIngestTwiceExportsIdenticalJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	var exports []string
	for i := 0; i < 2; i++ {
		code, out, stderr := kg(t, "", "--db", db, "ingest", seedsDir(t))
		if code != exitOK {
			t.Fatalf("ingest %d: exit %d\n%s", i, code, stderr)
		}
		if i == 1 && !strings.Contains(out, "0 nodes created") {
			t.Errorf("second ingest created nodes:\n%s", out)
		}
		code, js, stderr := kg(t, "", "--db", db, "export", "--format", "json")
		if code != exitOK {
			t.Fatalf("export: exit %d\n%s", code, stderr)
		}
		exports = append(exports, js)
	}
	if exports[0] != exports[1] {
		t.Fatal("two ingests of the seeds give different JSON exports")
	}
	for _, format := range []string{"graphml", "cypher"} {
		if code, out, stderr := kg(t, "", "--db", db, "export", "--format", format); code != exitOK || out == "" {
			t.Fatalf("export --format %s: exit %d\n%s", format, code, stderr)
		}
	}
}

func TestIngestSkipsBadFilesAndLoadsTheRest(t *testing.T) {
	dir := t.TempDir()
	for _, e := range mustReadDir(t, seedsDir(t)) {
		copyFile(t, filepath.Join(seedsDir(t), e), filepath.Join(dir, e))
	}
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919%251 + i%3)
	}
	writeFile(t, filepath.Join(dir, "random.txt"), random)
	writeFile(t, filepath.Join(dir, "empty.txt"), nil)
	// Bytes that are neither UTF-8 nor plausible Latin-1 or Windows-1252
	// text (C1 controls that Windows-1252 leaves undefined), without NULs.
	writeFile(t, filepath.Join(dir, "broken.txt"), []byte("Trump said "+strings.Repeat("\x81\x8d\x8f\x90\x9d", 20)+" the call ended.\n"))

	good := seededStore(t)
	mixed := filepath.Join(t.TempDir(), "mixed.db")
	code, _, stderr := kg(t, "", "--db", mixed, "ingest", dir)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d\n%s", code, exitPartial, stderr)
	}
	for _, want := range []string{`random.txt": binary file`, `empty.txt": empty file`, `broken.txt": invalid UTF-8 and not Latin-1 text`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	_, a, _ := kg(t, "", "--db", good, "export")
	_, b, _ := kg(t, "", "--db", mixed, "export")
	// Article paths differ by the folder they were read from.
	b = strings.ReplaceAll(b, dir, seedsDir(t))
	if a != b || a == "" {
		t.Error("the seeds loaded beside bad files differ from the seeds loaded alone")
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	code, out, stderr := kg(t, "", "--db", db, "ingest", "--dry-run", seedsDir(t))
	if code != exitOK || !strings.Contains(out, "dry run: 5 articles") {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("dry run created %s", db)
	}
}

func TestReingestSkipsUnchangedArticles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	for i, want := range []string{"ingested 5 articles", "5 inputs already in the store, unchanged"} {
		code, out, stderr := kg(t, "", "--db", db, "ingest", seedsDir(t))
		if code != exitOK || !strings.Contains(out, want) {
			t.Fatalf("ingest %d: exit %d, want %q in\n%s%s", i+1, code, want, out, stderr)
		}
	}
}

func TestIngestFromStdin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	text := "date 2030-03-02 Brazilian President Ana Souza held a phone call with Argentine President Tomas Ruiz on Monday.\n"
	code, out, stderr := kg(t, text, "--db", db, "ingest", "-")
	if code != exitOK || !strings.Contains(out, "ingested 1 article") {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
}

func TestStoreInUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	s, err := embedded.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	code, _, stderr := kg(t, "", "--db", db, "ingest", seedsDir(t))
	if code != exitStore || !strings.Contains(stderr, "store is in use by another kg process") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Fatalf("the second writer waited %v", d)
	}
}

func TestQueryPackOnSeeds(t *testing.T) {
	db := seededStore(t)
	code, out, stderr := kg(t, "", "--db", db, "query", "list")
	if code != exitOK {
		t.Fatalf("query list: exit %d\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		name := strings.Fields(line)[0]
		for _, f := range []string{"table", "json", "csv"} {
			if code, _, stderr := kg(t, "", "--db", db, "query", "run", name, "--format", f); code != exitOK {
				t.Errorf("query run %s --format %s: exit %d\n%s", name, f, code, stderr)
			}
		}
	}
}

// TestCrashDuringIngest kills a kg process in the middle of a large ingest
// and checks that the store opens, is consistent, still holds what an
// earlier, finished ingest wrote, and that ingesting the corpus again ends
// with the very graph (byte-identical export) of a store that was never
// interrupted.
func TestCrashDuringIngest(t *testing.T) {
	if testing.Short() {
		testutil.Skip(t, "builds a large corpus: skipped with -short")
	}
	db, clean := seededStore(t), seededStore(t)

	corpus := t.TempDir()
	// People met again across articles, some by a short form only, some
	// with another role: what a store holds depends on which articles it
	// saw first unless merging is order-independent.
	for i := 0; i < 5000; i++ {
		role := []string{"President", "Interim President", "Leader"}[i%3]
		text := fmt.Sprintf("date 2031-01-%02d Foreign Minister Alex Tanner%d of Norway held talks with %s Mira Okafor%d of Ghana on Tuesday. "+
			"Norway agreed to buy %d tonnes of Ghanaian cocoa next year, Tanner%d said.\n", i%28+1, i, role, i%97, 1000+i, i)
		if i%11 == 0 {
			text = fmt.Sprintf("date 2031-02-%02d President Okafor%d met Foreign Minister Tanner%d in Accra on Monday.\n", i%28+1, i%97, i-11)
		}
		writeFile(t, filepath.Join(corpus, fmt.Sprintf("a%05d.txt", i)), []byte(strings.Repeat(text, 3)))
	}
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "--db", db, "ingest", "--workers", "1", corpus)
	cmd.Env = append(os.Environ(), "KG_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the child has committed at least one batch (the file
	// grows for the first, then is written again), then kill it without
	// warning in the middle of the rest.
	deadline := time.Now().Add(60 * time.Second)
	var grown time.Time
	for {
		now, err := os.Stat(db)
		if err == nil && grown.IsZero() && now.Size() > fi.Size() {
			grown = now.ModTime()
		} else if err == nil && !grown.IsZero() && !now.ModTime().Equal(grown) {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child ingest wrote nothing in 60 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("the child ingest finished before it could be killed: make the corpus larger")
	}

	s, err := embedded.Open(db, nil)
	if err != nil {
		t.Fatalf("reopen after the crash: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("store inconsistent after the crash: %v", err)
	}
	s.Close()
	code, after, stderr := kg(t, "", "--db", db, "cypher", "--format", "csv", "-p", "seeds='"+seedsDir(t)+"'",
		"MATCH (a:Article) WHERE a.path STARTS WITH $seeds RETURN count(a) AS n")
	if code != exitOK {
		t.Fatalf("query after the crash: exit %d\n%s", code, stderr)
	}
	if after != "n\n5\n" {
		t.Fatalf("seed articles after the crash:\n%s\nwant 5", after)
	}
	_, total, _ := kg(t, "", "--db", db, "cypher", "--format", "csv", "MATCH (a:Article) RETURN count(a) AS n")
	t.Logf("articles in the store after the crash: %s", strings.TrimSpace(strings.TrimPrefix(total, "n\n")))

	// Resume: the same corpus again, into the crashed store and into one
	// that was never interrupted.
	var exports []string
	for _, store := range []string{db, clean} {
		if code, _, stderr := kg(t, "", "--db", store, "ingest", "--quiet", corpus); code != exitOK {
			t.Fatalf("ingest into %s: exit %d\n%s", filepath.Base(store), code, stderr)
		}
		code, out, stderr := kg(t, "", "--db", store, "export", "--format", "json")
		if code != exitOK {
			t.Fatalf("export %s: exit %d\n%s", filepath.Base(store), code, stderr)
		}
		exports = append(exports, out)
	}
	if exports[0] != exports[1] {
		t.Errorf("the store resumed after the crash differs from a clean one: %d bytes of export, want %d",
			len(exports[0]), len(exports[1]))
	}
}

func mustReadDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, b)
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestNothingToIngestLeavesNoStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	code, _, stderr := kg(t, "", "--db", db, "ingest", filepath.Join(t.TempDir(), "missing"), t.TempDir())
	if code != exitPartial || !strings.Contains(stderr, `missing": no such file or directory`) || !strings.Contains(stderr, "kg: error: nothing to ingest") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("a failed ingest created %s", db)
	}
}

// TestParamsWithCommas: a -p value is Cypher, whose lists and strings hold
// commas; flags that take names still take comma-separated lists.
func TestParamsWithCommas(t *testing.T) {
	db := seededStore(t)
	code, out, stderr := kg(t, "", "--db", db, "cypher", "--format", "json",
		"-p", "ids=['CHN', 'USA']", "-p", "s='a, b'",
		"MATCH (n) WHERE n.id IN $ids RETURN n.id AS id, $s AS s ORDER BY id")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"id": "CHN"`, `"id": "USA"`, `"s": "a, b"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if got := commaList([]string{"SPOKE_WITH=0.9,PLEDGED=0.8", " SANCTIONED ", ""}); !reflect.DeepEqual(got,
		[]string{"SPOKE_WITH=0.9", "PLEDGED=0.8", "SANCTIONED"}) {
		t.Errorf("commaList = %q", got)
	}
}
