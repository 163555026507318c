package value

import (
	"fmt"
	"math"
	"time"
)

// Canon returns v in its canonical form: Go's other integer kinds become
// int64, float32 becomes float64, and a time.Time (as the Neo4j driver sends
// an instant) becomes a DateTime; the elements of []any and map[string]any
// are canonicalised into new containers. Any other value, []string
// included, is returned unchanged. An unsigned integer beyond int64 is an
// error.
func Canon(v any) (any, error) {
	switch v := v.(type) {
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			c, err := Canon(x)
			if err != nil {
				return nil, fmt.Errorf("list element %d: %w", i, err)
			}
			out[i] = c
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			c, err := Canon(x)
			if err != nil {
				return nil, fmt.Errorf("key %q: %w", k, err)
			}
			out[k] = c
		}
		return out, nil
	}
	return canonScalar(v)
}

// canonScalar is Canon without the descent into lists and maps.
func canonScalar(v any) (any, error) {
	switch v := v.(type) {
	case int:
		return int64(v), nil
	case int8:
		return int64(v), nil
	case int16:
		return int64(v), nil
	case int32:
		return int64(v), nil
	case uint8:
		return int64(v), nil
	case uint16:
		return int64(v), nil
	case uint32:
		return int64(v), nil
	case uint:
		if uint64(v) > math.MaxInt64 {
			return nil, fmt.Errorf("integer %d overflows int64", v)
		}
		return int64(v), nil
	case uint64:
		if v > math.MaxInt64 {
			return nil, fmt.Errorf("integer %d overflows int64", v)
		}
		return int64(v), nil
	case float32:
		return float64(v), nil
	case time.Time:
		return DateTimeOf(v), nil
	}
	return v, nil
}
