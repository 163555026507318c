package testutil

import (
	"fmt"
	"strings"
)

// LineDiff returns an ordered diff of two texts line by line, empty when
// they are equal: hunks headed "@@ want line W, got line G" (1-based) list
// the lines only in want, prefixed "- ", and only in got, prefixed "+ ", in
// order. Unlike a comparison of line sets it shows a line that is repeated,
// dropped from a repeat, or moved.
func LineDiff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	// Common prefix and suffix first: goldens usually differ in a few lines.
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	ops := editScript(w[pre:len(w)-suf], g[pre:len(g)-suf])
	var sb strings.Builder
	wi, gi := pre, pre
	inHunk := false
	for _, op := range ops {
		switch op {
		case ' ':
			wi++
			gi++
			inHunk = false
			continue
		case '-':
			if !inHunk {
				fmt.Fprintf(&sb, "@@ want line %d, got line %d\n", wi+1, gi+1)
			}
			sb.WriteString("- " + w[wi] + "\n")
			wi++
		case '+':
			if !inHunk {
				fmt.Fprintf(&sb, "@@ want line %d, got line %d\n", wi+1, gi+1)
			}
			sb.WriteString("+ " + g[gi] + "\n")
			gi++
		}
		inHunk = true
	}
	if sb.Len() == 0 {
		// Unreachable while want != got; kept so a diff is never empty.
		return fmt.Sprintf("texts differ but no line does (%d and %d bytes)\n", len(want), len(got))
	}
	return sb.String()
}

// editScript returns a shortest edit script from a to b over a longest
// common subsequence: ' ' keeps a line of both, '-' drops one of a, '+'
// adds one of b. Deletions come before insertions within a change.
func editScript(a, b []string) []byte {
	// lcs[i][j] is the length of a longest common subsequence of a[i:], b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	ops := make([]byte, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, ' ')
			i++
			j++
		case j == len(b) || i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			ops = append(ops, '-')
			i++
		default:
			ops = append(ops, '+')
			j++
		}
	}
	return ops
}
