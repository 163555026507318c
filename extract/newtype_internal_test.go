package extract

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract/document/documenttest"
	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/bolt/bolttest"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
	"github.com/kgnews/kg/graph/neo4j"
	"github.com/kgnews/kg/graph/neo4j/neo4jtest"
	"github.com/kgnews/kg/graph/storetest"
)

// The recipe "add a relationship type" is one spec (graph.RelSpecs) plus
// its rules (relationRules). TestNewFactType follows it for a fifth fact
// type, ACCUSED, with nothing else: the spec goes in with
// graph.WithRelSpecs and the rule with withRules, both undone when the test
// ends. It is a plumbing test, not a quality claim: the passages in
// testdata/newtype are written for it.
const accused = "ACCUSED"

// accusedSpec is the spec the recipe would add to graph's table.
var accusedSpec = graph.RelSpec{
	Type: accused, From: []string{graph.LabelActor, graph.LabelCountry}, To: []string{graph.LabelActor, graph.LabelCountry},
	Fact:    true,
	Details: []string{"charge"},
	Gold:    graph.GoldMatch{Keywords: graph.KeywordsOnDetails},
}

// accusedRule is the rule the recipe would add to relationRules, written
// as the entries there are.
var accusedRule = &relationRule{
	Name: "accusation", Fact: accused,
	Triggers:  "accused, accuses, blamed",
	Arguments: "the subject; the party right after the verb; the charge after 'of' or 'for'",
	Blocks:    modalBlocks,
	words:     []string{"accused", "accuses", "blamed"},
	run:       func(a *analysis) func(*sent, int) { return a.ruleAccusation },
}

// ruleAccusation reads "X accused Y of C", "X blamed Y for C" with the
// helpers the rules share.
func (a *analysis) ruleAccusation(s *sent, k int) {
	from, start := a.subjectBefore(s, k, false)
	if len(from) == 0 {
		a.drop("no subject")
		return
	}
	if a.modality(s, start, k) != "" {
		return
	}
	to, end := a.partiesAfter(s, k, 3, directPreps)
	if len(to) == 0 {
		a.drop("no party accused")
		return
	}
	charge := ""
	if w := a.word(s, end); w == "of" || w == "for" {
		q := end + 1
		for q < len(s.toks) && !a.isBreak(s, q) && s.toks[q].kind != tPunct {
			q++
		}
		if q > end+1 {
			charge = a.text[s.toks[end+1].start:s.toks[q-1].end]
		}
	}
	date, claims := a.dateNear(s, k), a.claimants(s, k)
	for _, f := range from {
		for _, t := range to {
			a.addFact(&fact{typ: accused, from: f, to: t, date: date, claimedBy: claims, evidence: a.sentText(s),
				details: graph.Props{"charge": charge}})
		}
	}
}

