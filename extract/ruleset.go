package extract

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"text/tabwriter"

	"github.com/kgnews/kg/graph"
)

// A relationRule is one named relation rule, as data: what triggers it,
// which fact it yields, how its arguments are read and what stops it. The
// relation pass runs the rules in table order at every trigger token; a rule
// with an Else runs that one when it finds nothing. Each fact keeps the
// name of the rule that found it (the `rules` property) and `kg extract
// --trace` reports every candidate with its rule.
type relationRule struct {
	Name      string
	Fact      string // the relationship type it yields
	Triggers  string // what triggers it, for people
	Arguments string // how its parties and its object are read, for people
	Blocks    string // what makes a candidate no fact, for people
	Tree      bool   // reads the dependency tree (parses the sentence)

	// words trigger the rule when it has no trigger func: the lower-case
	// words it starts at. The relation pass looks at a token only when
	// its word has a rule's lexical class (lexClasses); these words get
	// clsRuleWord.
	words   []string
	trigger func(a *analysis, s *sent, k int, w string) bool
	run     func(a *analysis) func(*sent, int)
	orElse  string // the rule to try when this one finds nothing at the trigger
}

// triggers reports whether the rule starts at token k of s, whose
// lower-case word is w.
func (r *relationRule) triggers(a *analysis, s *sent, k int, w string) bool {
	if r.trigger == nil {
		return slices.Contains(r.words, w)
	}
	return r.trigger(a, s, k, w)
}

// modalBlocks are the blocks every rule shares.
const modalBlocks = "threats, proposals, plans, hopes, conditions (if, unless), questions, negation, denials, unsourced reports"

// relationRules is the rule table, in the order the rules run.
var relationRules = []*relationRule{
	{
		Name: "consultation", Fact: graph.SpokeWith,
		Triggers:  "verbs of consultation (met, spoke, talked, phoned, visited, hosted, received, discussed …) and nouns (talks, call, meeting, summit, conversation …)",
		Arguments: "the subject (or the pair conjoined in it, or 'between A and B', or the owner of 'X's talks with Y') and the object or 'with' party; group references (the two leaders, both sides) resolve to the last pair",
		Blocks:    modalBlocks + "; meetings still to come (next week, when he meets); talks under an infinitive or a modal; a door or an offer of talks; a person and the state they represent",
		trigger: func(a *analysis, s *sent, k int, w string) bool {
			return s.toks[k].cls&clsContact != 0 && (w != "told" || a.callContext(s))
		},
		run: func(a *analysis) func(*sent, int) { return a.ruleContact },
	},
	{
		Name: "pledge", Fact: graph.Pledged,
		Triggers:  "verbs of commitment (agreed, pledged, promised, vowed, committed, undertook …)",
		Arguments: "the subject, completed from the tree when the token window misses it or its conjuncts; the object: an infinitive the tagger reads as a verb (a Commitment with action, object, quantity, unit, period) or an agreement noun",
		Blocks:    modalBlocks + "; 'would only agree to'; an infinitive 'to agree'; the noun 'promises'",
		trigger: func(a *analysis, s *sent, k int, w string) bool {
			_, ok := pledgeVerbs[w]
			return ok
		},
		run: func(a *analysis) func(*sent, int) { return a.rulePledge },
	},
	{
		Name: "agreement", Fact: graph.Pledged,
		Triggers:  "verbs that take an agreement (signed, reached, struck, sealed, concluded, announced …)",
		Arguments: "each party of the subject, and of a 'with' complement; the Agreement named by the noun phrase, with its complements as its text",
		Blocks:    modalBlocks + "; 'trying to strike a deal'",
		trigger: func(a *analysis, s *sent, k int, w string) bool {
			_, pledge := pledgeVerbs[w]
			return agreementVerbs[w] && !pledge
		},
		run: func(a *analysis) func(*sent, int) { return a.ruleAgreementVerb },
	},
	{
		Name: "reported-future", Fact: graph.Pledged,
		Triggers:  "will, would, shall before a verb of material or diplomatic commitment",
		Arguments: "the subject right before the modal; reported ('said it would'), promised ('promised Y it will'), attributed after the fact, or the terms of an agreement ('under which', 'Under the agreement,')",
		Blocks:    modalBlocks + "; a subject that is no party ('my visit will')",
		words:     []string{"will", "would", "shall"},
		run:       func(a *analysis) func(*sent, int) { return a.ruleWillPledge },
	},
	{
		Name: "sanction", Fact: graph.Sanctioned,
		Triggers:  "verbs that impose a measure (imposed, slapped, levied, placed … on) or sanction their object (sanctioned, blacklisted, designated, barred X from)",
		Arguments: "the subject (or the agent of 'the action by X to'); the measure within a few words; the target after on/against, the listed object, or the party barred",
		Blocks:    modalBlocks + "; vetoed, rejected, refused; will impose; easings (lifted, cut, suspended); a company or private person as imposer; a state's own people; a tax, quota or freeze on no foreign party",
		trigger: func(a *analysis, s *sent, k int, w string) bool {
			return sanctionVerbs[w] || directSanctionVerbs[w]
		},
		run:    func(a *analysis) func(*sent, int) { return a.ruleSanction },
		orElse: "sanction.tree",
	},
	{
		Name: "sanction.tree", Fact: graph.Sanctioned, Tree: true,
		Triggers:  "the same verbs, in the passive, where the token rule found nothing",
		Arguments: "from the tree: nsubj:pass is the measure (imposed) or the target (sanctioned, hit with); the agent after 'by'; the target after on/against",
		Blocks:    modalBlocks + "; the endpoint checks of 'sanction'",
		run:       func(a *analysis) func(*sent, int) { return a.treeSanction },
	},
	{
		Name: "sanction.nominal", Fact: graph.Sanctioned, Tree: true,
		Triggers:  "measure nouns (tariffs, sanctions, embargo, export controls, ban on …) that head their clause's subject",
		Arguments: "from the tree: the owner (nmod:poss: 'Canada's tariffs') or the agent of a participle ('announced by'); the target after on/against",
		Blocks:    modalBlocks + "; threatened, proposed, planned or possible measures; a modal, easing or threatening predicate",
		trigger: func(a *analysis, s *sent, k int, w string) bool {
			_, ok := sanctionHeads[w]
			return ok && !sanctionVerbs[w] && !directSanctionVerbs[w]
		},
		run: func(a *analysis) func(*sent, int) { return a.treeSanction },
	},
	{
		Name: "sanction.listed", Fact: graph.Sanctioned,
		Triggers:  "'those targeted', 'the individuals sanctioned', 'those designated' followed by include/are/were",
		Arguments: "the named person or body at the head of each list item; the imposer of the measure the article just reported",
		Blocks:    modalBlocks + "; no measure reported in the three sentences before; the endpoint checks of 'sanction'",
		trigger: func(a *analysis, s *sent, k int, w string) bool {
			return listedWords[w]
		},
		run: func(a *analysis) func(*sent, int) { return a.ruleListed },
	},
	{
		Name: "trade-partner", Fact: graph.TradesWith,
		Triggers:  "partner, partners",
		Arguments: "the country whose partners are listed, each listed country with its value and year",
		Blocks:    modalBlocks,
		words:     []string{"partner", "partners"},
		run:       func(a *analysis) func(*sent, int) { return a.ruleTrade },
	},
}

