package syntax

// Parser feature templates.
const (
	pfS0W uint64 = iota + 1
	pfS0T
	pfS0WT
	pfS1W
	pfS1T
	pfS1WT
	pfS2T
	pfB0W
	pfB0T
	pfB0WT
	pfB1W
	pfB1T
	pfB1WT
	pfB2W
	pfB2T
	pfS0WTB0WT
	pfS0WTB0W
	pfS0WB0WT
	pfS0WTB0T
	pfS0TB0WT
	pfS0WB0W
	pfS0TB0T
	pfB0TB1T
	pfS0TS1T
	pfS1WS0W
	pfS1TS0W
	pfS1WS0T
	pfB0TB1TB2T
	pfS0TB0TB1T
	pfS1TS0TB0T
	pfS2TS1TS0T
	pfS1TS0TS0LT
	pfS1TS0TS0RT
	pfS1TS1RTS0T
	pfS0TS0LTB0T
	pfS0TS0RTB0T
	pfS0TB0TB0LT
	pfS0WDist
	pfS0TDist
	pfB0WDist
	pfB0TDist
	pfS0WB0WDist
	pfS0TB0TDist
	pfS1TS0TDist
	pfS0WVR
	pfS0TVR
	pfS0WVL
	pfS0TVL
	pfB0WVL
	pfB0TVL
	pfS1TVR
	pfS0LW
	pfS0LT
	pfS0LL
	pfS0RW
	pfS0RT
	pfS0RL
	pfS1RW
	pfS1RT
	pfS1RL
	pfS1LT
	pfS1LL
	pfB0LW
	pfB0LT
	pfB0LL
	pfS0L2T
	pfS0L2L
	pfS0R2T
	pfS0R2L
	pfB0L2T
	pfB0L2L
	pfS0TS0LLS0L2L
	pfS0TS0RLS0R2L
	pfB0TB0LLB0L2L
	pfS0WSetL
	pfS0WSetR
	pfS0TSetL
	pfS0TSetR
	pfB0WSetL
	pfB0TSetL
	pfS1TSetR
	pfS0NextTB0T
	pfS0TS0NextT
	pfB0PrevTB0T
	pfS0PrevTS0T
	pfB0SufS0T
	pfS0SufB0T
)