func TestNewFactType(t *testing.T) {
	t.Cleanup(func() {
		// registered last, run last: nothing of the fixture is left
		if _, ok := graph.SpecOf(accused); ok || slices.Contains(graph.FactTypes, accused) {
			t.Errorf("%s is still in the model after the test", accused)
		}
		if ruleByName[accusedRule.Name] != nil || lexClasses["accused"]&clsRuleWord != 0 {
			t.Errorf("rule %s is still in the rule table after the test", accusedRule.Name)
		}
	})
	t.Cleanup(graph.WithRelSpecs(accusedSpec))
	withRules(t, accusedRule)
	ctx := context.Background()

	dir := filepath.Join("testdata", "newtype")
	batches := extractDir(t, dir)

	// extraction: the facts, with their provenance and detail
	want := []string{
		"(Andres Villanueva)-[:ACCUSED {charge: harassing Filipino fishermen near Scarborough Shoal in a speech on Monday, date: 2024-06-03, rules: [accusation]}]->(China)",
		"(Canada)-[:ACCUSED {charge: cyberattacks on the email accounts of members of parliament on Tuesday, claimedBy: [Louise Tremblay], date: 2024-03-12, rules: [accusation]}]->(China)",
		"(Vietnam)-[:ACCUSED {charge: the sinking of a fishing boat near the Paracel Islands on 28 May, claimedBy: [Vietnam Foreign Ministry], date: 2024-05-28, rules: [accusation]}]->(China)",
	}
	var got []string
	for _, b := range batches {
		for _, r := range b.Relationships {
			if r.Type != accused {
				continue
			}
			got = append(got, describeRel(b, r))
			src, _ := r.Props[graph.PropSources].([]string)
			ev, _ := r.Props[graph.PropEvidence].([]string)
			if len(src) != 1 || src[0] != articleOf(b) || len(ev) != 1 || !strings.Contains(ev[0], " accused ") && !strings.Contains(ev[0], " blamed ") {
				t.Errorf("%s: sources %v, evidence %q: not the article and its sentence", r.ID, src, ev)
			}
			if cites, _ := r.Props[graph.PropCitations].([]string); len(src) == 1 && (len(cites) != 1 || !strings.Contains(cites[0], `"article":"`+src[0]+`"`)) {
				t.Errorf("%s: citations %q, want one citing its article", r.ID, cites)
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("extracted ACCUSED facts:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// the embedded store, queried with Cypher, and its export
	emb := embeddedtest.Open(t)
	exported := loadAndExport(t, emb, batches)
	res, err := emb.Query(ctx, `MATCH (a)-[r:ACCUSED]->(b:Country {name: $to}) WHERE r.date >= '2024-05-01'
		RETURN a.name, r.charge ORDER BY a.name`, map[string]any{"to": "China"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(res.Rows), "[[Andres Villanueva harassing Filipino fishermen near Scarborough Shoal in a speech on Monday] "+
		"[Vietnam the sinking of a fishing boat near the Paracel Islands on 28 May]]"; got != want {
		t.Errorf("Cypher on the embedded store: %s, want %s", got, want)
	}
	if n := strings.Count(string(exported), `"type":"ACCUSED"`); n != len(want) {
		t.Errorf("the JSON export has %d ACCUSED relationships, want %d", n, len(want))
	}

	// the Neo4j store, loading through kg serve's Bolt server with the
	// statements it renders for the model: the same graph
	if got := loadAndExport(t, openServed(t), batches); !bytes.Equal(got, exported) {
		t.Errorf("the Neo4j store's export differs from the embedded store's:\n%s\nwant\n%s", got, exported)
	}

	// kg eval on the export, as the independent scorer reads it
	gold, err := eval.LoadGold(filepath.Join(dir, "newtype.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := eval.ReadExport(bytes.NewReader(exported))
	if err != nil {
		t.Fatal(err)
	}
	r := eval.Score(gold, snap)
	m := r.PerType[accused]
	if m.TP != len(want) || m.Precision != 1 || m.Recall != 1 || r.Overall.TP != m.TP || r.Overall.F1 != 1 ||
		len(r.DetailErrors) > 0 || r.EntityRecall != 1 || r.AffiliationAccuracy != 1 {
		t.Errorf("kg eval: ACCUSED %+v, overall %+v, detail errors %v, entity recall %.2f %v, affiliations %.2f %v",
			m, r.Overall, r.DetailErrors, r.EntityRecall, r.MissingEntities, r.AffiliationAccuracy, r.AffiliationMisses)
	}

	// the Neo4j statements and the Cypher lint's schema, rendered for the model
	files, err := neo4j.StatementFiles()
	if err != nil {
		t.Fatal(err)
	}
	for file, name := range map[string]string{
		"schema.cypher": "// name: schema/constraint/ACCUSED.id", "relationships.cypher": "// name: rel-update/ACCUSED",
	} {
		if !bytes.Contains(files[file], []byte(name)) {
			t.Errorf("the rendered %s has no %q", file, name)
		}
	}
	lint := neo4j.NewLintSchema(nil)
	if !slices.Contains(lint.RelationshipTypes, accused) || !slices.Contains(lint.PropertyKeys, "charge") {
		t.Errorf("the lint schema lacks ACCUSED or its detail: types %v, keys %v", lint.RelationshipTypes, lint.PropertyKeys)
	}
}

// loadAndExport loads the batches into s one by one, as kg ingest does,
// and returns the JSON export of its snapshot.
func loadAndExport(t *testing.T, s graph.Store, batches []*graph.Batch) []byte {
	t.Helper()
	ctx := context.Background()
	for _, b := range batches {
		if _, err := s.Load(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	return storetest.ExportJSON(t, s)
}

// openServed serves a fresh embedded store over Bolt (graph/bolt, as kg
// serve does) and returns the Neo4j store connected to it through the Go
// driver; both close when the test ends.
func openServed(t *testing.T) *neo4j.Store {
	t.Helper()
	uri := bolttest.Serve(t, bolt.Config{Store: embeddedtest.Open(t), NoAuth: true})
	return neo4jtest.Open(t, neo4j.Config{URI: uri, BatchSize: 2})
}

// articleOf returns the id of the batch's Article node.
func articleOf(b *graph.Batch) string {
	for _, n := range b.Nodes {
		if n.Label == graph.LabelArticle {
			return n.ID
		}
	}
	return ""
}

// describeRel renders r as "(from)-[:TYPE {props}]->(to)" with the ends'
// names, provenance but the sources and evidence left out.
func describeRel(b *graph.Batch, r graph.Relationship) string {
	names := map[string]string{}
	for _, n := range b.Nodes {
		names[n.ID], _ = n.Props[graph.PropName].(string)
	}
	var ps []string
	for _, k := range slices.Sorted(maps.Keys(r.Props)) {
		if k != graph.PropSources && k != graph.PropEvidence && k != graph.PropCitations {
			ps = append(ps, fmt.Sprintf("%s: %v", k, r.Props[k]))
		}
	}
	return fmt.Sprintf("(%s)-[:%s {%s}]->(%s)", names[r.Start], r.Type, strings.Join(ps, ", "), names[r.End])
}

// extractDir extracts every *.txt of dir, in name order, and returns the
// batches, each checked against the specs.
func extractDir(t *testing.T, dir string) []*graph.Batch {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no passages in %s (%v)", dir, err)
	}
	x := New(Options{})
	var out []*graph.Batch
	for _, p := range paths {
		b := ExtractFile(t, x, p)
		if err := b.CheckSpecs(); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		out = append(out, b)
	}
	return out
}

// ExtractFile reads the article at path and extracts it with x, failing tb
// on any error. It is exported to the package's external tests.
func ExtractFile(tb testing.TB, x *Extractor, path string) *graph.Batch {
	tb.Helper()
	b, err := x.Extract(documenttest.Read(tb, path))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
