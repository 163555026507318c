package testutil_test

import (
	"archive/tar"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

func TestUntarFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.tar.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	for _, name := range []string{"d/", "d/b.txt", "d/a.txt", "d/c.txt"} {
		h := &tar.Header{Name: name, Typeflag: tar.TypeReg, Size: int64(len(name)), Mode: 0o644}
		if strings.HasSuffix(name, "/") {
			h.Typeflag, h.Size, h.Mode = tar.TypeDir, 0, 0o755
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			tw.Write([]byte(name))
		}
	}
	for _, c := range []interface{ Close() error }{tw, zw, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	names := func(paths []string) string {
		var out []string
		for _, p := range paths {
			out = append(out, filepath.Base(p))
		}
		return strings.Join(out, " ")
	}
	if got := names(testutil.UntarFirst(t, path, t.TempDir(), 2)); got != "a.txt b.txt" {
		t.Errorf("UntarFirst(2) = %s, want the first two files, sorted", got)
	}
	dir := t.TempDir()
	if got := names(testutil.UntarFirst(t, path, dir, 0)); got != "a.txt b.txt c.txt" {
		t.Errorf("UntarFirst(0) = %s, want all three files", got)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "c.txt")); err != nil || string(data) != "d/c.txt" {
		t.Errorf("c.txt holds %q, %v", data, err)
	}
	if r := run("TestX", func(tb testing.TB) { testutil.UntarFirst(tb, path, t.TempDir(), 4) }); !strings.Contains(r.failed, "holds 3") {
		t.Errorf("four files of three: failure %q", r.failed)
	}
	if r := run("TestX", func(tb testing.TB) { testutil.UntarFirst(tb, path+".none", t.TempDir(), 1) }); !strings.Contains(r.failed, "corpus is required") {
		t.Errorf("missing tarball: failure %q", r.failed)
	}
}
