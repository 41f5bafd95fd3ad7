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
	M    *learn.Model
	p    *learn.Perceptron
	fold *cueFolded // M's dense weights by groups, when set
}

// cueFeatures appends the features the cue classifier reads for token i.
func (c *context) cueFeatures(dst []learn.Feature, i int) []learn.Feature {
	return c.cueDense(c.cueHashed(dst, i), i)
}

// cueNb returns the word hash, prior and mention code of token k, or the
// boundary pseudo-word's and zeros outside the document.
func (c *context) cueNb(k int) (uint64, uint64, uint64) {
	if k < 0 || k >= len(c.hw) {
		return hashBOS, 0, 0
	}
	return c.hw[k], uint64(c.prior[k]), uint64(c.ment[k])
}

// cueHashed appends the hashed ones of the cue classifier's features of
// token i: words, suffix and shape.
func (c *context) cueHashed(dst []learn.Feature, i int) []learn.Feature {
	w := c.hw[i]
	w1, _, _ := c.cueNb(i - 1)
	w2, _, _ := c.cueNb(i - 2)
	n1, _, k1 := c.cueNb(i + 1)
	n2, _, _ := c.cueNb(i + 2)
	return append(dst,
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
	)
}

// cueDense appends the dense ones of the cue classifier's features of
// token i (cueFolded sums them by groups).
func (c *context) cueDense(dst []learn.Feature, i int) []learn.Feature {
	pr := uint64(c.prior[i])
	_, p1, m1 := c.cueNb(i - 1)
	_, p2, m2 := c.cueNb(i - 2)
	_, q1, k1 := c.cueNb(i + 1)
	_, q2, _ := c.cueNb(i + 2)
	_, _, m3 := c.cueNb(i - 3)
	r := uint64(c.rules[i])
	return append(dst,
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
}

// cueFolded holds the cue classifier's dense weights summed by groups of
// templates, as folded does the tagger's: each row is the two classes'
// integer sums packed in an int64 (the low half read as signed, see
// prow.addTo).
type cueFolded struct {
	// by the token's prior: with its neighbours' priors (and the bias);
	// with the mentions before and after it; with the mentions two and
	// three before it; with its rule role, quotation flag and sentence
	// position
	prNb, prMent, ment32, rule []int64
	// the priors two before and after; the nearest rule cues
	nb2, cueLR []int64
}

// newCueFolded sums the dense weights of the cue classifier m by groups.
func newCueFolded(m *learn.Model) *cueFolded {
	row := func(fs ...learn.Feature) int64 {
		var a learn.Acc
		m.Accumulate(fs, &a)
		return int64(a[0]) + int64(a[1])<<32
	}
	f := &cueFolded{
		prNb: make([]int64, nBkt*nBkt*nBkt), prMent: make([]int64, nBkt*nMent*nMent),
		ment32: make([]int64, nBkt*nMent*nMent), rule: make([]int64, nBkt*nRule*nFlag*nPos),
		nb2: make([]int64, nBkt*nBkt), cueLR: make([]int64, nDist*nDist),
	}
	for pr := range uint64(nBkt) {
		for a := range uint64(nBkt) {
			for b := range uint64(nBkt) {
				f.prNb[(pr*nBkt+a)*nBkt+b] = row(cBias.f(0), cPr.f(pr), cPrevPr.f2(a, pr), cPrNext.f2(pr, b))
			}
		}
		for a := range uint64(nMent) {
			for b := range uint64(nMent) {
				f.prMent[(pr*nMent+a)*nMent+b] = row(cMentPr.f2(a, pr), cPrMentNx.f2(pr, b))
				f.ment32[(pr*nMent+a)*nMent+b] = row(cMent32.f2(a, b), cMent2Pr.f2(b, pr))
			}
		}
		for r := range uint64(nRule) {
			for q := range uint64(nFlag) {
				for sp := range uint64(nPos) {
					f.rule[((pr*nRule+r)*nFlag+q)*nPos+sp] = row(cRule.f(r), cRulePr.f2(r, pr), cQuotePr.f2(q, pr), cSentPosPr.f2(sp, pr))
				}
			}
		}
	}
	for a := range uint64(nBkt) {
		for b := range uint64(nBkt) {
			f.nb2[a*nBkt+b] = row(cPrev2Nx2.f2(a, b))
		}
	}
	for a := range uint64(nDist) {
		for b := range uint64(nDist) {
			f.cueLR[a*nDist+b] = row(cCueLR.f2(a, b))
		}
	}
	return f
}

// dense adds the weights of token i's dense cue features (those of
// context.cueDense) to acc.
func (f *cueFolded) dense(c *context, i int, acc *learn.Acc) {
	pr := uint64(c.prior[i]) & (nBkt - 1)
	_, p1, m1 := c.cueNb(i - 1)
	_, p2, m2 := c.cueNb(i - 2)
	_, q1, k1 := c.cueNb(i + 1)
	_, q2, _ := c.cueNb(i + 2)
	_, _, m3 := c.cueNb(i - 3)
	r := uint64(c.rules[i]) & (nRule - 1)
	x := f.prNb[(pr*nBkt+p1&(nBkt-1))*nBkt+q1&(nBkt-1)] +
		f.prMent[(pr*nMent+m1&(nMent-1))*nMent+k1&(nMent-1)] +
		f.ment32[(pr*nMent+m3&(nMent-1))*nMent+m2&(nMent-1)] +
		f.rule[((pr*nRule+r)*nFlag+b2u(c.inQuote[i]))*nPos+uint64(c.sentPos[i])&(nPos-1)] +
		f.nb2[(p2&(nBkt-1))*nBkt+q2&(nBkt-1)] +
		f.cueLR[(uint64(c.cueLeft[i])&(nDist-1))*nDist+uint64(c.cueRight[i])&(nDist-1)]
	lo := int32(x)
	acc[0] += lo
	acc[1] += int32((x - int64(lo)) >> 32)
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
		c.shapes(i, i+1)
		sc = [2]float32{}
		if m.fold != nil {
			// the same integer sums as Score's, the dense part folded
			var acc learn.Acc
			feats = c.cueHashed(feats[:0], i)
			m.M.Accumulate(feats, &acc)
			m.fold.dense(c, i, &acc)
			m.M.AddScores(&acc, sc[:])
		} else {
			feats = c.cueFeatures(feats[:0], i)
			s.Score(feats, sc[:])
		}
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
	m := sum.Compact(counts, MinCount, MaxFeatures)
	return &CueModel{M: m, fold: newCueFolded(m)}
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
