package neo4j

import (
	"bytes"
	"fmt"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

// fromDriver maps a value received from the driver to kg's result values
// (see graph.Store.Query): nil, bool, int64, float64, string, []any,
// map[string]any, value.Node, value.Relationship and
// value.Path.
//
// Values without a kg counterpart are mapped faithfully to strings or maps:
// temporal values to their ISO 8601 text as Neo4j's toString() writes it,
// durations to ISO 8601 durations, points to maps {srid, x, y[, z]}, and
// byte arrays to lists of integers.
func fromDriver(v any) any {
	switch v := v.(type) {
	case nil, bool, int64, float64, string:
		return v
	case int:
		return int64(v)
	case []any:
		return value.ConvertList(v, fromDriver)
	case map[string]any:
		return value.ConvertMap(v, fromDriver)
	case dbtype.Node:
		return nodeValue(v)
	case dbtype.Relationship:
		return relValue(v)
	case dbtype.Path:
		return value.Path{Nodes: value.ConvertList(v.Nodes, nodeValue), Relationships: value.ConvertList(v.Relationships, relValue)}
	// Temporal values are strings formatted as Neo4j's toString() writes
	// them (the embedded engine's types implement that format), so both
	// stores give the same answers.
	case time.Time:
		return value.DateTimeOf(v).String()
	case dbtype.Date:
		return value.DateOf(time.Time(v)).String()
	case dbtype.LocalTime:
		return value.LocalTimeOf(time.Time(v)).String()
	case dbtype.LocalDateTime:
		return value.LocalDateTimeOf(time.Time(v)).String()
	case dbtype.Time:
		return value.TimeOf(time.Time(v)).String()
	case dbtype.Duration:
		return normalDuration(v).String()
	case dbtype.Point2D:
		return value.Point{SRID: int32(v.SpatialRefId), X: v.X, Y: v.Y}
	case dbtype.Point3D:
		return value.Point{SRID: int32(v.SpatialRefId), X: v.X, Y: v.Y, Z: v.Z}
	case []byte:
		return bytes.Clone(v) // a ByteArray, as the embedded store gives it
	}
	// Not reached with the driver's types; keep the value visible.
	return fmt.Sprint(v)
}

// normalDuration converts a driver duration to the engine's, whose String
// is Neo4j's: PnMnDTnS with seconds split into hours and minutes.
func normalDuration(d dbtype.Duration) value.Duration {
	sec, nanos := d.Seconds+int64(d.Nanos)/1e9, int32(int64(d.Nanos)%1e9)
	if nanos < 0 {
		sec, nanos = sec-1, nanos+1e9
	}
	return value.Duration{Months: d.Months, Days: d.Days, Seconds: sec, Nanos: nanos}
}

func nodeValue(n dbtype.Node) value.Node {
	labels := make([]string, len(n.Labels)) // never nil: [] in JSON
	copy(labels, n.Labels)
	return value.Node{ElementID: n.ElementId, Labels: labels, Props: value.ConvertMap(n.Props, fromDriver)}
}

func relValue(r dbtype.Relationship) value.Relationship {
	return value.Relationship{
		ElementID:      r.ElementId,
		Type:           r.Type,
		StartElementID: r.StartElementId,
		EndElementID:   r.EndElementId,
		Props:          value.ConvertMap(r.Props, fromDriver),
	}
}

// propsFromDB turns stored properties into graph.Props for merging and
// snapshots: lists whose items are all strings become []string (the sets of
// graph.MergeProps), other values map as in fromDriver, and the "id" key is
// dropped (graph.Node and graph.Relationship keep it in their ID field).
func propsFromDB(props map[string]any) graph.Props {
	out := make(graph.Props, len(props))
	for k, v := range props {
		if k == graph.PropID {
			continue
		}
		if list, ok := v.([]any); ok {
			if strs, ok := stringList(list); ok {
				out[k] = strs
				continue
			}
		}
		out[k] = fromDriver(v)
	}
	return out
}

func stringList(list []any) ([]string, bool) {
	out := make([]string, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

// zonedParam gives a time.Time the zone the driver can send: the driver
// sends a time's location name as a zone id, and Neo4j refuses "Local" (or
// a fixed zone's ad-hoc name), so those become their UTC offset, which the
// driver sends as one when the zone is named "Offset". A zone whose name is
// a zone id giving the same offset at that instant is kept.
func zonedParam(t time.Time) time.Time {
	if t.Location() == time.UTC {
		return t
	}
	name := t.Location().String()
	_, off := t.Zone()
	if t.Location() != time.Local && name != "" && name != "Local" {
		if loc, ok := zoneID(name); ok {
			if _, o := t.In(loc).Zone(); o == off {
				return t
			}
		}
	}
	return t.In(time.FixedZone("Offset", off))
}

// zones caches zoneID's answers: time.LoadLocation reads the zone
// database from disk at every call.
var zones sync.Map // name → *time.Location, or nil when name is no zone id

// zoneID returns the location of zone id name, if it is one.
func zoneID(name string) (*time.Location, bool) {
	if v, ok := zones.Load(name); ok {
		loc, _ := v.(*time.Location)
		return loc, loc != nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	zones.Store(name, loc)
	return loc, loc != nil
}

// toParam converts a query parameter to a value the driver packs: kg's
// result types back to maps, named map and slice types to plain ones, ints
// to int64. It returns an error naming the parameter for a value Neo4j
// cannot hold (Go structs, channels, functions).
func toParam(name string, v any) (any, error) {
	switch v := v.(type) {
	case time.Time:
		return zonedParam(v), nil
	case nil, bool, int64, float64, string:
		return v, nil
	case []byte:
		return bytes.Clone(v), nil
	case int, int8, int16, int32, uint, uint8, uint16, uint32, uint64, float32:
		w, err := value.Canon(v)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", name, err)
		}
		return w, nil
	case []string:
		return v, nil
	case graph.Props:
		return toParamMap(name+".", v)
	case map[string]any:
		return toParamMap(name+".", v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			p, err := toParam(fmt.Sprintf("%s[%d]", name, i), x)
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	case []int64, []float64, []bool:
		return v, nil
	case value.Point:
		if v.Dims() == 3 {
			return dbtype.Point3D{SpatialRefId: uint32(v.SRID), X: v.X, Y: v.Y, Z: v.Z}, nil
		}
		return dbtype.Point2D{SpatialRefId: uint32(v.SRID), X: v.X, Y: v.Y}, nil
	case map[string]string:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = x
		}
		return out, nil
	}
	return nil, fmt.Errorf("parameter %s: unsupported value of type %T", name, v)
}

// toParams converts a query's parameters (see toParam).
func toParams(params map[string]any) (map[string]any, error) { return toParamMap("", params) }

// toParamMap converts the entries of a map parameter, named prefix+key.
func toParamMap(prefix string, m map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(m))
	for k, x := range m {
		p, err := toParam(prefix+k, x)
		if err != nil {
			return nil, err
		}
		out[k] = p
	}
	return out, nil
}
