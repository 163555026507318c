package bolt_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/db"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/kgnews/kg/graph/bolt"
	"github.com/kgnews/kg/graph/bolt/bolttest"
	"github.com/kgnews/kg/graph/embedded/embeddedtest"
)

const (
	testUser     = "neo4j"
	testPassword = "secret-password"
)

// serve starts a server for q on a free loopback port, stopped when the
// test ends, and returns its address.
func serve(tb testing.TB, q bolt.Querier, mod func(*bolt.Config)) string {
	tb.Helper()
	cfg := bolt.Config{Store: q, Username: testUser, Password: testPassword, QueryTimeout: 10 * time.Second}
	if mod != nil {
		mod(&cfg)
	}
	return strings.TrimPrefix(bolttest.Serve(tb, cfg), "bolt://")
}

// connect opens a driver on uri with the test credentials.
func connect(tb testing.TB, uri, password string) neo4j.DriverWithContext {
	tb.Helper()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(testUser, password, ""))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close(context.Background()) })
	return d
}

// graphStore is a store holding (Ann)-[:KNOWS]->(Bob).
func graphStore(t *testing.T) bolt.Querier {
	s := embeddedtest.Open(t)
	_, err := s.Query(context.Background(),
		`CREATE (:Person {id: 'a', name: 'Ann'})-[:KNOWS {id: 'k', since: 2020}]->(:Person:Author {id: 'b', name: 'Bob'})`, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDriverReturnOne(t *testing.T) {
	addr := serve(t, embeddedtest.Open(t), nil)
	for _, scheme := range []string{"bolt", "neo4j"} {
		t.Run(scheme, func(t *testing.T) {
			ctx := context.Background()
			d := connect(t, scheme+"://"+addr, testPassword)
			if err := d.VerifyConnectivity(ctx); err != nil {
				t.Fatal(err)
			}
			info, err := d.GetServerInfo(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if v := info.ProtocolVersion(); v != (db.ProtocolVersion{Major: 5, Minor: 8}) {
				t.Errorf("protocol %v, want 5.8, the highest neo4j-go-driver v5 and kg share", v)
			}
			res, err := neo4j.ExecuteQuery(ctx, d, "RETURN 1 AS one", nil, neo4j.EagerResultTransformer)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Records) != 1 || res.Records[0].Values[0] != int64(1) || res.Keys[0] != "one" {
				t.Fatalf("RETURN 1 = %v %v", res.Keys, res.Records)
			}
		})
	}
}

func TestDriverGraphValues(t *testing.T) {
	ctx := context.Background()
	d := connect(t, "bolt://"+serve(t, graphStore(t), nil), testPassword)
	res, err := neo4j.ExecuteQuery(ctx, d, `MATCH p = (a {id: 'a'})-[r]->(b) RETURN a, r, p, [1, 'x', null, 2.5, true] AS l, {k: [b.name]} AS m, id(a) AS ida, elementId(a) AS ea, elementId(r) AS er`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("got %d records", len(res.Records))
	}
	rec := res.Records[0]
	a, ok := rec.Values[0].(dbtype.Node)
	if !ok || a.Props["name"] != "Ann" || len(a.Labels) != 1 || a.Labels[0] != "Person" {
		t.Fatalf("a = %#v", rec.Values[0])
	}
	//lint:ignore SA1019 Neo4j Browser expands nodes by this legacy id, so it must equal id()
	if legacy := a.Id; legacy != rec.Values[5].(int64) {
		t.Errorf("node id %d, id(a) = %v", legacy, rec.Values[5])
	}
	if a.ElementId != rec.Values[6] {
		t.Errorf("node element id %q, elementId(a) = %v", a.ElementId, rec.Values[6])
	}
	r, ok := rec.Values[1].(dbtype.Relationship)
	if !ok || r.Type != "KNOWS" || r.Props["since"] != int64(2020) || r.StartElementId != a.ElementId {
		t.Fatalf("r = %#v", rec.Values[1])
	}
	if r.ElementId != rec.Values[7] {
		t.Errorf("relationship element id %q, elementId(r) = %v", r.ElementId, rec.Values[7])
	}
	p, ok := rec.Values[2].(dbtype.Path)
	if !ok || len(p.Nodes) != 2 || len(p.Relationships) != 1 {
		t.Fatalf("p = %#v", rec.Values[2])
	}
	if p.Nodes[0].ElementId != a.ElementId || p.Nodes[1].Props["name"] != "Bob" ||
		p.Relationships[0].ElementId != r.ElementId || p.Relationships[0].EndElementId != p.Nodes[1].ElementId {
		t.Errorf("path %#v does not match a=%v r=%v", p, a, r)
	}
	l := rec.Values[3].([]any)
	if len(l) != 5 || l[0] != int64(1) || l[1] != "x" || l[2] != nil || l[3] != 2.5 || l[4] != true {
		t.Errorf("list = %#v", l)
	}
	m := rec.Values[4].(map[string]any)
	if names, _ := m["k"].([]any); len(names) != 1 || names[0] != "Bob" {
		t.Errorf("map = %#v", m)
	}

	// A path walked against its relationship's direction.
	res, err = neo4j.ExecuteQuery(ctx, d, `MATCH p = (b {id: 'b'})<-[:KNOWS]-(a) RETURN p`, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	p = res.Records[0].Values[0].(dbtype.Path)
	if p.Nodes[0].Props["id"] != "b" || p.Nodes[1].Props["id"] != "a" || p.Relationships[0].StartElementId != p.Nodes[1].ElementId {
		t.Errorf("reverse path %#v", p)
	}
}

func TestDriverTemporalsAndParams(t *testing.T) {
	ctx := context.Background()
	d := servedDriver(t)
	res, err := neo4j.ExecuteQuery(ctx, d, `RETURN date('2024-02-29') AS d, localtime('12:30:01.5') AS lt, time('12:30+02:00') AS t,
		localdatetime('2024-02-29T12:30') AS ldt, datetime('2024-02-29T12:30:00Z') AS dt,
		datetime({year: 2024, month: 7, day: 1, hour: 9, timezone: 'Europe/Paris'}) AS dtz,
		duration('P1M2DT3.5S') AS dur, $s AS s, $n + 1 AS n, $l AS l, $m.k AS mk`,
		map[string]any{"s": "text", "n": 41, "l": []any{1, "a"}, "m": map[string]any{"k": 2.5}}, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	get := func(k string) any { v, _ := res.Records[0].Get(k); return v }
	if got := time.Time(get("d").(dbtype.Date)).Format("2006-01-02"); got != "2024-02-29" {
		t.Errorf("date = %s", got)
	}
	if got := time.Time(get("lt").(dbtype.LocalTime)).Format("15:04:05.000"); got != "12:30:01.500" {
		t.Errorf("localtime = %s", got)
	}
	if got := time.Time(get("t").(dbtype.Time)).Format("15:04Z07:00"); got != "12:30+02:00" {
		t.Errorf("time = %s", got)
	}
	if got := time.Time(get("ldt").(dbtype.LocalDateTime)).Format("2006-01-02T15:04"); got != "2024-02-29T12:30" {
		t.Errorf("localdatetime = %s", got)
	}
	if got := get("dt").(time.Time); !got.Equal(time.Date(2024, 2, 29, 12, 30, 0, 0, time.UTC)) {
		t.Errorf("datetime = %s", got)
	}
	if got := get("dtz").(time.Time); got.Location().String() != "Europe/Paris" || got.Hour() != 9 {
		t.Errorf("zoned datetime = %s in %s", got, got.Location())
	}
	if got := get("dur").(dbtype.Duration); got.Months != 1 || got.Days != 2 || got.Seconds != 3 || got.Nanos != 500000000 {
		t.Errorf("duration = %+v", got)
	}
	if get("s") != "text" || get("n") != int64(42) || get("mk") != 2.5 {
		t.Errorf("params: s=%v n=%v mk=%v", get("s"), get("n"), get("mk"))
	}
	if l := get("l").([]any); len(l) != 2 || l[0] != int64(1) || l[1] != "a" {
		t.Errorf("list param = %#v", l)
	}
}

func TestDriverTransactions(t *testing.T) {
	ctx := context.Background()
	d := connect(t, "bolt://"+serve(t, graphStore(t), nil), testPassword)
	sess := d.NewSession(ctx, neo4j.SessionConfig{})
	defer sess.Close(ctx)

	names, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([]string, error) {
		var out []string
		for _, q := range []string{"MATCH (n:Person {id: 'a'}) RETURN n.name", "MATCH (n:Author) RETURN n.name"} {
			res, err := tx.Run(ctx, q, nil)
			if err != nil {
				return nil, err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return nil, err
			}
			out = append(out, rec.Values[0].(string))
		}
		return out, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 || names[0] != "Ann" || names[1] != "Bob" {
		t.Errorf("names = %v", names)
	}

	// Several results open at once, pulled in small batches.
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r1, err := tx.Run(ctx, "UNWIND range(1, 5) AS i RETURN i", nil)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := tx.Run(ctx, "UNWIND range(1, 3) AS i RETURN i * 10", nil)
	if err != nil {
		t.Fatal(err)
	}
	all1, err1 := r1.Collect(ctx)
	all2, err2 := r2.Collect(ctx)
	if err1 != nil || err2 != nil || len(all1) != 5 || len(all2) != 3 {
		t.Fatalf("results: %d (%v), %d (%v)", len(all1), err1, len(all2), err2)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}

	// Writes inside a read transaction are refused.
	_, err = neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "CREATE (:Person {id: 'c'})", nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	wantCode(t, err, "Neo.ClientError.Statement.AccessMode")

	// Auto-commit writes run, with their counters.
	res, err := sess.Run(ctx, "CREATE (:Person {id: 'c', name: 'Cy'})", nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c := sum.Counters(); c.NodesCreated() != 1 || c.LabelsAdded() != 1 || c.PropertiesSet() != 2 {
		t.Errorf("counters: nodes %d labels %d props %d", c.NodesCreated(), c.LabelsAdded(), c.PropertiesSet())
	}
	// The session recovers after a failure (RESET).
	if _, err := sess.Run(ctx, "RETURN 1 +", nil); err == nil {
		t.Error("a syntax error passed")
	}
	res, err = sess.Run(ctx, "MATCH (n:Person) RETURN count(n)", nil)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := res.Single(ctx)
	if err != nil || rec.Values[0] != int64(3) {
		t.Errorf("count after the write = %v, %v", rec, err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ne *neo4j.Neo4jError
	if !errors.As(err, &ne) {
		t.Fatalf("error %v (%T), want a Neo4jError %s", err, err, code)
	}
	if ne.Code != code {
		t.Errorf("code %s (%s), want %s", ne.Code, ne.Msg, code)
	}
}

func TestDriverErrors(t *testing.T) {
	ctx := context.Background()
	addr := serve(t, embeddedtest.Open(t), nil)
	d := connect(t, "bolt://"+addr, testPassword)
	tests := []struct {
		query string
		code  string
	}{
		{"RETURN 1 +", "Neo.ClientError.Statement.SyntaxError"},
		{"MATCH (n) RETURN m", "Neo.ClientError.Statement.SyntaxError"}, // as Neo4j reports an undefined variable
		{"RETURN $missing", "Neo.ClientError.Statement.ParameterMissing"},
		{"CALL no.such.procedure()", "Neo.ClientError.Procedure.ProcedureNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := neo4j.ExecuteQuery(ctx, d, tt.query, nil, neo4j.EagerResultTransformer)
			wantCode(t, err, tt.code)
		})
	}
	t.Run("other database", func(t *testing.T) {
		_, err := neo4j.ExecuteQuery(ctx, d, "RETURN 1", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("other"))
		wantCode(t, err, "Neo.ClientError.Database.DatabaseNotFound")
	})
	t.Run("wrong password", func(t *testing.T) {
		bad := connect(t, "bolt://"+addr, "wrong")
		err := bad.VerifyConnectivity(ctx)
		wantCode(t, err, "Neo.ClientError.Security.Unauthorized")
	})
}

func TestDriverReadOnlyServer(t *testing.T) {
	ctx := context.Background()
	d := connect(t, "bolt://"+serve(t, embeddedtest.Open(t), func(c *bolt.Config) { c.ReadOnly = true }), testPassword)
	_, err := neo4j.ExecuteQuery(ctx, d, "CREATE (:X {id: 'x'})", nil, neo4j.EagerResultTransformer)
	wantCode(t, err, "Neo.ClientError.Statement.AccessMode")
}

func TestNewNeedsCredentials(t *testing.T) {
	if _, err := bolt.New(bolt.Config{Store: embeddedtest.Open(t)}); err == nil {
		t.Error("a server without credentials and without NoAuth was created")
	}
	if _, err := bolt.New(bolt.Config{Store: embeddedtest.Open(t), NoAuth: true}); err != nil {
		t.Error(err)
	}
}

// TestDriverConcurrentSessions runs sessions in parallel on one driver
// (its pool opens several connections) and checks every answer.
func TestDriverConcurrentSessions(t *testing.T) {
	ctx := context.Background()
	d := connect(t, "bolt://"+serve(t, graphStore(t), nil), testPassword)
	// One connection first: the driver (v5.28.4) sets up its connector
	// lazily without a lock, a data race when the first connections are
	// opened in parallel.
	if err := d.VerifyConnectivity(ctx); err != nil {
		t.Fatal(err)
	}
	const workers, each = 16, 20
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			sess := d.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
			defer sess.Close(ctx)
			for i := range each {
				n, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (int64, error) {
					return singleInt(ctx, tx, "MATCH (p:Person) RETURN count(p) + $k AS n", map[string]any{"k": w*each + i})
				})
				if err == nil && n != int64(2+w*each+i) {
					err = errors.New("wrong count")
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// servedDriver serves a new, empty embedded store and returns a driver
// connected to it.
func servedDriver(t *testing.T) neo4j.DriverWithContext {
	t.Helper()
	return connect(t, "bolt://"+serve(t, embeddedtest.Open(t), nil), testPassword)
}
