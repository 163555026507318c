package extract_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kgnews/kg/graph"
)

// TestEntityClasses checks the classes of names that real news from 1987 to
// today gives the extractor: historical states, organisations with their
// full names, persons behind honorifics, particles and abbreviated titles,
// and the outlets and commentators that are sources, never actors.
func TestEntityClasses(t *testing.T) {
	tests := []struct {
		name string
		text string
		// want: actor or country name → "kind|country" (kind "country" for
		// a Country node; country "" when none)
		want map[string]string
		// aliases: name → an alias the node must carry
		aliases map[string]string
		not     []string // names that must be no Actor or Country
	}{
		{
			name: "a dated archive story reads the states of its time",
			text: "Published On: 1987-05-04\n\nMOSCOW, May 4 - Soviet Foreign Minister Pavel Orlov met West German Economy Minister Kurt Brandt in Bonn on Monday. The Kremlin said the talks with the Federal Republic went well.",
			want: map[string]string{"Soviet Union": "country|", "West Germany": "country|",
				"Pavel Orlov": "person|Soviet Union", "Kurt Brandt": "person|West Germany"},
			not: []string{"Russia", "Germany"},
		},
		{
			name: "the same forms in a recent story are today's states",
			text: "Published On: 2024-05-04\n\nMOSCOW, May 4 - The Kremlin said Russian Foreign Minister Pavel Orlov would meet German officials in Berlin.",
			want: map[string]string{"Russia": "country|", "Germany": "country|", "Pavel Orlov": "person|Russia"},
			not:  []string{"Soviet Union", "West Germany"},
		},
		{
			name: "an undated story that names the Soviet Union and never Russia",
			text: "SUMMIT\n\nMOSCOW - The Soviet Union and the European Community (EC) signed a trade pact on Monday. EC ministers said Moscow would buy more grain.",
			want: map[string]string{"Soviet Union": "country|", "European Community": "organization|"},
			not:  []string{"Russia"},
		},
		{
			name: "organisations keep every word of their names",
			text: "Published On: 2004-12-14\n\nThe National Heart Institute and the International Sugar Organization agreed to share data. Japan Freight Airlines and Midori Machine Co signed a lease. The Inter-American Development Bank lent money to the Brazilian Cocoa Institute.",
			want: map[string]string{"National Heart Institute": "organization|", "International Sugar Organization": "organization|",
				"Japan Freight Airlines": "organization|Japan", "Midori Machine Co": "organization|",
				"Inter-American Development Bank": "organization|", "Brazilian Cocoa Institute": "organization|Brazil"},
			aliases: map[string]string{"Midori Machine Co": "Midori Machine"},
			not:     []string{"Heart Institute", "Sugar Organization", "Freight Airlines", "American Development Bank", "Cocoa Institute"},
		},
		{
			name: "companies introduced by what they are",
			text: "Published On: 2005-02-04\n\nStruggling Japanese car maker Kanto Motors struck a deal to supply French car maker Verdier with 30,000 vans. Spanish carrier Air Iberica ordered ten jets, joining Japanese rival Sora Nippon. Verdier's engines will be used.",
			want: map[string]string{"Kanto Motors": "organization|Japan", "Verdier": "organization|France",
				"Air Iberica": "organization|Spain", "Sora Nippon": "organization|Japan"},
		},
		{
			name:    "wire copy marks listed companies with their tickers",
			text:    "Published On: 1987-06-19\n\nWASHINGTON, June 19 - The Pentagon stopped contracts with Japan's Hoshino Corp <HSNO.T> over sales by Kessler <KESS.F>, a unit of Bank of Ruritania <BRU.R>.",
			want:    map[string]string{"Hoshino Corp": "organization|Japan", "Kessler": "organization|", "Bank of Ruritania": "organization|"},
			aliases: map[string]string{"Hoshino Corp": "Hoshino"},
		},
		{
			name: "an organisation that reports on itself is no person",
			text: "Published On: 2005-01-24\n\nFrankfurt-based Nordhafen Boerse has offered to buy the exchange. Late on Monday, Nordhafen Boerse said it would lift its dividend. Finance Minister Karl Weber said it was a good offer. Liberal Democrat Ann Marsh said it was too late, and the Social Democrats said its terms were poor.",
			want: map[string]string{"Nordhafen Boerse": "organization|", "Karl Weber": "person|", "Ann Marsh": "person|",
				"Social Democrats": "organization|"},
		},
		{
			name: "two bodies joined by and stay two; a sentence word is no part of a name",
			text: "Published On: 1987-10-19\n\nThe Interim Committee and Development Committee met on Monday. Former Cabinet minister Jane Roe criticised the Trade Ministry and Coast Guard agencies.",
			want: map[string]string{"Interim Committee": "organization|", "Development Committee": "organization|"},
			not:  []string{"Interim Committee and Development Committee", "Former Cabinet", "Trade Ministry", "Coast Guard"},
		},
		{
			name:    "honorifics and patronymics",
			text:    "Published On: 1987-03-11\n\nABU DHABI, March 11 - He will meet UAE President Sheikh Khalid bin Sultan al-Qasimi on Monday. Ayatollah Seyyed Hassan Tabrizi dismissed the threat.",
			want:    map[string]string{"Khalid bin Sultan al-Qasimi": "person|United Arab Emirates", "Hassan Tabrizi": "person|"},
			aliases: map[string]string{"Hassan Tabrizi": "Seyyed Hassan Tabrizi"},
			not:     []string{"Khalid", "Seyyed Hassan Tabrizi"},
		},
		{
			name: "names listed after a plural title, each with its place",
			text: "Published On: 1987-04-13\n\nPEKING, April 13 - Prime Ministers Li Wen of China and Rui Costa Neves of Portugal signed an agreement. Senators Tom Reed of Utah, Ann Shaw of Ohio and Carl Cole of Iowa said they might seek an amendment.",
			want: map[string]string{"Li Wen": "person|", "Rui Costa Neves": "person|", "Tom Reed": "person|",
				"Ann Shaw": "person|", "Carl Cole": "person|"},
		},
		{
			name: "titles with abbreviations, posts and particles",
			text: "Published On: 2022-03-20\n\nPrime Minister Hiroshi Tanaka arrived in Delhi. Japanese PM Tanaka said the talks went well. U.K. Chancellor of the Exchequer John Moore agreed. Economy Minister Adel Nour met Egyptian ambassador to Moscow Omar Fahmy. Pablo de Soto, the IMF's managing director, said the loan would help. Mr de Soto added more. His Peruvian counterpart, Luis Vargas Llosa, visited in 1950.",
			want: map[string]string{"Hiroshi Tanaka": "person|Japan", "John Moore": "person|United Kingdom",
				"Omar Fahmy": "person|Egypt", "Pablo de Soto": "person|", "Luis Vargas Llosa": "person|Peru"},
			not: []string{"PM Tanaka", "Exchequer John Moore", "de Soto", "Mr de Soto"},
		},
		{
			name: "party labels and title qualifiers are no part of a name",
			text: "Published On: 2005-03-23\n\nConservative Graham Hale said the plan would fail. Liberal Democrat Ann Marsh agreed with most of the plan. Rep. Dan Cole, a Texas Democrat, voted against. EC External Trade Commissioner Willy Maes wrote to his counterpart.",
			want: map[string]string{"Graham Hale": "person|", "Ann Marsh": "person|", "Dan Cole": "person|", "Willy Maes": "person|"},
			not:  []string{"Conservative Graham Hale", "Democrat Ann Marsh", "Texas Democrat", "External Trade"},
		},
		{
			name: "outlets and commentators are sources",
			text: "Published On: 1987-10-19\n\nFinance Minister Karl Weber told Reuters the meeting was useful. \"It is a retreat,\" said Peter Grant, currency adviser at Nordbank Corp in London. The tax could fuel a black market, says Jose Marquez, head of strategy for emerging markets at Fernbank. Mr Marqeuz said it could be dropped. The official Saudi Press Agency quoted Weber as saying so.",
			want: map[string]string{"Karl Weber": "person|"},
			not:  []string{"Reuters", "Peter Grant", "Jose Marquez", "Marqeuz", "Saudi Press Agency"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := extractText(t, tc.text)
			nodes := map[string]graph.Props{}
			for _, n := range b.Nodes {
				if n.Label == graph.LabelActor || n.Label == graph.LabelCountry {
					p := n.Props
					if n.Label == graph.LabelCountry {
						p = graph.Props{graph.PropName: p[graph.PropName], graph.PropKind: "country",
							graph.PropAliases: p[graph.PropAliases]}
					}
					nodes[n.Props[graph.PropName].(string)] = p
				}
			}
			names := slices.Sorted(func(yield func(string) bool) {
				for k := range nodes {
					if !yield(k) {
						return
					}
				}
			})
			for name, want := range tc.want {
				p, ok := nodes[name]
				if !ok {
					t.Errorf("no node %q; nodes: %s", name, strings.Join(names, ", "))
					continue
				}
				country, _ := p[graph.PropCountry].(string)
				if got := p[graph.PropKind].(string) + "|" + country; got != want {
					t.Errorf("node %q: kind|country = %q, want %q", name, got, want)
				}
			}
			for name, alias := range tc.aliases {
				als, _ := nodes[name][graph.PropAliases].([]string)
				if !slices.Contains(als, alias) {
					t.Errorf("node %q: aliases %v, want %q among them", name, als, alias)
				}
			}
			for _, name := range tc.not {
				if _, ok := nodes[name]; ok {
					t.Errorf("%q must be no Actor or Country; nodes: %s", name, strings.Join(names, ", "))
				}
			}
		})
	}
}