// ruleByName indexes relationRules.
var ruleByName = indexRules(relationRules)

// indexRules returns the rules of table by name.
func indexRules(table []*relationRule) map[string]*relationRule {
	m := make(map[string]*relationRule, len(table))
	for _, r := range table {
		m[r.Name] = r
	}
	return m
}

// checkRules reports what is wrong with a rule table: a name used twice, a
// rule yielding no fact type of the model (graph.RelSpecs), one with
// nothing to run or no description, an Else rule that is not in the table,
// a rule nothing triggers.
func checkRules(table []*relationRule) error {
	var errs []error
	seen := make(map[string]bool, len(table))
	elses := make(map[string]bool)
	for _, r := range table {
		if seen[r.Name] {
			errs = append(errs, fmt.Errorf("rule %s: named twice", r.Name))
		}
		seen[r.Name] = true
		if r.orElse != "" {
			elses[r.orElse] = true
		}
		if !graph.IsFactType(r.Fact) {
			errs = append(errs, fmt.Errorf("rule %s: yields %q, which is no fact type of graph.RelSpecs", r.Name, r.Fact))
		}
		if r.run == nil {
			errs = append(errs, fmt.Errorf("rule %s: nothing to run", r.Name))
		}
		if r.Triggers == "" || r.Arguments == "" || r.Blocks == "" {
			errs = append(errs, fmt.Errorf("rule %s: lacks a description of its triggers, arguments or blocks", r.Name))
		}
	}
	for _, r := range table {
		if r.orElse != "" && !seen[r.orElse] {
			errs = append(errs, fmt.Errorf("rule %s: its Else rule %s is not in the table", r.Name, r.orElse))
		}
		if r.trigger == nil && len(r.words) == 0 && !elses[r.Name] {
			errs = append(errs, fmt.Errorf("rule %s: no trigger, no trigger words, and no rule's Else", r.Name))
		}
	}
	return errors.Join(errs...)
}

// setRules makes table the rule table and recomputes what derives from it:
// the index by name, and the lexical classes that give the rules' trigger
// words their class. Extraction reads these unguarded, so nothing may
// extract meanwhile: only tests call it, to add a rule the way an entry of
// relationRules adds one (see withRules in the tests).
func setRules(table []*relationRule) {
	relationRules = table
	ruleByName = indexRules(table)
	lexClasses = buildClasses()
}

// runRules runs, at trigger token k, every rule the token triggers.
func (a *analysis) runRules(s *sent, k int) {
	w := a.word(s, k)
	for _, r := range relationRules {
		if !r.triggers(a, s, k, w) {
			continue
		}
		for rr := r; rr != nil; {
			if a.try(s, k, rr.Name, rr.run(a)) || rr.orElse == "" {
				break
			}
			rr = ruleByName[rr.orElse]
		}
	}
}

// RuleInfo describes one relation rule for people: `kg extract --rules`
// prints them.
type RuleInfo struct {
	Name, Fact, Triggers, Arguments, Blocks string
	Tree                                    bool
}

// Rules returns the relation rules in the order they run.
func Rules() []RuleInfo {
	out := make([]RuleInfo, len(relationRules))
	for i, r := range relationRules {
		out[i] = RuleInfo{r.Name, r.Fact, r.Triggers, r.Arguments, r.Blocks, r.Tree}
	}
	return out
}

// WriteRules writes the rule table as text.
func WriteRules(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range Rules() {
		tree := ""
		if r.Tree {
			tree = " (reads the dependency tree)"
		}
		fmt.Fprintf(tw, "%s\t→ %s%s\n", r.Name, r.Fact, tree)
		for _, kv := range [][2]string{{"triggers", r.Triggers}, {"arguments", r.Arguments}, {"no fact when", r.Blocks}} {
			fmt.Fprintf(tw, "  %s:\t%s\n", kv[0], kv[1])
		}
	}
	return tw.Flush()
}
