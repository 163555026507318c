// Package document reads news articles into documents: validated and
// decoded text, metadata (title, outlet, publication date, bylines), the
// body with boilerplate removed, and its sentences with exact offsets.
//
// # Reading
//
// [Read] accepts plain text (.txt, .md and anything else that is text) and
// HTML (.html, .htm, or content that starts like an HTML page). It rejects
// binary files, text that is neither UTF-8 nor plausibly Latin-1/Windows-1252,
// empty files and files over [MaxSize]; those errors are [*ReadError] values
// for which errors.Is(err, [ErrSkip]) holds.
//
// # Boilerplate
//
// Newsletter promotions, share and follow lines, "Advertisement", "Read more",
// relative timestamps ("1 hour ago"), "- Ends", bracketed teasers, photo
// captions with credits, bylines, agency and copyright lines and repeated
// paragraphs never reach [Document.Text]. Names found in bylines and photo
// credits are kept in [Document.Byline] so that no extractor turns them into
// actors.
//
// # Sentences
//
// [Split] is the sentence splitter; [Read] applies it to the cleaned text,
// so that every [Sentence] is an exact span of [Document.Text] and
// extractors can quote it as evidence.
//
// # Dates
//
// [Document.Date] comes from metadata (a "date 2026-02-04" prefix,
// "Published On:", HTML meta tags, datelines, "Updated …" lines), else from
// a full date in the headline or the lede. [ResolveDate] and [FindDates] resolve
// relative and partial date expressions ("on Wednesday", "last October",
// "Feb. 5") against it.
//
// # Concurrency
//
// Read, Split, ResolveDate and FindDates hold no state between calls and are
// safe for concurrent use.
package document
