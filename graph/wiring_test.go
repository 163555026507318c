package graph_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/eval"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/queries"
)

var repoRoot = ".."

// TestRelSpecsWired is the check of the recipe "add a relationship type":
// one spec entry (graph.RelSpecs) plus its extraction rules. Everything
// else derives from the spec or is checked here against it, and this test
// fails, naming what is missing, when a type lacks
//
//   - an extraction rule (extract.Rules) yielding it, for a fact type, or a
//     rule yields a type that is no fact type (extract's TestBatchIsClosed
//     checks that what the rules yield keeps to the specs: Batch.CheckSpecs);
//   - a gold relation kind in kg eval (eval.ReadGold accepts a relation of
//     the type) and a required relation of it in a shipped gold set, so
//     that its rules are scored;
//   - a style in the Neo4j Browser style (browser/kg.grass);
//   - its place in every type list of the saved query pack and of the
//     command line's statements (cmd/kg/cypher): each list of
//     relationship types a query names must be one of the groups below,
//     which the specs define, so that a new fact type must be added to
//     every list of fact types, a new link to every path query, and so on.
//
// The Neo4j statements and the Cypher lint's schema are generated from the
// specs (graph/neo4j's TestStatementFiles and TestLintSchema).
func TestRelSpecsWired(t *testing.T) {
	specs := graph.RelSpecs()

	t.Run("rules", func(t *testing.T) {
		yields := map[string][]string{}
		for _, r := range extract.Rules() {
			if !graph.IsFactType(r.Fact) {
				t.Errorf("extraction rule %s yields %q, which is no fact type of graph.RelSpecs", r.Name, r.Fact)
			}
			yields[r.Fact] = append(yields[r.Fact], r.Name)
		}
		for _, s := range specs {
			if s.Fact && len(yields[s.Type]) == 0 {
				t.Errorf("fact type %s: no extraction rule yields it (add one to extract's rule table)", s.Type)
			}
		}
	})

	t.Run("gold", func(t *testing.T) {
		annotated := map[string]int{}
		files, err := filepath.Glob(filepath.Join(repoRoot, "extract", "testdata", "gold", "*.gold.json"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no shipped gold sets (%v)", err)
		}
		for _, f := range files {
			g, err := eval.LoadGold(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range g.Relations {
				if r.IsRequired() {
					annotated[r.Type]++
				}
			}
		}
		for _, s := range specs {
			if !s.Fact {
				continue
			}
			if _, err := eval.ReadGold(strings.NewReader(minimalGold(s))); err != nil {
				t.Errorf("fact type %s: kg eval rejects a gold relation of it: %v", s.Type, err)
			}
			if annotated[s.Type] == 0 {
				t.Errorf("fact type %s: no required relation of it in %s", s.Type, strings.Join(files, ", "))
			}
		}
	})

	t.Run("style", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(repoRoot, "browser", "kg.grass"))
		if err != nil {
			t.Fatal(err)
		}
		rules := map[string]string{}
		for _, m := range regexp.MustCompile(`(?s)((?:node|relationship)\.[A-Za-z_]+)\s*\{(.*?)\}`).FindAllStringSubmatch(string(data), -1) {
			rules[m[1]] = m[2]
		}
		want := map[string][]string{}
		for _, l := range graph.Labels {
			want["node."+l] = []string{"color:", "caption:", "diameter:"}
		}
		for _, s := range specs {
			want["relationship."+s.Type] = []string{"color:", "caption:"}
		}
		for sel, props := range want {
			body, ok := rules[sel]
			if !ok {
				t.Errorf("browser/kg.grass has no rule for %s", sel)
				continue
			}
			for _, p := range props {
				if !strings.Contains(body, p) {
					t.Errorf("browser/kg.grass %s lacks %s", sel, p)
				}
			}
		}
		for sel := range rules {
			if _, ok := want[sel]; !ok {
				t.Errorf("browser/kg.grass styles %s, which is no label or type of the model", sel)
			}
		}
	})

	t.Run("queries", func(t *testing.T) {
		groups := typeGroups(specs)
		used := map[string]bool{}
		type text struct{ file, body string }
		var texts []text
		for _, q := range queries.Default().Queries() {
			texts = append(texts, text{q.File, q.Body})
		}
		// the command line's own statements (kg stats)
		files, err := filepath.Glob(filepath.Join(repoRoot, "cmd", "kg", "cypher", "*.cypher"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no statements in cmd/kg/cypher (%v)", err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, text{f, string(data)})
		}
		for _, q := range texts {
			for _, list := range typeLists(q.body) {
				for _, typ := range list {
					if _, ok := graph.SpecOf(typ); !ok {
						t.Errorf("%s names relationship type %s, which has no spec", q.file, typ)
					}
				}
				name, diff := nearestGroup(groups, list)
				if diff != "" {
					t.Errorf("%s lists the types %s: not one of the spec's type groups; nearest, the %s, %s",
						q.file, strings.Join(list, "|"), name, diff)
					continue
				}
				used[name] = true
			}
		}
		for _, g := range groups {
			if !used[g.name] && !t.Failed() {
				t.Errorf("no saved query lists the %s (%s): drop the group or use it", g.name, strings.Join(g.types, "|"))
			}
		}
	})
}

// minimalGold returns a gold set with one relation of the fact type s, as
// the spec says a gold relation of it is written.
func minimalGold(s graph.RelSpec) string {
	rel := `"type": "` + s.Type + `", "from": "A", "to": "B"`
	if s.Gold.Keywords != graph.NoKeywords {
		rel += `, "keywords": ["k"]`
	}
	return `{"entities": [{"type": "` + s.From[0] + `", "name": "A"}, {"type": "` + s.To[0] + `", "name": "B"}],
		"not_entities": [], "relations": [{` + rel + `}], "affiliations": []}`
}

// A typeGroup is a set of relationship types the saved queries may list
// together, defined by the specs.
type typeGroup struct {
	name  string
	types []string
}

// typeGroups returns the groups of types a saved query may list: all fact
// types (the facts an entity takes part in), the core fact types (the facts
// claimants assert, as judged), the links (every type whose ends are no
// article: what paths between entities follow), and the ties of a party to
// an agreement.
func typeGroups(specs []graph.RelSpec) []typeGroup {
	where := func(name string, ok func(graph.RelSpec) bool) typeGroup {
		g := typeGroup{name: name}
		for _, s := range specs {
			if ok(s) {
				g.types = append(g.types, s.Type)
			}
		}
		return g
	}
	party := func(labels []string) bool {
		return slices.Contains(labels, graph.LabelActor) || slices.Contains(labels, graph.LabelCountry)
	}
	return []typeGroup{
		where("fact types", func(s graph.RelSpec) bool { return s.Fact }),
		where("core fact types", func(s graph.RelSpec) bool { return s.Core }),
		where("links (types with no article at either end)", func(s graph.RelSpec) bool {
			return !slices.Contains(s.From, graph.LabelArticle) && !slices.Contains(s.To, graph.LabelArticle)
		}),
		where("ties of a party to an agreement", func(s graph.RelSpec) bool {
			return party(s.From) && slices.Contains(s.To, graph.LabelAgreement)
		}),
	}
}

var (
	// an alternation of types in a relationship pattern: [r:A|B], [:A|:B*1..4]
	altRE = regexp.MustCompile(`\[\s*\w*\s*:\s*([A-Z][A-Z_]*(?:\s*\|\s*:?\s*[A-Z][A-Z_]*)+)`)
	// a list of types a type() is compared with: type(r) IN ['A', 'B']
	inRE   = regexp.MustCompile(`type\(\s*\w+\s*\)\s+IN\s+\[([^\]]*)\]`)
	typeRE = regexp.MustCompile(`[A-Z][A-Z_]*`)
)

// typeLists returns the lists of two or more relationship types the
// Cypher text names, each sorted.
func typeLists(cypher string) [][]string {
	var out [][]string
	for _, re := range []*regexp.Regexp{altRE, inRE} {
		for _, m := range re.FindAllStringSubmatch(cypher, -1) {
			list := typeRE.FindAllString(m[1], -1)
			if len(list) < 2 {
				continue
			}
			sort.Strings(list)
			out = append(out, list)
		}
	}
	return out
}

// nearestGroup returns the group whose types are list's, and "", or else
// the group that differs least and what list lacks or has too many.
func nearestGroup(groups []typeGroup, list []string) (string, string) {
	best, bestDiff, bestN := "", "", -1
	for _, g := range groups {
		var missing, extra []string
		for _, typ := range g.types {
			if !slices.Contains(list, typ) {
				missing = append(missing, typ)
			}
		}
		for _, typ := range list {
			if !slices.Contains(g.types, typ) {
				extra = append(extra, typ)
			}
		}
		n := len(missing) + len(extra)
		if n == 0 {
			return g.name, ""
		}
		if bestN < 0 || n < bestN {
			best, bestN = g.name, n
			var parts []string
			if len(missing) > 0 {
				parts = append(parts, "lacks "+strings.Join(missing, ", "))
			}
			if len(extra) > 0 {
				parts = append(parts, "has "+strings.Join(extra, ", ")+" too many")
			}
			bestDiff = strings.Join(parts, " and ")
		}
	}
	return best, bestDiff
}
