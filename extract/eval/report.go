package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kgnews/kg/graph"
)

// WriteText writes the report for people: a table of the scores per type,
// entity recall and affiliations, then every miss, false positive,
// duplicate, detail error, forbidden entity and neutral prediction with its
// evidence. The output is deterministic for a given report.
func (r *Report) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	writeMetricsTable(ew, r.PerType, r.Overall)
	fmt.Fprintf(ew, "\nentity recall     %.3f  (%d of %d required Actor and Country entities)\n", r.EntityRecall, r.EntitiesFound, r.EntitiesRequired)
	fmt.Fprintf(ew, "entity precision  %.3f  (%d of %d Actor and Country nodes carry a gold name)\n", r.EntityPrecision, r.EntityNodes-len(r.UnmatchedEntities), r.EntityNodes)
	fmt.Fprintf(ew, "affiliations      %.3f  (%d of %d)\n", r.AffiliationAccuracy, r.AffiliationsFound, r.AffiliationsChecked)
	fmt.Fprintf(ew, "forbidden         %d\n", len(r.ForbiddenEntities))

	section(ew, "missing entities", len(r.MissingEntities), func() {
		for _, e := range r.MissingEntities {
			fmt.Fprintf(ew, "  %s\n", e)
		}
	})
	section(ew, "forbidden entities (not_entities found as Actor or Country)", len(r.ForbiddenEntities), func() {
		for _, f := range r.ForbiddenEntities {
			fmt.Fprintf(ew, "  %q as %s %s (%q)\n", f.Name, f.Label, f.NodeID, f.As)
		}
	})
	section(ew, "affiliation misses", len(r.AffiliationMisses), func() {
		for _, a := range r.AffiliationMisses {
			fmt.Fprintf(ew, "  %s\n", strings.Join(a, " — "))
		}
	})
	section(ew, "misses (required gold facts not found)", len(r.Misses), func() {
		for _, m := range r.Misses {
			fmt.Fprintf(ew, "  %-10s  %s\n", m.Type, m.Gold)
			if m.Evidence != "" {
				fmt.Fprintf(ew, "              evidence: %q\n", m.Evidence)
			}
			if m.Source != "" {
				fmt.Fprintf(ew, "              source:   %s\n", m.Source)
			}
		}
	})
	writeEdges(ew, "false positives", r.FalsePositives)
	writeEdges(ew, "duplicates (a gold fact matched by more than one relationship)", r.Duplicates)
	section(ew, "detail errors (matched facts with a wrong detail)", len(r.DetailErrors), func() {
		for _, d := range r.DetailErrors {
			fmt.Fprintf(ew, "  %-10s  %s: %s want %q, got %q\n", d.Type, d.Gold, d.Field, d.Want, d.Got)
		}
	})
	writeEdges(ew, "neutral (matched only non-required gold facts)", r.Neutral)
	section(ew, "Actor and Country nodes that carry no gold name", len(r.UnmatchedEntities), func() {
		fmt.Fprintf(ew, "  %s\n", strings.Join(r.UnmatchedEntities, "; "))
	})
	section(ew, "problems in the gold set", len(r.Problems), func() {
		for _, p := range r.Problems {
			fmt.Fprintf(ew, "  %s\n", p)
		}
	})
	return ew.err
}

// writeMetricsTable writes one row per fact type and the overall row.
// TP counts the predictions that match a required gold fact (duplicates
// included), hit the gold facts found out of gold.
func writeMetricsTable(w io.Writer, perType map[string]Metrics, overall Metrics) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "relationship  \tTP\tFP\tdup\thit\tgold\tprecision\trecall\tF1\t")
	for _, typ := range graph.FactTypes {
		if m := perType[typ]; !m.empty() {
			writeMetricsRow(tw, typ, m)
		}
	}
	writeMetricsRow(tw, "overall", overall)
	tw.Flush()
}

// empty reports whether m has neither gold facts nor scored predictions:
// text tables leave such a type out.
func (m Metrics) empty() bool { return m.Gold == 0 && m.TP == 0 && m.FP == 0 }

func writeMetricsRow(w io.Writer, name string, m Metrics) {
	fmt.Fprintf(w, "%-14s\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", name, m.TP, m.FP, m.Dup, m.Hit, m.Gold, m.Precision, m.Recall, m.F1)
}

// WriteSources writes the relationship metrics per subset of the gold's
// sources (see [Subset]): one table per subset, then one line per subset
// with its overall precision, recall and F1. It writes nothing when the
// report has no subsets.
func (r *Report) WriteSources(w io.Writer) error {
	if len(r.BySource) == 0 {
		return nil
	}
	ew := &errWriter{w: w}
	for _, s := range r.BySource {
		fmt.Fprintf(ew, "\nsubset %s/ (%d articles)\n", s.Name, s.Articles)
		writeMetricsTable(ew, s.PerType, s.Overall)
	}
	fmt.Fprintln(ew)
	var types []string
	for _, typ := range graph.FactTypes {
		for _, s := range r.BySource {
			if m := s.PerType[typ]; !m.empty() {
				types = append(types, typ)
				break
			}
		}
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "subset  \t")
	for _, typ := range types {
		fmt.Fprintf(tw, "%s F1\t", typ)
	}
	fmt.Fprintln(tw, "precision\trecall\tF1\t")
	for _, s := range r.BySource {
		fmt.Fprintf(tw, "%-8s\t", s.Name+"/")
		for _, typ := range types {
			fmt.Fprintf(tw, "%.3f\t", s.PerType[typ].F1)
		}
		fmt.Fprintf(tw, "%.3f\t%.3f\t%.3f\t\n", s.Overall.Precision, s.Overall.Recall, s.Overall.F1)
	}
	tw.Flush()
	return ew.err
}

func section(w io.Writer, title string, n int, body func()) {
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s: %d\n", title, n)
	body()
}

func writeEdges(w io.Writer, title string, edges []Edge) {
	section(w, title, len(edges), func() {
		for _, e := range edges {
			fmt.Fprintf(w, "  %-10s  %s → %s", e.Type, e.From, e.To)
			if e.Date != "" {
				fmt.Fprintf(w, " @%s", e.Date)
			}
			fmt.Fprintln(w)
			if e.Detail != "" {
				fmt.Fprintf(w, "              %s\n", e.Detail)
			}
			if e.Gold != "" {
				fmt.Fprintf(w, "              gold:     %s\n", e.Gold)
			}
			if e.Reason != "" {
				fmt.Fprintf(w, "              reason:   %s\n", e.Reason)
			}
			for _, ev := range e.Evidence {
				fmt.Fprintf(w, "              evidence: %q\n", ev)
			}
		}
	})
}

// WriteJSON writes the report as one indented JSON object with stable keys
// and order, for scripts and CI.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("failed to write report: %w", err)
	}
	return nil
}

// errWriter remembers the first write error so that WriteText can print
// freely and report it once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = fmt.Errorf("failed to write report: %w", err)
	}
	return n, nil
}
