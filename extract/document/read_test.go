package document_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
)

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		data   []byte
		reason string
	}{
		{"empty", "a.txt", nil, "empty file"},
		{"white space only", "a.txt", []byte(" \n\t\r\n  "), "empty file"},
		{"BOM only", "a.txt", []byte("\xef\xbb\xbf\n"), "empty file"},
		{"NUL bytes", "a.txt", []byte("hello\x00world this is text"), "binary file"},
		{"PDF", "a.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "binary file"},
		{"PNG", "a.txt", []byte("\x89PNG\r\n\x1a\n...."), "binary file"},
		{"gzip", "a.gz", []byte("\x1f\x8b\x08\x00\x00\x00"), "binary file"},
		{"control bytes", "a.txt", bytes.Repeat([]byte("ab\x01\x02\x03"), 40), "binary file"},
		{"random high bytes", "a.txt", bytes.Repeat([]byte{0xfe, 0x81, 0xc3, 0x28, 0xa0, 0x90}, 50), "invalid UTF-8 and not Latin-1 text"},
		{"too large", "a.txt", bytes.Repeat([]byte("a"), document.MaxSize+1), "larger than the 10 MiB limit"},
		{"only boilerplate", "a.txt", []byte("Advertisement\n\nShare this article\n\n1 hour ago\n"), "no article text"},
		{"empty HTML", "a.html", []byte("<html><head><title>x</title></head><body><nav>Home</nav></body></html>"), "no article text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := document.Read(tc.file, tc.data)
			if err == nil {
				t.Fatalf("Read()=%q, want error %q", d.Text, tc.reason)
			}
			var re *document.ReadError
			if !errors.As(err, &re) {
				t.Fatalf("Read() error %T %v, want *ReadError", err, err)
			}
			if re.Reason != tc.reason || re.Path != tc.file {
				t.Fatalf("Read() error = %+v, want reason %q for %s", re, tc.reason, tc.file)
			}
			if !errors.Is(err, document.ErrSkip) || !document.IsSkip(err) {
				t.Fatalf("errors.Is(%v, ErrSkip)=false, want true", err)
			}
			if !strings.Contains(err.Error(), tc.file) || !strings.Contains(err.Error(), tc.reason) {
				t.Fatalf("Error()=%q, want path and reason", err.Error())
			}
		})
	}
}

func TestIsSkipWrapped(t *testing.T) {
	_, err := document.Read("empty.txt", nil)
	wrapped := fmt.Errorf("ingest: %w", err)
	if !document.IsSkip(wrapped) {
		t.Fatalf("IsSkip(%v)=false, want true", wrapped)
	}
	if document.IsSkip(errors.New("disk full")) {
		t.Fatal("IsSkip(other error)=true, want false")
	}
}

