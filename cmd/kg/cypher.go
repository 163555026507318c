package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
)

type cypherOptions struct {
	params []string
	format string
	file   string
	width  int
	write  bool
}

const paramHelp = `Parameters (-p name=value, repeatable) follow Neo4j's :param conventions: 42 and -1 are
integers, 3.5 and 1e3 floats, true/false booleans, null, 'text' or "text" strings, [1, 'a'] lists
and {k: 'v'} maps; anything else is taken as a plain string, so -p a=Iran works unquoted.`

func cypherCommand(g *globalOptions) *cli.Command {
	var opts cypherOptions
	return &cli.Command{
		Name:      "cypher",
		Usage:     "run a Cypher query on the store",
		ArgsUsage: "'QUERY'",
		Description: `Runs one Cypher 5 query on the current store: the embedded store (kg's own openCypher
engine) or Neo4j. Syntax and semantic errors are shown with a caret under the query.

Queries are read-only unless --write is given: a query with CREATE, MERGE, SET, DELETE,
REMOVE (or, on Neo4j, a CALL of a procedure kg does not know) is refused with exit status 2.
Every query runs under a time limit (--timeout) and, on the embedded store, a memory budget
for the rows and collections it holds (--max-memory); past either it stops with an error.

` + paramHelp + `

   kg cypher 'MATCH (c:Country) RETURN c.name ORDER BY c.name'
   kg cypher 'MATCH (a {name: $name})-[r:SPOKE_WITH]-(b) RETURN b.name, r.date' -p name='Xi Jinping'
   kg cypher -F query.cypher --format csv`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "query parameter name=value (repeatable)"},
			&cli.StringFlag{Name: "file", Aliases: []string{"F"}, Usage: "read the query from FILE (- for standard input)", Destination: &opts.file},
			formatFlag(&opts.format),
			&cli.IntFlag{Name: "width", Value: 80, Usage: "cut table cells wider than this (0: never)", Destination: &opts.width},
			&cli.BoolFlag{Name: "write", Usage: "allow the query to change the graph", Destination: &opts.write},
		}, budgetFlags(g)...),
		Action: func(c *cli.Context) error {
			if err := setBudget(c, g); err != nil {
				return err
			}
			opts.params = c.StringSlice("param")
			query, err := queryText(g, opts.file, c.Args().Slice())
			if err != nil {
				return err
			}
			return runCypher(c.Context, g, opts, query)
		},
	}
}

// queryText takes the query from -F FILE or from the one argument.
func queryText(g *globalOptions, file string, args []string) (string, error) {
	switch {
	case file != "" && len(args) > 0:
		return "", usageErr("", "give the query either as an argument or with --file, not both")
	case file == "-":
		b, err := io.ReadAll(g.stdin)
		return string(b), err
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", withCode(exitUsage, fmt.Errorf("cannot read the query: %w", err), "")
		}
		return string(b), nil
	case len(args) == 1:
		return args[0], nil
	case len(args) == 0:
		return "", usageErr("for example: kg cypher 'MATCH (n) RETURN count(n)'", "cypher needs a QUERY")
	}
	return "", usageErr("quote the whole query: kg cypher 'MATCH (n) RETURN n'", "cypher takes one QUERY argument, got %d", len(args))
}

// parseParams turns -p name=value arguments into query parameters.
func parseParams(args []string) (map[string]any, error) {
	params := map[string]any{}
	for _, a := range args {
		name, text, ok := strings.Cut(a, "=")
		name = strings.TrimPrefix(strings.TrimSpace(name), "$")
		if !ok || name == "" {
			return nil, usageErr("write parameters as -p name=value", "bad parameter %q", a)
		}
		v, err := cypher.ParseValue(text)
		if err != nil {
			return nil, usageErr(paramHint, "bad value for parameter %s: %v", name, err)
		}
		params[name] = v
	}
	return params, nil
}

const paramHint = "numbers, true/false, null, 'strings', [lists] and {maps} as in Neo4j's :param; see kg cypher --help"

func runCypher(ctx context.Context, g *globalOptions, opts cypherOptions, query string) (err error) {
	f, err := parseFormat(opts.format)
	if err != nil {
		return err
	}
	params, err := parseParams(opts.params)
	if err != nil {
		return err
	}
	if strings.TrimSpace(query) == "" {
		return usageErr("", "the query is empty")
	}
	readOnly := false
	if _, ok, perr := cypher.ParseShowSchema(query); ok {
		// SHOW CONSTRAINTS / SHOW INDEXES: the store answers
		if perr != nil {
			return withCode(exitFailure, perr, "")
		}
		readOnly = true
	} else if _, ok, perr := cypher.ParseSchema(query); ok {
		// CREATE / DROP CONSTRAINT / INDEX: the store applies it
		if perr != nil {
			return withCode(exitFailure, perr, "")
		}
	} else if st, perr := cypher.Parse(query); perr == nil {
		readOnly = st.ReadOnly()
		if missing := missingParams(st.Parameters(), params); len(missing) > 0 && !st.Explained() {
			return usageErr("give each with -p name=value", "the query needs parameter%s %s", plural(len(missing)),
				"$"+strings.Join(missing, ", $"))
		}
	} else if g.neo4jURI == "" {
		return withCode(exitFailure, perr, "")
	} else {
		// Neo4j syntax kg's engine lacks: judge by the tokens.
		readOnly = !cypher.MayWrite(query)
	}
	if !readOnly && !opts.write {
		return usageErr("add --write to run a query that changes the graph",
			"the query writes to the graph (CREATE, MERGE, SET, DELETE, REMOVE or a writing procedure), and kg cypher is read-only by default")
	}
	qctx, cancel := g.queryContext(ctx)
	defer cancel()
	return g.withStore(ctx, readOnly, func(s graph.Store) error {
		res, err := s.Query(qctx, query, params)
		if err != nil {
			return g.budgetError(err)
		}
		return writeCypherResult(g, res, f, opts.width)
	})
}

// writeCypherResult writes the rows of res, and the plan of an EXPLAIN or
// PROFILE: in a table after the rows (an EXPLAIN has none to show), and on
// stderr beside JSON and CSV, which keep stdout for the rows.
func writeCypherResult(g *globalOptions, res *graph.Result, f outputFormat, width int) error {
	if res.Plan == nil || res.Plan.Profiled || f != formatTable {
		if err := writeResult(g.stdout, res, f, width); err != nil {
			return err
		}
	}
	if res.Plan == nil {
		return nil
	}
	w, title := g.stdout, "Plan"
	if f != formatTable {
		w = g.stderr
	}
	if res.Plan.Profiled {
		title = "Profile"
		fmt.Fprintln(w)
	}
	_, err := fmt.Fprintf(w, "%s:\n%s", title, res.Plan)
	return err
}

func missingParams(need []string, have map[string]any) []string {
	var missing []string
	for _, n := range need {
		if _, ok := have[n]; !ok {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	return missing
}
