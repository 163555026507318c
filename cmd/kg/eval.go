package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/internal/ingest"
)

type evalOptions struct {
	gold            string
	export          string
	format          string
	bySource        bool
	minF1           float64
	minEntityRecall float64
	minTypeF1       []string // TYPE=F1

	// sample mode (--sample) and tally mode (--judged)
	sample int
	seed   uint64
	types  []string
	output string
	judged string
}

func evalCommand(g *globalOptions) *cli.Command {
	var opts evalOptions
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against a gold file, or draw a sample of facts to judge by hand",
		ArgsUsage: "[ARTICLE…]",
		Description: `With ARTICLE paths, kg eval ingests them into a temporary embedded store and scores that
graph; with --export it scores a JSON export file; otherwise it scores the current store. The
gold file format is in the README (and DESIGN.md). The report gives precision, recall and F1
per relationship type, entity recall and precision, affiliations, the misses, the false
positives with their evidence, duplicates and forbidden entities. The figures are those of
the independent scorer, shared/tools/score.py, on the same graph.

   kg eval --gold extract/testdata/gold/seeds.gold.json seeds
   kg eval --gold ../shared/corpus/dev/dev.gold.json --by-source ../shared/corpus/dev
   kg eval --gold my.gold.json --min-f1 0.9 --min-type-f1 PLEDGED=0.8 --format json articles/

With --sample N (and no gold), kg eval writes a seeded random sample of N fact relationships
per type (SPOKE_WITH, PLEDGED, SANCTIONED, or the --type ones) of the same graph as Markdown,
each fact with its endpoints, date, claimedBy, rules, source articles, evidence sentences and
an empty judgement line; the same graph and --seed always give the same sample. --judged FILE
tallies such a file once a judge has completed it: precision per type.

   kg eval --sample 50 --seed 1 -o sample.md
   kg eval --judged sample.md`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Aliases: []string{"g"}, Usage: "the gold FILE (.gold.json)", Destination: &opts.gold},
			&cli.StringFlag{Name: "export", Usage: "score the JSON export FILE (kg export --format json) instead of a store", Destination: &opts.export},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text or json", Destination: &opts.format},
			&cli.BoolFlag{Name: "by-source", Usage: "also print P/R/F1 per subset of the gold's sources (reuters/, bbc/, …)", Destination: &opts.bySource},
			&cli.Float64Flag{Name: "min-f1", Usage: "exit with status 5 if the relationship F1 is below this", Destination: &opts.minF1},
			&cli.Float64Flag{Name: "min-entity-recall", Usage: "exit with status 5 if entity recall is below this", Destination: &opts.minEntityRecall},
			&cli.StringSliceFlag{Name: "min-type-f1", Usage: "`TYPE=F1`: exit with status 5 if that relationship type's F1 is below F1 (repeatable)"},
			&cli.IntFlag{Name: "sample", Usage: "instead of scoring, write a random sample of `N` facts per type to judge by hand", Destination: &opts.sample},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "the sample's PRNG seed", Destination: &opts.seed},
			&cli.StringSliceFlag{Name: "type", Usage: "`TYPE` to sample (repeatable; default SPOKE_WITH, PLEDGED, SANCTIONED)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the sample to FILE instead of standard output", Destination: &opts.output},
			&cli.StringFlag{Name: "judged", Usage: "tally the verdicts of a judged sample FILE: precision per type", Destination: &opts.judged},
		},
		Action: func(c *cli.Context) error {
			opts.minTypeF1 = commaList(c.StringSlice("min-type-f1"))
			opts.types = commaList(c.StringSlice("type"))
			switch {
			case opts.judged != "":
				return runJudged(g, opts, c.Args().Slice())
			case c.IsSet("sample"):
				return runSample(c.Context, g, opts, c.Args().Slice())
			}
			return runEval(c.Context, g, opts, c.Args().Slice())
		},
	}
}

func runEval(ctx context.Context, g *globalOptions, opts evalOptions, articles []string) (err error) {
	if opts.format != "text" && opts.format != "json" {
		return usageErr("use --format text or json", "unknown format %q", opts.format)
	}
	if opts.gold == "" {
		return usageErr("kg eval --gold FILE scores a graph; kg eval --sample N draws facts to judge", "kg eval needs --gold FILE, --sample N or --judged FILE")
	}
	if opts.output != "" || len(opts.types) > 0 {
		return usageErr("", "-o and --type go with --sample")
	}
	minType, err := parseMinTypeF1(opts.minTypeF1)
	if err != nil {
		return err
	}
	gold, err := eval.LoadGold(opts.gold)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return usageErr("", "no gold file at %s", opts.gold)
		}
		return withCode(exitUsage, err, "see the gold-file format in the README")
	}
	b, err := evalGraph(ctx, g, opts, articles)
	if err != nil {
		return err
	}
	rep := eval.Score(gold, b)
	if opts.bySource && len(rep.BySource) == 0 {
		return usageErr("give sources as \"subset/article\", as in shared/corpus/dev/dev.gold.json",
			"--by-source: no relation of %s has a source of the form subset/article", opts.gold)
	}
	if opts.format == "json" {
		err = rep.WriteJSON(g.stdout)
	} else {
		err = rep.WriteText(g.stdout)
		if err == nil && opts.bySource {
			err = rep.WriteSources(g.stdout)
		}
	}
	if err != nil {
		return err
	}
	return checkTargets(rep, opts, minType)
}

