package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/graph"
)

// runSample draws a seeded random sample of facts per type from the graph
// kg eval reads and writes it as Markdown for a judge.
func runSample(ctx context.Context, g *globalOptions, opts evalOptions, articles []string) error {
	switch {
	case opts.gold != "":
		return usageErr("score with --gold, or sample with --sample, in two runs", "give --gold or --sample, not both")
	case opts.sample < 1:
		return usageErr("for example: --sample 50", "--sample %d: want at least 1 fact per type", opts.sample)
	case opts.format != "text":
		return usageErr("", "--format goes with --gold; a sample is always Markdown")
	}
	types := make([]string, 0, len(opts.types))
	for _, t := range opts.types {
		t = strings.TrimSpace(t)
		if !graph.IsFactType(t) {
			return usageErr("the types are "+strings.Join(graph.FactTypes, ", "), "--type %q is not a fact relationship type", t)
		}
		types = append(types, t)
	}
	if opts.output != "" && opts.output != "-" {
		if _, _, err := outputTarget(opts.output); err != nil {
			return err
		}
	}
	b, err := evalGraph(ctx, g, opts, articles)
	if err != nil {
		return err
	}
	s, err := eval.Draw(b, eval.SampleOptions{Size: opts.sample, Seed: opts.seed, Types: types})
	if err != nil {
		return err
	}
	about := []string{
		"Made by `" + sampleCommand(g, opts, articles) + "`.",
		fmt.Sprintf("Graph: %d nodes, %d relationships.", len(b.Nodes), len(b.Relationships)),
	}
	if rev := buildRevision(); rev != "" {
		about = append(about, "kg built from "+rev+".")
	}
	write := func(w io.Writer) error { return s.WriteMarkdown(w, about) }
	if opts.output == "" || opts.output == "-" {
		return write(g.stdout)
	}
	return writeFileAtomic(opts.output, write)
}

// sampleCommand spells the command that draws the same sample.
func sampleCommand(g *globalOptions, opts evalOptions, articles []string) string {
	cmd := []string{"kg"}
	switch {
	case opts.export != "" || len(articles) > 0:
	case g.neo4jURI != "":
		cmd = append(cmd, "--neo4j-uri", g.neo4jURI)
	default:
		cmd = append(cmd, "--db", g.db)
	}
	cmd = append(cmd, "eval", "--sample", strconv.Itoa(opts.sample), "--seed", strconv.FormatUint(opts.seed, 10))
	for _, t := range opts.types {
		cmd = append(cmd, "--type", t)
	}
	if opts.export != "" {
		cmd = append(cmd, "--export", opts.export)
	}
	if opts.output != "" {
		cmd = append(cmd, "-o", opts.output)
	}
	return strings.Join(append(cmd, articles...), " ")
}

// buildRevision names the commit kg was built from, when the build recorded
// it, with "(modified)" for a dirty work tree.
func buildRevision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return ""
	}
	if modified == "true" {
		return "commit " + rev + " (modified)"
	}
	return "commit " + rev
}

// runJudged tallies a judged sample file: precision per type.
func runJudged(g *globalOptions, opts evalOptions, args []string) error {
	switch {
	case len(args) > 0 || opts.gold != "" || opts.export != "" || opts.sample != 0 || opts.output != "":
		return usageErr("kg eval --judged FILE [--format json]", "--judged takes no other input")
	case opts.format != "text" && opts.format != "json":
		return usageErr("use --format text or json", "unknown format %q", opts.format)
	}
	tallies, err := eval.LoadJudgements(opts.judged)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return usageErr("", "no judged sample at %s", opts.judged)
	case err != nil:
		return withCode(exitUsage, err, "write `correct` or `wrong: reason` after each **judgement:**")
	}
	if opts.format == "json" {
		return writeJSONValue(g.stdout, tallies)
	}
	return eval.WriteTallies(g.stdout, tallies)
}
