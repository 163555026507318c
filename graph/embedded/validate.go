package embedded

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"runtime"
	"runtime/debug"
)

// ErrDamaged is wrapped by every error that finds the store file damaged:
// truncated, empty, a bad meta page, a page bbolt faults on, a record that
// does not decode. A damaged store is never repaired or rolled back behind
// the user's back; Open refuses it and Check says what is wrong.
var ErrDamaged = errors.New("the store file is damaged")

// DamageError is a damaged store file: Path names the file and Reason says
// what is wrong. It wraps ErrDamaged.
type DamageError struct {
	Path   string
	Reason string
}

func (e *DamageError) Error() string {
	return fmt.Sprintf("%q: %s: %s", e.Path, ErrDamaged, e.Reason)
}

// Unwrap returns ErrDamaged.
func (e *DamageError) Unwrap() error { return ErrDamaged }

// IsDamaged reports whether err is or wraps ErrDamaged.
func IsDamaged(err error) bool { return errors.Is(err, ErrDamaged) }

// The layout of a bbolt v1.5 file, as go.etcd.io/bbolt/internal/common
// defines it (a file of fixed-size pages; pages 0 and 1 are meta pages):
//
//	page header (16 bytes): id u64, flags u16, count u16, overflow u32
//	meta (64 bytes, after the header): magic u32, version u32, pageSize u32,
//	  flags u32, root bucket {root pgid u64, sequence u64}, freelist pgid
//	  u64, high-water mark pgid u64, txid u64, checksum u64 (FNV-64a of the
//	  56 bytes before it)
//
// All fields are in the machine's byte order; kg supports little-endian
// machines only, as bbolt files are not portable across byte orders.
const (
	boltPageHeader   = 16
	boltMetaSize     = 64
	boltMetaSumSpan  = 56
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	boltMetaPageFlag = 0x04
	boltNoFreelist   = ^uint64(0)
	minPageSize      = 512
	maxPageSize      = 1 << 16
)

// boltMeta is a decoded meta page.
type boltMeta struct {
	pageID   uint64
	flags    uint16
	magic    uint32
	version  uint32
	pageSize uint32
	root     uint64
	freelist uint64
	hwm      uint64 // pages in use: the file must hold at least hwm pages
	txid     uint64
	sum      uint64
	want     uint64 // the checksum computed over the meta
}

func decodeMeta(b []byte) boltMeta {
	le := binary.LittleEndian
	m := b[boltPageHeader:]
	h := fnv.New64a()
	_, _ = h.Write(m[:boltMetaSumSpan])
	return boltMeta{
		pageID:   le.Uint64(b[0:]),
		flags:    le.Uint16(b[8:]),
		magic:    le.Uint32(m[0:]),
		version:  le.Uint32(m[4:]),
		pageSize: le.Uint32(m[8:]),
		root:     le.Uint64(m[16:]),
		freelist: le.Uint64(m[32:]),
		hwm:      le.Uint64(m[40:]),
		txid:     le.Uint64(m[48:]),
		sum:      le.Uint64(m[56:]),
		want:     h.Sum64(),
	}
}

// problem describes what is wrong with meta page i, or returns "".
func (m boltMeta) problem(i int) string {
	switch {
	case m.magic != boltMagic:
		return fmt.Sprintf("meta page %d has no bbolt marker", i)
	case m.version != boltVersion:
		return fmt.Sprintf("meta page %d has bbolt format version %d, want %d", i, m.version, boltVersion)
	case m.sum != m.want:
		return fmt.Sprintf("meta page %d fails its checksum", i)
	case m.flags != boltMetaPageFlag || m.pageID != uint64(i):
		return fmt.Sprintf("meta page %d has a bad page header", i)
	case m.pageSize < minPageSize || m.pageSize > maxPageSize || m.pageSize&(m.pageSize-1) != 0:
		return fmt.Sprintf("meta page %d gives an impossible page size %d", i, m.pageSize)
	case m.hwm < 4:
		return fmt.Sprintf("meta page %d counts %d pages, fewer than a store has", i, m.hwm)
	case m.root < 2 || m.root >= m.hwm:
		return fmt.Sprintf("meta page %d puts the root page at %d, outside pages 2 to %d", i, m.root, m.hwm-1)
	case m.freelist != boltNoFreelist && (m.freelist < 2 || m.freelist >= m.hwm):
		return fmt.Sprintf("meta page %d puts the freelist at page %d, outside pages 2 to %d", i, m.freelist, m.hwm-1)
	}
	return ""
}

