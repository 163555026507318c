//go:build !linux

package embedded

import bolt "go.etcd.io/bbolt"

// releaseMapped does nothing where kg does not know how to drop mapped
// pages of a file from the resident set (see release_linux.go).
func releaseMapped(*bolt.Tx) {}

// releasing does nothing where releaseMapped does nothing.
func releasing(*bolt.DB) (stop func()) { return func() {} }

// writerMapSize leaves bbolt's default mapping elsewhere.
func writerMapSize(int64) int { return 0 }

// releasingSnapshot does nothing where releaseMapped does nothing.
func releasingSnapshot(*snapshot) (stop func()) { return func() {} }
