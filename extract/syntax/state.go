package syntax

// The parser is arc-hybrid (Kuhlmann et al. 2011): a stack that starts
// with the artificial root (position 0), a buffer of the words 1..n, and
// three moves.
const (
	moveShift = iota // push the first buffer word onto the stack
	moveLeft         // pop s0 and make it a dependent of b0
	moveRight        // pop s0 and make it a dependent of s1
	moveCount
)

// state is a parser configuration. Positions are 1-based word indices,
// 0 is the root and -1 means none. All slices are reused between sentences.
type state struct {
	n     int32
	words []wordInfo // word i is words[i-1]
	tags  []uint8    // tag of word i is tags[i-1]
	stack []int32
	b     int32 // first buffer word; the buffer is empty when b > n

	heads  []int32 // head of each position, -1 while unattached
	labels []uint8
	lc1    []int32 // leftmost and second leftmost children
	lc2    []int32
	rc1    []int32 // rightmost and second rightmost children
	rc2    []int32
	nl     []int32 // number of left and right children
	nr     []int32
	setL   []uint64 // the labels of the left and right children, as bits
	setR   []uint64
}

// reset prepares st for a sentence of len(words) words.
func (st *state) reset(words []wordInfo, tags []uint8) {
	n := int32(len(words))
	st.n, st.words, st.tags = n, words, tags
	st.stack = append(st.stack[:0], 0)
	st.b = 1
	size := int(n) + 1
	st.heads = fill(st.heads, size, -1)
	st.lc1 = fill(st.lc1, size, -1)
	st.lc2 = fill(st.lc2, size, -1)
	st.rc1 = fill(st.rc1, size, -1)
	st.rc2 = fill(st.rc2, size, -1)
	st.nl = fill(st.nl, size, 0)
	st.nr = fill(st.nr, size, 0)
	st.labels = fill(st.labels, size, 0)
	st.setL = fill(st.setL, size, 0)
	st.setR = fill(st.setR, size, 0)
}

// fill returns s resized to n elements, all v, reusing its storage.
func fill[T any](s []T, n int, v T) []T {
	if cap(s) < n {
		s = make([]T, n)
	}
	s = s[:n]
	for i := range s {
		s[i] = v
	}
	return s
}

func (st *state) terminal() bool { return st.b > st.n && len(st.stack) == 1 }

// stackAt returns the i-th stack item from the top, or -1.
func (st *state) stackAt(i int) int32 {
	if i >= len(st.stack) {
		return -1
	}
	return st.stack[len(st.stack)-1-i]
}

// bufAt returns the i-th buffer word, or -1.
func (st *state) bufAt(i int32) int32 {
	if st.b+i > st.n {
		return -1
	}
	return st.b + i
}

// valid reports whether move may be applied. The root takes a dependent
// only once the buffer is empty, so every parse has exactly one root word.
func (st *state) valid(move int) bool {
	switch move {
	case moveShift:
		return st.b <= st.n
	case moveLeft:
		return len(st.stack) > 1 && st.b <= st.n
	default:
		return len(st.stack) > 2 || (len(st.stack) == 2 && st.b > st.n)
	}
}

// arc returns the head and dependent that move would join.
func (st *state) arc(move int) (head, dep int32) {
	dep = st.stackAt(0)
	if move == moveLeft {
		return st.b, dep
	}
	return st.stackAt(1), dep
}

// apply performs move; label is the relation of the arc it makes.
func (st *state) apply(move int, label uint8) {
	if move == moveShift {
		st.stack = append(st.stack, st.b)
		st.b++
		return
	}
	h, d := st.arc(move)
	st.stack = st.stack[:len(st.stack)-1]
	st.heads[d], st.labels[d] = h, label
	bit := uint64(1) << (label & 63)
	if d < h {
		st.lc2[h], st.lc1[h] = st.lc1[h], d
		st.nl[h]++
		st.setL[h] |= bit
	} else {
		st.rc2[h], st.rc1[h] = st.rc1[h], d
		st.nr[h]++
		st.setR[h] |= bit
	}
}

// cost returns how many gold arcs become unreachable by applying move
// (the dynamic oracle of Goldberg and Nivre 2013 for arc-hybrid); gold
// holds the gold head of every position and must be projective.
func (st *state) cost(move int, gold []int32) int {
	c := 0
	switch move {
	case moveShift:
		b0, s0 := st.b, st.stackAt(0)
		for _, k := range st.stack {
			if gold[k] == b0 {
				c++
			}
			if gold[b0] == k && k != s0 {
				c++
			}
		}
	default:
		s0, s1 := st.stackAt(0), st.stackAt(1)
		g := gold[s0]
		if move == moveLeft && (g == s1 || g > st.b) || move == moveRight && g >= st.b {
			c++
		}
		for k := st.b; k <= st.n; k++ {
			if gold[k] == s0 {
				c++
			}
		}
	}
	return c
}

// Feature values of positions.

// special returns the feature value of a position that is not a word.
func (st *state) special(x int32) (uint64, bool) {
	switch {
	case x < 0 || x > st.n:
		return valNone, true
	case x == 0:
		return valRoot, true
	}
	return 0, false
}

func (st *state) word(x int32) uint64 {
	if v, ok := st.special(x); ok {
		return v
	}
	return st.words[x-1].norm
}

func (st *state) suffix(x int32) uint64 {
	if v, ok := st.special(x); ok {
		return v
	}
	return st.words[x-1].suf3
}

func (st *state) tag(x int32) uint64 {
	if v, ok := st.special(x); ok {
		return v
	}
	return uint64(st.tags[x-1]) + 1
}

func (st *state) label(x int32) uint64 {
	if x <= 0 || st.heads[x] < 0 {
		return valNone
	}
	return uint64(st.labels[x]) + 1
}

func (st *state) child(c []int32, x int32) int32 {
	if x < 0 {
		return -1
	}
	return c[x]
}

func (st *state) count(c []int32, x int32) uint64 {
	if x < 0 {
		return valNone
	}
	return uint64(min(c[x], 6))
}

func (st *state) set(c []uint64, x int32) uint64 {
	if x < 0 {
		return valNone
	}
	return c[x]
}

// distance buckets the distance between two positions.
func distance(a, b int32) uint64 {
	if a < 0 || b < 0 {
		return valNone
	}
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	case d <= 14:
		return 7
	}
	return 8
}
