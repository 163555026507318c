package bolt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Version is a Bolt protocol version.
type Version struct{ Major, Minor byte }

func (v Version) String() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }

// The Bolt versions served: 5.0 (authentication inside HELLO) to 5.8,
// less 5.5, which no server negotiates (the Bolt documentation calls its
// design flawed). What the later ones change, and how the server follows:
//
//   - 5.6: PULL's and DISCARD's SUCCESS carry statuses instead of
//     notifications; the server sends neither.
//   - 5.7: FAILURE carries neo4j_code (was code), gql_status, description
//     and diagnostic_record (see failure.meta).
//   - 5.8: the SUCCESS of BEGIN and of an auto-commit RUN names the
//     database the transaction runs in (db); the ssr.enabled hint and
//     LOGON's advertised_address are optional and not sent.
var (
	minVersion = Version{5, 0}
	maxVersion = Version{5, 8}
	skipMinor  = byte(5)
)

var boltMagic = []byte{0x60, 0x60, 0xB0, 0x17}

var errNoVersion = errors.New("bolt: no protocol version in common with the client")

// negotiate reads the client's magic and four version proposals, and picks
// the highest version served within them. Each proposal is 00 range minor
// major, standing for major.minor down to major.(minor-range); the
// manifest proposal (00 00 01 FF) is ignored. It writes the answer: the
// version, or zeros (then errNoVersion) when none fits.
func negotiate(rw io.ReadWriter) (Version, error) {
	var hs [20]byte
	if _, err := io.ReadFull(rw, hs[:]); err != nil {
		return Version{}, fmt.Errorf("bolt: handshake: %w", err)
	}
	if !bytes.Equal(hs[:4], boltMagic) {
		return Version{}, fmt.Errorf("bolt: handshake: bad magic % X", hs[:4])
	}
	v, ok := pickVersion(hs[4:])
	answer := []byte{0, 0, v.Minor, v.Major}
	if !ok {
		answer = []byte{0, 0, 0, 0}
	}
	if _, err := rw.Write(answer); err != nil {
		return Version{}, fmt.Errorf("bolt: handshake: %w", err)
	}
	if !ok {
		return Version{}, errNoVersion
	}
	return v, nil
}

func pickVersion(proposals []byte) (Version, bool) {
	var best Version
	found := false
	for i := 0; i+4 <= len(proposals); i += 4 {
		p := proposals[i : i+4]
		major, minor, rng := p[3], p[2], p[1]
		if major != maxVersion.Major || major == 0xFF {
			continue
		}
		hi := min(minor, maxVersion.Minor)
		lo := byte(0)
		if minor > rng {
			lo = minor - rng
		}
		if hi == skipMinor {
			hi--
		}
		if hi < lo || hi < minVersion.Minor {
			continue
		}
		if v := (Version{major, hi}); !found || v.Minor > best.Minor {
			best, found = v, true
		}
	}
	return best, found
}
