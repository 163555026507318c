package document_test

import (
	"testing"
	"time"

	"github.com/kgnews/kg/extract/document"
)

func TestResolveDate(t *testing.T) {
	wed := time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC) // a Wednesday
	nov := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		expr string
		ref  time.Time
		want string // "" means ok == false
	}{
		{"on Wednesday", wed, "2026-02-04"},
		{"Xi spoke with Putin on Monday", wed, "2026-02-02"},
		{"on Thursday", wed, "2026-01-29"},
		{"the treaty is set to expire on Thursday", wed, "2026-02-05"},
		{"the treaty will expire on Thursday", wed, "2026-02-05"},
		{"last Wednesday", wed, "2026-01-28"},
		{"last Friday", wed, "2026-01-30"},
		{"next Monday", wed, "2026-02-09"},
		{"next Wednesday", wed, "2026-02-11"},
		{"The Wednesday phone call", wed, "2026-02-04"},
		{"Monday's call", wed, "2026-02-02"},
		{"he said he would sign the deal in March", wed, "2026-03"},
		{"he said he would call again on Friday", wed, "2026-01-30"},
		{"his intention to travel to Beijing in April", wed, "2026-04"},
		{"his visit to China in April, which “I very much look forward to!”", wed, "2026-04"},
		{"a visit, possibly as soon as April", wed, "2026-04"},
		{"today", wed, "2026-02-04"},
		{"yesterday", wed, "2026-02-03"},
		{"tomorrow", wed, "2026-02-05"},
		{"last night", wed, "2026-02-03"},
		{"earlier in the day", wed, "2026-02-04"},
		{"the previous day", wed, "2026-02-03"},
		{"a day earlier", wed, "2026-02-03"},
		{"over the weekend", wed, "2026-01-31"},
		{"at the weekend", time.Date(2026, 2, 7, 0, 0, 0, 0, time.UTC), "2026-02-07"},
		{"three days ago", wed, "2026-02-01"},
		{"2 weeks ago", wed, "2026-01"},
		{"last week", wed, "2026-01"},
		{"this week", wed, "2026-02"},
		{"next week", nov, "2026-11"},
		{"last month", wed, "2026-01"},
		{"Iran's crackdown last month", time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), "2026-02"},
		{"next month", wed, "2026-03"},
		{"this month", wed, "2026-02"},
		{"earlier this month", wed, "2026-02"},
		{"last year", wed, "2025"},
		{"this year", wed, "2026"},
		{"earlier this year", wed, "2026"},
		{"next year", wed, "2027"},
		{"a year ago", wed, "2025"},
		{"in December", wed, "2025-12"},
		{"in February", wed, "2026-02"},
		{"in late November", wed, "2025-11"},
		{"in October on the sidelines", wed, "2025-10"},
		{"last October", wed, "2025-10"},
		{"last October", nov, "2026-10"},
		{"last November", nov, "2025-11"},
		{"last September", wed, "2025-09"},
		{"is expected to travel to China in April", wed, "2026-04"},
		{"his planned April trip", wed, "2026-04"},
		{"he visited in April", wed, "2025-04"},
		{"next April", wed, "2026-04"},
		{"they pledged to reopen the crossings by March", wed, "2026-03"},
		{"they pledged to reopen the crossings by March", nov, "2027-03"},
		{"they pledged to finish the fence by December", nov, "2026-12"},
		{"exports had fallen by March", nov, "2026-03"},
		{"they pledged to finish by the end of March", nov, "2027-03"},
		{"they pledged to finish by mid-March", nov, "2027-03"},
		{"they vowed to complete it by March 31", nov, "2027-03-31"},
		{"he met her before March", nov, "2026-03"},
		{"the backlog had been cleared by October", nov, "2026-10"},
		{"next February", wed, "2027-02"},
		{"next December", wed, "2026-12"},
		{"this April", wed, "2026-04"},
		{"in October last year", wed, "2025-10"},
		{"in March of this year", wed, "2026-03"},
		{"Feb. 5", wed, "2026-02-05"},
		{"on Feb 1", wed, "2026-02-01"},
		{"5 February", wed, "2026-02-05"},
		{"on Dec. 12", wed, "2025-12-12"},
		{"the summit will be held on March 3", wed, "2026-03-03"},
		{"on Jan. 10 the deal will lapse", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "2026-01-10"},
		{"February 5, 2026", time.Time{}, "2026-02-05"},
		{"Feb 5, 2026", time.Time{}, "2026-02-05"},
		{"5 Feb 2026", time.Time{}, "2026-02-05"},
		{"4th of February 2026", time.Time{}, "2026-02-04"},
		{"Wednesday, February 4, 2026", time.Time{}, "2026-02-04"},
		{"Wed 4 Feb 2026 10.32 GMT", time.Time{}, "2026-02-04"},
		{"Updated 10:32 GMT, Feb 5 2026", time.Time{}, "2026-02-05"},
		{"2026-02-05T10:32:00Z", time.Time{}, "2026-02-05"},
		{"2026/02/05", time.Time{}, "2026-02-05"},
		{"25/12/2025", time.Time{}, "2025-12-25"},
		{"05.02.2026", time.Time{}, "2026-02-05"},
		{"02/05/2026", time.Time{}, ""},
		{"February 2026", time.Time{}, "2026-02"},
		{"in 2019", time.Time{}, "2019"},
		{"his first visit to China since 2019", wed, "2019"},
		{"the 2024 election", wed, "2024"},
		{"2000 tonnes of soybeans", wed, ""},
		{"since the 1990s", wed, ""},
		{"in mid-January", wed, "2026-01"},
		{"January's talks", wed, "2026-01"},
		{"on Wednesday", time.Time{}, ""},
		{"in December", time.Time{}, ""},
		{"the talks may resume", wed, ""},
		{"Theresa May said", wed, ""},
		{"in May", wed, "2025-05"},
		{"a March rally", wed, "2025-03"},
		{"no date here at all", wed, ""},
		{"$1.5bn deal on 5bn", wed, ""},
		{"February 30, 2026", time.Time{}, ""},
		{"", wed, ""},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			got, ok := document.ResolveDate(tc.expr, tc.ref)
			if tc.want == "" {
				if ok {
					t.Fatalf("ResolveDate(%q)=%q, want no date", tc.expr, got)
				}
				return
			}
			if !ok || got != tc.want {
				t.Fatalf("ResolveDate(%q, %s)=%q,%v, want %q", tc.expr, tc.ref.Format("2006-01-02"), got, ok, tc.want)
			}
		})
	}
}

func TestFindDates(t *testing.T) {
	ref := time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC)
	text := "Xi and Trump met in October in Busan and spoke again on Wednesday; the truce expires next year."
	got := document.FindDates(text, ref)
	want := []struct{ text, date string }{{"in October", "2025-10"}, {"on Wednesday", "2026-02-04"}, {"next year", "2027"}}
	if len(got) != len(want) {
		t.Fatalf("FindDates()=%+v, want %d mentions", got, len(want))
	}
	for i, w := range want {
		if got[i].Text != w.text || got[i].Date != w.date || text[got[i].Start:got[i].End] != got[i].Text {
			t.Errorf("mention %d = %+v, want %q → %s", i, got[i], w.text, w.date)
		}
	}
}
