package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
)

// syntheticCorpus writes n articles to a new directory: each reports one
// SPOKE_WITH fact, between people met again across articles.
func syntheticCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("date 2031-01-%02d Foreign Minister Alex Tanner%d of Norway held talks with President Mira Okafor%d of Ghana on Tuesday. "+
			"The two discussed cocoa prices, shipping through the port of Tema and a loan of %d million crowns, officials said. "+
			"Tanner%d later flew to Lagos, where he was expected to meet business leaders.\n", i%28+1, i, i%97, 100+i, i)
		writeFile(t, filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(text))
	}
	return dir
}

// startKG starts the test binary as a kg process (see TestMain).
func startKG(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "KG_TEST_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, &stderr
}

// graphState is what one read of the store saw.
type graphState struct {
	nodes, articles, sourced int
}

// readState reads, in one query, the number of nodes, of Article nodes and
// of articles named as a source by some SPOKE_WITH fact.
func readState(t *testing.T, db string) (graphState, string, error) {
	t.Helper()
	code, out, stderr := kg(t, "", "--db", db, "cypher", "--format", "csv",
		`MATCH (n) WITH count(n) AS nodes
		 OPTIONAL MATCH (a:Article) WITH nodes, count(a) AS articles
		 OPTIONAL MATCH ()-[r:SPOKE_WITH]->() UNWIND coalesce(r.sources, [null]) AS src
		 RETURN nodes, articles, count(DISTINCT src) AS sourced`)
	if code != exitOK {
		return graphState{}, stderr, fmt.Errorf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		return graphState{}, out, fmt.Errorf("unexpected output")
	}
	var st graphState
	for i, p := range []*int{&st.nodes, &st.articles, &st.sourced} {
		v, err := strconv.Atoi(strings.Split(lines[1], ",")[i])
		if err != nil {
			return graphState{}, out, err
		}
		*p = v
	}
	return st, stderr, nil
}

// TestReadersDuringIngest reads the store in a loop while another kg
// process ingests into it: every read succeeds, within a bounded wait, and
// sees a committed state — whole batches only (each article with its fact),
// never fewer nodes than the read before — while a second writer is still
// refused as "in use". The store passes kg check during and after.
func TestReadersDuringIngest(t *testing.T) {
	db := seededStore(t)
	base, _, err := readState(t, db)
	if err != nil {
		t.Fatal(err)
	}
	const articles = 12000
	corpus := syntheticCorpus(t, articles)
	cmd, childErr := startKG(t, "--db", db, "ingest", "-q", "--workers", "1", "--commit-every", "25", corpus)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	began := time.Now()

	var (
		prev       = base
		reads      int
		partial    int // reads that saw some but not all of the corpus
		slowest    time.Duration
		checked    bool
		refused    int // second writers refused
		ingestDone bool
	)
	for !ingestDone {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("the ingest failed: %v\n%s", err, childErr)
			}
			ingestDone = true
		default:
		}
		start := time.Now()
		st, stderr, err := readState(t, db)
		slowest = max(slowest, time.Since(start))
		if err != nil {
			t.Fatalf("read %d during the ingest: %v\n%s", reads+1, err, stderr)
		}
		reads++
		if st.nodes < prev.nodes || st.articles < prev.articles {
			t.Fatalf("read %d saw %+v after %+v: the graph shrank", reads, st, prev)
		}
		if got, want := st.sourced-base.sourced, st.articles-base.articles; got != want {
			t.Fatalf("read %d saw %d new articles but facts from %d: a batch half written", reads, want, got)
		}
		if st.articles > base.articles && st.articles < base.articles+articles {
			partial++
			if !checked {
				// A whole check of the file, between two commits.
				if code, out, stderr := kg(t, "", "--db", db, "check"); code != exitOK {
					t.Fatalf("kg check during the ingest: exit %d\n%s%s", code, out, stderr)
				}
				checked = true
			}
		}
		if partial > 0 && !ingestDone {
			// A second writer is refused, however briefly the ingest holds
			// the store file itself (the CLI's message for it is tested by
			// TestStoreInUse). Tried at every turn once a read has seen
			// the ingest under way, not only after reads mid-way, so that
			// slow reads on a loaded machine still leave it turns to try.
			w, err := embedded.Open(db, &embedded.Options{LockTimeout: 100 * time.Millisecond})
			switch {
			case errors.Is(err, graph.ErrStoreInUse):
				refused++
			case err == nil:
				// Only once the ingest has closed the store, all of the
				// corpus committed, may another writer open it.
				c, cerr := w.Counts(context.Background())
				w.Close()
				if cerr != nil || c.Nodes[graph.LabelArticle] != base.articles+articles {
					t.Fatalf("a second writer opened the store during the ingest (it then held %v, err %v)", c, cerr)
				}
			default:
				t.Fatalf("a second writer during the ingest: %v, want ErrStoreInUse", err)
			}
		}
		if st != prev {
			t.Logf("read %d at %v: %+v", reads, time.Since(began).Round(time.Millisecond), st)
		}
		prev = st
	}
	t.Logf("%d reads during the ingest, %d of them mid-way; slowest %v; %d second writers refused", reads, partial, slowest, refused)
	if refused == 0 {
		t.Fatalf("no second writer was tried while the ingest ran (%d reads): make the corpus larger", reads)
	}
	if partial == 0 {
		t.Fatalf("no read saw the ingest half done (%d reads): make the corpus larger", reads)
	}
	if prev.articles != base.articles+articles {
		t.Fatalf("after the ingest the store holds %d articles, want %d", prev.articles, base.articles+articles)
	}
	if code, out, stderr := kg(t, "", "--db", db, "check"); code != exitOK {
		t.Fatalf("kg check after the ingest: exit %d\n%s%s", code, out, stderr)
	}
}
