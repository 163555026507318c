package ingest_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kgnews/kg/extract"
	"github.com/kgnews/kg/extract/ingest"
	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/embedded"
)

// store is a Loader and Querier that keeps everything loaded and answers
// the known-actors query with fixed rows.
type store struct {
	mu       sync.Mutex
	all      graph.Builder
	rows     [][]any
	queryErr error
	queries  []string
}

func (s *store) Load(_ context.Context, b *graph.Batch) (graph.LoadStats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.all.AddBatch(b)
	return graph.LoadStats{}, nil
}

func (s *store) Query(_ context.Context, cypher string, _ map[string]any) (*graph.Result, error) {
	s.queries = append(s.queries, cypher)
	if s.queryErr != nil {
		return nil, s.queryErr
	}
	return &graph.Result{Columns: []string{"name", "country", "aliases"}, Rows: s.rows}, nil
}

// summary lists the actors and the SPOKE_WITH pairs of b.
func summary(b *graph.Batch) (actors, spoke []string) {
	names := map[string]string{}
	for _, n := range b.Nodes {
		if n.Label == graph.LabelActor {
			names[n.ID] = n.Props[graph.PropName].(string)
			actors = append(actors, names[n.ID])
		}
	}
	for _, r := range b.Relationships {
		if r.Type == graph.SpokeWith {
			spoke = append(spoke, names[r.Start]+"|"+names[r.End])
		}
	}
	slices.Sort(actors)
	slices.Sort(spoke)
	return actors, spoke
}

func TestRunResolvesShortForms(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "Published On: Mar 4, 2025\n\nBrazilian President Joana Ferraz met Chinese Premier Wang Liqiang in Brasilia on Monday.")
	write(t, filepath.Join(dir, "b.txt"), "Published On: Mar 6, 2025\n\nPresident Ferraz spoke with Premier Wang by phone on Wednesday.")
	write(t, filepath.Join(dir, "c.txt"), "Published On: Mar 7, 2025\n\nChancellor Brandt met President Ferraz in Berlin on Friday.")
	x := extract.New(extract.Options{})
	tests := []struct {
		name      string
		files     []string
		rows      [][]any
		noResolve bool
		actors    []string
		spoke     []string
	}{
		{
			name:   "within the run",
			files:  []string{dir},
			actors: []string{"Brandt", "Joana Ferraz", "Wang Liqiang"},
			// the meeting of Monday and the call of Wednesday
			spoke: []string{"Brandt|Joana Ferraz", "Joana Ferraz|Wang Liqiang", "Joana Ferraz|Wang Liqiang"},
		},
		{
			name:   "against the store",
			files:  []string{filepath.Join(dir, "b.txt")},
			rows:   [][]any{{"Joana Ferraz", "Brazil", []any{"Ferraz"}}, {"Wang Liqiang", "China", []any{"Wang"}}},
			actors: []string{"Joana Ferraz", "Wang Liqiang"},
			spoke:  []string{"Joana Ferraz|Wang Liqiang"},
		},
		{
			name:      "turned off",
			files:     []string{filepath.Join(dir, "b.txt")},
			rows:      [][]any{{"Joana Ferraz", "Brazil", []any{"Ferraz"}}},
			noResolve: true,
			actors:    []string{"Ferraz", "Wang"},
			spoke:     []string{"Ferraz|Wang"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, workers := range []int{1, 2, 8} {
				for _, flush := range []int{1, 256} {
					st := &store{rows: tc.rows}
					_, err := ingest.Run(context.Background(), x, st, tc.files,
						ingest.Options{Workers: workers, FlushEvery: flush, NoResolve: tc.noResolve})
					if err != nil {
						t.Fatal(err)
					}
					actors, spoke := summary(st.all.Batch())
					if !reflect.DeepEqual(actors, tc.actors) || !reflect.DeepEqual(spoke, tc.spoke) {
						t.Errorf("workers=%d flush=%d: actors %q spoke %q, want %q %q",
							workers, flush, actors, spoke, tc.actors, tc.spoke)
					}
					if !tc.noResolve && (len(st.queries) != 1 || !strings.Contains(st.queries[0], "MATCH (a:Actor)")) {
						t.Errorf("known-actors query not run once: %q", st.queries)
					}
				}
			}
		})
	}
}

func TestRunReportsKnownActorsQueryError(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "article")
	st := &store{queryErr: errors.New("connection refused")}
	_, err := ingest.Run(context.Background(), fakeExtractor{}, st, []string{dir}, ingest.Options{})
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("err = %v, want the store's error", err)
	}
}

// countingStore is a store that can count its nodes.
type countingStore struct {
	store
	actors int
}

func (s *countingStore) Counts(context.Context) (*graph.Counts, error) {
	return &graph.Counts{Nodes: map[string]int{graph.LabelActor: s.actors}}, nil
}

func TestRunQueriesActorsOnlyWhenTheStoreHasSome(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b.txt"), "Published On: Mar 6, 2025\n\nPresident Ferraz spoke with Premier Wang by phone on Wednesday.")
	x := extract.New(extract.Options{})
	rows := [][]any{{"Joana Ferraz", "Brazil", []any{"Ferraz"}}}
	for _, tc := range []struct {
		actors  int
		queries int
		actor   string
	}{{0, 0, "Ferraz"}, {3, 1, "Joana Ferraz"}} {
		st := &countingStore{store: store{rows: rows}, actors: tc.actors}
		if _, err := ingest.Run(context.Background(), x, st, []string{dir}, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
		actors, _ := summary(st.all.Batch())
		if len(st.queries) != tc.queries || !slices.Contains(actors, tc.actor) {
			t.Errorf("store with %d actors: %d queries, actors %q; want %d queries and %q",
				tc.actors, len(st.queries), actors, tc.queries, tc.actor)
		}
	}
}

// TestRunResolvesAgainstEmbeddedStore runs two ingests into one embedded
// store: the second, whose article names the people only by short forms,
// resolves them to the full names the first loaded, through the store's own
// openCypher engine running cypher/known_actors.cypher.
func TestRunResolvesAgainstEmbeddedStore(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "one", "a.txt"), "Published On: Mar 4, 2025\n\nBrazilian President Joana Ferraz met Chinese Premier Wang Liqiang in Brasilia on Monday.")
	write(t, filepath.Join(dir, "two", "b.txt"), "Published On: Mar 6, 2025\n\nPresident Ferraz spoke with Premier Wang by phone on Wednesday.")
	s, err := embedded.Open(filepath.Join(dir, "kg.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	x := extract.New(extract.Options{})
	for _, sub := range []string{"one", "two"} {
		if _, err := ingest.Run(context.Background(), x, s, []string{filepath.Join(dir, sub)}, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Query(context.Background(), "MATCH (a:Actor) RETURN a.name ORDER BY a.name", nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, row := range res.Rows {
		names = append(names, row[0].(string))
	}
	if want := []string{"Joana Ferraz", "Wang Liqiang"}; !reflect.DeepEqual(names, want) {
		t.Errorf("actors %q, want %q", names, want)
	}
}
