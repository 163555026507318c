package eval_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/internal/testutil"
)

func TestReadJudgements(t *testing.T) {
	const fact = "### X\n\n- **evidence:**\n  > a sentence\n"
	tests := []struct {
		name string
		in   string
		want []eval.Tally
		err  string
	}{
		{"verdicts", "# Sample\n\n## SPOKE_WITH\n\n" +
			fact + "- **judgement:** correct\n" +
			fact + "- **judgement:** Wrong: planned meeting\n" +
			fact + "- **judgement:** correct — both met\n" +
			fact + "- **judgement:**\n" +
			"## PLEDGED\n\n" + fact + "- **judgement:** wrong: a proposal\n" +
			"## SANCTIONED\n\nThe graph holds no SANCTIONED fact.\n",
			[]eval.Tally{
				{Type: "SPOKE_WITH", Correct: 2, Wrong: 1, Unjudged: 1, Precision: 2.0 / 3},
				{Type: "PLEDGED", Wrong: 1},
				{Type: "SANCTIONED"},
			}, ""},
		{"a fact without a judgement line is unjudged", "## PLEDGED\n" + fact + fact + "- **judgement:** correct\n",
			[]eval.Tally{{Type: "PLEDGED", Correct: 1, Unjudged: 1, Precision: 1}}, ""},
		{"other sections are skipped", "## SANCTIONED\n" + fact + "- **judgement:** correct\n## Results\n### Error classes\n",
			[]eval.Tally{{Type: "SANCTIONED", Correct: 1, Precision: 1}}, ""},
		{"unknown verdict", "## PLEDGED\n" + fact + "- **judgement:** maybe\n", nil, `line 6: judgement "maybe"`},
		{"judgement outside a fact", "## PLEDGED\n- **judgement:** correct\n", nil, "line 2: a judgement line outside a fact"},
		{"two judgements", "## PLEDGED\n" + fact + "- **judgement:** correct\n- **judgement:** wrong\n", nil, "line 7:"},
		{"no facts", "# Sample\n\nnothing here\n", nil, eval.ErrNoJudgements.Error()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := eval.ReadJudgements(strings.NewReader(tc.in))
			if testutil.WantError(t, err, tc.err) {
				return
			}
			if len(got) != len(tc.want) {
				t.Fatalf("ReadJudgements() = %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if g, w := got[i], tc.want[i]; g.Type != w.Type || g.Correct != w.Correct || g.Wrong != w.Wrong ||
					g.Unjudged != w.Unjudged || !near(g.Precision, w.Precision) {
					t.Errorf("tally %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestLoadJudgementsMissingFile(t *testing.T) {
	if _, err := eval.LoadJudgements("testdata/no-such.sample.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadJudgements(missing) error = %v, want a not-exist error", err)
	}
}

// TestCommittedSamplesAreJudged reads the judged precision samples in
// extract/testdata/precision: each must parse and have a verdict on every
// fact, and the samples of the current build must be among them.
func TestCommittedSamplesAreJudged(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "precision", "*.sample.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no judged samples in extract/testdata/precision (%v)", err)
	}
	for _, want := range []string{"reuters-diplomacy.current.sample.md", "reuters21578-sanctioned.current.sample.md"} {
		if !slices.Contains(files, filepath.Join("..", "testdata", "precision", want)) {
			t.Errorf("the judged sample of the current build %s is missing", want)
		}
	}
	for _, f := range files {
		tallies, err := eval.LoadJudgements(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, tl := range tallies {
			if tl.Unjudged > 0 {
				t.Errorf("%s: %d %s facts have no verdict", f, tl.Unjudged, tl.Type)
			}
			t.Logf("%s: %s precision %.3f (%d correct, %d wrong)", filepath.Base(f), tl.Type, tl.Precision, tl.Correct, tl.Wrong)
		}
	}
}
