package syntax

import (
	"math"
)

// perceptron is an averaged perceptron over hashed feature rows, used only
// while training. Row r holds one weight per class at w[r*classes:].
// Averaging uses the accumulated-update trick: u sums step*delta, and the
// averaged weight is w - u/steps.
type perceptron struct {
	bits    uint8
	classes int
	w       []float32
	u       []float64
	steps   float64
}

func newPerceptron(bits uint8, classes int) *perceptron {
	n := (1 << bits) * classes
	return &perceptron{bits: bits, classes: classes, w: make([]float32, n), u: make([]float64, n), steps: 1}
}

// scores writes the current (not averaged) class scores into out.
func (p *perceptron) scores(rows []uint32, out []float32) {
	clear(out)
	for _, r := range rows {
		row := p.w[int(r)*p.classes : int(r+1)*p.classes]
		for c, v := range row {
			out[c] += v
		}
	}
}

// update rewards good and penalises bad on rows; it does nothing when they
// are equal.
func (p *perceptron) update(rows []uint32, good, bad int) {
	if good == bad {
		return
	}
	for _, r := range rows {
		base := int(r) * p.classes
		p.w[base+good]++
		p.u[base+good] += p.steps
		p.w[base+bad]--
		p.u[base+bad] -= p.steps
	}
}

// tick counts one training instance.
func (p *perceptron) tick() { p.steps++ }

// freeze averages and quantises the weights into a table, keeping only
// the weights that do not round to zero.
func (p *perceptron) freeze() *table {
	maxAbs := 0.0
	for i, w := range p.w {
		maxAbs = max(maxAbs, math.Abs(float64(w)-p.u[i]/p.steps))
	}
	scale := 1.0
	if maxAbs > 0 {
		scale = maxAbs / math.MaxInt16
	}
	t := &table{bits: p.bits, classes: p.classes, scale: float32(scale), start: make([]int32, 1<<p.bits+1)}
	for r := range 1 << p.bits {
		t.start[r] = int32(len(t.cls))
		for c := range p.classes {
			i := r*p.classes + c
			q := math.Round((float64(p.w[i]) - p.u[i]/p.steps) / scale)
			if q != 0 {
				t.cls = append(t.cls, uint8(c))
				t.val = append(t.val, int16(max(-math.MaxInt16, min(math.MaxInt16, q))))
			}
		}
	}
	t.start[1<<p.bits] = int32(len(t.cls))
	return t
}

// table holds frozen, quantised, sparse weights: the weights of hashed
// row r are the (class, value) pairs cls[start[r]:start[r+1]] and
// val[start[r]:start[r+1]]. Scores are sums of int16 weights; scale
// converts them back to the averaged perceptron's units, which argmax
// never needs.
type table struct {
	bits    uint8
	classes int
	scale   float32
	start   []int32
	cls     []uint8
	val     []int16
}

// scores writes the class scores of rows into out.
func (t *table) scores(rows []uint32, out []int32) {
	clear(out)
	for _, r := range rows {
		lo, hi := t.start[r], t.start[r+1]
		cls, val := t.cls[lo:hi], t.val[lo:hi]
		for k, c := range cls {
			out[c] += int32(val[k])
		}
	}
}

// weightCount is the number of kept weights.
func (t *table) weightCount() int { return len(t.cls) }
