package embedded

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
)

// ReadMode chooses what read-only queries of a Store read.
type ReadMode int

const (
	// ReadAuto reads the snapshot on a read-only Store, and the in-memory
	// graph on a writable one, which builds it for its writes anyway.
	ReadAuto ReadMode = iota
	// ReadInMemory always reads the in-memory graph, built from the whole
	// file on the first query: the fastest for a long-lived server.
	ReadInMemory
	// ReadSnapshot always reads the snapshot, rebuilding it after writes
	// (each first read after a write costs a pass over the file).
	ReadSnapshot
)

// newState gives the state tx commits a new random identity, part of the
// stamp of snapshots: a snapshot of another file, or of another state of
// this one, never matches.
func newState(tx *bolt.Tx) error {
	var st [16]byte
	if _, err := rand.Read(st[:]); err != nil {
		return fmt.Errorf("new state: %w", err)
	}
	return tx.Bucket(bucketMeta).Put(metaState, st[:])
}

func (s *Store) debugf(format string, args ...any) {
	if s.logf != nil {
		s.logf(format, args...)
	}
}

func (s *Store) readsSnapshot() bool {
	return s.reads == ReadSnapshot || s.reads == ReadAuto && s.readOnly
}

// currentStamp returns the stamp of the last committed state.
func (s *Store) currentStamp() (stamp, error) {
	var st stamp
	err := s.view(func(tx *bolt.Tx) error {
		st = readStamp(tx)
		return nil
	})
	return st, err
}

// withSnapshot runs fn with mu read-locked on a snapshot of the last
// committed state, opening or rebuilding it as needed. It reports false,
// with a debug line saying why, when no snapshot could be had or fn found
// it damaged (fn's own errors are returned).
func (s *Store) withSnapshot(ctx context.Context, fn func(snap *snapshot) error) (bool, error) {
	rebuilt := false // after damage was found
	for range 3 {
		st, err := s.currentStamp()
		if err != nil {
			return true, err
		}
		s.mu.RLock()
		if s.closed.Load() {
			s.mu.RUnlock()
			return true, ErrClosed
		}
		force := false
		if snap := s.snap; snap != nil && snap.stamp == st {
			err := fn(snap)
			s.mu.RUnlock()
			if !errors.Is(err, ErrSnapshot) {
				return true, err
			}
			s.dropSnapshot(snap)
			if rebuilt {
				s.debugf("snapshot %s: %v; loading the whole store instead", SnapshotPath(s.path), err)
				return false, nil
			}
			s.debugf("snapshot %s: %v; rebuilding it", SnapshotPath(s.path), err)
			rebuilt, force = true, true
		} else {
			s.mu.RUnlock()
		}
		s.wmu.Lock()
		err = s.refreshSnapshot(ctx, true, force)
		s.wmu.Unlock()
		if err != nil {
			if ctx.Err() != nil {
				return true, ctx.Err()
			}
			s.debugf("snapshot %s: %v; loading the whole store instead", SnapshotPath(s.path), err)
			return false, nil
		}
	}
	s.debugf("snapshot %s: the store keeps changing; loading the whole store instead", SnapshotPath(s.path))
	return false, nil
}

// dropSnapshot forgets snap if it is the current snapshot.
func (s *Store) dropSnapshot(snap *snapshot) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.snap == snap {
		_ = snap.close()
		s.snap = nil
	}
}

// refreshSnapshot makes the snapshot file match the last committed state:
// it keeps the file when its stamp matches (unless force: it was found
// damaged), and otherwise builds one from the store and writes it in place
// of the old. With use, the snapshot becomes the Store's. The caller holds
// wmu.
func (s *Store) refreshSnapshot(ctx context.Context, use, force bool) error {
	st, err := s.currentStamp()
	if err != nil {
		return err
	}
	path := SnapshotPath(s.path)
	var snap *snapshot
	if !force {
		snap, err = openSnapshotFile(path)
	}
	switch {
	case !force && err == nil && snap.stamp == st:
	default:
		switch {
		case force:
		case err == nil:
			err = errStale
			_ = snap.close()
		case isNotExist(err):
			err = errors.New("none yet")
		}
		if !force {
			s.debugf("snapshot %s: %v; building it", path, err)
		}
		if snap, err = s.buildSnapshotFile(ctx, path); err != nil {
			return err
		}
	}
	if !use {
		return snap.close()
	}
	s.mu.Lock()
	old := s.snap
	s.snap = snap
	s.mu.Unlock()
	return old.close()
}

