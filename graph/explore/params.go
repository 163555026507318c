package explore

import (
	"net/url"
	"strconv"
	"time"
)

// intParam reads the integer query parameter name: def when absent, an
// error naming it when it is no integer or outside [lo, hi].
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badRequest(codeArgument, "%s must be an integer, got %s", name, quote(s))
	}
	if n < lo || n > hi {
		return 0, badRequest(codeArgument, "%s must be between %d and %d, got %d", name, lo, hi, n)
	}
	return n, nil
}

// dateParam reads the date query parameter name (YYYY, YYYY-MM or
// YYYY-MM-DD): "" when absent, an error naming it when malformed.
func dateParam(q url.Values, name string) (string, error) {
	s := q.Get(name)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return s, nil
			}
		}
	}
	return "", badRequest(codeArgument, "%s must be a date YYYY-MM-DD (or YYYY-MM, YYYY), got %s", name, quote(s))
}

// toInt reads an integer result value.
func toInt(v any) int64 {
	switch v := v.(type) {
	case int64:
		return v
	case float64:
		return int64(v)
	}
	return 0
}

// stringList reads a list-of-strings property.
func stringList(v any) []string {
	switch v := v.(type) {
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		return []string{v}
	}
	return nil
}
