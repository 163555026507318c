package gazetteer_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kgnews/kg/extract/gazetteer"
	"github.com/kgnews/kg/graph"
)

// unMembers are the ISO 3166-1 alpha-3 codes of the 193 UN member states.
var unMembers = strings.Fields(`
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA
DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER
NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO
TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE`)

func TestCountriesData(t *testing.T) {
	g := gazetteer.Default()
	if len(unMembers) != 193 {
		t.Fatalf("test table has %d UN members, want 193", len(unMembers))
	}
	want := append(slices.Clone(unMembers), "VAT", "PSE", "TWN", "HKG", "MAC", "GRL", "XKX", "ESH", "PRI")
	for _, id := range want {
		c, ok := g.ByID(id)
		if !ok {
			t.Errorf("ByID(%q) missing", id)
			continue
		}
		if c.ID != id || c.Name == "" || c.Official == "" {
			t.Errorf("ByID(%q) = %+v, want id, name and official name", id, c)
		}
	}
	cs := g.Countries()
	if !slices.IsSortedFunc(cs, func(a, b *gazetteer.Country) int { return strings.Compare(a.ID, b.ID) }) {
		t.Errorf("Countries() not sorted by ID")
	}
	names := map[string]string{}
	for _, c := range cs {
		if prev, dup := names[c.Name]; dup {
			t.Errorf("name %q used by %s and %s", c.Name, prev, c.ID)
		}
		names[c.Name] = c.ID
		if got, ok := g.Lookup(c.Name); !ok || got != c {
			t.Errorf("Lookup(%q) = %v, %v; want %s", c.Name, got, ok, c.ID)
		}
		if c.Official == "" && c.Until != "" {
			// West Germany: its official name is Germany's today
		} else if got, ok := g.Lookup(c.Official); !ok || got != c {
			t.Errorf("Lookup(%q) = %v, %v; want %s", c.Official, got, ok, c.ID)
		}
		for _, list := range [][]string{c.Aliases, c.Demonyms, c.Capitals, c.Metonyms} {
			for _, f := range list {
				if got, ok := g.Lookup(f); !ok || got != c {
					t.Errorf("Lookup(%q) = %v, %v; want %s", f, got, ok, c.ID)
				}
			}
		}
	}
}

func TestLookup(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		name, want string
	}{
		{"China", "CHN"},
		{"china", "CHN"},
		{"CHN", "CHN"},
		{"the United States", "USA"},
		{"us", "USA"},
		{"U.S.", "USA"},
		{"the kremlin", "RUS"},
		{"Kremlin", "RUS"},
		{"Downing  Street", "GBR"},
		{"Cote d'Ivoire", "CIV"},
		{"Côte d’Ivoire", "CIV"},
		{"Turkiye", "TUR"},
		{"Türkiye", "TUR"},
		{"Georgia", "GEO"},
		{"Brussels", "BEL"},
		{"Emirati", "ARE"},
		{"Burma", "MMR"},
		{"Swaziland", "SWZ"},
		{"Czech Republic", "CZE"},
		{"DRC", "COD"},
		{"Republic of Congo", "COG"},
		{"Kosovo", "XKX"},
		{"the Elysee", "FRA"},
		{"Zhongnanhai", "CHN"},
		{"Republic of China", "TWN"},
		{"People's Republic of China", "CHN"},
		{"North Korea", "PRK"},
		{"South Korean", "KOR"},
		{"Kyiv", "UKR"},
		{"Kiev", "UKR"},
		{"St. Lucia", "LCA"},
		{"st kitts & nevis", "KNA"},
		{"Iranians", "IRN"},
		{"Britons", "GBR"},
	}
	for _, tc := range tests {
		c, ok := g.Lookup(tc.name)
		if !ok || c.ID != tc.want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", tc.name, c, ok, tc.want)
		}
	}
	for _, name := range []string{"", "the", "New Mexico", "Scotland", "Africa", "Korean", "Europe", "Xi Jinping"} {
		if c, ok := g.Lookup(name); ok {
			t.Errorf("Lookup(%q) = %s, want none", name, c.ID)
		}
	}
}

