package extract

import (
	"slices"
	"strings"
	"testing"
)

// withRules adds rules to the end of the relation rule table until the test
// ends, as entries of relationRules add them; the test must not be
// parallel. It fails the test if the table would be invalid.
func withRules(t *testing.T, rules ...*relationRule) {
	t.Helper()
	table := append(slices.Clone(relationRules), rules...)
	if err := checkRules(table); err != nil {
		t.Fatalf("withRules: %v", err)
	}
	old := relationRules
	setRules(table)
	t.Cleanup(func() { setRules(old) })
}

// TestCheckRules checks the rule table, and that checkRules finds each
// kind of mistake.
func TestCheckRules(t *testing.T) {
	if err := checkRules(relationRules); err != nil {
		t.Fatal(err)
	}
	run := func(a *analysis) func(*sent, int) { return nil }
	for _, tc := range []struct {
		name  string
		rules []*relationRule
		want  string
	}{
		{"twice", []*relationRule{{Name: "pledge", Fact: "PLEDGED", words: []string{"x"}, run: run}}, "named twice"},
		{"no fact type", []*relationRule{{Name: "x", Fact: "MENTIONS", words: []string{"x"}, run: run}}, "no fact type"},
		{"no else", []*relationRule{{Name: "x", Fact: "PLEDGED", words: []string{"x"}, run: run, orElse: "y"}}, "not in the table"},
		{"untriggered", []*relationRule{{Name: "x", Fact: "PLEDGED", run: run}}, "no trigger"},
		{"no run", []*relationRule{{Name: "x", Fact: "PLEDGED", words: []string{"x"}}}, "nothing to run"},
		{"undescribed", []*relationRule{{Name: "x", Fact: "PLEDGED", words: []string{"x"}, run: run}}, "lacks a description"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkRules(append(slices.Clone(relationRules), tc.rules...))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("checkRules = %v, want an error saying %q", err, tc.want)
			}
		})
	}
}
