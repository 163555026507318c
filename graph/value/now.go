package value

import "time"

// String returns the name of the Cypher function that builds values of kind
// k: "date", "localtime", "time", "localdatetime" or "datetime".
func (k Kind) String() string { return tkindNames[k] }

// Now returns the instant now as a value of kind k, in UTC.
func Now(k Kind, now time.Time) any {
	p, _ := partsOf(DateTimeOf(now.UTC()))
	if k == KindTime {
		p.offset = 0
	}
	return p.value(k)
}

// NowIn returns the instant now as a value of kind k in zone, an IANA zone
// name or a UTC offset (Z, ±HH, ±HHMM, ±HH:MM, ±HH:MM:SS). An unknown zone
// is an error wrapping ErrTemporal.
func NowIn(k Kind, now time.Time, zone string) (any, error) {
	z, err := parseZone(zone)
	if err != nil {
		return nil, temporalErrorf("%v", err)
	}
	p, _ := partsOf(DateTimeOf(now.UTC()).withZone(z))
	return p.value(k), nil
}

// DateTimeOfEpoch returns the instant sec seconds and nsec nanoseconds after
// the Unix epoch, in UTC; nsec may be negative or exceed a second.
func DateTimeOfEpoch(sec, nsec int64) DateTime {
	return DateTime{sec: sec + floorDiv(nsec, nanosPerSecond), nanos: int32(floorMod(nsec, nanosPerSecond))}
}
