// Package embeddedtest provides a test helper for the embedded store, kept
// out of package embedded so that it does not ship in the kg binary.
package embeddedtest

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/kgnews/kg/graph/embedded"
)

// Open opens a new writable store in a temporary directory of tb and
// registers a cleanup that runs Check and closes it (a store the test
// already closed is reopened read-only to be checked). It fails the test
// on any error.
func Open(tb testing.TB) *embedded.Store {
	tb.Helper()
	return OpenWith(tb, nil)
}

// OpenWith is Open with options, such as embedded.ReadSnapshot to send
// every read-only query through the snapshot.
func OpenWith(tb testing.TB, opts *embedded.Options) *embedded.Store {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "kg.db")
	s, err := embedded.Open(path, opts)
	if err != nil {
		tb.Fatalf("embedded.Open(%s): %v", path, err)
	}
	tb.Cleanup(func() {
		err := s.Check()
		if errors.Is(err, embedded.ErrClosed) {
			ro, oerr := embedded.Open(path, &embedded.Options{ReadOnly: true})
			if oerr != nil {
				tb.Errorf("reopen %s for check: %v", path, oerr)
				return
			}
			s, err = ro, ro.Check()
		}
		if err != nil {
			tb.Errorf("store check: %v", err)
		}
		if err := s.Close(); err != nil {
			tb.Errorf("close store: %v", err)
		}
	})
	return s
}
