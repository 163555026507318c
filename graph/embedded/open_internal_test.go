package embedded

import (
	"path/filepath"
	"testing"
)

// openTemp opens a new store in a temporary directory of t, checked and
// closed when the test ends: embeddedtest.Open for the package's internal
// tests, which cannot import embeddedtest (it imports this package).
func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "kg.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Errorf("store check: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s
}
