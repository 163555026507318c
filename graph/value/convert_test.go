package value_test

import (
	"reflect"
	"testing"

	"github.com/kgnews/kg/graph/value"
)

func TestConvert(t *testing.T) {
	double := func(v any) any { return v.(int64) * 2 }
	if got, want := value.ConvertList([]any{int64(1), int64(2)}, double), []any{int64(2), int64(4)}; !reflect.DeepEqual(got, want) {
		t.Errorf("ConvertList = %v, want %v", got, want)
	}
	if got, want := value.ConvertMap(map[string]any{"a": int64(3)}, double), map[string]any{"a": int64(6)}; !reflect.DeepEqual(got, want) {
		t.Errorf("ConvertMap = %v, want %v", got, want)
	}
	if got, want := value.AnyList([]string{"x", "y"}), []any{"x", "y"}; !reflect.DeepEqual(got, want) {
		t.Errorf("AnyList = %v, want %v", got, want)
	}
	// Empty and nil inputs give empty, non-nil results: [] and {} in JSON.
	if got := value.ConvertList[any, any](nil, double); got == nil || len(got) != 0 {
		t.Errorf("ConvertList(nil) = %#v, want an empty list", got)
	}
	if got := value.ConvertMap[any, any](nil, double); got == nil || len(got) != 0 {
		t.Errorf("ConvertMap(nil) = %#v, want an empty map", got)
	}
}
