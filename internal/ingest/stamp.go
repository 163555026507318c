package ingest

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

// BuildStamp identifies the extraction this binary performs, for
// Options.Stamp: "version v1.2.3" for a release build, "vcs REVISION" for
// a build from a clean checkout, and otherwise (a build with local
// changes, go run, a test binary) a hash of the executable, so that a kg
// rebuilt with other rules reads every article again. It returns "" when
// none of these can be had, which turns incremental ingest off.
func BuildStamp() string { return buildStamp() }

var buildStamp = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" && !isPseudoDirty(v) {
			return "version " + v
		}
		var rev string
		modified := true
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value != "false"
			}
		}
		if rev != "" && !modified {
			return "vcs " + rev
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := goBuildID(exe); id != "" {
		return "build " + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "binary " + hex.EncodeToString(h.Sum(nil)[:16])
})

// isPseudoDirty reports whether a module version marks a build with local
// changes ("+dirty", as go build stamps one since Go 1.24).
func isPseudoDirty(v string) bool {
	const dirty = "+dirty"
	return len(v) >= len(dirty) && v[len(v)-len(dirty):] == dirty
}

// goBuildID returns the Go build ID an ELF executable carries in its
// .note.go.buildid section (what `go tool buildid` prints: a hash of the
// build's inputs and of its content), or "" where there is none. Reading it
// costs a few small reads; hashing the executable, the fallback, a tenth of
// a second before the first article.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	// An ELF note: name size, description size, type, the name "Go\x00\x00",
	// then the description, the build ID.
	if err != nil || len(note) < 16 || string(note[12:16]) != "Go\x00\x00" {
		return ""
	}
	n := f.ByteOrder.Uint32(note[4:8])
	if uint64(n) > uint64(len(note)-16) {
		return ""
	}
	return string(note[16 : 16+n])
}
