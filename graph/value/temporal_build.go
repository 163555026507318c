package value

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Kind names one of the five instant types a constructor builds.
type Kind int

const (
	KindDate Kind = iota
	KindLocalTime
	KindTime
	KindLocalDateTime
	KindDateTime
)

var tkindNames = [...]string{"date", "localtime", "time", "localdatetime", "datetime"}

func (k Kind) hasDate() bool { return k == KindDate || k == KindLocalDateTime || k == KindDateTime }
func (k Kind) hasTime() bool { return k != KindDate }
func (k Kind) hasZone() bool { return k == KindTime || k == KindDateTime }

// tparts is any temporal instant taken apart: which parts it has, its local
// date and time of day, and its zone.
type tparts struct {
	hasDate, hasTime, hasZone bool
	days                      int64 // local date, days since 1970-01-01
	nanos                     int64 // local time of day in nanoseconds
	zone                      zoneSpec
	offset                    int32 // current offset (also for named zones)
}

// partsOf takes a temporal instant apart; ok is false for other values
// (durations included).
func partsOf(v any) (tparts, bool) {
	switch x := v.(type) {
	case Date:
		return tparts{hasDate: true, days: x.days}, true
	case LocalTime:
		return tparts{hasTime: true, nanos: x.nanos}, true
	case Time:
		return tparts{hasTime: true, hasZone: true, nanos: x.nanos, zone: zoneSpec{offset: x.offset}, offset: x.offset}, true
	case LocalDateTime:
		return tparts{hasDate: true, hasTime: true, days: floorDiv(x.sec, secondsPerDay),
			nanos: floorMod(x.sec, secondsPerDay)*nanosPerSecond + int64(x.nanos)}, true
	case DateTime:
		l := x.local()
		return tparts{hasDate: true, hasTime: true, hasZone: true, days: floorDiv(l, secondsPerDay),
			nanos: floorMod(l, secondsPerDay)*nanosPerSecond + int64(x.nanos), zone: x.zoneSpec(), offset: x.offset}, true
	}
	return tparts{}, false
}

// localSec returns the wall-clock second and nanos of p.
func (p tparts) localSec() (int64, int32) {
	return p.days*secondsPerDay + p.nanos/nanosPerSecond, int32(p.nanos % nanosPerSecond)
}

// dateTime returns p (which has a date, time and zone) as a DateTime.
func (p tparts) dateTime() DateTime {
	sec, ns := p.localSec()
	return dateTimeIn(sec, ns, p.zone)
}

// value converts p into a value of kind k; p must hold the parts k needs,
// and zoneless parts take the UTC offset.
func (p tparts) value(k Kind) any {
	switch k {
	case KindDate:
		return Date{p.days}
	case KindLocalTime:
		return LocalTime{p.nanos}
	case KindTime:
		return Time{p.nanos, p.offset}
	case KindLocalDateTime:
		sec, ns := p.localSec()
		return LocalDateTime{sec, ns}
	}
	return p.dateTime()
}

// timeOffset returns the offset a Time takes in zone z at the instant now.
func timeOffset(z zoneSpec, now time.Time) int32 {
	if z.named {
		return zoneOffsetAt(z.loc, now.Unix())
	}
	return z.offset
}

// ErrTemporal marks invalid temporal arguments; the caller maps it to an
// ArgumentError.
var ErrTemporal = errors.New("invalid temporal value")

func temporalErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrTemporal, fmt.Sprintf(format, args...))
}

// Construct implements date(x), localtime(x), time(x), localdatetime(x) and
// datetime(x) for a string, a map or another temporal value x.
func Construct(k Kind, x any, now time.Time) (any, error) {
	switch v := x.(type) {
	case string:
		return parseTemporal(k, v, now)
	case map[string]any:
		return buildFromMap(k, v, nil, nil, now)
	}
	p, ok := partsOf(x)
	if !ok {
		return nil, temporalErrorf("%s() cannot take %s", tkindNames[k], TypeName(x))
	}
	return selectFrom(k, p)
}