// validateFile checks the file at path before it is handed to bbolt, which
// maps it into memory and trusts it: a truncated file or a bad meta page
// would make bbolt fault (SIGBUS, SIGSEGV) or silently fall back to an
// earlier transaction. It returns nil for a file that does not exist (Open
// creates it), a *DamageError for a damaged one, and ErrNotStore, wrapped,
// for a file that is not a bbolt file at all.
func validateFile(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		// Opening a FIFO would block.
		return fmt.Errorf("%w: %q is not a regular file", ErrNotStore, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return validateOpen(f, path)
}

// validateOpen is validateFile on the file f, open on path.
func validateOpen(f *os.File, path string) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w: %q is not a regular file", ErrNotStore, path)
	}
	if runtime.GOARCH == "s390x" || runtime.GOARCH == "ppc64" || runtime.GOARCH == "mips" || runtime.GOARCH == "mips64" {
		return nil // big-endian: the layout above does not apply; bbolt checks alone
	}
	damaged := func(format string, a ...any) error {
		return &DamageError{Path: path, Reason: fmt.Sprintf(format, a...)}
	}
	size := fi.Size()
	if size == 0 {
		return damaged("the file is empty (0 bytes); delete it to start a new store")
	}
	head := make([]byte, boltPageHeader+boltMetaSize)
	if _, err := f.ReadAt(head, 0); err != nil {
		return damaged("the file is truncated to %d bytes, too short for a store", size)
	}
	m0 := decodeMeta(head)
	if m0.magic != boltMagic {
		return fmt.Errorf("%w: %q is not a bbolt file", ErrNotStore, path)
	}
	if p := m0.problem(0); p != "" && m0.sum != m0.want {
		// The page size is in the damaged page: look for the second meta
		// page at every page size bbolt could have used.
		for ps := int64(minPageSize); ps <= maxPageSize; ps *= 2 {
			if _, err := f.ReadAt(head, ps); err != nil {
				break
			}
			if m1 := decodeMeta(head); m1.problem(1) == "" && int64(m1.pageSize) == ps {
				return damaged("%s (the other one is intact; bbolt would silently roll back to transaction %d)", p, m1.txid)
			}
		}
		return damaged("%s", p)
	} else if p != "" {
		return damaged("%s", p)
	}
	ps := int64(m0.pageSize)
	if size < 2*ps {
		return damaged("the file is truncated to %d bytes, shorter than its two meta pages of %d bytes", size, ps)
	}
	if _, err := f.ReadAt(head, ps); err != nil {
		return damaged("cannot read meta page 1: %v", err)
	}
	m1 := decodeMeta(head)
	if p := m1.problem(1); p != "" {
		return damaged("%s (the other one is intact; bbolt would silently roll back to transaction %d)", p, m0.txid)
	}
	if m1.pageSize != m0.pageSize {
		return damaged("the meta pages disagree on the page size (%d and %d)", m0.pageSize, m1.pageSize)
	}
	hwm := max(m0.hwm, m1.hwm)
	if need := int64(hwm) * ps; need/ps != int64(hwm) || size < need {
		return damaged("the file is truncated: it has %d bytes but its pages need %d", size, int64(hwm)*ps)
	}
	return nil
}

// guard runs fn with faults on memory-mapped pages turned into panics
// (debug.SetPanicOnFault), and turns any panic of fn — a fault, or bbolt
// tripping over a damaged page — into a *DamageError for the store's file,
// so that a damaged file never takes the process down. Other errors that
// report damage (a record that does not decode) are given the file's name.
func (s *Store) guard(fn func() error) (err error) {
	return guardPath(s.path, fn)
}

func guardPath(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = &DamageError{Path: path, Reason: fmt.Sprintf("reading it failed: %v", r)}
		}
	}()
	err = fn()
	var de *DamageError
	if IsDamaged(err) && !errors.As(err, &de) {
		err = fmt.Errorf("%q: %w", path, err) // name the file
	}
	return err
}
