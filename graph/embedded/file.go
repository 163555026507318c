package embedded

import (
	"errors"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/kgnews/kg/graph"
)

// Sharing the file between processes
//
// bbolt lets one process write a file, and others read it only while no
// process writes it: a reader in another process maps the file and would
// follow pages the writer frees and reuses. So a bbolt file is locked with
// flock(2) — exclusively to write, shared to read — for as long as it is
// open. kg keeps that rule but holds the file only for each transaction:
//
//   - A writable Store takes, at Open and until Close, an exclusive lock
//     on a companion file, path+".lock" (the writer lock): a second writer
//     is refused with graph.ErrStoreInUse after Options.LockTimeout, as
//     before. It never reads or writes the store file without also holding
//     that file's own lock.
//   - It opens the store file with an exclusive lock for each write
//     transaction (a Load, an updating query) and closes it when the
//     transaction has committed and been synced; between writes it keeps
//     the file open with a shared lock, to read.
//   - A read-only Store opens the file with a shared lock for each read
//     (counting, a snapshot, building its in-memory graph) and closes it
//     afterwards, so that it never holds up a writer for longer than a
//     read. Each read sees the last committed transaction, whole; the
//     in-memory graph of queries is rebuilt when the file has changed.
//
// A writer waiting to commit says so in its writer lock file, and reads
// that start meanwhile hold back until it has the file (holdBack), so that
// readers following one another closely cannot starve it.
//
// Waiting for another process's transaction — a reader for a commit, a
// writer for reads in progress — is bounded by Options.WaitTimeout, and
// Options.OnWait is told why after WaitNotice. The lock is taken on the
// open file before the file is validated and handed to bbolt (which locks
// it again: a no-op), so that a reader never sees a commit half written.

// DefaultWaitTimeout is how long, by default, a read waits for another
// process to finish committing a write, and a write for other processes
// to finish reading.
const DefaultWaitTimeout = time.Minute

// WaitNotice is how long a wait for the file lock lasts before
// Options.OnWait is called.
const WaitNotice = 250 * time.Millisecond

// lockPoll is the interval between attempts to take a lock.
const lockPoll = 10 * time.Millisecond

// Wait says what a Store is waiting for, to Options.OnWait.
type Wait int

// The reasons to wait.
const (
	// WaitWriter: another kg process holds the writer lock (Open of a
	// writable Store, for up to Options.LockTimeout).
	WaitWriter Wait = iota
	// WaitCommit: a read waits for another process to finish committing a
	// write (a batch of kg ingest, a kg cypher --write).
	WaitCommit
	// WaitReaders: a write waits for other processes to finish reading.
	WaitReaders
)

// LockPath returns the writer lock file of the store at path.
func LockPath(path string) string { return path + ".lock" }

// lockWait opens path with flag and locks it, exclusively or shared,
// waiting up to timeout for a conflicting lock to go and calling
// onWait(why) once the wait has lasted WaitNotice. When the lock stays
// taken it fails with graph.ErrStoreInUse.
func lockWait(path string, flag int, exclusive bool, timeout time.Duration, why Wait, onWait func(Wait)) (*os.File, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		// Opening a FIFO would block; a device is no place for a store.
		return nil, fmt.Errorf("%w: %q is not a regular file", ErrNotStore, path)
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	noticed := false
	for {
		ok, err := tryLock(f, exclusive)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %q: %w", path, err)
		}
		if ok {
			return f, nil
		}
		waited := time.Since(start)
		// Told before giving up, so that a wait which overshoots the notice
		// and the timeout in one sleep (a loaded machine) is still told.
		if !noticed && waited >= WaitNotice && onWait != nil {
			noticed = true
			onWait(why)
		}
		if waited >= timeout {
			f.Close()
			return nil, fmt.Errorf("%w (%s, after waiting %s)", graph.ErrStoreInUse, why, timeout)
		}
		time.Sleep(min(lockPoll, timeout-waited))
	}
}

func (w Wait) String() string {
	switch w {
	case WaitWriter:
		return "another kg process is writing to it"
	case WaitCommit:
		return "another kg process is still committing a write"
	case WaitReaders:
		return "other kg processes are still reading it"
	}
	return "waiting"
}

// openDB opens the store file for one transaction or more: rw with an
// exclusive lock, otherwise a shared one, waiting up to s.waitTimeout. The
// file must be the one Open found (not replaced since), must pass
// validation, and must hold kg's metadata.
func (s *Store) openDB(rw bool) (*bolt.DB, error) {
	flag, why := os.O_RDONLY, WaitCommit
	if rw {
		flag, why = os.O_RDWR, WaitReaders
	}
	var f *os.File
	if releasesBetweenWrites {
		wait := s.waitTimeout
		switch {
		case rw:
			s.announce(true)
			defer s.announce(false)
		case s.readOnly: // (a writer's own reads need not wait for its commits)
			wait = max(wait-s.holdBack(), lockPoll)
		}
		var err error
		f, err = lockWait(s.path, flag, rw, wait, why, s.onWait)
		if err != nil {
			return nil, fmt.Errorf("open store %q: %w", s.path, err)
		}
		if s.ident != nil {
			fi, err := f.Stat()
			if err != nil || !os.SameFile(fi, s.ident) {
				f.Close()
				return nil, fmt.Errorf("open store %q: the file was replaced or removed while kg had it open", s.path)
			}
		}
	}
	db, err := openBolt(s.path, f, !rw, s.waitTimeout, s.growth)
	if err != nil {
		return nil, err
	}
	if err := guardPath(s.path, func() error { return db.View(checkMeta) }); err != nil {
		return nil, errors.Join(fmt.Errorf("open store %q: %w", s.path, err), db.Close())
	}
	return db, nil
}

