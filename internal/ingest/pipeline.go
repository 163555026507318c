package ingest

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/kgnews/kg/graph"
)

// RunInputs is Run over inputs already found by Find; skipped are the
// paths Find could not use, reported in the summary.
//
// # Pipeline
//
// Three stages overlap, joined by bounded queues, so that both cores stay
// busy and memory stays bounded whatever the corpus:
//
//   - opts.Workers goroutines read, hash and extract inputs. A window of
//     window(workers) inputs limits how far they may run ahead of the
//     oldest input not yet collected, so that one slow article cannot make
//     the results behind it pile up.
//   - The collector takes results in input order and merges them into
//     batches of FlushEvery articles.
//   - The loader writes batches to the store, one at a time, in order,
//     while the next batch is being extracted and merged. A batch is handed
//     over once it holds FlushEvery articles and the loader is idle; while
//     the loader is busy it grows, up to MaxFlush articles, so that a slow
//     store gets fewer, larger transactions (group commit) instead of
//     stalling extraction — and up to MaxRelationships relationships, so
//     that a transaction's memory stays bounded however many facts the
//     articles hold.
//
// Batches are loaded in input order whatever the scheduling, so what a
// store holds when a run stops early is deterministic too.
func RunInputs(ctx context.Context, x Extractor, l Loader, inputs []Input, skipped []Skipped, opts Options) (*Summary, error) {
	start := time.Now()
	sum := &Summary{Files: len(inputs) + len(skipped), Skipped: slices.Clone(skipped)}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0) + 1
	}
	flushEvery := opts.FlushEvery
	if flushEvery <= 0 {
		flushEvery = 1024
	}
	maxFlush := opts.MaxFlush
	if maxFlush <= 0 {
		maxFlush = 8 * flushEvery
	}
	maxFlush = max(maxFlush, flushEvery)
	maxRels := opts.MaxRelationships
	if maxRels <= 0 {
		maxRels = 8192
	}
	stdin := opts.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	var tracker Tracker
	if t, ok := l.(Tracker); ok && opts.Stamp != "" && !opts.DryRun {
		tracker = t
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	// Stage 1: workers, fed by a producer that honours the window.
	jobs := make(chan int)
	results := make(chan result, workers)
	tokens := make(chan struct{}, window(workers))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := process(ctx, x, inputs[i], stdin, tracker, opts.Stamp)
				r.index = i
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range inputs {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Stage 3: the loader.
	// A load carries the collector's builder itself: the loader, not the
	// collector, turns it into a sorted batch, so that the collector only
	// hands over a pointer and the sort overlaps extraction.
	type load struct {
		bd   *graph.Builder
		keys []string
	}
	loads := make(chan load)
	loaded := make(chan struct{})
	var loaderErr error // set by the loader before it closes loaded
	var dry dryCounts
	go func() {
		defer close(loaded)
		for ld := range loads {
			if loaderErr != nil {
				continue // drain
			}
			b := ld.bd.Batch()
			if opts.DryRun {
				dry.add(b)
				if opts.Inspect != nil {
					opts.Inspect(b)
				}
				continue
			}
			var st graph.LoadStats
			var err error
			if tracker != nil {
				st, err = tracker.LoadTracked(ctx, b, ld.keys, opts.Stamp)
			} else {
				st, err = l.Load(ctx, b)
			}
			sum.Load.Add(st)
			if err != nil {
				loaderErr = fmt.Errorf("failed to load into the store: %w", err)
				cancel(loaderErr)
			}
		}
	}()

	// Stage 2: the collector, reassembling results in input order.
	var (
		pending  = map[int]result{}
		next     int
		pendingB = &graph.Builder{}
		keys     []string
		inBatch  int
		relsIn   int   // relationships of the batch's articles
		err      error // the first failure seen by the collector
	)
	// flush hands the batch to the loader; unless wait is set, only if the
	// loader is idle. It costs nothing when the loader is busy: building
	// the batch here on every attempt made the collector's work grow with
	// the square of the batch.
	flush := func(wait bool) {
		if inBatch == 0 {
			return
		}
		ld := load{bd: pendingB, keys: keys}
		if wait {
			select {
			case loads <- ld:
			case <-ctx.Done():
			}
		} else {
			select {
			case loads <- ld:
			default:
				return // keep merging into the batch
			}
		}
		pendingB, keys, inBatch, relsIn = &graph.Builder{}, nil, 0, 0
	}
	for r := range results {
		pending[r.index] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-tokens
			switch {
			case r.err != nil:
				if err == nil {
					err = r.err
					cancel(err)
				}
			case r.skip != nil:
				sum.Skipped = append(sum.Skipped, *r.skip)
			case r.unchanged:
				sum.Unchanged++
			default:
				sum.Articles++
				sum.Bytes += r.bytes
				pendingB.AddBatch(r.batch)
				if r.key != "" {
					keys = append(keys, r.key)
				}
				relsIn += len(r.batch.Relationships)
				if inBatch++; (inBatch >= flushEvery || relsIn >= maxRels) && ctx.Err() == nil {
					flush(inBatch >= maxFlush || relsIn >= maxRels)
				}
			}
			if opts.Progress != nil {
				opts.Progress(next, len(inputs))
			}
		}
	}
	if ctx.Err() == nil {
		flush(true)
	}
	close(loads)
	<-loaded
	switch {
	case loaderErr != nil:
		err = loaderErr
	case err != nil:
	case context.Cause(ctx) != nil:
		err = context.Cause(ctx)
	}
	if opts.DryRun {
		sum.Nodes, sum.Relationships = dry.nodes, dry.rels
	}
	sort.SliceStable(sum.Skipped, func(i, j int) bool { return sum.Skipped[i].Path < sum.Skipped[j].Path })
	sum.Elapsed = time.Since(start)
	return sum, err
}

// window is how many inputs may be read or extracted ahead of the oldest
// one not yet collected.
func window(workers int) int { return 8 * workers }

// dryCounts counts the distinct nodes and relationships of a dry run, by
// label and type, remembering only a 64-bit hash of each id.
type dryCounts struct {
	seen        map[uint64]struct{}
	nodes, rels map[string]int
}

func (c *dryCounts) add(b *graph.Batch) {
	if c.seen == nil {
		c.seen, c.nodes, c.rels = map[uint64]struct{}{}, map[string]int{}, map[string]int{}
	}
	for _, n := range b.Nodes {
		if c.first("n", n.ID) {
			c.nodes[n.Label]++
		}
	}
	for _, r := range b.Relationships {
		if c.first("r", r.ID) {
			c.rels[r.Type]++
		}
	}
}

// first reports whether the id is seen for the first time.
func (c *dryCounts) first(kind, id string) bool {
	h := fnv.New64a()
	h.Write([]byte(kind))
	h.Write([]byte(id))
	k := h.Sum64()
	if _, ok := c.seen[k]; ok {
		return false
	}
	c.seen[k] = struct{}{}
	return true
}
