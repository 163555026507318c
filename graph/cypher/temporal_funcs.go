package cypher

import "errors"

// temporalErr converts an error of the temporal code into a query error.
func temporalErr(ec *execCtx, fn string, err error) error {
	if errors.Is(err, errTemporal) {
		return ec.runtimeErr(ArgumentError, "InvalidArgumentValue", "%s: %v", fn, err)
	}
	return err
}

// nowIn returns the statement's current instant as parts in zone z (UTC
// when z is nil).
func nowIn(ec *execCtx, z *zoneSpec) tparts {
	now := statementTime(ec)
	d := DateTimeOf(now.UTC())
	if z != nil {
		d = d.withZone(*z)
	}
	p, _ := partsOf(d)
	return p
}

// currentTemporal implements date(), date({timezone: …}) and
// date.statement(…), date.transaction(…), date.realtime(…).
func currentTemporal(ec *execCtx, k tkind, fn string, arg any) (any, error) {
	var z *zoneSpec
	switch x := arg.(type) {
	case nil:
	case string:
		s, err := parseZone(x)
		if err != nil {
			return nil, temporalErr(ec, fn, temporalErrorf("%v", err))
		}
		z = &s
	case map[string]any:
		return constructCall(ec, k, fn, x)
	default:
		return nil, argErr(ec, fn, arg)
	}
	p := nowIn(ec, z)
	if k == tTime && z == nil {
		p.offset = 0
	}
	return p.value(k), nil
}

func constructCall(ec *execCtx, k tkind, fn string, x any) (any, error) {
	if m, ok := x.(map[string]any); ok {
		if tz, ok := m["timezone"]; ok && len(m) == 1 {
			return currentTemporal(ec, k, fn, tz)
		}
	}
	v, err := construct(k, x, statementTime(ec))
	if err != nil {
		return nil, temporalErr(ec, fn, err)
	}
	return v, nil
}

func temporalConstructor(k tkind) fnSpec {
	name := tkindNames[k]
	return fnSpec{0, 1, func(ec *execCtx, a []any) (any, error) {
		if len(a) == 0 {
			return currentTemporal(ec, k, name, nil)
		}
		if a[0] == nil {
			return nil, nil
		}
		return constructCall(ec, k, name, a[0])
	}}
}

func temporalNow(k tkind, fn string) fnSpec {
	return fnSpec{0, 1, func(ec *execCtx, a []any) (any, error) {
		if len(a) == 0 {
			return currentTemporal(ec, k, fn, nil)
		}
		if a[0] == nil {
			return nil, nil
		}
		return currentTemporal(ec, k, fn, a[0])
	}}
}

func temporalTruncate(k tkind) fnSpec {
	fn := tkindNames[k] + ".truncate"
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
		v, err := truncateTo(k, unit, a[1], m, statementTime(ec))
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
		v, err := between(a[0], a[1], unit)
		if err != nil {
			return nil, temporalErr(ec, fn, err)
		}
		return v, nil
	}}
}

// registerTemporal adds the temporal functions to fns.
func registerTemporal(fns map[string]fnSpec) {
	for k := tDate; k <= tDateTime; k++ {
		name := tkindNames[k]
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
		return DateTime{sec: s + floorDiv(ns, nanosPerSecond), nanos: int32(floorMod(ns, nanosPerSecond))}, nil
	}}
	fns["datetime.fromepochmillis"] = fnSpec{1, 1, func(ec *execCtx, a []any) (any, error) {
		if a[0] == nil {
			return nil, nil
		}
		ms, err := intArg(ec, "datetime.fromepochmillis", a[0])
		if err != nil {
			return nil, err
		}
		return DateTime{sec: floorDiv(ms, 1000), nanos: int32(floorMod(ms, 1000) * 1e6)}, nil
	}}
	fns["duration"] = fnSpec{1, 1, func(ec *execCtx, a []any) (any, error) {
		var d Duration
		var err error
		switch x := a[0].(type) {
		case nil:
			return nil, nil
		case string:
			d, err = parseDuration(x)
		case map[string]any:
			d, err = durationFromMap(x)
		case Duration:
			return x, nil
		default:
			return nil, argErr(ec, "duration", a[0])
		}
		if err != nil {
			return nil, temporalErr(ec, "duration", err)
		}
		return d, nil
	}}
	fns["duration.between"] = durationBetween("duration.between", unitAll)
	fns["duration.inmonths"] = durationBetween("duration.inMonths", unitMonths)
	fns["duration.indays"] = durationBetween("duration.inDays", unitDays)
	fns["duration.inseconds"] = durationBetween("duration.inSeconds", unitSeconds)
}

// isTemporal reports whether v is one of the six temporal types.
func isTemporal(v any) bool {
	switch v.(type) {
	case Date, LocalTime, Time, LocalDateTime, DateTime, Duration:
		return true
	}
	return false
}

// temporalArith implements + - * / where an operand is a temporal value:
// instant ± duration, duration + instant, duration ± duration, duration *
// number, number * duration and duration / number.
func temporalArith(ec *execCtx, op string, a, b any) (any, error) {
	da, aDur := a.(Duration)
	db, bDur := b.(Duration)
	var v any
	var err error
	switch {
	case aDur && bDur && (op == "+" || op == "-"):
		if op == "-" {
			db = db.neg()
		}
		d, ok := da.plus(db)
		if !ok {
			return nil, ec.runtimeErr(ArgumentError, "NumberOutOfRange", "duration overflow")
		}
		return d, nil
	case bDur && !aDur && (op == "+" || op == "-"):
		v, err = addDuration(a, db, op == "-")
	case aDur && !bDur && op == "+":
		v, err = addDuration(b, da, false)
	case aDur && isNumber(b) && (op == "*" || op == "/"):
		v, err = da.scale(b, op == "/")
	case bDur && isNumber(a) && op == "*":
		v, err = db.scale(a, false)
	default:
		return nil, ec.runtimeErr(TypeError, "InvalidArgumentType", "cannot apply %s to %s and %s", op, typeName(a), typeName(b))
	}
	if err != nil {
		return nil, temporalErr(ec, op, err)
	}
	return v, nil
}
