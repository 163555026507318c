package value

import (
	"encoding/base64"
	"fmt"
)

// JSONScalars is the part of a Visitor that builds, in Out, what
// encoding/json writes for the model's scalars: null, booleans, integers
// and strings as they are, temporal values as their text, points as their
// Fields, byte arrays in base64. A printer embeds it and adds floats,
// lists, maps and the graph values in its own form.
type JSONScalars struct{ Out any }

func (j *JSONScalars) Null() error                   { j.Out = nil; return nil }
func (j *JSONScalars) Bool(b bool) error             { j.Out = b; return nil }
func (j *JSONScalars) Int(n int64) error             { j.Out = n; return nil }
func (j *JSONScalars) String(s string) error         { j.Out = s; return nil }
func (j *JSONScalars) Temporal(t fmt.Stringer) error { j.Out = t.String(); return nil }
func (j *JSONScalars) Point(p Point) error           { j.Out = p.Fields(); return nil }
func (j *JSONScalars) Bytes(b []byte) error          { j.Out = base64.StdEncoding.EncodeToString(b); return nil }
