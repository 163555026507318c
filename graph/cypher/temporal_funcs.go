package cypher

import (
	"errors"
	"time"

	"github.com/kgnews/kg/graph/value"
)

// temporalErr converts an error of the temporal code into a query error.
func temporalErr(ec *execCtx, fn string, err error) error {
	if errors.Is(err, value.ErrTemporal) {
		return ec.runtimeErr(ArgumentError, "InvalidArgumentValue", "%s: %v", fn, err)
	}
	return err
}

// currentTemporal implements date(), date({timezone: …}) and
// date.statement(…), date.transaction(…), date.realtime(…).
func currentTemporal(ec *execCtx, k value.Kind, fn string, arg any) (any, error) {
	switch x := arg.(type) {
	case nil:
		return value.Now(k, statementTime(ec)), nil
	case string:
		v, err := value.NowIn(k, statementTime(ec), x)
		if err != nil {
			return nil, temporalErr(ec, fn, err)
		}
		return v, nil
	case map[string]any:
		return constructCall(ec, k, fn, x)
	}
	return nil, argErr(ec, fn, arg)
}

func constructCall(ec *execCtx, k value.Kind, fn string, x any) (any, error) {
	if m, ok := x.(map[string]any); ok {
		if tz, ok := m["timezone"]; ok && len(m) == 1 {
			return currentTemporal(ec, k, fn, tz)
		}
	}
	v, err := value.Construct(k, x, statementTime(ec))
	if err != nil {
		return nil, temporalErr(ec, fn, err)
	}
	return v, nil
}

func temporalConstructor(k value.Kind) fnSpec {
	name := k.String()
	return temporalFn(k, name, func(ec *execCtx, x any) (any, error) { return constructCall(ec, k, name, x) })
}

func temporalNow(k value.Kind, fn string) fnSpec {
	return temporalFn(k, fn, func(ec *execCtx, x any) (any, error) { return currentTemporal(ec, k, fn, x) })
}

// temporalFn is the function fn of kind k taking zero or one argument:
// none gives the current instant, null gives null, and another argument
// x gives arg(x).
func temporalFn(k value.Kind, fn string, arg func(ec *execCtx, x any) (any, error)) fnSpec {
	return fnSpec{0, 1, func(ec *execCtx, a []any) (any, error) {
		if len(a) == 0 {
			return currentTemporal(ec, k, fn, nil)
		}
		if a[0] == nil {
			return nil, nil
		}
		return arg(ec, a[0])
	}}
}

func temporalTruncate(k value.Kind) fnSpec {
	fn := k.String() + ".truncate"
	return fnSpec{2, 3, func(ec *execCtx, a []any) (any, error) {
		if a[0] == nil || a[1] == nil {
			return nil, nil
		}
		unit, ok := a[0].(string)
		if !ok {
			return nil, argErr(ec, fn, a[0])
		}
		var m map[string]any
		if len(a) == 3 && a[2] != nil {
			if m, ok = a[2].(map[string]any); !ok {
				return nil, argErr(ec, fn, a[2])
			}
		}
		v, err := value.Truncate(k, unit, a[1], m, statementTime(ec))
		if err != nil {
			return nil, temporalErr(ec, fn, err)
		}
		return v, nil
	}}
}

func durationBetween(fn string, unit int) fnSpec {
	return fnSpec{2, 2, func(ec *execCtx, a []any) (any, error) {
		if a[0] == nil || a[1] == nil {
			return nil, nil
		}
		v, err := value.Between(a[0], a[1], unit)
		if err != nil {
			return nil, temporalErr(ec, fn, err)
		}
		return v, nil
	}}
}

// registerTemporal adds the temporal functions to fns.
func registerTemporal(fns map[string]fnSpec) {
	for k := value.KindDate; k <= value.KindDateTime; k++ {
		name := k.String()
		fns[name] = temporalConstructor(k)
		for _, clock := range []string{"transaction", "statement", "realtime"} {
			fns[name+"."+clock] = temporalNow(k, name+"."+clock)
		}
		fns[name+".truncate"] = temporalTruncate(k)
	}
	fns["datetime.fromepoch"] = fnSpec{2, 2, func(ec *execCtx, a []any) (any, error) {
		if a[0] == nil || a[1] == nil {
			return nil, nil
		}
		s, err := intArg(ec, "datetime.fromepoch", a[0])
		if err != nil {
			return nil, err
		}
		ns, err := intArg(ec, "datetime.fromepoch", a[1])
		if err != nil {
			return nil, err
		}
		return value.DateTimeOfEpoch(s, ns), nil
	}}
	fns["datetime.fromepochmillis"] = fnSpec{1, 1, func(ec *execCtx, a []any) (any, error) {
		if a[0] == nil {
			return nil, nil
		}
		ms, err := intArg(ec, "datetime.fromepochmillis", a[0])
		if err != nil {
			return nil, err
		}
		return value.DateTimeOfEpoch(ms/1000, ms%1000*1e6), nil
	}}
	fns["duration"] = fnSpec{1, 1, func(ec *execCtx, a []any) (any, error) {
		var d value.Duration
		var err error
		switch x := a[0].(type) {
		case nil:
			return nil, nil
		case string:
			d, err = value.ParseDuration(x)
		case map[string]any:
			d, err = value.DurationFromMap(x)
		case value.Duration:
			return x, nil
		default:
			return nil, argErr(ec, "duration", a[0])
		}
		if err != nil {
			return nil, temporalErr(ec, "duration", err)
		}
		return d, nil
	}}
	fns["duration.between"] = durationBetween("duration.between", value.UnitAll)
	fns["duration.inmonths"] = durationBetween("duration.inMonths", value.UnitMonths)
	fns["duration.indays"] = durationBetween("duration.inDays", value.UnitDays)
	fns["duration.inseconds"] = durationBetween("duration.inSeconds", value.UnitSeconds)
}

// isTemporal reports whether v is one of the six temporal types.
func isTemporal(v any) bool {
	switch v.(type) {
	case value.Date, value.LocalTime, value.Time, value.LocalDateTime, value.DateTime, value.Duration:
		return true
	}
	return false
}

// temporalArith implements + - * / where an operand is a temporal value:
// instant ± duration, duration + instant, duration ± duration, duration *
// number, number * duration and duration / number.
func temporalArith(ec *execCtx, op string, a, b any) (any, error) {
	da, aDur := a.(value.Duration)
	db, bDur := b.(value.Duration)
	var v any
	var err error
	switch {
	case aDur && bDur && (op == "+" || op == "-"):
		if op == "-" {
			db = db.Neg()
		}
		d, ok := da.Plus(db)
		if !ok {
			return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "duration overflow")
		}
		return d, nil
	case bDur && !aDur && (op == "+" || op == "-"):
		v, err = value.AddDuration(a, db, op == "-")
	case aDur && !bDur && op == "+":
		v, err = value.AddDuration(b, da, false)
	case aDur && isNumber(b) && (op == "*" || op == "/"):
		v, err = da.Scale(b, op == "/")
	case bDur && isNumber(a) && op == "*":
		v, err = db.Scale(a, false)
	default:
		return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot apply %s to %s and %s", op, typeName(a), typeName(b))
	}
	if err != nil {
		return nil, temporalErr(ec, op, err)
	}
	return v, nil
}

// statementTime is the clock the current-time constructors read.
func statementTime(ec *execCtx) time.Time {
	if ec.now.IsZero() {
		ec.now = time.Now()
	}
	return ec.now
}
