package extract_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/document"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/internal/testutil"
)

// edge is one fact of a batch with its endpoints' names; to is the
// Commitment's or Agreement's name for PLEDGED.
type edge struct {
	typ, from, to string
	props         graph.Props
}

func (e edge) String() string { return fmt.Sprintf("%s %s -> %s", e.typ, e.from, e.to) }

// extractText reads text as a .txt article and extracts it.
func extractText(t *testing.T, text string) *graph.Batch {
	t.Helper()
	doc, err := document.Read("passage.txt", []byte(text))
	if err != nil {
		t.Fatalf("document.Read: %v", err)
	}
	b, err := extract.New(extract.Options{}).Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// edges returns the fact relationships of b.
func edges(b *graph.Batch) []edge {
	names := map[string]string{}
	for _, n := range b.Nodes {
		names[n.ID], _ = n.Props[graph.PropName].(string)
	}
	var out []edge
	for _, r := range b.Relationships {
		if graph.IsFactType(r.Type) {
			out = append(out, edge{r.Type, names[r.Start], names[r.End], r.Props})
		}
	}
	return out
}

// has reports whether es holds a fact of type typ from a party named from to
// one named to; SPOKE_WITH is unordered and PLEDGED matches when to is a
// substring of the commitment or agreement name. An empty from or to
// matches any.
func has(es []edge, typ, from, to string) bool {
	for _, e := range es {
		if e.typ != typ {
			continue
		}
		match := func(a, b string) bool {
			if from != "" && a != from {
				return false
			}
			if to == "" {
				return true
			}
			if typ == graph.Pledged {
				return strings.Contains(strings.ToLower(b), strings.ToLower(to))
			}
			return b == to
		}
		if match(e.from, e.to) || typ == graph.SpokeWith && match(e.to, e.from) {
			return true
		}
	}
	return false
}

// fact is an expected (or forbidden) fact: "TYPE|from|to".
type fact string

func (f fact) parts() (typ, from, to string) {
	p := strings.SplitN(string(f), "|", 3)
	for len(p) < 3 {
		p = append(p, "")
	}
	return p[0], p[1], p[2]
}

// TestRules runs each relation rule on passages written for it, in the
// styles of wire copy, state-media readouts, trade press and newspapers,
// checking the facts that must be found and those that must not.
func TestRules(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []fact
		not  []fact
	}{
		{
			name: "talks between a list, then the source",
			text: "Published On: Jun 9, 2021\n\nThe envoy is trying to find solutions during trilateral talks between Chile, Peru and Bolivia, Marta Quispe said.",
			not:  []fact{"SPOKE_WITH|Chile|Marta Quispe", "SPOKE_WITH|Bolivia|Marta Quispe"},
		},
		{
			name: "dialogue agreed for the future is not a fact",
			text: "Published On: May 7, 2024\n\nThe two leaders agreed to continue security dialogue between Chile and Peru.",
			not:  []fact{"SPOKE_WITH|Chile|Peru"},
		},
		{
			name: "meeting between described officials",
			text: "Published On: Oct 19, 1987\n\nNews of a meeting between U.S. Treasury Secretary Alan Brooks and West German Finance Minister Karl Vogt on Monday calmed markets.",
			want: []fact{"SPOKE_WITH|Alan Brooks|Karl Vogt"},
		},
		{
			name: "conversation took place between",
			text: "Published On: Apr 6, 2023\n\nThe conversation took place early Thursday between Foreign Minister Reza Karimi and his Omani counterpart Badr Al Harthi.",
			want: []fact{"SPOKE_WITH|Reza Karimi|Badr Al Harthi"},
		},
		{
			name: "agreed to any verb",
			text: "Published On: Jan 4, 2005\n\nMoldova has agreed to pay 30% more for natural gas supplied by Romania.",
			want: []fact{"PLEDGED|Moldova|pay"},
		},
		{
			name: "the two countries named just before",
			text: "Published On: Dec 14, 2004\n\nIn a sign of a thaw in relations between Chile and Bolivia, the two countries have signed a trade protocol covering gas exports.",
			want: []fact{"PLEDGED|Chile|Bolivia–Chile trade protocol", "PLEDGED|Bolivia|Bolivia–Chile trade protocol"},
		},
		{
			name: "the two firms",
			text: "Published On: Jan 26, 2005\n\nCar maker Tarvo Motors has held talks with Kessler Motors Corp about a partnership. The two firms signed a memorandum of understanding covering engine supplies.",
			want: []fact{"PLEDGED|Tarvo Motors|memorandum", "PLEDGED|Kessler Motors Corp|memorandum"},
		},
		{
			name: "barred a company from doing business",
			text: "Published On: Jun 19, 1987\n\nThe Norwegian government has prohibited Kvarner Machine Co from doing any business with Iraq for one year.",
			want: []fact{"SANCTIONED|Norway|Kvarner Machine Co"},
		},
		{
			name: "a leader's government with a relative clause",
			text: "Published On: Oct 27, 2004\n\nUS President Adam Price's government, which has long backed the embargo on Cuba, introduced even tighter restrictions on Cuba in May.",
			want: []fact{"SANCTIONED|United States|Cuba"},
		},
		{
			name: "banned from travelling is not a ban on a flow",
			text: "Published On: Oct 27, 2004\n\nThe court banned the protest from taking place.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "tariff cuts ease",
			text: "Published On: Mar 3, 1987\n\nSeoul announced more tariff cuts for Australia on Tuesday.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "the agent of a nominal action, not the speaker",
			text: "Published On: Apr 8, 1987\n\nConable said the action by the United States to slap tariffs on certain electronic goods from Japan did not mean a trade war.",
			want: []fact{"SANCTIONED|United States|Japan"},
			not:  []fact{"SANCTIONED|Conable|Japan"},
		},
		{
			name: "it was possible is no fact",
			text: "Published On: Apr 8, 1987\n\nIt was also possible the United States would reimpose a 40 pct tariff on Italian pasta.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "tree: passive measure with its agent",
			text: "Published On: May 10, 2023\n\nSanctions were imposed on Belarus by Canada on Monday.",
			want: []fact{"SANCTIONED|Canada|Belarus"},
		},
		{
			name: "tree: hit with curbs by",
			text: "Published On: May 10, 2023\n\nThailand was hit with export curbs by Japan last year.",
			want: []fact{"SANCTIONED|Japan|Thailand"},
		},
		{
			name: "tree: a nominal measure with its owner",
			text: "Published On: May 10, 2023\n\nMexico's new tariffs on Brazilian steel took effect on Tuesday.",
			want: []fact{"SANCTIONED|Mexico|Brazil"},
		},
		{
			name: "tree: a nominal measure with its agent",
			text: "Published On: May 10, 2023\n\nThe sanctions against Syria announced by Australia on Monday target 12 officials.",
			want: []fact{"SANCTIONED|Australia|Syria"},
		},
		{
			name: "tree: a threatened or lifted nominal measure is no fact",
			text: "Published On: May 10, 2023\n\nMexico's threatened tariffs on Brazilian steel worried exporters. Chile's tariffs on Peruvian wine could be lifted next month.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "bare surname as the other party of a meeting",
			text: "Published On: May 10, 2023\n\nKremlin spokesman Dmitry Peskov said Medvedev had met Tokayev in Sochi.",
			want: []fact{"SPOKE_WITH|Medvedev|Tokayev"},
		},
		{
			name: "discussed a matter with a person",
			text: "Published On: Jan 24, 2005\n\nLast week in Madrid, President Rafael Ortiz discussed this problem and other issues with Spanish Prime Minister Lucia Vega.",
			want: []fact{"SPOKE_WITH|Rafael Ortiz|Lucia Vega"},
		},
		{
			name: "discussed with no person is no consultation",
			text: "Published On: Jan 24, 2005\n\nPresident Rafael Ortiz discussed the problem with reporters in Madrid.",
			not:  []fact{"SPOKE_WITH||"},
		},
		{
			name: "opened talks with",
			text: "Published On: Mar 31, 1987\n\nFrench Prime Minister Henri Roux opened talks with President Paul Lang on Tuesday.",
			want: []fact{"SPOKE_WITH|Henri Roux|Paul Lang"},
		},
		{
			name: "under the agreement, X will",
			text: "Published On: Jan 7, 2005\n\nPakistan has signed a $20bn deal to import liquefied natural gas from Qatar. Under the agreement, Qatar will supply Pakistan with 3 million tonnes of LNG annually.",
			want: []fact{"PLEDGED|Qatar|supply 3 million tonnes"},
		},
		{
			name: "a memorandum with no content is the deal just reported",
			text: "Published On: Feb 4, 2005\n\nCar maker Tarvo Motors Corp has struck a deal to supply Kessler Motors Corp with 30,000 vans. The two firms signed a Memorandum of Understanding on Friday.",
			want: []fact{"PLEDGED|Kessler Motors Corp|deal"},
			not:  []fact{"PLEDGED||Memorandum"},
		},
		{
			name: "an agency is not the target of its own ban",
			text: "Published On: Apr 1, 1987\n\nAkzo alleged that the ban, imposed by the U.S. International Trade Commission (ITC), was discriminatory.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "a door of dialogue is no dialogue",
			text: "Published On: May 29, 2024\n\nVietnam said Wednesday that its door of dialogue with Cambodia remains open.",
			not:  []fact{"SPOKE_WITH|Vietnam|Cambodia"},
		},
		{
			name: "would only agree to is a condition",
			text: "Published On: Apr 1, 2025\n\nIn response, Cuba told Spain that it would only agree to indirect talks over the debt.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "the subject of will must be a party",
			text: "Published On: Mar 19, 2022\n\nPrime Minister Ken Sato said that my visit to Chile will open a new chapter in relations.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "reported future after an apposition",
			text: "Published On: Mar 19, 2022\n\nThe ministry said Japan, the largest investor in the region, will invest $5 billion in Chile over five years.",
			want: []fact{"PLEDGED|Japan|invest"},
		},
		{
			name: "a meeting still to come",
			text: "Published On: Mar 4, 1987\n\nThe minister will raise the issue when he meets Treasury Secretary Alan Brooks next week. Seoul proposed that the two prime ministers, Kim Dae-ho and Li Wen, meet for talks.",
			not:  []fact{"SPOKE_WITH||"},
		},
		{
			name: "an exchange agreement is no exchange of views",
			text: "Published On: Mar 4, 1987\n\nPakistan and Sweden have signed a commodity exchange agreement.",
			not:  []fact{"SPOKE_WITH||"},
			want: []fact{"PLEDGED|Pakistan|agreement"},
		},
		{
			name: "the office holder, not the office",
			text: "Published On: Mar 4, 1987\n\nBrazilian Finance Minister Dilson Moura met Federal Reserve Board Chairman Paul Stone on Tuesday.",
			want: []fact{"SPOKE_WITH|Dilson Moura|Paul Stone"},
			not:  []fact{"SPOKE_WITH|Dilson Moura|Federal Reserve"},
		},
		{
			name: "a company's freeze or a state's own tax is no sanction",
			text: "Published On: Mar 4, 1987\n\nAcme Motors Corp imposed a hiring freeze on its plants. Finance Minister Dalton Banda said Zambia imposed a 10% tax on the Water Board.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "a vetoed resolution imposes nothing",
			text: "Published On: Mar 4, 1987\n\nBritain vetoed a Security Council resolution to impose mandatory sanctions on South Africa.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "duties that will be set are not set",
			text: "Published On: Mar 4, 1987\n\nThe Commerce Department will set final dumping duties on Brazilian orange juice next Monday.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "a host by trade is no host",
			text: "Published On: Jan 20, 2005\n\nDamian Hale said ex-chatshow host Mr Robert Kilby would deliver better as leader. The Paris, Amsterdam and Lisbon stock exchanges began talks with the LSE.",
			not:  []fact{"SPOKE_WITH||"},
		},
		{
			name: "it is the speaker, not the one told",
			text: "Published On: Mar 4, 1987\n\nThe EC has promised Canada it will import two million tonnes of maize.",
			want: []fact{"PLEDGED|European Community|import"},
			not:  []fact{"PLEDGED|Canada|"},
		},
		{
			name: "a parenthetical source is not the subject",
			text: "Published On: Mar 4, 1987\n\nTreasury Secretary James Bolt, Richard Dorman said, was committed to stabilizing currencies at current levels.",
			want: []fact{"PLEDGED|James Bolt|stabilize"},
			not:  []fact{"PLEDGED|Richard Dorman|"},
		},
		{
			name: "the two leaders are not the spokesman",
			text: "Published On: Mar 4, 1987\n\nUS Representative Dick Gale met reporters. Foreign Ministry spokesman Yoshi Matsu said trade dominated the talks between the two leaders.",
			not:  []fact{"SPOKE_WITH|Dick Gale|Yoshi Matsu"},
		},
		{
			name: "proposed in a letter that they meet",
			text: "Published On: Apr 2, 1987\n\nSouth Korean Prime Minister Lee Han-soo proposed in a letter to his North Korean counterpart Pak Sung-il that they meet for talks.",
			not:  []fact{"SPOKE_WITH||"},
		},
		{
			name: "talks scheduled for later",
			text: "Published On: Apr 2, 1987\n\nTwo rounds of talks between President Paul Lang and Prime Minister Taro Ueda, scheduled for Thursday and Friday, come after the tariff row.",
			not:  []fact{"SPOKE_WITH||"},
		},
		{
			name: "declared against a tax",
			text: "Published On: Apr 2, 1987\n\nWest Germany, Britain and Denmark have declared themselves against the tax on oils imported from Spain.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "a judge's ban is no sanction",
			text: "Published On: Dec 20, 2004\n\nUS judge Letitia Clark banned Rosneft from taking part in the auction.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "a pledge still to be made",
			text: "Published On: Apr 2, 1987\n\nChances that Brazil will agree to resume negotiations on quotas look remote.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "at their meeting, the pair of the main clause",
			text: "Published On: May 7, 2023\n\nAt their meeting in Hanoi, Nguyen and Prayut agreed to strengthen coordination. Vietnamese Prime Minister Minh Nguyen and Thai Prime Minister Chan Prayut then left.",
			want: []fact{"SPOKE_WITH|Minh Nguyen|Chan Prayut"},
		},
		{
			name: "agreed that X will",
			text: "Published On: May 7, 2023\n\nFrench President Luc Moreau and German Chancellor Anke Bauer met in Paris. The two leaders agreed that Paris and Berlin will start talks as early as next month to build a hydrogen pipeline.",
			want: []fact{"PLEDGED|Luc Moreau|start talks", "PLEDGED|Anke Bauer|start talks"},
		},
		{
			name: "agreed a plan, agreed on a package",
			text: "Published On: Dec 14, 2004\n\nTurkey has agreed a draft proposal with the International Monetary Fund to borrow $10bn. EU foreign ministers have agreed on an aid package of loans for Mediterranean states.",
			want: []fact{"PLEDGED|Turkey|proposal", "PLEDGED|European Union|package"},
		},
		{
			name: "agreed that someone should is no agreement",
			text: "Published On: Dec 14, 2004\n\nThe ministers of Chile and Peru agreed the industry should provide a plan to become competitive.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "a portfolio is no name",
			text: "Published On: Sep 30, 1987\n\nDeputy trade representative Michael Smith met Agriculture minister Ernesto Figueras in Buenos Aires.",
			want: []fact{"SPOKE_WITH|Michael Smith|Ernesto Figueras"},
			not:  []fact{"SPOKE_WITH|Michael Smith|Agriculture"},
		},
		{
			name: "A and B met someone unnamed; spoke out",
			text: "Published On: Mar 1, 2005\n\nLast week Ms Cathy Jamie and First Minister Jack Connell met supporters' representatives from both clubs. Ferguson and Keane have all spoken out against the bid. Prime Minister Ana Ruiz and President Luis Soto met Tuesday in Lima.",
			want: []fact{"SPOKE_WITH|Ana Ruiz|Luis Soto"},
			not:  []fact{"SPOKE_WITH|Cathy Jamie|Jack Connell"},
		},
		{
			name: "the party's promises are a noun",
			text: "Published On: Mar 1, 2005\n\nMr Harris highlighted the party's promises to raise the basic state pension.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "agreements still to be reached or signed",
			text: "Published On: Apr 2, 1987\n\nThe banker remains hopeful that Brazil will reach a debt rescheduling agreement with its creditors. Prime Minister Rui Matos said he would go to Peking next month to formally sign the agreement with China.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "negotiations a ruling may influence are not held",
			text: "Published On: Apr 2, 1987\n\nLyng said the GATT ruling may influence the U.S. stance in negotiations with Tokyo.",
			not:  []fact{"SPOKE_WITH||"},
		},
		{
			name: "two officials speaking to the press",
			text: "Published On: Apr 2, 1987\n\nEconomics Minister Otto Schlecht and State Secretary Hans Tietmeyer were speaking ahead of the Venice summit.",
			not:  []fact{"SPOKE_WITH||"},
		},
		{
			name: "who praised the talks held them",
			text: "Published On: Dec 7, 2023\n\nTurkish President Kemal Aydin praised the talks with Greek Prime Minister Nikos Pappas and invited him for a return visit.",
			want: []fact{"SPOKE_WITH|Kemal Aydin|Nikos Pappas"},
		},
		{
			name: "it is the unnamed body that said so",
			text: "Published On: Mar 4, 1987\n\nKorea has cut tariffs on 1,700 goods. Korea's leading industrial organisation said it will send a buying mission to Canada.",
			not:  []fact{"PLEDGED|South Korea|"},
		},
		{
			name: "the place a deal is named after is no person; both floats to its antecedent",
			text: "Published On: Oct 19, 1987\n\nFrench Finance Minister Paul Roux, who hosted the Lido meeting, spoke first. Under the Lido Accord Spain and Japan, who both have large trade surpluses, pledged to boost their economic growth.",
			want: []fact{"PLEDGED|Spain|boost", "PLEDGED|Japan|boost"},
			not:  []fact{"PLEDGED|Lido|", "PLEDGED|Paul Roux|"},
		},
		{
			name: "the two parties are not two people of one side",
			text: "Published On: Mar 4, 1987\n\nCentral bank president Jose Marx and Finance Secretary Mario Brodo led Argentina's team. Talks between the two parties resumed on Monday.",
			not:  []fact{"SPOKE_WITH|Jose Marx|Mario Brodo"},
		},
		{
			name: "sanctioned a country's unnamed firms",
			text: "Published On: Jun 12, 2024\n\nThe U.S. Treasury Department on Thursday sanctioned 12 Iranian firms for supplying drone parts to Russia.",
			want: []fact{"SANCTIONED|United States|Iran"},
		},
		{
			name: "a short given name that is a function word",
			text: "Published On: Jun 12, 2024\n\nPremier Li Qiang met with Vietnamese President To Lam at the Great Hall of the People on Wednesday.",
			want: []fact{"SPOKE_WITH|Li Qiang|To Lam"},
		},
		{
			name: "those targeted include",
			text: "Published On: Jan 12, 2026\n\nCanada has imposed sanctions on 10 Belarusian officials over a crackdown. In a statement, the foreign ministry said those targeted include Interior Minister Ivan Kubrakov, senior officers of the State Security Committee and two judges.",
			want: []fact{"SANCTIONED|Canada|Ivan Kubrakov"},
			not:  []fact{"SANCTIONED|Canada|State Security Committee"},
		},
		{
			name: "talks about a pact are no pact",
			text: "Published On: Mar 4, 1987\n\nThe EC agreed to formal talks on signing an economic pact with Hungary.",
			not:  []fact{"PLEDGED|Hungary|", "PLEDGED||pact"},
		},
		{
			name: "views, beliefs and unnamed pledgers are no pledge",
			text: "Published On: Oct 19, 1987\n\nStoltenberg said the ministers had reached a positive evaluation of the Lido accord. The ASA is confident the U.S. Congress will support its complaint. Minister Ali Wardana noted donors pledged to increase financing. Trade Minister Rah Woo said his country's firms have agreed to buy U.S. goods.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "members and committees stand for the named party",
			text: "Published On: Jan 4, 1987\n\nOPEC members agreed in December to limit production. Venezuela and its bank advisory committee have agreed in principle on revisions to the terms of a debt-rescheduling package.",
			want: []fact{"PLEDGED|Organization of the Petroleum Exporting Countries|limit", "PLEDGED|Venezuela|"},
		},
		{
			name: "a cause and a backed pact are no commitments",
			text: "Published On: Apr 9, 1987\n\nJapan pointed to the dangers of a dollar fall because it would reduce the flow of Japanese capital. A free trade pact, backed by President Ron Lane and Prime Minister Brian Mills, would open new markets for Canada, he said.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "phone call with titles and demonyms",
			text: "Published On: Mar 4, 2025\n\nBrazilian President Joana Ferraz held a phone call with Indian Prime Minister Ravi Menon on Monday, discussing trade and Argentina.",
			want: []fact{"SPOKE_WITH|Joana Ferraz|Ravi Menon"},
		},
		{
			name: "X and Y spoke",
			text: "Published On: Mar 4, 2025\n\nGerman Chancellor Anke Bauer and Polish President Tomasz Wrona spoke by telephone on Sunday.",
			want: []fact{"SPOKE_WITH|Anke Bauer|Tomasz Wrona"},
		},
		{
			name: "call between",
			text: "Published On: Mar 4, 2025\n\nA call between Kenyan President Samuel Kiptoo and Nigerian President Ade Bello lasted an hour, officials in Nairobi said.",
			want: []fact{"SPOKE_WITH|Samuel Kiptoo|Ade Bello"},
		},
		{
			name: "video call and met",
			text: "Published On: Mar 4, 2025\n\nJapanese Prime Minister Hiro Tanabe had a video call with Australian Prime Minister Claire Dunn. Tanabe met Philippine President Marco Reyes in Manila last week.",
			want: []fact{"SPOKE_WITH|Hiro Tanabe|Claire Dunn", "SPOKE_WITH|Hiro Tanabe|Marco Reyes"},
		},
		{
			name: "planned meeting is not a meeting",
			text: "Published On: Mar 4, 2025\n\nFrench President Luc Moreau is expected to meet Italian Prime Minister Sara Conti next month. Moreau plans to hold talks with Spanish Prime Minister Pablo Ruiz.",
			not:  []fact{"SPOKE_WITH|Luc Moreau|Sara Conti", "SPOKE_WITH|Luc Moreau|Pablo Ruiz"},
		},
		{
			name: "short forms and pronouns resolve",
			text: "Published On: Mar 4, 2025\n\nSouth African President Thabo Nkosi arrived in Lagos on Monday. Nkosi later said he had spoken with Ghanaian President Kofi Mensah about the crisis in Sudan.",
			want: []fact{"SPOKE_WITH|Thabo Nkosi|Kofi Mensah"},
		},
		{
			name: "pledge with quantity, unit and period",
			text: "Published On: Mar 4, 2025\n\nEgypt has agreed to buy 3 million tonnes of Russian wheat over the next two years, the trade ministry said.",
			want: []fact{"PLEDGED|Egypt|3 million tonnes"},
		},
		{
			name: "both pledged",
			text: "Published On: Mar 4, 2025\n\nIndonesian President Budi Santoso held talks with Malaysian Prime Minister Anwar Hashim on Tuesday, and both pledged to deepen defence cooperation.",
			want: []fact{"SPOKE_WITH|Budi Santoso|Anwar Hashim", "PLEDGED|Budi Santoso|deepen", "PLEDGED|Anwar Hashim|deepen"},
		},
		{
			name: "proposal is not a pledge",
			text: "Published On: Mar 4, 2025\n\nCanada proposed that both sides agree to cut tariffs on steel. Mexico suggested it could buy more Canadian wheat.",
			not:  []fact{"PLEDGED|Canada|", "PLEDGED|Mexico|"},
		},
		{
			name: "did not mention is not a pledge",
			text: "Published On: Mar 4, 2025\n\nThe Korean readout did not mention whether Seoul agreed to buy American liquefied natural gas.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "denial and refusal are not pledges",
			text: "Published On: Mar 4, 2025\n\nThailand denied that it had agreed to limit rice exports. Chile refused to commit to new emission cuts.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "agreement signed",
			text: "Published On: Mar 4, 2025\n\nArmenia and Azerbaijan signed a transit agreement on Friday.",
			want: []fact{"PLEDGED|Armenia|transit agreement", "PLEDGED|Azerbaijan|transit agreement"},
		},
		{
			name: "claimed pledge",
			text: "Published On: Mar 4, 2025\n\nUS President Donald Trump said that Japan has agreed to invest 550 billion dollars in American industry.",
			want: []fact{"PLEDGED|Japan|invest"},
		},
		{
			name: "tariff imposed with rate",
			text: "Published On: Mar 4, 2025\n\nThe European Union imposed tariffs of up to 35% on electric vehicles from China on Tuesday.",
			want: []fact{"SANCTIONED|European Union|China"},
		},
		{
			name: "threat is not a sanction",
			text: "Published On: Mar 4, 2025\n\nIndia threatened to impose sanctions on Pakistan if the attacks continued. Turkey warned it could slap tariffs on Greek goods.",
			not:  []fact{"SANCTIONED|India|Pakistan", "SANCTIONED|Turkey|Greece"},
		},
		{
			name: "lifted and postponed sanctions are not sanctions",
			text: "Published On: Mar 4, 2025\n\nThe United States lifted sanctions on Venezuela on Monday. Britain postponed imposing tariffs on Norwegian salmon.",
			not:  []fact{"SANCTIONED|United States|Venezuela", "SANCTIONED|United Kingdom|Norway"},
		},
		{
			name: "company as a sanctions target",
			text: "Published On: Mar 4, 2025\n\nThe Commerce Department on Monday added Zentrix Microsystems to its entity list, citing military ties.",
			want: []fact{"SANCTIONED||Zentrix Microsystems"},
		},
		{
			name: "named companies before the rest of a listing",
			text: "Published On: Mar 4, 2025\n\nThe Japanese government on Friday added Orion Drive Systems and Tellus Marine and 9 other Russian firms to its export control list.",
			want: []fact{"SANCTIONED|Japan|Orion Drive Systems", "SANCTIONED|Japan|Tellus Marine"},
			not:  []fact{"SANCTIONED|Japan|Russia"},
		},
		{
			name: "sanctioned verb",
			text: "Published On: Mar 4, 2025\n\nAustralia sanctioned Myanmar on Wednesday over the coup, Foreign Minister Penny Wright said.",
			want: []fact{"SANCTIONED|Australia|Myanmar"},
		},
		{
			name: "secondary tax on a third country",
			text: "Published On: Mar 4, 2025\n\nThe president said the US would impose a 20% tax on imports from countries that buy oil from Venezuela.",
			want: []fact{"SANCTIONED|United States|Venezuela"},
		},
		{
			name: "passive sanctions",
			text: "Published On: Mar 4, 2025\n\nSeveral Iranian banks were sanctioned by the United States on Monday. New tariffs imposed by Canada on Chinese steel took effect.",
			want: []fact{"SANCTIONED|United States|Iran", "SANCTIONED|Canada|China"},
			not:  []fact{"SANCTIONED|Iran|United States"},
		},
		{
			name: "named companies after a demonym",
			text: "Published On: Mar 4, 2025\n\nWashington slapped sanctions on Russian oil giants Rosneft and Lukoil on Wednesday.",
			want: []fact{"SANCTIONED|United States|Rosneft", "SANCTIONED|United States|Lukoil"},
		},
		{
			name: "future and infinitive meetings are not meetings",
			text: "Published On: Mar 4, 2025\n\nSpanish Prime Minister Pablo Ruiz will meet Moroccan King Hassan Idrissi next week. Ruiz also wants to speak with Algerian President Karim Saadi.",
			not:  []fact{"SPOKE_WITH|Pablo Ruiz|Hassan Idrissi", "SPOKE_WITH|Pablo Ruiz|Karim Saadi"},
		},
		{
			name: "counterpart and administration",
			text: "Published On: Mar 4, 2025\n\nUS Secretary of State Anna Kline spoke by phone with her Chinese counterpart Zhou Ming on Friday. The Kline administration is unrelated; US President Mark Ellis said the Ellis administration imposed tariffs on Vietnamese shrimp.",
			want: []fact{"SPOKE_WITH|Anna Kline|Zhou Ming", "SANCTIONED|United States|Vietnam"},
		},
		{
			name: "sanctions package agreed, export control list",
			text: "Published On: Mar 4, 2025\n\nThe European Union agreed on a new sanctions package against Belarus on Friday. China's commerce ministry added 12 Japanese firms to its export control list.",
			want: []fact{"SANCTIONED|European Union|Belarus", "SANCTIONED||Japan"},
		},
		{
			name: "agreed to ease is not a sanction",
			text: "Published On: Mar 4, 2025\n\nThe two governments agreed to scale back tariffs on farm goods. Seoul agreed to delay its export controls on graphite.",
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "coordinated pledge after a signature",
			text: "Published On: Mar 4, 2025\n\nEgyptian President Omar Fathy hosted Tunisian President Salma Gharbi in Cairo on Monday. The two presidents signed nine cooperation agreements covering energy, tourism and health, and agreed to raise bilateral trade to 5 billion dollars within three years.",
			want: []fact{"SPOKE_WITH|Omar Fathy|Salma Gharbi", "PLEDGED|Omar Fathy|cooperation agreements", "PLEDGED|Salma Gharbi|raise bilateral trade to 5 billion dollars"},
		},
		{
			name: "plural titles and country-level talks",
			text: "Published On: Mar 4, 2025\n\nPresidents Ilham Aliyev and Nikol Pashinyan met in Abu Dhabi on Monday. The foreign ministers of Azerbaijan and Armenia also held talks.",
			want: []fact{"SPOKE_WITH|Ilham Aliyev|Nikol Pashinyan", "SPOKE_WITH|Azerbaijan|Armenia"},
		},
		{
			name: "official readout style",
			text: "Published On: Jul 2, 2025\n\nVladimir Putin had a telephone conversation with President of France Emmanuel Macron. The presidents agreed to continue contacts.",
			want: []fact{"SPOKE_WITH|Vladimir Putin|Emmanuel Macron", "PLEDGED|Emmanuel Macron|continue contacts"},
		},
		{
			name: "relative clause subject and agreement terms",
			text: "Published On: Oct 8, 2025\n\nChancellor Olaf Brandt, who spoke with Israeli Prime Minister Benjamin Netanyahu by phone on Monday, said aid would continue. Israel and Hamas agreed to the first phase of a ceasefire deal, under which Hamas will release all hostages and Israel will withdraw troops.",
			want: []fact{"SPOKE_WITH|Olaf Brandt|Benjamin Netanyahu", "PLEDGED|Hamas|ceasefire deal", "PLEDGED|Hamas|release", "PLEDGED|Israel|withdraw troops"},
		},
		{
			name: "conditional, weighed and cancelled are not facts",
			text: "Published On: Mar 4, 2025\n\nPresident Dan Holt said he would impose 100% tariffs on Brazil if it moved away from the dollar. The Treasury is weighing sanctions on Chinese banks. Holt cancelled a planned call with Mexican President Rosa Vega and called off talks with Canada.",
			not:  []fact{"SANCTIONED||Brazil", "SANCTIONED||China", "SPOKE_WITH|Dan Holt|Rosa Vega", "SPOKE_WITH|Dan Holt|Canada"},
		},
		{
			name: "trade ties",
			text: "Published On: Mar 4, 2025\n\nChina is Brazil's largest trading partner. Chile's biggest trading partners include China ($38 billion) and the United States ($20 billion).",
			want: []fact{"TRADES_WITH|Brazil|China", "TRADES_WITH|Chile|China", "TRADES_WITH|Chile|United States"},
		},
		{
			name: "we in a leader's quotation, conditional quotation",
			text: "Published On: Mar 20, 2025\n\n“We have agreed to buy more American energy,” Indonesian President Prabowo Subianto told reporters. “If they impose new tariffs, we will respond,” Iranian Foreign Minister Abbas Araghchi said.",
			want: []fact{"PLEDGED|Indonesia|buy American energy"},
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "not yet and short of are not pledges",
			text: "Published On: Mar 4, 2025\n\nNorway has yet to agree to buy more Danish wind turbines. Finland stopped short of pledging to buy Swedish jets.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "unnamed counterpart is the country",
			text: "Published On: Mar 4, 2025\n\nChinese Foreign Minister Wang Lin held talks with his Russian counterpart in Moscow on Monday.",
			want: []fact{"SPOKE_WITH|Wang Lin|Russia"},
		},
		{
			name: "will pledge with trailing attribution, response with tariffs",
			text: "Published On: Mar 4, 2025\n\nJapan will invest 550 billion dollars in American factories under the deal, the White House said. Beijing responded with 15% tariffs on American coal.",
			want: []fact{"PLEDGED|Japan|invest 550 billion dollars", "SANCTIONED|China|United States"},
		},
		{
			name: "bare surname meeting a named person",
			text: "Published On: Mar 4, 2025\n\nModi met Fumio Kishida in Tokyo on Monday.",
			want: []fact{"SPOKE_WITH|Modi|Fumio Kishida"},
		},
		{
			name: "pledged sum and dated agreement",
			text: "Published On: Mar 4, 2025\n\nGermany pledged 5 billion euros in military aid to Ukraine. Chile and Peru agreed on Tuesday to reopen their border crossings.",
			want: []fact{"PLEDGED|Germany|provide 5 billion euros of military aid", "PLEDGED|Chile|reopen"},
		},
		{
			name: "welcomed and shook hands; welcomed a decision is not a meeting",
			text: "Published On: Mar 4, 2025\n\nFrench President Luc Moreau welcomed Kenyan President Samuel Kiptoo to the Elysee on Monday. Moreau and Italian Prime Minister Sara Conti shook hands in Rome. Conti welcomed the decision.",
			want: []fact{"SPOKE_WITH|Luc Moreau|Samuel Kiptoo", "SPOKE_WITH|Luc Moreau|Sara Conti"},
		},
		{
			name: "passive reception",
			text: "Published On: Mar 4, 2025\n\nHungarian Prime Minister Viktor Kovacs was received by Chinese President Li Wen in Beijing on Monday.",
			want: []fact{"SPOKE_WITH|Viktor Kovacs|Li Wen"},
		},
		{
			name: "listed targets and a person target",
			text: "Published On: Mar 4, 2025\n\nThe United States imposed sanctions on Iran, Syria and North Korea on Monday. Canada sanctioned Venezuelan President Nicolas Maduro.",
			want: []fact{"SANCTIONED|United States|Iran", "SANCTIONED|United States|Syria", "SANCTIONED|United States|North Korea", "SANCTIONED|Canada|Nicolas Maduro"},
		},
		{
			name: "officials of two countries held talks",
			text: "Published On: Mar 4, 2025\n\nSerbian and Kosovar officials held talks in Brussels on Monday.",
			want: []fact{"SPOKE_WITH|Serbia|Kosovo"},
		},
		{
			name: "he after conjoined subjects is the first",
			text: "Published On: Feb 24, 2025\n\nRussian Foreign Minister Sergei Lavrov and his Saudi counterpart Prince Faisal held talks in Riyadh on Monday. He later met Turkish Foreign Minister Hakan Fidan.",
			want: []fact{"SPOKE_WITH|Sergei Lavrov|Faisal", "SPOKE_WITH|Sergei Lavrov|Hakan Fidan"},
			not:  []fact{"SPOKE_WITH|Faisal|Hakan Fidan"},
		},
		{
			name: "called someone names is not a call",
			text: "Published On: Mar 4, 2025\n\nUS President Dan Holt called Canadian Prime Minister Rosa Vega a weak leader. Holt later called Mexican President Luis Ortega on Friday.",
			want: []fact{"SPOKE_WITH|Dan Holt|Luis Ortega"},
			not:  []fact{"SPOKE_WITH|Dan Holt|Rosa Vega"},
		},
		{
			name: "question is not a fact",
			text: "Published On: Mar 4, 2025\n\nDid Norway agree to buy more Swedish power?",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "agreed with a phrase before the infinitive",
			text: "Published On: Apr 2, 2025\n\nLatvia and Lithuania agreed during talks in Riga to jointly build a gas interconnector.",
			want: []fact{"PLEDGED|Latvia|interconnector", "PLEDGED|Lithuania|interconnector"},
		},
		{
			name: "agreed at the summit to ease is not a sanction",
			text: "Published On: Apr 2, 2025\n\nChile and Peru agreed at the Pacific summit to halve duties on copper cathodes, a Chilean official said.",
			want: []fact{"PLEDGED|Chile|halve duties"},
			not:  []fact{"SANCTIONED||"},
		},
		{
			name: "told reporters that a country would send",
			text: "Published On: Apr 2, 2025\n\nDanish Defence Minister Karen Holm told reporters in Aarhus that Denmark would send two frigates to the Baltic.",
			want: []fact{"PLEDGED|Denmark|frigates"},
		},
		{
			name: "warned that a country would is a threat",
			text: "Published On: Apr 2, 2025\n\nIndian Trade Minister Vikram Rao warned reporters that India would cut rice exports to Nepal if prices rose.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "denied reports that a country would",
			text: "Published On: Apr 2, 2025\n\nThe Finnish government denied reports that Finland would send air defence systems to Estonia. Sweden did not say that it would supply more ammunition.",
			not:  []fact{"PLEDGED||"},
		},
		{
			name: "export ban as a sanction, lifted and threatened bans not",
			text: "Published On: May 14, 2025\n\nIndia banned exports of wheat to Bangladesh on Tuesday. Pakistan lifted a ban on sugar imports from India. Egypt threatened to ban imports of Turkish glass.",
			want: []fact{"SANCTIONED|India|Bangladesh"},
			not:  []fact{"SANCTIONED|Pakistan|", "SANCTIONED|Egypt|"},
		},
		{
			name: "agreed to start negotiations",
			text: "Published On: May 14, 2025\n\nKenya and Tanzania agreed to start negotiations on a customs union.",
			want: []fact{"PLEDGED|Kenya|negotiations", "PLEDGED|Tanzania|negotiations"},
		},
		{
			name: "a condition in a contrasting clause does not govern",
			text: "Published On: May 14, 2025\n\nSpanish Prime Minister Pedro Navas said Spain would send 500 troops to Latvia, while Italian Defence Minister Guido Rossi said Rome could send more if asked. If talks fail, Norway would supply no gas, Norwegian Energy Minister Ola Berg said.",
			want: []fact{"PLEDGED|Spain|troops"},
			not:  []fact{"PLEDGED|Italy|", "PLEDGED|Norway|"},
		},
		{
			name: "the two leaders are the pair named last",
			text: "Published On: May 14, 2025\n\nEgyptian President Omar Fathy met Jordanian King Faisal Hamdan in Amman. South African President Sipho Dlamini and Namibian President Nangolo Amutenya attended the regional summit in Gaborone. The two leaders met at a hotel on Saturday.",
			want: []fact{"SPOKE_WITH|Omar Fathy|Faisal Hamdan", "SPOKE_WITH|Sipho Dlamini|Nangolo Amutenya"},
		},
		{
			name: "an agency sanctions as its country",
			text: "Published On: May 14, 2025\n\nThe Office of Foreign Assets Control sanctioned Hydra Logistics Holdings Co on Tuesday. Osprey Marine Ltd was sanctioned by the US Treasury Department on Wednesday.",
			want: []fact{"SANCTIONED|United States|Hydra Logistics Holdings Co", "SANCTIONED|United States|Osprey Marine Ltd"},
			not:  []fact{"SANCTIONED|Office of Foreign Assets Control|", "SANCTIONED|US Treasury Department|"},
		},
		{
			name: "a fronted consultation phrase",
			text: "Published On: May 14, 2025\n\nDuring a phone call with Kenyan President Amina Waweru on Monday, Ethiopian Prime Minister Dawit Tesfaye welcomed the deal. During talks with Sudan's envoy, the delegates of Chad's opposition walked out.",
			want: []fact{"SPOKE_WITH|Dawit Tesfaye|Amina Waweru"},
		},
		{
			name: "long company names with two legal suffixes",
			text: "Published On: May 14, 2025\n\nThe Commerce Department added Shenzhen Huaxing Microelectronics Technology Co., Ltd. and 30 other entities to the Entity List on Tuesday. Canada sanctioned Baltic Star Shipping Co. Ltd on Monday.",
			want: []fact{"SANCTIONED|United States|Shenzhen Huaxing Microelectronics Technology Co", "SANCTIONED|Canada|Baltic Star Shipping Co"},
		},
		{
			name: "agreed after a time and a place phrase",
			text: "Published On: May 14, 2025\n\nCanada and Mexico agreed on Friday at the trilateral summit to jointly modernise border inspection posts. Nepal and Bhutan pledged on Monday in Thimphu to build a hydropower line. Chile and Peru agreed in a joint statement to expand rail links.",
			want: []fact{"PLEDGED|Canada|modernise", "PLEDGED|Mexico|modernise", "PLEDGED|Nepal|hydropower", "PLEDGED|Bhutan|hydropower", "PLEDGED|Chile|rail", "PLEDGED|Peru|rail"},
		},
		{
			name: "halted imports as a ban, suspended tariffs not",
			text: "Published On: May 14, 2025\n\nChina halted imports of Lithuanian beef on Tuesday. The United States suspended tariffs on Mexican tomatoes. Tariffs were suspended by Canada on US steel. Chile did not halt exports of copper to China.",
			want: []fact{"SANCTIONED|China|Lithuania"},
			not:  []fact{"SANCTIONED|United States|", "SANCTIONED|Canada|", "SANCTIONED|Chile|"},
		},
		{
			name: "talks with a visiting minister",
			text: "Published On: Apr 2, 2025\n\nGhanaian President Kofi Boateng held talks with the visiting Nigerian Foreign Minister Amaka Obi in Accra on Monday.",
			want: []fact{"SPOKE_WITH|Kofi Boateng|Amaka Obi"},
		},
		{
			name: "in a video call with after another predicate",
			text: "Published On: Apr 2, 2025\n\nCanadian Prime Minister Louise Gagnon praised the ceasefire in a video call with Mexican President Pedro Salas on Friday.",
			want: []fact{"SPOKE_WITH|Louise Gagnon|Pedro Salas"},
		},
		{
			name: "designation of a company, not of a zone",
			text: "Published On: Apr 2, 2025\n\nThe United States designated Blue Harbor Logistics LLC on Tuesday. Panama designated Colon a free trade zone.",
			want: []fact{"SANCTIONED|United States|Blue Harbor Logistics LLC"},
			not:  []fact{"SANCTIONED|Panama|"},
		},
		{
			name: "the government of a demonym lists a company",
			text: "Published On: Apr 2, 2025\n\nThe Dutch government added Norwood Optics Holdings to its export control list on Monday.",
			want: []fact{"SANCTIONED|Netherlands|Norwood Optics Holdings"},
		},
		{
			name: "import quota and export duty with their target",
			text: "Published On: Apr 2, 2025\n\nNigeria imposed an import quota on Ghanaian cement on Monday. Ghana slapped a 12% export duty on cocoa shipped to Nigeria.",
			want: []fact{"SANCTIONED|Nigeria|Ghana", "SANCTIONED|Ghana|Nigeria"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es := edges(extractText(t, tc.text))
			for _, f := range tc.want {
				typ, from, to := f.parts()
				if !has(es, typ, from, to) {
					t.Errorf("missing %s; got %v", f, es)
				}
			}
			for _, f := range tc.not {
				typ, from, to := f.parts()
				if has(es, typ, from, to) {
					t.Errorf("unexpected %s; got %v", f, es)
				}
			}
		})
	}
}

