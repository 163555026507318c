package neo4j

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
	"github.com/kgnews/kg/internal/testutil"
)

func TestConfigDefaults(t *testing.T) {
	tests := []struct {
		name    string
		in      Config
		want    Config
		wantErr string
	}{
		{"zero", Config{}, Config{URI: DefaultURI, Database: DefaultDatabase, BatchSize: DefaultBatchSize,
			ConnectTimeout: DefaultConnectTimeout}, ""},
		{"password implies user", Config{Password: "secret123"}, Config{URI: DefaultURI, Username: DefaultUsername,
			Password: "secret123", Database: DefaultDatabase, BatchSize: DefaultBatchSize, ConnectTimeout: DefaultConnectTimeout}, ""},
		{"kept", Config{URI: "bolt://db:7687", Username: "u", Database: "news", BatchSize: 10, ConnectTimeout: time.Second},
			Config{URI: "bolt://db:7687", Username: "u", Database: "news", BatchSize: 10, ConnectTimeout: time.Second}, ""},
		{"batch too big", Config{BatchSize: MaxBatchSize + 1}, Config{}, "batch size"},
		{"negative batch", Config{BatchSize: -1}, Config{}, "batch size"},
		{"negative timeout", Config{ConnectTimeout: -time.Second}, Config{}, "connect timeout"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.in.withDefaults()
			if testutil.WantError(t, err, tc.wantErr) {
				return
			}
			if got != tc.want {
				t.Fatalf("withDefaults() = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestConfigMasksPassword(t *testing.T) {
	c := Config{URI: "neo4j://localhost", Username: "neo4j", Password: "s3cr3t-pass"}
	for _, format := range []string{"%v", "%s", "%+v", "%#v"} {
		if got := fmt.Sprintf(format, c); strings.Contains(got, c.Password) {
			t.Errorf("Sprintf(%q) = %q shows the password", format, got)
		}
	}
	if got := fmt.Sprint(Config{}); !strings.Contains(got, "password=(none)") {
		t.Errorf("String() of an empty config = %q, want password=(none)", got)
	}
}

func TestClassify(t *testing.T) {
	cfg := Config{URI: "neo4j://localhost:7687", Username: "neo4j", Database: "news"}
	conn := &neo4j.ConnectivityError{Inner: errors.New("dial tcp 127.0.0.1:7687: connect: connection refused")}
	tests := []struct {
		name   string
		err    error
		is     func(error) bool
		substr string
	}{
		{"unreachable", conn, IsUnreachable, "docker compose up -d"},
		{"unreachable wrapped", fmt.Errorf("verify: %w", conn), IsUnreachable, "neo4j://localhost:7687"},
		{"bad credentials", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized",
			Msg: "The client is unauthorized due to authentication failure."}, IsAuth, "NEO4J_PASSWORD"},
		{"rate limited", fmt.Errorf("x: %w", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.AuthenticationRateLimit"}),
			IsAuth, `user "neo4j"`},
		{"unknown database", &neo4j.Neo4jError{Code: "Neo.ClientError.Database.DatabaseNotFound",
			Msg: "Database does not exist. Database name: 'news'."}, IsDatabaseNotFound, `"news"`},
		{"syntax", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "Invalid input"},
			IsQueryError, "Neo.ClientError.Statement.SyntaxError: Invalid input"},
		{"retries exhausted", &neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 30s)",
			Errors: []error{conn, conn, conn}}, IsRetriesExhausted, "gave up after 3 attempts"},
		{"retries exhausted on deadlocks", &neo4j.TransactionExecutionLimit{Cause: "timeout",
			Errors: []error{&neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "deadlock"}}},
			IsRetriesExhausted, "DeadlockDetected"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := classify(context.Background(), tc.err, cfg, "load Actor nodes")
			if !tc.is(got) {
				t.Fatalf("classify(%v) = %T %v: predicate false", tc.err, got, got)
			}
			if !tc.is(fmt.Errorf("outer: %w", got)) {
				t.Errorf("predicate false once wrapped")
			}
			if msg := got.Error(); !strings.Contains(msg, tc.substr) || strings.Contains(msg, "\n") {
				t.Errorf("message %q: want one line containing %q", msg, tc.substr)
			}
			if errors.Unwrap(got) == nil {
				t.Errorf("%T does not unwrap", got)
			}
		})
	}
	t.Run("context errors pass through", func(t *testing.T) {
		for _, err := range []error{context.Canceled, fmt.Errorf("x: %w", context.DeadlineExceeded),
			&neo4j.TransactionExecutionLimit{Cause: "ctx", Errors: []error{context.Canceled}}} {
			got := classify(context.Background(), err, cfg, "op")
			if !errors.Is(got, context.Canceled) && !errors.Is(got, context.DeadlineExceeded) {
				t.Errorf("classify(%v) = %v, want a context error", err, got)
			}
		}
	})
	t.Run("cancelled during retries", func(t *testing.T) {
		// Ctrl-C while the driver retries transient errors: the user
		// cancelled, the driver did not give up.
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		transient := &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "deadlock"}
		err := &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{transient, transient}}
		got := classify(ctx, err, cfg, "load Actor nodes")
		if !errors.Is(got, context.Canceled) || IsRetriesExhausted(got) {
			t.Errorf("classify = %v, want context.Canceled, not a RetriesExhaustedError", got)
		}
	})
	t.Run("nil", func(t *testing.T) {
		if classify(context.Background(), nil, cfg, "op") != nil {
			t.Fatal("classify(nil) != nil")
		}
	})
}

