package value

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // named time zones work without a system zone database
)

// Temporal values: the six Cypher temporal types. Each is a small comparable
// struct in a canonical form, so == is Cypher equality and the values can key
// maps and indexes. The Cypher engine uses them as they are, in its
// expressions, results and parameters, and so do the stores that persist them.

// Date is a Cypher DATE: a day of the proleptic Gregorian calendar, without
// a time or a time zone. The zero value is 1970-01-01.
type Date struct {
	days int64 // days since 1970-01-01
}

// LocalTime is a Cypher LOCAL TIME: a time of day without a time zone.
// The zero value is midnight.
type LocalTime struct {
	nanos int64 // nanoseconds since midnight, in [0, 24h)
}

// Time is a Cypher ZONED TIME: a time of day with a UTC offset.
// The zero value is midnight UTC.
type Time struct {
	nanos  int64 // local nanoseconds since midnight
	offset int32 // seconds east of UTC
}

// LocalDateTime is a Cypher LOCAL DATETIME: a date and a time of day without
// a time zone. The zero value is 1970-01-01T00:00.
type LocalDateTime struct {
	sec   int64 // seconds since 1970-01-01T00:00 of the wall clock
	nanos int32
}

// DateTime is a Cypher ZONED DATETIME: an instant with either a fixed UTC
// offset or a named (IANA) time zone, whose offset then follows the zone's
// rules. The zero value is 1970-01-01T00:00Z.
type DateTime struct {
	sec    int64 // seconds since the Unix epoch (UTC)
	nanos  int32
	offset int32  // seconds east of UTC at this instant
	zone   string // IANA zone name; "" for a fixed offset
}

// Duration is a Cypher DURATION: months, days, seconds and nanoseconds kept
// apart, because their lengths vary (a month is not a fixed number of days,
// nor a day a fixed number of seconds across a daylight-saving change).
// Values built by the engine are normalized: 0 <= Nanos < 1e9.
type Duration struct {
	Months  int64
	Days    int64
	Seconds int64
	Nanos   int32
}

const (
	nanosPerSecond = int64(time.Second)
	nanosPerDay    = 86400 * nanosPerSecond
	secondsPerDay  = 86400
)

// NewDate returns the Date year-month-day; out-of-range months and days
// normalize as [time.Date] does (month 13 is January of the next year).
func NewDate(year int, month time.Month, day int) Date {
	m := int64(month) - 1
	y := int64(year) + floorDiv(m, 12)
	return Date{daysFromCivil(y, floorMod(m, 12)+1, 1) + int64(day) - 1}
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{daysFromCivil(int64(y), int64(m), int64(d))}
}

// Date returns the year, month and day of d.
func (d Date) Date() (year int, month time.Month, day int) {
	y, m, dd := civilFromDays(d.days)
	return int(y), time.Month(m), int(dd)
}

// Time returns d at midnight UTC.
func (d Date) Time() time.Time { return time.Unix(d.days*secondsPerDay, 0).UTC() }

// String formats d as Neo4j does: 2015-07-21.
func (d Date) String() string { return string(appendDate(nil, d.days)) }

// NewLocalTime returns the local time hour:min:sec.nsec; it panics if a
// field is out of range, since that is a programming error.
func NewLocalTime(hour, min, sec, nsec int) LocalTime {
	if hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59 || nsec < 0 || nsec >= 1e9 {
		panic(fmt.Sprintf("cypher: invalid local time %d:%d:%d.%d", hour, min, sec, nsec))
	}
	return LocalTime{int64(hour)*3600*nanosPerSecond + int64(min)*60*nanosPerSecond + int64(sec)*nanosPerSecond + int64(nsec)}
}

// LocalTimeOf returns the wall-clock time of day of t.
func LocalTimeOf(t time.Time) LocalTime {
	h, m, s := t.Clock()
	return NewLocalTime(h, m, s, t.Nanosecond())
}

// Clock returns the hour, minute, second and nanosecond of t.
func (t LocalTime) Clock() (hour, min, sec, nsec int) { return splitNanos(t.nanos) }

// String formats t as Neo4j does: 21:40, 21:40:32 or 21:40:32.142.
func (t LocalTime) String() string { return string(appendClock(nil, t.nanos)) }

// TimeOf returns the time of day of t with t's UTC offset.
func TimeOf(t time.Time) Time {
	_, off := t.Zone()
	return Time{LocalTimeOf(t).nanos, int32(off)}
}

