package syntax

// Feature hashing. Every feature is a template number combined with one to
// three 64-bit values (word hashes, tag numbers, distances); the mix is
// reduced to a row of a weight table by masking.

const (
	hashSeed  uint64 = 0x9e3779b97f4a7c15
	valNone   uint64 = 0x51ed270b27f5a0a1 // absent position (empty stack, past the end)
	valRoot   uint64 = 0x2545f4914f6cdd1d // the artificial root
	valBefore uint64 = 0x7c0a2c1a4f3b9e11 // before the start of the sentence
	valAfter  uint64 = 0x3c6ef372fe94f82b // after its end
)

// fmix scrambles h (the MurmurHash3 64-bit finaliser).
func fmix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// combine folds b into the running hash a.
func combine(a, b uint64) uint64 {
	return fmix(a ^ (b + hashSeed + a<<6 + a>>2))
}

// hashBytes is FNV-1a over b, finalised.
func hashBytes(b []byte) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, c := range b {
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	return fmix(h)
}

// hashString is hashBytes for a string, without converting it.
func hashString(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return fmix(h)
}

// features collects the rows of one feature vector. Rows are hashed into a
// table of 1<<bits rows; the slice is reused between calls.
type features struct {
	mask uint64
	rows []uint32
}

func newFeatures(bits uint8) features {
	return features{mask: 1<<bits - 1, rows: make([]uint32, 0, 128)}
}

func (f *features) reset() { f.rows = f.rows[:0] }

func (f *features) add1(t, a uint64) {
	f.rows = append(f.rows, uint32(combine(t*hashSeed, a)&f.mask))
}

func (f *features) add2(t, a, b uint64) {
	f.rows = append(f.rows, uint32(combine(combine(t*hashSeed, a), b)&f.mask))
}

func (f *features) add3(t, a, b, c uint64) {
	f.rows = append(f.rows, uint32(combine(combine(combine(t*hashSeed, a), b), c)&f.mask))
}

// lookup is an open-addressing table from 64-bit key hashes to uint32
// values, used for the tag dictionary and the lemma exceptions so that no
// Go map sits on the tagging path. Keys are full 64-bit hashes; the zero
// key is reserved for empty slots.
type lookup struct {
	keys []uint64
	vals []uint32
}

func newLookup(n int) lookup {
	size := 8
	for size < 2*n {
		size *= 2
	}
	return lookup{keys: make([]uint64, size), vals: make([]uint32, size)}
}

func (l *lookup) put(k uint64, v uint32) {
	if k == 0 {
		k = 1
	}
	m := uint64(len(l.keys) - 1)
	for i := k & m; ; i = (i + 1) & m {
		if l.keys[i] == 0 || l.keys[i] == k {
			l.keys[i], l.vals[i] = k, v
			return
		}
	}
}

func (l *lookup) get(k uint64) (uint32, bool) {
	if len(l.keys) == 0 {
		return 0, false
	}
	if k == 0 {
		k = 1
	}
	m := uint64(len(l.keys) - 1)
	for i := k & m; ; i = (i + 1) & m {
		switch l.keys[i] {
		case k:
			return l.vals[i], true
		case 0:
			return 0, false
		}
	}
}
