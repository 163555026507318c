package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/kgnews/kg/browser"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/explore"
	"github.com/kgnews/kg/graph/explore/ui"
	"github.com/kgnews/kg/queries"
)

// explorerAssets is the explorer's page (graph/explore/ui, built and
// embedded: no Node at run time).
func explorerAssets() fs.FS { return ui.FS }

// serveExplorer serves kg's explorer (graph/explore) for s on ln until
// stop is called; a failure of the server is sent on done.
func serveExplorer(g *globalOptions, opts serveOptions, s graph.Store, ln net.Listener, logf func(string, ...any), done chan<- error) (stop func(), err error) {
	kind, where := "embedded", g.db
	if g.neo4jURI != "" {
		kind, where = "neo4j", g.neo4jURI
	}
	h, err := explore.New(explore.Config{
		Store: s, StoreKind: kind, Queries: queries.Default(), Style: browser.Grass, Assets: explorerAssets(),
		AllowedOrigins: opts.origins, Hosts: explore.LoopbackHosts(ln.Addr().String()),
		QueryTimeout: g.timeout, Logf: logf,
	})
	if err != nil {
		return nil, err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      max(g.timeout, explore.DefaultQueryTimeout) + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(logWriter(logf), "", 0),
	}
	served := make(chan error, 1)
	go func() {
		err := srv.Serve(ln)
		if !errors.Is(err, http.ErrServerClosed) {
			done <- fmt.Errorf("the explorer stopped: %w", err)
		}
		served <- err
	}()
	fmt.Fprintf(g.stderr, "kg serve: explorer of %s at http://%s/ (read-only); Ctrl-C stops\n", where, ln.Addr())
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			srv.Close()
		}
		<-served
	}, nil
}

// logWriter sends the lines of the HTTP server's log to logf.
type logWriter func(string, ...any)

func (l logWriter) Write(p []byte) (int, error) {
	l("%s", bytes.TrimRight(p, "\n"))
	return len(p), nil
}
