// Command testcount reads `go test -json` on standard input, passes the
// human-readable output through, counts the tests that passed in each
// package (subtests included: every TCK scenario, every table row) and
// compares the counts with a committed baseline, so that a green run cannot
// hide tests that stopped running:
//
//	go test -json ./... | go run ./internal/testcount -baseline .ci/test-counts.txt
//
// It exits non-zero when a test failed, when go test reported a build
// failure, or when a package passed fewer tests than its baseline (a test
// deleted, skipped or no longer found). With -update it rewrites the
// baseline from this run instead. Counts above the baseline are reported,
// so that the baseline can be raised.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
)

// event is one line of test2json's output. Action is "pass", "fail" or
// "skip" when a test (or, with no Test, a package) ends, "output" for a
// line it printed, "build-output" for a line of a package that did not
// build.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// tally is what a run of go test -json says.
type tally struct {
	passed  map[string]int // package → tests passed
	failed  []string       // "package.Test" of failed tests
	failPkg []string       // packages that failed (build errors included)
}

func main() {
	baseline := flag.String("baseline", ".ci/test-counts.txt", "the committed counts per package")
	update := flag.Bool("update", false, "rewrite the baseline from this run")
	flag.Parse()
	if err := run(os.Stdin, os.Stdout, *baseline, *update); err != nil {
		fmt.Fprintln(os.Stderr, "testcount:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer, baselinePath string, update bool) error {
	t, err := read(in, out)
	if err != nil {
		return err
	}
	if update {
		return writeBaseline(baselinePath, t.passed)
	}
	base, err := readBaseline(baselinePath)
	if err != nil {
		return err
	}
	report, problems := compare(base, t.passed)
	fmt.Fprint(out, report)
	for _, f := range t.failed {
		problems = append(problems, "failed: "+f)
	}
	for _, p := range t.failPkg {
		problems = append(problems, "package failed: "+p)
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n  "))
	}
	return nil
}

// read consumes test2json events and tallies passes and failures. Like a
// non-verbose go test, it writes to out the package lines (ok, FAIL, build
// errors) and the output of the tests that failed; lines that are not JSON
// (go's own messages) pass through as they are.
func read(in io.Reader, out io.Writer) (*tally, error) {
	t := &tally{passed: map[string]int{}}
	logs := map[string][]string{} // "package test" → output so far
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
			fmt.Fprintf(out, "%s\n", line)
			continue
		}
		key := e.Package + " " + e.Test
		switch {
		case e.Action == "build-output":
			fmt.Fprint(out, e.Output)
		case e.Action == "output" && e.Test == "":
			fmt.Fprint(out, e.Output)
		case e.Action == "output":
			logs[key] = append(logs[key], e.Output)
		case e.Action == "pass" && e.Test != "":
			t.passed[e.Package]++
			delete(logs, key)
		case e.Action == "skip" && e.Test != "":
			delete(logs, key)
		case e.Action == "fail" && e.Test != "":
			t.failed = append(t.failed, e.Package+"."+e.Test)
			for _, l := range logs[key] {
				fmt.Fprint(out, l)
			}
			delete(logs, key)
		case e.Action == "fail":
			t.failPkg = append(t.failPkg, e.Package)
		}
	}
	return t, sc.Err()
}

// compare reports the counts next to the baseline and lists the packages
// that ran fewer tests.
func compare(base, got map[string]int) (string, []string) {
	var b strings.Builder
	var problems []string
	pkgs := map[string]bool{}
	for p := range base {
		pkgs[p] = true
	}
	for p := range got {
		pkgs[p] = true
	}
	names := slices.Sorted(maps.Keys(pkgs))
	total, totalBase := 0, 0
	fmt.Fprintf(&b, "\ntests passed per package (baseline in brackets):\n")
	for _, p := range names {
		n, want := got[p], base[p]
		total += n
		totalBase += want
		note := ""
		switch {
		case n < want:
			note = "  FEWER than the baseline"
			problems = append(problems, fmt.Sprintf("%s passed %d tests, the baseline is %d: a test was deleted, skipped or no longer runs", p, n, want))
		case n > want:
			note = "  more: raise the baseline (go test -json ./... | go run ./internal/testcount -update)"
		}
		fmt.Fprintf(&b, "  %6d [%6d]  %s%s\n", n, want, p, note)
	}
	fmt.Fprintf(&b, "  %6d [%6d]  in all\n", total, totalBase)
	return b.String(), problems
}

func readBaseline(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w (write one with -update)", err)
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		count, pkg, ok := strings.Cut(text, " ")
		n, err := strconv.Atoi(count)
		if !ok || err != nil {
			return nil, fmt.Errorf("%s:%d: want \"COUNT PACKAGE\", got %q", path, line, text)
		}
		out[strings.TrimSpace(pkg)] = n
	}
	return out, sc.Err()
}

func writeBaseline(path string, counts map[string]int) error {
	var b strings.Builder
	b.WriteString("# Tests passed per package in CI (go test -json ./... | go run ./internal/testcount -update).\n")
	b.WriteString("# CI fails when a package passes fewer; raise a count when tests are added.\n")
	for _, p := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(&b, "%d %s\n", counts[p], p)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
