package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/graph/embedded"
)

func checkCommand(g *globalOptions) *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "verify the embedded store file and say what is damaged",
		Description: `Reads the whole embedded store (--db) without changing it and verifies it: the file's
size against its meta pages, both meta pages' checksums, every page of the B+trees (by plain
reads, so a damaged page cannot crash kg), bbolt's own consistency check, and kg's records:
each passes its checksum and decodes, relationships' end points exist, the id indexes agree
with the records; and the snapshot queries read (FILE.snap), when it is of the file's current
state, holds exactly what one built from the file would.

Prints "ok" and exits 0 for a sound store; lists each problem and exits 6 for a damaged one.
kg never repairs or rolls back a damaged store by itself: restore it from a backup, or delete
it and ingest the articles again.

   kg check --db kg.db`,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErr("name the store with --db FILE", "unexpected argument %q", c.Args().First())
			}
			return runCheck(c.Context, g)
		},
	}
}

func runCheck(_ context.Context, g *globalOptions) error {
	if g.neo4jURI != "" {
		return usageErr("Neo4j checks its own store: see neo4j-admin database check",
			"kg check verifies the embedded store only")
	}
	if _, err := os.Stat(g.db); err != nil {
		return withCode(exitStore, fmt.Errorf("no store at %q", g.db), "name the store file with --db or KG_DB")
	}
	// A check of a large store rebuilds its snapshot to compare (1.3 GB
	// of heap at a million articles without the limit).
	defer limitMemory()()
	err := embedded.CheckFile(g.db, embedded.DefaultWaitTimeout, g.sayWait)
	var ce *embedded.CheckError
	if errors.As(err, &ce) {
		snapshotOnly := true
		for _, p := range ce.Problems {
			fmt.Fprintf(g.stdout, "damaged: %s\n", oneLine(p.Error()))
			snapshotOnly = snapshotOnly && errors.Is(p, embedded.ErrSnapshot)
		}
		if snapshotOnly {
			return withCode(exitDamaged, fmt.Errorf("the snapshot beside the store %q is damaged; the store itself passed every check", g.db),
				fmt.Sprintf("the next query rebuilds it; or delete %s", embedded.SnapshotPath(g.db)))
		}
		return withCode(exitDamaged, fmt.Errorf("the store %q is damaged (%d problem%s listed above)",
			g.db, len(ce.Problems), plural(len(ce.Problems))),
			"restore the file from a backup, or delete it and ingest the articles again")
	}
	if errors.Is(err, embedded.ErrOldFormat) {
		return withCode(exitStore, err, oldFormatHint)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "ok: %s passed every check\n", g.db)
	return nil
}

// oldFormatHint tells the user what to do with a store of an older format.
const oldFormatHint = "this kg cannot read it or convert it: move it aside and ingest the articles again (kg ingest PATH…), which builds a store in the current format"
