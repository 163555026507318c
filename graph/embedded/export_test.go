package embedded

import (
	"testing"

	bolt "go.etcd.io/bbolt"
)

// SetSpillMin makes stores spill every sorted set of strings of at least n
// elements until the test ends, so that tests of package embedded_test run
// their cases on spilled sets too.
func SetSpillMin(tb testing.TB, n int) {
	tb.Helper()
	old := spillMin
	spillMin = n
	tb.Cleanup(func() { spillMin = old })
}

// ItemCount returns the number of items (elements of spilled sets) in the
// file of s.
func ItemCount(tb testing.TB, s *Store) int {
	tb.Helper()
	n := 0
	if err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketItems); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return n
}
