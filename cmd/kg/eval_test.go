package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The agreement fixture of extract/eval: an export and a gold set whose
// figures the independent scorer gives as relation P 0.714 R 0.667 F1 0.690,
// entity recall 0.700 and SPOKE_WITH F1 0.500.
var (
	fixtureGold   = filepath.Join("..", "..", "extract", "eval", "testdata", "agreement", "fixture.gold.json")
	fixtureExport = filepath.Join("..", "..", "extract", "eval", "testdata", "agreement", "fixture.export.json")
)

func TestEvalExportAndTargets(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout
		err  string // in stderr
	}{
		{"scores an export", nil, 0, "overall          5   2    1    4     6      0.714   0.667  0.690", ""},
		{"per subset", []string{"--by-source"}, 0, "a/  ", ""},
		{"targets met", []string{"--min-f1", "0.68", "--min-entity-recall", "0.7", "--min-type-f1", "SPOKE_WITH=0.5,PLEDGED=1"}, 0, "", ""},
		{"F1 below", []string{"--min-f1", "0.70"}, exitBelowTarget, "", "relationship F1 0.690 is below --min-f1 0.700"},
		{"type F1 below", []string{"--min-type-f1", "SANCTIONED=0.7", "--min-type-f1", "PLEDGED=0.9"}, exitBelowTarget, "",
			"SANCTIONED F1 0.667 is below --min-type-f1 SANCTIONED=0.700"},
		{"bad type", []string{"--min-type-f1", "MET=0.5"}, exitUsage, "", `"MET" is not a relationship type`},
		{"bad value", []string{"--min-type-f1", "PLEDGED"}, exitUsage, "", "want TYPE=F1"},
		{"export and articles", []string{"seeds"}, exitUsage, "", "not both"},
		{"missing export", []string{"--export", "nope.json"}, exitUsage, "", "no export file at nope.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"eval", "--gold", fixtureGold, "--export", fixtureExport}
			code, stdout, stderr := kg(t, "", append(args, tc.args...)...)
			if code != tc.code || !strings.Contains(stdout, tc.out) || !strings.Contains(stderr, tc.err) {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
		})
	}
}

func TestEvalBySourceNeedsSubsets(t *testing.T) {
	code, _, stderr := kg(t, "", "eval", "--gold", filepath.Join("..", "..", "extract", "testdata", "gold", "seeds.gold.json"),
		"--export", fixtureExport, "--by-source")
	if code != exitUsage || !strings.Contains(stderr, "no relation of") {
		t.Errorf("exit %d, stderr %q; want a usage error", code, stderr)
	}
}
