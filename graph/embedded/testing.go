package embedded

import (
	"path/filepath"
	"testing"
)

// MustOpen opens a new writable store in a temporary directory of t and
// registers a cleanup that runs Check and closes it (a store the test
// already closed is reopened read-only to be checked). It fails the test
// on any error.
func MustOpen(t testing.TB) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatalf("embedded.Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if s.isClosed() {
			ro, err := Open(path, &Options{ReadOnly: true})
			if err != nil {
				t.Errorf("reopen %s for check: %v", path, err)
				return
			}
			s = ro
		}
		if err := s.Check(); err != nil {
			t.Errorf("store check: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s
}
