package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/extract/ingest"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
)

type evalOptions struct {
	gold            string
	format          string
	minF1           float64
	minEntityRecall float64
}

func evalCommand(g *globalOptions) *cli.Command {
	var opts evalOptions
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against a gold file: precision, recall and F1 per relationship type",
		ArgsUsage: "[ARTICLE…]",
		Description: `With ARTICLE paths, kg eval ingests them into a temporary embedded store and scores that
graph; without, it scores the current store. The gold file format is in the README (and
DESIGN.md). The report gives precision, recall and F1 per relationship type, entity recall,
the misses, the false positives with their evidence, duplicates and forbidden entities.

   kg eval --gold extract/testdata/gold/seeds.gold.json seeds
   kg eval --gold my.gold.json --min-f1 0.9 --format json articles/`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Aliases: []string{"g"}, Required: true, Usage: "the gold FILE (.gold.json)", Destination: &opts.gold},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text or json", Destination: &opts.format},
			&cli.Float64Flag{Name: "min-f1", Usage: "exit with status 5 if the relationship F1 is below this", Destination: &opts.minF1},
			&cli.Float64Flag{Name: "min-entity-recall", Usage: "exit with status 5 if entity recall is below this", Destination: &opts.minEntityRecall},
		},
		Action: func(c *cli.Context) error {
			return runEval(c.Context, g, opts, c.Args().Slice())
		},
	}
}

func runEval(ctx context.Context, g *globalOptions, opts evalOptions, articles []string) (err error) {
	if opts.format != "text" && opts.format != "json" {
		return usageErr("use --format text or json", "unknown format %q", opts.format)
	}
	gold, err := eval.LoadGold(opts.gold)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return usageErr("", "no gold file at %s", opts.gold)
		}
		return withCode(exitUsage, err, "see the gold-file format in the README")
	}
	var b *graph.Batch
	if len(articles) > 0 {
		b, err = extractToTempStore(ctx, articles, g)
	} else {
		b, err = snapshotStore(ctx, g)
	}
	if err != nil {
		return err
	}
	rep := eval.Score(gold, b)
	if opts.format == "json" {
		err = rep.WriteJSON(g.stdout)
	} else {
		err = rep.WriteText(g.stdout)
	}
	if err != nil {
		return err
	}
	if f1 := rep.Overall.F1; opts.minF1 > 0 && f1 < opts.minF1 {
		return withCode(exitBelowTarget, fmt.Errorf("relationship F1 %.3f is below --min-f1 %.3f", f1, opts.minF1), "")
	}
	if r := rep.EntityRecall; opts.minEntityRecall > 0 && r < opts.minEntityRecall {
		return withCode(exitBelowTarget, fmt.Errorf("entity recall %.3f is below --min-entity-recall %.3f", r, opts.minEntityRecall), "")
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
