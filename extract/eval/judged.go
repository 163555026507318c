package eval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kgnews/kg/graph"
)

// ErrNoJudgements is returned by [ReadJudgements] for a file that holds no
// sampled fact.
var ErrNoJudgements = errors.New("no sampled fact found")

// Tally counts the verdicts on the sampled facts of one type.
type Tally struct {
	Type      string  `json:"type"`
	Correct   int     `json:"correct"`
	Wrong     int     `json:"wrong"`
	Unjudged  int     `json:"unjudged"`
	Precision float64 `json:"precision"` // Correct / (Correct + Wrong); 0 when nothing is judged
}

// ReadJudgements tallies a sample written by [Sample.WriteMarkdown] and
// completed by a judge: per "## TYPE" section, the facts whose judgement
// line starts with "correct" or "wrong" (case-insensitive), and those left
// empty. Sections whose heading is not a fact type (notes, results) are
// skipped. Any other verdict is an error naming its line, as is a judgement
// outside a fact; a file without facts gives [ErrNoJudgements]. Tallies come
// in the order of the file's sections.
func ReadJudgements(r io.Reader) ([]Tally, error) {
	var (
		out    []Tally
		inType bool // in a "## TYPE" section
		inFact bool // in a "### " fact of such a section
		judged bool
		lineNo int
	)
	cur := func() *Tally { return &out[len(out)-1] }
	closeFact := func() {
		if inFact && !judged {
			cur().Unjudged++
		}
		inFact, judged = false, false
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for sc.Scan() {
		lineNo++
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "### "):
			closeFact()
			inFact = inType
		case strings.HasPrefix(line, "## "):
			closeFact()
			typ, _, _ := strings.Cut(strings.TrimSpace(line[3:]), " ")
			if inType = graph.IsFactType(typ); inType {
				out = append(out, Tally{Type: typ})
			}
		case strings.HasPrefix(line, judgementPrefix):
			if !inFact || judged {
				return nil, fmt.Errorf("line %d: a judgement line outside a fact, or a second one", lineNo)
			}
			verdict := strings.ToLower(strings.TrimSpace(line[len(judgementPrefix):]))
			switch {
			case verdict == "":
				continue
			case strings.HasPrefix(verdict, "correct"):
				cur().Correct++
			case strings.HasPrefix(verdict, "wrong"):
				cur().Wrong++
			default:
				return nil, fmt.Errorf("line %d: judgement %q: want \"correct\" or \"wrong: reason\"", lineNo, verdict)
			}
			judged = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("failed to read judgements: %w", err)
	}
	closeFact()
	facts := 0
	for i := range out {
		t := &out[i]
		facts += t.Correct + t.Wrong + t.Unjudged
		if n := t.Correct + t.Wrong; n > 0 {
			t.Precision = float64(t.Correct) / float64(n)
		}
	}
	if facts == 0 {
		return nil, ErrNoJudgements
	}
	return out, nil
}

// LoadJudgements reads the judged sample file at path (see ReadJudgements).
func LoadJudgements(path string) ([]Tally, error) {
	return loadFile(path, "judged sample", ReadJudgements)
}

// WriteTallies prints the tallies as a table: per type the verdicts and the
// precision over the judged facts.
func WriteTallies(w io.Writer, tallies []Tally) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%-12s %7s %5s %8s %9s\n", "type", "correct", "wrong", "unjudged", "precision")
	for _, t := range tallies {
		fmt.Fprintf(ew, "%-12s %7d %5d %8d %9.3f\n", t.Type, t.Correct, t.Wrong, t.Unjudged, t.Precision)
	}
	return ew.err
}
