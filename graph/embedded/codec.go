package embedded

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph/value"
)

// Records are stored in a compact, versioned binary encoding, each sealed
// with a checksum:
//
//	node:         version labels props crc
//	relationship: version type start end props crc
//	labels:       uvarint(n) string*n
//	props:        uvarint(n) (key value)*n, keys sorted
//	string:       uvarint(len) bytes
//	value:        tag payload
//	crc:          4 bytes, big endian: CRC-32C (Castagnoli) of the record's
//	              bbolt key followed by the bytes before it
//
// Temporal values of package cypher are stored exactly: a Date as its epoch
// day, a LocalTime as its nanosecond of day, a Time as that and its offset,
// a LocalDateTime as wall-clock epoch seconds and nanoseconds, a DateTime as
// Unix seconds, nanoseconds, offset and zone name ("" for a fixed offset),
// and a Duration as its four components. A Point (graph/value) is stored
// as its srid and its two or three coordinates; tag 14 is new in files
// written since points were added, and files without it read as before.
//
// with start and end as varint int64 ids. Tags keep value types exact: an
// int64 stays an int64 and a float64 a float64 across a round trip.
//
// The checksum covers the key too, so that a record that moved (a flipped
// bit in its key) fails it as surely as one whose bytes changed. Index
// entries are sealed the same way (value: 8-byte id, crc of model id and
// id), as are the entries of the ingested bucket (value: stamp, crc).
// Every read verifies the checksum before decoding: a damaged record is an
// error wrapping ErrDamaged, never a wrong value.
const recordVersion = 2

const (
	tagString  = 1 // string
	tagInt     = 2 // varint int64
	tagFloat   = 3 // 8 bytes, IEEE 754 bits, big endian
	tagFalse   = 4
	tagTrue    = 5
	tagStrings = 6 // uvarint(n) string*n: a []string
	tagList    = 7 // uvarint(n) value*n: a []any of other values

	tagDate          = 8  // varint epoch day
	tagLocalTime     = 9  // varint nanosecond of day
	tagTime          = 10 // varint nanosecond of day, varint offset seconds
	tagLocalDateTime = 11 // varint seconds, varint nanoseconds
	tagDateTime      = 12 // varint seconds, varint nanoseconds, varint offset, string zone
	tagDuration      = 13 // varint months, days, seconds, nanoseconds
	tagPoint         = 14 // uvarint srid, then 2 or 3 floats as tagFloat's payload
	tagBytes         = 15 // uvarint(n) byte*n: a byte array
	tagSpilled       = 16 // no payload: a set of strings kept as items (items.go); only in the store file's records
)

// errCorrupt is wrapped by every decoding error.
var errCorrupt = fmt.Errorf("%w: corrupt record", ErrDamaged)

// errChecksum is a record whose checksum does not match its bytes.
var errChecksum = fmt.Errorf("%w: checksum mismatch", errCorrupt)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// recordSum is the checksum of body stored under key.
func recordSum(key, body []byte) uint32 {
	return crc32.Update(crc32.Checksum(key, castagnoli), castagnoli, body)
}

// seal appends to body the checksum of body stored under key.
func seal(key, body []byte) []byte {
	return binary.BigEndian.AppendUint32(body, recordSum(key, body))
}

// unseal verifies the checksum of rec stored under key and returns rec
// without it.
func unseal(key, rec []byte) ([]byte, error) {
	if len(rec) < 4 {
		return nil, fmt.Errorf("%w: %d bytes, too short for a checksum", errCorrupt, len(rec))
	}
	body := rec[:len(rec)-4]
	if binary.BigEndian.Uint32(rec[len(rec)-4:]) != recordSum(key, body) {
		return nil, errChecksum
	}
	return body, nil
}

// indexValue is the value of an id index entry: the element's int64 id,
// sealed under the model id.
func indexValue(modelID string, id int64) []byte { return seal([]byte(modelID), itob(id)) }

