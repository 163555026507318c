package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/internal/ingest"
)

type ingestOptions struct {
	dryRun      bool
	workers     int
	quiet       bool
	commitEvery int
}

func ingestCommand(g *globalOptions) *cli.Command {
	var opts ingestOptions
	return &cli.Command{
		Name:      "ingest",
		Usage:     "extract facts from articles and load them into the store",
		ArgsUsage: "PATH…",
		Description: fmt.Sprintf(`Reads each PATH: a file, a directory (walked recursively for %s files,
hidden entries skipped) or - for standard input. Each article's date, title and outlet are read
where present; extraction runs in parallel and the facts are loaded in batches. The same fact
reported by several articles becomes one relationship with all their sources and evidence,
ingesting the same articles again changes nothing, and the graph depends only on the set of
articles ingested, not on their order, runs or batches.

A file that is not a readable text article (binary, invalid UTF-8 that is not Latin-1, empty,
larger than %d MiB) is named with its reason and skipped; the others still load, and the exit
status is 3.

   kg ingest seeds
   kg ingest --dry-run article.txt
   curl -s https://example.org/story.html | kg ingest -`, strings.Join(ingest.Extensions, " "), document.MaxSize>>20),
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "dry-run", Usage: "extract and show what would be loaded, without writing", Destination: &opts.dryRun},
			&cli.IntFlag{Name: "workers", Usage: "articles extracted at once (default: one more than the number of CPUs)", Destination: &opts.workers},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but errors", Destination: &opts.quiet},
			&cli.IntFlag{Name: "commit-every", Destination: &opts.commitEvery,
				Usage: "commit exactly every N articles (default: every 1,024, growing up to 8,192 articles or 8,192 relationships while the store is busy); " +
					"smaller shows readers the progress sooner and loses less to a crash, at the cost of more transactions"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageErr("for example: kg ingest seeds", "ingest needs at least one PATH (a file, a directory or -)")
			}
			if opts.commitEvery < 0 {
				return usageErr("", "--commit-every must be 1 or more, not %d", opts.commitEvery)
			}
			return runIngest(c.Context, g, opts, c.Args().Slice())
		},
	}
}

// scanMemoryLimit is the Go runtime's soft memory limit while kg ingest
// and kg check run, unless GOMEMLIMIT sets one.
const scanMemoryLimit = 512 << 20

// limitMemory sets the Go runtime's soft memory limit to scanMemoryLimit,
// unless GOMEMLIMIT set one, and returns what puts it back. The runtime
// lets the heap grow to twice what is live before it collects; for a
// command whose live heap is a few hundred megabytes at any size (an
// ingest, a check, the snapshot either builds at the end), the limit keeps
// the resident set near it at the cost of more frequent collections.
func limitMemory() (restore func()) {
	limit := debug.SetMemoryLimit(-1)
	if limit != math.MaxInt64 {
		return func() {}
	}
	debug.SetMemoryLimit(scanMemoryLimit)
	return func() { debug.SetMemoryLimit(limit) }
}

