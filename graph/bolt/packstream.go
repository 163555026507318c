package bolt

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"

	"github.com/kgnews/kg/graph/value"
)

// PackStream markers.
const (
	mNull    = 0xC0
	mFloat   = 0xC1
	mFalse   = 0xC2
	mTrue    = 0xC3
	mInt8    = 0xC8
	mInt16   = 0xC9
	mInt32   = 0xCA
	mInt64   = 0xCB
	mBytes8  = 0xCC
	mBytes16 = 0xCD
	mBytes32 = 0xCE
	mStr8    = 0xD0
	mStr16   = 0xD1
	mStr32   = 0xD2
	mList8   = 0xD4
	mList16  = 0xD5
	mList32  = 0xD6
	mMap8    = 0xD8
	mMap16   = 0xD9
	mMap32   = 0xDA
)

// Structure tags of Bolt 5's graph and temporal values.
const (
	tagNode          = 'N'
	tagRelationship  = 'R'
	tagUnboundRel    = 'r'
	tagPath          = 'P'
	tagDate          = 'D'
	tagTime          = 'T'
	tagLocalTime     = 't'
	tagDateTime      = 'I'
	tagDateTimeZone  = 'i'
	tagLocalDateTime = 'd'
	tagDuration      = 'E'
	tagPoint2D       = 'X'
	tagPoint3D       = 'Y'
)

// encoder appends PackStream to buf. It is a value.Visitor.
type encoder struct {
	buf []byte
}

// Encode appends the PackStream form of v, a value of graph/value's model
// or a []byte, to buf.
func Encode(buf []byte, v any) ([]byte, error) {
	e := encoder{buf: buf}
	err := e.value(v)
	return e.buf, err
}

func (e *encoder) value(v any) error {
	return value.Walk(v, e)
}

func (e *encoder) header(n int, tiny byte, m8, m16, m32 byte) {
	switch {
	case n < 16 && tiny != 0:
		e.buf = append(e.buf, tiny|byte(n))
	case n <= math.MaxUint8 && m8 != 0:
		e.buf = append(e.buf, m8, byte(n))
	case n <= math.MaxUint16:
		e.buf = append(e.buf, m16, 0, 0)
		binary.BigEndian.PutUint16(e.buf[len(e.buf)-2:], uint16(n))
	default:
		e.buf = append(e.buf, m32, 0, 0, 0, 0)
		binary.BigEndian.PutUint32(e.buf[len(e.buf)-4:], uint32(n))
	}
}

// Bytes writes a byte array as PackStream's Bytes.
func (e *encoder) Bytes(b []byte) error {
	e.header(len(b), 0, mBytes8, mBytes16, mBytes32)
	e.buf = append(e.buf, b...)
	return nil
}

func (e *encoder) structHeader(tag byte, fields int) {
	e.buf = append(e.buf, 0xB0|byte(fields), tag)
}

func (e *encoder) Null() error { e.buf = append(e.buf, mNull); return nil }

func (e *encoder) Bool(b bool) error {
	if b {
		e.buf = append(e.buf, mTrue)
	} else {
		e.buf = append(e.buf, mFalse)
	}
	return nil
}

func (e *encoder) Int(n int64) error {
	switch {
	case n >= -16 && n <= 127:
		e.buf = append(e.buf, byte(int8(n)))
	case n >= math.MinInt8 && n <= math.MaxInt8:
		e.buf = append(e.buf, mInt8, byte(int8(n)))
	case n >= math.MinInt16 && n <= math.MaxInt16:
		e.buf = binary.BigEndian.AppendUint16(append(e.buf, mInt16), uint16(int16(n)))
	case n >= math.MinInt32 && n <= math.MaxInt32:
		e.buf = binary.BigEndian.AppendUint32(append(e.buf, mInt32), uint32(int32(n)))
	default:
		e.buf = binary.BigEndian.AppendUint64(append(e.buf, mInt64), uint64(n))
	}
	return nil
}

func (e *encoder) Float(f float64) error {
	e.buf = binary.BigEndian.AppendUint64(append(e.buf, mFloat), math.Float64bits(f))
	return nil
}

func (e *encoder) String(s string) error {
	e.header(len(s), 0x80, mStr8, mStr16, mStr32)
	e.buf = append(e.buf, s...)
	return nil
}

func (e *encoder) List(l []any) error {
	e.header(len(l), 0x90, mList8, mList16, mList32)
	for _, v := range l {
		if err := e.value(v); err != nil {
			return err
		}
	}
	return nil
}

func (e *encoder) Map(m map[string]any) error {
	e.header(len(m), 0xA0, mMap8, mMap16, mMap32)
	for k, v := range m {
		_ = e.String(k)
		if err := e.value(v); err != nil {
			return fmt.Errorf("key %q: %w", k, err)
		}
	}
	return nil
}

func (e *encoder) strings(ss []string) {
	e.header(len(ss), 0x90, mList8, mList16, mList32)
	for _, s := range ss {
		_ = e.String(s)
	}
}