// selectFrom converts a temporal value to kind k: date(datetime) keeps the
// date, time(localtime) takes UTC, and so on.
func selectFrom(k Kind, p tparts) (any, error) {
	if k.hasDate() && !p.hasDate {
		return nil, temporalErrorf("cannot make a %s from a value without a date", tkindNames[k])
	}
	if k == KindLocalTime || k == KindTime {
		if !p.hasTime {
			return nil, temporalErrorf("cannot make a %s from a value without a time", tkindNames[k])
		}
	}
	if !p.hasTime {
		p.nanos = 0
	}
	if k.hasZone() && !p.hasZone {
		p.zone, p.offset = zoneSpec{}, 0
	}
	return p.value(k), nil
}

// The map keys a temporal constructor reads, lower-cased.
var temporalKeys = map[string]bool{
	"year": true, "quarter": true, "month": true, "week": true, "weekyear": true, "day": true,
	"ordinalday": true, "dayofweek": true, "dayofquarter": true,
	"hour": true, "minute": true, "second": true, "millisecond": true, "microsecond": true, "nanosecond": true,
	"timezone": true, "date": true, "time": true, "datetime": true, "epochseconds": true, "epochmillis": true,
}

// buildFromMap implements the map forms of the constructors. dateBase and
// timeBase, when non-nil, are the parts the map's fields override (used by
// truncate); otherwise they come from the map's date, time and datetime keys.
func buildFromMap(k Kind, m map[string]any, dateBase, timeBase *tparts, now time.Time) (any, error) {
	f := make(map[string]any, len(m))
	for key, v := range m {
		lk := strings.ToLower(key)
		if !temporalKeys[lk] {
			return nil, temporalErrorf("%s() does not know the field %q", tkindNames[k], key)
		}
		f[lk] = v
	}
	var zoneSrc *tparts
	if dateBase == nil && timeBase == nil {
		if v, ok := f["datetime"]; ok {
			p, ok := partsOf(v)
			if !ok {
				return nil, temporalErrorf("datetime must be a temporal value, not %s", TypeName(v))
			}
			if p.hasDate {
				dateBase = &p
			}
			if p.hasTime {
				timeBase = &p
			}
		}
		if v, ok := f["date"]; ok {
			p, ok := partsOf(v)
			if !ok || !p.hasDate {
				return nil, temporalErrorf("date must be a temporal value with a date, not %s", TypeName(v))
			}
			dateBase = &p
		}
		if v, ok := f["time"]; ok {
			p, ok := partsOf(v)
			if !ok {
				return nil, temporalErrorf("time must be a temporal value, not %s", TypeName(v))
			}
			if !p.hasTime {
				p.hasTime, p.nanos = true, 0
			}
			timeBase = &p
		}
		if timeBase != nil && timeBase.hasZone {
			zoneSrc = timeBase
		}
	} else if timeBase != nil && timeBase.hasZone {
		zoneSrc = timeBase
	}
	num := func(key string) (int64, bool, error) {
		v, ok := f[key]
		if !ok || v == nil {
			return 0, false, nil
		}
		switch x := v.(type) {
		case int64:
			return x, true, nil
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1<<62 {
				return int64(x), true, nil
			}
		}
		return 0, false, temporalErrorf("%s must be an integer, not %s", key, TypeName(v))
	}
	var tz *zoneSpec
	if v, ok := f["timezone"]; ok && v != nil {
		s, ok := v.(string)
		if !ok {
			return nil, temporalErrorf("timezone must be a string, not %s", TypeName(v))
		}
		z, err := parseZone(s)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrTemporal, err)
		}
		tz = &z
	}
	if k == KindDateTime {
		es, hasES, err := num("epochseconds")
		if err != nil {
			return nil, err
		}
		em, hasEM, err := num("epochmillis")
		if err != nil {
			return nil, err
		}
		if hasES || hasEM {
			ns, _, err := subsecond(num, 0)
			if err != nil {
				return nil, err
			}
			sec := es
			if hasEM {
				sec = floorDiv(em, 1000)
				ns += floorMod(em, 1000) * 1e6
			}
			sec += floorDiv(ns, nanosPerSecond)
			d := DateTime{sec, int32(floorMod(ns, nanosPerSecond)), 0, ""}
			if tz != nil {
				d = d.withZone(*tz)
			}
			return d, nil
		}
	}

	var out tparts
	if k.hasDate() {
		days, err := buildDate(num, dateBase, k)
		if err != nil {
			return nil, err
		}
		out.hasDate, out.days = true, days
	} else {
		for _, key := range []string{"year", "quarter", "month", "week", "weekyear", "day", "ordinalday", "dayofweek", "dayofquarter"} {
			if _, ok := f[key]; ok {
				return nil, temporalErrorf("%s() cannot take the date field %s", tkindNames[k], key)
			}
		}
	}
	if k.hasTime() {
		nanos, err := buildClock(num, timeBase)
		if err != nil {
			return nil, err
		}
		out.hasTime, out.nanos = true, nanos
	}
	if !k.hasZone() {
		if tz != nil {
			return nil, temporalErrorf("%s() cannot take a timezone", tkindNames[k])
		}
		return out.value(k), nil
	}
	// Zones: a value built in its source's zone and then moved to the given
	// one, or built in the given (or default) zone.
	out.hasZone = true
	if k == KindTime {
		switch {
		case zoneSrc != nil && tz != nil:
			off := timeOffset(*tz, now)
			out.nanos = floorMod(out.nanos+int64(off-zoneSrc.offset)*nanosPerSecond, nanosPerDay)
			out.offset = off
		case zoneSrc != nil:
			out.offset = zoneSrc.offset
		case tz != nil:
			out.offset = timeOffset(*tz, now)
		}
		return out.value(k), nil
	}
	switch {
	case zoneSrc != nil:
		out.zone = zoneSrc.zone
		d := out.dateTime()
		if tz != nil {
			d = d.withZone(*tz)
		}
		return d, nil
	case tz != nil:
		out.zone = *tz
	}
	return out.dateTime(), nil
}

