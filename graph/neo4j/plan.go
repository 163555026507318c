package neo4j

import (
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgnews/kg/graph/value"
)

// planOf returns the plan of an EXPLAIN or the profile of a PROFILE in
// summary, as the embedded store returns them; nil for another query.
// Operator names lose Neo4j's "@neo4j" runtime suffix.
func planOf(summary neo4j.ResultSummary) *value.Plan {
	if p := summary.Profile(); p != nil {
		return profiledPlan(p)
	}
	if p := summary.Plan(); p != nil {
		return plainPlan(p)
	}
	return nil
}

func planNode(op string, args map[string]any, ids []string) *value.Plan {
	op, _, _ = strings.Cut(op, "@")
	details, _ := args["Details"].(string)
	return &value.Plan{Operator: op, Details: details, Identifiers: ids}
}

func plainPlan(p neo4j.Plan) *value.Plan {
	out := planNode(p.Operator(), p.Arguments(), p.Identifiers())
	for _, c := range p.Children() {
		out.Children = append(out.Children, plainPlan(c))
	}
	return out
}

func profiledPlan(p neo4j.ProfiledPlan) *value.Plan {
	out := planNode(p.Operator(), p.Arguments(), p.Identifiers())
	out.Profiled, out.Rows, out.DBHits = true, p.Records(), p.DbHits()
	for _, c := range p.Children() {
		out.Children = append(out.Children, profiledPlan(c))
	}
	return out
}
