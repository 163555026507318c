package storetest

import "github.com/kgnews/kg/graph"

// Ids of the fixture graph.
const (
	China    = "CHN"
	USA      = "USA"
	Iran     = "IRN"
	Xi       = "actor-xi-jinping"
	Trump    = "actor-donald-trump"
	Wang     = "actor-wang-yi"
	Araghchi = "actor-abbas-araghchi"
	Art1     = "article-0000000000000001"
	Art2     = "article-0000000000000002"
)

// Fixture ids derived by the model's id functions.
var (
	Truce    = graph.AgreementID("trade truce")
	Soybeans = graph.CommitmentID("China", "buy", "US soybeans", "25 million tonnes")

	SpokeTrumpXi   = graph.RelID(graph.SpokeWith, Trump, Xi, "2026-02-04")
	SpokeWangAragh = graph.RelID(graph.SpokeWith, Wang, Araghchi, "2026-01-10")
	PledgedSoy     = graph.RelID(graph.Pledged, China, Soybeans)
	PledgedTruce   = graph.RelID(graph.Pledged, Xi, Truce)
	SanctionedIran = graph.RelID(graph.Sanctioned, USA, Iran, "tariff")
)

func node(id, label string, props graph.Props) graph.Node {
	return graph.Node{ID: id, Label: label, Props: props}
}

func rel(typ, start, end string, props graph.Props, key ...string) graph.Relationship {
	return graph.Relationship{ID: graph.RelID(typ, start, end, key...), Type: typ, Start: start, End: end, Props: props}
}

// Fixture returns a small graph in the shape of kg's model: three
// countries, four actors, an agreement, a commitment, two articles, and
// facts with provenance, every relationship type of the model but
// TRADES_WITH-like extensions. Each call returns a fresh copy.
func Fixture() *graph.Batch {
	return &graph.Batch{
		Nodes: []graph.Node{
			node(China, graph.LabelCountry, graph.Props{graph.PropName: "China", graph.PropAliases: []string{"PRC", "Beijing"}}),
			node(USA, graph.LabelCountry, graph.Props{graph.PropName: "United States", graph.PropAliases: []string{"US", "Washington"}}),
			node(Iran, graph.LabelCountry, graph.Props{graph.PropName: "Iran", graph.PropAliases: []string{"Tehran"}}),
			node(Xi, graph.LabelActor, graph.Props{graph.PropName: "Xi Jinping", graph.PropAliases: []string{"Xi"},
				graph.PropKind: "person", graph.PropRole: "President", graph.PropCountry: "China"}),
			node(Trump, graph.LabelActor, graph.Props{graph.PropName: "Donald Trump", graph.PropAliases: []string{"Trump"},
				graph.PropKind: "person", graph.PropRole: "President", graph.PropCountry: "United States"}),
			node(Wang, graph.LabelActor, graph.Props{graph.PropName: "Wang Yi", graph.PropKind: "person",
				graph.PropRole: "Foreign Minister", graph.PropCountry: "China"}),
			node(Araghchi, graph.LabelActor, graph.Props{graph.PropName: "Abbas Araghchi", graph.PropKind: "person",
				graph.PropRole: "Foreign Minister", graph.PropCountry: "Iran"}),
			node(Truce, graph.LabelAgreement, graph.Props{graph.PropName: "trade truce", graph.PropKind: "truce",
				graph.PropStatus: "agreed"}),
			node(Soybeans, graph.LabelCommitment, graph.Props{graph.PropName: "buy 25 million tonnes of US soybeans",
				graph.PropAction: "buy", graph.PropObject: "US soybeans", graph.PropQuantity: int64(25),
				graph.PropUnit: "million tonnes", graph.PropText: "China will buy 25 million tonnes of US soybeans"}),
			node(Art1, graph.LabelArticle, graph.Props{graph.PropTitle: "Trump and Xi talk trade",
				graph.PropPublishedAt: "2026-02-05", graph.PropOutlet: "Example News", graph.PropPath: "seeds/a1.txt"}),
			node(Art2, graph.LabelArticle, graph.Props{graph.PropTitle: "New tariffs on Iran",
				graph.PropPublishedAt: "2026-01-12", graph.PropOutlet: "Example Wire", graph.PropPath: "seeds/a2.txt"}),
		},
		Relationships: []graph.Relationship{
			rel(graph.SpokeWith, Trump, Xi, graph.Props{graph.PropSources: []string{Art1}, graph.PropDate: "2026-02-04",
				graph.PropMedium: "call", graph.PropEvidence: []string{"Trump spoke with Xi by phone."}}, "2026-02-04"),
			rel(graph.SpokeWith, Wang, Araghchi, graph.Props{graph.PropSources: []string{Art2}, graph.PropDate: "2026-01-10",
				graph.PropEvidence: []string{"Wang Yi met Abbas Araghchi in Beijing."}}, "2026-01-10"),
			rel(graph.Pledged, China, Soybeans, graph.Props{graph.PropSources: []string{Art1},
				graph.PropEvidence:  []string{"China will buy 25 million tonnes of US soybeans."},
				graph.PropClaimedBy: []string{"Donald Trump"}, graph.PropDate: "2026-02-04"}),
			rel(graph.Pledged, Xi, Truce, graph.Props{graph.PropSources: []string{Art1},
				graph.PropEvidence: []string{"Xi agreed to extend the trade truce."}, graph.PropDate: "2026-02-04"}),
			rel(graph.Sanctioned, USA, Iran, graph.Props{graph.PropSources: []string{Art2}, graph.PropMeasure: "tariff",
				graph.PropRate: 0.25, graph.PropDate: "2026-01-11",
				graph.PropEvidence: []string{"Washington imposed a 25% tariff on goods from Iran."}}, "tariff"),
			rel(graph.Represents, Xi, China, graph.Props{graph.PropRole: "President"}),
			rel(graph.Represents, Trump, USA, graph.Props{graph.PropRole: "President"}),
			rel(graph.Represents, Wang, China, graph.Props{graph.PropRole: "Foreign Minister"}),
			rel(graph.Represents, Araghchi, Iran, graph.Props{graph.PropRole: "Foreign Minister"}),
			rel(graph.PartyTo, USA, Truce, graph.Props{}),
			rel(graph.PartOf, Soybeans, Truce, graph.Props{}),
			rel(graph.Mentions, Art1, Xi, graph.Props{}),
			rel(graph.Mentions, Art1, Trump, graph.Props{}),
			rel(graph.Mentions, Art1, China, graph.Props{}),
			rel(graph.Mentions, Art2, Iran, graph.Props{}),
			rel(graph.Mentions, Art2, USA, graph.Props{}),
			rel(graph.Mentions, Art2, Wang, graph.Props{}),
		},
	}
}
