package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/embedded"
	"github.com/kgnews/kg/graph/neo4j"
)

// Exit codes, documented in `kg --help` and the README.
const (
	exitOK          = 0
	exitFailure     = 1   // a command failed: bad query, failed load, …
	exitUsage       = 2   // wrong command, flag, argument or parameter
	exitPartial     = 3   // ingest loaded what it could but skipped some inputs
	exitStore       = 4   // the store cannot be used: in use, unreachable, bad credentials
	exitBelowTarget = 5   // kg eval scored below --min-f1 / --min-entity-recall
	exitDamaged     = 6   // the store file is damaged (kg check says how)
	exitInterrupted = 130 // interrupted by Ctrl-C or SIGTERM
)

const exitCodesHelp = `EXIT STATUS:
   0    success
   1    the command failed (a bad query, a failed load, an unreadable file)
   2    usage error: unknown command or flag, missing argument, bad parameter
   3    ingest finished but skipped some inputs (each is named with its reason)
   4    the store cannot be used: in use by another kg process, Neo4j unreachable, bad credentials
   5    kg eval scored below the --min-* targets
   6    the store file is damaged: truncated, a bad page or record (kg check says what)
   130  interrupted (Ctrl-C)
`

// version is set at link time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// globalOptions are the flags every command shares; they choose the store.
type globalOptions struct {
	db            string
	neo4jURI      string
	neo4jUser     string
	neo4jPassword string
	neo4jDatabase string
	batchSize     int
	// query budget: a time limit and a memory budget in bytes (0: none),
	// set by the flags of the commands that run queries
	timeout   time.Duration
	maxMemory int64
	// debug prints the embedded store's debug lines (why a snapshot was
	// not used, when one is rebuilt) to stderr.
	debug bool
	// inMemory makes the embedded store answer every query from its
	// in-memory graph (kg serve), rather than from the snapshot.
	inMemory bool

	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// isTerminal reports whether stderr is a terminal (progress bars).
	isTerminal bool
}

// cliError is an error with the exit code it maps to and an optional hint
// line for the user.
type cliError struct {
	code int
	err  error
	hint string
}

func (e *cliError) Error() string { return e.err.Error() }
func (e *cliError) Unwrap() error { return e.err }

func usageErr(hint string, format string, args ...any) error {
	return &cliError{code: exitUsage, err: fmt.Errorf(format, args...), hint: hint}
}

func withCode(code int, err error, hint string) error {
	if err == nil {
		return nil
	}
	return &cliError{code: code, err: err, hint: hint}
}

func newApp(g *globalOptions) *cli.App {
	app := &cli.App{
		Name:  "kg",
		Usage: "build a knowledge graph of calls, pledges and sanctions from news articles",
		Description: `kg reads news articles and extracts actors, countries, agreements and commitments
and the relationships SPOKE_WITH, PLEDGED and SANCTIONED, each with its evidence (articles,
sentences, who claimed it). It loads them into an embedded store (a single file, the default)
or into Neo4j (with --neo4j-uri or NEO4J_URI), and runs Cypher and the saved query pack on either.

   kg ingest seeds                       build the graph of the sample articles in kg.db
   kg query run linking -p a=Iran -p b=China
   kg cypher 'MATCH (a:Actor)-[r:SPOKE_WITH]-(b) RETURN a.name, b.name, r.date'`,
		Version:                g.versionString(),
		HideVersion:            true,
		EnableBashCompletion:   true,
		UseShortOptionHandling: true,
		// A -p value is Cypher: its lists and strings hold commas, which
		// must not split it into several values.
		DisableSliceFlagSeparator: true,
		Reader:                    g.stdin,
		Writer:                    g.stdout,
		ErrWriter:                 g.stderr,
		ExitErrHandler:            func(*cli.Context, error) {},
		CustomAppHelpTemplate:     cli.AppHelpTemplate + "\n" + exitCodesHelp,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "db", Value: "kg.db", EnvVars: []string{"KG_DB"}, Destination: &g.db,
				Usage: "embedded store file, used when no Neo4j URI is given"},
			&cli.StringFlag{Name: "neo4j-uri", EnvVars: []string{"NEO4J_URI"}, Destination: &g.neo4jURI,
				Usage: "use the Neo4j server at this URI (neo4j://host:7687 or bolt://…) instead of the embedded store"},
			&cli.StringFlag{Name: "neo4j-username", Value: "neo4j", EnvVars: []string{"NEO4J_USERNAME"}, Destination: &g.neo4jUser,
				Usage: "Neo4j user"},
			&cli.StringFlag{Name: "neo4j-password", EnvVars: []string{"NEO4J_PASSWORD"}, Destination: &g.neo4jPassword,
				Usage: "Neo4j password (prefer the environment variable; it is never printed)"},
			&cli.StringFlag{Name: "neo4j-database", Value: "neo4j", EnvVars: []string{"NEO4J_DATABASE"}, Destination: &g.neo4jDatabase,
				Usage: "Neo4j database"},
			&cli.IntFlag{Name: "batch-size", Value: 2000, Destination: &g.batchSize,
				Usage: "rows per Neo4j write transaction"},
			&cli.BoolFlag{Name: "debug", EnvVars: []string{"KG_DEBUG"}, Destination: &g.debug,
				Usage: "print debug lines to stderr (for example when the embedded store rebuilds its snapshot)"},
		},
		Commands: []*cli.Command{
			ingestCommand(g),
			extractCommand(g),
			statsCommand(g),
			exportCommand(g),
			cypherCommand(g),
			queryCommand(g),
			serveCommand(g),
			evalCommand(g),
			checkCommand(g),
			versionCommand(g),
		},
		OnUsageError: func(c *cli.Context, err error, isSubcommand bool) error {
			return usageErr("run 'kg --help' for the commands and flags", "%s", err.Error())
		},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(g.stderr, "kg: error: unknown command %q\nkg: hint: run 'kg --help' for the list of commands\n", name)
			cli.OsExiter(exitUsage)
		},
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = app.OnUsageError
		if cmd.CustomHelpTemplate == "" {
			cmd.CustomHelpTemplate = cli.CommandHelpTemplate + "\n" + exitCodesHelp
		}
		hideHelpCommands(cmd)
	}
	return app
}

