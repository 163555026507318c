package value

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The spatial reference ids of the four coordinate reference systems
// Neo4j supports, as Bolt carries them.
const (
	SRIDCartesian   = 7203 // cartesian: x, y
	SRIDCartesian3D = 9157 // cartesian-3d: x, y, z
	SRIDWGS84       = 4326 // wgs-84: longitude, latitude in degrees
	SRIDWGS843D     = 4979 // wgs-84-3d: longitude, latitude, height in metres
)

// EarthRadius is the radius, in metres, with which Neo4j measures
// distances between WGS-84 points.
const EarthRadius = 6378140.0

// ErrPoint marks invalid spatial arguments; the caller maps it to an
// argument error.
var ErrPoint = errors.New("invalid point")

// Point is a Cypher POINT: two or three coordinates in one of the four
// coordinate reference systems above, named by SRID. For a WGS-84 point X
// is the longitude, Y the latitude and Z the height. Z is 0 in a 2D point.
// Points built by NewPoint or PointFromMap are valid; == is Cypher
// equality (two points of different systems are never equal).
type Point struct {
	SRID    int32
	X, Y, Z float64
}

var crsNames = map[int32]string{
	SRIDCartesian: "cartesian", SRIDCartesian3D: "cartesian-3d", SRIDWGS84: "wgs-84", SRIDWGS843D: "wgs-84-3d",
}

// NewPoint returns the point with srid and coordinates, 2 or 3 of them as
// the system requires; an error wrapping ErrPoint for an unknown srid, the
// wrong number of coordinates or a latitude or longitude out of range.
func NewPoint(srid int32, coords ...float64) (Point, error) {
	name, ok := crsNames[srid]
	if !ok {
		return Point{}, fmt.Errorf("%w: unknown coordinate reference system with srid %d", ErrPoint, srid)
	}
	p := Point{SRID: srid}
	if len(coords) != p.Dims() {
		return Point{}, fmt.Errorf("%w: a %s point has %d coordinates, not %d", ErrPoint, name, p.Dims(), len(coords))
	}
	p.X, p.Y = coords[0], coords[1]
	if len(coords) == 3 {
		p.Z = coords[2]
	}
	if p.Geographic() {
		if p.Y < -90 || p.Y > 90 {
			return Point{}, fmt.Errorf("%w: latitude %v is outside [-90, 90]", ErrPoint, p.Y)
		}
		if p.X < -180 || p.X > 180 {
			return Point{}, fmt.Errorf("%w: longitude %v is outside [-180, 180]", ErrPoint, p.X)
		}
	}
	return p, nil
}

// Dims returns the number of coordinates, 2 or 3.
func (p Point) Dims() int {
	if p.SRID == SRIDCartesian3D || p.SRID == SRIDWGS843D {
		return 3
	}
	return 2
}

// Geographic reports whether p is a WGS-84 point.
func (p Point) Geographic() bool { return p.SRID == SRIDWGS84 || p.SRID == SRIDWGS843D }

// CRS names p's coordinate reference system as Cypher's p.crs does:
// "cartesian", "cartesian-3d", "wgs-84" or "wgs-84-3d".
func (p Point) CRS() string { return crsNames[p.SRID] }

// Fields returns p as a map for JSON output: crs, srid, x, y and, in
// three dimensions, z.
func (p Point) Fields() map[string]any {
	m := map[string]any{"crs": p.CRS(), "srid": p.SRID, "x": p.X, "y": p.Y}
	if p.Dims() == 3 {
		m["z"] = p.Z
	}
	return m
}

// String writes p as Neo4j's toString() does:
// point({x: 1.0, y: 2.0, crs: 'cartesian'}).
func (p Point) String() string {
	var b strings.Builder
	b.WriteString("point({x: ")
	b.WriteString(FormatFloat(p.X))
	b.WriteString(", y: ")
	b.WriteString(FormatFloat(p.Y))
	if p.Dims() == 3 {
		b.WriteString(", z: ")
		b.WriteString(FormatFloat(p.Z))
	}
	b.WriteString(", crs: '")
	b.WriteString(p.CRS())
	b.WriteString("'})")
	return b.String()
}

// PointField returns the component key of p (x, y, z, longitude,
// latitude, height, crs, srid; case-insensitive). ok is false for a key p
// does not have: z or height of a 2D point, the geographic names of a
// cartesian point, or any other name.
func PointField(p Point, key string) (v any, ok bool) {
	switch strings.ToLower(key) {
	case "x":
		return p.X, true
	case "y":
		return p.Y, true
	case "z":
		return p.Z, p.Dims() == 3
	case "longitude":
		return p.X, p.Geographic()
	case "latitude":
		return p.Y, p.Geographic()
	case "height":
		return p.Z, p.Geographic() && p.Dims() == 3
	case "crs":
		return p.CRS(), true
	case "srid":
		return int64(p.SRID), true
	}
	return nil, false
}

