package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// The model file is gzip-compressed (no name, no time stamp) binary:
// the magic string, the relations, the tag dictionary, the lemma
// exceptions and the three weight tables.
const modelMagic = "kg-syntax-model/1\n"

// Save writes m to w. Saving the same model always gives the same bytes.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("syntax: failed to start compression: %w", err)
	}
	e := &encoder{w: bufio.NewWriter(zw)}
	e.bytes([]byte(modelMagic))
	e.uvarint(uint64(len(m.labels)))
	for _, l := range m.labels {
		e.string(l)
	}
	e.uvarint(uint64(len(m.tagger.entries)))
	for _, d := range m.tagger.entries {
		e.string(d.form)
		e.bytes([]byte{d.tag})
	}
	e.uvarint(uint64(len(m.lemmas.exceptions)))
	for _, x := range m.lemmas.exceptions {
		e.string(x.lower)
		e.bytes([]byte{x.tag})
		e.string(x.lemma)
	}
	for _, t := range []*table{m.tagger.w, m.parser, m.labeler} {
		e.table(t)
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	if e.err == nil {
		e.err = zw.Close()
	}
	if e.err != nil {
		return fmt.Errorf("syntax: failed to save the model: %w", e.err)
	}
	return nil
}

// encoder writes with a sticky error.
type encoder struct {
	w   *bufio.Writer
	err error
	tmp [binary.MaxVarintLen64]byte
}

func (e *encoder) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) uvarint(v uint64) { e.bytes(binary.AppendUvarint(e.tmp[:0], v)) }

func (e *encoder) string(s string) {
	e.uvarint(uint64(len(s)))
	e.bytes([]byte(s))
}

// table writes t as its shape, then the kept rows (gap and count), the
// classes, the low bytes and the high bytes of the weights: separate
// streams compress better.
func (e *encoder) table(t *table) {
	e.bytes([]byte{t.bits})
	e.uvarint(uint64(t.classes))
	e.uvarint(uint64(math.Float32bits(t.scale)))
	rows := 0
	for r := range 1 << t.bits {
		if t.start[r+1] > t.start[r] {
			rows++
		}
	}
	e.uvarint(uint64(rows))
	last := -1
	for r := range 1 << t.bits {
		if n := t.start[r+1] - t.start[r]; n > 0 {
			e.uvarint(uint64(r - last))
			e.uvarint(uint64(n))
			last = r
		}
	}
	e.uvarint(uint64(len(t.cls)))
	e.bytes(t.cls)
	lo, hi := make([]byte, len(t.val)), make([]byte, len(t.val))
	for i, v := range t.val {
		lo[i], hi[i] = byte(uint16(v)), byte(uint16(v)>>8)
	}
	e.bytes(lo)
	e.bytes(hi)
}

// ErrBadModel is returned (wrapped) by [Load] for input that is not a
// model file of this version.
var ErrBadModel = errors.New("not a syntax model")

// maxModelSize bounds what Load decompresses: a model file is about 12 MB
// decompressed, and a table of the largest shape it accepts about 100 MB.
const maxModelSize = 256 << 20