func runIngest(ctx context.Context, g *globalOptions, opts ingestOptions, paths []string) (err error) {
	// The extractor's model and the build stamp (a hash of the executable
	// for a development build) take a tenth of a second each: on the
	// other cores while the inputs are found and the store opened, not
	// before the first article.
	go extract.Prepare()
	go ingest.BuildStamp()
	// Nothing to read: say so without creating or locking the store.
	inputs, skipped := ingest.Find(paths)
	if len(inputs) == 0 {
		for _, s := range skipped {
			fmt.Fprintf(g.stderr, "kg: skipped %q: %s\n", s.Path, s.Reason)
		}
		return withCode(exitPartial, errors.New("nothing to ingest"),
			fmt.Sprintf("name article files, directories holding %s files, or - for standard input", strings.Join(ingest.Extensions, " ")))
	}
	defer limitMemory()()
	x := extract.New(extract.Options{})
	var store graph.Store
	var loader ingest.Loader = discard{}
	if !opts.dryRun {
		// An article takes a few KiB of store: room to map for them all.
		store, err = g.openStoreGrowing(ctx, false, int64(len(inputs))*8<<10)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := store.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("failed to close the store: %w", cerr)
			}
		}()
		loader = store
	}
	committed := &countingLoader{l: loader}
	loader = committed
	var bar *progressBar
	iopts := ingest.Options{Workers: opts.workers, DryRun: opts.dryRun, Stdin: g.stdin, Stamp: ingest.BuildStamp(),
		FlushEvery: opts.commitEvery, MaxFlush: opts.commitEvery}
	switch {
	case opts.dryRun && !opts.quiet:
		// The facts stream as they are found: they are the progress.
		iopts.Inspect = newDryRunWriter(g.stdout).batch
	case g.isTerminal && !opts.quiet:
		bar = newProgressBar(g.stderr, "ingest")
		iopts.Progress = bar.Update
	}
	sum, err := ingest.RunInputs(ctx, x, loader, inputs, skipped, iopts)
	bar.Done()
	for _, s := range sum.Skipped {
		fmt.Fprintf(g.stderr, "kg: skipped %q: %s\n", s.Path, s.Reason)
	}
	if err != nil {
		if !opts.dryRun {
			// Interrupted, or a load failed (disk full): say what the
			// store holds now. Loads are idempotent, so a rerun of the
			// same command loads the rest and changes nothing else.
			fmt.Fprintf(g.stderr, "kg: %d of %d article%s committed to %s before the stop (%d nodes, %d relationships created); %d not loaded\n",
				committed.articles, len(inputs), plural(len(inputs)), g.storeName(),
				committed.stats.NodesCreated, committed.stats.RelationshipsCreated, len(inputs)-(len(sum.Skipped)-len(skipped))-sum.Unchanged-committed.articles)
			fmt.Fprintln(g.stderr, "kg: hint: run the same command again to finish: what was committed is not loaded twice")
		}
		return err
	}
	if !opts.quiet {
		if opts.dryRun {
			writeDryRunSummary(g.stdout, sum)
		} else {
			counts, cerr := store.Counts(ctx)
			if cerr != nil {
				return fmt.Errorf("failed to count the store: %w", cerr)
			}
			writeIngestSummary(g.stdout, g.storeName(), sum, counts)
		}
	}
	if sum.Articles == 0 && len(sum.Skipped) > 0 {
		return withCode(exitPartial, fmt.Errorf("no article could be read (%d skipped)", len(sum.Skipped)), "")
	}
	if len(sum.Skipped) > 0 {
		return withCode(exitPartial, fmt.Errorf("%d of %d inputs skipped", len(sum.Skipped), sum.Files), "")
	}
	return nil
}

// discard is the loader of a dry run.
type discard struct{}

func (discard) Load(context.Context, *graph.Batch) (graph.LoadStats, error) {
	return graph.LoadStats{}, nil
}

func writeIngestSummary(w io.Writer, store string, sum *ingest.Summary, counts *graph.Counts) {
	secs := sum.Elapsed.Seconds()
	fmt.Fprintf(w, "ingested %d article%s (%s) into %s in %s", sum.Articles, plural(sum.Articles),
		byteSize(sum.Bytes), store, sum.Elapsed.Round(time.Millisecond))
	if secs > 0 && sum.Articles > 0 {
		fmt.Fprintf(w, " (%.0f articles/s)", float64(sum.Articles)/secs)
	}
	fmt.Fprintln(w)
	if sum.Unchanged > 0 {
		fmt.Fprintf(w, "%d input%s already in the store, unchanged: not extracted again\n", sum.Unchanged, plural(sum.Unchanged))
	}
	fmt.Fprintf(w, "loaded: %d nodes created, %d updated; %d relationships created, %d updated\n",
		sum.Load.NodesCreated, sum.Load.NodesUpdated, sum.Load.RelationshipsCreated, sum.Load.RelationshipsUpdated)
	fmt.Fprintf(w, "the graph now holds %d nodes and %d relationships:\n", counts.TotalNodes(), counts.TotalRelationships())
	writeCounts(w, counts.Nodes, counts.Relationships)
	if len(sum.Skipped) > 0 {
		fmt.Fprintf(w, "skipped %d input%s (reasons above)\n", len(sum.Skipped), plural(len(sum.Skipped)))
	}
}

// dryRunWriter prints the facts of a dry run as the batches stream by:
// each fact once, the first time it is found.
type dryRunWriter struct {
	w       io.Writer
	printed map[string]bool // fact ids
}

func newDryRunWriter(w io.Writer) *dryRunWriter {
	return &dryRunWriter{w: w, printed: map[string]bool{}}
}

