package value

import (
	"math"
	"math/big"
	"strings"
)

// avgMonth is the average length of a month, 365.2425/12 days, which Neo4j
// uses to turn fractions of months into days.
var avgMonth = big.NewRat(3652425, 120000)

var (
	ratDay   = big.NewRat(secondsPerDay, 1)
	ratNanos = big.NewRat(nanosPerSecond, 1)
)

// durComponents holds the decimal texts of a duration's components ("" for
// absent ones).
type durComponents struct {
	years, months, weeks, days, hours, minutes, seconds string
}

func (c durComponents) duration() (Duration, error) {
	var vals [7]*big.Rat
	for i, s := range []string{c.years, c.months, c.weeks, c.days, c.hours, c.minutes, c.seconds} {
		vals[i] = new(big.Rat)
		if s == "" {
			continue
		}
		if _, ok := vals[i].SetString(s); !ok {
			return Duration{}, temporalErrorf("%q is not a number", s)
		}
	}
	return approximate(
		sum(mul(vals[0], 12), vals[1]),
		sum(mul(vals[2], 7), vals[3]),
		sum(mul(vals[4], 3600), mul(vals[5], 60), vals[6]),
	)
}

func mul(r *big.Rat, n int64) *big.Rat { return new(big.Rat).Mul(r, big.NewRat(n, 1)) }

func sum(rs ...*big.Rat) *big.Rat {
	s := new(big.Rat)
	for _, r := range rs {
		s.Add(s, r)
	}
	return s
}

// trunc splits r into its integer part (towards zero) and the rest.
func trunc(r *big.Rat) (int64, *big.Rat, bool) {
	q := new(big.Int).Quo(r.Num(), r.Denom())
	if !q.IsInt64() {
		return 0, nil, false
	}
	return q.Int64(), new(big.Rat).Sub(r, new(big.Rat).SetInt(q)), true
}

// approximate builds a duration from exact month, day and second amounts:
// fractions of months become days (at the average month length), fractions
// of days become seconds, fractions of seconds nanoseconds (truncated), as
// Neo4j does.
func approximate(months, days, seconds *big.Rat) (Duration, error) {
	errRange := temporalErrorf("duration out of range")
	m, mf, ok := trunc(months)
	if !ok {
		return Duration{}, errRange
	}
	d, df, ok := trunc(sum(days, new(big.Rat).Mul(mf, avgMonth)))
	if !ok {
		return Duration{}, errRange
	}
	s, sf, ok := trunc(sum(seconds, new(big.Rat).Mul(df, ratDay)))
	if !ok {
		return Duration{}, errRange
	}
	n, _, _ := trunc(new(big.Rat).Mul(sf, ratNanos))
	return Duration{m, d, s, int32(n)}.normalize(), nil
}

// DurationFromMap implements duration({years: …, seconds: …}).
func DurationFromMap(m map[string]any) (Duration, error) {
	if d, ok := durationFromInts(m); ok {
		return d, nil
	}
	acc := map[string]*big.Rat{}
	for k, v := range m {
		lk := strings.ToLower(k)
		var r *big.Rat
		switch x := v.(type) {
		case int64:
			r = big.NewRat(x, 1)
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return Duration{}, temporalErrorf("duration field %s cannot be %v", k, x)
			}
			r = new(big.Rat).SetFloat64(x)
		case nil:
			continue
		default:
			return Duration{}, temporalErrorf("duration field %s must be a number, not %s", k, TypeName(v))
		}
		switch lk {
		case "years", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds", "microseconds", "nanoseconds":
			acc[lk] = r
		default:
			return Duration{}, temporalErrorf("duration() does not know the field %q", k)
		}
	}
	get := func(k string) *big.Rat {
		if r, ok := acc[k]; ok {
			return r
		}
		return new(big.Rat)
	}
	return approximate(
		sum(mul(get("years"), 12), get("months")),
		sum(mul(get("weeks"), 7), get("days")),
		sum(mul(get("hours"), 3600), mul(get("minutes"), 60), get("seconds"),
			new(big.Rat).Quo(get("milliseconds"), big.NewRat(1e3, 1)),
			new(big.Rat).Quo(get("microseconds"), big.NewRat(1e6, 1)),
			new(big.Rat).Quo(get("nanoseconds"), big.NewRat(1e9, 1))),
	)
}

