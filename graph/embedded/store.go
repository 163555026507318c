package embedded

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/memgraph"
)

var _ graph.Store = (*Store)(nil)

// FormatVersion is the version of the file layout written in the meta bucket.
// Open refuses files of another version. Version 2 seals every record with
// a checksum and adds the ingested bucket; files of version 1 are refused
// with ErrOldFormat. Version 3 adds the items bucket (spilled sets, see
// items.go): a file of version 2 is read as one with no items. Version 4
// keys the relationship index by start node before model id (see
// relIndexKey). A file of version 2 or 3 is read as it is, and upgraded to
// version 4 by its first write.
const FormatVersion = 4

// DefaultLockTimeout is how long Open waits for the file lock by default.
const DefaultLockTimeout = 2 * time.Second

// Errors returned by Open and by the methods of Store.
var (
	// ErrReadOnly is returned by Load, and by Query for an updating query,
	// on a store opened with Options.ReadOnly.
	ErrReadOnly = errors.New("store is opened read-only")
	// ErrClosed is returned by every method called after Close.
	ErrClosed = errors.New("store is closed")
	// ErrNotStore is returned by Open for a bbolt file that kg did not
	// write, or one of an unknown format version.
	ErrNotStore = errors.New("not a kg embedded store")
	// ErrOldFormat is returned by Open for a store written by an earlier
	// kg in a format this one does not read (version 1: records without
	// checksums). Such a store is not migrated, since its records cannot
	// be verified: it is rebuilt by ingesting the articles again into a
	// new file.
	ErrOldFormat = errors.New("the store was written by an earlier kg in an older format")
	// ErrConstraint is returned when a write would give two nodes, or two
	// relationships, the same id property. The write changes nothing.
	ErrConstraint = errors.New("id uniqueness constraint violated")
)

// Bucket names of the file layout.
var (
	bucketMeta    = []byte("meta")            // "format" → "kg-embedded", "version" → decimal FormatVersion
	bucketNodes   = []byte("nodes")           // itob(id) → node record; sequence = highest id handed out
	bucketRels    = []byte("rels")            // itob(id) → relationship record; sequence likewise
	bucketNodeIdx = []byte("nodeIndex")       // model id ("id" property) → itob(node id)
	bucketRelIdx  = []byte("relIndexByStart") // relIndexKey(start node, model id) → itob(relationship id)
	// bucketRelIdx3 is the relationship index of files of format 2 and 3:
	// model id → itob(relationship id).
	bucketRelIdx3 = []byte("relIndex")
	metaFormat    = []byte("format")
	metaVersion   = []byte("version")
	formatName    = []byte("kg-embedded")
	allBuckets    = [][]byte{bucketMeta, bucketNodes, bucketRels, bucketNodeIdx, bucketRelIdx, bucketIngested, bucketItems}
)

// Options configures Open. The zero value (or nil) opens the file for
// writing and waits DefaultLockTimeout for another writer to finish.
type Options struct {
	// ReadOnly opens the file to read only: Load and updating queries then
	// fail with ErrReadOnly. Any number of read-only stores may be open on
	// a file, also while a writable one is.
	ReadOnly bool
	// LockTimeout is how long Open of a writable store waits for another
	// writer to close before it fails with graph.ErrStoreInUse; zero means
	// DefaultLockTimeout.
	LockTimeout time.Duration
	// WaitTimeout bounds each wait for another process's transaction: a
	// read waiting for a commit, a write waiting for reads. Past it the
	// operation fails with graph.ErrStoreInUse. Zero means
	// DefaultWaitTimeout.
	WaitTimeout time.Duration
	// OnWait, when set, is called when a wait for another process has
	// lasted WaitNotice, with the reason, so that a person can be told why
	// nothing happens. It may be called from any goroutine using the Store.
	OnWait func(Wait)
	// MaxQueryMemory is the memory budget of each query, in bytes (see
	// cypher.Options.MaxMemory); zero means none. A query's time limit is
	// its context's deadline.
	MaxQueryMemory int64
	// Reads chooses what read-only queries read: the snapshot or the
	// in-memory graph (see ReadMode). The zero value is ReadAuto.
	Reads ReadMode
	// Logf, when set, receives debug lines: why a snapshot was not used,
	// when one is rebuilt. It may be called from any goroutine.
	Logf func(format string, args ...any)
	// OnUpgrade, when set, is called when the first write to a file of an
	// earlier format starts upgrading it to FormatVersion (once per file;
	// about a minute for millions of relationships), with the file's
	// format, so that a person can be told why nothing happens meanwhile.
	OnUpgrade func(from int)
	// Growth is how many bytes a writer expects the file to grow by while
	// it is open (an ingest of many articles: a few KiB each). A large
	// one makes it map the file once with room for them, rather than
	// remap it as it grows, which costs a load in progress a copy of all
	// it holds. Zero means no expectation.
	Growth int64
}

