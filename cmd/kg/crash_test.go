package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgnews/kg/internal/testutil"
)

// reutersTarball is the real-news corpus of ../shared (see its README.md).
const reutersTarball = "../../../shared/corpus/reuters21578.tar.gz"

// untarReuters writes the first n stories of the Reuters tarball into a
// new directory and returns it.
func untarReuters(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	testutil.UntarFirst(t, reutersTarball, dir, n)
	return dir
}

// crashSeed seeds the kill points of TestCrashAtRandomPoints.
const crashSeed = 11

// TestCrashAtRandomPoints kills (SIGKILL) an ingest of 1,000 Reuters
// stories at 10 points (more while fewer than 3 land inside the ingest)
// drawn by a seeded PRNG across the length of a clean run, each into a new
// store: after each kill the store opens and passes
// kg check, and finishing the ingest gives the byte-identical JSON export
// of the clean run.
func TestCrashAtRandomPoints(t *testing.T) {
	if testing.Short() {
		testutil.Skip(t, "ingests 1,000 real articles 11 times: skipped with -short")
	}
	corpus := untarReuters(t, 1000)
	// Small batches: a kill lands before, between or inside many commits.
	ingestArgs := []string{"ingest", "-q", "--commit-every", "40", corpus}

	// The clean run, timed as the children will run.
	clean := filepath.Join(t.TempDir(), "clean.db")
	start := time.Now()
	cmd, stderr := startKG(t, append([]string{"--db", clean}, ingestArgs...)...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, stderr)
	}
	span := time.Since(start)
	code, want, errOut := kg(t, "", "--db", clean, "export", "--format", "json")
	if code != exitOK {
		t.Fatalf("export of the clean store: exit %d\n%s", code, errOut)
	}
	total := articleCount(t, clean)
	t.Logf("clean ingest: %d articles in %v (seed %d)", total, span.Round(time.Millisecond), crashSeed)

	rng := rand.New(rand.NewPCG(crashSeed, 0))
	midway := 0
	// Ten points, and more from the same seeded sequence while fewer than
	// three have landed inside the ingest (a loaded machine stretches the
	// run the points are drawn over).
	for i := 0; i < 10 || midway < 3 && i < 30; i++ {
		at := time.Duration(rng.Float64() * float64(span))
		db := filepath.Join(t.TempDir(), "kg.db")
		cmd, stderr := startKG(t, append([]string{"--db", db}, ingestArgs...)...)
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("point %d: the ingest failed before the kill: %v\n%s", i, err, stderr)
			}
		case <-time.After(at):
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			<-exited
		}
		committed := -1 // no store yet
		if _, err := os.Stat(db); err == nil {
			if code, out, errOut := kg(t, "", "--db", db, "check"); code != exitOK {
				t.Fatalf("point %d (killed at %v): kg check: exit %d\n%s%s", i, at, code, out, errOut)
			}
			committed = articleCount(t, db)
		}
		if committed > 0 && committed < total {
			midway++
		}
		t.Logf("point %d: killed at %v with %d articles committed", i, at.Round(time.Millisecond), committed)
		if code, _, errOut := kg(t, "", append([]string{"--db", db}, ingestArgs...)...); code != exitOK {
			t.Fatalf("point %d: finishing the ingest: exit %d\n%s", i, code, errOut)
		}
		code, got, errOut := kg(t, "", "--db", db, "export", "--format", "json")
		if code != exitOK {
			t.Fatalf("point %d: export: exit %d\n%s", i, code, errOut)
		}
		// The snapshot the finished ingest left answers for the store.
		if code, out, errOut := kg(t, "", "--db", db, "check"); code != exitOK {
			t.Fatalf("point %d: kg check after the finished ingest: exit %d\n%s%s", i, code, out, errOut)
		}
		if got != want {
			t.Fatalf("point %d (killed at %v, %d articles committed): the finished ingest differs from a clean run:\n%s",
				i, at, committed, testutil.LineDiff(want, got))
		}
	}
	if midway < 3 {
		t.Fatalf("only %d of 30 kills left the ingest part done: the points miss the ingest", midway)
	}
}

// articleCount returns the number of Article nodes in the store db.
func articleCount(t *testing.T, db string) int {
	t.Helper()
	code, out, stderr := kg(t, "", "--db", db, "cypher", "--format", "csv", "MATCH (a:Article) RETURN count(a) AS n")
	if code != exitOK {
		t.Fatalf("count articles: exit %d\n%s", code, stderr)
	}
	var n int
	if _, err := fmt.Sscanf(strings.TrimPrefix(out, "n\n"), "%d", &n); err != nil {
		t.Fatalf("count articles: %q: %v", out, err)
	}
	return n
}
