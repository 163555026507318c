package cypher

import (
	"errors"

	"github.com/kgnews/kg/graph/value"
)

// registerSpatial adds point(), point.distance() and point.withinBBox().
func registerSpatial(fns map[string]fnSpec) {
	fns["point"] = fnSpec{1, 1, func(ec *execCtx, a []any) (any, error) {
		switch x := a[0].(type) {
		case nil:
			return nil, nil
		case value.Point:
			return x, nil
		case map[string]any:
			p, ok, err := value.PointFromMap(x)
			if err != nil {
				return nil, pointErr(ec, "point", err)
			}
			if !ok {
				return nil, nil
			}
			return p, nil
		}
		return nil, argErr(ec, "point", a[0])
	}}
	fns["point.distance"] = fnSpec{2, 2, func(ec *execCtx, a []any) (any, error) {
		ps, err := pointArgs(ec, "point.distance", a)
		if ps == nil || err != nil {
			return nil, err
		}
		d, ok := value.Distance(ps[0], ps[1])
		if !ok {
			return nil, nil
		}
		return d, nil
	}}
	fns["point.withinbbox"] = fnSpec{3, 3, func(ec *execCtx, a []any) (any, error) {
		ps, err := pointArgs(ec, "point.withinBBox", a)
		if ps == nil || err != nil {
			return nil, err
		}
		in, ok := value.WithinBBox(ps[0], ps[1], ps[2])
		if !ok {
			return nil, nil
		}
		return in, nil
	}}
}

// pointArgs checks that every argument is a point: nil points (and no
// error) when one is null.
func pointArgs(ec *execCtx, fn string, a []any) ([]value.Point, error) {
	ps := make([]value.Point, len(a))
	for i, v := range a {
		switch x := v.(type) {
		case nil:
			return nil, nil
		case value.Point:
			ps[i] = x
		default:
			return nil, argErr(ec, fn, v)
		}
	}
	return ps, nil
}

// pointErr converts an error of the spatial code into a query error.
func pointErr(ec *execCtx, fn string, err error) error {
	if errors.Is(err, value.ErrPoint) {
		return ec.runtimeErr(ArgumentError, "InvalidArgumentValue", "%s: %v", fn, err)
	}
	return err
}
