package eval

import (
	"fmt"
	"io"
	"strings"
)

// judgementPrefix starts the line of each sampled fact on which a judge
// writes the verdict; [ReadJudgements] reads it back.
const judgementPrefix = "- **judgement:**"

// WriteMarkdown writes the sample as a Markdown file for a human judge:
// a header (the lines of about, then how the draw was made), then per type
// a "## TYPE" section of numbered "### TYPE n" facts, each with its
// endpoints, date, claimedBy, rules, details, source articles and evidence
// sentences, and an empty judgement line to complete with "correct" or
// "wrong: reason". [ReadJudgements] tallies the completed file.
func (s *Sample) WriteMarkdown(w io.Writer, about []string) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "# Precision sample: up to %d facts per type, seed %d\n\n", s.Size, s.Seed)
	for _, line := range about {
		fmt.Fprintf(ew, "- %s\n", line)
	}
	fmt.Fprintf(ew, "- The facts of each type are sorted by relationship id; %d positions are drawn by a partial Fisher–Yates\n", s.Size)
	fmt.Fprintf(ew, "  shuffle from math/rand/v2's PCG seeded with (%d, FNV-1a-64 of the type name) and listed in id order.\n", s.Seed)
	fmt.Fprintf(ew, "- Judge each fact on its evidence (and its article when needed): complete its judgement line with\n")
	fmt.Fprintf(ew, "  `correct` or `wrong: reason`. `kg eval --judged FILE` tallies the verdicts.\n\n")
	fmt.Fprintf(ew, "| type | facts in the graph | sampled |\n|---|---:|---:|\n")
	for _, ts := range s.Types {
		fmt.Fprintf(ew, "| %s | %d | %d |\n", ts.Type, ts.Total, len(ts.Facts))
	}
	for _, ts := range s.Types {
		fmt.Fprintf(ew, "\n## %s\n\n", ts.Type)
		switch {
		case ts.Total == 0:
			fmt.Fprintf(ew, "The graph holds no %s fact.\n", ts.Type)
		case len(ts.Facts) < s.Size:
			fmt.Fprintf(ew, "The graph holds only %d (fewer than %d): all are listed.\n", ts.Total, s.Size)
		default:
			fmt.Fprintf(ew, "%d of %d facts.\n", len(ts.Facts), ts.Total)
		}
		for i := range ts.Facts {
			writeFact(ew, i+1, &ts.Facts[i])
		}
	}
	return ew.err
}

func writeFact(w io.Writer, n int, f *SampledFact) {
	fmt.Fprintf(w, "\n### %s %d\n\n", f.Type, n)
	fmt.Fprintf(w, "- **from:** %s\n", describe(f.From))
	fmt.Fprintf(w, "- **to:** %s\n", describe(f.To))
	if f.To.Text != "" {
		fmt.Fprintf(w, "- **text:** %s\n", oneLine(f.To.Text))
	}
	fmt.Fprintf(w, "- **date:** %s · **claimedBy:** %s · **rules:** %s\n", orDash(f.Date), orDash(strings.Join(f.ClaimedBy, "; ")), orDash(strings.Join(f.Rules, ", ")))
	if len(f.Details) > 0 {
		parts := make([]string, len(f.Details))
		for i, d := range f.Details {
			parts[i] = fmt.Sprintf("**%s:** %s", d[0], oneLine(d[1]))
		}
		fmt.Fprintf(w, "- %s\n", strings.Join(parts, " · "))
	}
	for _, src := range f.Sources {
		where := src.Path
		if where == "" {
			where = src.ID
		}
		fmt.Fprintf(w, "- **source:** `%s`", where)
		if src.Title != "" {
			fmt.Fprintf(w, " — %s", oneLine(src.Title))
		}
		if src.PublishedAt != "" {
			fmt.Fprintf(w, " (%s)", src.PublishedAt)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "- **evidence:**\n")
	if len(f.Evidence) == 0 {
		fmt.Fprintf(w, "  > (none recorded)\n")
	}
	for _, e := range f.Evidence {
		fmt.Fprintf(w, "  > %s\n", oneLine(e))
	}
	fmt.Fprintf(w, "- `%s`\n", f.ID)
	fmt.Fprintln(w, judgementPrefix)
}

// describe renders an endpoint: name, then label and attributes.
func describe(e Endpoint) string {
	parts := []string{e.Label}
	if e.Label == "" {
		parts[0] = "not in the graph"
	}
	for _, a := range e.Attrs {
		parts = append(parts, a[0]+": "+oneLine(a[1]))
	}
	return fmt.Sprintf("%s (%s)", oneLine(e.Name), strings.Join(parts, ", "))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
