package embedded

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgnews/kg/internal/testutil"
)

func TestWriterMapSize(t *testing.T) {
	var lim syscall.Rlimit
	limited := syscall.Getrlimit(syscall.RLIMIT_AS, &lim) != nil || lim.Cur != ^uint64(0)
	cases := []struct {
		size int64
		want int
	}{
		{0, 0},
		{100 << 20, 0},
		{256 << 20, 1 << 30},
		{600 << 20, 2 << 30},
		{5 << 30, 10 << 30},
		{100 << 30, 64 << 30},
	}
	for _, c := range cases {
		if limited {
			c.want = 0 // the address space is limited here: nothing is mapped ahead
		}
		if got := writerMapSize(c.size); got != c.want {
			t.Errorf("writerMapSize(%d MiB) = %d MiB, want %d MiB", c.size>>20, got>>20, c.want>>20)
		}
	}
}

// TestGrowthMapsOnce: a writer told to expect growth maps the file with
// room for it (seen in /proc/self/maps); a reader maps what there is.
func TestGrowthMapsOnce(t *testing.T) {
	ahead := uint64(writerMapSize(1 << 30)) // 0 where the address space is limited
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(context.Background(), spillBatch("a", "b")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		readOnly bool
		want     uint64
	}{{false, ahead}, {true, 0}} {
		db, err := openBolt(path, nil, c.readOnly, time.Second, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		maps, err := os.ReadFile("/proc/self/maps")
		if err != nil {
			testutil.Skip(t, "no /proc/self/maps")
		}
		var mapped uint64
		for _, line := range strings.Split(string(maps), "\n") {
			var lo, hi uint64
			if _, err := fmt.Sscanf(line, "%x-%x", &lo, &hi); err == nil && strings.HasSuffix(line, path) {
				mapped = max(mapped, hi-lo)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if c.want > 0 && mapped < c.want || c.want == 0 && mapped >= 1<<30 {
			t.Errorf("read-only %v: the store is mapped with %d MiB, want %d MiB", c.readOnly, mapped>>20, c.want>>20)
		}
	}
}

// TestReleasingSnapshotLeavesMemoryAlone: only a mapped snapshot is
// released; bytes in memory (a snapshot built where it could not be
// written) would be zeroed by MADV_DONTNEED.
func TestReleasingSnapshotLeavesMemoryAlone(t *testing.T) {
	data := make([]byte, releaseFloor+4096)
	for i := 0; i < len(data); i += 4096 {
		data[i] = 0xab
	}
	stop := releasingSnapshot(&snapshot{data: data})
	time.Sleep(5 * releaseInterval)
	stop()
	for i := 0; i < len(data); i += 4096 {
		if data[i] != 0xab {
			t.Fatalf("byte %d of an in-memory snapshot changed", i)
		}
	}
}
