package value

// ConvertList returns a new list holding f of each element of l, in order:
// how a conversion of values (from a driver's, from JSON, to a test's
// model) descends into a list. The result is never nil.
func ConvertList[E, R any](l []E, f func(E) R) []R {
	out := make([]R, len(l))
	for i, e := range l {
		out[i] = f(e)
	}
	return out
}

// ConvertMap returns a new map holding f of each value of m under the same
// key: how a conversion of values descends into a map. The result is never
// nil.
func ConvertMap[V, R any](m map[string]V, f func(V) R) map[string]R {
	out := make(map[string]R, len(m))
	for k, v := range m {
		out[k] = f(v)
	}
	return out
}

// AnyList returns a typed list such as []string as a new []any, the list
// type of the value model. The result is never nil.
func AnyList[E any](l []E) []any {
	return ConvertList(l, func(e E) any { return e })
}
