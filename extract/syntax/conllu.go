package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Token is one word of a [Sentence].
type Token struct {
	Form  string // the word as written
	Lemma string // its dictionary form: "ban" for "banning"
	UPOS  string // its Universal Dependencies part-of-speech tag: "VERB"
	Head  int    // 1-based index of its head word; 0 for the root, -1 when not parsed
	Rel   string // its Universal Dependencies relation to the head: "nsubj", "obl:agent"
}

// Sentence is a tokenised sentence, tagged and possibly parsed.
type Sentence struct {
	Tokens []Token
}

// FormatError reports a malformed line of CoNLL-U input.
type FormatError struct {
	Line int    // 1-based line number
	Msg  string // what is wrong
}

func (e *FormatError) Error() string { return fmt.Sprintf("conllu: line %d: %s", e.Line, e.Msg) }

// ReadCoNLLU reads the sentences of a CoNLL-U file (FORM, LEMMA, UPOS,
// HEAD and DEPREL; the other columns are ignored). Comment lines,
// multiword-token lines ("1-2") and empty nodes ("8.1") are skipped. An
// unparsed HEAD ("_") reads as -1. Malformed input gives a *FormatError.
func ReadCoNLLU(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var (
		out  []Sentence
		cur  []Token
		line int
	)
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		for i, t := range cur {
			if t.Head > len(cur) {
				return &FormatError{Line: line, Msg: fmt.Sprintf("word %d has head %d beyond the sentence's %d words", i+1, t.Head, len(cur))}
			}
		}
		out = append(out, Sentence{Tokens: cur})
		cur = nil
		return nil
	}
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if text[0] == '#' {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 10 {
			return nil, &FormatError{Line: line, Msg: fmt.Sprintf("%d columns, want 10", len(cols))}
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue
		}
		id, err := strconv.Atoi(cols[0])
		if err != nil || id != len(cur)+1 {
			return nil, &FormatError{Line: line, Msg: fmt.Sprintf("word id %q, want %d", cols[0], len(cur)+1)}
		}
		head := -1
		if cols[6] != "_" {
			head, err = strconv.Atoi(cols[6])
			if err != nil || head < 0 {
				return nil, &FormatError{Line: line, Msg: fmt.Sprintf("bad head %q", cols[6])}
			}
		}
		cur = append(cur, Token{Form: cols[1], Lemma: field(cols[2]), UPOS: field(cols[3]), Head: head, Rel: field(cols[7])})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conllu: failed to read line %d: %w", line+1, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// field reads an optional column: "_" is empty.
func field(s string) string {
	if s == "_" {
		return ""
	}
	return s
}

// WriteCoNLLU writes sents in CoNLL-U: ID, FORM, LEMMA, UPOS, HEAD and
// DEPREL filled, the other columns "_". Empty fields and unparsed heads
// are written "_"; tabs and line breaks inside fields become spaces.
func WriteCoNLLU(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		for i, t := range s.Tokens {
			head := "_"
			if t.Head >= 0 {
				head = strconv.Itoa(t.Head)
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t_\t_\t%s\t%s\t_\t_\n", i+1, column(t.Form), column(t.Lemma), column(t.UPOS), head, column(t.Rel))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("conllu: failed to write: %w", err)
	}
	return nil
}

var columnEscaper = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// column renders one field.
func column(s string) string {
	if strings.TrimSpace(s) == "" {
		return "_"
	}
	return columnEscaper.Replace(s)
}