// announce records in the writer lock file whether the writer is waiting
// to commit (byte 0: 1 or 0), so that readers hold back (see holdBack):
// otherwise readers that follow one another closely could keep the shared
// lock taken and starve the writer.
func (s *Store) announce(waiting bool) {
	if s.owner == nil {
		return
	}
	b := []byte{0}
	if waiting {
		b[0] = 1
	}
	_, _ = s.owner.WriteAt(b, 0) // at worst readers do not hold back
}

// holdBack waits, up to the wait timeout, while a writer says it is waiting
// to commit, and returns how long it waited. A flag left by a writer that
// was killed is ignored: nobody holds the writer lock any more.
func (s *Store) holdBack() time.Duration {
	f, err := os.Open(LockPath(s.path))
	if err != nil {
		return 0 // no writer lock file: no writer
	}
	defer f.Close()
	start := time.Now()
	noticed := false
	for {
		var b [1]byte
		if n, _ := f.ReadAt(b[:], 0); n == 0 || b[0] == 0 {
			break
		}
		if free, err := tryLock(f, false); err != nil || free {
			break // no live writer; closing f releases the lock
		}
		waited := time.Since(start)
		if waited >= s.waitTimeout {
			break // the file lock decides
		}
		if !noticed && waited >= WaitNotice && s.onWait != nil {
			noticed = true
			s.onWait(WaitCommit)
		}
		time.Sleep(lockPoll)
	}
	return time.Since(start)
}

// openBolt validates the store file and opens it with bbolt. f, when not
// nil, is the file already open and locked, which bbolt takes over (and
// closes, also on error); otherwise bbolt opens and locks path itself,
// waiting up to timeout. A writer maps the file with room for growth more
// bytes (see writerMapSize).
func openBolt(path string, f *os.File, readOnly bool, timeout time.Duration, growth int64) (*bolt.DB, error) {
	var err error
	if f != nil {
		err = validateOpen(f, path)
	} else {
		err = validateFile(path)
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, fmt.Errorf("open store: %w", err)
	}
	// The map freelist allocates in constant time where the array one
	// scans every free page: loads into a large file free and allocate
	// thousands of pages each. The file's format is the same.
	opts := &bolt.Options{Timeout: max(timeout, time.Millisecond), ReadOnly: readOnly, FreelistType: bolt.FreelistMapType}
	if f != nil {
		opts.OpenFile = func(string, int, os.FileMode) (*os.File, error) { return f, nil }
	}
	if !readOnly {
		opts.InitialMmapSize = writerMapSize(fileSize(path) + growth)
	}
	var db *bolt.DB
	err = guardPath(path, func() (err error) {
		db, err = bolt.Open(path, 0o644, opts)
		return err
	})
	if err == nil {
		return db, nil
	}
	switch {
	case IsDamaged(err):
		return nil, fmt.Errorf("open store: %w", err)
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("open store %q: %w", path, graph.ErrStoreInUse)
	case errors.Is(err, berrors.ErrInvalid) || errors.Is(err, berrors.ErrVersionMismatch) || errors.Is(err, berrors.ErrChecksum):
		return nil, fmt.Errorf("open store %q: %w (%v)", path, ErrNotStore, err)
	}
	return nil, fmt.Errorf("open store %q: %w", path, err)
}

// acquire returns the open file for a transaction, opening it if needed:
// for a write (rw; the caller holds wmu) with the exclusive lock, for a
// read with whatever lock the Store holds. release must be called when the
// transaction is over; the last user of a handle closes it when the Store
// keeps no handle between transactions (see shouldKeep).
func (s *Store) acquire(rw bool) (db *bolt.DB, release func(), err error) {
	s.hmu.Lock()
	defer s.hmu.Unlock()
	if s.closed.Load() {
		return nil, nil, ErrClosed
	}
	if rw && s.db != nil && !s.dbRW {
		// Trade the shared lock for the exclusive one.
		for s.users > 0 {
			s.hcond.Wait()
		}
		if err := s.closeDB(); err != nil {
			return nil, nil, err
		}
	}
	if s.db == nil {
		db, err := s.openDB(rw)
		if err != nil {
			return nil, nil, err
		}
		s.db, s.dbRW = db, rw
	}
	s.users++
	return s.db, s.release, nil
}

func (s *Store) release() {
	s.hmu.Lock()
	defer s.hmu.Unlock()
	s.users--
	if s.users > 0 {
		return
	}
	s.hcond.Broadcast()
	if !s.shouldKeep() {
		// The transaction committed (or only read): an error closing
		// changes nothing the caller could act on.
		_ = s.closeDB()
	}
}

// shouldKeep reports whether the open handle stays open between
// transactions: a writer's shared one, and everything where kg cannot take
// locks itself (releasesBetweenWrites).
func (s *Store) shouldKeep() bool {
	if !releasesBetweenWrites {
		return true
	}
	return !s.readOnly && !s.dbRW
}

// closeDB closes the open handle, if any; s.hmu is held and no
// transaction uses it.
func (s *Store) closeDB() error {
	if s.db == nil {
		return nil
	}
	db := s.db
	s.db = nil
	if err := db.Close(); err != nil {
		return fmt.Errorf("close store %q: %w", s.path, err)
	}
	return nil
}

// fileSize returns the size of the file at path, 0 when it cannot tell.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