// indexID verifies and decodes an index entry.
func indexID(modelID, v []byte) (int64, error) {
	body, err := unseal(modelID, v)
	if err != nil {
		return 0, fmt.Errorf("index entry %q: %w", modelID, err)
	}
	return btoi(body)
}

type encoder struct{ buf []byte }

func (e *encoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) varint(v int64)   { e.buf = binary.AppendVarint(e.buf, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.buf = append(e.buf, s...) }

func (e *encoder) strs(l []string) {
	e.uvarint(uint64(len(l)))
	for _, s := range l {
		e.str(s)
	}
}

func (e *encoder) props(p map[string]any) error {
	keys := make([]string, 0, len(p))
	for k, v := range p {
		if v != nil {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	e.uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		if err := e.value(p[k]); err != nil {
			return fmt.Errorf("property %q: %w", k, err)
		}
	}
	return nil
}

func (e *encoder) value(v any) error {
	switch v := v.(type) {
	case string:
		e.buf = append(e.buf, tagString)
		e.str(v)
	case int64:
		e.buf = append(e.buf, tagInt)
		e.varint(v)
	case float64:
		e.buf = append(e.buf, tagFloat)
		e.buf = binary.BigEndian.AppendUint64(e.buf, math.Float64bits(v))
	case bool:
		if v {
			e.buf = append(e.buf, tagTrue)
		} else {
			e.buf = append(e.buf, tagFalse)
		}
	case []string:
		e.buf = append(e.buf, tagStrings)
		e.strs(v)
	case []any:
		e.buf = append(e.buf, tagList)
		e.uvarint(uint64(len(v)))
		for i, x := range v {
			if x == nil {
				return fmt.Errorf("list element %d is null", i)
			}
			if err := e.value(x); err != nil {
				return fmt.Errorf("list element %d: %w", i, err)
			}
		}
	case value.Date:
		e.buf = append(e.buf, tagDate)
		e.varint(v.EpochDay())
	case value.LocalTime:
		e.buf = append(e.buf, tagLocalTime)
		e.varint(v.NanoOfDay())
	case value.Time:
		e.buf = append(e.buf, tagTime)
		e.varint(v.NanoOfDay())
		e.varint(int64(v.Offset()))
	case value.LocalDateTime:
		e.buf = append(e.buf, tagLocalDateTime)
		sec, ns := v.Epoch()
		e.varint(sec)
		e.varint(ns)
	case value.DateTime:
		e.buf = append(e.buf, tagDateTime)
		sec, ns := v.Unix()
		zone, off := v.Zone()
		e.varint(sec)
		e.varint(ns)
		e.varint(int64(off))
		e.str(zone)
	case value.Duration:
		e.buf = append(e.buf, tagDuration)
		e.varint(v.Months)
		e.varint(v.Days)
		e.varint(v.Seconds)
		e.varint(int64(v.Nanos))
	case []byte:
		e.buf = append(e.buf, tagBytes)
		e.uvarint(uint64(len(v)))
		e.buf = append(e.buf, v...)
	case spilledSet:
		e.buf = append(e.buf, tagSpilled)
	case value.Point:
		e.buf = append(e.buf, tagPoint)
		e.uvarint(uint64(uint32(v.SRID)))
		coords := []float64{v.X, v.Y, v.Z}[:v.Dims()]
		for _, c := range coords {
			e.buf = binary.BigEndian.AppendUint64(e.buf, math.Float64bits(c))
		}
	default:
		return fmt.Errorf("unsupported property value type %T", v)
	}
	return nil
}

// encodeNode returns the sealed record of node id.
func encodeNode(id int64, labels []string, props map[string]any) ([]byte, error) {
	e := encoder{buf: make([]byte, 0, 64)}
	e.buf = append(e.buf, recordVersion)
	e.strs(labels)
	if err := e.props(props); err != nil {
		return nil, err
	}
	return seal(itob(id), e.buf), nil
}

// encodeRel returns the sealed record of relationship id.
func encodeRel(id int64, typ string, start, end int64, props map[string]any) ([]byte, error) {
	e := encoder{buf: make([]byte, 0, 64)}
	e.buf = append(e.buf, recordVersion)
	e.str(typ)
	e.varint(start)
	e.varint(end)
	if err := e.props(props); err != nil {
		return nil, err
	}
	return seal(itob(id), e.buf), nil
}

type decoder struct {
	buf []byte
	err error
	// spill admits tagSpilled as a property's value: in records read from
	// the store file, not in whole records (snapshots, scans).
	spill bool
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: truncated or invalid %s", errCorrupt, what)
	}
	d.buf = nil
}

func (d *decoder) byte1(what string) byte {
	if len(d.buf) == 0 {
		d.fail(what)
		return 0
	}
	b := d.buf[0]
	d.buf = d.buf[1:]
	return b
}

func (d *decoder) uvarint(what string) uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) varint(what string) int64 {
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// count reads a length and checks that at least min bytes per element remain,
// so that a corrupt length cannot trigger a huge allocation.
func (d *decoder) count(what string) int {
	n := d.uvarint(what)
	if n > uint64(len(d.buf)) {
		d.fail(what)
		return 0
	}
	return int(n)
}

func (d *decoder) str(what string) string {
	return string(d.bytes(what))
}

// bytes reads a string without copying it: the slice shares the record.
func (d *decoder) bytes(what string) []byte {
	n := d.count(what)
	if d.err != nil {
		return nil
	}
	b := d.buf[:n]
	d.buf = d.buf[n:]
	return b
}

func (d *decoder) strs(what string) []string {
	n := d.count(what)
	out := make([]string, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, d.str(what))
	}
	return out
}