func TestMatch(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		text string
		id   string // "" for no match
		n    int
		kind gazetteer.Kind
	}{
		{"China's president", "CHN", 5, gazetteer.KindName},
		{"China’s president", "CHN", 5, gazetteer.KindName},
		{"the United States should", "USA", 17, gazetteer.KindName},
		{"The United States of America", "USA", 28, gazetteer.KindName},
		{"United States", "USA", 13, gazetteer.KindName},
		{"the US president", "USA", 6, gazetteer.KindAlias},
		{"U.S.-China relations", "USA", 4, gazetteer.KindAlias},
		{"US-China", "USA", 2, gazetteer.KindAlias},
		{"USA", "USA", 3, gazetteer.KindAlias},
		{"us", "", 0, 0},
		{"USB drive", "", 0, 0},
		{"Chinese President Xi", "CHN", 7, gazetteer.KindDemonym},
		{"Chinese", "CHN", 7, gazetteer.KindDemonym},
		{"Chineseness", "", 0, 0},
		{"the Kremlin said", "RUS", 11, gazetteer.KindMetonym},
		{"Kremlin", "RUS", 7, gazetteer.KindMetonym},
		{"the White House", "USA", 15, gazetteer.KindMetonym},
		{"Downing Street", "GBR", 14, gazetteer.KindMetonym},
		{"Tehran does not", "IRN", 6, gazetteer.KindCapital},
		{"Beijing's statement", "CHN", 7, gazetteer.KindCapital},
		{"Niger", "NER", 5, gazetteer.KindName},
		{"Nigeria", "NGA", 7, gazetteer.KindName},
		{"Nigerian", "NGA", 8, gazetteer.KindDemonym},
		{"Nigerien", "NER", 8, gazetteer.KindDemonym},
		{"Guinea-Bissau", "GNB", 13, gazetteer.KindName},
		{"Guinea", "GIN", 6, gazetteer.KindName},
		{"South Sudan", "SSD", 11, gazetteer.KindName},
		{"Sudan", "SDN", 5, gazetteer.KindName},
		{"Democratic Republic of the Congo", "COD", 32, gazetteer.KindName},
		{"Republic of the Congo", "COG", 21, gazetteer.KindName},
		{"the Congo", "COD", 9, gazetteer.KindAlias},
		{"Dominica", "DMA", 8, gazetteer.KindName},
		{"Dominican Republic", "DOM", 18, gazetteer.KindName},
		{"People's Republic of China", "CHN", 26, gazetteer.KindName},
		{"People’s Republic of China", "CHN", 28, gazetteer.KindName},
		{"Republic of China", "TWN", 17, gazetteer.KindName},
		{"Turkey", "TUR", 6, gazetteer.KindName},
		{"turkey", "", 0, 0},
		{"Türkiye", "TUR", 8, gazetteer.KindAlias},
		{"Turkiye", "TUR", 7, gazetteer.KindAlias},
		{"china", "", 0, 0},
		{"polish", "", 0, 0},
		{"IRAN", "IRN", 4, gazetteer.KindName},
		{"THE UNITED STATES", "USA", 17, gazetteer.KindName},
		{"the Élysée", "FRA", 12, gazetteer.KindMetonym},
		{"the Elysee", "FRA", 10, gazetteer.KindMetonym},
		{"Ivory Coast", "CIV", 11, gazetteer.KindAlias},
		{"Cote d’Ivoire", "CIV", 15, gazetteer.KindName},
		{"St. Kitts and Nevis", "KNA", 19, gazetteer.KindName},
		{"St Lucia", "LCA", 8, gazetteer.KindName},
		{"Trinidad & Tobago", "TTO", 17, gazetteer.KindName},
		{"Bosnia-Herzegovina", "BIH", 18, gazetteer.KindAlias},
		{"United\nStates", "USA", 13, gazetteer.KindName},
		{"United\u00a0Kingdom", "GBR", 15, gazetteer.KindName},
		{"the\u00a0UK", "GBR", 7, gazetteer.KindAlias},
		{"the UAE", "ARE", 7, gazetteer.KindAlias},
		{"the Emirates", "ARE", 12, gazetteer.KindAlias},
		{"Emirates", "", 0, 0},
		{"Emirati", "ARE", 7, gazetteer.KindDemonym},
		{"New Mexico", "", 0, 0},
		{"Mexico City", "MEX", 11, gazetteer.KindCapital},
		{"Georgia", "", 0, 0},
		{"Georgian", "GEO", 8, gazetteer.KindDemonym},
		{"Jordan Bardella", "", 0, 0},
		{"Jordan, Egypt", "JOR", 6, gazetteer.KindName},
		{"Jordan's king", "JOR", 6, gazetteer.KindName},
		{"Washington Post", "", 0, 0},
		{"Washington said", "USA", 10, gazetteer.KindCapital},
		{"Washington, D.C.", "USA", 16, gazetteer.KindCapital},
		{"Chad Wolf", "", 0, 0},
		{"Brussels", "", 0, 0},
		{"Holland", "NLD", 7, gazetteer.KindAlias},
		{"the Netherlands", "NLD", 15, gazetteer.KindName},
		{"Taiwan", "TWN", 6, gazetteer.KindName},
		{"Hong Kong's", "HKG", 9, gazetteer.KindName},
		{"Greenland", "GRL", 9, gazetteer.KindName},
		{"Kosovar", "XKX", 7, gazetteer.KindDemonym},
		{"Palestinian", "PSE", 11, gazetteer.KindDemonym},
		{"the Vatican", "VAT", 11, gazetteer.KindAlias},
		{"Northern Ireland", "", 0, 0},
		{"Latin America", "", 0, 0},
		{"America", "USA", 7, gazetteer.KindAlias},
		{"", "", 0, 0},
		{"the", "", 0, 0},
		{"the ", "", 0, 0},
		{" China", "", 0, 0},
	}
	for _, tc := range tests {
		c, n, kind, ok := g.Match(tc.text)
		if tc.id == "" {
			if ok {
				t.Errorf("Match(%q) = %s, %d, %v; want no match", tc.text, c.ID, n, kind)
			}
			continue
		}
		if !ok || c.ID != tc.id || n != tc.n || kind != tc.kind {
			id := ""
			if c != nil {
				id = c.ID
			}
			t.Errorf("Match(%q) = %q, %d, %v, %v; want %q, %d, %v", tc.text, id, n, kind, ok, tc.id, tc.n, tc.kind)
		}
	}
}

