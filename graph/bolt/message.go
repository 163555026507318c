package bolt

import (
	"fmt"

	"github.com/kgnews/kg/graph/value"
)

// Bolt message tags.
const (
	msgHello     = 0x01
	msgGoodbye   = 0x02
	msgReset     = 0x0F
	msgRun       = 0x10
	msgBegin     = 0x11
	msgCommit    = 0x12
	msgRollback  = 0x13
	msgDiscard   = 0x2F
	msgPull      = 0x3F
	msgTelemetry = 0x54
	msgRoute     = 0x66
	msgLogon     = 0x6A
	msgLogoff    = 0x6B

	msgSuccess = 0x70
	msgRecord  = 0x71
	msgIgnored = 0x7E
	msgFailure = 0x7F
)

// request is a decoded client message.
type request struct {
	tag    byte
	fields []any
}

// decodeMessage reads a message: one structure whose tag is the message
// type. Its fields are decoded as values (the message tag itself is not
// read as a temporal structure: TELEMETRY shares Time's tag).
func decodeMessage(b []byte) (request, error) {
	d := decoder{buf: b}
	h, err := d.take(2)
	if err != nil {
		return request{}, err
	}
	if h[0]&0xF0 != 0xB0 {
		return request{}, fmt.Errorf("bolt: message is not a structure (marker 0x%02X)", h[0])
	}
	n, err := d.count(int(h[0]&0x0F), 1)
	if err != nil {
		return request{}, err
	}
	req := request{tag: h[1], fields: make([]any, n)}
	for i := range req.fields {
		if req.fields[i], err = d.value(1); err != nil {
			return request{}, err
		}
	}
	if d.pos != len(b) {
		return request{}, fmt.Errorf("bolt: %d bytes after the message", len(b)-d.pos)
	}
	return req, nil
}

// mapField returns field i as a map (empty when absent or null).
func (r request) mapField(i int) (map[string]any, error) {
	if i >= len(r.fields) || r.fields[i] == nil {
		return map[string]any{}, nil
	}
	m, ok := r.fields[i].(map[string]any)
	if !ok {
		return nil, &failure{codeRequest, fmt.Sprintf("message 0x%02X: field %d is %s, want a map", r.tag, i, typeName(r.fields[i]))}
	}
	return m, nil
}

func typeName(v any) string {
	switch v.(type) {
	case []byte:
		return "Bytes"
	case Structure:
		return "Structure"
	}
	return value.TypeName(v)
}

// intOf reads an integer entry of m, or def when it is absent.
func intOf(m map[string]any, key string, def int64) (int64, error) {
	v, ok := m[key]
	if !ok || v == nil {
		return def, nil
	}
	n, ok := v.(int64)
	if !ok {
		return 0, &failure{codeRequest, fmt.Sprintf("%q is %s, want an integer", key, typeName(v))}
	}
	return n, nil
}

// strOf reads a string entry of m, or "" when it is absent.
func strOf(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

// encodeStruct builds a message: a structure with the given fields.
func encodeStruct(buf []byte, tag byte, fields ...any) ([]byte, error) {
	e := encoder{buf: append(buf[:0], 0xB0|byte(len(fields)), tag)}
	for _, f := range fields {
		if err := e.value(f); err != nil {
			return nil, err
		}
	}
	return e.buf, nil
}