func TestReadEncodings(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string // the first sentence
	}{
		{"UTF-8", []byte("Le président a parlé."), "Le président a parlé."},
		{"UTF-8 BOM", []byte("\xef\xbb\xbfThe talks ended."), "The talks ended."},
		{"Latin-1", []byte("Le pr\xe9sident fran\xe7ais a parl\xe9 \xe0 P\xe9kin."), "Le président français a parlé à Pékin."},
		{"Windows-1252 quotes", []byte("He said \x93no\x94 \x96 twice\x85 It ended."), "He said “no” – twice…"},
		{"UTF-8 with a stray Windows-1252 quote", []byte("“Talks,” he said. It\x92s over. “Done” – and “gone” … “yes”."),
			"“Talks,” he said."},
		{"UTF-8 with a stray Windows-1252 apostrophe", []byte("“Talks,” he said. It\x92s over."), "“Talks,” he said."},
		{"CRLF", []byte("First line\r\n\r\nSecond para.\r\n"), "First line"},
		{"UTF-16LE", append([]byte{0xff, 0xfe}, utf16le("Talks ended. Both sides spoke.")...), "Talks ended."},
		{"no-break spaces", []byte("Foreign\u00a0Minister Wang Yi spoke.\u200b"), "Foreign Minister Wang Yi spoke."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := document.Read("a.txt", tc.data)
			if err != nil {
				t.Fatalf("Read(): %v", err)
			}
			if len(d.Sentences) == 0 || d.Sentences[0].Text != tc.want {
				t.Fatalf("first sentence of %q = %q, want %q", d.Text, sentenceTexts(d.Sentences), tc.want)
			}
			if d.ID != graph.ArticleID(tc.data) {
				t.Fatalf("ID=%s, want graph.ArticleID of the raw bytes", d.ID)
			}
			if strings.ContainsAny(d.Text, "\r\u00a0\u200b\ufeff") {
				t.Fatalf("Text %q keeps characters normalisation removes", d.Text)
			}
		})
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestReadMetadata(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		file    string
		text    string
		title   string
		outlet  string
		date    time.Time
		byline  []string
		first   string   // first sentence
		absent  []string // must not be in Text
		present []string // must be in Text
	}{
		{
			name: "corpus date prefix", text: " date 2026-02-04 The leaders spoke on Wednesday.\n\nThey agreed.",
			date: day(2026, 2, 4), first: "The leaders spoke on Wednesday.", absent: []string{"date 2026"},
		},
		{
			name: "published on label and value on next line",
			text: "Talks were held in Geneva.\n- Ends\nPublished By:\nAsha Rao\nPublished On:\nFeb 5, 2026\nTune In\n\n1 hour ago\n5h ago\nUpdated 30min ago\n",
			date: day(2026, 2, 5), byline: []string{"Asha Rao"}, first: "Talks were held in Geneva.",
			absent: []string{"Ends", "Asha Rao", "Tune In", "ago", "Published"},
		},
		{
			name: "published same line", text: "Published: 5 February 2026\n\nThe ministers met in Oslo.",
			date: day(2026, 2, 5), first: "The ministers met in Oslo.",
		},
		{
			name: "updated line is weaker than published", text: "Updated 10:32 GMT, Feb 9 2026\nPublished On: Feb 5, 2026\nThe ministers met in Oslo.",
			date: day(2026, 2, 5), first: "The ministers met in Oslo.", absent: []string{"Updated", "GMT"},
		},
		{
			name: "Reuters dateline", text: "BEIJING, Feb 5 (Reuters) - China's foreign ministry said on Thursday it opposed the sanctions.",
			outlet: "Reuters", first: "China's foreign ministry said on Thursday it opposed the sanctions.", absent: []string{"BEIJING", "(Reuters)"},
		},
		{
			name: "AP dateline", text: "WASHINGTON (AP) — The Senate voted on Tuesday to extend the sanctions.",
			outlet: "Associated Press", first: "The Senate voted on Tuesday to extend the sanctions.",
		},
		{
			name: "Xinhua dateline with year", text: "MOSCOW, Feb. 5, 2026 (Xinhua) -- Russia and Iran signed a treaty.",
			outlet: "Xinhua", date: day(2026, 2, 5), first: "Russia and Iran signed a treaty.",
		},
		{
			name: "agency tag without place", text: "(CNN) — Iran and Oman held talks on Sunday.",
			outlet: "CNN", first: "Iran and Oman held talks on Sunday.",
		},
		{
			name: "FT byline without By", text: "Iran and Oman hold talks\n\nJoe Leahy in Beijing and Ana Ruiz in Washington\n\nIran and Oman held talks.",
			title: "Iran and Oman hold talks", byline: []string{"Joe Leahy", "Ana Ruiz"}, first: "Iran and Oman held talks.",
		},
		{
			name: "NYT date and time lines", text: "Feb. 5, 2026, 10:32 a.m. ET\n\n10:45 GMT\n\nIran and Oman held talks.",
			date: day(2026, 2, 5), first: "Iran and Oman held talks.",
		},
		{
			name: "byline with date", text: "By Sara Kim, Feb 5, 2026\n\nIran and Oman held talks.",
			date: day(2026, 2, 5), byline: []string{"Sara Kim"}, first: "Iran and Oman held talks.",
		},
		{
			name: "acronym is not a dateline", text: "NATO — the alliance — met on Monday.",
			first: "NATO — the alliance — met on Monday.",
		},
		{
			name: "hyphen dateline", text: "JAKARTA - Indonesia said on Monday it would join.",
			first: "Indonesia said on Monday it would join.",
		},
		{
			name: "acronym before a hyphen is not a dateline", text: "EU - China talks resumed on Monday.\n\nAPEC - the forum - met.",
			first: "EU - China talks resumed on Monday.", present: []string{"APEC - the forum - met."},
		},
		{
			name: "sign-off names outlet", text: "The talks ended.\n\n— Reuters",
			outlet: "Reuters", first: "The talks ended.", absent: []string{"Reuters"},
		},
		{
			name: "advertisement revenue is content", text: "Advertisement revenue fell 5% at the broadcaster.",
			first: "Advertisement revenue fell 5% at the broadcaster.",
		},
		{
			name: "Hindu style date and reading time", text: "Last Updated: February 5, 2026 | 10:45 AM IST\n\n4 min read\n\nPublished - February 04, 2026 10:15 pm IST\n\nIndia and Oman agreed to talks.",
			date: day(2026, 2, 4), first: "India and Oman agreed to talks.", absent: []string{"min read", "IST"},
		},
		{
			name: "html multi-line attributes, unclosed head, sidebar body", file: "a.html",
			text: "<html><head>\n<meta\n  property = 'article:published_time'\n  content=\"2025-03-09T10:00:00+01:00\">\n<meta name=\"author\" content=\"By Ana Gil and Luis Mora\">" +
				"<body class=\"has-sidebar\"><div aria-hidden=\"true\">Menu</div><p>Spain &amp; Morocco signed a deal.</p>" +
				"<div class=\"sidebar\"><p>Most read</p></div><p hidden>Secret</p><p>It covers migration.</p></body></html>",
			date: day(2025, 3, 9), byline: []string{"Ana Gil", "Luis Mora"}, first: "Spain & Morocco signed a deal.",
			absent: []string{"Menu", "Most read", "Secret"}, present: []string{"It covers migration."},
		},
		{
			name: "TASS dateline", text: "MOSCOW, February 4, 2026. /TASS/. Russian President Vladimir Putin held talks.",
			outlet: "TASS", date: day(2026, 2, 4), first: "Russian President Vladimir Putin held talks.",
		},
		{
			name: "Interfax dateline", text: "MOSCOW. Feb 4 (Interfax) - The Kremlin said it was informed.",
			outlet: "Interfax", first: "The Kremlin said it was informed.",
		},
		{
			name: "ANI dateline", text: "New Delhi [India], February 4 (ANI): Prime Minister Narendra Modi spoke to President Lula.",
			outlet: "ANI", first: "Prime Minister Narendra Modi spoke to President Lula.",
		},
		{
			name: "colon dateline", text: "NEW DELHI: India and Brazil agreed to expand trade.",
			first: "India and Brazil agreed to expand trade.",
		},
		{
			name: "colon in a sentence is not a dateline", text: "Officials said: the talks failed.",
			first: "Officials said: the talks failed.",
		},
		{
			name: "Bloomberg dateline", text: "(Bloomberg) -- China's exports rose in January.",
			outlet: "Bloomberg", first: "China's exports rose in January.",
		},
		{
			name: "copyright with company suffix", text: "China's exports rose.\n\n©2026 Bloomberg L.P.",
			outlet: "Bloomberg", first: "China's exports rose.", absent: []string{"L.P."},
		},
		{
			name: "author bio", text: "By Mei Lin\n\nChina and Laos signed a rail deal.\n\nMei Lin is a correspondent based in Vientiane.",
			byline: []string{"Mei Lin"}, first: "China and Laos signed a rail deal.", absent: []string{"Vientiane"},
		},
		{
			name: "credited name that the story names is not a byline", text: "A summit. Image: Kim Jong Un/KCNA\n\nKim Jong Un met Putin.",
			first: "Kim Jong Un met Putin.",
		},
		{
			name: "Kremlin readout header", text: "Telephone conversation with President of Brazil Luiz Inacio Lula da Silva\nFebruary 4, 2026\n17:30\nThe Kremlin, Moscow\nVladimir Putin had a telephone conversation with President of Brazil Luiz Inacio Lula da Silva.",
			title: "Telephone conversation with President of Brazil Luiz Inacio Lula da Silva", date: day(2026, 2, 4),
			first: "Vladimir Putin had a telephone conversation with President of Brazil Luiz Inacio Lula da Silva.", absent: []string{"Moscow", "17:30"},
		},
		{
			name: "State Department readout header", text: "Secretary Rubio's Call with Foreign Minister Wang Yi\nREADOUT\nOFFICE OF THE SPOKESPERSON\nFEBRUARY 4, 2026\nStatements & Releases\nThe below is attributable to Spokesperson Tammy Bruce:",
			title: "Secretary Rubio's Call with Foreign Minister Wang Yi", date: day(2026, 2, 4),
			first: "The below is attributable to Spokesperson Tammy Bruce:", absent: []string{"READOUT", "OFFICE", "Releases"},
		},
		{
			name: "site name and date line", text: "Grain Markets Daily | 2022-10-21\n\nEU extends grain deal\n\nThe EU extended the deal on Friday.",
			title: "EU extends grain deal", outlet: "Grain Markets Daily", date: day(2022, 10, 21), first: "The EU extended the deal on Friday.",
		},
		{
			name: "headline with site is not metadata", text: "EU extends grain deal | Grain Markets Daily\n\nThe EU extended the deal on Friday.",
			title: "EU extends grain deal | Grain Markets Daily", first: "The EU extended the deal on Friday.",
		},
		{
			name: "dateline alone on its line", text: "OTTAWA, June 3, 2019\n\nCanada imposed a surtax on Monday.",
			date: day(2019, 6, 3), first: "Canada imposed a surtax on Monday.", absent: []string{"OTTAWA"},
		},
		{
			name: "date from the headline", text: "Spokesperson's Regular Press Conference on January 16, 2023\n\nQ: Did the ministers speak?",
			title: "Spokesperson's Regular Press Conference on January 16, 2023", date: day(2023, 1, 16), first: "Q: Did the ministers speak?",
		},
		{
			name: "breadcrumb, outlet line, late dateline", text: "Home > World > Asia\n\nChina, Japan ministers meet\n\nWang says ready to turn the page\n\nReuters\n\n3 min read\n\nTOKYO, Feb 5 (Reuters) - Wang Yi met Takeshi Iwaya.",
			title: "China, Japan ministers meet", outlet: "Reuters", first: "Wang says ready to turn the page", present: []string{"\n\nWang Yi met Takeshi Iwaya."},
		},
		{
			name: "caption under a bare credit, related links", text: "Getty Images\n\nThe leaders at the summit in Rome\n\nThe leaders met in Rome.\n\nRelated\n\nLeaders agree trade deal\n\nMore talks due",
			first: "The leaders met in Rome.", absent: []string{"summit", "agree", "due"},
		},
		{
			name: "source line names a ministry", text: "Source: Ministry of Foreign Affairs of Chile\n\nChile and China signed a deal.",
			outlet: "Ministry of Foreign Affairs of Chile", first: "Chile and China signed a deal.",
		},
		{
			name: "a sentence that starts like a label is content", text: "Updated figures released on February 5, 2026 show exports rose.",
			date: day(2026, 2, 5), first: "Updated figures released on February 5, 2026 show exports rose.",
		},
		{
			name: "by and a date is content", text: "By February 5, 2026, the treaty had lapsed.\n\nBoth sides blamed each other.",
			date: day(2026, 2, 5), first: "By February 5, 2026, the treaty had lapsed.",
		},
		{
			name: "follow is content unless it names a platform", text: "Follow-on talks on Xinjiang are due.\n\nFollow the talks on Xi's visit closely.\n\nFollow us on X",
			first: "Follow-on talks on Xinjiang are due.", present: []string{"Follow the talks on Xi's visit closely."}, absent: []string{"us on X"},
		},
		{
			name: "inline link phrase in a sentence is removed, the sentence kept", text: "The ministry said so in a statement (opens new tab) on Friday.",
			first: "The ministry said so in a statement on Friday.",
		},
		{
			name: "company list under a Companies header", text: "The EU fined the firm.\n\nCompanies\n\nAcme Holdings Ltd\n\nFollow\n\nBeta Corp",
			first: "The EU fined the firm.", absent: []string{"Acme", "Beta"},
		},
		{
			name: "press release dateline", text: "BEIJING, Feb. 5, 2026 /PRNewswire/ -- Acme Corp. signed a supply deal with Sinopec.",
			outlet: "PRNewswire", date: day(2026, 2, 5), first: "Acme Corp. signed a supply deal with Sinopec.",
		},
		{
			name: "plain capital dateline", text: "NEW DELHI — India and Japan agreed on Monday to expand trade.",
			first: "India and Japan agreed on Monday to expand trade.",
		},
		{
			name: "not a dateline", text: "The US - China talks ended - and nothing changed.",
			first: "The US - China talks ended - and nothing changed.",
		},
		{
			name: "China Daily pipe line", text: "By Li Wei | chinadaily.com.cn | Updated: 2026-02-05 07:33\n\nChina and France agreed to expand trade.",
			outlet: "China Daily", date: day(2026, 2, 5), byline: []string{"Li Wei"}, first: "China and France agreed to expand trade.",
		},
		{
			name: "Xinhua pipe line", text: "Xinhua | Updated: 2026-02-05 10:23\n\nChina and France agreed to expand trade.",
			outlet: "Xinhua", date: day(2026, 2, 5), first: "China and France agreed to expand trade.",
		},
		{
			name: "byline with outlet", text: "By JANE DOE, Reuters\n\nThe ministers met in Oslo.",
			outlet: "Reuters", byline: []string{"Jane Doe"}, first: "The ministers met in Oslo.",
		},
		{
			name: "byline with job title", text: "By Jane Doe, Senior China Correspondent\n\nThe ministers met in Oslo.",
			byline: []string{"Jane Doe"}, first: "The ministers met in Oslo.",
		},
		{
			name: "by contrast is content", text: "By contrast, the EU imposed tariffs.\n\nBy 2030 the plan ends.",
			first: "By contrast, the EU imposed tariffs.", present: []string{"By 2030 the plan ends."},
		},
		{
			name: "headline title", text: "Iran and Oman hold talks on shipping\n\nIran's foreign minister met his Omani counterpart.",
			title: "Iran and Oman hold talks on shipping", first: "Iran's foreign minister met his Omani counterpart.",
		},
		{
			name: "wire slug removed", text: "UPDATE 2-Iran and Oman hold talks\n\nIran's foreign minister met his Omani counterpart.",
			title: "Iran and Oman hold talks", first: "Iran's foreign minister met his Omani counterpart.",
		},
		{
			name: "first sentence is not a title", text: "Iran and Oman held talks.\n\nThey agreed.",
			first: "Iran and Oman held talks.",
		},
		{
			name: "Guardian caption with credit", text: "Kim Jong Un with Vladimir Putin in Pyongyang. Photograph: Gavriil Grigorov/AP\n\nNorth Korea and Russia signed a pact.",
			byline: []string{"Gavriil Grigorov"}, first: "North Korea and Russia signed a pact.", absent: []string{"Pyongyang", "Grigorov"},
		},
		{
			name: "AP caption", text: "Leaders pose at the summit. (AP Photo/Evan Vucci)\n\nThe summit ended.",
			byline: []string{"Evan Vucci"}, first: "The summit ended.",
		},
		{
			name: "Reuters caption", text: "Wang Yi attends a news conference in Beijing, China, March 7, 2025. REUTERS/Tingshu Wang\n\nThe talks ended.",
			byline: []string{"Tingshu Wang"}, first: "The talks ended.",
		},
		{
			name: "Getty caption", text: "Protesters gather in Tehran. AFP via Getty Images\n\nThe talks ended.",
			first: "The talks ended.",
		},
		{
			name: "newsletter promotion and tagline", text: "Unlock the Editor's Digest for free\nYour guide to the stories that matter\nThe talks ended.",
			first: "The talks ended.", absent: []string{"Unlock", "Your guide"},
		},
		{
			name: "sign up and subscribe", text: "The talks ended.\nSign up for our morning briefing\nSubscribe to our newsletter\nFollow Jane Doe on X\nRead more: Other story",
			first: "The talks ended.", absent: []string{"Sign up", "Subscribe", "Follow", "Read more"},
		},
		{
			name: "bracketed teaser", text: "The talks ended.\n\n[ Analysis: What next for the truce?Opens in new window ]\n\nBoth sides left.",
			first: "The talks ended.", absent: []string{"Analysis", "Opens"},
		},
		{
			name: "reporting credits", text: "The talks ended.\n\nReporting by Ana Silva in Brasilia; additional reporting by Tom Hale; Editing by Kim Lee",
			byline: []string{"Ana Silva", "Tom Hale", "Kim Lee"}, first: "The talks ended.", absent: []string{"Reporting"},
		},
		{
			name: "repeated paragraph kept once", text: "The deal was signed in Ankara.\nIt covers grain.\nThe deal was signed in Ankara.\nBoth sides welcomed it.",
			first: "It covers grain.", present: []string{"The deal was signed in Ankara.\n\nBoth sides welcomed it."},
		},
		{
			name: "near duplicate with other quotes", text: "Beijing's statement did not mention it.\nThey spoke.\nBeijing’s statement did not mention it.",
			first: "They spoke.",
		},
		{
			name: "prefix duplicate line becomes title", text: "Seoul and Tokyo agree to resume talks\nSeoul and Tokyo agree to resume talks on security, officials said on Friday.\nMore follows.",
			title: "Seoul and Tokyo agree to resume talks", first: "Seoul and Tokyo agree to resume talks on security, officials said on Friday.",
		},
		{
			name: "copyright line names outlet", text: "The talks ended.\n\n© 2026 The Associated Press. All rights reserved.",
			outlet: "Associated Press", first: "The talks ended.", absent: []string{"©", "rights"},
		},
		{
			name: "hard wrapped text joined", text: "The foreign ministers of Egypt and Jordan met in\nCairo on Sunday to discuss the situation in Gaza\nand agreed to coordinate aid deliveries.\n\nThey will meet again next month in Amman, officials\nsaid after the talks ended late in the evening.",
			first: "The foreign ministers of Egypt and Jordan met in Cairo on Sunday to discuss the situation in Gaza and agreed to coordinate aid deliveries.",
		},
		{
			name:    "hard wrapped text with a headline in the block",
			text:    "Egypt and Jordan agree on aid\nThe foreign ministers of Egypt and Jordan met in\nCairo on Sunday to discuss the situation in Gaza\nand agreed on aid.\nA second paragraph follows here, and it is also\nwrapped at the same width as the first one was.\n\nThey will meet again next month in Amman, officials\nsaid after the talks ended late in the evening.",
			title:   "Egypt and Jordan agree on aid",
			first:   "The foreign ministers of Egypt and Jordan met in Cairo on Sunday to discuss the situation in Gaza and agreed on aid.",
			present: []string{"aid.\n\nA second paragraph follows here, and it is also wrapped"},
		},
		{
			name: "body date fallback", text: "On February 3, 2026, the ministers met in Oslo.",
			date: day(2026, 2, 3), first: "On February 3, 2026, the ministers met in Oslo.",
		},
		{
			name: "markdown", file: "a.md", text: "## Talks in [Oslo](https://example.com)\n\n![Leaders in Oslo](x.jpg)\n\nThe **ministers** met.",
			title: "Talks in Oslo", first: "The ministers met.",
		},
		{
			name: "html sniffed without extension", file: "story", text: "<!DOCTYPE html><html><body><p>The ministers met.</p><script>x()</script></body></html>",
			first: "The ministers met.", absent: []string{"x()", "<p>"},
		},
		{
			name: "html meta and entities", file: "a.htm",
			text: `<html><head><title>Deal signed - The Guardian</title><meta name="author" content="Sam Reed"><meta name="date" content="2025-07-01"></head>` +
				`<body><header><h1>Deal signed</h1></header><p class="caption">A photo. Photograph: X Y/Reuters</p><p>Oman &amp; Iran agreed&nbsp;to talks &#x2014; again.</p><footer>Copyright</footer></body></html>`,
			title: "Deal signed", outlet: "The Guardian", date: day(2025, 7, 1), byline: []string{"Sam Reed"},
			first: "Oman & Iran agreed to talks — again.", absent: []string{"Photograph", "Copyright"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "a.txt"
			}
			d, err := document.Read(file, []byte(tc.text))
			if err != nil {
				t.Fatalf("Read(): %v", err)
			}
			checkInvariants(t, d)
			if d.Title != tc.title {
				t.Errorf("Title=%q, want %q", d.Title, tc.title)
			}
			if d.Outlet != tc.outlet {
				t.Errorf("Outlet=%q, want %q", d.Outlet, tc.outlet)
			}
			if !d.Date.Equal(tc.date) {
				t.Errorf("Date=%v, want %v", d.Date, tc.date)
			}
			if strings.Join(d.Byline, "; ") != strings.Join(tc.byline, "; ") {
				t.Errorf("Byline=%q, want %q", d.Byline, tc.byline)
			}
			if len(d.Sentences) == 0 || d.Sentences[0].Text != tc.first {
				t.Errorf("Sentences=%q, want first %q", sentenceTexts(d.Sentences), tc.first)
			}
			for _, a := range tc.absent {
				if strings.Contains(d.Text, a) {
					t.Errorf("Text contains %q: %q", a, d.Text)
				}
			}
			for _, p := range tc.present {
				if !strings.Contains(d.Text, p) {
					t.Errorf("Text lacks %q: %q", p, d.Text)
				}
			}
		})
	}
}
