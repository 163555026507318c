//go:build unix

package embedded

import (
	"errors"
	"os"
	"syscall"
)

// releasesBetweenWrites is true where kg can lock files itself with
// flock(2): a writable Store then holds the file exclusively only while it
// commits, and readers in other processes read between commits.
const releasesBetweenWrites = true

// tryLock takes an flock(2) lock on f without blocking: exclusive or
// shared. It reports false when another open file holds a conflicting lock.
// Locking again an open file that holds a lock of the same kind succeeds at
// once, which is how bbolt's own flock on the file handed to it is a no-op.
func tryLock(f *os.File, exclusive bool) (bool, error) {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.EINTR):
			continue
		}
		return false, err
	}
}
