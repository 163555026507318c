package embedded

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops from the process's resident set the pages of the
// store file that bbolt's read-only mapping holds, up to what tx sees
// (madvise MADV_DONTNEED). The mapping is shared and never written through,
// so the pages stay in the kernel's page cache and a later read maps them
// again: nothing changes but the memory the process is charged with, which
// would otherwise grow to the size of the file as loads and full scans
// touch it. A file under releaseFloor is left alone: it cannot take more
// memory than its size, and releasing costs time (each release unmaps
// pages that later reads fault in again, sixteen at a time as the kernel
// maps a fault's neighbours). Any transaction may call it, on its own
// goroutine; an error is ignored, since nothing depends on it.
func releaseMapped(tx *bolt.Tx) {
	if size := tx.Size(); size > releaseFloor {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, tx.DB().Info().Data, uintptr(size), syscall.MADV_DONTNEED)
	}
}

// releaseFloor is the size of file below which releaseMapped does nothing.
const releaseFloor = 64 << 20

// releaseInterval is how often releasing releases: a commit or a scan
// touches pages at up to a few GB/s (they are in the page cache), so 20 ms
// bounds what it holds to tens of megabytes; a release costs microseconds.
const releaseInterval = 20 * time.Millisecond

// releasing calls releaseMapped every releaseInterval, in a read transaction of its
// own, until the returned stop is called: a write transaction's commit
// reads the pages its changes replace (to free them, and for the keys of
// the nodes it writes), tens of thousands for a large load, which would
// otherwise stay resident until the next release. The read transaction
// keeps bbolt from remapping the file while the range is released.
func releasing(db *bolt.DB) (stop func()) {
	return every(releaseInterval, func() {
		_ = db.View(func(tx *bolt.Tx) error {
			releaseMapped(tx)
			return nil
		})
	})
}

// every calls fn every interval on a goroutine of its own until the
// returned stop is called; stop returns once fn is no longer running.
func every(interval time.Duration, fn func()) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fn()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// writerMapSize returns the size a writer maps its file at when it expects
// the file to reach size bytes: twice that, in whole GiB, when that is
// 512 MiB or more and the process's address space is not limited (64-bit
// Linux reserves address space without memory); otherwise zero, bbolt's
// default. bbolt maps the file anew each time it grows past the mapping
// (by 1 GiB at a time beyond the first), and before each remap copies
// every key and value its write transaction holds out of the old mapping:
// in a large load, hundreds of megabytes at once. Mapping small files
// large would make bbolt grow them in 16 MiB steps rather than by
// doubling, so a store of a few articles would take 16 MiB.
func writerMapSize(size int64) int {
	var lim syscall.Rlimit
	if size < 256<<20 || strconv.IntSize < 64 ||
		syscall.Getrlimit(syscall.RLIMIT_AS, &lim) != nil || lim.Cur != ^uint64(0) {
		return 0
	}
	return int(min((2*size+1<<30-1)>>30, 64) << 30)
}

// snapshotBudget is how much of the process's resident set mapped files
// may take while a query reads a snapshot before its pages are released.
const snapshotBudget = 256 << 20

// releasingSnapshot drops the pages of snap's mapping, until stop is
// called, whenever a check every releaseInterval finds mapped files taking
// more than snapshotBudget of the resident set, when snap is a mapped file
// larger than releaseFloor: a query that reads records all over a large
// snapshot (the facts of a person in tens of thousands of them) would
// otherwise have its resident set grow by sixteen pages a record, to a
// gigabyte on a 2.5 GB snapshot. Below the budget nothing is released, so
// that queries do not fault their pages in again. Bytes held in memory are
// never released.
func releasingSnapshot(snap *snapshot) (stop func()) {
	if snap.unmap == nil || len(snap.data) <= releaseFloor {
		return func() {}
	}
	data := snap.data
	return every(releaseInterval, func() {
		if residentShared() > snapshotBudget {
			_ = syscall.Madvise(data, syscall.MADV_DONTNEED)
		}
	})
}

// residentShared returns the bytes of the process's resident set that are
// shared (file-backed) pages, from /proc/self/statm; 0 when it cannot tell.
func residentShared() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return 0
	}
	pages, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
