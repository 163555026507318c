// Package ingest is kg's ingest pipeline: it finds article files, reads and
// extracts them in parallel, and loads the results into a store in input
// order, in batches. It knows neither how articles are read into facts nor
// which store it writes to: the caller gives it an [Extractor] (package
// extract) and a [Loader] (a graph.Store), and a [Tracker] when the store
// records what it ingested, so that unchanged inputs are skipped.
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
	"sort"
	"strings"
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

// Key is the key under which a Tracker records an input: its path and its
// article id (the hash of its bytes), which both decide what extraction
// finds (the path gives the format and the Article's path property). The
// path comes first so that the keys of one run's batches are near each
// other in a store's sorted index.
func Key(articleID, path string) string { return path + "\x00" + articleID }

// Extensions are the file name endings ingested when walking a directory.
// A file named explicitly is read whatever its ending.
var Extensions = []string{".txt", ".md", ".markdown", ".html", ".htm"}

// StdinName is the path that stands for standard input.
const StdinName = "-"

// Options control a Run. The zero value is usable.
type Options struct {
	// Workers is the number of files read and extracted at once;
	// 0 means one more than GOMAXPROCS: a worker waits at times (for a
	// file, for the store's read of what it holds, for the collector), and
	// the spare one keeps the cores busy meanwhile (on 2 cores, Reuters:
	// 178% CPU with two workers, 180% with three, in no more time).
	Workers int
	// FlushEvery is the least number of articles merged into one Load
	// (but the last); 0 means 1,024.
	FlushEvery int
	// MaxFlush is the most articles merged into one Load: while the store
	// is busy with the previous Load, a batch grows from FlushEvery up to
	// MaxFlush articles. 0 means 8×FlushEvery; MaxFlush = FlushEvery makes
	// every batch but the last exactly FlushEvery articles.
	MaxFlush int
	// MaxRelationships caps a batch by its relationships as extracted
	// (before the articles' facts merge), whatever its articles: what a
	// Load writes, and the memory its transaction takes, grow with them,
	// and articles differ by tens of facts. A batch reaching it waits for
	// the loader. 0 means 8,192.
	MaxRelationships int
	// DryRun extracts everything but loads nothing: each batch a run would
	// load goes to Inspect instead, and the summary counts what it holds.
	DryRun bool
	// Inspect, when set, is called in a dry run with each batch the run
	// would load (FlushEvery articles merged), in input order, from one
	// goroutine; the batch is not kept after it returns, so that a dry run
	// of any corpus holds little memory.
	Inspect func(b *graph.Batch)
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
	// each distinct id once; set with Options.DryRun only (a real run asks
	// the store for its counts).
	Nodes         map[string]int
	Relationships map[string]int
	Load          graph.LoadStats
	Elapsed       time.Duration
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
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 && !strings.HasSuffix(p, string(filepath.Separator)) {
			// WalkDir does not follow a symlinked root; with a trailing
			// separator it does, and the paths keep the name given. Links
			// inside the walk are not followed, which rules out cycles.
			root = p + string(filepath.Separator)
		}
		var found []string
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
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