// TestActors checks who becomes an actor, with which role and country.
func TestActors(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]string // actor name → "role|country"
		not  []string          // names that must not be actors
	}{
		{
			name: "title, demonym and possessive",
			text: "Published On: Mar 4, 2025\n\nChinese Foreign Minister Wang Lin met Russia's Foreign Minister Pavel Orlov in Beijing.",
			want: map[string]string{"Wang Lin": "Foreign Minister|China", "Pavel Orlov": "Foreign Minister|Russia"},
		},
		{
			name: "apposition and metonym owner",
			text: "Published On: Mar 4, 2025\n\nMaria Santos, the Philippine foreign secretary, said Manila would protest. Kremlin spokesman Ilya Morozov declined to comment.",
			want: map[string]string{"Maria Santos": "Foreign Secretary|Philippines", "Ilya Morozov": "Spokesman|Russia"},
		},
		{
			name: "photo credit and byline are not actors",
			text: "Leaders meet in Rome\n\nBy Petra Holm\n\nPublished On: Mar 4, 2025\n\nItalian Prime Minister Sara Conti met Greek Prime Minister Nikos Pappas in Rome on Monday.\n\nSara Conti and Nikos Pappas at the Quirinale. Photograph: Jonas Berg/Reuters\n\nConti said the talks were useful.",
			want: map[string]string{"Sara Conti": "Prime Minister|Italy"},
			not:  []string{"Petra Holm", "Jonas Berg", "Reuters"},
		},
		{
			name: "places and events are not people",
			text: "Published On: Mar 4, 2025\n\nThe summit in Abu Dhabi recalled the end of World War II. New Delhi said the Asia Cup would go ahead.",
			not:  []string{"Abu Dhabi", "World War II", "Asia Cup"},
		},
		{
			name: "Arabic particles",
			text: "Published On: Mar 4, 2025\n\nSaudi Foreign Minister Faisal bin Farhan met Jordanian King Abdullah al-Hashimi in Amman. Hashimi thanked the minister.",
			want: map[string]string{"Faisal bin Farhan": "Foreign Minister|Saudi Arabia", "Abdullah al-Hashimi": "King|Jordan"},
			not:  []string{"Hashimi"},
		},
		{
			name: "middle initials do not change the canonical name",
			text: "Published On: Mar 4, 2025\n\nPresident Donald Trump met Japanese Prime Minister Shigeru Ishiba. Donald J. Trump said the talks went well.",
			want: map[string]string{"Donald Trump": "President|<nil>"},
			not:  []string{"Donald J Trump", "Donald J. Trump", "Donald J"},
		},
		{
			name: "a title-case headline does not extend a name",
			text: "Moreau Meets Kiptoo In Paris\n\nPublished On: Mar 4, 2025\n\nFrench President Luc Moreau met Kenyan President Samuel Kiptoo on Monday. President Moreau said the talks were useful.",
			want: map[string]string{"Luc Moreau": "President|France"},
			not:  []string{"Moreau Meets Kiptoo", "Moreau Meets Kiptoo In Paris", "Kiptoo In Paris"},
		},
		{
			name: "title set off by commas",
			text: "Published On: Dec 15, 2023\n\nHungary's prime minister, Viktor Orbán, left the room. The German chancellor, Olaf Scholz, said the move was legal.",
			want: map[string]string{"Viktor Orbán": "Prime Minister|Hungary", "Olaf Scholz": "Chancellor|Germany"},
		},
		{
			name: "place names as given and family names",
			text: "Published On: Apr 2, 2025\n\nColombian Defence Minister Israel Ortega met Bolivian Foreign Minister Sofia Lima in La Paz on Monday. Ortega said the talks went well.",
			want: map[string]string{"Israel Ortega": "Defence Minister|Colombia", "Sofia Lima": "Foreign Minister|Bolivia"},
			not:  []string{"Israel", "Sofia"},
		},
		{
			name: "month words as given names after a title",
			text: "Published On: May 6, 2026\n\nCzech President Jan Dvorak met Taiwanese Premier May Lin in Prague in May. The talks ended on June 3.",
			want: map[string]string{"Jan Dvorak": "President|Czechia", "May Lin": "Premier|Taiwan"},
			not:  []string{"May", "June", "Dvorak", "Lin"},
		},
		{
			name: "a title word as family name",
			text: "Published On: Apr 2, 2025\n\nQatari Energy Minister Yusuf Sheikh spoke with reporters on Monday.",
			want: map[string]string{"Yusuf Sheikh": "Energy Minister|Qatar"},
		},
		{
			name: "later short form merges into the full name",
			text: "Published On: Mar 4, 2025\n\nPresident Lula spoke on Monday. Luiz Inacio Lula da Silva, the Brazilian president, then met Argentine President Javier Milei.",
			want: map[string]string{"Luiz Inacio Lula da Silva": "President|Brazil"},
			not:  []string{"Lula"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := extractText(t, tc.text)
			actors := map[string]graph.Props{}
			for _, n := range b.Nodes {
				if n.Label == graph.LabelActor {
					actors[n.Props[graph.PropName].(string)] = n.Props
				}
			}
			for name, want := range tc.want {
				p, ok := actors[name]
				if !ok {
					t.Errorf("no actor %q; actors: %v", name, keys(actors))
					continue
				}
				got := fmt.Sprintf("%v|%v", p[graph.PropRole], p[graph.PropCountry])
				if got != want {
					t.Errorf("actor %q: role|country = %q, want %q", name, got, want)
				}
			}
			for _, name := range tc.not {
				if _, ok := actors[name]; ok {
					t.Errorf("%q must not be an actor", name)
				}
			}
		})
	}
}

