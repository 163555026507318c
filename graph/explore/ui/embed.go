// Package ui holds kg's explorer page, built from the sources beside this
// file (src/, bundled by esbuild through `npm ci && npm run build`) into
// dist/, which is committed so that building kg needs no Node.
package ui

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// FS is the built page: index.html, app.js, boot.js, style.css and the licence
// notices of the bundled libraries, at its root. It is read-only and safe
// for concurrent use; graph/explore serves it beside the JSON API.
var FS fs.FS = mustSub(dist, "dist")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // unreachable: dir is a constant that go:embed checked
	}
	return sub
}