// legacyID is the integer id Bolt carries beside an element id: the id
// that kg's id() returns, read from the element id ("n:7", "r:7", or a
// decimal "7"), else a hash of it.
func legacyID(elementID string) int64 {
	if n, err := strconv.ParseInt(elementID[strings.IndexByte(elementID, ':')+1:], 10, 64); err == nil {
		return n
	}
	h := fnv.New64a()
	h.Write([]byte(elementID))
	return int64(h.Sum64() &^ (1 << 63))
}

func (e *encoder) Node(n value.Node) error {
	e.structHeader(tagNode, 4)
	_ = e.Int(legacyID(n.ElementID))
	e.strings(n.Labels)
	if err := e.Map(nonNil(n.Props)); err != nil {
		return err
	}
	return e.String(n.ElementID)
}

func (e *encoder) Relationship(r value.Relationship) error {
	e.structHeader(tagRelationship, 8)
	_ = e.Int(legacyID(r.ElementID))
	_ = e.Int(legacyID(r.StartElementID))
	_ = e.Int(legacyID(r.EndElementID))
	_ = e.String(r.Type)
	if err := e.Map(nonNil(r.Props)); err != nil {
		return err
	}
	_ = e.String(r.ElementID)
	_ = e.String(r.StartElementID)
	return e.String(r.EndElementID)
}

func (e *encoder) unbound(r value.Relationship) error {
	e.structHeader(tagUnboundRel, 4)
	_ = e.Int(legacyID(r.ElementID))
	_ = e.String(r.Type)
	if err := e.Map(nonNil(r.Props)); err != nil {
		return err
	}
	return e.String(r.ElementID)
}

// Path writes the distinct nodes, the distinct relationships (unbound) and
// the index sequence: for each step, the 1-based relationship index,
// negative when the step runs against the relationship's direction, then
// the 0-based index of the node reached.
func (e *encoder) Path(p value.Path) error {
	if len(p.Nodes) != len(p.Relationships)+1 {
		return fmt.Errorf("malformed path: %d nodes, %d relationships", len(p.Nodes), len(p.Relationships))
	}
	nodeIdx := map[string]int{}
	var nodes []value.Node
	for _, n := range p.Nodes {
		if _, ok := nodeIdx[n.ElementID]; !ok {
			nodeIdx[n.ElementID] = len(nodes)
			nodes = append(nodes, n)
		}
	}
	relIdx := map[string]int{}
	var rels []value.Relationship
	indices := make([]any, 0, 2*len(p.Relationships))
	for i, r := range p.Relationships {
		j, ok := relIdx[r.ElementID]
		if !ok {
			j = len(rels)
			relIdx[r.ElementID] = j
			rels = append(rels, r)
		}
		step := int64(j + 1)
		if r.StartElementID != p.Nodes[i].ElementID {
			step = -step
		}
		indices = append(indices, step, int64(nodeIdx[p.Nodes[i+1].ElementID]))
	}
	e.structHeader(tagPath, 3)
	e.header(len(nodes), 0x90, mList8, mList16, mList32)
	for _, n := range nodes {
		if err := e.Node(n); err != nil {
			return err
		}
	}
	e.header(len(rels), 0x90, mList8, mList16, mList32)
	for _, r := range rels {
		if err := e.unbound(r); err != nil {
			return err
		}
	}
	return e.List(indices)
}

// Point writes Point2D (srid, x, y) or Point3D (srid, x, y, z).
func (e *encoder) Point(p value.Point) error {
	if p.Dims() == 3 {
		e.structHeader(tagPoint3D, 4)
	} else {
		e.structHeader(tagPoint2D, 3)
	}
	_ = e.Int(int64(p.SRID))
	_ = e.Float(p.X)
	_ = e.Float(p.Y)
	if p.Dims() == 3 {
		return e.Float(p.Z)
	}
	return nil
}

// Temporal writes Bolt 5's structures: DateTime with a UTC-based seconds
// field, with the zone id when the value has a named zone.
func (e *encoder) Temporal(t fmt.Stringer) error {
	switch t := t.(type) {
	case value.Date:
		e.structHeader(tagDate, 1)
		return e.Int(t.EpochDay())
	case value.LocalTime:
		e.structHeader(tagLocalTime, 1)
		return e.Int(t.NanoOfDay())
	case value.Time:
		e.structHeader(tagTime, 2)
		_ = e.Int(t.NanoOfDay())
		return e.Int(int64(t.Offset()))
	case value.LocalDateTime:
		sec, ns := t.Epoch()
		e.structHeader(tagLocalDateTime, 2)
		_ = e.Int(sec)
		return e.Int(ns)
	case value.DateTime:
		sec, ns := t.Unix()
		zone, off := t.Zone()
		if zone != "" {
			e.structHeader(tagDateTimeZone, 3)
			_ = e.Int(sec)
			_ = e.Int(ns)
			return e.String(zone)
		}
		e.structHeader(tagDateTime, 3)
		_ = e.Int(sec)
		_ = e.Int(ns)
		return e.Int(int64(off))
	case value.Duration:
		e.structHeader(tagDuration, 4)
		_ = e.Int(t.Months)
		_ = e.Int(t.Days)
		_ = e.Int(t.Seconds)
		return e.Int(int64(t.Nanos))
	}
	return fmt.Errorf("unsupported temporal value %T", t)
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
