package extract

import (
	"slices"
	"testing"
)

// TestTokenize checks word, number, possessive, quote and dash tokens.
func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"China’s president", []string{"China", "’s", "president"}},
		{"U.S. and J.D. Vance", []string{"U.S.", "and", "J.D.", "Vance"}},
		{"a 25% tax, $11bn and 1,000,000 tonnes", []string{"a", "25%", "tax", ",", "$11bn", "and", "1,000,000", "tonnes"}},
		{"one-year trade truce", []string{"one-year", "trade", "truce"}},
		{"US-China relations", []string{"US", "-", "China", "relations"}},
		{"US-made cars", []string{"US", "-", "made", "cars"}},
		{"“Yes,” he said.", []string{"“", "Yes", ",", "”", "he", "said", "."}},
		{"O’Brien and the countries’ envoys", []string{"O’Brien", "and", "the", "countries", "’", "envoys"}},
		{"Jae-myung al-Sisi", []string{"Jae-myung", "al", "-", "Sisi"}},
		{"2.5 per cent", []string{"2.5", "per", "cent"}},
	}
	for _, tc := range tests {
		toks := tokenize(nil, tc.in, 0, len(tc.in))
		var got []string
		for _, tk := range toks {
			got = append(got, tc.in[tk.start:tk.end])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestASCIILowerKeepsOffsets checks that lowering never moves bytes.
func TestASCIILowerKeepsOffsets(t *testing.T) {
	for _, s := range []string{"", "abc", "ÉCOLE Été", "İstanbul", "XI JINPING"} {
		if got := asciiLower(s); len(got) != len(s) {
			t.Errorf("asciiLower(%q) = %q: length %d, want %d", s, got, len(got), len(s))
		}
	}
}
