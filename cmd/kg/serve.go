package main

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/bolt"
)

type serveOptions struct {
	addr     string
	readOnly bool
	noAuth   bool
	maxConns int
	// neo4jAgent announces the server as "Neo4j/<version> (kg/…)", which
	// the Java driver (cypher-shell) requires; off by default, since
	// claiming to be Neo4j is the user's decision.
	neo4jAgent bool
}

// defaultBoltAddr is loopback only: exposing the store to the network is
// the user's explicit choice.
const defaultBoltAddr = "127.0.0.1:7687"

func serveCommand(g *globalOptions) *cli.Command {
	var opts serveOptions
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the embedded store over Bolt, so that Neo4j's drivers can query it",
		Description: `Serves the embedded store (--db) over Neo4j's Bolt protocol (5.0 to 5.4), as the one
database "neo4j", so that Neo4j's drivers and tools built on them query it without Neo4j:
bolt://127.0.0.1:7687 (or neo4j://, which routes to this server alone).

Clients authenticate with the username and password given by NEO4J_USERNAME and
NEO4J_PASSWORD (or --neo4j-username and --neo4j-password); --no-auth accepts every client.
Each statement runs under the time limit (--timeout) and memory budget (--max-memory) of
kg cypher; errors carry Neo4j's status codes. Writes run unless --read-only is given: an
auto-commit write atomically, a write-mode explicit transaction (BEGIN … COMMIT) as one
transaction holding the store's single writer lock, rolled back without trace on ROLLBACK,
error or disconnect. Schema statements (CREATE CONSTRAINT … REQUIRE x.id IS UNIQUE, CREATE
INDEX) are recorded, so 'kg ingest --neo4j-uri bolt://…' loads through kg serve.

What tools ask on connect is answered: the "system" database, SHOW DATABASES (neo4j and
system), SHOW PROCEDURES / SHOW FUNCTIONS (the engine's), CALL dbms.components() (Neo4j
5.26.0 community), dbms.clientConfig(), dbms.showCurrentUser(), db.labels(),
db.relationshipTypes(), db.propertyKeys() and db.schema.visualization() (from the data).
The server calls itself kg/<version>; cypher-shell's Java driver refuses servers whose agent
does not start with "Neo4j/", so --neo4j-agent announces "Neo4j/5.26.0 (kg/<version>)".
Not yet: WebSocket (Neo4j Browser), TLS.
Ctrl-C (SIGINT) or SIGTERM stops the server cleanly.

   NEO4J_PASSWORD=secret kg serve
   kg serve --read-only --no-auth --bolt 127.0.0.1:7688`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "bolt", Value: defaultBoltAddr, Destination: &opts.addr,
				Usage: "listen for Bolt clients at this host:port"},
			&cli.BoolFlag{Name: "read-only", Destination: &opts.readOnly, Usage: "open the store read-only and refuse every write"},
			&cli.BoolFlag{Name: "no-auth", Destination: &opts.noAuth, Usage: "accept clients without checking credentials"},
			&cli.BoolFlag{Name: "neo4j-agent", Destination: &opts.neo4jAgent,
				Usage: "announce the server as Neo4j/" + bolt.Neo4jVersion + " (kg/…), as cypher-shell's Java driver requires"},
			&cli.IntFlag{Name: "max-connections", Value: 100, Destination: &opts.maxConns,
				Usage: "most clients connected at once; more are turned away"},
		}, budgetFlags(g)...),
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return usageErr("", "serve takes no arguments, got %q", c.Args().First())
			}
			if err := setBudget(c, g); err != nil {
				return err
			}
			return runServe(c.Context, g, opts)
		},
	}
}

func runServe(ctx context.Context, g *globalOptions, opts serveOptions) error {
	if g.neo4jURI != "" {
		return usageErr("unset NEO4J_URI / --neo4j-uri: Neo4j already speaks Bolt", "kg serve serves the embedded store, not Neo4j")
	}
	if !opts.noAuth && g.neo4jPassword == "" {
		return usageErr("set NEO4J_PASSWORD (or --neo4j-password) to the password clients must give, or pass --no-auth",
			"kg serve needs credentials for its clients")
	}
	if opts.maxConns < 1 {
		return usageErr("", "--max-connections must be at least 1")
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return withCode(exitFailure, fmt.Errorf("cannot listen for Bolt: %w", err), "another server may hold the port; choose one with --bolt HOST:PORT")
	}
	defer ln.Close()
	agent := "kg/" + g.versionString()
	if opts.neo4jAgent {
		agent = bolt.Neo4jAgent(agent)
	}
	g.inMemory = true // a server keeps the whole graph in memory for speed
	return g.withStore(ctx, opts.readOnly, func(s graph.Store) error {
		srv, err := bolt.New(bolt.Config{
			Store: s, Username: g.neo4jUser, Password: g.neo4jPassword, NoAuth: opts.noAuth,
			ReadOnly: opts.readOnly, MaxConns: opts.maxConns, QueryTimeout: g.timeout,
			Agent: agent,
			Logf:  func(format string, args ...any) { fmt.Fprintf(g.stderr, "kg serve: "+format+"\n", args...) },
		})
		if err != nil {
			return err
		}
		done := make(chan error, 1)
		go func() { done <- srv.Serve(ln) }()
		mode, auth := "read-write", "authentication on"
		if opts.readOnly {
			mode = "read-only"
		}
		if opts.noAuth {
			auth = "no authentication"
		}
		fmt.Fprintf(g.stderr, "kg serve: %s over Bolt at bolt://%s (%s, %s); Ctrl-C stops\n", g.db, ln.Addr(), mode, auth)
		select {
		case <-ctx.Done():
			srv.Close()
			<-done
			fmt.Fprintln(g.stderr, "kg serve: stopped")
			return nil
		case err := <-done:
			srv.Close()
			if errors.Is(err, bolt.ErrServerClosed) {
				return nil
			}
			return err
		}
	})
}
