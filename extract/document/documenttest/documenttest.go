// Package documenttest provides a test helper for package document, kept
// out of it so that it does not ship in the kg binary.
package documenttest

import (
	"os"
	"testing"

	"github.com/kgnews/kg/extract/document"
)

// Read reads the article file at path with document.Read, failing tb on
// any error.
func Read(tb testing.TB, path string) *document.Document {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := document.Read(path, data)
	if err != nil {
		tb.Fatalf("document.Read(%s): %v", path, err)
	}
	return doc
}