func (d *decoder) version() {
	if v := d.byte1("version"); d.err == nil && v != recordVersion {
		d.err = fmt.Errorf("%w: unknown record version %d", errCorrupt, v)
	}
}

func (d *decoder) props() map[string]any {
	n := d.count("property count")
	p := make(map[string]any, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str("property key")
		v := d.value(0)
		if d.err == nil {
			p[k] = v
		}
	}
	return p
}

func (d *decoder) value(depth int) any {
	if depth > 32 {
		d.fail("nesting")
		return nil
	}
	switch tag := d.byte1("value tag"); tag {
	case tagString:
		return d.str("string")
	case tagInt:
		return d.varint("integer")
	case tagFloat:
		if len(d.buf) < 8 {
			d.fail("float")
			return nil
		}
		v := math.Float64frombits(binary.BigEndian.Uint64(d.buf))
		d.buf = d.buf[8:]
		return v
	case tagFalse:
		return false
	case tagTrue:
		return true
	case tagStrings:
		return d.strs("string list")
	case tagList:
		n := d.count("list")
		out := make([]any, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			out = append(out, d.value(depth+1))
		}
		return out
	case tagDate:
		return value.DateOfEpochDay(d.varint("date"))
	case tagLocalTime:
		n := d.varint("local time")
		if n < 0 || n >= 86400e9 {
			d.fail("local time")
			return nil
		}
		return value.LocalTimeOfNanoOfDay(n)
	case tagTime:
		n := d.varint("time")
		off := d.varint("time offset")
		t, err := value.NewTime(n, int(off))
		if d.err == nil && (err != nil || n < 0 || n >= 86400e9) {
			d.fail("time")
			return nil
		}
		return t
	case tagLocalDateTime:
		sec := d.varint("local datetime")
		ns := d.varint("local datetime nanoseconds")
		if ns < 0 || ns >= 1e9 {
			d.fail("local datetime")
			return nil
		}
		return value.LocalDateTimeOfEpoch(sec, ns)
	case tagDateTime:
		sec := d.varint("datetime")
		ns := d.varint("datetime nanoseconds")
		off := d.varint("datetime offset")
		zone := d.str("datetime zone")
		if d.err != nil {
			return nil
		}
		t, err := value.NewDateTime(sec, ns, zone, int(off))
		if err != nil || ns < 0 || ns >= 1e9 {
			d.err = fmt.Errorf("%w: invalid datetime: %v", errCorrupt, err)
			return nil
		}
		return t
	case tagDuration:
		v := value.Duration{Months: d.varint("duration"), Days: d.varint("duration"), Seconds: d.varint("duration")}
		ns := d.varint("duration")
		if ns < 0 || ns >= 1e9 {
			d.fail("duration")
			return nil
		}
		v.Nanos = int32(ns)
		return v
	case tagPoint:
		return d.point()
	case tagBytes:
		return bytes.Clone(d.bytes("byte array"))
	case tagSpilled:
		if d.spill && depth == 0 {
			return spilledSet{}
		}
		d.fail("value: a spilled set where none may be")
		return nil
	default:
		if d.err == nil {
			d.err = fmt.Errorf("%w: unknown value tag %d", errCorrupt, tag)
		}
		return nil
	}
}