// Store is the embedded graph store: a bbolt file holding nodes and
// relationships under int64 ids, with indexes from the model's id property
// to those ids; read-only queries run on its snapshot or on an in-memory
// graph built from the file on the first query (see ReadMode).
//
// # Locking
//
// One writable Store at a time may be open on a file: a second writable
// Open, in this process or another, fails with graph.ErrStoreInUse after
// Options.LockTimeout. Read-only Stores may be open alongside it and each
// of their reads sees the last committed write, whole: the writer holds
// the file exclusively only while it commits (see file.go). A read that
// comes during a commit waits for it, up to Options.WaitTimeout.
//
// # Concurrency
//
// A Store is safe for concurrent use. Loads and updating queries are
// serialised; read-only queries run concurrently with each other.
//
// # Ids
//
// Every node and relationship has an int64 id, never reused, which is the
// ElementID of query results. Nodes and relationships loaded from batches
// carry their model id as the "id" property; those created by Cypher
// without an "id" property are given the synthetic id "n<int64 id>" or
// "r<int64 id>" by Snapshot.
type Store struct {
	path        string
	readOnly    bool
	maxMem      int64 // memory budget of a query
	waitTimeout time.Duration
	onWait      func(Wait)
	owner       *os.File    // a writer's locked writer lock file
	ident       os.FileInfo // the store file as Open found it

	// The open bbolt file, if any (see acquire).
	hmu   sync.Mutex
	hcond *sync.Cond
	db    *bolt.DB
	dbRW  bool // db holds the exclusive lock
	users int  // transactions using db

	wmu sync.Mutex   // serialises writers: Load, updating queries, building mem
	mu  sync.RWMutex // guards mem and memTx, tx and txSnap
	mem *memgraph.Graph
	// tx is the open explicit write transaction, if any: mem then holds its
	// uncommitted writes, so read-only queries read txSnap instead, a
	// snapshot of the last committed state built for them (under
	// txSnapMu) on the first read the transaction meets.
	tx       *Tx
	txSnap   *snapshot
	txSnapMu sync.Mutex
	// snap is the snapshot read-only queries read (see ReadMode); stale
	// ones are replaced under mu, so queries hold mu.RLock while they run.
	snap      *snapshot
	reads     ReadMode
	logf      func(format string, args ...any)
	onUpgrade func(from int)
	wrote     atomic.Bool // a write transaction committed
	// current is set once the file is known to be of FormatVersion
	// (upgraded by the first write if need be).
	current atomic.Bool
	// growth is Options.Growth: room a writer maps the file with.
	growth int64
	// memTx is the bbolt transaction mem was built from (read-only stores).
	memTx  int
	closed atomic.Bool // set by Close
}

// Open opens the store at path, creating it unless opts.ReadOnly is set.
// A nil opts means the zero Options. A writable Open fails with
// graph.ErrStoreInUse when another writable store holds the file for
// longer than the lock timeout; any Open fails with ErrNotStore for a file
// that is not a kg store, and with an error wrapping ErrDamaged for a
// damaged one.
func Open(path string, opts *Options) (*Store, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	if o.WaitTimeout <= 0 {
		o.WaitTimeout = DefaultWaitTimeout
	}
	if path == "" {
		return nil, errors.New("open store: empty path")
	}
	s := &Store{path: path, readOnly: o.ReadOnly, maxMem: o.MaxQueryMemory, waitTimeout: o.WaitTimeout, onWait: o.OnWait,
		reads: o.Reads, logf: o.Logf, onUpgrade: o.OnUpgrade, growth: o.Growth}
	s.hcond = sync.NewCond(&s.hmu)
	if !o.ReadOnly && releasesBetweenWrites {
		owner, err := lockWait(LockPath(path), os.O_RDWR|os.O_CREATE, true, o.LockTimeout, WaitWriter, o.OnWait)
		if err != nil {
			return nil, fmt.Errorf("open store %q: %w", path, err)
		}
		s.owner = owner
	}
	if err := s.open(); err != nil {
		s.closed.Store(true)
		return nil, errors.Join(err, s.closeFiles())
	}
	return s, nil
}