// subsecondOver is subsecond for fields that override a base time's
// sub-second part: a lone microsecond below 1000 keeps the base's
// milliseconds, and a lone nanosecond below 1000 keeps its microseconds.
func subsecondOver(num numFunc, base int64, hasBase bool) (int64, bool, error) {
	n, given, err := subsecond(num, base)
	if err != nil || !given || !hasBase {
		return n, given, err
	}
	_, hasMs, _ := num("millisecond")
	us, hasUs, _ := num("microsecond")
	ns, hasNs, _ := num("nanosecond")
	switch {
	case hasMs:
	case hasUs && us < 1000:
		n = base - base%1e6 + n
	case !hasUs && hasNs && ns < 1000:
		n = base - base%1e3 + n
	}
	return n, true, nil
}

type numFunc func(key string) (int64, bool, error)

// subsecond returns the nanoseconds of the millisecond, microsecond and
// nanosecond fields added up, or def when none is given.
func subsecond(num numFunc, def int64) (int64, bool, error) {
	ms, hasMs, err := num("millisecond")
	if err != nil {
		return 0, false, err
	}
	us, hasUs, err := num("microsecond")
	if err != nil {
		return 0, false, err
	}
	ns, hasNs, err := num("nanosecond")
	if err != nil {
		return 0, false, err
	}
	if !hasMs && !hasUs && !hasNs {
		return def, false, nil
	}
	if (hasMs && (ms < 0 || ms > 999)) || (hasUs && (us < 0 || us > 999999)) || ns < 0 || ns > 999999999 {
		return 0, false, temporalErrorf("sub-second field out of range")
	}
	if (hasMs || hasUs) && ns > 999 {
		return 0, false, temporalErrorf("nanosecond must be below 1000 with millisecond or microsecond")
	}
	if hasMs && us > 999 {
		return 0, false, temporalErrorf("microsecond must be below 1000 with millisecond")
	}
	return ms*1e6 + us*1e3 + ns, true, nil
}

