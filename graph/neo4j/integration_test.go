package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"
	tcneo4j "github.com/testcontainers/testcontainers-go/modules/neo4j"
	"github.com/testcontainers/testcontainers-go/wait"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/neo4j"
	"github.com/kgnews/kg/graph/storetest"
)

// Image is the Neo4j image of the integration tests; docker-compose.yml
// pins the same (TestComposeFile checks it).
const Image = "neo4j:5.26.33-community"

const testPassword = "kg-test-password"

// server is the one Neo4j container of this package's tests, started by
// the first test that needs it and stopped by TestMain.
var server struct {
	once sync.Once
	ctr  *tcneo4j.Neo4jContainer
	uri  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if server.ctr != nil {
		if err := testcontainers.TerminateContainer(server.ctr); err != nil {
			fmt.Fprintf(os.Stderr, "terminate neo4j container: %v\n", err)
		}
	}
	os.Exit(code)
}

// neo4jURI returns the Bolt URI of the package's Neo4j container, starting
// it on first use. Without a Docker engine (as on kg's development machines
// and CI), or with -short, it skips the test and says why.
func neo4jURI(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("neo4j integration tests need a Docker engine: skipped with -short")
	}
	testcontainers.SkipIfProviderIsNotHealthy(t)
	server.once.Do(func() {
		ctx := context.Background()
		server.ctr, server.err = tcneo4j.Run(ctx, Image,
			tcneo4j.WithAdminPassword(testPassword),
			testcontainers.WithWaitStrategyAndDeadline(3*time.Minute,
				wait.NewLogStrategy("Bolt enabled on"),
				wait.ForHTTP("/").WithPort("7474/tcp")),
		)
		if server.err == nil {
			server.uri, server.err = server.ctr.BoltUrl(ctx)
		}
	})
	if server.err != nil {
		t.Fatalf("start %s: %v", Image, server.err)
	}
	return server.uri
}

// openEmpty opens a store on the container's database after emptying it.
func openEmpty(t *testing.T, batchSize int) *neo4j.Store {
	t.Helper()
	uri := neo4jURI(t)
	ctx := context.Background()
	s, err := neo4j.Open(ctx, neo4j.Config{URI: uri, Username: "neo4j", Password: testPassword, BatchSize: batchSize})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	if _, err := s.Query(ctx, "MATCH (n) DETACH DELETE n", nil); err != nil {
		t.Fatalf("empty the database: %v", err)
	}
	return s
}

// TestConformance runs the store conformance suite on Neo4j, with a small
// batch size so that every load spans several transactions.
func TestConformance(t *testing.T) {
	neo4jURI(t) // one skip line for the whole suite without Docker
	storetest.Run(t, func(t *testing.T) graph.Store { return openEmpty(t, 2) })
}

func TestOpenErrors(t *testing.T) {
	uri := neo4jURI(t)
	ctx := context.Background()
	_, err := neo4j.Open(ctx, neo4j.Config{URI: uri, Username: "neo4j", Password: "wrong-password"})
	if !neo4j.IsAuth(err) || strings.Contains(err.Error(), "wrong-password") {
		t.Errorf("Open with a bad password = %v, want an AuthError that does not print it", err)
	}
	_, err = neo4j.Open(ctx, neo4j.Config{URI: uri, Username: "neo4j", Password: testPassword, Database: "nosuchdb"})
	if !neo4j.IsDatabaseNotFound(err) {
		t.Errorf("Open on an unknown database = %v, want a DatabaseNotFoundError", err)
	}
}

// TestSchemaIdempotent creates the schema twice and checks the
// constraints exist once.
func TestSchemaIdempotent(t *testing.T) {
	s := openEmpty(t, 0)
	ctx := context.Background()
	for range 2 {
		if err := s.EnsureSchema(ctx); err != nil {
			t.Fatalf("EnsureSchema: %v", err)
		}
	}
	s2 := openEmpty(t, 0)
	if err := s2.EnsureSchema(ctx); err != nil {
		t.Fatalf("EnsureSchema on an existing schema: %v", err)
	}
	res, err := s.Query(ctx, "SHOW CONSTRAINTS YIELD name RETURN count(*) AS n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Rows[0][0].(int64); n != int64(len(graph.Labels)+len(graph.RelTypes)) {
		t.Errorf("%d constraints, want one per label and type (%d)", n, len(graph.Labels)+len(graph.RelTypes))
	}
}

// TestLoadPlansHaveNoEager checks that no load statement's plan contains
// an Eager operator, which would materialise every row of a batch.
func TestLoadPlansHaveNoEager(t *testing.T) {
	s := openEmpty(t, 0)
	ctx := context.Background()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	explainLoads(t, s, func(name string, ops []string) {
		for _, op := range ops {
			if strings.HasPrefix(op, "Eager") {
				t.Errorf("plan of %s has %s: %v", name, op, ops)
			}
		}
	})
}

// explainLoads calls check with the operators of the EXPLAIN plan of each
// load statement, having failed the test for an error or an empty plan.
func explainLoads(t *testing.T, s *neo4j.Store, check func(name string, ops []string)) {
	t.Helper()
	sts, err := neo4j.Statements()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if !strings.HasPrefix(st.Name, "node-") && !strings.HasPrefix(st.Name, "rel-") {
			continue
		}
		ops, err := s.Explain(context.Background(), st.Text, map[string]any{"ids": []any{}, "rows": []any{}})
		if err != nil {
			t.Errorf("EXPLAIN %s: %v", st.Name, err)
			continue
		}
		if len(ops) == 0 {
			t.Errorf("EXPLAIN %s: empty plan", st.Name)
			continue
		}
		check(st.Name, ops)
	}
}

func TestCancel(t *testing.T) {
	s := openEmpty(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Load(ctx, storetest.Fixture())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Load with a cancelled context = %v, want context.Canceled", err)
	}
}
