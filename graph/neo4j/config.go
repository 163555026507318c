package neo4j

import (
	"fmt"
	"time"
)

// Defaults of Config's zero fields.
const (
	DefaultURI            = "neo4j://localhost:7687"
	DefaultUsername       = "neo4j"
	DefaultDatabase       = "neo4j"
	DefaultBatchSize      = 2000
	DefaultConnectTimeout = 10 * time.Second
	// MaxBatchSize bounds BatchSize: larger transactions strain the heap
	// docker-compose.yml gives Neo4j (512 MB, growing to 1 GB) without
	// loading faster.
	MaxBatchSize = 50000
)

// Config says how to reach a Neo4j server and how to load it. The command
// line fills it from --neo4j-uri and the variables NEO4J_URI,
// NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE, as Neo4j's own tools
// name them. Zero fields take the defaults above; an empty Password means
// no authentication when Username is empty too.
type Config struct {
	URI      string // neo4j://, neo4j+s://, bolt://, bolt+s:// …; default DefaultURI
	Username string // default DefaultUsername when Password is set
	Password string // never printed: see String
	Database string // default DefaultDatabase

	// BatchSize is the number of rows per load transaction (default
	// DefaultBatchSize, at most MaxBatchSize).
	BatchSize int
	// ConnectTimeout bounds the connectivity check of Open (default
	// DefaultConnectTimeout).
	ConnectTimeout time.Duration
	// MaxRetryTime bounds the driver's retries of transient errors in one
	// managed transaction; zero keeps the driver's default (30s).
	MaxRetryTime time.Duration
}

// withDefaults returns c with its zero fields set to the defaults, or an
// error naming the invalid field.
func (c Config) withDefaults() (Config, error) {
	if c.URI == "" {
		c.URI = DefaultURI
	}
	if c.Username == "" && c.Password != "" {
		c.Username = DefaultUsername
	}
	if c.Database == "" {
		c.Database = DefaultDatabase
	}
	switch {
	case c.BatchSize == 0:
		c.BatchSize = DefaultBatchSize
	case c.BatchSize < 0 || c.BatchSize > MaxBatchSize:
		return c, fmt.Errorf("neo4j: batch size %d out of range 1..%d", c.BatchSize, MaxBatchSize)
	}
	switch {
	case c.ConnectTimeout == 0:
		c.ConnectTimeout = DefaultConnectTimeout
	case c.ConnectTimeout < 0:
		return c, fmt.Errorf("neo4j: negative connect timeout %v", c.ConnectTimeout)
	}
	if c.MaxRetryTime < 0 {
		return c, fmt.Errorf("neo4j: negative max retry time %v", c.MaxRetryTime)
	}
	return c, nil
}

// String describes c for logs and messages with the password masked, so
// printing a Config (%v, %s, %+v) never shows the password.
func (c Config) String() string {
	pw := "(none)"
	if c.Password != "" {
		pw = "********"
	}
	return fmt.Sprintf("neo4j{uri=%s user=%s password=%s database=%s batch=%d timeout=%v}",
		c.URI, c.Username, pw, c.Database, c.BatchSize, c.ConnectTimeout)
}

// GoString is String, so that %#v masks the password too.
func (c Config) GoString() string { return c.String() }