// PointFromMap builds a point as Cypher's point(map) does: from x and y
// (and z), or longitude and latitude (and height, or z), with an optional
// crs name or srid. Without one, the system follows from the keys: x, y →
// cartesian; longitude, latitude → wgs-84; a third coordinate makes it 3D.
// A null coordinate gives a nil point (ok false). Errors wrap ErrPoint.
func PointFromMap(m map[string]any) (p Point, ok bool, err error) {
	var coords [3]float64
	var have [3]bool
	geo := false
	srid := int32(0)
	for k, v := range m {
		i := -1
		switch strings.ToLower(k) {
		case "x":
			i = 0
		case "y":
			i = 1
		case "z", "height":
			i = 2
		case "longitude":
			i, geo = 0, true
		case "latitude":
			i, geo = 1, true
		case "crs":
			if v == nil {
				return Point{}, false, nil
			}
			s, isStr := v.(string)
			if !isStr {
				return Point{}, false, fmt.Errorf("%w: crs must be a string, not %s", ErrPoint, TypeName(v))
			}
			code := sridOfCRS(s)
			if code == 0 {
				return Point{}, false, fmt.Errorf("%w: unknown coordinate reference system %q", ErrPoint, s)
			}
			if srid != 0 && srid != code {
				return Point{}, false, fmt.Errorf("%w: crs %q and srid %d disagree", ErrPoint, s, srid)
			}
			srid = code
			continue
		case "srid":
			if v == nil {
				return Point{}, false, nil
			}
			n, isInt := v.(int64)
			if _, known := crsNames[int32(n)]; !isInt || !known || n != int64(int32(n)) {
				return Point{}, false, fmt.Errorf("%w: unknown srid %v", ErrPoint, v)
			}
			if srid != 0 && srid != int32(n) {
				return Point{}, false, fmt.Errorf("%w: crs and srid %d disagree", ErrPoint, n)
			}
			srid = int32(n)
			continue
		default:
			return Point{}, false, fmt.Errorf("%w: unknown key %q", ErrPoint, k)
		}
		if have[i] {
			return Point{}, false, fmt.Errorf("%w: coordinate %q given twice", ErrPoint, k)
		}
		switch x := v.(type) {
		case nil:
			return Point{}, false, nil
		case int64:
			coords[i] = float64(x)
		case float64:
			coords[i] = x
		default:
			return Point{}, false, fmt.Errorf("%w: coordinate %q must be a number, not %s", ErrPoint, k, TypeName(v))
		}
		have[i] = true
	}
	if !have[0] || !have[1] {
		return Point{}, false, fmt.Errorf("%w: a point needs x and y, or longitude and latitude", ErrPoint)
	}
	dims := 2
	if have[2] {
		dims = 3
	}
	if srid == 0 {
		switch {
		case geo && dims == 3:
			srid = SRIDWGS843D
		case geo:
			srid = SRIDWGS84
		case dims == 3:
			srid = SRIDCartesian3D
		default:
			srid = SRIDCartesian
		}
	}
	p, err = NewPoint(srid, coords[:dims]...)
	return p, err == nil, err
}

func sridOfCRS(name string) int32 {
	for code, n := range crsNames {
		if strings.EqualFold(n, name) {
			return code
		}
	}
	return 0
}

// ComparePoints orders points as Neo4j does: by srid, then coordinate by
// coordinate. It is the order of ORDER BY; Cypher's < and > do not compare
// points.
func ComparePoints(a, b Point) int {
	return cmp.Or(cmp.Compare(a.SRID, b.SRID), cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y), cmp.Compare(a.Z, b.Z))
}

// Distance returns the distance between a and b as Neo4j's
// point.distance does: Euclidean for cartesian points, and for WGS-84
// points the haversine great-circle distance in metres on a sphere of
// EarthRadius (3D: at the mean height, combined with the height
// difference). ok is false when the points are in different systems.
func Distance(a, b Point) (d float64, ok bool) {
	if a.SRID != b.SRID {
		return 0, false
	}
	if !a.Geographic() {
		dx, dy, dz := a.X-b.X, a.Y-b.Y, a.Z-b.Z
		return math.Sqrt(dx*dx + dy*dy + dz*dz), true
	}
	rad := math.Pi / 180
	lat1, lat2 := a.Y*rad, b.Y*rad
	dLat, dLon := (b.Y-a.Y)*rad, (b.X-a.X)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	c := 2 * math.Atan2(math.Sqrt(h), math.Sqrt(1-h))
	if a.Dims() == 2 {
		return EarthRadius * c, true
	}
	flat := (EarthRadius + (a.Z+b.Z)/2) * c
	dh := a.Z - b.Z
	return math.Sqrt(flat*flat + dh*dh), true
}

// WithinBBox reports whether p lies in the box with corners lowerLeft and
// upperRight, borders included, as Neo4j's point.withinBBox does: for
// WGS-84 a lowerLeft longitude east of upperRight's spans the 180th
// meridian. ok is false when the three points are not in one system.
func WithinBBox(p, lowerLeft, upperRight Point) (in, ok bool) {
	if p.SRID != lowerLeft.SRID || p.SRID != upperRight.SRID {
		return false, false
	}
	xin := lowerLeft.X <= p.X && p.X <= upperRight.X
	if p.Geographic() && lowerLeft.X > upperRight.X {
		xin = p.X >= lowerLeft.X || p.X <= upperRight.X
	}
	in = xin && lowerLeft.Y <= p.Y && p.Y <= upperRight.Y
	if p.Dims() == 3 {
		in = in && lowerLeft.Z <= p.Z && p.Z <= upperRight.Z
	}
	return in, true
}

// NonFinite returns the name Cypher gives f, NaN, Infinity or -Infinity,
// and reports whether f is one of them.
func NonFinite(f float64) (string, bool) {
	switch {
	case math.IsNaN(f):
		return "NaN", true
	case math.IsInf(f, 1):
		return "Infinity", true
	case math.IsInf(f, -1):
		return "-Infinity", true
	}
	return "", false
}

// FormatFloat renders a float as Cypher's toString does: 1.0, 0.5, 1.0E20,
// NaN, Infinity.
func FormatFloat(f float64) string {
	if s, ok := NonFinite(f); ok {
		return s
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if math.Abs(f) >= 1e16 || (f != 0 && math.Abs(f) < 1e-4) {
		s = strconv.FormatFloat(f, 'E', -1, 64)
	}
	if !strings.ContainsAny(s, ".EN") {
		s += ".0"
	}
	return s
}
