package gazetteer

import (
	"strings"
	"testing"
)

// TestEveryFormMatches checks the data files against the matcher: every form that is not lookup
// only, in each of its explicit variants, is found whole by FindAll in a plain sentence and names
// its own entry; every blocker yields nothing.
func TestEveryFormMatches(t *testing.T) {
	g := Default()
	sentence := func(v string) string { return "They said " + v + " on Monday." }
	checked := 0
	err := dataLines("countries", strings.NewReader(countriesTSV), 7, 2, func(line int, f []string) error {
		id := strings.TrimSpace(f[0])
		var specs []spec
		for _, col := range f[1:7] {
			ss, err := parseList(col)
			if err != nil {
				t.Fatalf("line %d: %v", line, err)
			}
			specs = append(specs, ss...)
		}
		for _, s := range specs {
			if s.lookupOnly {
				continue
			}
			explicit, generated := variants(s)
			for _, v := range explicit {
				checked++
				ms := g.FindAll(sentence(v))
				if id == "-" {
					if len(ms) != 0 {
						t.Errorf("line %d: blocker %q yields %v", line, v, ms)
					}
					continue
				}
				if len(ms) != 1 || ms[0].Country.ID != id || ms[0].Text != v {
					t.Errorf("line %d: FindAll(%q) = %+v, want one %s mention of %q", line, sentence(v), ms, id, v)
				}
			}
			for _, v := range generated {
				if id == "-" {
					continue
				}
				if ms := g.FindAll(sentence(v)); len(ms) != 1 || ms[0].Text != v {
					t.Errorf("line %d: generated variant %q: FindAll = %+v, want one whole mention", line, v, ms)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = dataLines("orgs", strings.NewReader(orgsTSV), 4, 0, func(line int, f []string) error {
		if strings.TrimSpace(f[0]) == "-" {
			blockers, err := parseList(f[3])
			if err != nil {
				t.Fatalf("line %d: %v", line, err)
			}
			for _, s := range blockers {
				checked++
				if ms := g.FindOrgs(sentence(s.text)); len(ms) != 0 {
					t.Errorf("orgs line %d: blocker %q yields %v", line, s.text, ms)
				}
			}
			return nil
		}
		name, err := parseSpec(f[0])
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		aliases, err := parseList(f[3])
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		for _, s := range append(aliases, name) {
			if s.lookupOnly {
				continue
			}
			explicit, _ := variants(s)
			for _, v := range explicit {
				checked++
				ms := g.FindOrgs(sentence(v))
				if len(ms) != 1 || ms[0].Org.Name != name.text || ms[0].Text != v {
					t.Errorf("orgs line %d: FindOrgs(%q) = %+v, want one mention of %s", line, sentence(v), ms, name.text)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 1500 {
		t.Errorf("checked %d forms, want the whole data files", checked)
	}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		raw                 string
		explicit, generated []string
	}{
		{"the? Élysée", []string{"Élysée", "the Élysée", "The Élysée"},
			[]string{"Elysee", "the Elysee", "The Elysee", "ÉLYSÉE", "THE ÉLYSÉE", "ELYSEE", "THE ELYSEE"}},
		{"the Emirates", []string{"the Emirates", "The Emirates"}, []string{"THE EMIRATES"}},
		{"US", []string{"US"}, nil},
		{"Saint Lucia", []string{"Saint Lucia"},
			[]string{"St Lucia", "St. Lucia", "SAINT LUCIA", "ST LUCIA", "ST. LUCIA"}},
		{"mainland China", []string{"mainland China"}, []string{"Mainland China", "MAINLAND CHINA"}},
	}
	for _, tc := range tests {
		s, err := parseSpec(tc.raw)
		if err != nil {
			t.Fatalf("parseSpec(%q) = %v", tc.raw, err)
		}
		e, g := variants(s)
		if strings.Join(e, "|") != strings.Join(tc.explicit, "|") || strings.Join(g, "|") != strings.Join(tc.generated, "|") {
			t.Errorf("variants(%q) = %q, %q; want %q, %q", tc.raw, e, g, tc.explicit, tc.generated)
		}
	}
}