// parseFeatures collects the features of the configuration st.
func parseFeatures(f *features, st *state) {
	f.reset()
	s0, s1, s2 := st.stackAt(0), st.stackAt(1), st.stackAt(2)
	b0, b1, b2 := st.bufAt(0), st.bufAt(1), st.bufAt(2)
	s0w, s0t, s1w, s1t, s2t := st.word(s0), st.tag(s0), st.word(s1), st.tag(s1), st.tag(s2)
	b0w, b0t, b1w, b1t, b2w, b2t := st.word(b0), st.tag(b0), st.word(b1), st.tag(b1), st.word(b2), st.tag(b2)
	s0wt, s1wt, b0wt, b1wt := combine(s0w, s0t), combine(s1w, s1t), combine(b0w, b0t), combine(b1w, b1t)

	f.add1(pfS0W, s0w)
	f.add1(pfS0T, s0t)
	f.add1(pfS0WT, s0wt)
	f.add1(pfS1W, s1w)
	f.add1(pfS1T, s1t)
	f.add1(pfS1WT, s1wt)
	f.add1(pfS2T, s2t)
	f.add1(pfB0W, b0w)
	f.add1(pfB0T, b0t)
	f.add1(pfB0WT, b0wt)
	f.add1(pfB1W, b1w)
	f.add1(pfB1T, b1t)
	f.add1(pfB1WT, b1wt)
	f.add1(pfB2W, b2w)
	f.add1(pfB2T, b2t)

	f.add2(pfS0WTB0WT, s0wt, b0wt)
	f.add2(pfS0WTB0W, s0wt, b0w)
	f.add2(pfS0WB0WT, s0w, b0wt)
	f.add2(pfS0WTB0T, s0wt, b0t)
	f.add2(pfS0TB0WT, s0t, b0wt)
	f.add2(pfS0WB0W, s0w, b0w)
	f.add2(pfS0TB0T, s0t, b0t)
	f.add2(pfB0TB1T, b0t, b1t)
	f.add2(pfS0TS1T, s0t, s1t)
	f.add2(pfS1WS0W, s1w, s0w)
	f.add2(pfS1TS0W, s1t, s0w)
	f.add2(pfS1WS0T, s1w, s0t)

	s0L, s0R, s1L, s1R, b0L := st.child(st.lc1, s0), st.child(st.rc1, s0), st.child(st.lc1, s1), st.child(st.rc1, s1), st.child(st.lc1, b0)
	s0L2, s0R2, b0L2 := st.child(st.lc2, s0), st.child(st.rc2, s0), st.child(st.lc2, b0)
	s0Lt, s0Rt, s1Rt, b0Lt := st.tag(s0L), st.tag(s0R), st.tag(s1R), st.tag(b0L)
	s0Ll, s0Rl, b0Ll := st.label(s0L), st.label(s0R), st.label(b0L)

	f.add3(pfB0TB1TB2T, b0t, b1t, b2t)
	f.add3(pfS0TB0TB1T, s0t, b0t, b1t)
	f.add3(pfS1TS0TB0T, s1t, s0t, b0t)
	f.add3(pfS2TS1TS0T, s2t, s1t, s0t)
	f.add3(pfS1TS0TS0LT, s1t, s0t, s0Lt)
	f.add3(pfS1TS0TS0RT, s1t, s0t, s0Rt)
	f.add3(pfS1TS1RTS0T, s1t, s1Rt, s0t)
	f.add3(pfS0TS0LTB0T, s0t, s0Lt, b0t)
	f.add3(pfS0TS0RTB0T, s0t, s0Rt, b0t)
	f.add3(pfS0TB0TB0LT, s0t, b0t, b0Lt)

	d := distance(s0, b0)
	f.add2(pfS0WDist, s0w, d)
	f.add2(pfS0TDist, s0t, d)
	f.add2(pfB0WDist, b0w, d)
	f.add2(pfB0TDist, b0t, d)
	f.add3(pfS0WB0WDist, s0w, b0w, d)
	f.add3(pfS0TB0TDist, s0t, b0t, d)
	f.add3(pfS1TS0TDist, s1t, s0t, distance(s1, s0))

	f.add2(pfS0WVR, s0w, st.count(st.nr, s0))
	f.add2(pfS0TVR, s0t, st.count(st.nr, s0))
	f.add2(pfS0WVL, s0w, st.count(st.nl, s0))
	f.add2(pfS0TVL, s0t, st.count(st.nl, s0))
	f.add2(pfB0WVL, b0w, st.count(st.nl, b0))
	f.add2(pfB0TVL, b0t, st.count(st.nl, b0))
	f.add2(pfS1TVR, s1t, st.count(st.nr, s1))

	f.add1(pfS0LW, st.word(s0L))
	f.add1(pfS0LT, s0Lt)
	f.add1(pfS0LL, s0Ll)
	f.add1(pfS0RW, st.word(s0R))
	f.add1(pfS0RT, s0Rt)
	f.add1(pfS0RL, s0Rl)
	f.add1(pfS1RW, st.word(s1R))
	f.add1(pfS1RT, s1Rt)
	f.add1(pfS1RL, st.label(s1R))
	f.add1(pfS1LT, st.tag(s1L))
	f.add1(pfS1LL, st.label(s1L))
	f.add1(pfB0LW, st.word(b0L))
	f.add1(pfB0LT, b0Lt)
	f.add1(pfB0LL, b0Ll)
	f.add1(pfS0L2T, st.tag(s0L2))
	f.add1(pfS0L2L, st.label(s0L2))
	f.add1(pfS0R2T, st.tag(s0R2))
	f.add1(pfS0R2L, st.label(s0R2))
	f.add1(pfB0L2T, st.tag(b0L2))
	f.add1(pfB0L2L, st.label(b0L2))
	f.add3(pfS0TS0LLS0L2L, s0t, s0Ll, st.label(s0L2))
	f.add3(pfS0TS0RLS0R2L, s0t, s0Rl, st.label(s0R2))
	f.add3(pfB0TB0LLB0L2L, b0t, b0Ll, st.label(b0L2))

	f.add2(pfS0WSetL, s0w, st.set(st.setL, s0))
	f.add2(pfS0WSetR, s0w, st.set(st.setR, s0))
	f.add2(pfS0TSetL, s0t, st.set(st.setL, s0))
	f.add2(pfS0TSetR, s0t, st.set(st.setR, s0))
	f.add2(pfB0WSetL, b0w, st.set(st.setL, b0))
	f.add2(pfB0TSetL, b0t, st.set(st.setL, b0))
	f.add2(pfS1TSetR, s1t, st.set(st.setR, s1))

	s0next, s0prev, b0prev := int32(-1), int32(-1), int32(-1)
	if s0 > 0 {
		s0next, s0prev = s0+1, s0-1
	}
	if b0 > 0 {
		b0prev = b0 - 1
	}
	f.add2(pfS0NextTB0T, st.tag(s0next), b0t)
	f.add2(pfS0TS0NextT, s0t, st.tag(s0next))
	f.add2(pfB0PrevTB0T, st.tag(b0prev), b0t)
	f.add2(pfS0PrevTS0T, st.tag(s0prev), s0t)
	f.add2(pfB0SufS0T, st.suffix(b0), s0t)
	f.add2(pfS0SufB0T, st.suffix(s0), b0t)
}

