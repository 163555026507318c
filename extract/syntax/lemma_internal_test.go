package syntax

import "testing"

func TestLemmaRule(t *testing.T) {
	tests := []struct {
		form string
		tag  uint8
		want string
	}{
		{"slapped", tagVERB, "slap"},
		{"banning", tagVERB, "ban"},
		{"blacklisted", tagVERB, "blacklist"},
		{"imposed", tagVERB, "impose"},
		{"imposes", tagVERB, "impose"},
		{"carried", tagVERB, "carry"},
		{"carries", tagVERB, "carry"},
		{"making", tagVERB, "make"},
		{"voted", tagVERB, "vote"},
		{"called", tagVERB, "call"},
		{"passes", tagVERB, "pass"},
		{"watches", tagVERB, "watch"},
		{"agreed", tagVERB, "agree"},
		{"negotiated", tagVERB, "negotiate"},
		{"announced", tagVERB, "announce"},
		{"charged", tagVERB, "charge"},
		{"continued", tagVERB, "continue"},
		{"visited", tagVERB, "visit"},
		{"opened", tagVERB, "open"},
		{"Tariffs", tagNOUN, "tariff"},
		{"sanctions", tagNOUN, "sanction"},
		{"countries", tagNOUN, "country"},
		{"taxes", tagNOUN, "tax"},
		{"crisis", tagNOUN, "crisis"},
		{"Americans", tagPROPN, "Americans"},
		{"U.S.", tagPROPN, "U.S."},
		{"Big", tagADJ, "big"},
		{"25", tagNUM, "25"},
	}
	for _, tc := range tests {
		if got := lemmaRule(tc.form, tc.tag); got != tc.want {
			t.Errorf("lemmaRule(%q, %s)=%q, want %q", tc.form, upos[tc.tag], got, tc.want)
		}
	}
}
