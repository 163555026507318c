package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/queries"
)

func queryCommand(g *globalOptions) *cli.Command {
	var (
		format string
		width  int
		dir    string
	)
	return &cli.Command{
		Name:  "query",
		Usage: "list, show and run the saved query pack",
		Description: `The saved query pack answers the questions analysts ask of the graph; each query runs
unchanged on the embedded store and on Neo4j. Names given as parameters are matched against
entity names and aliases, case-insensitively (-p a=Beijing finds China).

   kg query list
   kg query show linking
   kg query run linking -p a=Iran -p b=China
   kg query run who-spoke-with -p name='Xi Jinping' --format json
   kg query export --browser browser/`,
		Subcommands: []*cli.Command{
			{
				Name:  "list",
				Usage: "list the saved queries",
				Action: func(c *cli.Context) error {
					for _, q := range queries.Default().Queries() {
						fmt.Fprintf(g.stdout, "%-18s %s\n", q.Name, q.Title)
					}
					return nil
				},
			},
			{
				Name:      "show",
				Usage:     "print a saved query with its parameters",
				ArgsUsage: "NAME",
				Action: func(c *cli.Context) error {
					q, err := lookupQuery(c.Args().Slice())
					if err != nil {
						return err
					}
					fmt.Fprint(g.stdout, strings.TrimRight(q.Text, "\n")+"\n")
					return nil
				},
			},
			{
				Name:      "run",
				Usage:     "run a saved query",
				ArgsUsage: "NAME",
				Description: `Runs the saved query NAME with its parameters (-p name=value, repeatable); parameters not
given take their defaults. 'kg query show NAME' lists them.`,
				Flags: append([]cli.Flag{
					&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "parameter name=value (repeatable)"},
					formatFlag(&format),
					&cli.IntFlag{Name: "width", Value: 80, Usage: "cut table cells wider than this (0: never)", Destination: &width},
				}, budgetFlags(g)...),
				Action: func(c *cli.Context) error {
					if err := setBudget(c, g); err != nil {
						return err
					}
					q, err := lookupQuery(c.Args().Slice())
					if err != nil {
						return err
					}
					return runSavedQuery(c.Context, g, q, c.StringSlice("param"), format, width)
				},
			},
			{
				Name:  "export",
				Usage: "write the Neo4j Browser guide and favorites of the pack",
				Description: `Writes DIR/kg-guide.html (a Browser guide: one slide per query, click to run) and
DIR/kg-favorites.zip (drop it on Neo4j Browser's favorites pane to import the queries).
The docker-compose setup serves these files to the Browser.`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "browser", Required: true, Usage: "write the Browser files into DIR", Destination: &dir},
				},
				Action: func(c *cli.Context) error {
					if err := queries.ExportBrowser(queries.Default(), dir); err != nil {
						return fmt.Errorf("failed to export the Browser files: %w", err)
					}
					fmt.Fprintf(g.stdout, "wrote %s/kg-guide.html and %s/kg-favorites.zip\n", dir, dir)
					return nil
				},
			},
		},
	}
}

func lookupQuery(args []string) (*queries.Query, error) {
	names := queries.Default().Names()
	if len(args) != 1 {
		return nil, usageErr("the saved queries are: "+strings.Join(names, ", "), "give one query NAME")
	}
	q, ok := queries.Default().Get(args[0])
	if !ok {
		return nil, usageErr("the saved queries are: "+strings.Join(names, ", "), "no saved query %q", args[0])
	}
	return q, nil
}

func runSavedQuery(ctx context.Context, g *globalOptions, q *queries.Query, args []string, format string, width int) error {
	f, err := parseFormat(format)
	if err != nil {
		return err
	}
	given := map[string]string{}
	for _, a := range args {
		name, val, ok := strings.Cut(a, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return usageErr("parameters of "+q.Name+": "+q.Usage(), "bad parameter %q: write -p name=value", a)
		}
		given[strings.TrimPrefix(strings.TrimSpace(name), "$")] = val
	}
	params, err := q.Bind(given)
	if err != nil {
		var pe *queries.ParamError
		if errors.As(err, &pe) {
			return usageErr("", "%s", pe.Error())
		}
		return err
	}
	// The pack is read-only by construction; a saved query that writes is
	// a bug, never run.
	if st, err := cypher.Parse(q.Body); err == nil && !st.ReadOnly() {
		return fmt.Errorf("saved query %s writes to the graph: refusing to run it", q.Name)
	}
	qctx, cancel := g.queryContext(ctx)
	defer cancel()
	return g.withStore(ctx, true, func(s graph.Store) error {
		res, err := s.Query(qctx, q.Body, params)
		if err != nil {
			return fmt.Errorf("query %s: %w", q.Name, g.budgetError(err))
		}
		return writeResult(g.stdout, res, f, width)
	})
}
