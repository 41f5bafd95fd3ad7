package model

import (
	"math/rand/v2"
	"testing"

	"github.com/quotewire/quotewire/learn"
)

// randomModel returns a compact model of n classes with random weights on
// every dense id below dense and on the hashed features given.
func randomModel(r *rand.Rand, n int, dense uint32, hashed []learn.Feature) *learn.Model {
	p := learn.NewPerceptron(n, 16)
	counts := map[learn.Feature]int32{}
	feats := append([]learn.Feature(nil), hashed...)
	for id := uint32(0); id < dense; id++ {
		feats = append(feats, learn.Dense(id))
	}
	for _, f := range feats {
		counts[f] = 1
		for k := 0; k < 1+r.IntN(4); k++ {
			truth, guess := r.IntN(n), r.IntN(n)
			p.Update([]learn.Feature{f}, truth, guess)
		}
	}
	p.Average()
	return p.Compact(counts, 1, 0)
}

// foldDocs are the texts the fold tests read.
var foldDocs = []string{
	`"The talks were useful," he said, "and we will meet again." Officials said the plan would fail.`,
	`Maria Lopez told reporters in London that prices will rise. The weather was fine. "Nobody was hurt," the ministry said on Monday, according to a statement.`,
}

// randomize gives the context's per-token values random values of their
// ranges, so that every group of every fold is read.
func randomize(r *rand.Rand, c *context) {
	for i := range c.d.Tokens {
		c.rules[i] = uint8(r.IntN(5))
		c.inQuote[i] = r.IntN(2) == 1
		c.cue[i] = uint8(r.IntN(6))
		c.prior[i] = uint8(r.IntN(7))
		c.isCue[i] = uint8(r.IntN(2))
		c.sentPos[i] = uint8(r.IntN(6))
		c.ment[i] = uint8(r.IntN(32))
		c.cueLeft[i], c.cueRight[i] = uint8(r.IntN(8)), uint8(r.IntN(8))
		c.lcL[i], c.lcR[i] = uint8(r.IntN(64)), uint8(r.IntN(64))
		c.pcL[i], c.pcR[i] = uint8(r.IntN(64)), uint8(r.IntN(64))
	}
}

// TestFolds checks that the folded dense weights give the tagger's and
// the cue classifier's exact integer sums for every token and pair of
// previous labels, and that infer labels as scoring every feature does.
func TestFolds(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var ctxs []*context
	var hashed, cueHashed []learn.Feature
	for _, s := range foldDocs {
		c := newContext(doc(s))
		c.shapes(0, len(c.d.Tokens))
		randomize(r, c)
		ctxs = append(ctxs, c)
		for k := range c.d.Tokens {
			hashed = c.staticHashed(hashed, k)
			for l := O; l < NumLabels; l++ {
				if r.IntN(2) == 0 {
					hashed = c.dynamicHashed(hashed, k, l)
				}
			}
			cueHashed = c.cueHashed(cueHashed, k)
		}
	}
	tg := &Tagger{M: randomModel(r, int(NumLabels), tl.next, hashed[:len(hashed)/2])}
	tg.ready()
	cm := randomModel(r, 2, cl.next, cueHashed[:len(cueHashed)/2])
	cue := &CueModel{M: cm, fold: newCueFolded(cm)}
	for _, c := range ctxs {
		for k := range c.d.Tokens {
			var want, got learn.Acc
			tg.M.Accumulate(c.static(nil, k), &want)
			tg.M.Accumulate(c.staticHashed(nil, k), &got)
			dy := tg.fold.staticDense(c, k, &got)
			if got != want {
				t.Fatalf("token %d: static sums %v, want %v", k, got, want)
			}
			for prev := O; prev < NumLabels; prev++ {
				for prev2 := O; prev2 < NumLabels; prev2++ {
					var want, got learn.Acc
					tg.M.Accumulate(c.dynamic(nil, k, prev, prev2), &want)
					tg.M.Accumulate(c.dynamicHashed(nil, k, prev), &got)
					tg.fold.dynamicDense(&dy, prev, prev2, &got)
					if got != want {
						t.Fatalf("token %d after %v %v: dynamic sums %v, want %v", k, prev2, prev, got, want)
					}
				}
			}
			var cw, cg learn.Acc
			cue.M.Accumulate(c.cueFeatures(nil, k), &cw)
			cue.M.Accumulate(c.cueHashed(nil, k), &cg)
			cue.fold.dense(c, k, &cg)
			if cg != cw {
				t.Fatalf("token %d: cue sums %v, want %v", k, cg, cw)
			}
		}
		// infer against scoring every feature, as before the folds
		got, want := tg.infer(c), inferScored(tg, c)
		for k := range got {
			if got[k] != want[k] {
				t.Fatalf("token %d: label %v, want %v", k, got[k], want[k])
			}
		}
	}
}

// inferScored is infer as it was before the folds: each token's static
// and dynamic features scored with Score.
func inferScored(t *Tagger, c *context) []Label {
	toks := c.d.Tokens
	out := make([]Label, len(toks))
	var feats []learn.Feature
	prev, prev2 := O, O
	for i := 0; i < len(toks); {
		end := i + 1
		if s := c.d.Sentences[toks[i].Sentence]; s.First == i && s.Last > i {
			end = s.Last
			if prev == O && !c.active(s, gateMin) {
				prev2, prev = O, O
				i = end
				continue
			}
		}
		for k := i; k < end; k++ {
			best := O
			if c.interior(k) {
				if prev == BC || prev == IC {
					best = IC
				}
			} else {
				var sc [NumLabels]float32
				t.M.Score(c.static(feats[:0], k), sc[:])
				t.M.Score(c.dynamic(feats[:0], k, prev, prev2), sc[:])
				best = argmax(prev, sc[:])
			}
			out[k] = best
			prev2, prev = prev, best
		}
		i = end
	}
	return out
}
