package bolt

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Transports on the one port, told apart by a connection's first bytes as
// Neo4j's own server does: the Bolt magic is plain Bolt; a TLS record
// (0x16, a ClientHello) is TLS, inside which the same choice is made
// again; an HTTP GET is a WebSocket upgrade (browsers), whose binary
// messages carry the Bolt byte stream, handshake included.
const tlsHandshakeRecord = 0x16

// errNeedsTLS refuses a plaintext client of a server that has a
// certificate.
var errNeedsTLS = errors.New("plaintext connection refused: the server requires TLS (bolt+s://, neo4j+s://, wss://)")

// peekedConn is a connection whose first bytes were read ahead into r.
type peekedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *peekedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// serveTransport sniffs a new connection and serves it in the transport
// its first bytes name. It returns when the connection is done.
func (s *Server) serveTransport(raw net.Conn, id string) {
	_ = raw.SetDeadline(time.Now().Add(handshakeTimeout))
	var nc net.Conn = raw
	r := bufio.NewReader(raw)
	first, err := r.Peek(1)
	if err != nil {
		s.logHandshake(raw, err)
		return
	}
	switch {
	case first[0] == tlsHandshakeRecord && s.cfg.TLS != nil:
		tc := tls.Server(&peekedConn{raw, r}, s.cfg.TLS)
		if err := tc.HandshakeContext(s.ctx); err != nil {
			s.logHandshake(raw, fmt.Errorf("TLS handshake: %w", err))
			return
		}
		nc, r = tc, bufio.NewReader(tc)
	case first[0] == tlsHandshakeRecord:
		s.logf("%s: TLS connection refused: the server has no certificate (use bolt://, or start it with one)", raw.RemoteAddr())
		return
	case s.cfg.TLS != nil:
		s.logf("%s: %v", raw.RemoteAddr(), errNeedsTLS)
		return
	}
	head, err := r.Peek(4)
	if err != nil {
		s.logHandshake(raw, err)
		return
	}
	if bytes.HasPrefix(head, []byte("GET ")) {
		s.serveHTTP(&peekedConn{nc, r}, id)
		return
	}
	s.serveConn(nc, r, id)
}

// logHandshake reports a connection that failed before it spoke; a client
// that connects and leaves (a port probe) is not worth a line.
func (s *Server) logHandshake(c net.Conn, err error) {
	if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
		s.logf("%s: %v", c.RemoteAddr(), err)
	}
}

// handoff is a connection lent to the HTTP server: it reports back an
// upgraded WebSocket, or its end (the HTTP server closed it).
type handoff struct {
	net.Conn
	id       string
	upgraded chan net.Conn
	done     chan struct{}
	once     sync.Once
}

func (h *handoff) Close() error {
	h.once.Do(func() { close(h.done) })
	return h.Conn.Close()
}

type handoffKey struct{}

// serveHTTP lends c to the server's HTTP server, which answers the
// request: a WebSocket upgrade from an allowed origin comes back here and
// is served as Bolt in this goroutine (which holds the connection's slot);
// anything else gets its HTTP error and ends.
func (s *Server) serveHTTP(c net.Conn, id string) {
	h := &handoff{Conn: c, id: id, upgraded: make(chan net.Conn, 1), done: make(chan struct{})}
	if !s.http.push(h, s.ctx) {
		c.Close()
		return
	}
	select {
	case ws := <-h.upgraded:
		defer ws.Close()
		s.serveConn(ws, bufio.NewReader(ws), id)
	case <-h.done:
	}
}

// httpTransport is the HTTP server that upgrades WebSocket requests,
// fed with the connections that began with GET.
type httpTransport struct {
	srv   *http.Server
	queue chan net.Conn
	stop  chan struct{}
	once  sync.Once
}

func (s *Server) newHTTPTransport() *httpTransport {
	t := &httpTransport{queue: make(chan net.Conn), stop: make(chan struct{})}
	t.srv = &http.Server{
		Handler:           http.HandlerFunc(s.upgrade),
		ReadHeaderTimeout: handshakeTimeout,
		IdleTimeout:       handshakeTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(logWriter{s}, "", 0),
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			return context.WithValue(ctx, handoffKey{}, c)
		},
	}
	// One request per connection: the upgrade, or an HTTP error.
	t.srv.SetKeepAlivesEnabled(false)
	return t
}

// push hands c to the HTTP server; false once the server is closing.
func (t *httpTransport) push(c net.Conn, ctx context.Context) bool {
	select {
	case t.queue <- c:
		return true
	case <-t.stop:
	case <-ctx.Done():
	}
	return false
}

// close stops the HTTP server and the connections it still holds.
func (t *httpTransport) close() {
	t.once.Do(func() { close(t.stop) })
	t.srv.Close()
}

// Accept, Close and Addr make httpTransport the HTTP server's listener.
func (t *httpTransport) Accept() (net.Conn, error) {
	select {
	case c := <-t.queue:
		return c, nil
	case <-t.stop:
		return nil, net.ErrClosed
	}
}

func (t *httpTransport) Close() error {
	t.once.Do(func() { close(t.stop) })
	return nil
}

func (t *httpTransport) Addr() net.Addr { return websocketAddr{} }

type websocketAddr struct{}

func (websocketAddr) Network() string { return "websocket" }
func (websocketAddr) String() string  { return "websocket" }

// upgrade answers one HTTP request: 403 for an origin that is not
// allowed, else a WebSocket upgrade (websocket.Accept answers requests
// that are not upgrades with their HTTP error).
func (s *Server) upgrade(w http.ResponseWriter, r *http.Request) {
	h, _ := r.Context().Value(handoffKey{}).(*handoff)
	if h == nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	origin := r.Header.Get("Origin")
	if !s.originAllowed(origin) {
		s.logf("%s: WebSocket from origin %q refused: not in the allowed origins (--allow-origin)", h.RemoteAddr(), origin)
		http.Error(w, fmt.Sprintf("origin %q is not allowed to connect; start kg serve with --allow-origin %s", origin, origin), http.StatusForbidden)
		return
	}
	// The origin is checked above, against the allow-list alone:
	// websocket.Accept's own check also admits any origin whose host
	// equals the request's Host, which a DNS-rebinding page controls.
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		s.logf("%s: %v", h.RemoteAddr(), err)
		return
	}
	h.upgraded <- websocket.NetConn(s.ctx, ws, websocket.MessageBinary)
}

// logWriter turns the HTTP server's log lines into the server's.
type logWriter struct{ s *Server }

func (l logWriter) Write(p []byte) (int, error) {
	l.s.logf("%s", bytes.TrimRight(p, "\n"))
	return len(p), nil
}
