package embedded

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph"
)

// bucketIngested records the inputs an ingest loaded: an input's key (its
// content hash and path, chosen by package ingest) → the stamp of the
// extractor that read it. It is written in the transaction that loads the
// input's facts, so it never names an input whose facts are not stored.
// Files written before the bucket existed get it on their first tracked
// load; until then every lookup misses.
var bucketIngested = []byte("ingested")

// Ingested reports whether LoadTracked recorded key with this stamp. It
// reads one key in its own read transaction: it neither builds the
// in-memory graph nor waits for a running Load.
func (s *Store) Ingested(ctx context.Context, key, stamp string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	var found bool
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketIngested)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(key))
		found = v != nil && bytes.Equal(v, []byte(stamp))
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("look up ingested input: %w", err)
	}
	return found, nil
}

// LoadTracked is Load that also records each of keys with stamp, in the
// same transaction, for Ingested to find. The keys are recorded even when
// b changes nothing.
func (s *Store) LoadTracked(ctx context.Context, b *graph.Batch, keys []string, stamp string) (graph.LoadStats, error) {
	if len(keys) == 0 {
		return s.Load(ctx, b)
	}
	return s.load(ctx, b, func(tx *bolt.Tx) error {
		ib, err := tx.CreateBucketIfNotExists(bucketIngested)
		if err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketIngested, err)
		}
		changed := false
		for _, k := range keys {
			if k == "" {
				return errors.New("empty input key")
			}
			if bytes.Equal(ib.Get([]byte(k)), []byte(stamp)) {
				continue
			}
			if err := ib.Put([]byte(k), []byte(stamp)); err != nil {
				return fmt.Errorf("record input: %w", err)
			}
			changed = true
		}
		if !changed {
			return errNoChange
		}
		return nil
	})
}
