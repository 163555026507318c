package embedded

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/value"
)

func TestCodecRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		labels []string
		props  map[string]any
	}{
		{"empty", nil, map[string]any{}},
		{"scalars", []string{"Actor"}, map[string]any{
			"id": "actor-xi-jinping", "name": "Xi Jinping", "age": int64(72), "neg": int64(math.MinInt64),
			"big": int64(math.MaxInt64), "rate": 0.25, "whole": 2.0, "inf": math.Inf(-1), "yes": true, "no": false,
		}},
		{"lists", []string{"A", "B"}, map[string]any{
			"aliases": []string{"Xi", "President Xi", ""}, "none": []string{},
			"mixed": []any{int64(1), "two", 3.5, true, []any{int64(4)}},
		}},
		{"unicode", []string{"Ünïcode"}, map[string]any{"text": "a\"b\\c\nd\x00e — 中国 🇨🇳"}},
		{"bytes", nil, map[string]any{"blob": []byte{0, 1, 0xff}, "empty": []byte{}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := encodeNode(1, tc.labels, tc.props)
			if err != nil {
				t.Fatalf("encodeNode: %v", err)
			}
			labels, props, err := decodeNode(1, rec)
			if err != nil {
				t.Fatalf("decodeNode: %v", err)
			}
			wantLabels := tc.labels
			if wantLabels == nil {
				wantLabels = []string{}
			}
			if !reflect.DeepEqual(labels, wantLabels) || !reflect.DeepEqual(props, tc.props) {
				t.Fatalf("round trip = %v %#v, want %v %#v", labels, props, wantLabels, tc.props)
			}
			again, _ := encodeNode(1, labels, props)
			if string(again) != string(rec) {
				t.Fatalf("encoding is not deterministic")
			}

			rrec, err := encodeRel(1, "PLEDGED", 7, 1<<40, tc.props)
			if err != nil {
				t.Fatalf("encodeRel: %v", err)
			}
			typ, start, end, rprops, err := decodeRel(1, rrec)
			if err != nil || typ != "PLEDGED" || start != 7 || end != 1<<40 || !reflect.DeepEqual(rprops, tc.props) {
				t.Fatalf("decodeRel = %q %d %d %#v %v", typ, start, end, rprops, err)
			}
		})
	}
}

func TestCodecRejects(t *testing.T) {
	for _, v := range []any{map[string]any{"a": 1}, []any{nil}, struct{}{}, int(3)} {
		if _, err := encodeNode(1, nil, map[string]any{"k": v}); err == nil {
			t.Errorf("encodeNode accepted %T", v)
		}
	}
	rec, _ := encodeNode(1, []string{"Actor"}, map[string]any{"name": "x", "n": int64(5)})
	for i := range rec {
		if _, _, err := decodeNode(1, rec[:i]); !errors.Is(err, errCorrupt) {
			t.Errorf("decodeNode(1, truncated to %d) = %v, want errCorrupt", i, err)
		}
	}
	bad := append([]byte{}, rec...)
	bad[0] = 99
	if _, _, err := decodeNode(1, bad); !errors.Is(err, errCorrupt) {
		t.Errorf("decodeNode(1, version 99) = %v, want errCorrupt", err)
	}
}

// TestChecksumCatchesEveryBitFlip flips each bit of a node record, a
// relationship record and an index entry in turn: every flip must fail
// the checksum, as must a record read under another key.
func TestChecksumCatchesEveryBitFlip(t *testing.T) {
	node, _ := encodeNode(7, []string{"Actor"}, map[string]any{"id": "actor-x", "name": "X", "aliases": []string{"Ex"}})
	rel, _ := encodeRel(8, "SPOKE_WITH", 7, 9, map[string]any{"sources": []string{"a"}, "rate": 2.5})
	idx := indexValue("actor-x", 7)
	decoders := map[string]struct {
		rec    []byte
		decode func([]byte) error
	}{
		"node":         {node, func(b []byte) error { _, _, err := decodeNode(7, b); return err }},
		"relationship": {rel, func(b []byte) error { _, _, _, _, err := decodeRel(8, b); return err }},
		"index entry":  {idx, func(b []byte) error { _, err := indexID([]byte("actor-x"), b); return err }},
	}
	for name, d := range decoders {
		if err := d.decode(d.rec); err != nil {
			t.Fatalf("%s: sound record: %v", name, err)
		}
		for bit := range len(d.rec) * 8 {
			b := append([]byte(nil), d.rec...)
			b[bit/8] ^= 1 << (bit % 8)
			if err := d.decode(b); !errors.Is(err, errCorrupt) {
				t.Fatalf("%s: bit %d flipped: err = %v, want errCorrupt", name, bit, err)
			}
		}
	}
	if _, _, err := decodeNode(6, node); !errors.Is(err, errChecksum) {
		t.Errorf("node 7's record read as node 6: err = %v, want errChecksum", err)
	}
	if _, err := indexID([]byte("actor-y"), idx); !errors.Is(err, errChecksum) {
		t.Errorf("index entry read under another id: err = %v, want errChecksum", err)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want any
		wantErr  bool
	}{
		{int(3), int64(3), false},
		{uint8(3), int64(3), false},
		{float32(0.5), 0.5, false},
		{[]any{"a", "b"}, []string{"a", "b"}, false},
		{[]any{}, []string{}, false},
		{[]any{int64(1), int(2)}, []any{int64(1), int64(2)}, false},
		{[]any{true}, []any{true}, false},
		{[]any{int64(1), "a"}, nil, true},
		{[]any{int64(1), 2.5}, nil, true},
		{[]any{[]any{int64(1)}}, nil, true},
		{uint64(math.MaxUint64), nil, true},
		{map[string]any{}, nil, true},
		{[]any{nil}, nil, true},
	}
	for _, tc := range tests {
		got, err := normalize(tc.in)
		if (err != nil) != tc.wantErr || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("normalize(%#v) = %#v, %v; want %#v (error %v)", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func FuzzDecode(f *testing.F) {
	rec, _ := encodeNode(1, []string{"Actor"}, map[string]any{"name": "x", "l": []string{"a"}, "m": []any{int64(1), 2.5}})
	f.Add(rec)
	rrec, _ := encodeRel(1, "T", 1, 2, map[string]any{"b": true})
	f.Add(rrec)
	prec, _ := encodeRel(1, "T", 1, 2, map[string]any{"p": value.Point{SRID: value.SRIDWGS843D, X: 1, Y: 2, Z: 3}})
	f.Add(prec)
	f.Fuzz(func(t *testing.T, body []byte) {
		// Seal the bytes, so that the decoder behind the checksum is fuzzed.
		b := seal(itob(1), body)
		if labels, props, err := decodeNode(1, b); err == nil {
			again, err := encodeNode(1, labels, props)
			if err != nil {
				t.Fatalf("re-encode of a decoded node: %v", err)
			}
			l2, p2, err := decodeNode(1, again)
			if err != nil {
				t.Fatalf("decode of a re-encoded node: %v", err)
			}
			// Compare encodings rather than values: NaN != NaN.
			if third, _ := encodeNode(1, l2, p2); string(third) != string(again) {
				t.Fatalf("node round trip is not stable")
			}
		}
		_, _, _, _, _ = decodeRel(1, b)
	})
}