func TestCheckAgent(t *testing.T) {
	tests := []struct {
		agent   string
		wantErr bool
	}{
		{"Neo4j/5.26.21", false},
		{"Neo4j/5.7.0", false},
		{"Neo4j/5.6.0", true},
		{"Neo4j/4.4.26", true},
		{"Neo4j/3.5.0", true},
		{"Neo4j/2025.01.0", false},
		{"Neo4j/5.26-aura", false},
		{"Memgraph/2.0", false}, // not Neo4j: let the statements tell
		{"garbage", false},
	}
	for _, tc := range tests {
		err := checkAgent("bolt://x", tc.agent)
		if (err != nil) != tc.wantErr || (err != nil && !IsUnsupportedVersion(err)) {
			t.Errorf("checkAgent(%q) = %v, want error %v", tc.agent, err, tc.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "older than "+MinServerVersion) {
			t.Errorf("message %q does not say the minimum version", err)
		}
	}
}

// TestOpenUnreachable opens a store on a loopback port nothing listens on:
// the error must be one clear UnreachableError line, quickly.
func TestOpenUnreachable(t *testing.T) {
	if testing.Short() {
		testutil.Skip(t, "dials the network: skipped with -short")
	}
	ctx := context.Background()
	_, err := Open(ctx, Config{URI: "bolt://127.0.0.1:1", ConnectTimeout: 3 * time.Second})
	if !IsUnreachable(err) {
		t.Fatalf("Open on a closed port: %T %v, want *UnreachableError", err, err)
	}
	if msg := err.Error(); !strings.Contains(msg, "bolt://127.0.0.1:1") || !strings.Contains(msg, "docker compose up -d") {
		t.Errorf("message %q lacks the URI or the hint", msg)
	}
	t.Logf("unreachable: %v", err)
}

func TestOpenBadURI(t *testing.T) {
	_, err := Open(context.Background(), Config{URI: "http://localhost:7474"})
	if err == nil || !strings.Contains(err.Error(), "invalid URI") {
		t.Fatalf("Open(http://…) = %v, want an invalid URI error", err)
	}
}

func TestOpenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Open(ctx, Config{URI: "bolt://127.0.0.1:1"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Open with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestParseStatements(t *testing.T) {
	good := "// header\n\n// name: a\nMATCH (n)\nRETURN n;\n// name: b\nRETURN 1;\n"
	tests := []struct {
		name    string
		files   map[string]string
		want    map[string]string
		wantErr string
	}{
		{"two", map[string]string{"d/x.cypher": good}, map[string]string{"a": "MATCH (n)\nRETURN n", "b": "RETURN 1"}, ""},
		{"unterminated", map[string]string{"d/x.cypher": "// name: a\nRETURN 1\n"}, nil, "no final ';'"},
		{"unnamed", map[string]string{"d/x.cypher": "RETURN 1;\n"}, nil, "without a"},
		{"duplicate", map[string]string{"d/x.cypher": good, "d/y.cypher": "// name: a\nRETURN 2;\n"}, nil, "already defined"},
		{"nested name", map[string]string{"d/x.cypher": "// name: a\nRETURN 1\n// name: b\nRETURN 2;\n"}, nil, "no final ';'"},
		{"empty", map[string]string{"d/x.cypher": "// name: a\n;\n"}, nil, "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			got, err := parseStatements(fsys, "d")
			if testutil.WantError(t, err, tc.wantErr) {
				return
			}
			texts := make(map[string]string)
			for name, st := range got {
				texts[name] = st.Text
			}
			if !reflect.DeepEqual(texts, tc.want) {
				t.Fatalf("statements = %q, want %q", texts, tc.want)
			}
			if got["b"].Line != 7 {
				t.Errorf("statement b at line %d, want 7", got["b"].Line)
			}
		})
	}
}

// TestStatementsCoverModel checks that every label and type has its load
// statements and that the statements send only $ids and $rows.
func TestStatementsCoverModel(t *testing.T) {
	sts, err := modelStatements()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range graph.Labels {
		names = append(names, stmtNodeLock+l, stmtNodeRead+l, stmtNodeUpdate+l)
	}
	for _, typ := range graph.RelTypes {
		names = append(names, stmtRelLock+typ, stmtRelRead+typ, stmtRelUpdate+typ)
	}
	names = append(names, stmtPing, stmtCountsNodes, stmtCountsRels, stmtSnapshotNodes, stmtSnapshotRels)
	for _, name := range names {
		text, err := sts.get(name)
		if err != nil {
			t.Error(err)
			continue
		}
		if strings.Contains(text, "$") && !strings.Contains(text, "$ids") && !strings.Contains(text, "$rows") {
			t.Errorf("%s uses a parameter other than $ids and $rows: %s", name, text)
		}
	}
	if n := len(sts.withPrefix(stmtSchemaPrefix)); n < len(graph.Labels)+len(graph.RelTypes) {
		t.Errorf("%d schema statements, want at least one constraint per label and type", n)
	}
	all, err := Statements()
	if err != nil || len(all) != len(sts) {
		t.Fatalf("Statements() = %d, %v; want %d", len(all), err, len(sts))
	}
}

func TestFromDriver(t *testing.T) {
	day := time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC)
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatalf("no time zone database, although the Cypher engine embeds time/tzdata: %v", err)
	}
	node := dbtype.Node{ElementId: "4:x:1", Labels: []string{"Actor"}, Props: map[string]any{"name": "Xi", "aliases": []any{"a"}}}
	rel := dbtype.Relationship{ElementId: "5:x:2", StartElementId: "4:x:1", EndElementId: "4:x:3", Type: "SPOKE_WITH",
		Props: map[string]any{"date": dbtype.Date(day)}}
	tests := []struct {
		name string
		in   any
		want any
	}{
		{"nil", nil, nil},
		{"int", int64(3), int64(3)},
		{"float", 2.5, 2.5},
		{"list", []any{int64(1), "a", nil}, []any{int64(1), "a", nil}},
		{"map", map[string]any{"k": []any{true}}, map[string]any{"k": []any{true}}},
		{"date", dbtype.Date(day), "2026-02-04"},
		{"local datetime", dbtype.LocalDateTime(time.Date(2026, 2, 4, 13, 5, 0, 500000000, time.Local)), "2026-02-04T13:05:00.500"},
		{"local time", dbtype.LocalTime(time.Date(0, 1, 1, 9, 30, 15, 0, time.Local)), "09:30:15"},
		{"time", dbtype.Time(time.Date(0, 1, 1, 9, 30, 0, 0, time.FixedZone("", 3600))), "09:30+01:00"},
		{"datetime utc", time.Date(2026, 2, 4, 13, 5, 0, 0, time.UTC), "2026-02-04T13:05Z"},
		{"datetime offset", time.Date(2026, 2, 4, 13, 5, 0, 0, time.FixedZone("+02:00", 7200)), "2026-02-04T13:05+02:00"},
		{"datetime zone", time.Date(2026, 2, 4, 13, 5, 0, 0, stockholm), "2026-02-04T13:05+01:00[Europe/Stockholm]"},
		{"duration", dbtype.Duration{Months: 14, Days: 3, Seconds: 7200}, "P1Y2M3DT2H"},
		{"point", dbtype.Point2D{X: 1, Y: 2, SpatialRefId: 7203}, value.Point{SRID: 7203, X: 1, Y: 2}},
		{"point 3d", dbtype.Point3D{X: 1, Y: 2, Z: 3, SpatialRefId: 4979}, value.Point{SRID: 4979, X: 1, Y: 2, Z: 3}},
		{"bytes", []byte{1, 255}, []byte{1, 255}},
		{"node", node, value.Node{ElementID: "4:x:1", Labels: []string{"Actor"},
			Props: map[string]any{"name": "Xi", "aliases": []any{"a"}}}},
		{"relationship", rel, value.Relationship{ElementID: "5:x:2", Type: "SPOKE_WITH", StartElementID: "4:x:1",
			EndElementID: "4:x:3", Props: map[string]any{"date": "2026-02-04"}}},
		{"path", dbtype.Path{Nodes: []dbtype.Node{node, {ElementId: "4:x:3"}}, Relationships: []dbtype.Relationship{rel}},
			value.Path{
				Nodes: []value.Node{{ElementID: "4:x:1", Labels: []string{"Actor"}, Props: map[string]any{"name": "Xi",
					"aliases": []any{"a"}}}, {ElementID: "4:x:3", Labels: []string{}, Props: map[string]any{}}},
				Relationships: []value.Relationship{{ElementID: "5:x:2", Type: "SPOKE_WITH", StartElementID: "4:x:1",
					EndElementID: "4:x:3", Props: map[string]any{"date": "2026-02-04"}}},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fromDriver(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("fromDriver(%#v) = %#v, want %#v", tc.in, got, tc.want)
			}
		})
	}
}

