package bolt

import (
	"context"
	"crypto/subtle"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
)

// Querier runs one Cypher statement; graph.Store and the embedded store
// are Queriers. Query must be safe for concurrent use.
type Querier interface {
	Query(ctx context.Context, query string, params map[string]any) (*graph.Result, error)
}

// TypedQuerier is a Querier that can return temporal values as
// graph/value's types rather than as text (graph.Store's contract); the
// embedded store is one. The server uses QueryTyped when the store has it,
// so that clients receive Bolt's temporal structures.
type TypedQuerier interface {
	Querier
	QueryTyped(ctx context.Context, query string, params map[string]any) (*graph.Result, error)
}

// Beginner is a store with explicit write transactions, as the embedded
// store has. The server runs a client's writing explicit transaction
// (BEGIN in write mode … COMMIT) in one, so that it is atomic and has the
// store to itself; without it, writes in an explicit transaction are
// refused.
type Beginner interface {
	Begin(ctx context.Context) (*embedded.Tx, error)
}

// Config configures a Server.
type Config struct {
	// Store answers the queries.
	Store Querier
	// Username and Password are the credentials clients must present
	// (Bolt's "basic" scheme), unless NoAuth is set, which accepts every
	// client.
	Username, Password string
	NoAuth             bool
	// ReadOnly refuses every statement that writes.
	ReadOnly bool
	// MaxConns bounds the open connections; further clients are closed
	// at once. Zero means 100.
	MaxConns int
	// QueryTimeout bounds each statement; a client's smaller tx_timeout
	// wins. Zero means no limit beyond the client's.
	QueryTimeout time.Duration
	// TxIdleTimeout bounds how long a client may leave a write
	// transaction open without sending anything; the connection is then
	// closed and the transaction rolled back, so that an abandoned client
	// cannot hold the store's writer lock for ever.
	// Zero means one minute.
	TxIdleTimeout time.Duration
	// Agent is the server agent sent in HELLO's SUCCESS; zero means
	// "kg/dev".
	Agent string
	// MaxMessage bounds a request's size in bytes; zero means 16 MiB.
	MaxMessage int
	// Logf, when set, receives one line per connection-level problem.
	Logf func(format string, args ...any)
	// TLS, when set, makes every connection TLS (bolt+s://, neo4j+s://,
	// wss://); plaintext clients are refused.
	TLS *tls.Config
	// AllowOrigins lists the web origins (scheme://host[:port]) whose
	// pages may connect over WebSocket, besides clients that send no
	// Origin and pages from loopback hosts; "*" allows every origin.
	// Others are answered 403 Forbidden.
	AllowOrigins []string
}

// query runs a statement on the store, typed when it can.
func (s *Server) query(ctx context.Context, query string, params map[string]any) (*graph.Result, error) {
	if tq, ok := s.cfg.Store.(TypedQuerier); ok {
		return tq.QueryTyped(ctx, query, params)
	}
	return s.cfg.Store.Query(ctx, query, params)
}

// Server serves Bolt connections.
type Server struct {
	cfg    Config
	ctx    context.Context
	cancel context.CancelFunc
	slots  chan struct{}

	mu     sync.Mutex
	lns    map[net.Listener]struct{}
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
	nextID uint64
	http   *httpTransport
	httpUp sync.Once
}

// New returns a server for cfg. It fails without a store, or without
// credentials unless NoAuth is set.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("bolt: no store to serve")
	}
	if !cfg.NoAuth && (cfg.Username == "" || cfg.Password == "") {
		return nil, errors.New("bolt: a username and a password are required unless authentication is off")
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = 100
	}
	if cfg.TxIdleTimeout <= 0 {
		cfg.TxIdleTimeout = time.Minute
	}
	if cfg.Agent == "" {
		cfg.Agent = "kg/dev"
	}
	if cfg.MaxMessage <= 0 {
		cfg.MaxMessage = 16 << 20
	}
	origins, err := normalizeOrigins(cfg.AllowOrigins)
	if err != nil {
		return nil, err
	}
	cfg.AllowOrigins = origins
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{cfg: cfg, ctx: ctx, cancel: cancel, slots: make(chan struct{}, cfg.MaxConns),
		lns: map[net.Listener]struct{}{}, conns: map[net.Conn]struct{}{}}
	s.http = s.newHTTPTransport()
	return s, nil
}

// ErrServerClosed is returned by Serve after Close.
var ErrServerClosed = errors.New("bolt: server closed")

// Serve accepts connections on ln until Close; it returns ErrServerClosed
// then, or the listener's error.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrServerClosed
	}
	s.lns[ln] = struct{}{}
	s.httpUp.Do(func() { // under mu, so that Close waits for it
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			_ = s.http.srv.Serve(s.http)
		}()
	})
	s.mu.Unlock()
	for {
		c, err := ln.Accept()
		if err != nil {
			s.mu.Lock()
			closed := s.closed
			delete(s.lns, ln)
			s.mu.Unlock()
			if closed {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			return fmt.Errorf("bolt: accept: %w", err)
		}
		select {
		case s.slots <- struct{}{}:
		default:
			s.logf("refusing %s: %d connections are open", c.RemoteAddr(), s.cfg.MaxConns)
			c.Close()
			continue
		}
		id, ok := s.track(c)
		if !ok {
			<-s.slots
			c.Close()
			return ErrServerClosed
		}
		go func() {
			defer s.wg.Done()
			defer func() { <-s.slots }()
			defer s.untrack(c)
			s.serveTransport(c, id)
		}()
	}
}

// track registers c and returns its connection id; false once closed.
func (s *Server) track(c net.Conn) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return "", false
	}
	s.conns[c] = struct{}{}
	s.wg.Add(1)
	s.nextID++
	return "bolt-" + strconv.FormatUint(s.nextID, 10), true
}

func (s *Server) untrack(c net.Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	c.Close()
}

// Close stops accepting, cancels the running queries, closes every
// connection and waits for their goroutines. Each statement is atomic in
// the store, so a cancelled one leaves nothing half-done.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	for ln := range s.lns {
		ln.Close()
	}
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.http.close()
	s.cancel()
	s.wg.Wait()
	return nil
}

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Logf != nil {
		s.cfg.Logf(format, args...)
	}
}

// authenticate checks a LOGON (or 5.0 HELLO) token.
func (s *Server) authenticate(token map[string]any) error {
	if s.cfg.NoAuth {
		return nil
	}
	scheme, user, pass := strOf(token, "scheme"), strOf(token, "principal"), strOf(token, "credentials")
	if scheme != "basic" {
		return &failure{codeUnauthorized, fmt.Sprintf("unsupported authentication scheme %q: the server takes basic authentication", scheme)}
	}
	okUser := subtle.ConstantTimeCompare([]byte(user), []byte(s.cfg.Username)) == 1
	okPass := subtle.ConstantTimeCompare([]byte(pass), []byte(s.cfg.Password)) == 1
	if !okUser || !okPass {
		return &failure{codeUnauthorized, "The client is unauthorized due to authentication failure."}
	}
	return nil
}
