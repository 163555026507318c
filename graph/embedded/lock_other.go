//go:build !unix

package embedded

import "os"

// releasesBetweenWrites is false where kg does not lock files itself: a
// writable Store then keeps bbolt's exclusive lock from Open to Close, as
// bbolt does, and readers in other processes wait for it to close.
const releasesBetweenWrites = false

// tryLock is not used where releasesBetweenWrites is false: bbolt locks
// the file itself.
func tryLock(*os.File, bool) (bool, error) { return true, nil }
