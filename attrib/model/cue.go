package model

import (
	"github.com/quotewire/quotewire/learn"
)

// CueModel is a per-token classifier that says how likely each token is to
// be part of an attribution cue. It sees a window of words on both sides
// and no previous decisions, so one missed cue does not lead to the next;
// the tagger reads its output as features.
type CueModel struct {
	// M holds the trained weights (two classes: not cue, cue).
	M *learn.Model
	p *learn.Perceptron
}

// cueFeatures appends the features the cue classifier reads for token i.
func (c *context) cueFeatures(dst []learn.Feature, i int) []learn.Feature {
	w := c.hw[i]
	pr := uint64(c.prior[i])
	at := func(k int) (uint64, uint64, uint64) {
		if k < 0 || k >= len(c.hw) {
			return hashBOS, 0, 0
		}
		return c.hw[k], uint64(c.prior[k]), uint64(c.ment[k])
	}
	w1, p1, m1 := at(i - 1)
	w2, p2, m2 := at(i - 2)
	n1, q1, k1 := at(i + 1)
	n2, q2, _ := at(i + 2)
	_, _, m3 := at(i - 3)
	r := uint64(c.rules[i])
	dst = append(dst,
		learn.Mix(61, w),
		learn.Mix(63, c.hsuf[i]),
		learn.Mix(64, c.hshape[i]),
		learn.Mix(65, w1),
		learn.Mix(66, n1),
		learn.Mix(67, w2),
		learn.Mix(68, n2),
		learn.Mix2(69, w1, w),
		learn.Mix2(70, w, n1),
		learn.Mix2(83, w, n2),
		learn.Mix2(84, w2, w),
		learn.Mix2(85, c.hshape[i], k1),
		cBias.f(0),
		cPr.f(pr),
		cPrevPr.f2(p1, pr),
		cPrNext.f2(pr, q1),
		cPrev2Nx2.f2(p2, q2),
		cMentPr.f2(m1, pr),
		cMent2Pr.f2(m2, pr),
		cMent32.f2(m3, m2),
		cPrMentNx.f2(pr, k1),
		cRule.f(r),
		cRulePr.f2(r, pr),
		cQuotePr.f2(b2u(c.inQuote[i]), pr),
		cSentPosPr.f2(uint64(c.sentPos[i]), pr),
		cCueLR.f2(uint64(c.cueLeft[i]), uint64(c.cueRight[i])),
	)
	return dst
}

// minCuePrior is the least cue-word prior (see Priors) a token needs for
// the classifier to look at it; the others are not cues (a word seen less
// than 10% of the time in one): most tokens, and few cues, are skipped
// (docs/ERRORS.md, "Settings chosen by measurement").
const minCuePrior = 3

// cueBucket maps a cue classifier margin to a small class.
func cueBucket(margin float32) uint8 {
	switch {
	case margin > 4:
		return 5
	case margin > 1.5:
		return 4
	case margin > 0:
		return 3
	case margin > -1.5:
		return 2
	case margin > -4:
		return 1
	}
	return 0
}

// margins returns the classifier's cue margin (cue score minus not-cue
// score) for every token of c.
func (m *CueModel) margins(c *context) []float32 {
	out := make([]float32, len(c.hw))
	var feats []learn.Feature
	var sc [2]float32
	var s interface {
		Score([]learn.Feature, []float32)
	} = m.M
	if m.M == nil {
		s = m.p
	}
	for i := range out {
		if c.prior[i] < minCuePrior {
			out[i] = -10
			continue
		}
		feats = c.cueFeatures(feats[:0], i)
		sc = [2]float32{}
		s.Score(feats, sc[:])
		out[i] = sc[1] - sc[0]
	}
	return out
}

// TrainCue trains the cue classifier on the examples (gold B-Q and I-Q
// tokens are cues).
func TrainCue(exs []Example, epochs int, seed uint64) *CueModel {
	// a bag of runs over the examples in different orders, averaged:
	// margins that do not hang on one order (they are the tagger's
	// features)
	var sum *learn.Perceptron
	var counts map[learn.Feature]int32
	for b := 0; b < bagSize; b++ {
		p, c := trainCueRun(exs, epochs, seed+uint64(b)*7919)
		if sum == nil {
			sum, counts = p, c
		} else {
			sum.AddScaled(p, 1)
		}
	}
	sum.Scale(1 / float32(bagSize))
	return &CueModel{M: sum.Compact(counts, MinCount, MaxFeatures)}
}

// trainCueRun trains one cue perceptron in the order seed fixes and
// returns it averaged, with the features of its first epoch and their
// counts.
func trainCueRun(exs []Example, epochs int, seed uint64) (*learn.Perceptron, map[learn.Feature]int32) {
	p := learn.NewPerceptron(2, learn.DefaultBits)
	counts := map[learn.Feature]int32{}
	var feats []learn.Feature
	sc := make([]float32, 2)
	for e := 0; e < epochs; e++ {
		for _, k := range learn.Shuffle(len(exs), seed, e) {
			ex := exs[k]
			for i := range ex.gold {
				if ex.c.prior[i] < minCuePrior {
					continue
				}
				feats = ex.c.cueFeatures(feats[:0], i)
				if e == 0 {
					for _, f := range feats {
						counts[f]++
					}
				}
				truth := 0
				if ex.gold[i] == BQ || ex.gold[i] == IQ {
					truth = 1
				}
				p.Update(feats, truth, p.Predict(feats, sc))
			}
		}
	}
	p.Average()
	return p, counts
}
