package bolt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/kgnews/kg/graph/value"
)

// maxDepth bounds the nesting of lists, maps and structures a decoder
// accepts, so that hostile input cannot exhaust the stack.
const maxDepth = 64

// Structure is a PackStream structure the decoder does not map to a value:
// a Bolt message, or a graph structure sent back by a client.
type Structure struct {
	Tag    byte
	Fields []any
}

var errShort = errors.New("packstream: unexpected end of data")

// decoder reads PackStream values from buf.
type decoder struct {
	buf []byte
	pos int
}

// Decode reads one PackStream value from b and reports the bytes it used.
// Integers are int64, floats float64, bytes []byte, lists []any, maps
// map[string]any; Bolt 5's temporal structures become graph/value's
// temporal types and any other structure a Structure. Malformed input is an
// error, never a panic, and no length is trusted beyond the input's size.
func Decode(b []byte) (v any, n int, err error) {
	d := decoder{buf: b}
	v, err = d.value(0)
	return v, d.pos, err
}

func (d *decoder) take(n int) ([]byte, error) {
	if n < 0 || n > len(d.buf)-d.pos {
		return nil, errShort
	}
	b := d.buf[d.pos : d.pos+n]
	d.pos += n
	return b, nil
}

func (d *decoder) size(marker, m8 byte) (int, error) {
	w := 1 << (marker - m8) // 1, 2 or 4 bytes
	b, err := d.take(w)
	if err != nil {
		return 0, err
	}
	switch w {
	case 1:
		return int(b[0]), nil
	case 2:
		return int(binary.BigEndian.Uint16(b)), nil
	}
	return int(binary.BigEndian.Uint32(b)), nil
}

// count checks that n items of at least min bytes each can still follow.
func (d *decoder) count(n, min int) (int, error) {
	if n < 0 || n > (len(d.buf)-d.pos)/min {
		return 0, errShort
	}
	return n, nil
}

func (d *decoder) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("packstream: values nested deeper than %d", maxDepth)
	}
	mb, err := d.take(1)
	if err != nil {
		return nil, err
	}
	m := mb[0]
	switch {
	case m <= 0x7F || m >= 0xF0:
		return int64(int8(m)), nil
	case m >= 0x80 && m <= 0x8F:
		return d.str(int(m & 0x0F))
	case m >= 0x90 && m <= 0x9F:
		return d.list(int(m&0x0F), depth)
	case m >= 0xA0 && m <= 0xAF:
		return d.dict(int(m&0x0F), depth)
	case m >= 0xB0 && m <= 0xBF:
		return d.structure(int(m&0x0F), depth)
	}
	switch m {
	case mNull:
		return nil, nil
	case mTrue:
		return true, nil
	case mFalse:
		return false, nil
	case mFloat:
		b, err := d.take(8)
		if err != nil {
			return nil, err
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b)), nil
	case mInt8, mInt16, mInt32, mInt64:
		b, err := d.take(1 << (m - mInt8))
		if err != nil {
			return nil, err
		}
		switch len(b) {
		case 1:
			return int64(int8(b[0])), nil
		case 2:
			return int64(int16(binary.BigEndian.Uint16(b))), nil
		case 4:
			return int64(int32(binary.BigEndian.Uint32(b))), nil
		}
		return int64(binary.BigEndian.Uint64(b)), nil
	case mBytes8, mBytes16, mBytes32:
		n, err := d.size(m, mBytes8)
		if err != nil {
			return nil, err
		}
		b, err := d.take(n)
		if err != nil {
			return nil, err
		}
		return append(make([]byte, 0, len(b)), b...), nil
	case mStr8, mStr16, mStr32:
		n, err := d.size(m, mStr8)
		if err != nil {
			return nil, err
		}
		return d.str(n)
	case mList8, mList16, mList32:
		n, err := d.size(m, mList8)
		if err != nil {
			return nil, err
		}
		return d.list(n, depth)
	case mMap8, mMap16, mMap32:
		n, err := d.size(m, mMap8)
		if err != nil {
			return nil, err
		}
		return d.dict(n, depth)
	}
	return nil, fmt.Errorf("packstream: unknown marker 0x%02X", m)
}

func (d *decoder) str(n int) (string, error) {
	b, err := d.take(n)
	return string(b), err
}

