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

// evalCase is one run of kg eval: its arguments, the exit code and what
// stdout and stderr must contain.
type evalCase struct {
	name string
	args []string
	code int
	out  string // in stdout
	err  string // in stderr
}

// runEvalCases runs kg with base followed by each case's arguments.
func runEvalCases(t *testing.T, base []string, tests []evalCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := kg(t, "", append(base, tc.args...)...)
			if code != tc.code || !strings.Contains(stdout, tc.out) || !strings.Contains(stderr, tc.err) {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
		})
	}
}

func TestEvalExportAndTargets(t *testing.T) {
	tests := []evalCase{
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
	runEvalCases(t, []string{"eval", "--gold", fixtureGold, "--export", fixtureExport}, tests)
}

func TestEvalBySourceNeedsSubsets(t *testing.T) {
	code, _, stderr := kg(t, "", "eval", "--gold", filepath.Join("..", "..", "extract", "testdata", "gold", "seeds.gold.json"),
		"--export", fixtureExport, "--by-source")
	if code != exitUsage || !strings.Contains(stderr, "no relation of") {
		t.Errorf("exit %d, stderr %q; want a usage error", code, stderr)
	}
}

var sampleExport = filepath.Join("..", "..", "extract", "eval", "testdata", "sample", "fixture.export.json")

func TestEvalSample(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "sample.md")
	tests := []evalCase{
		{"to stdout", []string{"--sample", "2", "--seed", "1", "--export", sampleExport}, 0,
			"Made by `kg eval --sample 2 --seed 1 --export " + sampleExport + "`", ""},
		{"one type", []string{"--sample", "1", "--type", "TRADES_WITH", "--export", sampleExport}, 0, "## TRADES_WITH", ""},
		{"to a file", []string{"--sample", "3", "--export", sampleExport, "-o", out}, 0, "", ""},
		{"tally a blank sample", []string{"--judged", out}, 0, "SPOKE_WITH         0     0        3     0.000", ""},
		{"tally as json", []string{"--judged", out, "--format", "json"}, 0, `"unjudged": 3`, ""},
		{"size zero", []string{"--sample", "0", "--export", sampleExport}, exitUsage, "", "want at least 1 fact per type"},
		{"gold and sample", []string{"--sample", "5", "--gold", fixtureGold, "--export", sampleExport}, exitUsage, "", "not both"},
		{"bad type", []string{"--sample", "5", "--type", "MENTIONS", "--export", sampleExport}, exitUsage, "", `--type "MENTIONS" is not a fact`},
		{"type without sample", []string{"--gold", fixtureGold, "--type", "PLEDGED", "--export", sampleExport}, exitUsage, "", "go with --sample"},
		{"neither gold nor sample", []string{"--export", sampleExport}, exitUsage, "", "needs --gold FILE, --sample N or --judged FILE"},
		{"missing judged file", []string{"--judged", filepath.Join(dir, "nope.md")}, exitUsage, "", "no judged sample at"},
		{"judged with other input", []string{"--judged", out, "--export", sampleExport}, exitUsage, "", "--judged takes no other input"},
		{"not a judged sample", []string{"--judged", sampleExport}, exitUsage, "", "no sampled fact found"},
	}
	runEvalCases(t, []string{"eval"}, tests)
}

func TestEvalSampleFromStore(t *testing.T) {
	db := seededStore(t)
	_, first, _ := kg(t, "", "--db", db, "eval", "--sample", "2", "--seed", "9")
	code, again, stderr := kg(t, "", "--db", db, "eval", "--sample", "2", "--seed", "9")
	if code != 0 || first != again || !strings.Contains(first, "### PLEDGED 2") {
		t.Errorf("exit %d, stderr %q; two draws equal: %v; sample:\n%s", code, stderr, first == again, first)
	}
}
