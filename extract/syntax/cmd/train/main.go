// Command train regenerates the syntax model shipped in package
// extract/syntax from the Universal Dependencies English EWT treebank.
// Run from the repository root:
//
//	go run ./extract/syntax/cmd/train -o extract/syntax/model/en_ewt.bin.gz
//
// The same treebank always gives the same bytes. It prints the dev scores
// and, with -test, the test scores.
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kgnews/kg/extract/syntax"
)

func main() {
	ud := flag.String("ud", "../shared/data/ud-english-ewt", "directory of the EWT treebank (en_ewt-ud-*.conllu.gz)")
	out := flag.String("o", "extract/syntax/model/en_ewt.bin.gz", "model file to write")
	test := flag.Bool("test", false, "also report the scores on the test split")
	flag.Parse()
	if err := run(*ud, *out, *test, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "train: error: %v\n", err)
		os.Exit(1)
	}
}

func run(ud, out string, test bool, w io.Writer) error {
	start := time.Now()
	train, err := readSplit(ud, "train")
	if err != nil {
		return err
	}
	dev, err := readSplit(ud, "dev")
	if err != nil {
		return err
	}
	m, err := syntax.Train(train, syntax.TrainOptions{Log: w})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "trained in %v\n", time.Since(start).Round(time.Second))
	if err := save(m, out); err != nil {
		return err
	}
	report(w, "dev", m.Evaluate(dev))
	if test {
		ts, err := readSplit(ud, "test")
		if err != nil {
			return err
		}
		report(w, "test", m.Evaluate(ts))
	}
	return nil
}

func report(w io.Writer, split string, s syntax.Scores) {
	fmt.Fprintf(w, "%s: %d words UPOS %.2f lemma %.2f UAS %.2f LAS %.2f\n", split, s.Words, s.UPOS, s.Lemma, s.UAS, s.LAS)
}

func readSplit(dir, split string) ([]syntax.Sentence, error) {
	path := filepath.Join(dir, "en_ewt-ud-"+split+".conllu.gz")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open the %s split: %w", split, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", path, err)
	}
	sents, err := syntax.ReadCoNLLU(zr)
	if err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", path, err)
	}
	return sents, nil
}

func save(m *syntax.Model, path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("failed to create the model file: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("failed to write the model file: %w", cerr)
		}
	}()
	return m.Save(f)
}
