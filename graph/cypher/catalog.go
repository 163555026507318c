package cypher

import (
	"sort"
	"strings"
)

// ProcedureInfo describes a built-in procedure, for catalogue listings
// such as Neo4j's SHOW PROCEDURES.
type ProcedureInfo struct {
	Name string
	// Signature is written as Neo4j writes it:
	// "db.labels() :: (label :: STRING)".
	Signature string
}

// BuiltinProcedures lists the procedures every query can call, by name.
func BuiltinProcedures() []ProcedureInfo {
	out := make([]ProcedureInfo, 0, len(builtinProcs))
	for _, d := range builtinProcs {
		out = append(out, ProcedureInfo{Name: d.p.Name, Signature: signature(d.p)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func signature(p Procedure) string {
	fields := func(fs []ProcedureField) string {
		parts := make([]string, len(fs))
		for i, f := range fs {
			t := f.Type
			if t == "" {
				t = "ANY"
			}
			parts[i] = f.Name + " :: " + strings.ToUpper(t)
		}
		return strings.Join(parts, ", ")
	}
	out := "VOID"
	if len(p.Outputs) > 0 {
		out = "(" + fields(p.Outputs) + ")"
	}
	return p.Name + "(" + fields(p.Inputs) + ") :: " + out
}

// FunctionInfo describes a built-in function. Name is in lower case, as
// the engine matches function names regardless of case.
type FunctionInfo struct {
	Name string
	// MinArgs and MaxArgs bound the arguments; MaxArgs < 0 means any number.
	MinArgs, MaxArgs int
	Aggregating      bool
}

// BuiltinFunctions lists the functions queries can call, by name.
func BuiltinFunctions() []FunctionInfo {
	out := make([]FunctionInfo, 0, len(functions)+len(aggregates))
	for name, f := range functions {
		out = append(out, FunctionInfo{Name: name, MinArgs: f.min, MaxArgs: f.max})
	}
	for name := range aggregates {
		if _, ok := functions[name]; !ok {
			n := 1
			if strings.HasPrefix(name, "percentile") {
				n = 2
			}
			out = append(out, FunctionInfo{Name: name, MinArgs: n, MaxArgs: n, Aggregating: true})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
