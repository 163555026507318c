package eval

import (
	"fmt"
	"hash/fnv"
	"math/bits"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/kgnews/kg/graph"
)

// SampleTypes are the relationship types [Draw] samples when
// [SampleOptions.Types] is empty: the three fact types whose precision is
// judged by hand (graph.CoreTypes).
var SampleTypes = slices.Clone(graph.CoreTypes)

// SampleOptions says what [Draw] samples.
type SampleOptions struct {
	Size  int      // facts per type, at least 1
	Seed  uint64   // the PRNG seed
	Types []string // fact types to sample, in this order; nil means SampleTypes
}

// Sample is a seeded random sample of fact relationships, per type, with
// everything a judge needs to decide whether each fact is true to its text.
type Sample struct {
	Size  int
	Seed  uint64
	Types []TypeSample
}

// TypeSample is the sample of one relationship type.
type TypeSample struct {
	Type  string
	Total int // facts of this type in the graph
	Facts []SampledFact
}

// SampledFact is one sampled relationship with its endpoints and provenance.
type SampledFact struct {
	ID        string
	Type      string
	From, To  Endpoint
	Date      string
	ClaimedBy []string
	Rules     []string
	Details   [][2]string // type-specific properties (medium, measure, rate, …), key and value
	Sources   []Source
	Evidence  []string
}

// Endpoint describes one end of a sampled fact.
type Endpoint struct {
	ID    string
	Label string // "" when the node is not in the graph
	Name  string
	Text  string      // a Commitment's or Agreement's clause
	Attrs [][2]string // kind, role, country, …: key and value, when set
}

// Source is an article a sampled fact was read from.
type Source struct {
	ID, Path, Title, PublishedAt string
}

// sampleDetails are the relationship properties a sampled fact shows
// besides its provenance, in this order.
var sampleDetails = []string{graph.PropMedium, graph.PropMeasure, graph.PropRate, graph.PropModality, graph.PropValue, graph.PropYear, graph.PropTopics}

// endpointAttrs are the node properties an endpoint shows besides its name.
var endpointAttrs = []string{graph.PropKind, graph.PropRole, graph.PropCountry, graph.PropAction, graph.PropObject,
	graph.PropQuantity, graph.PropUnit, graph.PropPeriod, graph.PropStatus, graph.PropDate}

// Draw samples up to opts.Size fact relationships of each type from b. The
// draw is deterministic for a given graph and seed: the relationships of a
// type are sorted by id, then opts.Size distinct positions are chosen by a
// partial Fisher–Yates shuffle driven by math/rand/v2's PCG, seeded with
// (opts.Seed, the 64-bit FNV-1a hash of the type name), so that sampling one
// type alone gives the same facts as sampling it with the others. The
// chosen facts are listed in id order. A type with fewer facts than
// opts.Size is taken whole. Draw returns an error for a size below 1 or a
// type that is not one of graph.FactTypes.
func Draw(b *graph.Batch, opts SampleOptions) (*Sample, error) {
	if opts.Size < 1 {
		return nil, fmt.Errorf("sample size %d: want at least 1", opts.Size)
	}
	types := opts.Types
	if len(types) == 0 {
		types = SampleTypes
	}
	for _, t := range types {
		if !graph.IsFactType(t) {
			return nil, fmt.Errorf("cannot sample %q: not a fact relationship type", t)
		}
	}
	nodes := make(map[string]*graph.Node, len(b.Nodes))
	for i := range b.Nodes {
		nodes[b.Nodes[i].ID] = &b.Nodes[i]
	}
	s := &Sample{Size: opts.Size, Seed: opts.Seed}
	for _, typ := range types {
		var rels []*graph.Relationship
		for i := range b.Relationships {
			if b.Relationships[i].Type == typ {
				rels = append(rels, &b.Relationships[i])
			}
		}
		sort.SliceStable(rels, func(i, j int) bool { return rels[i].ID < rels[j].ID })
		ts := TypeSample{Type: typ, Total: len(rels)}
		for _, i := range choose(len(rels), opts.Size, opts.Seed, typ) {
			ts.Facts = append(ts.Facts, sampledFact(rels[i], nodes))
		}
		s.Types = append(s.Types, ts)
	}
	return s, nil
}

// choose returns min(k, n) distinct indices below n, ascending, drawn by a
// partial Fisher–Yates shuffle from a PCG seeded with seed and the hash of
// typ.
func choose(n, k int, seed uint64, typ string) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if k >= n {
		return idx
	}
	h := fnv.New64a()
	h.Write([]byte(typ))
	src := rand.NewPCG(seed, h.Sum64())
	for i := range k {
		j := i + int(bounded(src, uint64(n-i)))
		idx[i], idx[j] = idx[j], idx[i]
	}
	idx = idx[:k]
	slices.Sort(idx)
	return idx
}

// bounded returns a uniform integer in [0, n) from src by Lemire's
// multiply-and-reject method, written out here so that the sample depends
// only on the PCG's output stream, which math/rand/v2 fixes.
func bounded(src *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}

func sampledFact(r *graph.Relationship, nodes map[string]*graph.Node) SampledFact {
	f := SampledFact{
		ID:        r.ID,
		Type:      r.Type,
		From:      endpoint(r.Start, nodes),
		To:        endpoint(r.End, nodes),
		Date:      propString(r.Props, graph.PropDate),
		ClaimedBy: propList(r.Props, graph.PropClaimedBy),
		Rules:     propList(r.Props, graph.PropRules),
		Evidence:  propList(r.Props, graph.PropEvidence),
	}
	for _, k := range sampleDetails {
		if v := propString(r.Props, k); v != "" {
			f.Details = append(f.Details, [2]string{k, v})
		}
	}
	for _, id := range propList(r.Props, graph.PropSources) {
		src := Source{ID: id}
		if n := nodes[id]; n != nil {
			src.Path = propString(n.Props, graph.PropPath)
			if src.Path == "" {
				src.Path = propString(n.Props, graph.PropURL)
			}
			src.Title = propString(n.Props, graph.PropTitle)
			src.PublishedAt = propString(n.Props, graph.PropPublishedAt)
		}
		f.Sources = append(f.Sources, src)
	}
	return f
}

func endpoint(id string, nodes map[string]*graph.Node) Endpoint {
	n := nodes[id]
	if n == nil {
		return Endpoint{ID: id, Name: id}
	}
	e := Endpoint{ID: id, Label: n.Label, Name: propString(n.Props, graph.PropName), Text: propString(n.Props, graph.PropText)}
	if e.Name == "" {
		e.Name = id
	}
	for _, k := range endpointAttrs {
		if v := propString(n.Props, k); v != "" {
			e.Attrs = append(e.Attrs, [2]string{k, v})
		}
	}
	return e
}