// buildSnapshotFile builds the snapshot of the last committed state,
// writes it to path and opens it. Where it cannot be written (a read-only
// directory), it is built in memory for this Store alone.
func (s *Store) buildSnapshotFile(ctx context.Context, path string) (*snapshot, error) {
	perm := os.FileMode(0o644)
	if s.ident != nil {
		perm = s.ident.Mode().Perm() // a private store has a private snapshot
	}
	if fileSize(s.path) >= 256<<20 {
		// A large build's tables take hundreds of megabytes: give back
		// first what a long ingest has left free, so that they take its
		// place rather than add to it.
		debug.FreeOSMemory()
	}
	err := writeSnapshotFile(path, perm, func(w io.Writer) error {
		return s.view(func(tx *bolt.Tx) error {
			// A build reads the whole file; keep little of it resident.
			defer releasing(tx.DB())()
			return buildSnapshot(ctx, tx, w)
		})
	})
	if err == nil {
		snap, err := openSnapshotFile(path)
		if err != nil {
			return nil, fmt.Errorf("open the snapshot just written: %w", err)
		}
		return snap, nil
	}
	if ctx.Err() != nil || IsDamaged(err) {
		return nil, fmt.Errorf("build snapshot: %w", err)
	}
	s.debugf("snapshot %s not written: %v; building it in memory", path, err)
	return s.buildSnapshotInMemory(ctx)
}

// buildSnapshotInMemory builds the snapshot of the last committed state in
// memory, for this Store alone.
func (s *Store) buildSnapshotInMemory(ctx context.Context) (*snapshot, error) {
	var data []byte
	if err := s.view(func(tx *bolt.Tx) error {
		var err error
		data, err = buildSnapshotBytes(ctx, tx)
		return err
	}); err != nil {
		return nil, fmt.Errorf("build snapshot: %w", err)
	}
	snap, err := parseSnapshot(data)
	if err != nil {
		return nil, fmt.Errorf("built snapshot: %w", err)
	}
	return snap, nil
}

// writeSnapshotFile writes what write writes to path atomically, with
// permissions perm: to a temporary file in the same directory, synced,
// then renamed over path, and the directory synced, so that a crash leaves
// either the old file or the new one whole.
func writeSnapshotFile(path string, perm os.FileMode, write func(w io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := errors.Join(write(bw), bw.Flush()); err != nil {
		f.Close()
		return err
	}
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	removeStaleTemps(path)
	return syncDir(filepath.Dir(path))
}

// staleTemp is the age past which a temporary snapshot file is taken for
// the leftover of a process killed while writing it.
const staleTemp = 10 * time.Minute

// removeStaleTemps removes the temporary files of snapshot path that
// processes killed while writing left behind.
func removeStaleTemps(path string) {
	tmps, _ := filepath.Glob(path + ".*.tmp")
	for _, tmp := range tmps {
		if fi, err := os.Stat(tmp); err == nil && time.Since(fi.ModTime()) > staleTemp {
			_ = os.Remove(tmp)
		}
	}
}

// syncDir makes a rename in dir durable, where directories can be synced.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	_ = d.Sync() // not every system syncs directories; the rename stands
	return nil
}

// querySnapshot runs the read-only statement st on the snapshot. ok is
// false when the snapshot could not be used: the caller then runs st on
// the in-memory graph.
func (s *Store) querySnapshot(ctx context.Context, st *cypher.Statement, params map[string]any) (res *cypher.Result, ok bool, err error) {
	ok, err = s.withSnapshot(ctx, func(snap *snapshot) error {
		qctx, cancel := context.WithCancel(ctx)
		defer cancel()
		defer releasingSnapshot(snap)()
		g := newSnapGraph(snap, cancel)
		var qerr error
		res, qerr = st.Run(qctx, g, params)
		if g.err != nil {
			return g.err
		}
		return qerr
	})
	return res, ok, err
}

// snapshotCounts returns the counts of Counts from the snapshot.
func (s *Store) snapshotCounts(ctx context.Context) (*graph.Counts, bool, error) {
	c := &graph.Counts{Nodes: map[string]int{}, Relationships: map[string]int{}}
	ok, err := s.withSnapshot(ctx, func(snap *snapshot) error {
		for i, name := range snap.names {
			lo, hi, err := snap.labelRange(uint32(i))
			if err != nil {
				return err
			}
			if hi > lo {
				c.Nodes[name] = int(hi - lo)
			}
			if n := snap.typeCount(uint32(i)); n > 0 {
				c.Relationships[name] = n
			}
		}
		return nil
	})
	return c, ok, err
}
