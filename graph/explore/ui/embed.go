// Package ui holds kg's explorer page, built from the sources beside this
// file (src/, bundled by esbuild through `npm ci && npm run build`) into
// dist/, which is committed so that building kg needs no Node.
package ui

import (
	"embed"
	"io/fs"
)

//go:embed dist src/index.html
var files embed.FS

// FS is the page at its root: index.html (from src/, its one copy, which
// needs no building) and the bundle built into dist/: app.js, boot.js,
// style.css and the licence notices of the bundled libraries. It is
// read-only and safe for concurrent use; graph/explore serves it beside
// the JSON API.
var FS fs.FS = page{}

// page is FS: dist/ at the root, with src/index.html beside it.
type page struct{}

func (page) Open(name string) (fs.File, error) {
	switch {
	case !fs.ValidPath(name):
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	case name == "index.html":
		return files.Open("src/index.html")
	case name == ".":
		return files.Open("dist")
	}
	return files.Open("dist/" + name)
}
