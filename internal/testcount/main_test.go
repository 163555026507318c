package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const stream = `{"Action":"start","Package":"example.com/a"}
{"Action":"run","Package":"example.com/a","Test":"TestOK"}
{"Action":"output","Package":"example.com/a","Test":"TestOK","Output":"=== RUN   TestOK\n"}
{"Action":"output","Package":"example.com/a","Test":"TestOK","Output":"    quiet log of a passing test\n"}
{"Action":"pass","Package":"example.com/a","Test":"TestOK"}
{"Action":"pass","Package":"example.com/a","Test":"TestOK/row"}
{"Action":"skip","Package":"example.com/a","Test":"TestSkipped"}
{"Action":"output","Package":"example.com/a","Output":"ok  \texample.com/a\t0.01s\n"}
{"Action":"pass","Package":"example.com/a"}
{"Action":"output","Package":"example.com/b","Test":"TestBad","Output":"    b_test.go:9: wrong answer\n"}
{"Action":"fail","Package":"example.com/b","Test":"TestBad"}
{"Action":"pass","Package":"example.com/b","Test":"TestGood"}
{"Action":"output","Package":"example.com/b","Output":"FAIL\texample.com/b\t0.01s\n"}
{"Action":"fail","Package":"example.com/b"}
# example.com/c
not json: a line of go's own
`

func TestCounts(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "counts.txt")
	for _, tc := range []struct {
		name     string
		baseline string
		wantErr  []string // substrings of the error; none for success
		wantOut  []string
		notOut   []string
	}{
		{
			name:     "fewer than the baseline",
			baseline: "# comment\n3 example.com/a\n1 example.com/b\n",
			wantErr:  []string{"example.com/a passed 2 tests, the baseline is 3", "failed: example.com/b.TestBad", "package failed: example.com/b"},
			wantOut:  []string{"wrong answer", "ok  \texample.com/a", "not json: a line of go's own", "FEWER than the baseline"},
			notOut:   []string{"quiet log", "=== RUN"},
		},
		{
			name:     "more than the baseline",
			baseline: "1 example.com/a\n",
			wantErr:  []string{"failed: example.com/b.TestBad"},
			wantOut:  []string{"raise the baseline"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(base, []byte(tc.baseline), 0o644); err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			err := run(strings.NewReader(stream), &out, base, false)
			for _, w := range tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v, want it to contain %q", err, w)
				}
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			for _, w := range tc.notOut {
				if strings.Contains(out.String(), w) {
					t.Errorf("output has %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestUpdateAndPass(t *testing.T) {
	base := filepath.Join(t.TempDir(), "counts.txt")
	ok := strings.ReplaceAll(stream, `"fail"`, `"pass"`)
	if err := run(strings.NewReader(ok), &strings.Builder{}, base, true); err != nil {
		t.Fatal(err)
	}
	got, err := readBaseline(base)
	if err != nil {
		t.Fatal(err)
	}
	if got["example.com/a"] != 2 || got["example.com/b"] != 2 {
		t.Errorf("baseline %v, want 2 tests for each package", got)
	}
	if err := run(strings.NewReader(ok), &strings.Builder{}, base, false); err != nil {
		t.Errorf("a run equal to its baseline: %v", err)
	}
	if err := os.WriteFile(base, []byte("two example.com/a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readBaseline(base); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("bad baseline line: %v", err)
	}
}
