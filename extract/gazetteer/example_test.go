package gazetteer_test

import (
	"fmt"

	"github.com/kgnews/kg/extract/gazetteer"
)

func ExampleGazetteer_FindAll() {
	g := gazetteer.Default()
	text := "The Kremlin said Chinese President Xi Jinping spoke with the US president, not with New Mexico."
	for _, m := range g.FindAll(text) {
		fmt.Printf("%d:%d %q %s %s (%s)\n", m.Start, m.End, m.Text, m.Country.ID, m.Country.Name, m.Kind)
	}
	// Output:
	// 0:11 "The Kremlin" RUS Russia (metonym)
	// 17:24 "Chinese" CHN China (demonym)
	// 57:63 "the US" USA United States (alias)
}

func ExampleGazetteer_Match() {
	g := gazetteer.Default()
	c, n, kind, ok := g.Match("Beijing’s statement did not mention the visit")
	fmt.Println(c.Name, n, kind, ok)
	// Output: China 7 capital true
}

func ExampleGazetteer_Lookup() {
	g := gazetteer.Default()
	c, ok := g.Lookup("the elysee")
	fmt.Println(c.ID, c.Name, ok)
	// Output: FRA France true
}

func ExampleGazetteer_FindOrgs() {
	g := gazetteer.Default()
	for _, m := range g.FindOrgs("Xinhua said the UN Security Council would meet, AFP reported.") {
		fmt.Printf("%q %s (%s, %q)\n", m.Text, m.Org.Name, m.Org.Kind, m.Org.Country)
	}
	// Output:
	// "Xinhua" Xinhua (news agency, "China")
	// "the UN Security Council" UN Security Council (igo body, "")
	// "AFP" Agence France-Presse (news agency, "France")
}