// point decodes the payload of tagPoint.
func (d *decoder) point() any {
	srid, n := binary.Uvarint(d.buf)
	if n <= 0 || srid > math.MaxInt32 {
		d.fail("point srid")
		return nil
	}
	d.buf = d.buf[n:]
	dims := value.Point{SRID: int32(srid)}.Dims()
	if len(d.buf) < 8*dims {
		d.fail("point coordinates")
		return nil
	}
	coords := make([]float64, dims)
	for i := range coords {
		coords[i] = math.Float64frombits(binary.BigEndian.Uint64(d.buf))
		d.buf = d.buf[8:]
	}
	p, err := value.NewPoint(int32(srid), coords...)
	if err != nil {
		d.err = fmt.Errorf("%w: %v", errCorrupt, err)
		return nil
	}
	return p
}

func (d *decoder) done() error {
	if d.err == nil && len(d.buf) != 0 {
		d.err = fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(d.buf))
	}
	return d.err
}

// openRecord verifies the checksum of the record of element id and returns a
// decoder of its body.
func openRecord(id int64, rec []byte) decoder {
	body, err := unseal(itob(id), rec)
	return decoder{buf: body, err: err}
}

// decodeNode decodes the whole record of node id (see scanRecords).
func decodeNode(id int64, b []byte) (labels []string, props map[string]any, err error) {
	return decodeNodeRecord(openRecord(id, b))
}

// decodeStoredNode decodes the record of node id as the store file holds
// it: a spilled set's value is spilledSet{}.
func decodeStoredNode(id int64, b []byte) (labels []string, props map[string]any, err error) {
	d := openRecord(id, b)
	d.spill = true
	return decodeNodeRecord(d)
}

func decodeNodeRecord(d decoder) (labels []string, props map[string]any, err error) {
	d.version()
	labels = d.strs("labels")
	props = d.props()
	return labels, props, d.done()
}

// decodeNodeLabels decodes only the labels of the record of node id.
func decodeNodeLabels(id int64, b []byte) ([]string, error) {
	d := openRecord(id, b)
	d.version()
	labels := d.strs("labels")
	return labels, d.err
}

// decodeRel decodes the whole record of relationship id (see scanRecords).
func decodeRel(id int64, b []byte) (typ string, start, end int64, props map[string]any, err error) {
	return decodeRelRecord(openRecord(id, b))
}

// decodeStoredRel decodes the record of relationship id as the store file
// holds it: a spilled set's value is spilledSet{}.
func decodeStoredRel(id int64, b []byte) (typ string, start, end int64, props map[string]any, err error) {
	d := openRecord(id, b)
	d.spill = true
	return decodeRelRecord(d)
}

func decodeRelRecord(d decoder) (typ string, start, end int64, props map[string]any, err error) {
	d.version()
	typ = d.str("type")
	start = d.varint("start")
	end = d.varint("end")
	props = d.props()
	return typ, start, end, props, d.done()
}