func (d *decoder) list(n, depth int) ([]any, error) {
	n, err := d.count(n, 1)
	if err != nil {
		return nil, err
	}
	l := make([]any, n)
	for i := range l {
		if l[i], err = d.value(depth + 1); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func (d *decoder) dict(n, depth int) (map[string]any, error) {
	n, err := d.count(n, 2)
	if err != nil {
		return nil, err
	}
	m := make(map[string]any, n)
	for range n {
		k, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		ks, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("packstream: map key of type %T, want a string", k)
		}
		if m[ks], err = d.value(depth + 1); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (d *decoder) structure(n, depth int) (any, error) {
	tb, err := d.take(1)
	if err != nil {
		return nil, err
	}
	if n, err = d.count(n, 1); err != nil {
		return nil, err
	}
	fields := make([]any, n)
	for i := range fields {
		if fields[i], err = d.value(depth + 1); err != nil {
			return nil, err
		}
	}
	return structValue(tb[0], fields)
}

// structValue turns a temporal or spatial structure into its value; other
// structures stay Structures.
func structValue(tag byte, f []any) (any, error) {
	if tag == tagPoint2D || tag == tagPoint3D {
		return pointValue(tag, f)
	}
	want := map[byte]int{tagDate: 1, tagLocalTime: 1, tagTime: 2, tagLocalDateTime: 2,
		tagDateTime: 3, tagDateTimeZone: 3, tagDuration: 4}[tag]
	if want == 0 {
		return Structure{Tag: tag, Fields: f}, nil
	}
	if len(f) != want {
		return nil, fmt.Errorf("packstream: structure 0x%02X has %d fields, want %d", tag, len(f), want)
	}
	ints := make([]int64, want)
	for i, v := range f {
		if tag == tagDateTimeZone && i == 2 {
			break
		}
		n, ok := v.(int64)
		if !ok {
			return nil, fmt.Errorf("packstream: field %d of structure 0x%02X is %T, want an integer", i, tag, v)
		}
		ints[i] = n
	}
	switch tag {
	case tagDate:
		return value.DateOfEpochDay(ints[0]), nil
	case tagLocalTime:
		return value.LocalTimeOfNanoOfDay(ints[0]), nil
	case tagTime:
		if ints[1] < math.MinInt32 || ints[1] > math.MaxInt32 {
			return nil, fmt.Errorf("packstream: time offset %d out of range", ints[1])
		}
		return value.NewTime(ints[0], int(ints[1]))
	case tagLocalDateTime:
		return value.LocalDateTimeOfEpoch(ints[0], ints[1]), nil
	case tagDateTime:
		if ints[2] < math.MinInt32 || ints[2] > math.MaxInt32 {
			return nil, fmt.Errorf("packstream: datetime offset %d out of range", ints[2])
		}
		return value.NewDateTime(ints[0], ints[1], "", int(ints[2]))
	case tagDateTimeZone:
		zone, ok := f[2].(string)
		if !ok || zone == "" {
			return nil, fmt.Errorf("packstream: datetime zone id is %T, want a string", f[2])
		}
		return value.NewDateTime(ints[0], ints[1], zone, 0)
	}
	// Normalized as the engine keeps durations: 0 <= nanos < 1e9.
	const nps = int64(1e9)
	sec, ns := ints[2], ints[3]
	carry := ns / nps
	if ns%nps < 0 {
		carry--
	}
	if (carry > 0 && sec > math.MaxInt64-carry) || (carry < 0 && sec < math.MinInt64-carry) {
		return nil, fmt.Errorf("packstream: duration of %d s and %d ns out of range", sec, ns)
	}
	return value.Duration{Months: ints[0], Days: ints[1], Seconds: sec + carry, Nanos: int32(ns - carry*nps)}, nil
}

// pointValue decodes Point2D (srid, x, y) and Point3D (srid, x, y, z).
func pointValue(tag byte, f []any) (any, error) {
	want := 3
	if tag == tagPoint3D {
		want = 4
	}
	if len(f) != want {
		return nil, fmt.Errorf("packstream: structure 0x%02X has %d fields, want %d", tag, len(f), want)
	}
	srid, ok := f[0].(int64)
	if !ok || srid != int64(int32(srid)) {
		return nil, fmt.Errorf("packstream: point srid is %T %v, want an integer", f[0], f[0])
	}
	coords := make([]float64, want-1)
	for i, v := range f[1:] {
		x, ok := v.(float64)
		if !ok {
			return nil, fmt.Errorf("packstream: point coordinate %d is %T, want a float", i, v)
		}
		coords[i] = x
	}
	p, err := value.NewPoint(int32(srid), coords...)
	if err != nil {
		return nil, fmt.Errorf("packstream: %w", err)
	}
	return p, nil
}