// durationFromInts is the exact fast path of durationFromMap for integer
// fields small enough (below 2^40) that no sum can overflow; ok is false
// otherwise.
func durationFromInts(m map[string]any) (Duration, bool) {
	var d Duration
	var nanos int64
	for k, v := range m {
		n, ok := v.(int64)
		if !ok || n >= 1<<40 || n <= -(1<<40) {
			return Duration{}, false
		}
		switch strings.ToLower(k) {
		case "years":
			d.Months += 12 * n
		case "months":
			d.Months += n
		case "weeks":
			d.Days += 7 * n
		case "days":
			d.Days += n
		case "hours":
			d.Seconds += 3600 * n
		case "minutes":
			d.Seconds += 60 * n
		case "seconds":
			d.Seconds += n
		case "milliseconds":
			nanos += 1e6 * n
		case "microseconds":
			nanos += 1e3 * n
		case "nanoseconds":
			nanos += n
		default:
			return Duration{}, false
		}
	}
	d.Seconds += floorDiv(nanos, nanosPerSecond)
	d.Nanos = int32(floorMod(nanos, nanosPerSecond))
	return d, true
}

// secondsRat returns the seconds and nanoseconds of d as one number.
func (d Duration) secondsRat() *big.Rat {
	return sum(big.NewRat(d.Seconds, 1), big.NewRat(int64(d.Nanos), nanosPerSecond))
}

// Neg returns -d.
func (d Duration) Neg() Duration {
	return Duration{-d.Months, -d.Days, -d.Seconds, -d.Nanos}.normalize()
}

// Plus returns d+e; ok is false when a component overflows.
func (d Duration) Plus(e Duration) (Duration, bool) {
	m, ok1 := addInt(d.Months, e.Months)
	dd, ok2 := addInt(d.Days, e.Days)
	s, ok3 := addInt(d.Seconds, e.Seconds)
	if !ok1 || !ok2 || !ok3 {
		return Duration{}, false
	}
	return Duration{m, dd, s, d.Nanos + e.Nanos}.normalize(), true
}

func addInt(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}

// Scale multiplies d by f (an int64 or a float64), or divides it when div.
func (d Duration) Scale(f any, div bool) (Duration, error) {
	var r *big.Rat
	switch x := f.(type) {
	case int64:
		r = big.NewRat(x, 1)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Duration{}, temporalErrorf("cannot scale a duration by %v", x)
		}
		r = new(big.Rat).SetFloat64(x)
	}
	if div {
		if r.Sign() == 0 {
			return Duration{}, temporalErrorf("division of a duration by zero")
		}
		r.Inv(r)
	}
	return approximate(
		new(big.Rat).Mul(big.NewRat(d.Months, 1), r),
		new(big.Rat).Mul(big.NewRat(d.Days, 1), r),
		new(big.Rat).Mul(d.secondsRat(), r),
	)
}

// wholeDays returns the whole days in d's seconds part, truncated towards
// zero, as adding a duration to a date counts them.
func (d Duration) wholeDays() int64 {
	if d.Seconds >= 0 {
		return d.Seconds / secondsPerDay
	}
	a := -d.Seconds
	if d.Nanos > 0 {
		a--
	}
	return -(a / secondsPerDay)
}

// Bounds of the supported calendar, years -999,999,999 to 999,999,999 as in
// Neo4j; durations added to instants stay within twice its span, so the
// arithmetic below cannot overflow.
var (
	minEpochDay = daysFromCivil(-999999999, 1, 1)
	maxEpochDay = daysFromCivil(999999999, 12, 31)
)

func inCalendar(days int64) bool { return days >= minEpochDay && days <= maxEpochDay }

