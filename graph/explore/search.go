package explore

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/value"
)

// Search limits: results per request, and the longest query text.
const (
	DefaultSearchLimit = 20
	MaxSearchLimit     = 100
	maxSearchText      = 200
)

// entry is one node of the search index.
type entry struct {
	node    Node
	article bool
	degree  int64
	name    string   // folded name
	aliases []string // folded aliases
	words   []string // folded words of the name and aliases
}

// searchIndex holds the named nodes folded for matching, rebuilt from the
// store when older than refresh.
type searchIndex struct {
	store   graph.Store
	refresh time.Duration
	mu      sync.Mutex
	ents    []entry
	built   time.Time
	busy    bool // a rebuild is running
}

// entries returns the index, building it first if there is none, and
// starting a rebuild in the background when it is stale.
func (ix *searchIndex) entries(ctx context.Context, timeout time.Duration) ([]entry, error) {
	ix.mu.Lock()
	ents, built, busy := ix.ents, ix.built, ix.busy
	stale := time.Since(built) > ix.refresh
	if ents != nil && stale && !busy {
		ix.busy = true
	}
	ix.mu.Unlock()
	switch {
	case ents == nil:
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		return ix.rebuild(ctx)
	case stale && !busy:
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			ix.rebuild(ctx) //nolint:errcheck // the old index keeps answering
		}()
	}
	return ents, nil
}

func (ix *searchIndex) rebuild(ctx context.Context) ([]entry, error) {
	res, err := ix.store.Query(ctx, searchQuery, nil)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.busy = false
	if err != nil {
		return nil, err
	}
	ents := make([]entry, 0, len(res.Rows))
	for _, row := range res.Rows {
		n, ok := row[0].(value.Node)
		if !ok {
			continue
		}
		e := entry{node: nodeOf(n), degree: toInt(row[1])}
		e.article = slices.Contains(e.node.Labels, graph.LabelArticle)
		e.name = fold(e.node.Name)
		e.words = strings.Fields(e.name)
		for _, a := range stringList(n.Props[graph.PropAliases]) {
			fa := fold(a)
			e.aliases = append(e.aliases, fa)
			e.words = append(e.words, strings.Fields(fa)...)
		}
		ents = append(ents, e)
	}
	ix.ents, ix.built = ents, time.Now()
	return ents, nil
}

// Match kinds, best first.
const (
	matchName   = "name"
	matchAlias  = "alias"
	matchPrefix = "prefix"
	matchFuzzy  = "fuzzy"
)

var matchRank = map[string]int{matchName: 0, matchAlias: 1, matchPrefix: 2, matchFuzzy: 3}

// SearchResult is one node found by /api/search.
type SearchResult struct {
	Node   Node    `json:"node"`
	Match  string  `json:"match"`
	Score  float64 `json:"score"`
	Degree int64   `json:"degree"`
}

// match scores e against the folded query q: the whole name, an alias, a
// prefix of the name, an alias or a word of them, or (for a query of four
// characters or more) a word or name within a small edit distance.
func (e *entry) match(q string) (kind string, score float64, ok bool) {
	switch {
	case e.name == q:
		return matchName, 1, true
	case slices.Contains(e.aliases, q):
		return matchAlias, 0.95, true
	}
	best := 0.0
	for _, s := range append([]string{e.name}, e.aliases...) {
		if strings.HasPrefix(s, q) {
			best = max(best, 0.7+0.2*float64(len(q))/float64(len(s)))
		}
	}
	for _, w := range e.words {
		if strings.HasPrefix(w, q) && len(q) < len(w) {
			best = max(best, 0.6+0.2*float64(len(q))/float64(len(w)))
		}
	}
	if best > 0 {
		return matchPrefix, best, true
	}
	if len(q) < 4 {
		return "", 0, false
	}
	allowed := 1
	if len(q) >= 8 {
		allowed = 2
	}
	for _, s := range append(append([]string{e.name}, e.aliases...), e.words...) {
		// a typo, or a prefix with a typo: compare with s cut to q's length
		d := editDistance(q, s, allowed)
		if len(s) > len(q)+allowed {
			d = min(d, editDistance(q, s[:len(q)], allowed))
		}
		if d <= allowed {
			best = max(best, 0.5-0.15*float64(d)*4/float64(len(q)))
		}
	}
	if best > 0 {
		return matchFuzzy, best, true
	}
	return "", 0, false
}

// editDistance is the Damerau–Levenshtein (optimal string alignment)
// distance of a and b, or limit+1 when it exceeds limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// fold lowers s, strips its accents and makes every run of characters
// other than letters and digits one space: "Mário  Centeno-Ávila" is
// "mario centeno avila".
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// searchHandler answers GET /api/search?q=TEXT&limit=N[&label=L].
func (h *handler) searchHandler(w http.ResponseWriter, r *http.Request) (any, error) {
	qv := r.URL.Query()
	text := qv.Get("q")
	if strings.TrimSpace(text) == "" {
		return nil, badRequest(codeArgument, "give the text to search for as q")
	}
	if len(text) > maxSearchText {
		return nil, badRequest(codeArgument, "q is longer than %d bytes", maxSearchText)
	}
	limit, err := intParam(qv, "limit", DefaultSearchLimit, 1, MaxSearchLimit)
	if err != nil {
		return nil, err
	}
	label := qv.Get("label")
	ents, err := h.search.entries(r.Context(), h.cfg.QueryTimeout)
	if err != nil {
		return nil, err
	}
	q := fold(text)
	results := []SearchResult{}
	if q != "" {
		for i := range ents {
			e := &ents[i]
			if label != "" && !slices.Contains(e.node.Labels, label) || label == "" && e.article {
				continue
			}
			if kind, score, ok := e.match(q); ok {
				results = append(results, SearchResult{Node: e.node, Match: kind, Score: round3(score), Degree: e.degree})
			}
		}
	}
	slices.SortFunc(results, func(a, b SearchResult) int {
		return cmp.Or(cmp.Compare(matchRank[a.Match], matchRank[b.Match]), cmp.Compare(b.Degree, a.Degree),
			cmp.Compare(b.Score, a.Score), cmp.Compare(a.Node.Name, b.Node.Name), cmp.Compare(a.Node.ID, b.Node.ID))
	})
	if len(results) > limit {
		results = results[:limit]
	}
	return map[string]any{"query": text, "results": results}, nil
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