// hideHelpCommands drops the "help"/"h" subcommand urfave/cli adds to
// commands without subcommands of their own, so that `kg ingest h`
// ingests a folder named h instead of printing help; --help still works.
func hideHelpCommands(cmd *cli.Command) {
	if len(cmd.Subcommands) == 0 {
		cmd.HideHelpCommand = true
		return
	}
	for _, sub := range cmd.Subcommands {
		hideHelpCommands(sub)
	}
}

func (g *globalOptions) versionString() string { return version }

// run builds the app, runs it and maps its error to an exit code, printing
// one `kg: error:` line (and a hint line where useful).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	g := &globalOptions{stdin: stdin, stdout: stdout, stderr: stderr}
	if f, ok := stderr.(*os.File); ok {
		g.isTerminal = term.IsTerminal(int(f.Fd()))
	}
	app := newApp(g)
	// CommandNotFound exits through cli.OsExiter; capture it instead.
	exited := -1
	saved := cli.OsExiter
	cli.OsExiter = func(c int) { exited = c }
	defer func() { cli.OsExiter = saved }()
	args, err := interspersed(app, args)
	if err != nil {
		return report(stderr, err)
	}
	err = app.RunContext(ctx, args)
	if exited >= 0 && err == nil {
		return exited
	}
	return report(stderr, err)
}

// report prints err for the user and returns its exit code.
func report(w io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	code, hint := exitFailure, ""
	var ce *cliError
	if errors.As(err, &ce) {
		code, hint = ce.code, ce.hint
	}
	var qe *cypher.Error
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(w, "kg: interrupted")
		return exitInterrupted
	case embedded.IsDamaged(err):
		code = exitDamaged
		if hint == "" {
			hint = "run 'kg check' (with the same --db) to see what is damaged; restore the file from a backup, or delete it and ingest again"
		}
	case errors.Is(err, cypher.ErrMemoryBudget):
		if hint == "" {
			hint = "narrow the query (a LIMIT, a tighter pattern, fewer hops) or raise --max-memory"
		}
	case errors.Is(err, context.DeadlineExceeded):
		if hint == "" {
			hint = "narrow the query or raise --timeout"
		}
	case errors.Is(err, graph.ErrStoreInUse):
		code = exitStore
		if hint == "" {
			hint = "wait for the other kg process to finish, or use another file with --db"
		}
	case errors.As(err, &qe):
		fmt.Fprintf(w, "kg: error: %s\n", strings.TrimSpace(qe.Error()))
		if c := qe.Caret(); c != "" {
			fmt.Fprintln(w, c)
		}
		if hint != "" {
			fmt.Fprintf(w, "kg: hint: %s\n", hint)
		}
		return code
	}
	if code == exitFailure {
		if c, h := neo4jCode(err); c != 0 {
			code = c
			if hint == "" {
				hint = h
			}
		}
	}
	fmt.Fprintf(w, "kg: error: %s\n", oneLine(err.Error()))
	if hint != "" {
		fmt.Fprintf(w, "kg: hint: %s\n", hint)
	}
	return code
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// openStore opens the store the global options choose: Neo4j when a URI is
// given, the embedded file otherwise. readOnly opens the embedded file with a
// shared lock so that several readers can query at once.
func (g *globalOptions) openStore(ctx context.Context, readOnly bool) (graph.Store, error) {
	return g.openStoreGrowing(ctx, readOnly, 0)
}