func (d *dryRunWriter) batch(b *graph.Batch) {
	names := batchNames(b)
	for _, r := range b.Relationships {
		if !graph.IsFactType(r.Type) || d.printed[r.ID] {
			continue
		}
		if len(d.printed) == 0 {
			fmt.Fprintln(d.w, "facts:")
		}
		d.printed[r.ID] = true
		fmt.Fprintf(d.w, "  %s", factLine(names, r))
		if date, ok := r.Props[graph.PropDate].(string); ok && date != "" {
			fmt.Fprintf(d.w, "  %s", date)
		}
		fmt.Fprintln(d.w)
	}
}

func writeDryRunSummary(w io.Writer, sum *ingest.Summary) {
	nodes, rels := 0, 0
	for _, n := range sum.Nodes {
		nodes += n
	}
	for _, n := range sum.Relationships {
		rels += n
	}
	fmt.Fprintf(w, "dry run: %d article%s would load %d nodes and %d relationships (nothing written):\n",
		sum.Articles, plural(sum.Articles), nodes, rels)
	writeCounts(w, sum.Nodes, sum.Relationships)
}

func nameOr(names map[string]string, id string) string {
	if n := names[id]; n != "" {
		return n
	}
	return id
}

// batchNames maps the nodes of b to what people call them: the name, or an
// article's title.
func batchNames(b *graph.Batch) map[string]string {
	names := make(map[string]string, len(b.Nodes))
	for _, n := range b.Nodes {
		if name, ok := n.Props[graph.PropName].(string); ok {
			names[n.ID] = name
		} else if t, ok := n.Props[graph.PropTitle].(string); ok {
			names[n.ID] = t
		}
	}
	return names
}

// factLine renders a fact relationship as "(From)-[:TYPE]->(To)".
func factLine(names map[string]string, r graph.Relationship) string {
	return fmt.Sprintf("(%s)-[:%s]->(%s)", nameOr(names, r.Start), r.Type, nameOr(names, r.End))
}

// writeCounts prints counts by label and by type, in the model's order
// first and then any other names sorted.
func writeCounts(w io.Writer, nodes, rels map[string]int) {
	for _, l := range orderedKeys(nodes, graph.Labels) {
		fmt.Fprintf(w, "  %-12s %7d\n", l, nodes[l])
	}
	for _, t := range orderedKeys(rels, graph.RelTypes) {
		fmt.Fprintf(w, "  %-12s %7d\n", t, rels[t])
	}
}

func orderedKeys(m map[string]int, order []string) []string {
	var keys []string
	known := map[string]bool{}
	for _, k := range order {
		known[k] = true
		if m[k] > 0 {
			keys = append(keys, k)
		}
	}
	var rest []string
	for k, v := range m {
		if !known[k] && v > 0 {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// countingLoader counts what its loader committed: the articles (Article
// nodes) of the batches whose Load returned, and their load statistics.
type countingLoader struct {
	l        ingest.Loader
	articles int
	stats    graph.LoadStats
}

func (c *countingLoader) Load(ctx context.Context, b *graph.Batch) (graph.LoadStats, error) {
	st, err := c.l.Load(ctx, b)
	return c.counted(b, st, err)
}

// Ingested and LoadTracked make a countingLoader an ingest.Tracker, over
// its loader's own tracking when it has one: without, nothing is skipped.
func (c *countingLoader) Ingested(ctx context.Context, key, stamp string) (bool, error) {
	if t, ok := c.l.(ingest.Tracker); ok {
		return t.Ingested(ctx, key, stamp)
	}
	return false, nil
}

func (c *countingLoader) LoadTracked(ctx context.Context, b *graph.Batch, keys []string, stamp string) (graph.LoadStats, error) {
	if t, ok := c.l.(ingest.Tracker); ok {
		st, err := t.LoadTracked(ctx, b, keys, stamp)
		return c.counted(b, st, err)
	}
	return c.Load(ctx, b)
}

// counted counts b as committed when its load returned no error.
func (c *countingLoader) counted(b *graph.Batch, st graph.LoadStats, err error) (graph.LoadStats, error) {
	if err != nil {
		return st, err
	}
	c.stats.Add(st)
	for _, n := range b.Nodes {
		if n.Label == graph.LabelArticle {
			c.articles++
		}
	}
	return st, nil
}
