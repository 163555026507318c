package main

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/graph"
)

//go:embed cypher/top_entities.cypher
var topEntitiesQuery string

type statsOptions struct {
	top    int
	format string
}

func statsCommand(g *globalOptions) *cli.Command {
	var opts statsOptions
	return &cli.Command{
		Name:  "stats",
		Usage: "count nodes by label and relationships by type, and list the best-connected entities",
		Description: `Prints the size of the graph and the entities with the most SPOKE_WITH, PLEDGED and
SANCTIONED relationships.

   kg stats
   kg stats --top 20 --format json`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "top", Value: 10, Usage: "how many entities to rank by degree (0 for none)", Destination: &opts.top},
			formatFlag(&opts.format),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErr("kg stats takes no arguments", "unexpected argument %q", c.Args().First())
			}
			return runStats(c.Context, g, opts)
		},
	}
}

func runStats(ctx context.Context, g *globalOptions, opts statsOptions) (err error) {
	f, err := parseFormat(opts.format)
	if err != nil {
		return err
	}
	if opts.top < 0 {
		return usageErr("", "--top must be 0 or more, not %d", opts.top)
	}
	var (
		counts *graph.Counts
		top    [][]any
	)
	err = g.withStore(ctx, true, func(s graph.Store) error {
		counts, err = s.Counts(ctx)
		if err != nil {
			return fmt.Errorf("failed to count the graph: %w", err)
		}
		if opts.top > 0 {
			res, err := s.Query(ctx, topEntitiesQuery, map[string]any{"limit": int64(opts.top)})
			if err != nil {
				return fmt.Errorf("failed to rank entities: %w", err)
			}
			top = res.Rows
		}
		return nil
	})
	if err != nil {
		return err
	}
	if f != formatTable {
		out := map[string]any{"nodes": counts.Nodes, "relationships": counts.Relationships}
		var ranked []map[string]any
		for _, row := range top {
			ranked = append(ranked, map[string]any{"label": row[0], "name": row[1], "degree": row[2]})
		}
		out["top"] = ranked
		if f == formatJSON {
			return writeJSONValue(g.stdout, out)
		}
		return usageErr("use --format table or json", "kg stats has no csv output")
	}
	fmt.Fprintf(g.stdout, "%s: %d nodes, %d relationships\n", g.storeName(), counts.TotalNodes(), counts.TotalRelationships())
	writeCounts(g.stdout, counts.Nodes, counts.Relationships)
	if len(top) > 0 {
		fmt.Fprintf(g.stdout, "top %d entities by fact relationships:\n", len(top))
		for _, row := range top {
			fmt.Fprintf(g.stdout, "  %6v  %-10v %v\n", row[2], row[0], row[1])
		}
	}
	return nil
}
