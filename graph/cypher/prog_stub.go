package cypher

import "context"

// program is a compiled query (filled in by the planner).
type program struct {
	params map[string]bool
	writes bool
}

func prepare(query string) (*program, error) {
	return nil, newError(SyntaxError, CompileTime, "UnexpectedSyntax", "engine under construction", query, 0)
}

func (p *program) run(ctx context.Context, g Graph, params map[string]any) (*Result, error) {
	return nil, ctx.Err()
}

func (p *program) explain() string { return "" }
