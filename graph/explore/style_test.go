package explore_test

import (
	"strings"
	"testing"

	"github.com/kgnews/kg/graph/explore"
)

func TestParseGraSS(t *testing.T) {
	st, err := explore.ParseGraSS(`/* kg */
node { color: #111; caption: "{name}"; diameter: 50px; }
node.Actor { color: #DA7194; /* pink */ caption: '{title}'; }
relationship { color: #222; caption: "<type>"; shaft-width: 1px; unknown-key: 3; }
relationship.SPOKE_WITH { shaft-width: 3px }
`)
	if err != nil {
		t.Fatal(err)
	}
	if a := st.Labels["Actor"]; a.Color != "#DA7194" || a.Caption != "title" || a.Diameter != "50px" {
		t.Errorf("Actor = %+v (defaults folded in?)", a)
	}
	if r := st.Types["SPOKE_WITH"]; r.Color != "#222" || r.ShaftWidth != "3px" || r.Caption != "<type>" {
		t.Errorf("SPOKE_WITH = %+v", r)
	}
	for _, tc := range []struct{ src, want string }{
		{"node { color: #111 ", "line 1: rule \"node\" is not closed"},
		{"node { color: #111 }\nnode.A.B { color: #1 }", "line 2: selector \"node.A.B\""},
		{"\n\nway { color: #111 }", "line 3: selector \"way\""},
		{"node { color #111 }", "no key: value"},
		{"node { color: #111 }\ntrailing", "line 2: \"trailing\" is not a rule"},
	} {
		_, err := explore.ParseGraSS(tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseGraSS(%q) error = %v, want %q", tc.src, err, tc.want)
		}
	}
}