// mentions renders FindAll's result as "text=ID" strings.
func mentions(g *gazetteer.Gazetteer, text string) []string {
	var out []string
	for _, m := range g.FindAll(text) {
		out = append(out, m.Text+"="+m.Country.ID)
	}
	return out
}

func TestFindAll(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"leaders", "US President Donald Trump spoke with Chinese President Xi Jinping.",
			[]string{"US=USA", "Chinese=CHN"}},
		{"possessive and metonym", "Beijing’s readout differed from the White House's account.",
			[]string{"Beijing=CHN", "the White House=USA"}},
		{"hyphenated pair", "US-China and China-U.S. ties, Sino-American trade",
			[]string{"US=USA", "China=CHN", "China=CHN", "U.S.=USA", "American=USA"}},
		{"word boundaries", "Nigeria and Niger; Guinea-Bissau and Guinea; Omani and Oman; Iranian",
			[]string{"Nigeria=NGA", "Niger=NER", "Guinea-Bissau=GNB", "Guinea=GIN", "Omani=OMN", "Oman=OMN", "Iranian=IRN"}},
		{"inside words", "Chinatown, Americana, Francesca, Indiana, Romanesque, USB, BUSINESS",
			nil},
		{"case", "fine china, a roast turkey, us and them, to polish",
			nil},
		{"blockers", "New Mexico, the Indian Ocean, Latin America and the South China Sea",
			nil},
		{"name-like forms", "Jordan Bardella met Michael Jordan near Lake Chad; in Jordan and Chad, officials met",
			[]string{"Jordan=JOR", "Chad=TCD"}},
		{"name-like after opener", "In Jordan, talks began. Washington Post reported that Washington would act.",
			[]string{"Jordan=JOR", "Washington=USA"}},
		{"article", "The United States and the United Kingdom, not united states",
			[]string{"The United States=USA", "the United Kingdom=GBR"}},
		{"longest", "Democratic Republic of the Congo and Republic of the Congo and Papua New Guinea",
			[]string{"Democratic Republic of the Congo=COD", "Republic of the Congo=COG", "Papua New Guinea=PNG"}},
		{"quotes", "“China” and ‘Russia’ and (Iran)",
			[]string{"China=CHN", "Russia=RUS", "Iran=IRN"}},
		{"accents", "Chișinău, Chisinau, Bogotá, Bogota, Élysée",
			[]string{"Chișinău=MDA", "Chisinau=MDA", "Bogotá=COL", "Bogota=COL", "Élysée=FRA"}},
		{"headline caps", "TRUMP TELLS CHINA AND THE UNITED STATES",
			[]string{"CHINA=CHN", "THE UNITED STATES=USA"}},
		{"capitals", "Talks in Moscow, Kyiv and Tehran; Downing Street and Zhongnanhai",
			[]string{"Moscow=RUS", "Kyiv=UKR", "Tehran=IRN", "Downing Street=GBR", "Zhongnanhai=CHN"}},
		{"plural demonyms", "Americans, Israelis, Britons, Swedes and Kazakhs; French and Chinese; Frenchs",
			[]string{"Americans=USA", "Israelis=ISR", "Britons=GBR", "Swedes=SWE", "Kazakhs=KAZ", "French=FRA", "Chinese=CHN"}},
		{"non-ASCII neighbours", "éChina Chinaé «China»",
			[]string{"China=CHN"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mentions(g, tc.text)
			if !slices.Equal(got, tc.want) {
				t.Errorf("FindAll(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestFindAllSpans(t *testing.T) {
	g := gazetteer.Default()
	text := "On Wednesday, Chinese President Xi Jinping told US President Donald Trump that Taiwan…"
	for _, m := range g.FindAll(text) {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("mention %+v: text[%d:%d] = %q", m, m.Start, m.End, text[m.Start:m.End])
		}
	}
}

func TestOrgs(t *testing.T) {
	g := gazetteer.Default()
	for _, o := range g.Orgs() {
		if o.ID != graph.ActorID(o.Name) {
			t.Errorf("org %q: ID %q, want %q", o.Name, o.ID, graph.ActorID(o.Name))
		}
		if got, ok := g.OrgByID(o.ID); !ok || got != o {
			t.Errorf("OrgByID(%q) = %v, %v", o.ID, got, ok)
		}
		if got, ok := g.LookupOrg(o.Name); !ok || got != o {
			t.Errorf("LookupOrg(%q) = %v, %v", o.Name, got, ok)
		}
		if o.Country != "" {
			if c, ok := g.Lookup(o.Country); !ok || c.Name != o.Country {
				t.Errorf("org %q: country %q is not a gazetteer name", o.Name, o.Country)
			}
		}
	}
	tests := []struct {
		text string
		want []string // "text=Name"
	}{
		{"according to Xinhua, the state news agency", []string{"Xinhua=Xinhua"}},
		{"the UN Security Council and the United Nations", []string{"the UN Security Council=UN Security Council", "the United Nations=United Nations"}},
		{"NATO, Nato and the EU", []string{"NATO=North Atlantic Treaty Organization", "Nato=North Atlantic Treaty Organization", "the EU=European Union"}},
		{"OPEC+ and OPEC", []string{"OPEC+=OPEC+", "OPEC=Organization of the Petroleum Exporting Countries"}},
		{"Michael Bloomberg told Bloomberg News, then Bloomberg reported", []string{"Bloomberg News=Bloomberg", "Bloomberg=Bloomberg"}},
		{"AP and Reuters; ap is not an agency", []string{"AP=Associated Press", "Reuters=Reuters"}},
		{"the Treasury Department sanctioned Huawei and SMIC", []string{"the Treasury Department=US Treasury Department", "Huawei=Huawei", "SMIC=Semiconductor Manufacturing International Corporation"}},
		{"the Guardian Council in Tehran, reported by the Guardian", []string{"the Guardian=The Guardian"}},
		{"the G7 and the G-20", []string{"the G7=Group of Seven", "the G-20=Group of Twenty"}},
		{"the Quad met; a quad bike", []string{"the Quad=Quad"}},
		{"the National Security Council and Russia’s Security Council, not the Security Council", []string{"the Security Council=UN Security Council"}},
	}
	for _, tc := range tests {
		var got []string
		for _, m := range g.FindOrgs(tc.text) {
			if tc.text[m.Start:m.End] != m.Text {
				t.Errorf("FindOrgs(%q): span %d:%d is not %q", tc.text, m.Start, m.End, m.Text)
			}
			got = append(got, m.Text+"="+m.Org.Name)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("FindOrgs(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	o, n, ok := g.MatchOrg("the IAEA said")
	if !ok || o.Name != "International Atomic Energy Agency" || n != 8 {
		t.Errorf("MatchOrg(the IAEA said) = %v, %d, %v", o, n, ok)
	}
	if o, ok := g.LookupOrg("the u.n."); !ok || o.Name != "United Nations" {
		t.Errorf("LookupOrg(the u.n.) = %v, %v", o, ok)
	}
	if o, ok := g.LookupOrg("Xinhua"); !ok || o.Country != "China" || o.Kind != "news agency" {
		t.Errorf("LookupOrg(Xinhua) = %+v, %v", o, ok)
	}
}

// TestAsOf checks that references to today's states stand for the historical states they
// succeeded in texts dated before those ended, and that the historical states keep their own ids.
func TestAsOf(t *testing.T) {
	g := gazetteer.Default()
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		form, date, want string
	}{
		{"Moscow", "1987-04-13", "SUN"},
		{"the Kremlin", "1991-12-25", "SUN"},
		{"Russian", "1991-12-26", "RUS"},
		{"Moscow", "2024-01-01", "RUS"},
		{"Moscow", "", "RUS"},
		{"Germany", "1987-10-19", "XWG"},
		{"Berlin", "1990-10-03", "DEU"},
		{"Bonn", "2001-01-01", "XWG"},
		{"Soviet", "2024-01-01", "SUN"},
		{"USSR", "", "SUN"},
		{"East German", "1987-01-01", "DDR"},
		{"Belgrade", "1987-01-01", "YUG"},
		{"Bratislava", "1990-01-01", "CSK"},
		{"Prague", "1993-01-01", "CZE"},
		{"China", "1987-01-01", "CHN"},
	}
	for _, tc := range tests {
		c, ok := g.Lookup(tc.form)
		if !ok {
			t.Errorf("Lookup(%q) failed", tc.form)
			continue
		}
		var d time.Time
		if tc.date != "" {
			d = day(tc.date)
		}
		if got := g.AsOf(c, d); got.ID != tc.want {
			t.Errorf("AsOf(%q, %s) = %s, want %s", tc.form, tc.date, got.ID, tc.want)
		}
	}
	if ms := g.FindAll("The Soviet Union and West Germany signed; Soviets and West Germans met."); len(ms) != 4 ||
		ms[0].Country.ID != "SUN" || ms[1].Country.ID != "XWG" || ms[2].Country.ID != "SUN" || ms[3].Country.ID != "XWG" {
		t.Errorf("FindAll(historical) = %+v", ms)
	}
}

func TestEraOf(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		text string
		want map[string]string // successor id → historical id
	}{
		{"MOSCOW - Soviet negotiators met the Kremlin's envoys.", map[string]string{"RUS": "SUN"}},
		{"The Soviet Union broke up; Russia took its seat and Moscow said so.", nil},
		{"Bonn and West German officials met in Berlin.", map[string]string{"DEU": "XWG"}},
		{"Moscow and Berlin talked.", nil},
	}
	for _, tc := range tests {
		got := map[string]string{}
		for c, old := range g.EraOf(g.FindAll(tc.text)) {
			got[c.ID] = old.ID
		}
		if len(got) != len(tc.want) {
			t.Errorf("EraOf(%q) = %v, want %v", tc.text, got, tc.want)
			continue
		}
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("EraOf(%q) = %v, want %v", tc.text, got, tc.want)
			}
		}
	}
}

func TestNewErrors(t *testing.T) {
	const good = "CHN\tChina\tPeople's Republic of China\tPRC\tChinese\tBeijing\t-\n"
	tests := []struct {
		name      string
		countries string
		orgs      string
		line      int
		msg       string
	}{
		{"columns", "# c\nCHN\tChina\n", "", 2, "columns"},
		{"bad id", "chn\tChina\t-\t-\t-\t-\t-\n", "", 1, "three capital letters"},
		{"duplicate id", good + good, "", 2, "duplicate id"},
		{"shared form", good + "TWN\tTaiwan\tRepublic of China\tPRC\t-\t-\t-\n", "", 2, "PRC"},
		{"empty form", "CHN\tChina\t-\tPRC;;X\t-\t-\t-\n", "", 1, "empty form"},
		{"short form", "CHN\tChina\t-\tC\t-\t-\t-\n", "", 1, "two bytes"},
		{"bad start", "CHN\tChina\t-\t(PRC)\t-\t-\t-\n", "", 1, "letter or digit"},
		{"no countries", "# nothing\n", "", 0, "no countries"},
		{"org country", good, "Xinhua\tnews agency\tAtlantis\t-\n", 1, "unknown country"},
		{"org kind", good, "Xinhua\t-\tChina\t-\n", 1, "missing kind"},
		{"org duplicate", good, "Xinhua\tnews agency\tChina\t-\nXinhua\tnews agency\tChina\t-\n", 2, "duplicate"},
		{"invalid UTF-8", "CHN\tChina\t-\t\xff\t-\t-\t-\n", "", 1, "UTF-8"},
		{"bad until", good + "SUN\tSoviet Union\t-\t-\t-\t-\t-\t1991\tCHN\n", "", 2, "ISO date"},
		{"bad successor", good + "SUN\tSoviet Union\t-\t-\t-\t-\t-\t1991-12-26\tchn\n", "", 2, "three capital"},
		{"unknown successor", good + "SUN\tSoviet Union\t-\t-\t-\t-\t-\t1991-12-26\tRUS\n", "", 0, "not a current state"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := gazetteer.New(strings.NewReader(tc.countries), strings.NewReader(tc.orgs))
			var de *gazetteer.DataError
			if !errors.As(err, &de) {
				t.Fatalf("New() error = %v, want *DataError", err)
			}
			if de.Line != tc.line || !strings.Contains(de.Error(), tc.msg) {
				t.Errorf("New() error = %v (line %d), want line %d containing %q", err, de.Line, tc.line, tc.msg)
			}
		})
	}
	g, err := gazetteer.New(strings.NewReader(good), nil)
	if err != nil {
		t.Fatalf("New(good, nil) = %v", err)
	}
	if got := mentions(g, "PRC and Beijing"); !slices.Equal(got, []string{"PRC=CHN", "Beijing=CHN"}) {
		t.Errorf("custom gazetteer FindAll = %q", got)
	}
	if got := g.FindOrgs("Xinhua"); len(got) != 0 {
		t.Errorf("FindOrgs without orgs = %v", got)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[gazetteer.Kind]string{
		gazetteer.KindName: "name", gazetteer.KindAlias: "alias", gazetteer.KindDemonym: "demonym",
		gazetteer.KindCapital: "capital", gazetteer.KindMetonym: "metonym", gazetteer.Kind(9): "Kind(9)",
	} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

// TestConcurrent runs the matchers from several goroutines; with -race it checks that a
// Gazetteer is safe for concurrent use.
func TestConcurrent(t *testing.T) {
	g := gazetteer.Default()
	text := "The Kremlin said Russia and China, with the UN and Xinhua, met the United States in Geneva."
	want := mentions(g, text)
	done := make(chan []string)
	for range 4 {
		go func() {
			var got []string
			for range 50 {
				got = mentions(g, text)
				g.FindOrgs(text)
				g.Lookup("the kremlin")
			}
			done <- got
		}()
	}
	for range 4 {
		if got := <-done; !slices.Equal(got, want) {
			t.Errorf("concurrent FindAll = %q, want %q", got, want)
		}
	}
}
