package embedded

import (
	"errors"
	"math"
	"reflect"
	"testing"
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
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := encodeNode(tc.labels, tc.props)
			if err != nil {
				t.Fatalf("encodeNode: %v", err)
			}
			labels, props, err := decodeNode(rec)
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
			again, _ := encodeNode(labels, props)
			if string(again) != string(rec) {
				t.Fatalf("encoding is not deterministic")
			}

			rrec, err := encodeRel("PLEDGED", 7, 1<<40, tc.props)
			if err != nil {
				t.Fatalf("encodeRel: %v", err)
			}
			typ, start, end, rprops, err := decodeRel(rrec)
			if err != nil || typ != "PLEDGED" || start != 7 || end != 1<<40 || !reflect.DeepEqual(rprops, tc.props) {
				t.Fatalf("decodeRel = %q %d %d %#v %v", typ, start, end, rprops, err)
			}
		})
	}
}

func TestCodecRejects(t *testing.T) {
	for _, v := range []any{map[string]any{"a": 1}, []any{nil}, struct{}{}, int(3)} {
		if _, err := encodeNode(nil, map[string]any{"k": v}); err == nil {
			t.Errorf("encodeNode accepted %T", v)
		}
	}
	rec, _ := encodeNode([]string{"Actor"}, map[string]any{"name": "x", "n": int64(5)})
	for i := range rec {
		if _, _, err := decodeNode(rec[:i]); !errors.Is(err, errCorrupt) {
			t.Errorf("decodeNode(truncated to %d) = %v, want errCorrupt", i, err)
		}
	}
	bad := append([]byte{}, rec...)
	bad[0] = 99
	if _, _, err := decodeNode(bad); !errors.Is(err, errCorrupt) {
		t.Errorf("decodeNode(version 99) = %v, want errCorrupt", err)
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
	rec, _ := encodeNode([]string{"Actor"}, map[string]any{"name": "x", "l": []string{"a"}, "m": []any{int64(1), 2.5}})
	f.Add(rec)
	rrec, _ := encodeRel("T", 1, 2, map[string]any{"b": true})
	f.Add(rrec)
	f.Fuzz(func(t *testing.T, b []byte) {
		if labels, props, err := decodeNode(b); err == nil {
			again, err := encodeNode(labels, props)
			if err != nil {
				t.Fatalf("re-encode of a decoded node: %v", err)
			}
			l2, p2, err := decodeNode(again)
			if err != nil {
				t.Fatalf("decode of a re-encoded node: %v", err)
			}
			// Compare encodings rather than values: NaN != NaN.
			if third, _ := encodeNode(l2, p2); string(third) != string(again) {
				t.Fatalf("node round trip is not stable")
			}
		}
		_, _, _, _, _ = decodeRel(b)
	})
}