// Clock returns the local hour, minute, second and nanosecond of t.
func (t Time) Clock() (hour, min, sec, nsec int) { return splitNanos(t.nanos) }

// Offset returns t's offset from UTC in seconds.
func (t Time) Offset() int { return int(t.offset) }

// String formats t as Neo4j does: 21:40:32.142+01:00 or 21:40Z.
func (t Time) String() string { return string(appendOffset(appendClock(nil, t.nanos), t.offset)) }

// LocalDateTimeOf returns the wall-clock date and time of t.
func LocalDateTimeOf(t time.Time) LocalDateTime {
	d := DateOf(t)
	return LocalDateTime{d.days*secondsPerDay + LocalTimeOf(t).nanos/nanosPerSecond, int32(t.Nanosecond())}
}

// Time returns d as a time.Time in UTC with the same wall clock.
func (d LocalDateTime) Time() time.Time { return time.Unix(d.sec, int64(d.nanos)).UTC() }

// String formats d as Neo4j does: 2015-07-21T21:40:32.142.
func (d LocalDateTime) String() string { return string(appendLocalDateTime(nil, d.sec, d.nanos)) }

// DateTimeOf returns t as a DateTime. A location that names an IANA zone
// (other than UTC and Local) is kept as a named zone; any other becomes the
// fixed offset t has.
func DateTimeOf(t time.Time) DateTime {
	_, off := t.Zone()
	zone := t.Location().String()
	if zone == "UTC" || zone == "Local" {
		zone = ""
	}
	if zone != "" {
		if _, err := loadZone(zone); err != nil {
			zone = ""
		}
	}
	return DateTime{t.Unix(), int32(t.Nanosecond()), int32(off), zone}
}

// Time returns d as a time.Time in its zone (a fixed zone for offsets).
func (d DateTime) Time() time.Time {
	t := time.Unix(d.sec, int64(d.nanos))
	if d.zone != "" {
		if loc, err := loadZone(d.zone); err == nil {
			return t.In(loc)
		}
	}
	return t.In(time.FixedZone("", int(d.offset)))
}

// Zone returns d's IANA zone name ("" for a fixed offset) and its offset
// from UTC in seconds.
func (d DateTime) Zone() (name string, offset int) { return d.zone, int(d.offset) }

// String formats d as Neo4j does: 2015-07-21T21:40:32.142+01:00 or
// 2015-07-21T21:40:32.142+02:00[Europe/Stockholm].
func (d DateTime) String() string {
	b := appendOffset(appendLocalDateTime(nil, d.sec+int64(d.offset), d.nanos), d.offset)
	if d.zone != "" {
		b = append(append(append(b, '['), d.zone...), ']')
	}
	return string(b)
}

// String formats d in ISO 8601 as Neo4j does: P1Y2M3DT4H5M6.5S, PT0S.
func (d Duration) String() string {
	d = d.normalize()
	var b []byte
	b = append(b, 'P')
	if y := d.Months / 12; y != 0 {
		b = append(strconv.AppendInt(b, y, 10), 'Y')
	}
	if m := d.Months % 12; m != 0 {
		b = append(strconv.AppendInt(b, m, 10), 'M')
	}
	if d.Days != 0 {
		b = append(strconv.AppendInt(b, d.Days, 10), 'D')
	}
	sec, nanos, neg := d.Seconds, int64(d.Nanos), false
	if sec < 0 {
		neg = true
		if nanos > 0 {
			sec, nanos = -(sec + 1), nanosPerSecond-nanos
		} else {
			sec = -sec
		}
	}
	if sec != 0 || nanos != 0 {
		b = append(b, 'T')
		sign := func() {
			if neg {
				b = append(b, '-')
			}
		}
		if h := sec / 3600; h != 0 {
			sign()
			b = append(strconv.AppendInt(b, h, 10), 'H')
		}
		if m := sec % 3600 / 60; m != 0 {
			sign()
			b = append(strconv.AppendInt(b, m, 10), 'M')
		}
		if s := sec % 60; s != 0 || nanos != 0 {
			sign()
			b = strconv.AppendInt(b, s, 10)
			if nanos != 0 {
				f := fmt.Sprintf("%09d", nanos)
				b = append(append(b, '.'), strings.TrimRight(f, "0")...)
			}
			b = append(b, 'S')
		}
	}
	if len(b) == 1 {
		b = append(b, "T0S"...)
	}
	return string(b)
}

