// Command kg builds a knowledge graph of who spoke with whom, who pledged what
// and who sanctioned whom from news articles, stores it in Neo4j or in an
// embedded file, and answers Cypher queries over it. Run `kg --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
