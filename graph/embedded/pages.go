package embedded

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// Page layout of bbolt v1.5 (go.etcd.io/bbolt/internal/common/page.go):
// after the 16-byte page header come count elements of 16 bytes each,
//
//	branch element: pos u32, ksize u32, child pgid u64
//	leaf element:   flags u32, pos u32, ksize u32, vsize u32
//
// where pos is counted from the element itself. A leaf element flagged
// bucketLeafFlag holds a bucket: root pgid u64 and sequence u64, then, when
// root is 0, an inline page (header and elements) in the rest of the value.
const (
	boltBranchFlag   = 0x01
	boltLeafFlag     = 0x02
	boltFreelistFlag = 0x10
	boltBucketLeaf   = 0x01
	boltElemSize     = 16
	boltBucketHeader = 16
	maxTreeDepth     = 64
)

// pageWalker reads a bbolt file with plain reads, never through memory
// mapping, and checks that every page reachable from the root bucket, and
// the freelist, lies inside the file and that every element stays inside
// its page. Pages that pass can be handed to bbolt's own checks (which run
// in a goroutine of their own, where a fault could not be recovered).
type pageWalker struct {
	f        io.ReaderAt
	ps       uint64 // page size
	hwm      uint64 // pages in use
	seen     map[uint64]bool
	problems []error
}

func (w *pageWalker) add(format string, a ...any) {
	if len(w.problems) < maxProblems {
		w.problems = append(w.problems, fmt.Errorf(format, a...))
	}
}

// walkPages checks the page structure of the validated bbolt file at path,
// returning the problems found.
func walkPages(path string) ([]error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, boltPageHeader+boltMetaSize)
	if _, err := f.ReadAt(head, 0); err != nil {
		return nil, err
	}
	m0 := decodeMeta(head)
	if _, err := f.ReadAt(head, int64(m0.pageSize)); err != nil {
		return nil, err
	}
	m1 := decodeMeta(head)
	m := m0
	if m1.txid > m0.txid {
		m = m1
	}
	w := &pageWalker{f: f, ps: uint64(m.pageSize), hwm: m.hwm, seen: map[uint64]bool{}}
	w.tree(m.root, "the root bucket", 0)
	if m.freelist != boltNoFreelist {
		w.freelist(m.freelist)
	}
	return w.problems, nil
}

// page reads page id and its overflow pages; nil when it is out of bounds.
func (w *pageWalker) page(id uint64, what string) []byte {
	if id < 2 || id >= w.hwm {
		w.add("%s: page %d is outside the %d pages in use", what, id, w.hwm)
		return nil
	}
	if w.seen[id] {
		w.add("%s: page %d is used twice", what, id)
		return nil
	}
	w.seen[id] = true
	hdr := make([]byte, boltPageHeader)
	if _, err := w.f.ReadAt(hdr, int64(id*w.ps)); err != nil {
		w.add("%s: page %d cannot be read: %v", what, id, err)
		return nil
	}
	if got := binary.LittleEndian.Uint64(hdr); got != id {
		w.add("%s: page %d claims to be page %d", what, id, got)
		return nil
	}
	overflow := uint64(binary.LittleEndian.Uint32(hdr[12:]))
	if id+overflow >= w.hwm {
		w.add("%s: page %d runs %d pages past the end", what, id, id+overflow+1-w.hwm)
		return nil
	}
	buf := make([]byte, (overflow+1)*w.ps)
	if _, err := w.f.ReadAt(buf, int64(id*w.ps)); err != nil {
		w.add("%s: page %d cannot be read: %v", what, id, err)
		return nil
	}
	return buf
}

// tree checks the B+tree rooted at page id.
func (w *pageWalker) tree(id uint64, what string, depth int) {
	if depth > maxTreeDepth {
		w.add("%s: tree deeper than %d pages", what, maxTreeDepth)
		return
	}
	buf := w.page(id, what)
	if buf == nil {
		return
	}
	w.node(buf, id, what, depth)
}

// node checks the branch or leaf page in buf (a page, or an inline page).
func (w *pageWalker) node(buf []byte, id uint64, what string, depth int) {
	le := binary.LittleEndian
	flags := le.Uint16(buf[8:])
	count := uint64(le.Uint16(buf[10:]))
	size := uint64(len(buf))
	if boltPageHeader+count*boltElemSize > size {
		w.add("%s: page %d holds %d elements, more than fit", what, id, count)
		return
	}
	for i := range count {
		e := boltPageHeader + i*boltElemSize
		switch flags {
		case boltBranchFlag:
			pos, ksize, child := uint64(le.Uint32(buf[e:])), uint64(le.Uint32(buf[e+4:])), le.Uint64(buf[e+8:])
			if e+pos+ksize > size {
				w.add("%s: page %d element %d points outside the page", what, id, i)
				return
			}
			w.tree(child, what, depth+1)
		case boltLeafFlag:
			eflags, pos := le.Uint32(buf[e:]), uint64(le.Uint32(buf[e+4:]))
			ksize, vsize := uint64(le.Uint32(buf[e+8:])), uint64(le.Uint32(buf[e+12:]))
			end := e + pos + ksize + vsize
			if end > size {
				w.add("%s: page %d element %d points outside the page", what, id, i)
				return
			}
			if eflags&boltBucketLeaf == 0 {
				continue
			}
			key := buf[e+pos : e+pos+ksize]
			val := buf[e+pos+ksize : end]
			name := fmt.Sprintf("bucket %q", key)
			if vsize < boltBucketHeader {
				w.add("%s: page %d: %s has a truncated header", what, id, name)
				continue
			}
			if root := le.Uint64(val); root != 0 {
				w.tree(root, name, depth+1)
			} else if inline := val[boltBucketHeader:]; len(inline) < boltPageHeader {
				w.add("%s: page %d: inline %s is truncated", what, id, name)
			} else {
				w.node(inline, id, name, depth+1)
			}
		default:
			w.add("%s: page %d is neither a branch nor a leaf (flags %#x)", what, id, flags)
			return
		}
	}
}

// freelist checks the freelist page: every free page id is in use range.
func (w *pageWalker) freelist(id uint64) {
	buf := w.page(id, "the freelist")
	if buf == nil {
		return
	}
	le := binary.LittleEndian
	if flags := le.Uint16(buf[8:]); flags != boltFreelistFlag {
		w.add("the freelist: page %d is not a freelist page (flags %#x)", id, flags)
		return
	}
	count, start := uint64(le.Uint16(buf[10:])), uint64(boltPageHeader)
	if count == 0xFFFF {
		if len(buf) < boltPageHeader+8 {
			w.add("the freelist: page %d is truncated", id)
			return
		}
		count, start = le.Uint64(buf[boltPageHeader:]), boltPageHeader+8
	}
	if count > (uint64(len(buf))-start)/8 {
		w.add("the freelist: page %d lists %d pages, more than fit", id, count)
		return
	}
	for i := range count {
		if p := le.Uint64(buf[start+8*i:]); p < 2 || p >= w.hwm {
			w.add("the freelist: free page %d is outside the %d pages in use", p, w.hwm)
			return
		}
	}
}
