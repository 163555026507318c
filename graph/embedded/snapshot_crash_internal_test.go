package embedded

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/internal/testutil"
)

const snapCrashEnv = "KG_EMBEDDED_SNAPSHOT_CRASH_DB"

// snapCrashBatch is batch k of the snapshot crash test: articles that all
// mention one hub, so that the snapshot grows with every batch.
func snapCrashBatch(k int) *graph.Batch {
	b := &graph.Batch{Nodes: []graph.Node{{ID: "hub", Label: graph.LabelActor, Props: graph.Props{"name": "Hub"}}}}
	text := strings.Repeat(fmt.Sprintf("text of batch %d; ", k), 40)
	for i := range 300 {
		id := fmt.Sprintf("snap-%d-%d", k, i)
		b.Nodes = append(b.Nodes, graph.Node{ID: id, Label: graph.LabelArticle, Props: graph.Props{"title": id, "text": text}})
		b.Relationships = append(b.Relationships, graph.Relationship{ID: "m-" + id, Type: graph.Mentions, Start: id, End: "hub"})
	}
	return b
}

// TestSnapshotHelperProcess is the child of TestCrashDuringSnapshotWrite:
// it loads a batch and closes the store, which writes the snapshot, in a
// loop, saying "closing k" before each Close and "closed k" after, until
// killed.
func TestSnapshotHelperProcess(t *testing.T) {
	path := os.Getenv(snapCrashEnv)
	if path == "" {
		t.Skip("helper process of TestCrashDuringSnapshotWrite; runs only as its child")
	}
	base, _ := strconv.Atoi(os.Getenv(snapCrashEnv + "_BASE"))
	for k := base; ; k++ {
		s, err := Open(path, nil)
		if err == nil {
			_, err = s.Load(context.Background(), snapCrashBatch(k))
		}
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println("closing", k)
		if err := s.Close(); err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println("closed", k)
	}
}

// TestCrashDuringSnapshotWrite kills a process while it writes snapshots
// (kill -9, as soon as a temporary snapshot file appears, or at a random
// moment of its Close) and checks each time that the
// snapshot left on disk opens whole, that queries answer as the in-memory
// graph does, and that Check passes.
func TestCrashDuringSnapshotWrite(t *testing.T) {
	if testing.Short() {
		testutil.Skip(t, "crash test skipped in -short mode")
	}
	path := filepath.Join(t.TempDir(), "kg.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	midWrite := 0
	for round := 0; round < 12 && (round < 4 || midWrite < 2); round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSnapshotHelperProcess$", "-test.v=false")
		cmd.Env = append(os.Environ(), snapCrashEnv+"="+path, fmt.Sprintf("%s_BASE=%d", snapCrashEnv, round*1000))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		closes := 0
		var closing time.Time
		var took time.Duration // the last Close
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "closed ") {
				closes++
				took = time.Since(closing)
				continue
			}
			if !strings.HasPrefix(line, "closing ") {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				t.Fatalf("child: %s", line)
			}
			closing = time.Now()
			if closes >= 2 {
				break // the child is in Close: building or writing the snapshot
			}
		}
		if round%2 == 0 {
			// Kill as soon as the temporary snapshot file appears.
			for deadline := time.Now().Add(took + time.Second); time.Now().Before(deadline); {
				if tmps, _ := filepath.Glob(SnapshotPath(path) + ".*.tmp"); len(tmps) > 0 {
					break
				}
				time.Sleep(50 * time.Microsecond)
			}
		} else {
			// Kill in the second half of Close, where the snapshot is written.
			time.Sleep(took/2 + time.Duration(rng.Int64N(int64(took/2)+1)))
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		go func() { _, _ = io.Copy(io.Discard, out) }()
		_ = cmd.Wait()

		tmps, _ := filepath.Glob(SnapshotPath(path) + ".*.tmp")
		if len(tmps) > 0 {
			midWrite++
		}
		snap, err := openSnapshotFile(SnapshotPath(path))
		if err != nil {
			t.Fatalf("round %d: the snapshot left after the crash does not open: %v", round, err)
		}
		_ = snap.close()
		for _, tmp := range tmps {
			os.Remove(tmp)
		}
		var log logger
		got := answers(t, path, ReadSnapshot, log.logf)
		if want := answers(t, path, ReadInMemory, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: the snapshot answers\n%v\nthe in-memory graph\n%v", round, got, want)
		}
		if strings.Contains(log.String(), "damaged") {
			t.Errorf("round %d: %s", round, log.String())
		}
		s, err := Open(path, &Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Check(); err != nil {
			t.Errorf("round %d: Check: %v", round, err)
		}
		s.Close()
	}
	t.Logf("%d kills landed while a snapshot was being written", midWrite)
	if midWrite == 0 {
		t.Errorf("no kill landed while a snapshot was being written")
	}
}