func keys(m map[string]graph.Props) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestProvenance checks the properties every fact carries.
func TestProvenance(t *testing.T) {
	text := "Published On: Feb 5, 2026\n\nUS President Donald Trump said on Wednesday that China has agreed to buy 25 million tonnes of soybeans. Chinese President Xi Jinping and Trump held a phone call on Wednesday, discussing Taiwan and Iran."
	es := edges(extractText(t, text))
	for _, e := range es {
		p := e.props
		for _, k := range []string{graph.PropSources, graph.PropEvidence, graph.PropDate} {
			if _, ok := p[k]; !ok {
				t.Errorf("%s: no %s", e, k)
			}
		}
		switch e.typ {
		case graph.Pledged:
			if got := p[graph.PropClaimedBy]; !slices.Equal(got.([]string), []string{"Donald Trump"}) {
				t.Errorf("%s: claimedBy = %v, want [Donald Trump]", e, got)
			}
		case graph.SpokeWith:
			if p[graph.PropDate] != "2026-02-04" || p[graph.PropMedium] != "phone" {
				t.Errorf("%s: date %v medium %v, want 2026-02-04 phone", e, p[graph.PropDate], p[graph.PropMedium])
			}
			topics, _ := p[graph.PropTopics].([]string)
			if !slices.Contains(topics, "Taiwan") || !slices.Contains(topics, "Iran") {
				t.Errorf("%s: topics = %v, want Taiwan and Iran", e, topics)
			}
			ev := p[graph.PropEvidence].([]string)
			if len(ev) != 1 || !strings.HasPrefix(ev[0], "Chinese President Xi Jinping and Trump held") {
				t.Errorf("%s: evidence = %q", e, ev)
			}
		}
	}
	if !has(es, graph.Pledged, "China", "soybeans") || !has(es, graph.SpokeWith, "Donald Trump", "Xi Jinping") {
		t.Fatalf("facts missing: %v", es)
	}
}

