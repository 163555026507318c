package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progressBar draws a one-line progress bar on a terminal. A nil
// *progressBar does nothing, so callers need not check for a terminal.
type progressBar struct {
	w     io.Writer
	label string
	start time.Time
	last  time.Time
}

func newProgressBar(w io.Writer, label string) *progressBar {
	return &progressBar{w: w, label: label, start: time.Now()}
}

// Update redraws the bar, at most ten times a second and always at the end.
func (p *progressBar) Update(done, total int) {
	if p == nil || total == 0 {
		return
	}
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	const width = 30
	filled := width * done / total
	rate := float64(done) / now.Sub(p.start).Seconds()
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d files  %.0f/s ", p.label,
		strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done, total, rate)
}

// Done clears the bar's line.
func (p *progressBar) Done() {
	if p == nil || p.last.IsZero() {
		return
	}
	fmt.Fprint(p.w, "\r\033[K")
}
