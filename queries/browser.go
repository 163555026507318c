package queries

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// GuideFile and FavoritesFile are the names ExportBrowser writes.
const (
	GuideFile     = "kg-guide.html"
	FavoritesFile = "kg-favorites.zip"
)

// ExportBrowser writes the Neo4j Browser files of pack into dir: a guide
// (GuideFile, played with `:play URL`: one slide per query, with a runnable
// `:params` block holding the defaults and a runnable query block) and a
// favorites archive (FavoritesFile: one .cypher file per query, whose first
// comment line is the title Browser shows).
func ExportBrowser(pack *Pack, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	guide := Guide(pack)
	if err := os.WriteFile(filepath.Join(dir, GuideFile), guide, 0o644); err != nil {
		return err
	}
	fav, err := Favorites(pack)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, FavoritesFile), fav, 0o644)
}

// Guide renders pack as a Neo4j Browser guide (HTML slides in a carousel).
func Guide(pack *Pack) []byte {
	var b bytes.Buffer
	b.WriteString("<article class=\"guide\">\n<carousel class=\"deck container-fluid\">\n")
	b.WriteString("<slide class=\"row-fluid\">\n<div class=\"col-sm-3\">\n<h3>kg: the saved queries</h3>\n")
	b.WriteString("<p class=\"lead\">Questions analysts ask of the news graph, each answered with its evidence.</p>\n</div>\n")
	b.WriteString("<div class=\"col-sm-9\">\n<p>Each slide holds one query. Click the <code>:params</code> block to set its parameters " +
		"(edit the names first if you like), then click the query to put it in the editor and run it.</p>\n<ul>\n")
	for _, q := range pack.Queries() {
		fmt.Fprintf(&b, "<li><b>%s</b>: %s</li>\n", html.EscapeString(q.Name), html.EscapeString(q.Title))
	}
	b.WriteString("</ul>\n</div>\n</slide>\n")
	for _, q := range pack.Queries() {
		b.WriteString("<slide class=\"row-fluid\">\n<div class=\"col-sm-3\">\n")
		fmt.Fprintf(&b, "<h3>%s</h3>\n<p class=\"lead\">%s</p>\n", html.EscapeString(q.Title), html.EscapeString(q.Description))
		b.WriteString("</div>\n<div class=\"col-sm-9\">\n")
		if len(q.Params) > 0 {
			b.WriteString("<figure>\n<pre class=\"pre-scrollable code runnable\">")
			b.WriteString(html.EscapeString(paramsCommand(q)))
			b.WriteString("</pre>\n<figcaption>Set the parameters: ")
			var descs []string
			for _, p := range q.Params {
				descs = append(descs, fmt.Sprintf("%s (%s): %s", p.Name, p.Type, p.Description))
			}
			b.WriteString(html.EscapeString(strings.Join(descs, "; ")))
			b.WriteString("</figcaption>\n</figure>\n")
		}
		b.WriteString("<figure>\n<pre class=\"pre-scrollable code runnable\">")
		b.WriteString(html.EscapeString(q.Body))
		fmt.Fprintf(&b, "</pre>\n<figcaption>kg query run %s</figcaption>\n</figure>\n</div>\n</slide>\n", html.EscapeString(q.Name))
	}
	b.WriteString("</carousel>\n</article>\n")
	return b.Bytes()
}

// paramsCommand is the Browser command that sets q's parameters to their
// defaults: `:params {a: 'Iran', limit: 25}`. A required parameter without a
// default is set to an empty string to be edited.
func paramsCommand(q *Query) string {
	parts := make([]string, len(q.Params))
	for i, p := range q.Params {
		var lit string
		v, err := convert(p, p.Default)
		if p.Required || err != nil {
			v = ""
		}
		switch v := v.(type) {
		case string:
			lit = "'" + strings.ReplaceAll(strings.ReplaceAll(v, `\`, `\\`), "'", `\'`) + "'"
		case []any:
			items := make([]string, len(v))
			for j, e := range v {
				items[j] = "'" + strings.ReplaceAll(fmt.Sprint(e), "'", `\'`) + "'"
			}
			lit = "[" + strings.Join(items, ", ") + "]"
		default:
			lit = fmt.Sprint(v)
		}
		parts[i] = p.Name + ": " + lit
	}
	return ":params {" + strings.Join(parts, ", ") + "}"
}

// Favorites renders pack as a zip of .cypher files that Neo4j Browser
// imports as favorites, in a folder named kg.
func Favorites(pack *Pack) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// A fixed time keeps the archive byte-identical across exports.
	mod := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, q := range pack.Queries() {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "kg/" + q.File, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return nil, err
		}
		text := "// " + q.Title + "\n" + q.Text
		if _, err := w.Write([]byte(text)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