// decodeRelHead decodes the type and end points of the record of
// relationship id.
func decodeRelHead(id int64, b []byte) (typ string, start, end int64, err error) {
	d := openRecord(id, b)
	d.version()
	typ = d.str("type")
	start = d.varint("start")
	end = d.varint("end")
	return typ, start, end, d.err
}

// decodeNodeKeys decodes the labels of the record of node id and the
// values of properties keys, which must be sorted (nil when absent),
// without building the others.
func decodeNodeKeys(id int64, b []byte, keys []string) (labels []string, vals []any, err error) {
	d := openRecord(id, b)
	d.version()
	labels = d.strs("labels")
	vals = make([]any, len(keys))
	n := d.count("property count")
	k := 0
	for i := 0; i < n && d.err == nil; i++ {
		name := d.bytes("property key")
		for k < len(keys) && keys[k] < string(name) {
			k++
		}
		if k < len(keys) && keys[k] == string(name) {
			vals[k] = d.value(0)
			continue
		}
		d.skip(0)
	}
	return labels, vals, d.done()
}

// openVerified returns a decoder of the body of a record whose checksum
// has been verified before.
func openVerified(rec []byte) decoder {
	if len(rec) < 4 {
		return decoder{err: fmt.Errorf("%w: %d bytes, too short for a checksum", errCorrupt, len(rec))}
	}
	return decoder{buf: rec[:len(rec)-4]}
}

// decodeNodeProp decodes property key of the node record d opened, without
// the others: nil when the node has no such property.
func decodeNodeProp(d decoder, key string) (any, error) {
	d.version()
	for range d.count("labels") {
		d.bytes("labels")
	}
	return d.prop(key)
}

// decodeRelProp decodes property key of the relationship record d opened,
// without the others: nil when it has no such property.
func decodeRelProp(d decoder, key string) (any, error) {
	d.version()
	d.bytes("type")
	d.varint("start")
	d.varint("end")
	return d.prop(key)
}

// prop reads properties up to key (they are sorted) and returns its value.
func (d *decoder) prop(key string) (any, error) {
	n := d.count("property count")
	for i := 0; i < n && d.err == nil; i++ {
		k := d.bytes("property key")
		switch c := strings.Compare(string(k), key); {
		case c == 0:
			v := d.value(0)
			return v, d.err
		case c > 0:
			return nil, d.err
		}
		d.skip(0)
	}
	return nil, d.err
}

// skip reads past a value without building the strings and lists value
// would; other values are read by value.
func (d *decoder) skip(depth int) {
	if len(d.buf) == 0 {
		d.fail("value tag")
		return
	}
	switch d.buf[0] {
	case tagString, tagBytes:
		d.buf = d.buf[1:]
		d.bytes("string")
	case tagStrings:
		d.buf = d.buf[1:]
		for range d.count("string list") {
			d.bytes("string list")
		}
	case tagList:
		if depth > 32 {
			d.fail("nesting")
			return
		}
		d.buf = d.buf[1:]
		for range d.count("list") {
			d.skip(depth + 1)
		}
	default:
		d.value(depth)
	}
}

// itob returns the 8-byte big-endian key of an int64 id, so that ids sort
// numerically in bbolt's byte order for non-negative ids.
func itob(id int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(id)) }

// btoi is the inverse of itob.
func btoi(b []byte) (int64, error) {
	if len(b) != 8 {
		return 0, fmt.Errorf("%w: id key of %d bytes", errCorrupt, len(b))
	}
	return int64(binary.BigEndian.Uint64(b)), nil
}

// releaseEvery is how many bytes of keys and values a scan reads between
// calls to releaseMapped: the pages holding them take two to three times
// as much (half-full pages, element headers).
const releaseEvery = 16 << 20