// openStoreGrowing is openStore for a writer that expects to add about
// growth bytes to an embedded store (see embedded.Options.Growth).
func (g *globalOptions) openStoreGrowing(ctx context.Context, readOnly bool, growth int64) (graph.Store, error) {
	if g.neo4jURI != "" {
		s, err := neo4j.Open(ctx, neo4j.Config{
			URI:       g.neo4jURI,
			Username:  g.neo4jUser,
			Password:  g.neo4jPassword,
			Database:  g.neo4jDatabase,
			BatchSize: g.batchSize,
		})
		if err != nil {
			code, hint := neo4jCode(err)
			if code == 0 {
				code = exitStore
			}
			return nil, withCode(code, err, hint)
		}
		return s, nil
	}
	if readOnly {
		if _, err := os.Stat(g.db); errors.Is(err, os.ErrNotExist) {
			return nil, withCode(exitStore, fmt.Errorf("no store at %q", g.db),
				"build one with 'kg ingest PATH…', or name another file with --db or KG_DB")
		}
	}
	opts := &embedded.Options{
		ReadOnly:       readOnly,
		LockTimeout:    writerLockTimeout,
		WaitTimeout:    embedded.DefaultWaitTimeout,
		OnWait:         g.sayWait,
		MaxQueryMemory: g.maxMemory,
		Growth:         growth,
	}
	if g.inMemory {
		opts.Reads = embedded.ReadInMemory
	}
	if g.debug {
		opts.Logf = func(format string, args ...any) { fmt.Fprintf(g.stderr, "kg: debug: "+format+"\n", args...) }
	}
	if g.isTerminal || g.debug {
		opts.OnUpgrade = func(from int) {
			fmt.Fprintf(g.stderr, "kg: upgrading %s from store format %d to %d, once (about a minute for millions of relationships)\n",
				g.db, from, embedded.FormatVersion)
		}
	}
	s, err := embedded.Open(g.db, opts)
	if err != nil {
		if embedded.IsDamaged(err) {
			return nil, err // report gives the exit code and the hint
		}
		if errors.Is(err, graph.ErrStoreInUse) {
			return nil, withCode(exitStore, err, "") // the error names the file
		}
		if errors.Is(err, embedded.ErrOldFormat) {
			return nil, withCode(exitStore, err, oldFormatHint)
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("cannot open the store %q: %w", g.db, pe.Err)
		}
		return nil, withCode(exitStore, err, "check the path given with --db or KG_DB")
	}
	return s, nil
}

// writerLockTimeout is how long a command that writes waits for another
// kg process writing to the same store before it gives up: "in use".
const writerLockTimeout = 2 * time.Second

// sayWait tells a person at a terminal why kg is waiting for the embedded
// store (another process is committing a write, or reading); scripts get
// the error alone if the wait runs out.
func (g *globalOptions) sayWait(why embedded.Wait) {
	if !g.isTerminal {
		return
	}
	var msg string
	switch why {
	case embedded.WaitCommit:
		msg = fmt.Sprintf("waiting for another kg process (kg ingest, kg cypher --write) to finish writing a batch to %q (up to %s)…",
			g.db, embedded.DefaultWaitTimeout)
	case embedded.WaitReaders:
		msg = fmt.Sprintf("waiting for other kg processes to finish reading %q before writing (up to %s)…", g.db, embedded.DefaultWaitTimeout)
	default:
		msg = fmt.Sprintf("waiting for another kg process writing to %q to finish (up to %s)…", g.db, writerLockTimeout)
	}
	fmt.Fprintf(g.stderr, "\nkg: %s\n", msg)
}

// withStore opens the store the options choose, runs fn on it and closes
// it, returning fn's error or, failing that, the error of closing.
func (g *globalOptions) withStore(ctx context.Context, readOnly bool, fn func(graph.Store) error) (err error) {
	s, err := g.openStore(ctx, readOnly)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := s.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("failed to close the store: %w", cerr)
		}
	}()
	return fn(s)
}

// storeName describes the store the options choose, for messages.
func (g *globalOptions) storeName() string {
	if g.neo4jURI != "" {
		return "Neo4j at " + g.neo4jURI
	}
	return "embedded store " + strconv.Quote(g.db)
}

// commaList splits each of values at its commas, for repeatable flags that
// also take a comma-separated list (--type A,B); the app does not split
// them itself, since -p values are Cypher, whose commas are its own.
func commaList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}