// evalGraph reads the graph kg eval works on: the --export file, the
// ARTICLE paths ingested into a temporary store, or the current store.
func evalGraph(ctx context.Context, g *globalOptions, opts evalOptions, articles []string) (*graph.Batch, error) {
	switch {
	case opts.export != "" && len(articles) > 0:
		return nil, usageErr("", "give ARTICLE paths or --export, not both")
	case opts.export != "":
		b, err := eval.LoadExport(opts.export)
		if errors.Is(err, os.ErrNotExist) {
			return nil, usageErr("", "no export file at %s", opts.export)
		}
		return b, err
	case len(articles) > 0:
		return extractToTempStore(ctx, articles, g)
	}
	return snapshotStore(ctx, g)
}

// parseMinTypeF1 reads the --min-type-f1 values, TYPE=F1 each.
func parseMinTypeF1(specs []string) (map[string]float64, error) {
	out := make(map[string]float64, len(specs))
	for _, spec := range specs {
		typ, v, ok := strings.Cut(spec, "=")
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || err != nil || f < 0 || f > 1 {
			return nil, usageErr("for example: --min-type-f1 PLEDGED=0.35", "--min-type-f1 %q: want TYPE=F1 with F1 between 0 and 1", spec)
		}
		typ = strings.TrimSpace(typ)
		if !graph.IsFactType(typ) {
			return nil, usageErr("the types are "+strings.Join(graph.FactTypes, ", "), "--min-type-f1 %q: %q is not a relationship type kg scores", spec, typ)
		}
		out[typ] = f
	}
	return out, nil
}

// checkTargets returns an error with exit status 5 naming every --min-*
// target the report falls below.
func checkTargets(rep *eval.Report, opts evalOptions, minType map[string]float64) error {
	var below []string
	if f1 := rep.Overall.F1; opts.minF1 > 0 && f1 < opts.minF1 {
		below = append(below, fmt.Sprintf("relationship F1 %.3f is below --min-f1 %.3f", f1, opts.minF1))
	}
	if r := rep.EntityRecall; opts.minEntityRecall > 0 && r < opts.minEntityRecall {
		below = append(below, fmt.Sprintf("entity recall %.3f is below --min-entity-recall %.3f", r, opts.minEntityRecall))
	}
	for _, typ := range graph.FactTypes {
		if min, ok := minType[typ]; ok && rep.PerType[typ].F1 < min {
			below = append(below, fmt.Sprintf("%s F1 %.3f is below --min-type-f1 %s=%.3f", typ, rep.PerType[typ].F1, typ, min))
		}
	}
	if len(below) > 0 {
		return withCode(exitBelowTarget, errors.New(strings.Join(below, "; ")), "")
	}
	return nil
}

// extractToTempStore ingests articles into a fresh embedded store in a
// temporary directory and returns its snapshot.
func extractToTempStore(ctx context.Context, articles []string, g *globalOptions) (*graph.Batch, error) {
	dir, err := os.MkdirTemp("", "kg-eval-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	s, err := embedded.Open(filepath.Join(dir, "eval.db"), nil)
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary store: %w", err)
	}
	defer s.Close()
	sum, err := ingest.Run(ctx, extract.New(extract.Options{}), s, articles, ingest.Options{Stdin: g.stdin})
	if err != nil {
		return nil, err
	}
	for _, sk := range sum.Skipped {
		fmt.Fprintf(g.stderr, "kg: skipped %s: %s\n", sk.Path, sk.Reason)
	}
	if sum.Articles == 0 {
		return nil, withCode(exitUsage, errors.New("no article could be read"), "name article files or directories")
	}
	return s.Snapshot(ctx)
}

func snapshotStore(ctx context.Context, g *globalOptions) (b *graph.Batch, err error) {
	err = g.withStore(ctx, true, func(s graph.Store) error {
		b, err = s.Snapshot(ctx)
		return err
	})
	return b, err
}
