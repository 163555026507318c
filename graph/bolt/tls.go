package bolt

import (
	"crypto/tls"
	"fmt"
)

// LoadTLS reads a PEM certificate (chain first) and its PEM private key
// into a Config.TLS for the server. The error names both files and says
// what is wrong: unreadable, not PEM, or a key that does not match.
func LoadTLS(certFile, keyFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("cannot load the TLS certificate %s and key %s: %w", certFile, keyFile, err)
	}
	// No ALPN: WebSocket upgrades are HTTP/1.1, which is what a client
	// gets when the server names no protocol.
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}
