package main

import (
	"context"
	"crypto/tls"
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
	// allowOrigins are the web origins whose pages may connect over
	// WebSocket besides loopback ones.
	allowOrigins cli.StringSlice
	// tlsCert and tlsKey make the server speak TLS only.
	tlsCert, tlsKey string
}

// defaultBoltAddr is loopback only: exposing the store to the network is
// the user's explicit choice.
const defaultBoltAddr = "127.0.0.1:7687"

func serveCommand(g *globalOptions) *cli.Command {
	var opts serveOptions
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the embedded store over Bolt, so that Neo4j's drivers can query it",
		Description: `Serves the embedded store (--db) over Neo4j's Bolt protocol (5.0 to 5.8), as the one
database "neo4j", so that Neo4j's drivers and tools built on them query it without Neo4j:
bolt://127.0.0.1:7687 (or neo4j://, which routes to this server alone). The same port
speaks Bolt over WebSocket (ws://) for browsers: Neo4j Browser and the JavaScript driver's
browser build.

Clients authenticate with the username and password given by NEO4J_USERNAME and
NEO4J_PASSWORD (or --neo4j-username and --neo4j-password); --no-auth accepts every client.
Each statement runs under the time limit (--timeout) and memory budget (--max-memory) of
kg cypher; errors carry Neo4j's status codes. Writes run unless --read-only is given: an
auto-commit write atomically, a write-mode explicit transaction (BEGIN … COMMIT) as one
transaction holding the store's single writer lock, rolled back without trace on ROLLBACK,
error or disconnect. Schema statements (CREATE CONSTRAINT … REQUIRE x.id IS UNIQUE, CREATE
INDEX) are recorded, so 'kg ingest --neo4j-uri bolt://…' loads through kg serve.

WebSocket origins: a web page may connect only if its origin is allowed. Allowed without
flags: clients that send no Origin (drivers, cypher-shell) and pages served from a loopback
host over http or https (http://localhost:PORT, http://127.0.0.1:PORT, http://[::1]:PORT),
among them kg's explorer (http://127.0.0.1:7480). Allow others with --allow-origin, e.g.
--allow-origin https://browser.neo4j.io; "*" allows every origin. Any other page is refused
with 403 Forbidden, and the log names the origin refused.

TLS: with --tls-cert FILE and --tls-key FILE (PEM) every connection must be encrypted:
bolt+s://, neo4j+s:// and wss:// on the same port (bolt+ssc:// for a self-signed
certificate). A page served over https, such as browser.neo4j.io, can only use wss:// to a
certificate its web browser trusts (for localhost, one from a local CA such as mkcert's).

What tools ask on connect is answered: the "system" database, SHOW DATABASES (neo4j and
system), SHOW PROCEDURES / SHOW FUNCTIONS (the engine's), CALL dbms.components() (Neo4j
5.26.0 community), dbms.clientConfig(), dbms.showCurrentUser(), db.labels(),
db.relationshipTypes(), db.propertyKeys() and db.schema.visualization() (from the data).
The server calls itself kg/<version>; cypher-shell's Java driver refuses servers whose agent
does not start with "Neo4j/", so --neo4j-agent announces "Neo4j/5.26.0 (kg/<version>)".
Ctrl-C (SIGINT) or SIGTERM stops the server cleanly.

   NEO4J_PASSWORD=secret kg serve
   kg serve --read-only --no-auth --bolt 127.0.0.1:7688
   kg serve --tls-cert localhost.pem --tls-key localhost-key.pem --allow-origin https://browser.neo4j.io`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "bolt", Value: defaultBoltAddr, Destination: &opts.addr,
				Usage: "listen for Bolt clients at this host:port"},
			&cli.BoolFlag{Name: "read-only", Destination: &opts.readOnly, Usage: "open the store read-only and refuse every write"},
			&cli.BoolFlag{Name: "no-auth", Destination: &opts.noAuth, Usage: "accept clients without checking credentials"},
			&cli.BoolFlag{Name: "neo4j-agent", Destination: &opts.neo4jAgent,
				Usage: "announce the server as Neo4j/" + bolt.Neo4jVersion + " (kg/…), as cypher-shell's Java driver requires"},
			&cli.IntFlag{Name: "max-connections", Value: 100, Destination: &opts.maxConns,
				Usage: "most clients connected at once (Bolt and WebSocket); more are turned away"},
			&cli.StringSliceFlag{Name: "allow-origin", Destination: &opts.allowOrigins,
				Usage: "also let web pages from this origin (scheme://host[:port], or \"*\" for all) connect over WebSocket; repeatable"},
			&cli.StringFlag{Name: "tls-cert", Destination: &opts.tlsCert, TakesFile: true,
				Usage: "PEM certificate (chain) for TLS: bolt+s://, neo4j+s:// and wss:// only"},
			&cli.StringFlag{Name: "tls-key", Destination: &opts.tlsKey, TakesFile: true,
				Usage: "PEM private key of --tls-cert"},
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
	if (opts.tlsCert == "") != (opts.tlsKey == "") {
		return usageErr("give both, or neither for plain Bolt", "--tls-cert and --tls-key go together")
	}
	var tlsCfg *tls.Config
	if opts.tlsCert != "" {
		var err error
		if tlsCfg, err = bolt.LoadTLS(opts.tlsCert, opts.tlsKey); err != nil {
			return usageErr("give a PEM certificate and the PEM private key that belongs to it", "%v", err)
		}
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
	return g.withStore(ctx, opts.readOnly, func(s graph.Store) error {
		srv, err := bolt.New(bolt.Config{
			Store: s, Username: g.neo4jUser, Password: g.neo4jPassword, NoAuth: opts.noAuth,
			ReadOnly: opts.readOnly, MaxConns: opts.maxConns, QueryTimeout: g.timeout,
			Agent: agent, TLS: tlsCfg, AllowOrigins: opts.allowOrigins.Value(),
			Logf: func(format string, args ...any) { fmt.Fprintf(g.stderr, "kg serve: "+format+"\n", args...) },
		})
		if err != nil {
			return usageErr("", "%v", err)
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
		urls := fmt.Sprintf("bolt://%[1]s and ws://%[1]s", ln.Addr())
		if tlsCfg != nil {
			urls = fmt.Sprintf("bolt+s://%[1]s and wss://%[1]s", ln.Addr())
		}
		fmt.Fprintf(g.stderr, "kg serve: %s over Bolt at %s (%s, %s); Ctrl-C stops\n", g.db, urls, mode, auth)
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