// open creates the file if needed (a writer), records its identity, and
// opens it once to check it is a kg store.
func (s *Store) open() error {
	fi, err := os.Stat(s.path)
	if errors.Is(err, os.ErrNotExist) && !s.readOnly {
		if err := create(s.path); err != nil {
			return err
		}
		fi, err = os.Stat(s.path)
	}
	if err != nil {
		return fmt.Errorf("open store %q: %w", s.path, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("open store: %w: %q is not a regular file", ErrNotStore, s.path)
	}
	s.ident = fi
	// Where kg cannot release the file between writes, a writer holds it
	// exclusively from now on.
	_, release, err := s.acquire(!s.readOnly && !releasesBetweenWrites)
	if err != nil {
		return err
	}
	release()
	return nil
}

// create makes a new, empty store at path, atomically: it is built under
// another name and linked into place, so that no reader ever sees a file
// without kg's metadata. It is not an error that another process created
// path meanwhile.
func create(path string) error {
	tmp := path + ".new"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("create store %q: %w", path, err)
	}
	defer os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o644, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("create store %q: %w", path, err)
	}
	if err := errors.Join(db.Update(initMeta), db.Close()); err != nil {
		return fmt.Errorf("create store %q: %w", path, err)
	}
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, os.ErrExist) {
		// A file system without hard links: rename, which is atomic too.
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("create store %q: %w", path, err)
		}
	}
	return nil
}

func initMeta(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucket(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	if err := meta.Put(metaFormat, formatName); err != nil {
		return err
	}
	if err := meta.Put(metaVersion, []byte(strconv.Itoa(FormatVersion))); err != nil {
		return err
	}
	return newState(tx)
}

func checkMeta(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil || string(meta.Get(metaFormat)) != string(formatName) {
		return fmt.Errorf("%w: no kg metadata", ErrNotStore)
	}
	switch v := string(meta.Get(metaVersion)); v {
	case strconv.Itoa(FormatVersion):
	case "2", "3":
		// Before the relationship index keyed by start node; format 2
		// before the items bucket too (its records hold every list).
		for _, name := range allBuckets {
			switch {
			case bytes.Equal(name, bucketRelIdx):
				name = bucketRelIdx3
			case bytes.Equal(name, bucketItems) && v == "2":
				continue
			}
			if tx.Bucket(name) == nil {
				return fmt.Errorf("%w: bucket %s missing", ErrNotStore, name)
			}
		}
		return nil
	case "1":
		return fmt.Errorf("%w (format 1, whose records carry no checksums; this kg writes format %d): "+
			"ingest the articles again into a new store", ErrOldFormat, FormatVersion)
	default:
		return fmt.Errorf("%w: format version %q, want %d", ErrNotStore, v, FormatVersion)
	}
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return fmt.Errorf("%w: bucket %s missing", ErrNotStore, name)
		}
	}
	return nil
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close releases the file and its locks. Calling it again returns nil.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed.Load() {
		return nil
	}
	if s.wrote.Load() {
		// Leave a snapshot of what was written for the readers to come;
		// without one they build it themselves.
		if err := s.refreshSnapshot(context.Background(), false, false); err != nil {
			s.debugf("snapshot not written: %v", err)
		}
	}
	s.closed.Store(true)
	s.mu.Lock()
	s.mem = nil
	err := s.snap.close()
	s.snap = nil
	s.mu.Unlock()
	return errors.Join(err, s.closeFiles())
}

// closeFiles closes the store file, once no transaction uses it, and
// releases the writer lock.
func (s *Store) closeFiles() error {
	s.hmu.Lock()
	for s.users > 0 {
		s.hcond.Wait()
	}
	err := s.closeDB()
	s.hmu.Unlock()
	if s.owner != nil {
		err = errors.Join(err, s.owner.Close()) // releases the lock
		s.owner = nil
	}
	return err
}

func (s *Store) isClosed() bool {
	return s.closed.Load()
}

// view runs fn in a read transaction, failing with ErrClosed after Close.
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	db, release, err := s.acquire(false)
	if err != nil {
		return err
	}
	defer release()
	return s.guard(func() error { return db.View(fn) })
}

// updateTx runs fn in a write transaction; the caller holds wmu.
func (s *Store) updateTx(fn func(tx *bolt.Tx) error) error {
	db, release, err := s.acquire(true)
	if err != nil {
		return err
	}
	defer release()
	defer releasing(db)()
	err = s.guard(func() error {
		if !s.current.Load() {
			if err := upgrade(db, s.onUpgrade, s.logf); err != nil {
				return err
			}
			s.current.Store(true)
		}
		return db.Update(func(tx *bolt.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			// What fn read of the file is not needed for the commit,
			// which writes from memory.
			releaseMapped(tx)
			return newState(tx)
		})
	})
	if err == nil {
		s.wrote.Store(true)
	}
	return err
}

// errNoChange rolls back a Load that would write nothing.
var errNoChange = errors.New("nothing to change")

// change is a node or relationship written by a Load, to replay on mem.
type change struct {
	id      int64
	created bool
	labels  []string // nodes
	typ     string   // relationships
	start   int64
	end     int64
	props   map[string]any // the merged properties; spilledSet for a spilled set
	changed []string       // keys that changed, when !created
	// adds holds, by key, the elements new to spilled sets, which are
	// written as items without rewriting the record.
	adds map[string]map[string]struct{}
}

