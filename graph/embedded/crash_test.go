package embedded_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/internal/testutil"
)

const crashEnv = "KG_EMBEDDED_CRASH_DB"

// crashBatch is batch k of the crash test: crashBatchNodes articles with a
// large text each, chained by relationships, plus an update of the shared
// node "hub" so that loads also rewrite existing records.
func crashBatch(k int) *graph.Batch {
	const crashBatchNodes = 400
	b := &graph.Batch{}
	text := strings.Repeat(fmt.Sprintf("sentence %d of a long article; ", k), 60)
	b.Nodes = append(b.Nodes, graph.Node{ID: "hub", Label: graph.LabelActor,
		Props: graph.Props{"name": "Hub", "aliases": []string{"batch-" + strconv.Itoa(k)}}})
	for i := range crashBatchNodes {
		id := fmt.Sprintf("crash-%d-%d", k, i)
		b.Nodes = append(b.Nodes, graph.Node{ID: id, Label: graph.LabelArticle, Props: graph.Props{"title": id, "text": text}})
		b.Relationships = append(b.Relationships, graph.Relationship{ID: "m-" + id, Type: graph.Mentions, Start: id, End: "hub",
			Props: graph.Props{"sources": []string{id}}})
	}
	return b
}

// TestHelperProcess is the child of TestCrashDuringLoad: it loads batches
// in a loop, printing "loaded k" after each Load returns, until killed.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("helper process of TestCrashDuringLoad; runs only as its child")
	}
	// The hub's aliases grow by one a batch, kept as items from the second.
	embedded.SetSpillMin(t, 2)
	s, err := embedded.Open(path, nil)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	for k := 0; ; k++ {
		if _, err := s.Load(context.Background(), crashBatch(k)); err != nil {
			fmt.Println("load:", err)
			os.Exit(2)
		}
		fmt.Println("loaded", k)
	}
}

// TestCrashDuringLoad kills a process in the middle of a stream of large
// loads and checks that the file opens, passes Check, and holds every batch
// the child reported as loaded, and no partial batch.
func TestCrashDuringLoad(t *testing.T) {
	if testing.Short() {
		testutil.Skip(t, "crash test skipped in -short mode")
	}
	s, path := newStore(t)
	mustLoad(t, s, batch([]graph.Node{china, usa, trump, xi, article("art-1")}, spoke("art-1", "Trump spoke with Xi.")))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.v=false")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	loaded := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if k, ok := strings.CutPrefix(line, "loaded "); ok {
			loaded, _ = strconv.Atoi(k)
			if loaded == 4 {
				break // the child is now inside Load of batch 5
			}
			continue
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("child: %s", line)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	_ = cmd.Wait()
	if loaded < 4 {
		t.Fatalf("child stopped after batch %d: %v", loaded, sc.Err())
	}

	s, err = embedded.Open(path, nil)
	if err != nil {
		t.Fatalf("reopen after crash: %v", err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("Check after crash: %v", err)
	}
	snap := mustSnapshot(t, s)
	if r := findRel(snap, spoke("", "").ID); r == nil || findNode(snap, xi.ID) == nil {
		t.Fatalf("the load finished before the crash is gone")
	}
	perBatch := map[int]int{}
	for _, n := range snap.Nodes {
		if rest, ok := strings.CutPrefix(n.ID, "crash-"); ok {
			k, _ := strconv.Atoi(rest[:strings.IndexByte(rest, '-')])
			perBatch[k]++
		}
	}
	want := len(crashBatch(0).Nodes) - 1
	for k := 0; k <= loaded; k++ {
		if perBatch[k] != want {
			t.Errorf("batch %d reported loaded has %d of %d nodes", k, perBatch[k], want)
		}
	}
	for k, n := range perBatch {
		if n != want {
			t.Errorf("batch %d is partial: %d of %d nodes", k, n, want)
		}
	}
	// The hub's spilled aliases are those of the batches stored, no more.
	var hubAliases []string
	if hub := findNode(snap, "hub"); hub != nil {
		hubAliases, _ = hub.Props["aliases"].([]string)
	}
	if len(hubAliases) != len(perBatch) {
		t.Errorf("the hub has %d aliases %v, want one per batch stored (%d)", len(hubAliases), hubAliases, len(perBatch))
	}
	for _, a := range hubAliases {
		if k, err := strconv.Atoi(strings.TrimPrefix(a, "batch-")); err != nil || perBatch[k] == 0 {
			t.Errorf("the hub has alias %q of a batch not stored", a)
		}
	}
	t.Logf("child reported %d batches, file holds %d", loaded+1, len(perBatch))
	// The store still takes writes after the crash.
	mustLoad(t, s, batch([]graph.Node{article("after-crash")}))
}