// TestBatchIsClosed checks, over the seeds and rule passages, that every
// relationship's endpoints are nodes of the batch, that every relationship
// keeps to its type's spec (labels at its ends, id, order of a pair), and
// that the batch is what graph.Builder would make of it (merged and sorted).
func TestBatchIsClosed(t *testing.T) {
	paths, _ := filepath.Glob("../seeds/*.txt")
	more, _ := filepath.Glob("testdata/gold/rules/*.txt")
	x := extract.New(extract.Options{})
	for _, p := range append(paths, more...) {
		b := extract.ExtractFile(t, x, p)
		checkClosed(t, p, b)
		if err := b.CheckSpecs(); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		var bd graph.Builder
		bd.AddBatch(b)
		if got, want := dump(b), dump(bd.Batch()); got != want {
			t.Errorf("%s: batch differs once rebuilt by graph.Builder:\n%s", p, testutil.LineDiff(want, got))
		}
	}
}

func checkClosed(t testing.TB, name string, b *graph.Batch) {
	t.Helper()
	ids := map[string]bool{}
	for _, n := range b.Nodes {
		if ids[n.ID] {
			t.Errorf("%s: node %s twice", name, n.ID)
		}
		ids[n.ID] = true
	}
	for _, r := range b.Relationships {
		if !ids[r.Start] || !ids[r.End] {
			t.Errorf("%s: %s %s → %s has an endpoint outside the batch", name, r.Type, r.Start, r.End)
		}
	}
}