func buildClock(num numFunc, base *tparts) (int64, error) {
	var h, mi, s, sub int64
	if base != nil {
		h, mi, s, sub = base.nanos/(3600*nanosPerSecond), base.nanos/(60*nanosPerSecond)%60,
			base.nanos/nanosPerSecond%60, base.nanos%nanosPerSecond
	}
	fields := []struct {
		key string
		v   *int64
		max int64
	}{{"hour", &h, 23}, {"minute", &mi, 59}, {"second", &s, 59}}
	given := [3]bool{}
	for i, fd := range fields {
		v, ok, err := num(fd.key)
		if err != nil {
			return 0, err
		}
		if ok {
			if v < 0 || v > fd.max {
				return 0, temporalErrorf("%s %d out of range", fd.key, v)
			}
			*fd.v, given[i] = v, true
		}
	}
	sub, hasSub, err := subsecondOver(num, sub, base != nil)
	if err != nil {
		return 0, err
	}
	if base == nil {
		// a field needs the larger ones: {minute: 5} alone is ambiguous
		if (given[1] && !given[0]) || (given[2] && !given[1]) || (hasSub && !given[2]) {
			return 0, temporalErrorf("a time field was given without the larger ones")
		}
	}
	return ((h*60+mi)*60+s)*nanosPerSecond + sub, nil
}

func buildDate(num numFunc, base *tparts, k Kind) (int64, error) {
	get := func(keys ...string) (map[string]int64, error) {
		out := map[string]int64{}
		for _, key := range keys {
			v, ok, err := num(key)
			if err != nil {
				return nil, err
			}
			if ok {
				out[key] = v
			}
		}
		return out, nil
	}
	g, err := get("year", "quarter", "month", "week", "weekyear", "day", "ordinalday", "dayofweek", "dayofquarter")
	if err != nil {
		return 0, err
	}
	has := func(key string) bool { _, ok := g[key]; return ok }
	var by, bm, bd int64
	if base != nil {
		by, bm, bd = civilFromDays(base.days)
	}
	year, hasYear := g["year"]
	if !hasYear {
		if base == nil && !has("weekyear") {
			return 0, temporalErrorf("%s() needs a year", tkindNames[k])
		}
		year = by
	}
	inRange := func(key string, v, lo, hi int64) error {
		if v < lo || v > hi {
			return temporalErrorf("%s %d out of range %d..%d", key, v, lo, hi)
		}
		return nil
	}
	if err := inRange("year", year, -999999999, 999999999); err != nil {
		return 0, err
	}
	switch {
	case has("week") || has("weekyear"):
		wy := year
		if v, ok := g["weekyear"]; ok {
			wy = v
		} else if !hasYear && base != nil {
			wy, _ = isoWeek(base.days)
		}
		week, ok := g["week"]
		if !ok {
			week = 1
			if base != nil {
				_, week = isoWeek(base.days)
			}
		}
		if err := inRange("week", week, 1, weeksInYear(wy)); err != nil {
			return 0, err
		}
		dow, ok := g["dayofweek"]
		if !ok {
			dow = 1
			if base != nil {
				dow = isoWeekday(base.days)
			}
		}
		if err := inRange("dayOfWeek", dow, 1, 7); err != nil {
			return 0, err
		}
		return weekStart(wy) + (week-1)*7 + dow - 1, nil
	case has("ordinalday"):
		od := g["ordinalday"]
		n := int64(365)
		if isLeap(year) {
			n = 366
		}
		if err := inRange("ordinalDay", od, 1, n); err != nil {
			return 0, err
		}
		return daysFromCivil(year, 1, 1) + od - 1, nil
	case has("quarter") || has("dayofquarter"):
		q, ok := g["quarter"]
		if !ok {
			q = (bm-1)/3 + 1
		}
		if err := inRange("quarter", q, 1, 4); err != nil {
			return 0, err
		}
		start := daysFromCivil(year, (q-1)*3+1, 1)
		if doq, ok := g["dayofquarter"]; ok {
			n := daysFromCivil(year, (q-1)*3+4, 1) - start
			if q == 4 {
				n = daysFromCivil(year+1, 1, 1) - start
			}
			if err := inRange("dayOfQuarter", doq, 1, n); err != nil {
				return 0, err
			}
			return start + doq - 1, nil
		}
		if base != nil {
			m := (q-1)*3 + 1 + (bm-1)%3
			return daysFromCivil(year, m, min(bd, monthLength(year, m))), nil
		}
		return start, nil
	}
	month, ok := g["month"]
	if !ok {
		month = 1
		if base != nil {
			month = bm
		}
	}
	if err := inRange("month", month, 1, 12); err != nil {
		return 0, err
	}
	day, ok := g["day"]
	if !ok {
		day = 1
		if base != nil {
			day = min(bd, monthLength(year, month))
		}
	} else if base == nil && !has("month") {
		return 0, temporalErrorf("day given without month")
	}
	if err := inRange("day", day, 1, monthLength(year, month)); err != nil {
		return 0, err
	}
	days := daysFromCivil(year, month, day)
	if dow, ok := g["dayofweek"]; ok {
		if err := inRange("dayOfWeek", dow, 1, 7); err != nil {
			return 0, err
		}
		days += dow - isoWeekday(days)
	}
	return days, nil
}

