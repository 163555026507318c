package eval_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/internal/testutil"
)

// reportFixture scores a small batch that has one of each outcome: a true
// positive, a miss, a false positive, a duplicate, a neutral match, a detail
// error, a missing entity, a forbidden entity and an affiliation miss.
func reportFixture(t *testing.T) *eval.Report {
	g := gold(t, `{"entities": [
		{"type": "Actor", "name": "Donald Trump", "country": "United States"},
		{"type": "Actor", "name": "Steve Witkoff"}],
		"not_entities": ["Haiyun Jiang"],
		"relations": [
		{"type": "SPOKE_WITH", "from": "Donald Trump", "to": "Xi Jinping", "medium": "phone", "date": "2026-02-04"},
		{"type": "SPOKE_WITH", "from": "Vladimir Putin", "to": "Xi Jinping", "required": false},
		{"type": "PLEDGED", "from": "China", "keywords": ["soy", "25 million"], "evidence": "He added that China has committed to buying 25 million tonnes.", "source": "000.txt"},
		{"type": "SANCTIONED", "from_any": ["United States", "Donald Trump"], "to": "China", "keywords": ["tariff"]}],
		"affiliations": [["Donald Trump", "United States"], ["Steve Witkoff", "United States"]]}`)
	rels := []graph.Relationship{
		rel(graph.SpokeWith, trump, xi, "medium", "video", "date", "2026-02-04"),
		rel(graph.SpokeWith, putin, xi, "date", "2026-02-04"),
		rel(graph.Sanctioned, usa, china, "measure", "tariff"),
		rel(graph.Sanctioned, trump, china, "measure", "tariff", "rate", "10%"),
		rel(graph.Sanctioned, usa, china, "measure", "blacklist"),
	}
	return eval.Score(g, batch(append(all, actor("Haiyun Jiang", "")), rels...))
}

func TestReportGolden(t *testing.T) {
	r := reportFixture(t)
	for _, tc := range []struct {
		file  string
		write func(*eval.Report, *bytes.Buffer) error
	}{
		{"report.golden.txt", func(r *eval.Report, b *bytes.Buffer) error { return r.WriteText(b) }},
		{"report.golden.json", func(r *eval.Report, b *bytes.Buffer) error { return r.WriteJSON(b) }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var got bytes.Buffer
			if err := tc.write(r, &got); err != nil {
				t.Fatal(err)
			}
			testutil.Golden(t, filepath.Join("testdata", tc.file), got.Bytes())
			// Writing again gives the same bytes.
			var again bytes.Buffer
			if err := tc.write(reportFixture(t), &again); err != nil || !bytes.Equal(again.Bytes(), got.Bytes()) {
				t.Errorf("second write differs (err %v)", err)
			}
		})
	}
}

func TestReportJSONRoundTrip(t *testing.T) {
	r := reportFixture(t)
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back eval.Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("WriteJSON output does not decode: %v", err)
	}
	if back.Overall != r.Overall || back.PerType[graph.Sanctioned] != r.PerType[graph.Sanctioned] {
		t.Errorf("round trip: overall %+v, want %+v", back.Overall, r.Overall)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestReportWriteErrors(t *testing.T) {
	r := reportFixture(t)
	if err := r.WriteText(failWriter{}); err == nil {
		t.Error("WriteText to a failing writer returned nil")
	}
	if err := r.WriteJSON(failWriter{}); err == nil {
		t.Error("WriteJSON to a failing writer returned nil")
	}
}