// merge merges src into c by graph.MergeProps and reports whether c
// changed; an existing c notes the keys that did. An element of a spilled
// set is looked up among items (nil when the file has none).
func (c *change) merge(src map[string]any, items *bolt.Bucket, kind byte) bool {
	changed := false
	for k, v := range src {
		var grew bool
		if _, spilled := c.props[k].(spilledSet); spilled {
			grew = c.add(k, graph.SetElements(v), items, itemPropPrefix(kind, c.id, k))
		} else {
			grew = graph.MergeProps(c.props, graph.Props{k: v})
		}
		if grew {
			changed = true
			if !c.created {
				c.changed = appendNew(c.changed, []string{k})
			}
		}
	}
	return changed
}

// add notes the elements of the spilled set k that are neither among its
// items nor already noted, and reports whether there were any.
func (c *change) add(k string, elems []string, items *bolt.Bucket, prefix []byte) bool {
	added := false
	for _, e := range elems {
		if _, ok := c.adds[k][e]; ok || items != nil && hasItem(items, prefix, e) {
			continue
		}
		if c.adds == nil {
			c.adds = map[string]map[string]struct{}{}
		}
		if c.adds[k] == nil {
			c.adds[k] = map[string]struct{}{}
		}
		c.adds[k][e] = struct{}{}
		added = true
	}
	return added
}

// rewrite reports whether c's record must be written: it is new, or a
// property other than a spilled set changed.
func (c *change) rewrite() bool {
	return c.created || slices.ContainsFunc(c.changed, func(k string) bool {
		_, spilled := c.props[k].(spilledSet)
		return !spilled
	})
}

// Load merges b into the store in one transaction, with the merge rules of
// graph.MergeProps: nodes first, then relationships, whose end points must
// be in b or already stored. A node keeps its first label. Either all of b
// is stored or, on error, nothing; a Load that returned survives a crash of
// the process afterwards. Nothing is written when b changes nothing.
func (s *Store) Load(ctx context.Context, b *graph.Batch) (graph.LoadStats, error) {
	return s.load(ctx, b, nil)
}

