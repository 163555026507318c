package graph_test

import (
	"strings"
	"testing"

	"github.com/kgnews/kg/graph"
)

func TestCitationRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		c    graph.Citation
		want string
	}{
		{"full", graph.Citation{Article: "article-1", Sentence: "A & B <met>.", ClaimedBy: []string{"Xinhua"}, Rule: "consultation"},
			`{"article":"article-1","sentence":"A & B <met>.","claimedBy":["Xinhua"],"rule":"consultation"}`},
		{"bare", graph.Citation{Article: "article-2", Sentence: "“Quoted” text."},
			`{"article":"article-2","sentence":"“Quoted” text."}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.c.Encode()
			if got != tc.want {
				t.Fatalf("Encode()=%s, want %s", got, tc.want)
			}
			back, err := graph.DecodeCitation(got)
			if err != nil {
				t.Fatal(err)
			}
			if back.Encode() != got {
				t.Fatalf("DecodeCitation(%s).Encode()=%s", got, back.Encode())
			}
		})
	}
}

func TestDecodeCitationErrors(t *testing.T) {
	for _, s := range []string{"", "not json", `["a"]`, `{"sentence":"x"}`} {
		if _, err := graph.DecodeCitation(s); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("DecodeCitation(%q) error = %v, want one line", s, err)
		}
	}
}
