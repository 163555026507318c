// Package syntax tags, lemmatizes and parses English sentences into
// Universal Dependencies trees, in pure Go, with a model trained in the
// repository on the UD English EWT treebank and embedded in the package.
//
// # Use
//
// [Default] returns the embedded model, decoded once on first use. Give
// [Model.Parse] one sentence as words tokenised the UD way (punctuation,
// the possessive "'s" and "n't" are words of their own; [SplitClitics]
// retokenises space-separated text):
//
//	s := syntax.Default().Parse([]string{"China", "slapped", "tariffs", "on", "U.S.", "goods", "."})
//	// s.Tokens[1]: Form "slapped", Lemma "slap", UPOS "VERB", Head 0, Rel "root"
//
// [Model.Tag] tags and lemmatizes without parsing. [ReadCoNLLU] and
// [WriteCoNLLU] read and write treebank files; [Train] and [Model.Evaluate]
// fit and score models. A Model is safe for concurrent use.
//
// # Design
//
// The classic fast pipeline of greedy linear models:
//
//   - Tagger: an averaged perceptron over UPOS tags, greedy left to right,
//     with features of the word, its normalised lower-case form (digits as
//     0, curly quotes and dashes unified), prefixes, suffixes (1 to 4),
//     shape, the two previous tags and the neighbouring words; forms seen
//     at least 20 times with one tag 97% of the time skip the model.
//   - Lemmatizer: rules for regular English inflection (-s, -es, -ies,
//     -ed, -ied, -ing, doubled consonants, silent e), plus the treebank's
//     own lemma for the (form, tag) pairs the rules get wrong.
//   - Parser: arc-hybrid transitions (shift, left, right) chosen by an
//     averaged perceptron trained with the dynamic oracle of Goldberg and
//     Nivre (2013), exploring its own mistakes after the first epoch, on
//     jackknifed predicted tags. Non-projective training trees are
//     projectivised by lifting. Features come from the top three stack
//     words, the first three buffer words, their leftmost and rightmost
//     children and those children's relations, distances, valencies and
//     relation sets. A second perceptron labels each arc as it is made,
//     seeing the dependent's complete subtree and the head's nearer
//     children.
//
// Features are hashed into fixed tables of weight rows; the averaged
// weights are quantised to int16 and stored sparsely, so tagging and
// parsing use no Go maps and reuse pooled buffers.
//
// # Figures
//
// On the EWT test split with predicted tags and the gold tokenisation
// (punctuation included, relations with their subtypes): UPOS 94.9%,
// lemmas 96.5%, UAS 83.9%, LAS 80.5% (dev: 94.8, 96.7, 83.3, 79.7).
// TestAccuracy checks the shipped model against the vendored test split.
// On one core of a 2-core build machine tagging runs at about 750,000
// words/s and tagging plus parsing at about 70,000 words/s (BenchmarkTag,
// BenchmarkParse). The model file is 6.3 MB; decoded it takes about 25 MB of heap and
// 0.1 s to load.
//
// # Regenerating the model
//
// From the repository root, with the treebank in ../shared/data:
//
//	go run ./extract/syntax/cmd/train -o extract/syntax/model/en_ewt.bin.gz
//
// Training takes about a minute on one core and is deterministic (fixed
// seeds, epochs and iteration order; gzip without name or time stamp), so
// the command gives the committed file byte for byte with the same Go
// release. The model is trained on Universal Dependencies English EWT
// (Silveira et al. 2014, CC BY-SA 4.0); see model/CREDIT.md.
package syntax
