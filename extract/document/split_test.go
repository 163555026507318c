package document_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract/document"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "One sentence here. Another one follows.", []string{"One sentence here.", "Another one follows."}},
		{"question and exclamation", "Will it hold? Nobody knows! Talks resume Monday.",
			[]string{"Will it hold?", "Nobody knows!", "Talks resume Monday."}},
		{"US abbreviation mid sentence", "The U.S. President spoke to Xi.", []string{"The U.S. President spoke to Xi."}},
		{"US abbreviation lower case next", "The U.S. and China agreed.", []string{"The U.S. and China agreed."}},
		{"US abbreviation ends sentence", "Tariffs hit the U.S. The move angered Beijing.",
			[]string{"Tariffs hit the U.S.", "The move angered Beijing."}},
		{"UK abbreviation", "The U.K. Foreign Office said so.", []string{"The U.K. Foreign Office said so."}},
		{"titles", "Mr. Smith met Mrs. Jones and Dr. Brown. Gen. Lee and Lt. Col. Park attended.",
			[]string{"Mr. Smith met Mrs. Jones and Dr. Brown.", "Gen. Lee and Lt. Col. Park attended."}},
		{"legislators", "Sen. Warren and Rep. Ocasio-Cortez wrote to Gov. Newsom.",
			[]string{"Sen. Warren and Rep. Ocasio-Cortez wrote to Gov. Newsom."}},
		{"month abbreviation with day", "The talks on Feb. 5 ended. They resume on Sept. 12.",
			[]string{"The talks on Feb. 5 ended.", "They resume on Sept. 12."}},
		{"month abbreviation ends", "The deal was signed in Jan. The truce held.",
			[]string{"The deal was signed in Jan.", "The truce held."}},
		{"a.m. and p.m.", "The call began at 9 a.m. and ended at 10 p.m. on Tuesday.",
			[]string{"The call began at 9 a.m. and ended at 10 p.m. on Tuesday."}},
		{"p.m. ends", "The vote is at 5 p.m. The result is expected later.",
			[]string{"The vote is at 5 p.m.", "The result is expected later."}},
		{"number abbreviation", "He is the No. 2 official. She is No. 1.", []string{"He is the No. 2 official.", "She is No. 1."}},
		{"vs and eg", "It was Iran vs. Israel, e.g. the strikes, i.e. the war.",
			[]string{"It was Iran vs. Israel, e.g. the strikes, i.e. the war."}},
		{"company suffixes", "Huawei Technologies Co. Ltd. was blacklisted. Apple Inc. said nothing.",
			[]string{"Huawei Technologies Co. Ltd. was blacklisted.", "Apple Inc. said nothing."}},
		{"company ends sentence", "Sanctions hit Acme Corp. The firm denied wrongdoing.",
			[]string{"Sanctions hit Acme Corp.", "The firm denied wrongdoing."}},
		{"Jr", "Martin Luther King Jr. Day is a holiday.", []string{"Martin Luther King Jr. Day is a holiday."}},
		{"initials", "J. D. Vance met George W. Bush. They talked.", []string{"J. D. Vance met George W. Bush.", "They talked."}},
		{"decimals and money", "Exports rose 3.14% to $1.5bn in 2025. Imports fell.", []string{"Exports rose 3.14% to $1.5bn in 2025.", "Imports fell."}},
		{"domain", "See example.com for details. Then call.", []string{"See example.com for details.", "Then call."}},
		{"year ends sentence", "He first visited in 2019. It was brief.", []string{"He first visited in 2019.", "It was brief."}},
		{"ellipsis inside quote", "He said the year would “be a year in which . . . China and the US move closer”. Then he left.",
			[]string{"He said the year would “be a year in which . . . China and the US move closer”.", "Then he left."}},
		{"ellipsis dots inside quote", `He said "we will... Never give up" and left.`,
			[]string{`He said "we will... Never give up" and left.`}},
		{"ellipsis ends sentence", "The talks dragged on… Nobody expected a deal.",
			[]string{"The talks dragged on…", "Nobody expected a deal."}},
		{"three dots end", "And then... The lights went out.", []string{"And then...", "The lights went out."}},
		{"closing curly quote kept", "“We will never allow it,” he said. “Taiwan is ours.” Beijing insisted.",
			[]string{"“We will never allow it,” he said.", "“Taiwan is ours.”", "Beijing insisted."}},
		{"quote ends with period inside", "He said it was “extremely strong.” Relations improved.",
			[]string{"He said it was “extremely strong.”", "Relations improved."}},
		{"question in quote then he said", "“Why now?” he asked. Nobody answered.",
			[]string{"“Why now?” he asked.", "Nobody answered."}},
		{"exclamation in quote then name said", "“We will win!” Trump said. Crowds cheered.",
			[]string{"“We will win!” Trump said.", "Crowds cheered."}},
		{"straight quotes", `"It is over." The minister left.`, []string{`"It is over."`, "The minister left."}},
		{"multi sentence quote", "“Taiwan is China’s territory. China must safeguard sovereignty,” Xi said.",
			[]string{"“Taiwan is China’s territory.", "China must safeguard sovereignty,” Xi said."}},
		{"parenthesis", "He agreed (after a long pause.) The room relaxed.", []string{"He agreed (after a long pause.)", "The room relaxed."}},
		{"headline without period", "Trump and Xi hold call\nThe leaders spoke on Wednesday.",
			[]string{"Trump and Xi hold call", "The leaders spoke on Wednesday."}},
		{"list lines", "Key points:\n- China to buy soybeans\n- US cuts tariffs\n• Truce extended",
			[]string{"Key points:", "China to buy soybeans", "US cuts tariffs", "Truce extended"}},
		{"numbered list", "Terms:\n1. China buys soybeans.\n2. The U.S. cuts tariffs. Both sign.",
			[]string{"Terms:", "China buys soybeans.", "The U.S. cuts tariffs.", "Both sign."}},
		{"number ends sentence", "The vote was 52 to 48. Then it passed.", []string{"The vote was 52 to 48.", "Then it passed."}},
		{"em dash aside", "The treaty — the last arms pact between the U.S. and Russia — expires Thursday.",
			[]string{"The treaty — the last arms pact between the U.S. and Russia — expires Thursday."}},
		{"sentence after em dash", "Talks ended. — Reuters", []string{"Talks ended.", "— Reuters"}},
		{"lower case after period", "The figure was 5 approx. in total.", []string{"The figure was 5 approx. in total."}},
		{"digits start sentence", "Turnout was low. 20 people voted.", []string{"Turnout was low.", "20 people voted."}},
		{"St", "They met at St. Petersburg. It rained.", []string{"They met at St. Petersburg.", "It rained."}},
		{"trailing without period", "The end of the text", []string{"The end of the text"}},
		{"only punctuation", "***\n---\n", nil},
		{"empty", "", nil},
		{"multiple spaces", "First.   Second.", []string{"First.", "Second."}},
		{"question marks run", "Really?! Yes.", []string{"Really?!", "Yes."}},
		{"opening quote after period", "He left. “I am done,” he said.", []string{"He left.", "“I am done,” he said."}},
		{"comma after abbreviation", "The U.S., China and Russia met.", []string{"The U.S., China and Russia met."}},
		{"colon", "He said: The time is now. Go.", []string{"He said: The time is now.", "Go."}},
		{"etc ends", "Oil, gas, etc. The list was long.", []string{"Oil, gas, etc.", "The list was long."}},
		{"non-ASCII start", "Talks ended. Émile Zola was cited.", []string{"Talks ended.", "Émile Zola was cited."}},
		{"percent after period", "Growth was 5. % is the unit.", []string{"Growth was 5. % is the unit."}},
		{"Washington DC", "He flew to Washington, D.C. on Monday.", []string{"He flew to Washington, D.C. on Monday."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentenceTexts(document.Split(tc.text))
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Split(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func sentenceTexts(ss []document.Sentence) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Text)
	}
	return out
}

func TestSplitOffsetsAndParagraphs(t *testing.T) {
	text := "Headline here\n\nFirst para. Second sentence.\n\n\n“Quoted.” Third para.\nSame para line."
	got := document.Split(text)
	wantPara := []int{0, 1, 1, 2, 2, 2}
	if len(got) != len(wantPara) {
		t.Fatalf("Split()=%d sentences %q, want %d", len(got), sentenceTexts(got), len(wantPara))
	}
	for i, s := range got {
		if text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %d: text[%d:%d]=%q, want %q", i, s.Start, s.End, text[s.Start:s.End], s.Text)
		}
		if s.Paragraph != wantPara[i] {
			t.Errorf("sentence %d %q: Paragraph=%d, want %d", i, s.Text, s.Paragraph, wantPara[i])
		}
		if s.Text != strings.TrimSpace(s.Text) {
			t.Errorf("sentence %d %q is not trimmed", i, s.Text)
		}
	}
}
