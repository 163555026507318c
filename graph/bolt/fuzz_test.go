package bolt

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to the PackStream and message decoders
// and to the chunk reader: they may fail, never panic, and what Decode
// accepts encodes again.
func FuzzDecode(f *testing.F) {
	for _, h := range []string{
		"C0", "92018161", "A1816101", "B144C94A38", "B44501020304", "B3690101854E6F6E65",
		"B44E0791814CA08137", "D6FFFFFFFF", "B1108141", "B3108F52455455524E2031A0A0",
		"B0540154", "0003B0010F0000", "",
		"B358C91C23C13FF0000000000000C14000000000000000", "B459C91373C13FF0000000000000C14000000000000000C10000000000000000",
	} {
		b, _ := hex.DecodeString(h)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, n, err := Decode(b)
		if err == nil {
			if n > len(b) {
				t.Fatalf("Decode used %d of %d bytes", n, len(b))
			}
			if _, ok := v.(Structure); !ok && !containsStructure(v) {
				if _, err := Encode(nil, v); err != nil {
					t.Fatalf("Encode(Decode(%x)) = %v", b, err)
				}
			}
		}
		_, _ = decodeMessage(b)
		r := bufio.NewReader(bytes.NewReader(b))
		for {
			if _, err := readMessage(r, nil, 1<<10); err != nil {
				break
			}
		}
	})
}

func containsStructure(v any) bool {
	switch v := v.(type) {
	case Structure:
		return true
	case []any:
		for _, x := range v {
			if containsStructure(x) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if containsStructure(x) {
				return true
			}
		}
	}
	return false
}