// TestAgreementText checks that an agreement keeps what it is about (the
// complements of its noun, not the verb's time or venue) and that a "with"
// complement names a party.
func TestAgreementText(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    string   // the agreement's text; "" for none
		parties []string // who PLEDGED it
	}{
		{
			name:    "infinitive complement",
			text:    "Published On: Apr 13, 1987\n\nPrime Minister Lin Bao of China and Prime Minister Rui Matos of Portugal signed an agreement to return the territory of Macao to Chinese control in 1999.",
			want:    "an agreement to return the territory of Macao to Chinese control",
			parties: []string{"Lin Bao", "Rui Matos"},
		},
		{
			name:    "with a third party and a participle",
			text:    "Published On: Dec 14, 2004\n\nPeru and Chile have signed a trade protocol with Brazil, allowing Peruvian goods free access to Brazilian markets.",
			want:    "a trade protocol with Brazil, allowing Peruvian goods free access to Brazilian markets",
			parties: []string{"Peru", "Chile", "Brazil"},
		},
		{
			name: "attribution is not content",
			text: "Published On: Jan 26, 2005\n\nIndia signed a $12bn deal to import gas from Qatar, officials said.",
			want: "a $12bn deal to import gas from Qatar",
		},
		{
			name: "venue and time belong to the verb",
			text: "Published On: Oct 30, 2025\n\nKenya and Uganda reached a trade truce at a summit in Arusha on Thursday.",
			want: "",
		},
		{
			name: "list of countries inside the content",
			text: "Published On: May 7, 2023\n\nJapan and South Korea signed a declaration on cooperation among Japan, South Korea and the United States to counter missile threats.",
			want: "a declaration on cooperation among Japan, South Korea and the United States to counter missile threats",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := extractText(t, tt.text)
			var got []string
			for _, n := range b.Nodes {
				if n.Label == graph.LabelAgreement {
					s, _ := n.Props[graph.PropText].(string)
					got = append(got, s)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("agreement texts = %q, want [%q]", got, tt.want)
			}
			es := edges(b)
			for _, p := range tt.parties {
				if !has(es, graph.Pledged, p, "") {
					t.Errorf("no PLEDGED from %s; got %v", p, es)
				}
			}
		})
	}
}

// TestRuleTable checks that `kg extract --rules` (WriteRules) lists every
// relation rule with its triggers; TestCheckRules checks the table itself
// (names, fact types, descriptions, Else rules, triggers).
func TestRuleTable(t *testing.T) {
	rules := extract.Rules()
	if len(rules) == 0 {
		t.Fatal("no relation rules")
	}
	var b strings.Builder
	if err := extract.WriteRules(&b); err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if !strings.Contains(b.String(), r.Name) || !strings.Contains(b.String(), r.Triggers) {
			t.Errorf("WriteRules omits %q", r.Name)
		}
	}
}
