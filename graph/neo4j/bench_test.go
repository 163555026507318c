package neo4j

import (
	"fmt"
	"testing"

	"github.com/kgnews/kg/graph"
)

// syntheticBatch builds a graph in the shape of kg's model for articles
// articles: per article one Article, three MENTIONS, one SPOKE_WITH, one
// PLEDGED of a Commitment, one PART_OF, and every third a SANCTIONED;
// actors (articles/5 of them), 200 countries and articles/50 agreements
// are shared, so facts repeat across articles and merge their sources.
func syntheticBatch(articles int) *graph.Batch {
	var bd graph.Builder
	nActors, nCountries, nAgreements := max(articles/5, 2), 200, max(articles/50, 1)
	countryID := func(i int) string { return fmt.Sprintf("C%03d", i%nCountries) }
	for i := range nCountries {
		bd.AddNode(graph.Node{ID: countryID(i), Label: graph.LabelCountry,
			Props: graph.Props{graph.PropName: fmt.Sprintf("Country %d", i), graph.PropAliases: []string{fmt.Sprintf("Capital %d", i)}}})
	}
	for i := range nActors {
		bd.AddNode(graph.Node{ID: graph.ActorID(fmt.Sprintf("actor %d", i)), Label: graph.LabelActor, Props: graph.Props{
			graph.PropName: fmt.Sprintf("Actor %d", i), graph.PropKind: "person", graph.PropRole: "Minister",
			graph.PropCountry: fmt.Sprintf("Country %d", i%nCountries), graph.PropAliases: []string{fmt.Sprintf("A%d", i)}}})
	}
	for i := range nAgreements {
		bd.AddNode(graph.Node{ID: graph.AgreementID(fmt.Sprintf("deal %d", i)), Label: graph.LabelAgreement,
			Props: graph.Props{graph.PropName: fmt.Sprintf("deal %d", i), graph.PropKind: "deal"}})
	}
	for a := range articles {
		art := fmt.Sprintf("article-%016x", a)
		date := fmt.Sprintf("2026-%02d-%02d", 1+a%12, 1+a%28)
		bd.AddNode(graph.Node{ID: art, Label: graph.LabelArticle, Props: graph.Props{
			graph.PropTitle: fmt.Sprintf("Article %d", a), graph.PropPublishedAt: date, graph.PropOutlet: "Wire"}})
		x := graph.ActorID(fmt.Sprintf("actor %d", a%nActors))
		y := graph.ActorID(fmt.Sprintf("actor %d", (a*7+1)%nActors))
		c := countryID(a)
		deal := graph.AgreementID(fmt.Sprintf("deal %d", a%nAgreements))
		com := graph.CommitmentID(c, "buy", fmt.Sprintf("good %d", a%1000), "")
		bd.AddNode(graph.Node{ID: com, Label: graph.LabelCommitment, Props: graph.Props{
			graph.PropName: fmt.Sprintf("buy good %d", a%1000), graph.PropAction: "buy", graph.PropQuantity: int64(a % 100)}})
		prov := func() graph.Props {
			return graph.Props{graph.PropSources: []string{art}, graph.PropDate: date,
				graph.PropEvidence: []string{fmt.Sprintf("Sentence %d of article %d.", a%3, a)}}
		}
		for _, e := range []string{x, y, c} {
			bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.Mentions, art, e), Type: graph.Mentions,
				Start: art, End: e, Props: graph.Props{}})
		}
		bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.SpokeWith, x, y, date), Type: graph.SpokeWith,
			Start: x, End: y, Props: prov()})
		bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.Pledged, c, com), Type: graph.Pledged,
			Start: c, End: com, Props: prov()})
		bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.PartOf, com, deal), Type: graph.PartOf,
			Start: com, End: deal, Props: graph.Props{}})
		if a%3 == 0 {
			bd.AddRelationship(graph.Relationship{ID: graph.RelID(graph.Sanctioned, c, countryID(a+1), "tariff"),
				Type: graph.Sanctioned, Start: c, End: countryID(a + 1), Props: prov()})
		}
	}
	return bd.Batch()
}

// buildLoadRows does the client side of a Load without a server: plan the
// batch, chunk it, and build the parameter rows of every chunk as for an
// empty database (all created) or, with stored, as for a database holding
// stored (merges).
func buildLoadRows(b *graph.Batch, size int, stored func(id string) (graph.Props, bool)) (int, error) {
	p, err := planBatch(b)
	if err != nil {
		return 0, err
	}
	have := func(ids []string) map[string]graph.Props {
		out := make(map[string]graph.Props)
		for _, id := range ids {
			if props, ok := stored(id); ok {
				out[id] = props
			}
		}
		return out
	}
	n := 0
	eachChunk(p.nodes, graph.Labels, size, func(_ string, chunk []graph.Node) error {
		rows, _ := mergeNodeRows(chunk, have(nodeIDs(chunk)))
		n += len(rows)
		return nil
	})
	eachChunk(p.rels, graph.RelTypes, size, func(_ string, chunk []graph.Relationship) error {
		rows, _ := mergeRelRows(chunk, have(relIDs(chunk)))
		n += len(rows)
		return nil
	})
	return n, nil
}

// BenchmarkLoadRows builds the load batches (parameter rows) of a
// 100,000-article synthetic graph, as Load does before sending them, and
// reports rows/s and allocations. "empty" loads into an empty database;
// "merge" re-loads every fact with a new source into a database that holds
// the graph, so every row goes through graph.MergeProps.
func BenchmarkLoadRows(b *testing.B) {
	const articles = 100_000
	batch := syntheticBatch(articles)
	total := batch.Len()
	storedProps := make(map[string]graph.Props, total)
	for _, n := range batch.Nodes {
		storedProps[n.ID] = n.Props
	}
	for _, r := range batch.Relationships {
		storedProps[r.ID] = r.Props
	}
	again := &graph.Batch{Nodes: batch.Nodes, Relationships: make([]graph.Relationship, len(batch.Relationships))}
	for i, r := range batch.Relationships {
		r.Props = graph.Props{graph.PropSources: []string{"article-new"}}
		again.Relationships[i] = r
	}
	for _, bc := range []struct {
		name   string
		batch  *graph.Batch
		stored func(string) (graph.Props, bool)
	}{
		{"empty", batch, func(string) (graph.Props, bool) { return nil, false }},
		{"merge", again, func(id string) (graph.Props, bool) { p, ok := storedProps[id]; return p, ok }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				n, err := buildLoadRows(bc.batch, DefaultBatchSize, bc.stored)
				if err != nil {
					b.Fatal(err)
				}
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(total), "rows/op")
		})
	}
}

// TestSyntheticBatch checks the benchmark's graph and that row building
// creates every row once on an empty database.
func TestSyntheticBatch(t *testing.T) {
	batch := syntheticBatch(1000)
	if _, err := planBatch(batch); err != nil {
		t.Fatal(err)
	}
	n, err := buildLoadRows(batch, 7, func(string) (graph.Props, bool) { return nil, false })
	if err != nil {
		t.Fatal(err)
	}
	if n != batch.Len() {
		t.Fatalf("built %d rows for %d nodes and relationships", n, batch.Len())
	}
	n, err = buildLoadRows(batch, 7, func(string) (graph.Props, bool) { return graph.Props{}, true })
	if err != nil || n == 0 {
		t.Fatalf("merging into empty stored props built %d rows, %v", n, err)
	}
}
