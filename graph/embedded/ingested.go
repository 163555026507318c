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
// extractor that read it (sealed with a checksum, see recordVersion). It is
// written in the transaction that loads the input's facts, so it never
// names an input whose facts are not stored.
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
		v := tx.Bucket(bucketIngested).Get([]byte(key))
		if v == nil {
			return nil
		}
		got, err := unseal([]byte(key), v)
		if err != nil {
			return fmt.Errorf("ingested input %q: %w", key, err)
		}
		found = bytes.Equal(got, []byte(stamp))
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
		ib := tx.Bucket(bucketIngested)
		changed := false
		for _, k := range keys {
			if k == "" {
				return errors.New("empty input key")
			}
			v := seal([]byte(k), []byte(stamp))
			if bytes.Equal(ib.Get([]byte(k)), v) {
				continue
			}
			if err := ib.Put([]byte(k), v); err != nil {
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
