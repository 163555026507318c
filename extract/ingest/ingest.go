// Package ingest turns article files into graph batches and loads them into a
// store: it finds the files, reads and extracts them in parallel, and loads
// the results in input order, in batches.
//
// Each article's batch is a function of that article alone, and stores merge
// with commutative rules (graph.MergeProps), so the graph a store ends with
// is a function of the set of articles ingested into it: whatever their
// order, the batches, the number of workers or of runs, and whether a run
// was killed and started again.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
)

// Extractor turns one document into a batch of nodes and relationships.
type Extractor interface {
	Extract(doc *document.Document) (*graph.Batch, error)
}

// Loader loads a batch with merge semantics; graph.Store is one.
type Loader interface {
	Load(ctx context.Context, b *graph.Batch) (graph.LoadStats, error)
}

// Tracker is a Loader that remembers which inputs it loaded, so that a
// later run skips them before extraction (incremental ingest). An input's
// key names its content and its path; the stamp names the extraction (see
// BuildStamp). Skipping is exact: extraction is a function of the content,
// the path and the extractor, and loading is idempotent, so an input
// recorded with the same stamp would change nothing if loaded again.
type Tracker interface {
	Loader
	// Ingested reports whether LoadTracked recorded key with stamp.
	Ingested(ctx context.Context, key, stamp string) (bool, error)
	// LoadTracked loads b and records keys with stamp in the same
	// transaction: a key is recorded only if b's facts are stored.
	LoadTracked(ctx context.Context, b *graph.Batch, keys []string, stamp string) (graph.LoadStats, error)
}

// Key is the key under which a Tracker records an input: its article id
// (the hash of its bytes) and its path, which both decide what extraction
// finds (the path gives the format and the Article's path property).
func Key(articleID, path string) string { return articleID + "\x00" + path }

// Extensions are the file name endings ingested when walking a directory.
// A file named explicitly is read whatever its ending.
var Extensions = []string{".txt", ".md", ".markdown", ".html", ".htm"}

// StdinName is the path that stands for standard input.
const StdinName = "-"

// Options control a Run. The zero value is usable.
type Options struct {
	// Workers is the number of files read and extracted at once;
	// 0 means GOMAXPROCS.
	Workers int
	// FlushEvery is the number of articles merged into one Load; 0 means 256.
	FlushEvery int
	// DryRun extracts everything but loads nothing.
	DryRun bool
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// Stamp identifies the extraction (BuildStamp). When it is set and the
	// loader is a Tracker, an input the store already recorded with the
	// same content, path and stamp is skipped after it is read and hashed,
	// before extraction, and counted in Summary.Unchanged.
	Stamp string
	// Progress, when set, is called after each file with the number of
	// files done and the total. It is called from one goroutine.
	Progress func(done, total int)
}

// Skipped is an input that was not loaded, and why.
type Skipped struct {
	Path   string
	Reason string
}

// Summary reports what a Run read, extracted and loaded.
type Summary struct {
	Files    int // inputs found
	Articles int // articles extracted
	// Unchanged counts inputs skipped because the store already holds them
	// (same content, path and extractor; see Options.Stamp).
	Unchanged int
	Bytes     int64
	Skipped   []Skipped
	// Nodes and Relationships count what was extracted, by label and type,
	// after merging across the articles of the run; set with Options.DryRun
	// only (a real run asks the store for its counts).
	Nodes         map[string]int
	Relationships map[string]int
	Load          graph.LoadStats
	Elapsed       time.Duration
	// Batch holds everything extracted when Options.DryRun is set.
	Batch *graph.Batch
}

// Input is one file to ingest.
type Input struct {
	Path     string
	Explicit bool // named on the command line rather than found in a directory
}

