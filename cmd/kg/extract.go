package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/export"
	"github.com/kgnews/kg/internal/ingest"
)

type extractOptions struct {
	trace  bool
	rules  bool
	format string
}

func extractCommand(g *globalOptions) *cli.Command {
	var opts extractOptions
	return &cli.Command{
		Name:      "extract",
		Usage:     "show what extraction finds in articles, without a store",
		ArgsUsage: "PATH…",
		Description: `Reads each PATH like kg ingest (files, directories, - for standard input) and prints
the facts each article yields, with no store involved.

--rules prints the relation rules kg runs, as data: for each, the fact it yields, what
triggers it, how its arguments are read and what makes a candidate no fact.

--trace prints, per sentence, the mentions (what every name, pronoun and group reference
was resolved to) and every candidate relation: the rule, the trigger word, and the facts it
kept or why it dropped the candidate (no party found, a threat, plan or condition, a failed
endpoint check). Use it to see why a fact is, or is not, in the graph.

   kg extract article.txt
   kg extract --trace article.txt
   kg extract --format json seeds`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "trace", Usage: "explain the extraction sentence by sentence", Destination: &opts.trace},
			&cli.BoolFlag{Name: "rules", Usage: "print the relation rules (triggers, arguments, what blocks them) and exit", Destination: &opts.rules},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "facts as a `table` or as the graph in kg's export JSON (json)",
				Destination: &opts.format},
		},
		Action: func(c *cli.Context) error {
			if opts.rules {
				return extract.WriteRules(g.stdout)
			}
			if c.NArg() == 0 {
				return usageErr("for example: kg extract --trace article.txt", "extract needs at least one PATH (a file, a directory or -)")
			}
			if opts.format != "table" && opts.format != "json" {
				return usageErr("use --format table or --format json", "unknown format %q", opts.format)
			}
			return runExtract(g, opts, c.Args().Slice())
		},
	}
}

func runExtract(g *globalOptions, opts extractOptions, paths []string) error {
	inputs, skipped := ingest.Find(paths)
	x := extract.New(extract.Options{})
	var bd graph.Builder
	for _, in := range inputs {
		doc, _, err := ingest.Read(in, g.stdin)
		if err != nil {
			skipped = append(skipped, ingest.Skipped{Path: in.Path, Reason: err.Error()})
			continue
		}
		var b *graph.Batch
		if opts.trace {
			b, err = x.Trace(doc, g.stdout)
			fmt.Fprintln(g.stdout)
		} else {
			b, err = x.Extract(doc)
		}
		if err != nil {
			skipped = append(skipped, ingest.Skipped{Path: in.Path, Reason: "extraction failed: " + err.Error()})
			continue
		}
		if opts.format == "table" {
			writeFacts(g.stdout, doc.Path, b)
		}
		bd.AddBatch(b)
	}
	for _, s := range skipped {
		fmt.Fprintf(g.stderr, "kg: skipped %q: %s\n", s.Path, s.Reason)
	}
	if opts.format == "json" {
		if err := export.JSON(g.stdout, bd.Batch()); err != nil {
			return fmt.Errorf("failed to write JSON: %w", err)
		}
	}
	if len(skipped) > 0 {
		return withCode(exitPartial, fmt.Errorf("%d input(s) skipped", len(skipped)), "")
	}
	return nil
}

// writeFacts prints the fact relationships of one article's batch, one per
// line, with the rule that found each.
func writeFacts(w io.Writer, path string, b *graph.Batch) {
	names := batchNames(b)
	fmt.Fprintf(w, "%s\n", path)
	n := 0
	for _, r := range b.Relationships {
		if !graph.IsFactType(r.Type) {
			continue
		}
		n++
		rules, _ := r.Props[graph.PropRules].([]string)
		fmt.Fprintf(w, "  %s", factLine(names, r))
		if len(rules) > 0 {
			fmt.Fprintf(w, "  rule %s", strings.Join(rules, ", "))
		}
		fmt.Fprintln(w)
	}
	if n == 0 {
		fmt.Fprintln(w, "  no facts")
	}
}
