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
	addr string
	// boltSet says --bolt was given (not its default).
	boltSet bool
	// httpAddr is where the explorer listens; "" turns it off.
	httpAddr string
	// origins are the foreign origins whose pages may call the explorer.
	origins  []string
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

// defaultBoltAddr and defaultHTTPAddr are loopback only: exposing the
// store to the network is the user's explicit choice.
const (
	defaultBoltAddr = "127.0.0.1:7687"
	defaultHTTPAddr = "127.0.0.1:7480"
)

func serveCommand(g *globalOptions) *cli.Command {
	var opts serveOptions
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the store over Bolt for Neo4j's drivers, and kg's explorer in a web browser",
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
The explorer, kg's own web page (search, expand, the evidence of each edge per source,
timelines, the query pack), is served at http://127.0.0.1:7480/ (--http ADDR; --http ""
turns it off; --bolt "" turns Bolt off) with its read-only JSON API under /api/. It never
writes, checks the Origin of every request (--http-origin URL allows another site's pages)
and, on loopback, the Host header. With NEO4J_URI set, kg serve serves the explorer over
Neo4j and no Bolt (Neo4j speaks Bolt itself).
Ctrl-C (SIGINT) or SIGTERM stops the server cleanly.

   NEO4J_PASSWORD=secret kg serve                  # Bolt on 7687, explorer on http://127.0.0.1:7480/
   kg serve --read-only --no-auth --bolt 127.0.0.1:7688
   kg serve --tls-cert localhost.pem --tls-key localhost-key.pem --allow-origin https://browser.neo4j.io
   kg serve --bolt "" --http 127.0.0.1:8080        # the explorer alone
   NEO4J_URI=neo4j://localhost:7687 kg serve       # the explorer over Neo4j`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "bolt", Value: defaultBoltAddr, Destination: &opts.addr,
				Usage: "listen for Bolt clients at this host:port (\"\" turns Bolt off)"},
			&cli.StringFlag{Name: "http", Value: defaultHTTPAddr, Destination: &opts.httpAddr,
				Usage: "serve the explorer (web page and read-only JSON API) at this host:port (\"\" turns it off)"},
			&cli.StringSliceFlag{Name: "http-origin",
				Usage: "let pages from this origin (https://host:port) call the explorer's API too (repeatable)"},
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
			opts.boltSet = c.IsSet("bolt")
			opts.origins = commaList(c.StringSlice("http-origin"))
			return runServe(c.Context, g, opts)
		},
	}
}

func runServe(ctx context.Context, g *globalOptions, opts serveOptions) error {
	onNeo4j := g.neo4jURI != ""
	switch {
	case onNeo4j && opts.boltSet && opts.addr != "":
		return usageErr("drop --bolt: with NEO4J_URI, kg serve serves only the explorer", "Neo4j already speaks Bolt")
	case onNeo4j && opts.httpAddr == "":
		return usageErr("give --http ADDR, or unset NEO4J_URI / --neo4j-uri to serve the embedded store over Bolt",
			"with NEO4J_URI set kg serve serves only the explorer, and --http \"\" turns it off")
	case onNeo4j:
		opts.addr = ""
	case opts.addr == "" && opts.httpAddr == "":
		return usageErr("", "--bolt \"\" and --http \"\" leave nothing to serve")
	}
	if opts.addr != "" && !opts.noAuth && g.neo4jPassword == "" {
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
	var boltLn, httpLn net.Listener
	var err error
	if opts.addr != "" {
		if boltLn, err = net.Listen("tcp", opts.addr); err != nil {
			return withCode(exitFailure, fmt.Errorf("cannot listen for Bolt: %w", err), "another server may hold the port; choose one with --bolt HOST:PORT")
		}
		defer boltLn.Close()
	}
	if opts.httpAddr != "" {
		if httpLn, err = net.Listen("tcp", opts.httpAddr); err != nil {
			return withCode(exitFailure, fmt.Errorf("cannot listen for the explorer: %w", err), "another server may hold the port; choose one with --http HOST:PORT")
		}
		defer httpLn.Close()
	}
	logf := func(format string, args ...any) { fmt.Fprintf(g.stderr, "kg serve: "+format+"\n", args...) }
	g.inMemory = true // a server keeps the whole graph in memory for speed
	return g.withStore(ctx, opts.readOnly, func(s graph.Store) error {
		done := make(chan error, 2)
		var stops []func()
		if boltLn != nil {
			stop, err := serveBolt(g, opts, s, boltLn, tlsCfg, logf, done)
			if err != nil {
				return err
			}
			stops = append(stops, stop)
		}
		if httpLn != nil {
			stop, err := serveExplorer(g, opts, s, httpLn, logf, done)
			if err != nil {
				for _, stop := range stops {
					stop()
				}
				return err
			}
			stops = append(stops, stop)
		}
		select {
		case <-ctx.Done():
			err = nil
		case err = <-done:
		}
		for _, stop := range stops {
			stop()
		}
		if err == nil {
			fmt.Fprintln(g.stderr, "kg serve: stopped")
		}
		return err
	})
}

// serveBolt serves s over Bolt on ln until stop is called; a failure of
// the server is sent on done.
func serveBolt(g *globalOptions, opts serveOptions, s graph.Store, ln net.Listener, tlsCfg *tls.Config, logf func(string, ...any), done chan<- error) (stop func(), err error) {
	agent := "kg/" + g.versionString()
	if opts.neo4jAgent {
		agent = bolt.Neo4jAgent(agent)
	}
	srv, err := bolt.New(bolt.Config{
		Store: s, Username: g.neo4jUser, Password: g.neo4jPassword, NoAuth: opts.noAuth,
		ReadOnly: opts.readOnly, MaxConns: opts.maxConns, QueryTimeout: g.timeout,
		Agent: agent, TLS: tlsCfg, AllowOrigins: commaList(opts.allowOrigins.Value()), Logf: logf,
	})
	if err != nil {
		return nil, usageErr("", "%v", err)
	}
	served := make(chan error, 1)
	go func() {
		err := srv.Serve(ln)
		if !errors.Is(err, bolt.ErrServerClosed) {
			done <- err
		}
		served <- err
	}()
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
	return func() { srv.Close(); <-served }, nil
}
