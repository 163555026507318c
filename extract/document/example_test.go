package document_test

import (
	"fmt"
	"time"

	"github.com/kgnews/kg/extract/document"
)

func ExampleRead() {
	article := "UPDATE 1-Oman hosts talks\n" +
		"By Jane Doe\n\n" +
		"MUSCAT, Feb 7, 2026 (Reuters) - Iran's foreign minister met the U.S. envoy on Friday. " +
		"The talks lasted \"more than two hours.\" Officials said Gen. Ali Reza attended.\n\n" +
		"Advertisement\n\n" +
		"(Reporting by Jane Doe; Editing by John Roe)\n"
	doc, err := document.Read("oman.txt", []byte(article))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Title, "|", doc.Outlet, "|", doc.Date.Format("2006-01-02"), "|", doc.Byline)
	for _, s := range doc.Sentences {
		fmt.Println(s.Paragraph, s.Text)
	}
	// Output:
	// Oman hosts talks | Reuters | 2026-02-07 | [Jane Doe John Roe]
	// 0 Iran's foreign minister met the U.S. envoy on Friday.
	// 0 The talks lasted "more than two hours."
	// 0 Officials said Gen. Ali Reza attended.
}

func ExampleResolveDate() {
	published := time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC) // a Wednesday
	for _, expr := range []string{"on Monday", "last October", "is expected to visit in April", "Feb. 5", "last year"} {
		d, _ := document.ResolveDate(expr, published)
		fmt.Println(expr, "→", d)
	}
	// Output:
	// on Monday → 2026-02-02
	// last October → 2025-10
	// is expected to visit in April → 2026-04
	// Feb. 5 → 2026-02-05
	// last year → 2025
}

func ExampleSplit() {
	for _, s := range document.Split("Mr. Xi met J. D. Vance at 10 a.m. on Feb. 5. “We agree,” he said. Trade rose 3.5%.") {
		fmt.Println(s.Start, s.Text)
	}
	// Output:
	// 0 Mr. Xi met J. D. Vance at 10 a.m. on Feb. 5.
	// 45 “We agree,” he said.
	// 70 Trade rose 3.5%.
}