// Load reads a model written by [Model.Save].
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("syntax: failed to open the model: %w", err)
	}
	defer zr.Close()
	// Decompress once, then decode from memory: reading the many varints
	// of the tables a byte at a time through the decompressor took
	// nearly as long as decompressing.
	data, err := io.ReadAll(io.LimitReader(zr, maxModelSize+1))
	if err != nil {
		return nil, fmt.Errorf("syntax: failed to load the model: %w", err)
	}
	if len(data) > maxModelSize {
		return nil, fmt.Errorf("syntax: failed to load the model: %w: over %d MiB decompressed", ErrBadModel, maxModelSize>>20)
	}
	d := &decoder{b: data}
	if string(d.bytes(len(modelMagic))) != modelMagic {
		return nil, fmt.Errorf("syntax: failed to load the model: %w", ErrBadModel)
	}
	m := &Model{}
	m.labels = make([]string, d.count(255))
	root := -1
	for i := range m.labels {
		m.labels[i] = d.string()
		if m.labels[i] == "root" {
			root = i
		}
	}
	if d.err == nil && root < 0 {
		return nil, fmt.Errorf("syntax: failed to load the model: %w: no root relation", ErrBadModel)
	}
	m.root = uint8(root)
	entries := make([]dictEntry, d.count(1<<24))
	for i := range entries {
		entries[i] = dictEntry{form: d.string(), tag: d.byte()}
	}
	exceptions := make([]lemmaException, d.count(1<<24))
	for i := range exceptions {
		exceptions[i] = lemmaException{lower: d.string(), tag: d.byte(), lemma: d.string()}
	}
	tags, parser, labeler := d.table(len(upos)), d.table(moveCount), d.table(len(m.labels))
	if d.err != nil {
		return nil, fmt.Errorf("syntax: failed to load the model: %w", d.err)
	}
	for _, e := range entries {
		if int(e.tag) >= len(upos) {
			return nil, fmt.Errorf("syntax: failed to load the model: %w: tag %d", ErrBadModel, e.tag)
		}
	}
	for _, x := range exceptions {
		if int(x.tag) >= len(upos) {
			return nil, fmt.Errorf("syntax: failed to load the model: %w: tag %d", ErrBadModel, x.tag)
		}
	}
	m.tagger = newTagModel(entries, tags)
	m.lemmas = newLemmatizer(exceptions)
	m.parser, m.labeler = parser, labeler
	return m, nil
}

// decoder reads a decompressed model from memory, with a sticky error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// bytes returns the next n bytes, which alias the decoder's input.
func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b) {
		d.fail(io.ErrUnexpectedEOF)
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) byte() byte {
	if b := d.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	switch {
	case n == 0:
		d.fail(io.ErrUnexpectedEOF)
		return 0
	case n < 0:
		d.fail(fmt.Errorf("%w: varint overflows 64 bits", ErrBadModel))
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length no larger than limit.
func (d *decoder) count(limit int) int {
	v := d.uvarint()
	if v > uint64(limit) {
		d.fail(fmt.Errorf("%w: count %d over %d", ErrBadModel, v, limit))
		return 0
	}
	return int(v)
}

func (d *decoder) string() string { return string(d.bytes(d.count(1 << 16))) }

// table reads a table written by encoder.table with the given classes.
func (d *decoder) table(classes int) *table {
	bits := d.byte()
	if d.err != nil {
		return &table{}
	}
	if bits > 24 || d.count(classes) != classes {
		d.fail(fmt.Errorf("%w: table shape", ErrBadModel))
		return &table{}
	}
	t := &table{bits: bits, classes: classes, scale: math.Float32frombits(uint32(d.uvarint()))}
	t.start = make([]int32, 1<<bits+1)
	rows := d.count(1 << bits)
	r, total := -1, 0
	for range rows {
		r += d.count(1 << bits)
		n := d.count(classes)
		if d.err != nil || r >= 1<<bits || n == 0 {
			d.fail(fmt.Errorf("%w: table rows", ErrBadModel))
			return &table{}
		}
		t.start[r+1] = int32(n) // counts for now, summed below
		total += n
	}
	for i := 1; i < len(t.start); i++ {
		t.start[i] += t.start[i-1]
	}
	if d.count(total) != total {
		d.fail(fmt.Errorf("%w: table size", ErrBadModel))
		return &table{}
	}
	t.cls = bytes.Clone(d.bytes(total)) // not the whole input, which it would keep alive
	lo, hi := d.bytes(total), d.bytes(total)
	if d.err != nil {
		return &table{}
	}
	t.val = make([]int16, total)
	for i := range t.val {
		if int(t.cls[i]) >= classes {
			d.fail(fmt.Errorf("%w: class %d", ErrBadModel, t.cls[i]))
			return &table{}
		}
		t.val[i] = int16(uint16(lo[i]) | uint16(hi[i])<<8)
	}
	return t
}
