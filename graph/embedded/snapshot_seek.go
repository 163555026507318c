package embedded

import "slices"

// labelsInUse returns the name ids of the labels some node carries, in
// ascending order, and the number of nodes without a label, which the
// index does not hold. Both are worked out on first use from the label
// sets and the label index: from the label counts alone when no node has
// two labels, else by marking the nodes of each label.
func (s *snapshot) labelsInUse() (labels []uint32, bare int, err error) {
	s.bareOnce.Do(func() { s.labels, s.bare, s.bareErr = s.countBare() })
	return s.labels, s.bare, s.bareErr
}

func (s *snapshot) countBare() ([]uint32, int, error) {
	var labels []uint32
	multi := false
	for _, ids := range s.setIDs {
		multi = multi || len(ids) > 1
		for _, l := range ids {
			if !slices.Contains(labels, l) {
				labels = append(labels, l)
			}
		}
	}
	slices.Sort(labels)
	var seen []uint64 // a bit per node, when labels share nodes
	if multi {
		seen = make([]uint64, s.nNodes/64+1)
	}
	labelled := 0
	for _, l := range labels {
		lo, hi, err := s.labelRange(l)
		if err != nil {
			return nil, 0, err
		}
		if !multi {
			labelled += int(hi - lo)
			continue
		}
		for i := lo; i < hi; i++ {
			id := s.labelID(i)
			if id >= int64(s.nNodes) {
				return nil, 0, snapDamage("label %q lists node %d of %d", s.names[l], id, s.nNodes)
			}
			if w, b := id/64, uint64(1)<<(id%64); seen[w]&b == 0 {
				seen[w] |= b
				labelled++
			}
		}
	}
	if labelled > s.nodes {
		return nil, 0, snapDamage("%d labelled nodes of %d", labelled, s.nodes)
	}
	return labels, s.nodes - labelled, nil
}