// Find expands paths into the inputs to read, in a deterministic order:
// each argument in turn, directories walked recursively in lexical order
// (hidden files and directories skipped, only Extensions). A path that does
// not exist is returned in skipped with its reason.
func Find(paths []string) (inputs []Input, skipped []Skipped) {
	seen := map[string]bool{}
	add := func(in Input) {
		if !seen[in.Path] {
			seen[in.Path] = true
			inputs = append(inputs, in)
		}
	}
	for _, p := range paths {
		if p == StdinName {
			add(Input{Path: p, Explicit: true})
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			skipped = append(skipped, Skipped{Path: p, Reason: reason(err)})
			continue
		}
		if !fi.IsDir() {
			add(Input{Path: p, Explicit: true})
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				skipped = append(skipped, Skipped{Path: path, Reason: reason(err)})
				return nil
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && hasExtension(name) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			skipped = append(skipped, Skipped{Path: p, Reason: reason(err)})
		}
		sort.Strings(found)
		for _, f := range found {
			add(Input{Path: f})
		}
	}
	return inputs, skipped
}

func hasExtension(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// reason turns a file error into the short reason shown to users.
func reason(err error) string {
	var re *document.ReadError
	switch {
	case errors.As(err, &re):
		return re.Reason
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

type result struct {
	index     int
	batch     *graph.Batch
	key       string // Tracker key, when tracking
	bytes     int64
	skip      *Skipped
	unchanged bool  // already in the store
	err       error // a failure of the store
}

// Run ingests paths: it reads and extracts the files with opts.Workers
// goroutines and loads the batches into l in input order. A file that cannot
// be read or is not text is reported in Summary.Skipped and the rest still
// load. Run returns an error only for a failure of the store or of ctx; the
// summary then says what was loaded before it.
func Run(ctx context.Context, x Extractor, l Loader, paths []string, opts Options) (*Summary, error) {
	inputs, skipped := Find(paths)
	return RunInputs(ctx, x, l, inputs, skipped, opts)
}

// RunInputs is Run over inputs already found by Find; skipped are the
// paths Find could not use, reported in the summary.
func RunInputs(ctx context.Context, x Extractor, l Loader, inputs []Input, skipped []Skipped, opts Options) (*Summary, error) {
	start := time.Now()
	sum := &Summary{Files: len(inputs) + len(skipped), Skipped: slices.Clone(skipped)}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	flushEvery := opts.FlushEvery
	if flushEvery <= 0 {
		flushEvery = 256
	}
	stdin := opts.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	var tracker Tracker
	if t, ok := l.(Tracker); ok && opts.Stamp != "" && !opts.DryRun {
		tracker = t
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	results := make(chan result, workers*2)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
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
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Reassemble in input order, so that the batches loaded (and what a
	// store holds when a run stops early) do not depend on scheduling.
	var (
		pending  = map[int]result{}
		next     int
		done     int
		pendingB graph.Builder
		keys     []string
		all      graph.Builder
		inBatch  int
		loadErr  error
	)
	flush := func() error {
		if inBatch == 0 {
			return nil
		}
		b, k := pendingB.Batch(), keys
		pendingB, keys = graph.Builder{}, nil
		inBatch = 0
		if opts.DryRun {
			all.AddBatch(b)
			return nil
		}
		var st graph.LoadStats
		var err error
		if tracker != nil {
			st, err = tracker.LoadTracked(ctx, b, k, opts.Stamp)
		} else {
			st, err = l.Load(ctx, b)
		}
		sum.Load.Add(st)
		if err != nil {
			return fmt.Errorf("failed to load into the store: %w", err)
		}
		return nil
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
			done++
			switch {
			case r.err != nil:
				if loadErr == nil {
					loadErr = r.err
				}
			case r.skip != nil:
				sum.Skipped = append(sum.Skipped, *r.skip)
			case r.unchanged:
				sum.Unchanged++
			default:
				if r.key != "" {
					keys = append(keys, r.key)
				}
				sum.Articles++
				sum.Bytes += r.bytes
				pendingB.AddBatch(r.batch)
				inBatch++
				if inBatch >= flushEvery && loadErr == nil {
					loadErr = flush()
				}
			}
			if opts.Progress != nil {
				opts.Progress(done, len(inputs))
			}
		}
		if loadErr != nil {
			cancel()
			break
		}
	}
	if loadErr == nil {
		if err := ctx.Err(); err != nil {
			loadErr = err
		} else {
			loadErr = flush()
		}
	}
	if loadErr != nil {
		// Drain the workers so that none is left blocked.
		for range results {
		}
	}
	if opts.DryRun {
		sum.Batch = all.Batch()
		sum.Nodes, sum.Relationships = countBatch(sum.Batch)
	}
	sort.SliceStable(sum.Skipped, func(i, j int) bool { return sum.Skipped[i].Path < sum.Skipped[j].Path })
	sum.Elapsed = time.Since(start)
	if pctx := context.Cause(ctx); loadErr == nil && pctx != nil && !errors.Is(pctx, context.Canceled) {
		loadErr = pctx
	}
	return sum, loadErr
}

// process reads and extracts one input; with a tracker, an input it
// already holds is only read and hashed.
func process(ctx context.Context, x Extractor, in Input, stdin io.Reader, t Tracker, stamp string) result {
	data, err := readInput(in, stdin)
	if err != nil {
		return result{skip: &Skipped{Path: in.Path, Reason: reason(err)}}
	}
	var key string
	if t != nil {
		key = Key(graph.ArticleID(data), in.Path)
		seen, err := t.Ingested(ctx, key, stamp)
		if err != nil {
			return result{err: fmt.Errorf("failed to read the store: %w", err)}
		}
		if seen {
			return result{unchanged: true, bytes: int64(len(data))}
		}
	}
	doc, err := parse(in, data)
	if err != nil {
		return result{skip: &Skipped{Path: in.Path, Reason: reason(err)}}
	}
	b, err := extractSafely(x, doc)
	if err != nil {
		return result{skip: &Skipped{Path: in.Path, Reason: "extraction failed: " + err.Error()}}
	}
	return result{batch: b, key: key, bytes: int64(len(data))}
}

// Read reads one input as an article, as Run does: a file up to
// document.MaxSize, or standard input for StdinName (stdin nil means
// os.Stdin). It returns the document and the number of bytes read.
func Read(in Input, stdin io.Reader) (*document.Document, int64, error) {
	data, err := readInput(in, stdin)
	if err != nil {
		return nil, 0, err
	}
	doc, err := parse(in, data)
	if err != nil {
		return nil, 0, err
	}
	return doc, int64(len(data)), nil
}

// readInput reads the bytes of one input: a file up to one byte past
// document.MaxSize, or standard input for StdinName.
func readInput(in Input, stdin io.Reader) ([]byte, error) {
	if in.Path == StdinName {
		if stdin == nil {
			stdin = os.Stdin
		}
		return io.ReadAll(io.LimitReader(stdin, document.MaxSize+1))
	}
	return readFile(in.Path)
}

// parse reads the bytes of one input as an article.
func parse(in Input, data []byte) (*document.Document, error) {
	name := in.Path
	if in.Path == StdinName {
		name = "stdin.txt"
	}
	doc, err := document.Read(name, data)
	if err != nil {
		return nil, err
	}
	if in.Path == StdinName {
		doc.Path = StdinName
	}
	return doc, nil
}

// readFile reads a file up to one byte past document.MaxSize, so that an
// oversized file is reported without reading all of it.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, document.MaxSize+1))
}

// extractSafely runs the extractor, turning a panic on one article into an
// error for that article alone: one bad file must not lose the others.
func extractSafely(x Extractor, doc *document.Document) (b *graph.Batch, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return x.Extract(doc)
}

func countBatch(b *graph.Batch) (nodes, rels map[string]int) {
	nodes, rels = map[string]int{}, map[string]int{}
	for _, n := range b.Nodes {
		nodes[n.Label]++
	}
	for _, r := range b.Relationships {
		rels[r.Type]++
	}
	return nodes, rels
}
