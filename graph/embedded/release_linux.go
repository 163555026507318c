package embedded

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops from the process's resident set the pages of the
// store file that bbolt's read-only mapping holds, up to what tx sees
// (madvise MADV_DONTNEED). The mapping is shared and never written through,
// so the pages stay in the kernel's page cache and a later read maps them
// again: nothing changes but the memory the process is charged with, which
// would otherwise grow to the size of the file as loads and full scans
// touch it. Any transaction may call it, on its own goroutine; an error is
// ignored, since nothing depends on it.
func releaseMapped(tx *bolt.Tx) {
	if size := tx.Size(); size > 0 {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, tx.DB().Info().Data, uintptr(size), syscall.MADV_DONTNEED)
	}
}
