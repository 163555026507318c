package bolt

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// originAllowed says whether a WebSocket request with this Origin header
// may connect. Allowed without being listed: no Origin at all (clients
// that are not browsers) and pages served from a loopback host
// (localhost, 127.0.0.0/8, ::1) over http or https, kg's explorer among
// them. Everything else must be listed in Config.AllowOrigins, or the list
// must hold "*".
func (s *Server) originAllowed(origin string) bool {
	if origin == "" {
		return true
	}
	for _, a := range s.cfg.AllowOrigins {
		if a == "*" || strings.EqualFold(a, origin) {
			return true
		}
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Path != "" {
		return false
	}
	return isLoopbackHost(u.Hostname())
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// normalizeOrigins validates Config.AllowOrigins and returns it as
// browsers write origins: each entry is scheme://host[:port] (a final "/"
// is dropped), "null" (pages from files) or "*" (every origin).
func normalizeOrigins(origins []string) ([]string, error) {
	out := make([]string, 0, len(origins))
	for _, o := range origins {
		if o == "*" || o == "null" {
			out = append(out, o)
			continue
		}
		u, err := url.Parse(o)
		if err != nil || u.Scheme == "" || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
			return nil, fmt.Errorf("bolt: allowed origin %q: want scheme://host[:port] as browsers send it (e.g. https://browser.neo4j.io), \"null\" or \"*\"", o)
		}
		out = append(out, strings.ToLower(u.Scheme)+"://"+strings.ToLower(u.Host))
	}
	return out, nil
}
