// Package embedded is kg's default graph store: a single bbolt file, queried
// through kg's own openCypher engine (graph/cypher), on a read-only Store
// over a memory-mapped snapshot of the file (SnapshotPath), and otherwise
// over an in-memory graph (graph/memgraph) built from the file.
//
// # Snapshot
//
// Beside the file lies path+".snap", an immutable adjacency snapshot of one
// committed state (see snapshot.go for its layout): read-only queries open
// it in constant time and read properties from it only as they need them,
// instead of decoding every record. It is stamped with the state it was
// built from and never used for another; a writer that committed writes it
// when it closes, and a reader that finds it missing, stale or damaged
// builds it (Options.Logf says so). ReadMode chooses what queries read.
//
// # File layout
//
// Seven buckets: "meta" (format name and FormatVersion), "nodes" and "rels"
// (records under 8-byte big-endian int64 ids taken from the bucket's
// sequence, never reused), "nodeIndex" (the model's "id" property → int64
// id) and "relIndexByStart" (the start node's id, then the model's "id" →
// int64 id: most new relationships leave a new node, so a load appends to
// the index rather than writing a page for nearly every key; the id's
// uniqueness across relationships is checked against the whole graph;
// files of format 2 and 3 have "relIndex", keyed by model id alone, until
// their first write builds the new one);
// "ingested", the inputs package ingest loaded (see
// Store.LoadTracked); and "items", the elements of long sets (a fact's
// sources, evidence, citations) kept one key each outside their record, so
// that a load adding an element inserts a key instead of rewriting a record
// that grows with every article (see items.go). Records use a compact, versioned binary
// encoding that keeps property types exact: string, int64, float64, bool,
// []string, and lists of other values written by Cypher.
//
// # Checksums
//
// Every value kg stores — node and relationship records, index entries,
// ingested-input entries — ends with a CRC-32C of its key and its bytes,
// verified on every read and by Check: a flipped bit is an error wrapping
// ErrDamaged, never a wrong answer. Files of format 1 (before checksums)
// are refused with ErrOldFormat rather than migrated, since what they hold
// cannot be verified; ingesting the articles again rebuilds them.
//
// # Durability and locking
//
// Every Load, and every updating query, is one bbolt transaction, fsynced
// when it commits: what a finished Load wrote survives a crash of the
// process in a later one. One writer holds the file exclusively; see
// [Store] for the lock rules and graph.ErrStoreInUse.
//
// # Merge rules
//
// Load merges by graph.MergeProps: lists are sets (sorted union), and of two
// different scalars the one graph.PreferScalar ranks first is kept, so the
// stored graph does not depend on the order of loads. Loading the same batch twice changes nothing, and
// writes nothing the second time.
package embedded