func TestToParam(t *testing.T) {
	got, err := toParam("p", map[string]any{"i": 3, "l": []any{int32(1), "x"}, "props": graph.Props{"a": []string{"b"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"i": int64(3), "l": []any{int64(1), "x"}, "props": map[string]any{"a": []string{"b"}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("toParam = %#v, want %#v", got, want)
	}
	if _, err := toParam("p", map[string]any{"s": struct{}{}}); err == nil || !strings.Contains(err.Error(), "p.s") {
		t.Fatalf("toParam(struct) error = %v, want one naming p.s", err)
	}
}

func TestPropsFromDB(t *testing.T) {
	got := propsFromDB(map[string]any{"id": "x", "aliases": []any{"b", "a"}, "mixed": []any{int64(1), "a"},
		"n": int64(2), "empty": []any{}})
	want := graph.Props{"aliases": []string{"b", "a"}, "mixed": []any{int64(1), "a"}, "n": int64(2), "empty": []string{}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("propsFromDB = %#v, want %#v", got, want)
	}
}

func TestPlanBatch(t *testing.T) {
	b := &graph.Batch{
		Nodes: []graph.Node{
			{ID: "CHN", Label: graph.LabelCountry, Props: graph.Props{"name": "China", "aliases": []string{"PRC", "Beijing", "PRC"}, "id": "ignored"}},
			{ID: "actor-xi", Label: graph.LabelActor, Props: graph.Props{"name": "Xi", "role": ""}},
			{ID: "CHN", Label: graph.LabelCountry, Props: graph.Props{"name": "china", "aliases": []string{"China"}, "n": 3}},
		},
		Relationships: []graph.Relationship{
			{ID: "r1", Type: graph.Represents, Start: "actor-xi", End: "CHN", Props: graph.Props{"role": "President"}},
			{ID: "r1", Type: graph.Represents, Start: "actor-xi", End: "CHN", Props: graph.Props{"role": "Leader", "sources": []string{"a"}}},
		},
	}
	p, err := planBatch(b)
	if err != nil {
		t.Fatal(err)
	}
	wantCountry := []graph.Node{{ID: "CHN", Label: graph.LabelCountry, Props: graph.Props{"name": "China",
		"aliases": []string{"Beijing", "China", "PRC"}, "n": int64(3)}}}
	if !reflect.DeepEqual(p.nodes[graph.LabelCountry], wantCountry) {
		t.Errorf("Country nodes = %#v, want %#v", p.nodes[graph.LabelCountry], wantCountry)
	}
	if got := p.nodes[graph.LabelActor][0].Props; !reflect.DeepEqual(got, graph.Props{"name": "Xi"}) {
		t.Errorf("Actor props = %#v, want the empty role dropped", got)
	}
	wantRel := graph.Props{"role": "President", "sources": []string{"a"}}
	if rels := p.rels[graph.Represents]; len(rels) != 1 || !reflect.DeepEqual(rels[0].Props, wantRel) {
		t.Errorf("REPRESENTS = %#v, want one with %v", rels, wantRel)
	}
	if b.Nodes[0].Props["aliases"].([]string)[0] != "PRC" {
		t.Errorf("planBatch modified its input")
	}

	for _, bad := range []struct {
		name string
		b    graph.Batch
		want string
	}{
		{"empty node id", graph.Batch{Nodes: []graph.Node{{Label: graph.LabelActor}}}, "empty id"},
		{"unknown label", graph.Batch{Nodes: []graph.Node{{ID: "x", Label: "Person"}}}, `label "Person"`},
		{"bad value", graph.Batch{Nodes: []graph.Node{{ID: "x", Label: graph.LabelActor, Props: graph.Props{"m": map[string]any{}}}}}, "property m"},
		{"unknown type", graph.Batch{Relationships: []graph.Relationship{{ID: "r", Type: "KNOWS", Start: "a", End: "b"}}}, `type "KNOWS"`},
		{"no endpoint", graph.Batch{Relationships: []graph.Relationship{{ID: "r", Type: graph.Mentions, Start: "a"}}}, "endpoint"},
	} {
		if _, err := planBatch(&bad.b); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: planBatch error = %v, want %q", bad.name, err, bad.want)
		}
	}
	if p, err := planBatch(nil); err != nil || len(p.nodes)+len(p.rels) != 0 {
		t.Errorf("planBatch(nil) = %v, %v; want an empty plan", p, err)
	}
}

func TestMergeRows(t *testing.T) {
	chunk := []graph.Node{
		{ID: "new", Props: graph.Props{"name": "N"}},
		{ID: "same", Props: graph.Props{"name": "Z", "aliases": []string{"a"}}},
		{ID: "changed", Props: graph.Props{"name": "Z", "aliases": []string{"c"}, "role": "R"}},
	}
	stored := map[string]graph.Props{
		"same":    {"name": "S", "aliases": []string{"a", "b"}},
		"changed": {"name": "C", "aliases": []string{"a"}},
	}
	rows, st := mergeNodeRows(chunk, stored)
	if want := (graph.LoadStats{NodesCreated: 1, NodesUpdated: 1}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	want := []row{
		{"id": "new", "props": map[string]any{"name": "N"}},
		{"id": "changed", "props": map[string]any{"name": "C", "aliases": []string{"a", "c"}, "role": "R"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %#v, want %#v", rows, want)
	}
	if !reflect.DeepEqual(stored["changed"]["aliases"], []string{"a"}) {
		t.Errorf("mergeNodeRows modified the stored properties")
	}

	rels := []graph.Relationship{
		{ID: "r-new", Start: "a", End: "b", Props: graph.Props{"sources": []string{"s1"}}},
		{ID: "r-locked", Start: "a", End: "e", Props: graph.Props{"sources": []string{"s3"}}},
		{ID: "r-old", Start: "a", End: "c", Props: graph.Props{"sources": []string{"s2"}, "evidence": []string{"e"}}},
		{ID: "r-same", Start: "a", End: "d", Props: graph.Props{"sources": []string{"s1"}}},
	}
	rrows, rst := mergeRelRows(rels, map[string]graph.Props{
		"r-locked": {"id": "r-locked", "_kgNew": true}, // created by the lock statement
		"r-old":    {"sources": []string{"s1"}, "evidence": []string{"e"}},
		"r-same":   {"sources": []string{"s1"}},
	})
	if want := (graph.LoadStats{RelationshipsCreated: 2, RelationshipsUpdated: 1}); rst != want {
		t.Errorf("stats = %+v, want %+v", rst, want)
	}
	wantRows := []row{
		{"id": "r-new", "props": map[string]any{"sources": []string{"s1"}}},
		{"id": "r-locked", "props": map[string]any{"id": "r-locked", "sources": []string{"s3"}}},
		{"id": "r-old", "props": map[string]any{"sources": []string{"s1", "s2"}, "evidence": []string{"e"}}},
	}
	if !reflect.DeepEqual(rrows, wantRows) {
		t.Errorf("rows = %v; want %v", rrows, wantRows)
	}
	lock := relLockRows(rels[:1])
	if want := []row{{"id": "r-new", "start": "a", "end": "b"}}; !reflect.DeepEqual(lock, want) {
		t.Errorf("lock rows = %v, want %v", lock, want)
	}
	if got := missingEndpoints(lock, map[string]bool{}); len(got) != 1 || !strings.Contains(got[0], "r-new (a → b)") {
		t.Errorf("missingEndpoints = %v", got)
	}
	if got := missingEndpoints(lock, map[string]bool{"r-new": true}); len(got) != 0 {
		t.Errorf("missingEndpoints = %v, want none", got)
	}
}

func TestEachChunk(t *testing.T) {
	groups := map[string][]int{"a": {1, 2, 3, 4, 5}, "b": {}, "c": {6}}
	var got [][]int
	collect := func(k string, chunk []int) error {
		got = append(got, chunk)
		if k == "c" {
			return errors.New("stop")
		}
		return nil
	}
	err := eachChunk(groups, []string{"b", "a", "c", "a"}, 2, collect)
	if want := [][]int{{1, 2}, {3, 4}, {5}, {6}}; !reflect.DeepEqual(got, want) || err == nil {
		t.Errorf("eachChunk gave %v, %v; want %v and the error of the last", got, err, want)
	}
}

func TestEndpointErrorMessage(t *testing.T) {
	e := &endpointError{typ: "MENTIONS", missing: []string{"1", "2", "3", "4", "5", "6", "7"}}
	if msg := e.Error(); !strings.Contains(msg, "7 MENTIONS") || !strings.Contains(msg, "and 2 more") {
		t.Errorf("message %q", msg)
	}
}

// TestZonedParam: times in the machine's zone or a fixed zone are sent
// with their offset (Neo4j refuses the zone id "Local"); named zones stay.
func TestZonedParam(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	at := time.Date(2025, 11, 2, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in       time.Time
		wantZone string
	}{
		{at.In(time.Local), "Offset"},
		{at.In(time.FixedZone("", 3600)), "Offset"},
		{at.In(time.FixedZone("CET", 7200)), "Offset"}, // CET is +01:00 in November
		{at.In(time.FixedZone("CET", 3600)), "CET"},
		{at.In(paris), "Europe/Paris"},
		{at, "UTC"},
	} {
		got, err := toParam("t", tc.in)
		if err != nil {
			t.Fatal(err)
		}
		gt := got.(time.Time)
		if !gt.Equal(tc.in) || gt.Location().String() != tc.wantZone {
			t.Errorf("toParam(%v) = %v in %q, want the same instant in %q", tc.in, gt, gt.Location(), tc.wantZone)
		}
		if _, off := gt.Zone(); func() int { _, o := tc.in.Zone(); return o }() != off {
			t.Errorf("toParam(%v) changed the offset to %d", tc.in, off)
		}
	}
}
