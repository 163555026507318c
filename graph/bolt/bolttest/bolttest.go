// Package bolttest serves a store over Bolt for tests, as kg serve does,
// kept out of package bolt so that it does not ship in the kg binary.
package bolttest

import (
	"errors"
	"net"
	"testing"

	"github.com/kgnews/kg/graph/bolt"
)

// Serve starts a graph/bolt server configured by cfg on a free loopback
// port and returns its bolt:// URI. The server is closed when tb ends (after
// the cleanups registered later, such as a client's), and an error of its
// Serve fails tb.
func Serve(tb testing.TB, cfg bolt.Config) string {
	tb.Helper()
	srv, err := bolt.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	tb.Cleanup(func() {
		srv.Close()
		if err := <-done; !errors.Is(err, bolt.ErrServerClosed) {
			tb.Errorf("Serve: %v", err)
		}
	})
	return "bolt://" + ln.Addr().String()
}