// AddDuration returns the temporal instant x plus d (x minus d when sub).
func AddDuration(x any, d Duration, sub bool) (any, error) {
	if sub {
		d = d.Neg()
	}
	span := maxEpochDay - minEpochDay
	if abs64(d.Months) > 2*12*999999999 || abs64(d.Days) > 2*span || abs64(d.Seconds) > 2*span*secondsPerDay {
		return nil, temporalErrorf("duration %s is too long", d)
	}
	v, err := addDurationIn(x, d)
	if err != nil {
		return nil, err
	}
	if p, _ := partsOf(v); p.hasDate && !inCalendar(p.days) {
		return nil, temporalErrorf("result is outside years -999999999..999999999")
	}
	return v, nil
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func addDurationIn(x any, d Duration) (any, error) {
	switch v := x.(type) {
	case Date:
		return Date{plusMonths(v.days, d.Months) + d.Days + d.wholeDays()}, nil
	case LocalTime:
		return LocalTime{addClock(v.nanos, d)}, nil
	case Time:
		return Time{addClock(v.nanos, d), v.offset}, nil
	case LocalDateTime:
		days := floorDiv(v.sec, secondsPerDay)
		sec := (plusMonths(days, d.Months)+d.Days-days)*secondsPerDay + v.sec + d.Seconds
		ns := int64(v.nanos) + int64(d.Nanos)
		return LocalDateTime{sec + ns/nanosPerSecond, int32(ns % nanosPerSecond)}, nil
	case DateTime:
		p, _ := partsOf(v)
		if d.Months != 0 || d.Days != 0 {
			p.days = plusMonths(p.days, d.Months) + d.Days
			v = p.dateTime()
		}
		ns := int64(v.nanos) + int64(d.Nanos)
		v.sec += d.Seconds + ns/nanosPerSecond
		v.nanos = int32(ns % nanosPerSecond)
		return v.withZone(v.zoneSpec()), nil
	}
	return nil, temporalErrorf("cannot add a duration to %s", TypeName(x))
}

func addClock(nanos int64, d Duration) int64 {
	return floorMod(nanos+floorMod(d.Seconds, secondsPerDay)*nanosPerSecond+int64(d.Nanos), nanosPerDay)
}

// Units of duration.between and its relatives.
const (
	UnitAll = iota
	UnitMonths
	UnitDays
	UnitSeconds
)

// align prepares from and to for a difference in unit, as Neo4j does: a
// value without a time of day gets midnight, one without a date the other's
// date, one without a zone the other's.
func align(from, to tparts, timeBased bool) (tparts, tparts) {
	attachTime := func(p *tparts) {
		if !p.hasTime {
			p.hasTime, p.nanos = true, 0
		}
	}
	if timeBased {
		attachTime(&from)
		attachTime(&to)
	} else if from.hasTime && !to.hasTime {
		attachTime(&to)
	} else if to.hasTime && !from.hasTime {
		attachTime(&from)
	}
	if from.hasDate && !to.hasDate {
		to.hasDate, to.days = true, from.days
	} else if to.hasDate && !from.hasDate {
		from.hasDate, from.days = true, to.days
	}
	attachZone := func(p *tparts, z zoneSpec, off int32) {
		p.hasZone, p.zone, p.offset = true, z, off
		if p.hasDate && z.named {
			p.offset = p.dateTime().offset
		}
	}
	if from.hasZone && !to.hasZone {
		attachZone(&to, from.zone, from.offset)
	} else if to.hasZone && !from.hasZone {
		attachZone(&from, to.zone, to.offset)
	}
	return from, to
}

// until returns the whole months or days from from to to (date-based units;
// 0 when either has no date), or the seconds and nanoseconds (UnitSeconds).
func until(from, to tparts, unit int) (n int64, sec int64, nanos int64) {
	from, to = align(from, to, unit == UnitSeconds)
	if unit == UnitSeconds {
		var fs, ts int64
		switch {
		case from.hasDate && from.hasZone:
			f, t := from.dateTime(), to.dateTime()
			fs, ts = f.sec, t.sec
			return 0, ts - fs - boolInt(int64(t.nanos) < int64(f.nanos)), floorMod(int64(t.nanos)-int64(f.nanos), nanosPerSecond)
		case from.hasDate:
			fs, ts = from.days*secondsPerDay, to.days*secondsPerDay
		case from.hasZone:
			fs, ts = -int64(from.offset), -int64(to.offset)
		}
		fs += from.nanos / nanosPerSecond
		ts += to.nanos / nanosPerSecond
		fn, tn := from.nanos%nanosPerSecond, to.nanos%nanosPerSecond
		return 0, ts - fs - boolInt(tn < fn), floorMod(tn-fn, nanosPerSecond)
	}
	if !from.hasDate || !to.hasDate {
		return 0, 0, 0
	}
	if from.hasZone && to.hasZone {
		// date-based units compare wall clocks in from's zone
		t := to.dateTime().withZone(from.zone)
		to, _ = partsOf(t)
	}
	end := to.days
	if from.hasTime {
		if end > from.days && to.nanos < from.nanos {
			end--
		} else if end < from.days && to.nanos > from.nanos {
			end++
		}
	}
	if unit == UnitDays {
		return end - from.days, 0, 0
	}
	fy, fm, fd := civilFromDays(from.days)
	ty, tm, td := civilFromDays(end)
	p1 := (fy*12+fm-1)*32 + fd
	p2 := (ty*12+tm-1)*32 + td
	return (p2 - p1) / 32, 0, 0
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// Between implements duration.between (UnitAll), duration.inMonths,
// duration.inDays and duration.inSeconds.
func Between(a, b any, unit int) (any, error) {
	from, ok1 := partsOf(a)
	to, ok2 := partsOf(b)
	if !ok1 || !ok2 {
		bad := a
		if ok1 {
			bad = b
		}
		return nil, temporalErrorf("duration.between cannot take %s", TypeName(bad))
	}
	switch unit {
	case UnitMonths:
		m, _, _ := until(from, to, UnitMonths)
		return Duration{Months: m}, nil
	case UnitDays:
		d, _, _ := until(from, to, UnitDays)
		return Duration{Days: d}, nil
	case UnitSeconds:
		_, s, n := until(from, to, UnitSeconds)
		return Duration{Seconds: s, Nanos: int32(n)}, nil
	}
	var months, days int64
	if from.hasDate && to.hasDate {
		months, _, _ = until(from, to, UnitMonths)
		from = shiftParts(from, months, 0)
		days, _, _ = until(from, to, UnitDays)
		from = shiftParts(from, 0, days)
	}
	_, s, n := until(from, to, UnitSeconds)
	return Duration{months, days, s, int32(n)}, nil
}

// shiftParts adds months and days to the date of p, re-resolving the
// offset of a named zone.
func shiftParts(p tparts, months, days int64) tparts {
	p.days = plusMonths(p.days, months) + days
	if p.hasZone && p.hasTime && p.zone.named {
		p.offset = p.dateTime().offset
	}
	return p
}

// DurationField returns a component of d, as d.years, d.minutesOfHour, ….
func DurationField(d Duration, key string) (any, bool) {
	ns := int64(d.Nanos)
	switch strings.ToLower(key) {
	case "years":
		return d.Months / 12, true
	case "quarters":
		return d.Months / 3, true
	case "months":
		return d.Months, true
	case "weeks":
		return d.Days / 7, true
	case "days":
		return d.Days, true
	case "hours":
		return d.Seconds / 3600, true
	case "minutes":
		return d.Seconds / 60, true
	case "seconds":
		return d.Seconds, true
	case "milliseconds":
		return d.Seconds*1000 + ns/1e6, true
	case "microseconds":
		return d.Seconds*1e6 + ns/1e3, true
	case "nanoseconds":
		return d.Seconds*1e9 + ns, true
	case "quartersofyear":
		return d.Months % 12 / 3, true
	case "monthsofquarter":
		return d.Months % 3, true
	case "monthsofyear":
		return d.Months % 12, true
	case "daysofweek":
		return d.Days % 7, true
	case "minutesofhour":
		return d.Seconds / 60 % 60, true
	case "secondsofminute":
		return d.Seconds % 60, true
	case "millisecondsofsecond":
		return ns / 1e6, true
	case "microsecondsofsecond":
		return ns / 1e3, true
	case "nanosecondsofsecond":
		return ns, true
	}
	return nil, false
}

// Field returns a component of a temporal instant, as d.year,
// d.week, d.timezone, d.epochSeconds, ….
func Field(v any, key string) (any, bool) {
	p, ok := partsOf(v)
	if !ok {
		return nil, false
	}
	k := strings.ToLower(key)
	if p.hasDate {
		y, m, d := civilFromDays(p.days)
		switch k {
		case "year":
			return y, true
		case "quarter":
			return (m-1)/3 + 1, true
		case "month":
			return m, true
		case "week":
			_, w := isoWeek(p.days)
			return w, true
		case "weekyear":
			wy, _ := isoWeek(p.days)
			return wy, true
		case "day":
			return d, true
		case "ordinalday":
			return p.days - daysFromCivil(y, 1, 1) + 1, true
		case "weekday", "dayofweek":
			return isoWeekday(p.days), true
		case "dayofquarter":
			return p.days - daysFromCivil(y, (m-1)/3*3+1, 1) + 1, true
		}
	}
	if p.hasTime {
		switch k {
		case "hour":
			return p.nanos / (3600 * nanosPerSecond), true
		case "minute":
			return p.nanos / (60 * nanosPerSecond) % 60, true
		case "second":
			return p.nanos / nanosPerSecond % 60, true
		case "millisecond":
			return p.nanos % nanosPerSecond / 1e6, true
		case "microsecond":
			return p.nanos % nanosPerSecond / 1e3, true
		case "nanosecond":
			return p.nanos % nanosPerSecond, true
		}
	}
	if p.hasZone {
		switch k {
		case "timezone":
			if p.zone.named {
				return p.zone.name, true
			}
			return offsetString(p.offset), true
		case "offset":
			return offsetString(p.offset), true
		case "offsetminutes":
			return int64(p.offset / 60), true
		case "offsetseconds":
			return int64(p.offset), true
		}
	}
	if dt, ok := v.(DateTime); ok {
		switch k {
		case "epochseconds":
			return dt.sec, true
		case "epochmillis":
			return dt.sec*1000 + int64(dt.nanos)/1e6, true
		}
	}
	return nil, false
}