// load is Load with extra, run in the same transaction after the batch is
// written (or found to change nothing): it returns errNoChange when it
// wrote nothing either.
func (s *Store) load(ctx context.Context, b *graph.Batch, extra func(tx *bolt.Tx) error) (graph.LoadStats, error) {
	var st graph.LoadStats
	if s.readOnly {
		return st, fmt.Errorf("load: %w", ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if (b == nil || b.Len() == 0) && extra == nil {
		return st, nil
	}
	if b == nil {
		b = &graph.Batch{}
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.isClosed() {
		return st, fmt.Errorf("load: %w", ErrClosed)
	}
	var nodes, rels []change
	err := s.updateTx(func(tx *bolt.Tx) error {
		var err error
		st = graph.LoadStats{}
		nodes, rels, err = planLoad(ctx, tx, b, &st)
		if err != nil {
			return err
		}
		if err := applyLoad(tx, nodes, rels); err != nil {
			return err
		}
		if extra != nil {
			if err := extra(tx); err != nil && !errors.Is(err, errNoChange) {
				return err
			} else if err == nil {
				return nil
			}
		}
		if len(nodes) == 0 && len(rels) == 0 {
			// Roll back: a transaction that wrote nothing is not synced.
			return errNoChange
		}
		return nil
	})
	if errors.Is(err, errNoChange) {
		return st, nil
	}
	if err != nil {
		return graph.LoadStats{}, fmt.Errorf("load: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mem != nil {
		if err := syncMem(s.mem, nodes, rels); err != nil {
			// The file is right; rebuild the in-memory graph on next query.
			s.mem = nil
		}
	}
	return st, nil
}

// recordBuckets returns the node and relationship buckets of tx, set to
// fill their pages: new records come in id order, at the end, where
// bbolt's default (split pages half full, for keys that come in any
// order) would leave the file twice the size of its records.
func recordBuckets(tx *bolt.Tx) (nodes, rels *bolt.Bucket) {
	nodes, rels = tx.Bucket(bucketNodes), tx.Bucket(bucketRels)
	nodes.FillPercent, rels.FillPercent = 0.95, 0.95
	return nodes, rels
}

// planLoad computes, in tx, what loading b changes. New nodes and
// relationships get ids after the buckets' sequences, in batch order.
func planLoad(ctx context.Context, tx *bolt.Tx, b *graph.Batch, st *graph.LoadStats) (nodes, rels []change, err error) {
	nb, rb := tx.Bucket(bucketNodes), tx.Bucket(bucketRels)
	ni, ri := tx.Bucket(bucketNodeIdx), tx.Bucket(bucketRelIdx)
	items := tx.Bucket(bucketItems) // upgrade created it in a file of format 2
	// Ids given to nodes and relationships new in this batch.
	newNodes := map[string]int64{}
	newRels := map[string]int64{}
	nodeAt := map[int64]int{} // id → index in nodes, for repeated ids in b
	relAt := map[int64]int{}
	nextNode, nextRel := int64(nb.Sequence()), int64(rb.Sequence())
	for i := range b.Nodes {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		n := &b.Nodes[i]
		if n.ID == "" {
			return nil, nil, fmt.Errorf("node %d of batch (%s): empty id", i, n.Label)
		}
		src, err := normalizeProps(n.Props)
		if err != nil {
			return nil, nil, fmt.Errorf("node %s: %w", n.ID, err)
		}
		src[graph.PropID] = n.ID
		id, known := newNodes[n.ID]
		if known {
			nodes[nodeAt[id]].merge(src, items, itemNode)
			continue
		}
		if v := ni.Get([]byte(n.ID)); v != nil {
			id, err := indexID([]byte(n.ID), v)
			if err != nil {
				return nil, nil, fmt.Errorf("node %s: %w", n.ID, err)
			}
			rec := nb.Get(itob(id))
			if rec == nil {
				return nil, nil, fmt.Errorf("node %s: index points to missing node %d: %w", n.ID, id, errCorrupt)
			}
			labels, props, err := decodeStoredNode(id, rec)
			if err != nil {
				return nil, nil, fmt.Errorf("node %s (%d): %w", n.ID, id, err)
			}
			newNodes[n.ID] = id
			nodeAt[id] = len(nodes)
			c := change{id: id, labels: labels, props: props}
			if c.merge(src, items, itemNode) {
				st.NodesUpdated++
			}
			nodes = append(nodes, c)
			continue
		}
		if n.Label == "" {
			return nil, nil, fmt.Errorf("node %s: empty label", n.ID)
		}
		nextNode++
		newNodes[n.ID] = nextNode
		nodeAt[nextNode] = len(nodes)
		st.NodesCreated++
		nodes = append(nodes, change{id: nextNode, created: true, labels: []string{n.Label}, props: canonical(src)})
	}
	lookupNode := func(modelID string) (int64, error) {
		if id, ok := newNodes[modelID]; ok {
			return id, nil
		}
		v := ni.Get([]byte(modelID))
		if v == nil {
			return 0, fmt.Errorf("node %q not found", modelID)
		}
		return indexID([]byte(modelID), v)
	}
	for i := range b.Relationships {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		r := &b.Relationships[i]
		if r.ID == "" {
			return nil, nil, fmt.Errorf("relationship %d of batch (%s): empty id", i, r.Type)
		}
		src, err := normalizeProps(r.Props)
		if err != nil {
			return nil, nil, fmt.Errorf("relationship %s: %w", r.ID, err)
		}
		src[graph.PropID] = r.ID
		if id, known := newRels[r.ID]; known {
			rels[relAt[id]].merge(src, items, itemRel)
			continue
		}
		// A relationship is indexed under its start node (without one it
		// is not stored, and creating it below says why), which is the
		// batch's end when the batch has it reversed (a SPOKE_WITH told the
		// other way round). The end is looked up once, when the start does
		// not find it: a new relationship needs it too.
		start, startErr := lookupNode(r.Start)
		var v []byte
		end, endErr := int64(-1), startErr
		if startErr == nil {
			if v = ri.Get(relIndexKey(start, r.ID)); v == nil {
				if end, endErr = lookupNode(r.End); endErr == nil && end != start {
					v = ri.Get(relIndexKey(end, r.ID))
				}
			}
		}
		if v != nil {
			id, err := indexID([]byte(r.ID), v)
			if err != nil {
				return nil, nil, fmt.Errorf("relationship %s: %w", r.ID, err)
			}
			rec := rb.Get(itob(id))
			if rec == nil {
				return nil, nil, fmt.Errorf("relationship %s: index points to missing relationship %d: %w", r.ID, id, errCorrupt)
			}
			typ, start, end, props, err := decodeStoredRel(id, rec)
			if err != nil {
				return nil, nil, fmt.Errorf("relationship %s (%d): %w", r.ID, id, err)
			}
			newRels[r.ID] = id
			relAt[id] = len(rels)
			c := change{id: id, typ: typ, start: start, end: end, props: props}
			if c.merge(src, items, itemRel) {
				st.RelationshipsUpdated++
			}
			rels = append(rels, c)
			continue
		}
		if r.Type == "" {
			return nil, nil, fmt.Errorf("relationship %s: empty type", r.ID)
		}
		if startErr != nil {
			return nil, nil, fmt.Errorf("relationship %s: start: %w", r.ID, startErr)
		}
		if endErr != nil {
			return nil, nil, fmt.Errorf("relationship %s: end: %w", r.ID, endErr)
		}
		nextRel++
		newRels[r.ID] = nextRel
		relAt[nextRel] = len(rels)
		st.RelationshipsCreated++
		rels = append(rels, change{id: nextRel, created: true, typ: r.Type, start: start, end: end, props: canonical(src)})
	}
	// Keep only what changed.
	nodes = slices.DeleteFunc(nodes, func(c change) bool { return !c.created && len(c.changed) == 0 })
	rels = slices.DeleteFunc(rels, func(c change) bool { return !c.created && len(c.changed) == 0 })
	return nodes, rels, nil
}

// canonical returns src merged into empty properties: lists become sorted
// sets and empty values go, so that a later load of the same values is
// recognised as no change.
func canonical(src map[string]any) map[string]any {
	p := graph.Props{}
	graph.MergeProps(p, src)
	return p
}

func appendNew(dst, keys []string) []string {
	for _, k := range keys {
		if !slices.Contains(dst, k) {
			dst = append(dst, k)
		}
	}
	return dst
}

// applyLoad writes the planned changes.
func applyLoad(tx *bolt.Tx, nodes, rels []change) error {
	nb, rb := recordBuckets(tx)
	ni, ri := tx.Bucket(bucketNodeIdx), tx.Bucket(bucketRelIdx)
	ri.FillPercent = indexFill
	items, err := writableItems(tx)
	if err != nil {
		return err
	}
	var maxNode, maxRel int64
	for _, c := range nodes {
		if err := c.putAdds(items, itemNode); err != nil {
			return fmt.Errorf("node %d: %w", c.id, err)
		}
		if !c.rewrite() {
			continue
		}
		props, err := writeProps(items, itemNode, c.id, c.props)
		if err != nil {
			return fmt.Errorf("node %d: %w", c.id, err)
		}
		rec, err := encodeNode(c.id, c.labels, props)
		if err != nil {
			return fmt.Errorf("node %v: %w", c.props[graph.PropID], err)
		}
		if err := nb.Put(itob(c.id), rec); err != nil {
			return fmt.Errorf("write node %d: %w", c.id, err)
		}
		if c.created {
			mid := c.props[graph.PropID].(string)
			if err := ni.Put([]byte(mid), indexValue(mid, c.id)); err != nil {
				return fmt.Errorf("index node %d: %w", c.id, err)
			}
			maxNode = max(maxNode, c.id)
		}
	}
	for _, c := range rels {
		if err := c.putAdds(items, itemRel); err != nil {
			return fmt.Errorf("relationship %d: %w", c.id, err)
		}
		if !c.rewrite() {
			continue
		}
		props, err := writeProps(items, itemRel, c.id, c.props)
		if err != nil {
			return fmt.Errorf("relationship %d: %w", c.id, err)
		}
		rec, err := encodeRel(c.id, c.typ, c.start, c.end, props)
		if err != nil {
			return fmt.Errorf("relationship %v: %w", c.props[graph.PropID], err)
		}
		if err := rb.Put(itob(c.id), rec); err != nil {
			return fmt.Errorf("write relationship %d: %w", c.id, err)
		}
		if c.created {
			mid := c.props[graph.PropID].(string)
			if err := ri.Put(relIndexKey(c.start, mid), indexValue(mid, c.id)); err != nil {
				return fmt.Errorf("index relationship %d: %w", c.id, err)
			}
			maxRel = max(maxRel, c.id)
		}
	}
	if uint64(maxNode) > nb.Sequence() {
		if err := nb.SetSequence(uint64(maxNode)); err != nil {
			return err
		}
	}
	if uint64(maxRel) > rb.Sequence() {
		if err := rb.SetSequence(uint64(maxRel)); err != nil {
			return err
		}
	}
	return nil
}

// putAdds writes the elements c adds to its spilled sets.
func (c *change) putAdds(items *bolt.Bucket, kind byte) error {
	for k, elems := range c.adds {
		if err := putItems(items, itemPropPrefix(kind, c.id, k), slices.Collect(maps.Keys(elems))); err != nil {
			return err
		}
	}
	return nil
}

// syncMem replays a committed Load on the in-memory graph.
func syncMem(g *memgraph.Graph, nodes, rels []change) error {
	defer g.ResetJournal()
	for _, c := range nodes {
		if c.created {
			if err := g.LoadNode(c.id, c.labels, toEngine(c.props)); err != nil {
				return err
			}
			continue
		}
		for _, k := range c.changed {
			cur, _ := g.NodeProp(c.id, k)
			g.SetNodeProp(c.id, k, c.memValue(k, cur))
		}
	}
	for _, c := range rels {
		if c.created {
			if err := g.LoadRelationship(c.id, c.typ, c.start, c.end, toEngine(c.props)); err != nil {
				return err
			}
			continue
		}
		for _, k := range c.changed {
			cur, _ := g.RelProp(c.id, k)
			g.SetRelProp(c.id, k, c.memValue(k, cur))
		}
	}
	return nil
}

// memValue returns the engine's value of property k of c after the load,
// given its value before, cur: for a spilled set, cur with c's additions.
func (c *change) memValue(k string, cur any) any {
	if _, spilled := c.props[k].(spilledSet); !spilled {
		return engineValue(c.props[k])
	}
	l, _ := cur.([]any)
	set := make([]string, 0, len(l)+len(c.adds[k]))
	for _, x := range l {
		if s, ok := x.(string); ok {
			set = append(set, s)
		}
	}
	for e := range c.adds[k] {
		set = append(set, e)
	}
	slices.Sort(set)
	return engineValue(slices.Compact(set))
}

// Counts returns the number of nodes per label and relationships per type,
// read from the file. A node with several labels counts under each.
func (s *Store) Counts(ctx context.Context) (*graph.Counts, error) {
	if s.readsSnapshot() {
		if c, ok, err := s.snapshotCounts(ctx); ok {
			if err != nil {
				return nil, fmt.Errorf("counts: %w", err)
			}
			return c, nil
		}
	}
	c := &graph.Counts{Nodes: map[string]int{}, Relationships: map[string]int{}}
	err := s.view(func(tx *bolt.Tx) error {
		if err := scanBucket(ctx, tx.Bucket(bucketNodes), 0, -1, func(id int64, v []byte) error {
			labels, err := decodeNodeLabels(id, v)
			if err != nil {
				return fmt.Errorf("node %d: %w", id, err)
			}
			for _, l := range labels {
				c.Nodes[l]++
			}
			return nil
		}); err != nil {
			return err
		}
		return scanBucket(ctx, tx.Bucket(bucketRels), 0, -1, func(id int64, v []byte) error {
			typ, _, _, err := decodeRelHead(id, v)
			if err != nil {
				return fmt.Errorf("relationship %d: %w", id, err)
			}
			c.Relationships[typ]++
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("counts: %w", err)
	}
	return c, nil
}

// Snapshot returns the whole graph, read from the file, sorted by
// graph.SortBatch. Node and relationship ids are their "id" property; those
// without one (created by Cypher) get "n<int64 id>" or "r<int64 id>". A node
// with several labels (possible only through Cypher) appears under the first
// in sorted order; a node without labels under "". Props never hold "id".
func (s *Store) Snapshot(ctx context.Context) (*graph.Batch, error) {
	b := &graph.Batch{}
	err := s.view(func(tx *bolt.Tx) error {
		modelID := map[int64]string{}
		if err := scanRecords(ctx, tx, itemNode, func(id int64, v []byte) error {
			labels, props, err := decodeNode(id, v)
			if err != nil {
				return fmt.Errorf("node %d: %w", id, err)
			}
			n := graph.Node{ID: nodeModelID(id, props), Props: props}
			delete(props, graph.PropID)
			if len(labels) > 0 {
				n.Label = labels[0]
			}
			modelID[id] = n.ID
			b.Nodes = append(b.Nodes, n)
			return nil
		}); err != nil {
			return err
		}
		return scanRecords(ctx, tx, itemRel, func(id int64, v []byte) error {
			typ, start, end, props, err := decodeRel(id, v)
			if err != nil {
				return fmt.Errorf("relationship %d: %w", id, err)
			}
			r := graph.Relationship{ID: relModelID(id, props), Type: typ, Props: props}
			delete(props, graph.PropID)
			var ok1, ok2 bool
			r.Start, ok1 = modelID[start]
			r.End, ok2 = modelID[end]
			if !ok1 || !ok2 {
				return fmt.Errorf("relationship %d: dangling end point: %w", id, errCorrupt)
			}
			b.Relationships = append(b.Relationships, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	graph.SortBatch(b)
	return b, nil
}

func nodeModelID(id int64, props map[string]any) string {
	if s, ok := props[graph.PropID].(string); ok && s != "" {
		return s
	}
	return "n" + strconv.FormatInt(id, 10)
}

func relModelID(id int64, props map[string]any) string {
	if s, ok := props[graph.PropID].(string); ok && s != "" {
		return s
	}
	return "r" + strconv.FormatInt(id, 10)
}

// relIndexKey is the key of relationship modelID from node start in the
// relationship index: the start's id (itob) then the model id. Most new
// relationships leave a new node (an article's MENTIONS), so their keys
// follow one another at the end of the index: a load writes a few pages of
// it rather than a page for nearly every key, as keys of hashed model ids
// alone spread over the whole index did, making a commit's cost grow with
// the store (format 3).
func relIndexKey(start int64, modelID string) []byte {
	k := make([]byte, 8, 8+len(modelID))
	binary.BigEndian.PutUint64(k, uint64(start))
	return append(k, modelID...)
}

// indexFill is the fill of the relationship index's pages: its keys come
// mostly in order, at its end, where bbolt's default (split pages half
// full, for keys that come in any order) would leave half of each page
// empty.
const indexFill = 0.9

// upgradeChunk is how many relationships each transaction of an upgrade
// indexes (a variable for tests): a transaction holds every page it
// writes, so a store of millions is rekeyed in many.
var upgradeChunk int64 = 1 << 18

// upgrade brings the file db to FormatVersion before its first write, in
// transactions of its own. A file of format 2 or 3 gets the relationship
// index keyed by start node, built from the records upgradeChunk
// relationships at a time into a bucket of its own, the old index dropped
// and the items bucket created (format 2) in the last one, which sets the
// version: until then the file is of its old format, which readers read as
// it is, and an upgrade stopped half way starts again. A file of this
// version is left as it is.
func upgrade(db *bolt.DB, notice func(from int), logf func(string, ...any)) error {
	var version string
	if err := db.View(func(tx *bolt.Tx) error {
		version = string(tx.Bucket(bucketMeta).Get(metaVersion))
		return nil
	}); err != nil {
		return err
	}
	switch version {
	case strconv.Itoa(FormatVersion):
		return nil
	case "2", "3":
	default:
		return fmt.Errorf("upgrade: %w: format version %q", ErrNotStore, version)
	}
	if notice != nil {
		from, _ := strconv.Atoi(version)
		notice(from)
	}
	start := time.Now() // updateTx releases the pages read meanwhile
	if err := db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRelIdx) != nil {
			if err := tx.DeleteBucket(bucketRelIdx); err != nil { // a stopped upgrade's
				return err
			}
		}
		_, err := tx.CreateBucket(bucketRelIdx)
		return err
	}); err != nil {
		return fmt.Errorf("upgrade: %w", err)
	}
	var rels int
	for from := int64(0); from >= 0; {
		if err := db.Update(func(tx *bolt.Tx) error {
			n, next, err := indexRels(tx, from)
			rels, from = rels+n, next
			return err
		}); err != nil {
			return fmt.Errorf("upgrade: %w", err)
		}
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketRelIdx3); err != nil {
			return fmt.Errorf("drop the old relationship index: %w", err)
		}
		if tx.Bucket(bucketItems) == nil {
			if _, err := tx.CreateBucket(bucketItems); err != nil {
				return fmt.Errorf("create bucket %s: %w", bucketItems, err)
			}
		}
		if err := tx.Bucket(bucketMeta).Put(metaVersion, []byte(strconv.Itoa(FormatVersion))); err != nil {
			return err
		}
		return newState(tx)
	}); err != nil {
		return fmt.Errorf("upgrade: %w", err)
	}
	if logf != nil {
		logf("store upgraded from format %s to %d: %d relationships indexed by start node in %s",
			version, FormatVersion, rels, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// indexRels adds to the relationship index of tx the entries of up to
// upgradeChunk relationships from id from on, and returns how many it
// indexed and the id to go on from (-1: none left). Relationships come in
// id order, which follows their start nodes closely enough that each
// chunk's keys, sorted, land mostly after the last.
func indexRels(tx *bolt.Tx, from int64) (indexed int, next int64, err error) {
	type entry struct{ key, val []byte }
	var entries []entry
	next = -1
	c := tx.Bucket(bucketRels).Cursor()
	for k, v := c.Seek(itob(from)); k != nil; k, v = c.Next() {
		id, err := btoi(k)
		if err != nil {
			return 0, 0, err
		}
		if int64(len(entries)) == upgradeChunk {
			next = id
			break
		}
		_, start, _, props, err := decodeStoredRel(id, v)
		if err != nil {
			return 0, 0, fmt.Errorf("relationship %d: %w", id, err)
		}
		if mid, ok := props[graph.PropID].(string); ok && mid != "" {
			entries = append(entries, entry{relIndexKey(start, mid), indexValue(mid, id)})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return bytes.Compare(a.key, b.key) })
	ri := tx.Bucket(bucketRelIdx)
	ri.FillPercent = indexFill
	for _, e := range entries {
		if err := ri.Put(e.key, e.val); err != nil {
			return 0, 0, err
		}
	}
	return len(entries), next, nil
}
