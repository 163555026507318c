package testutil

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// UntarFirst writes the first n regular files of the gzipped tarball at
// path into dir, flat, and returns their paths sorted by name; n <= 0
// means all of them. A missing tarball fails t (the real-news corpus of
// ../shared is required, never a reason to skip), as does one holding
// fewer than n files.
func UntarFirst(t testing.TB, path, dir string, n int) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("the real-news corpus is required (see ../shared/corpus/README.md): %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	tr := tar.NewReader(zr)
	var paths []string
	for n <= 0 || len(paths) < n {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatalf("%s: %s: %v", path, h.Name, err)
		}
		p := filepath.Join(dir, filepath.Base(h.Name))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if n > 0 && len(paths) < n {
		t.Fatalf("%s holds %d articles, want at least %d", path, len(paths), n)
	}
	slices.Sort(paths)
	return paths
}