// Truncate implements date.truncate, datetime.truncate, … : p cut down to
// unit, then the fields of m (may be nil) applied as with a map constructor.
// A timezone in m replaces the zone (the wall clock is kept).
func Truncate(k Kind, unit string, x any, m map[string]any, now time.Time) (any, error) {
	p, ok := partsOf(x)
	if !ok {
		return nil, temporalErrorf("%s.truncate cannot take %s", tkindNames[k], TypeName(x))
	}
	if k.hasDate() && !p.hasDate {
		return nil, temporalErrorf("%s.truncate needs a value with a date", tkindNames[k])
	}
	if !p.hasTime {
		p.hasTime, p.nanos = true, 0
	}
	u := strings.ToLower(unit)
	dateUnit := true
	y, mo, _ := civilFromDays(p.days)
	switch u {
	case "millennium":
		p.days = daysFromCivil(floorDiv(y, 1000)*1000, 1, 1)
	case "century":
		p.days = daysFromCivil(floorDiv(y, 100)*100, 1, 1)
	case "decade":
		p.days = daysFromCivil(floorDiv(y, 10)*10, 1, 1)
	case "year":
		p.days = daysFromCivil(y, 1, 1)
	case "weekyear":
		wy, _ := isoWeek(p.days)
		p.days = weekStart(wy)
	case "quarter":
		p.days = daysFromCivil(y, (mo-1)/3*3+1, 1)
	case "month":
		p.days = daysFromCivil(y, mo, 1)
	case "week":
		p.days -= isoWeekday(p.days) - 1
	case "day":
	default:
		dateUnit = false
		var step int64
		switch u {
		case "hour":
			step = 3600 * nanosPerSecond
		case "minute":
			step = 60 * nanosPerSecond
		case "second":
			step = nanosPerSecond
		case "millisecond":
			step = 1e6
		case "microsecond":
			step = 1e3
		default:
			return nil, temporalErrorf("unknown truncation unit %q", unit)
		}
		if !k.hasTime() {
			return nil, temporalErrorf("%s.truncate cannot truncate to %s", tkindNames[k], unit)
		}
		p.nanos -= p.nanos % step
	}
	if dateUnit {
		if !k.hasDate() && u != "day" {
			return nil, temporalErrorf("%s.truncate cannot truncate to %s", tkindNames[k], unit)
		}
		p.nanos = 0
	}
	if !k.hasZone() {
		p.hasZone = false
	}
	if m != nil {
		if _, ok := m["timezone"]; ok {
			p.hasZone = false
		} else if !p.hasZone && k.hasZone() {
			p.hasZone, p.zone, p.offset = true, zoneSpec{}, 0
		}
		var db *tparts
		if k.hasDate() {
			db = &p
		}
		tb := &p
		return buildFromMap(k, m, db, tb, now)
	}
	return selectFrom(k, p)
}