// normalize brings Nanos into [0, 1e9), carrying into Seconds.
func (d Duration) normalize() Duration {
	if d.Nanos >= 0 && int64(d.Nanos) < nanosPerSecond {
		return d
	}
	d.Seconds += floorDiv(int64(d.Nanos), nanosPerSecond)
	d.Nanos = int32(floorMod(int64(d.Nanos), nanosPerSecond))
	return d
}

// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian), after
// Howard Hinnant's chrono-compatible algorithms; exact for any int64 year
// range the engine accepts.

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int64) (y, m, d int64) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func monthLength(y, m int64) int64 {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// isoWeekday returns 1 (Monday) … 7 (Sunday).
func isoWeekday(days int64) int64 { return floorMod(days+3, 7) + 1 }

// isoWeek returns the ISO week-based year and week of a day.
func isoWeek(days int64) (weekYear, week int64) {
	thu := days - isoWeekday(days) + 4
	y, _, _ := civilFromDays(thu)
	return y, (thu-daysFromCivil(y, 1, 1))/7 + 1
}

// weekStart returns the Monday of week 1 of an ISO week-based year.
func weekStart(weekYear int64) int64 {
	jan4 := daysFromCivil(weekYear, 1, 4)
	return jan4 - isoWeekday(jan4) + 1
}

func weeksInYear(weekYear int64) int64 { return (weekStart(weekYear+1) - weekStart(weekYear)) / 7 }

// plusMonths adds months to a day, clamping the day of month as Java's
// LocalDate.plusMonths does (2016-01-31 + 1 month = 2016-02-29).
func plusMonths(days, months int64) int64 {
	if months == 0 {
		return days
	}
	y, m, d := civilFromDays(days)
	pm := y*12 + m - 1 + months
	y, m = floorDiv(pm, 12), floorMod(pm, 12)+1
	return daysFromCivil(y, m, min(d, monthLength(y, m)))
}

func splitNanos(n int64) (hour, min, sec, nsec int) {
	s := n / nanosPerSecond
	return int(s / 3600), int(s % 3600 / 60), int(s % 60), int(n % nanosPerSecond)
}

// Formatting, after java.time's toString, which Neo4j uses.

func appendDate(b []byte, days int64) []byte {
	y, m, d := civilFromDays(days)
	switch {
	case y > 9999:
		b = append(b, '+')
		b = strconv.AppendInt(b, y, 10)
	case y < 0:
		b = append(b, '-')
		b = appendPad(b, -y, 4)
	default:
		b = appendPad(b, y, 4)
	}
	b = append(b, '-')
	b = appendPad(b, m, 2)
	b = append(b, '-')
	return appendPad(b, d, 2)
}

func appendPad(b []byte, v int64, width int) []byte {
	s := strconv.FormatInt(v, 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func appendClock(b []byte, nanos int64) []byte {
	h, m, s, ns := splitNanos(nanos)
	b = appendPad(b, int64(h), 2)
	b = append(b, ':')
	b = appendPad(b, int64(m), 2)
	if s == 0 && ns == 0 {
		return b
	}
	b = append(b, ':')
	b = appendPad(b, int64(s), 2)
	switch {
	case ns == 0:
	case ns%1e6 == 0:
		b = append(b, '.')
		b = appendPad(b, int64(ns/1e6), 3)
	case ns%1e3 == 0:
		b = append(b, '.')
		b = appendPad(b, int64(ns/1e3), 6)
	default:
		b = append(b, '.')
		b = appendPad(b, int64(ns), 9)
	}
	return b
}

func appendLocalDateTime(b []byte, sec int64, nanos int32) []byte {
	b = appendDate(b, floorDiv(sec, secondsPerDay))
	b = append(b, 'T')
	return appendClock(b, floorMod(sec, secondsPerDay)*nanosPerSecond+int64(nanos))
}

func appendOffset(b []byte, off int32) []byte {
	if off == 0 {
		return append(b, 'Z')
	}
	if off < 0 {
		b = append(b, '-')
		off = -off
	} else {
		b = append(b, '+')
	}
	b = appendPad(b, int64(off/3600), 2)
	b = append(b, ':')
	b = appendPad(b, int64(off%3600/60), 2)
	if s := off % 60; s != 0 {
		b = append(b, ':')
		b = appendPad(b, int64(s), 2)
	}
	return b
}

// Time zones.

// zones caches loaded locations: time.LoadLocation reads and parses the
// zone database on every call.
var zones sync.Map // string -> *time.Location

func loadZone(name string) (*time.Location, error) {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	zones.Store(name, l)
	return l, nil
}

// zoneOffsetAt returns the offset of loc at the UTC second sec.
func zoneOffsetAt(loc *time.Location, sec int64) int32 {
	_, off := time.Unix(sec, 0).In(loc).Zone()
	return int32(off)
}

// resolveLocal returns the UTC second and offset of the wall-clock second
// local in loc as java.time resolves it: in an overlap the earlier offset
// wins; in a gap the wall clock moves forward by the gap's length.
func resolveLocal(loc *time.Location, local int64) (utc int64, off int32) {
	early := zoneOffsetAt(loc, local-secondsPerDay)
	late := zoneOffsetAt(loc, local+secondsPerDay)
	if zoneOffsetAt(loc, local-int64(early)) == early {
		return local - int64(early), early
	}
	if zoneOffsetAt(loc, local-int64(late)) == late {
		return local - int64(late), late
	}
	utc = local - int64(early)
	return utc, zoneOffsetAt(loc, utc)
}

// zoneSpec is a parsed time-zone argument: a fixed offset or a named zone.
type zoneSpec struct {
	named  bool
	offset int32
	name   string
	loc    *time.Location
}

// parseZone parses Z, ±HH, ±HHMM, ±HH:MM, ±HH:MM:SS or an IANA zone name.
func parseZone(s string) (zoneSpec, error) {
	if off, ok := parseOffset(s); ok {
		return zoneSpec{offset: off}, nil
	}
	loc, err := loadZone(s)
	if err != nil {
		return zoneSpec{}, err
	}
	return zoneSpec{named: true, name: s, loc: loc}, nil
}

func parseOffset(s string) (int32, bool) {
	if s == "Z" || s == "z" {
		return 0, true
	}
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	sign := int32(1)
	if s[0] == '-' {
		sign = -1
	}
	rest := strings.ReplaceAll(s[1:], ":", "")
	if len(rest) != 2 && len(rest) != 4 && len(rest) != 6 {
		return 0, false
	}
	var parts [3]int32
	for i := 0; i < len(rest); i += 2 {
		if rest[i] < '0' || rest[i] > '9' || rest[i+1] < '0' || rest[i+1] > '9' {
			return 0, false
		}
		parts[i/2] = int32(rest[i]-'0')*10 + int32(rest[i+1]-'0')
	}
	if parts[0] > 18 || parts[1] > 59 || parts[2] > 59 {
		return 0, false
	}
	off := parts[0]*3600 + parts[1]*60 + parts[2]
	if off > 18*3600 {
		return 0, false
	}
	return sign * off, true
}

// dateTimeIn builds a DateTime from a wall-clock second and nanos in zone z.
func dateTimeIn(local int64, nanos int32, z zoneSpec) DateTime {
	if !z.named {
		return DateTime{local - int64(z.offset), nanos, z.offset, ""}
	}
	utc, off := resolveLocal(z.loc, local)
	return DateTime{utc, nanos, off, z.name}
}

// zoneOf returns the zone of a DateTime.
func (d DateTime) zoneSpec() zoneSpec {
	if d.zone != "" {
		if loc, err := loadZone(d.zone); err == nil {
			return zoneSpec{named: true, name: d.zone, loc: loc}
		}
	}
	return zoneSpec{offset: d.offset}
}

// withZone returns the same instant in zone z.
func (d DateTime) withZone(z zoneSpec) DateTime {
	if !z.named {
		return DateTime{d.sec, d.nanos, z.offset, ""}
	}
	return DateTime{d.sec, d.nanos, zoneOffsetAt(z.loc, d.sec), z.name}
}

// local returns the wall-clock second of d.
func (d DateTime) local() int64 { return d.sec + int64(d.offset) }

// offsetString formats an offset as the offset and timezone accessors do.
func offsetString(off int32) string { return string(appendOffset(nil, off)) }

// Compare orders two instants of the same type; ok is false for
// values of different types. Times and datetimes order by instant, then by
// wall clock (then zone name), as java.time does.
func Compare(a, b any) (int, bool) {
	switch x := a.(type) {
	case Date:
		if y, ok := b.(Date); ok {
			return cmp.Compare(x.days, y.days), true
		}
	case LocalTime:
		if y, ok := b.(LocalTime); ok {
			return cmp.Compare(x.nanos, y.nanos), true
		}
	case Time:
		if y, ok := b.(Time); ok {
			xu := x.nanos - int64(x.offset)*nanosPerSecond
			yu := y.nanos - int64(y.offset)*nanosPerSecond
			return cmp.Or(cmp.Compare(xu, yu), cmp.Compare(x.nanos, y.nanos)), true
		}
	case LocalDateTime:
		if y, ok := b.(LocalDateTime); ok {
			return cmp.Or(cmp.Compare(x.sec, y.sec), cmp.Compare(x.nanos, y.nanos)), true
		}
	case DateTime:
		if y, ok := b.(DateTime); ok {
			return cmp.Or(cmp.Compare(x.sec, y.sec), cmp.Compare(x.nanos, y.nanos),
				cmp.Compare(x.local(), y.local()), strings.Compare(x.zone, y.zone)), true
		}
	}
	return 0, false
}

// CompareDurations is the sort order of durations (they are not comparable
// with <): by their approximate length, then component by component.
func CompareDurations(x, y Duration) int {
	const avgMonthSeconds = 2629746
	lx := float64(x.Months)*avgMonthSeconds + float64(x.Days)*secondsPerDay + float64(x.Seconds)
	ly := float64(y.Months)*avgMonthSeconds + float64(y.Days)*secondsPerDay + float64(y.Seconds)
	return cmp.Or(cmp.Compare(lx, ly), cmp.Compare(x.Months, y.Months), cmp.Compare(x.Days, y.Days),
		cmp.Compare(x.Seconds, y.Seconds), cmp.Compare(x.Nanos, y.Nanos))
}

// Lossless conversions, for stores that persist temporal values.

// DateOfEpochDay returns the date n days after 1970-01-01.
func DateOfEpochDay(n int64) Date { return Date{n} }

// EpochDay returns the days from 1970-01-01 to d.
func (d Date) EpochDay() int64 { return d.days }

// LocalTimeOfNanoOfDay returns the local time n nanoseconds after midnight,
// n taken modulo 24 hours.
func LocalTimeOfNanoOfDay(n int64) LocalTime { return LocalTime{floorMod(n, nanosPerDay)} }

// NanoOfDay returns the nanoseconds from midnight to t.
func (t LocalTime) NanoOfDay() int64 { return t.nanos }

// NewTime returns the time n nanoseconds after midnight (modulo 24 hours)
// at offset seconds east of UTC; the offset must be within ±18 hours.
func NewTime(n int64, offset int) (Time, error) {
	if offset < -18*3600 || offset > 18*3600 {
		return Time{}, fmt.Errorf("value: UTC offset %d s out of range", offset)
	}
	return Time{floorMod(n, nanosPerDay), int32(offset)}, nil
}

// NanoOfDay returns the local nanoseconds from midnight to t.
func (t Time) NanoOfDay() int64 { return t.nanos }

// LocalDateTimeOfEpoch returns the wall-clock date and time sec seconds and
// nsec nanoseconds after 1970-01-01T00:00.
func LocalDateTimeOfEpoch(sec, nsec int64) LocalDateTime {
	sec += floorDiv(nsec, nanosPerSecond)
	return LocalDateTime{sec, int32(floorMod(nsec, nanosPerSecond))}
}

// Epoch returns the seconds and nanoseconds from 1970-01-01T00:00 to d's
// wall clock.
func (d LocalDateTime) Epoch() (sec, nsec int64) { return d.sec, int64(d.nanos) }

// NewDateTime returns the instant sec seconds and nsec nanoseconds after the
// Unix epoch, in the IANA zone named zone or, when zone is "", at the fixed
// offset (seconds east of UTC; ignored for a named zone). It fails for an
// unknown zone or an offset beyond ±18 hours.
func NewDateTime(sec, nsec int64, zone string, offset int) (DateTime, error) {
	sec += floorDiv(nsec, nanosPerSecond)
	ns := int32(floorMod(nsec, nanosPerSecond))
	if zone == "" {
		if offset < -18*3600 || offset > 18*3600 {
			return DateTime{}, fmt.Errorf("value: UTC offset %d s out of range", offset)
		}
		return DateTime{sec, ns, int32(offset), ""}, nil
	}
	loc, err := loadZone(zone)
	if err != nil {
		return DateTime{}, fmt.Errorf("value: %w", err)
	}
	return DateTime{sec, ns, zoneOffsetAt(loc, sec), zone}, nil
}

// Unix returns the seconds and nanoseconds from the Unix epoch to d.
func (d DateTime) Unix() (sec, nsec int64) { return d.sec, int64(d.nanos) }