// scanReads counts the bytes a scan of tx reads and calls releaseMapped
// every releaseEvery of them: a scan of the whole store would otherwise
// leave the process charged with the whole file.
type scanReads struct {
	tx *bolt.Tx
	n  int
}

func (r *scanReads) add(k, v []byte) {
	if r.n += len(k) + len(v); r.n >= releaseEvery {
		releaseMapped(r.tx)
		r.n = 0
	}
}

// scanBucket calls fn for every record of a node or relationship bucket
// whose id is from from up to to (excluded; to < 0: to the last), in id
// order, with the record's id, and checks ctx every 4096 records so that a
// long scan can be cancelled.
//
// It drops the pages it has read from the process's resident set as it
// goes (scanReads).
func scanBucket(ctx context.Context, b *bolt.Bucket, from, to int64, fn func(id int64, v []byte) error) error {
	i, reads := 0, scanReads{tx: b.Tx()}
	c := b.Cursor()
	for k, v := c.Seek(itob(from)); k != nil; k, v = c.Next() {
		if i++; i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		reads.add(k, v)
		id, err := btoi(k)
		if err != nil {
			return err
		}
		if to >= 0 && id >= to {
			return nil
		}
		if err := fn(id, v); err != nil {
			return err
		}
	}
	return nil
}

// normalize returns v as a storable property value: string, int64, float64,
// bool, a temporal value of package cypher, a point, a []byte, []string, or a []any of values
// all of one of those types (as Neo4j stores lists). Other integer and float
// kinds are widened, a time.Time becomes a value.DateTime (as the Neo4j
// driver sends it); a []any of strings, or an empty one, becomes a []string.
func normalize(v any) (any, error) {
	switch v := v.(type) {
	case nil, string, int64, float64, bool,
		value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime:
		return v, nil
	case value.Point:
		// NewPoint checks the system and coordinates of a point built
		// outside the engine (a Bolt parameter, a Load).
		return value.NewPoint(v.SRID, []float64{v.X, v.Y, v.Z}[:v.Dims()]...)
	case value.Duration:
		if v.Nanos < 0 || v.Nanos >= 1e9 {
			return nil, fmt.Errorf("duration nanoseconds %d outside [0, 1e9)", v.Nanos)
		}
		return v, nil
	case []string:
		return slices.Clone(v), nil
	case []byte:
		return bytes.Clone(v), nil
	case int, int8, int16, int32, uint, uint8, uint16, uint32, uint64, float32, time.Time:
		// a time.Time as the Neo4j driver sends it: a DATETIME
		return value.Canon(v)
	case []any:
		// Like Neo4j, a list property holds values of one simple type.
		out := make([]any, len(v))
		var kind string
		for i, x := range v {
			n, err := normalize(x)
			if err != nil {
				return nil, fmt.Errorf("list element %d: %w", i, err)
			}
			k := fmt.Sprintf("%T", n)
			switch n.(type) {
			case nil:
				return nil, fmt.Errorf("list element %d is null", i)
			case []string, []any, []byte:
				return nil, fmt.Errorf("list element %d is a list: lists of lists cannot be stored", i)
			}
			if i > 0 && k != kind {
				return nil, fmt.Errorf("list mixes %s and %s: a list property holds values of one type", kind, k)
			}
			kind = k
			out[i] = n
		}
		if kind == "" || kind == "string" {
			ss := make([]string, len(out))
			for i, x := range out {
				ss[i] = x.(string)
			}
			return ss, nil
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported property value type %T", v)
}

// normalizeProps returns a normalized copy of p without nil values.
func normalizeProps(p map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(p))
	for k, v := range p {
		n, err := normalize(v)
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		if n != nil {
			out[k] = n
		}
	}
	return out, nil
}

// toEngine returns p with every []string turned into the []any the Cypher
// engine works with.
func toEngine(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = engineValue(v)
	}
	return out
}

func engineValue(v any) any {
	if l, ok := v.([]string); ok {
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out
	}
	return v
}
