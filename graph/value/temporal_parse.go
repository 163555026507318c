package value

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ISO 8601 forms Neo4j accepts, basic and extended: calendar dates
// (2015-07-21, 20150721, 2015-07, 2015), week dates (2015-W30-2, 2015W302,
// 2015-W30), ordinal dates (2015-202, 2015202); times 21:40:32.142,
// 214032,142, 21:40, 21; offsets Z, ±HH, ±HHMM, ±HH:MM, ±HH:MM:SS, and a
// [Region/City] zone.
var (
	dateRe   = regexp.MustCompile(`^([+-]\d{4,9}|\d{4})(?:(-?)(?:W(\d{2})(?:-?(\d))?|(\d{3})|(\d{2})(?:-?(\d{2}))?))?$`)
	clockRe  = regexp.MustCompile(`^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?$`)
	zoneRe   = regexp.MustCompile(`^(Z|z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?(?:\[([^\]]+)\])?$`)
	durNum   = `([+-]?\d+(?:[.,]\d+)?)`
	durRe    = regexp.MustCompile(`^([+-])?P(?:` + durNum + `Y)?(?:` + durNum + `M)?(?:` + durNum + `W)?(?:` + durNum + `D)?(?:T(?:` + durNum + `H)?(?:` + durNum + `M)?(?:` + durNum + `S)?)?$`)
	durAltRe = regexp.MustCompile(`^([+-])?P(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2}(?:[.,]\d{1,9})?)$`)
)

func parseDateString(s string) (int64, error) {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return 0, temporalErrorf("%q is not a date", s)
	}
	year, _ := strconv.ParseInt(m[1], 10, 64)
	atoi := func(s string) int64 { v, _ := strconv.ParseInt(s, 10, 64); return v }
	var b map[string]any
	switch {
	case m[3] != "":
		b = map[string]any{"year": year, "week": atoi(m[3])}
		if m[4] != "" {
			b["dayOfWeek"] = atoi(m[4])
		}
	case m[5] != "":
		b = map[string]any{"year": year, "ordinalDay": atoi(m[5])}
	case m[6] != "":
		b = map[string]any{"year": year, "month": atoi(m[6])}
		if m[7] != "" {
			b["day"] = atoi(m[7])
		}
	default:
		b = map[string]any{"year": year}
	}
	f := func(key string) (int64, bool, error) {
		for k, v := range b {
			if strings.EqualFold(k, key) {
				return v.(int64), true, nil
			}
		}
		return 0, false, nil
	}
	return buildDate(f, nil, KindDate)
}

func parseClockString(s string) (int64, error) {
	m := clockRe.FindStringSubmatch(s)
	if m == nil {
		return 0, temporalErrorf("%q is not a time", s)
	}
	var h, mi, sec, ns int64
	h, _ = strconv.ParseInt(m[1], 10, 64)
	if m[2] != "" {
		mi, _ = strconv.ParseInt(m[2], 10, 64)
	}
	if m[3] != "" {
		sec, _ = strconv.ParseInt(m[3], 10, 64)
	}
	if m[4] != "" {
		frac := m[4] + strings.Repeat("0", 9-len(m[4]))
		ns, _ = strconv.ParseInt(frac, 10, 64)
	}
	if h > 23 || mi > 59 || sec > 59 {
		return 0, temporalErrorf("%q is not a valid time", s)
	}
	return ((h*60+mi)*60+sec)*nanosPerSecond + ns, nil
}

// splitZone splits "21:40:32+01:00[Europe/Stockholm]" into the clock and
// the zone suffix.
func splitZone(s string) (clock, zone string) {
	if i := strings.IndexAny(s, "Zz+-["); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// parseZoneSuffix parses an offset and/or a bracketed zone name; ok is false
// when there is none.
func parseZoneSuffix(s string) (off int32, hasOff bool, name string, err error) {
	if s == "" {
		return 0, false, "", nil
	}
	m := zoneRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false, "", temporalErrorf("%q is not a time zone", s)
	}
	if m[1] != "" {
		o, ok := parseOffset(m[1])
		if !ok {
			return 0, false, "", temporalErrorf("%q is not a UTC offset", m[1])
		}
		off, hasOff = o, true
	}
	return off, hasOff, m[2], nil
}

// parseTemporal parses the string forms of the five instant types.
func parseTemporal(k Kind, s string, now time.Time) (any, error) {
	var p tparts
	rest := s
	if k.hasDate() {
		date := s
		rest = ""
		if i := strings.IndexAny(s, "Tt"); i >= 0 {
			date, rest = s[:i], s[i+1:]
			if k == KindDate || rest == "" {
				return nil, temporalErrorf("%q is not a %s", s, tkindNames[k])
			}
		}
		days, err := parseDateString(date)
		if err != nil {
			return nil, err
		}
		p.hasDate, p.days = true, days
	}
	clock, zone := splitZone(rest)
	if k.hasTime() && rest != "" {
		n, err := parseClockString(clock)
		if err != nil {
			return nil, err
		}
		p.nanos = n
	}
	p.hasTime = k.hasTime()
	off, hasOff, name, err := parseZoneSuffix(zone)
	if err != nil {
		return nil, err
	}
	if !k.hasZone() {
		if zone != "" {
			return nil, temporalErrorf("%q is not a %s: it has a time zone", s, tkindNames[k])
		}
		return p.value(k), nil
	}
	p.hasZone = true
	switch {
	case name != "":
		z, err := parseZone(name)
		if err != nil {
			return nil, temporalErrorf("%v", err)
		}
		if k == KindTime {
			p.offset = timeOffset(z, now)
			if hasOff {
				p.offset = off
			}
			return p.value(k), nil
		}
		p.zone = z
		d := p.dateTime()
		if hasOff && d.offset != off {
			// an offset that is valid for this wall clock picks among the two
			// readings of an overlap
			sec, _ := p.localSec()
			if zoneOffsetAt(z.loc, sec-int64(off)) == off {
				d = DateTime{sec - int64(off), d.nanos, off, z.name}
			}
		}
		return d, nil
	case hasOff:
		p.zone, p.offset = zoneSpec{offset: off}, off
	}
	return p.value(k), nil
}

// ParseDuration parses P[nY][nM][nW][nD][T[nH][nM][nS]] (components may be
// fractional or negative) and the alternative form PYYYY-MM-DDThh:mm:ss.
func ParseDuration(s string) (Duration, error) {
	var c durComponents
	neg := false
	if m := durRe.FindStringSubmatch(s); m != nil && s != "P" && !strings.HasSuffix(s, "T") {
		neg = m[1] == "-"
		for i, dst := range []*string{&c.years, &c.months, &c.weeks, &c.days, &c.hours, &c.minutes, &c.seconds} {
			*dst = strings.ReplaceAll(m[i+2], ",", ".")
		}
	} else if m := durAltRe.FindStringSubmatch(s); m != nil {
		neg = m[1] == "-"
		c.years, c.months, c.days, c.hours, c.minutes = m[2], m[3], m[4], m[5], m[6]
		c.seconds = strings.ReplaceAll(m[7], ",", ".")
	} else {
		return Duration{}, temporalErrorf("%q is not a duration", s)
	}
	d, err := c.duration()
	if err != nil {
		return Duration{}, err
	}
	if neg {
		d = d.Neg()
	}
	return d, nil
}
