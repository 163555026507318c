package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/export"
)

type exportOptions struct {
	format string
	output string
}

func exportCommand(g *globalOptions) *cli.Command {
	var opts exportOptions
	return &cli.Command{
		Name:  "export",
		Usage: "write the whole graph as JSON, GraphML or a Cypher script",
		Description: `Formats:
   json     kg's JSON contract: {"nodes": [...], "relationships": [...]}, sorted and stable, so two
            exports of the same graph are byte-identical
   graphml  GraphML with typed attributes, for Gephi, yEd and Cytoscape (lists as JSON strings)
   cypher   a script that recreates the graph in an empty Neo4j 5: constraints first, then batched
            UNWIND … MERGE (run it with cypher-shell -f FILE)

   kg export --format json -o graph.json
   kg export --format cypher | cypher-shell -u neo4j -p secret`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "json", Usage: "json, graphml or cypher", Destination: &opts.format},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to FILE (a regular file; - for standard output) instead of standard output", Destination: &opts.output},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErr("write to a file with -o FILE", "unexpected argument %q", c.Args().First())
			}
			return runExport(c.Context, g, opts)
		},
	}
}

func runExport(ctx context.Context, g *globalOptions, opts exportOptions) (err error) {
	var write func(io.Writer) error
	switch opts.format {
	case "json", "graphml", "cypher":
	default:
		return usageErr("use --format json, graphml or cypher", "unknown export format %q", opts.format)
	}
	if opts.output != "" && opts.output != "-" {
		// Refuse a FIFO or a device before reading the whole graph.
		if _, _, err := outputTarget(opts.output); err != nil {
			return err
		}
	}
	var b *graph.Batch
	err = g.withStore(ctx, true, func(s graph.Store) (err error) {
		b, err = s.Snapshot(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("failed to read the graph: %w", err)
	}
	switch opts.format {
	case "json":
		write = func(w io.Writer) error { return export.JSON(w, b) }
	case "graphml":
		write = func(w io.Writer) error { return export.GraphML(w, b) }
	case "cypher":
		write = func(w io.Writer) error { return export.Cypher(w, b, 1000) }
	}
	if opts.output == "" || opts.output == "-" {
		bw := bufio.NewWriter(g.stdout)
		if err := write(bw); err != nil {
			return fmt.Errorf("failed to export: %w", err)
		}
		return bw.Flush()
	}
	return writeFileAtomic(opts.output, write)
}

// writeFileAtomic writes a file through a temporary file in the same
// directory and renames it into place, so that a failed export never leaves
// a truncated file behind. It writes only regular files: a path naming a
// FIFO, a device, a socket or a directory, or a symlink to one, is refused;
// a symlink to a regular file is written through (the link stays). An
// existing file keeps its permissions; a new one gets 0666 less the umask.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	target, mode, err := outputTarget(path)
	if err != nil {
		return err
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	var tmp *os.File
	for i := 0; ; i++ {
		name := filepath.Join(dir, fmt.Sprintf(".%s.tmp%d-%d", base, os.Getpid(), i))
		tmp, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666) // the umask applies
		if err == nil || !errors.Is(err, fs.ErrExist) || i > 100 {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if mode != 0 {
		if err := tmp.Chmod(mode); err != nil {
			tmp.Close()
			return fmt.Errorf("cannot write %q: %w", path, err)
		}
	}
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return fmt.Errorf("failed to export to %q: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("cannot write %q: %w", path, err)
	}
	return nil
}

// outputTarget resolves the -o path: the file to replace (through a
// symlink) and the permissions to keep (0 for a new file). It refuses
// anything but a regular file.
func outputTarget(path string) (string, fs.FileMode, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, 0, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("cannot write %q: %w", path, err)
	}
	target := path
	if fi.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return "", 0, usageErr("remove the dangling link or name another file", "refusing to write %q: it is a symlink to a missing file", path)
			}
			return "", 0, fmt.Errorf("cannot write %q: %w", path, err)
		}
		if fi, err = os.Stat(target); err != nil {
			return "", 0, fmt.Errorf("cannot write %q: %w", path, err)
		}
	}
	if !fi.Mode().IsRegular() {
		return "", 0, usageErr("write to a regular file, or use -o - for standard output",
			"refusing to write %q: it is %s, not a regular file", path, fileKind(fi.Mode()))
	}
	return target, fi.Mode().Perm(), nil
}

// fileKind names the type of a file mode for messages.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}