// Labeller feature templates.
const (
	lfBias uint64 = iota + 1
	lfDW
	lfDT
	lfDWT
	lfDSuf
	lfDShape
	lfHW
	lfHT
	lfHWT
	lfHSuf
	lfHTDT
	lfHWDT
	lfHTDW
	lfHWDW
	lfHTDTDir
	lfHTDTDist
	lfDWDir
	lfDTDir
	lfHSufDWDir
	lfDLW
	lfDLT
	lfDLL
	lfDRT
	lfDRL
	lfDTDLW
	lfDTDLWHT
	lfDTSetL
	lfDTSetR
	lfDTHTSetL
	lfSibDTDir
	lfHSetDTDir
	lfHTSibDTDir
	lfDTNextT
	lfDTPrevT
	lfHTDTHNextT
	lfDWHTDir
)

// labelFeatures collects the features for labelling the arc h -> d in st.
// The dependent's subtree is complete; the head's children on d's side so
// far are nearer to the head than d.
func labelFeatures(f *features, st *state, h, d int32) {
	f.reset()
	dw, dt, hw, ht := st.word(d), st.tag(d), st.word(h), st.tag(h)
	dir := uint64(1)
	sib, set := st.rc1[h], st.setR[h]
	if d < h {
		dir, sib, set = 2, st.lc1[h], st.setL[h]
	}
	dist := distance(h, d)
	f.add1(lfBias, 0)
	f.add1(lfDW, dw)
	f.add1(lfDT, dt)
	f.add2(lfDWT, dw, dt)
	f.add2(lfDSuf, st.suffix(d), dt)
	f.add1(lfDShape, st.words[d-1].shape)
	f.add1(lfHW, hw)
	f.add1(lfHT, ht)
	f.add2(lfHWT, hw, ht)
	f.add2(lfHSuf, st.suffix(h), ht)
	f.add2(lfHTDT, ht, dt)
	f.add2(lfHWDT, hw, dt)
	f.add2(lfHTDW, ht, dw)
	f.add2(lfHWDW, hw, dw)
	f.add3(lfHTDTDir, ht, dt, dir)
	f.add3(lfHTDTDist, ht, dt, dist+dir<<8)
	f.add2(lfDWDir, dw, dir)
	f.add2(lfDTDir, dt, dir)
	f.add3(lfHSufDWDir, st.suffix(h), dw, dir)
	dL, dR := st.lc1[d], st.rc1[d]
	dLw := st.word(dL)
	f.add1(lfDLW, dLw)
	f.add2(lfDLT, st.tag(dL), dt)
	f.add2(lfDLL, st.label(dL), dt)
	f.add2(lfDRT, st.tag(dR), dt)
	f.add2(lfDRL, st.label(dR), dt)
	f.add2(lfDTDLW, dt, dLw)
	f.add3(lfDTDLWHT, dt, dLw, ht)
	f.add2(lfDTSetL, dt, st.setL[d])
	f.add2(lfDTSetR, dt, st.setR[d])
	f.add3(lfDTHTSetL, dt, ht, st.setL[d])
	f.add3(lfSibDTDir, st.label(sib), dt, dir)
	f.add3(lfHSetDTDir, set, dt, dir)
	f.add3(lfHTSibDTDir, ht, st.label(sib), dt+dir<<8)
	f.add2(lfDTNextT, dt, st.tag(d+1))
	f.add2(lfDTPrevT, dt, st.tag(d-1))
	hnext := int32(-1)
	if h > 0 {
		hnext = h + 1
	}
	f.add3(lfHTDTHNextT, ht, dt, st.tag(hnext))
	f.add3(lfDWHTDir, dw, ht, dir)
}
