package graph

import (
	"fmt"
	"math"
)

// Widen returns v with Go's other integer kinds as int64 and float32 as
// float64, the only numeric types of the model (Props). Any other value is
// returned unchanged. An unsigned integer beyond int64 is an error.
func Widen(v any) (any, error) {
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
	}
	return v, nil
}
