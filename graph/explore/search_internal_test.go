package explore

import "testing"

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Mário  Centeno-Ávila": "mario centeno avila",
		"U.S.":                 "u s",
		"ÉTATS-UNIS":           "etats unis",
		"  ":                   "",
		"Xi’s":                 "xi s",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q)=%q, want %q", in, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"putin", "putin", 2, 0},
		{"pution", "putin", 2, 1},
		{"jinpign", "jinping", 2, 1}, // a transposition is one edit
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 1, 2}, // past the limit: limit+1
		{"a", "abcdef", 2, 3},
	} {
		if got := editDistance(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("editDistance(%q, %q, %d)=%d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
