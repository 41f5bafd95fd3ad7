package model

import (
	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
)

// At inference the tagger's dense features are not looked up one by one:
// when a tagger is made ready, the weights of templates that read the same
// few values of a token are summed, for every combination of those
// values, into one row of a table (a fold), so that a token's 36 dense
// features are 17 loads. The sums are exact (integers), and a token's
// static and dynamic scores are each the same integers as before, turned
// into floats the same way: the labels do not change.

// prow is a row of a fold: the seven labels' integer weights packed two to
// an int64 (label 2k in the low half, 2k+1 above it), so that adding rows
// is four additions. A sum of rows unpacks exactly while each label's sum
// fits in an int32 (see addTo).
type prow [4]int64

// pack returns the row of raw weights a.
func pack(a *learn.Acc) prow {
	var p prow
	for c, x := range a {
		p[c/2] += int64(x) << (32 * (c % 2))
	}
	return p
}

// addTo adds the labels' sums held by p to acc: the low half of a lane pair
// is its low 32 bits read as signed, and the high half what remains,
// shifted down (the high half of the last lane is an eighth label, none).
func (p *prow) addTo(acc *learn.Acc) {
	lo0, lo1, lo2 := int32(p[0]), int32(p[1]), int32(p[2])
	acc[0] += lo0
	acc[1] += int32((p[0] - int64(lo0)) >> 32)
	acc[2] += lo1
	acc[3] += int32((p[1] - int64(lo1)) >> 32)
	acc[4] += lo2
	acc[5] += int32((p[2] - int64(lo2)) >> 32)
	acc[6] += int32(p[3])
}

// folded holds the tagger's dense weights summed by groups of templates,
// indexed by the groups' values (see the key functions below).
type folded struct {
	// static: rules, quote and bias; sentence position and cue bucket;
	// nearest rule cues; prior and neighbours; nearest likely cues;
	// mention and likely cue right; neighbouring mentions; nearest
	// classifier cues
	rule, posCue, clcr, prior, near, ment, mentNb, pc []prow
	// dynamic, all by the previous label: its pair with the one before;
	// rule, quote, first and cue-word flags and quotation mark; nearest
	// rule cues; prior and cue bucket; mention; nearest likely and
	// classifier cues left and right
	pl2, flags, clcrPL, prCuePL, mentPL, llPL, lrPL, pclPL, pcrPL []prow
}

// newFolded sums the dense weights of m by groups.
func newFolded(m *learn.Model) *folded {
	row := func(fs ...learn.Feature) prow {
		var a learn.Acc
		m.Accumulate(fs, &a)
		return pack(&a)
	}
	f := &folded{}
	f.rule = make([]prow, nRule*nRule*nRule*nFlag)
	for r := range uint64(nRule) {
		for rl := range uint64(nRule) {
			for rr := range uint64(nRule) {
				for q := range uint64(nFlag) {
					f.rule[keyRule(r, rl, rr, q)] = row(tBias.f(0), tRule.f(r), tRuleNb.f2(rl, rr), tQ.f(q), tRuleQ.f2(r, q))
				}
			}
		}
	}
	f.posCue = make([]prow, nPos*nBkt)
	for p := range uint64(nPos) {
		for cb := range uint64(nBkt) {
			f.posCue[p*nBkt+cb] = row(tSentPos.f(p), tCue.f(cb))
		}
	}
	f.clcr = make([]prow, nDist*nDist)
	for cl := range uint64(nDist) {
		for cr := range uint64(nDist) {
			f.clcr[cl*nDist+cr] = row(tCL.f(cl), tCR.f(cr), tCLCR.f2(cl, cr))
		}
	}
	f.prior = make([]prow, nBkt*nBkt*nBkt)
	for p := range uint64(nBkt) {
		for pl := range uint64(nBkt) {
			for pn := range uint64(nBkt) {
				f.prior[(p*nBkt+pl)*nBkt+pn] = row(tPr.f(p), tPrNb.f2(pl, pn))
			}
		}
	}
	f.near = make([]prow, nNear*nNear)
	f.pc = make([]prow, nNear*nNear)
	for l := range uint64(nNear) {
		for r := range uint64(nNear) {
			f.near[l*nNear+r] = row(tLL.f(l), tLR.f(r), tLLLR.f2(l>>3, r>>3))
			f.pc[l*nNear+r] = row(tPCL.f(l), tPCR.f(r), tPCLPCR.f2(l>>3, r>>3))
		}
	}
	f.ment = make([]prow, nMent*nNear)
	for m := range uint64(nMent) {
		for r := range uint64(nNear) {
			f.ment[m*nNear+r] = row(tMent.f(m), tMentLR.f2(m, r))
		}
	}
	f.mentNb = make([]prow, nMent*nMent)
	for ml := range uint64(nMent) {
		for mr := range uint64(nMent) {
			f.mentNb[ml*nMent+mr] = row(tMentNb.f2(ml, mr))
		}
	}
	// dynamic
	f.pl2 = make([]prow, nLabel*nLabel)
	for pl := range uint64(nLabel) {
		for p2 := range uint64(nLabel) {
			f.pl2[pl*nLabel+p2] = row(tPL.f(pl), tPL2.f2(pl, p2))
		}
	}
	f.flags = make([]prow, nRule*nFlag*nFlag*nFlag*nFlag*nLabel)
	for r := range uint64(nRule) {
		for q := range uint64(nFlag) {
			for first := range uint64(nFlag) {
				for cue := range uint64(nFlag) {
					for mark := range uint64(nFlag) {
						for pl := range uint64(nLabel) {
							fs := []learn.Feature{tRulePL.f2(r, pl), tQPL.f2(q, pl), tFirstPL.f2(first, pl), tIsCuePL.f2(cue, pl)}
							if mark == 1 {
								fs = append(fs, tMarkPL.f2(q, pl))
							}
							f.flags[keyFlags(r, q, first, cue, mark)+pl] = row(fs...)
						}
					}
				}
			}
		}
	}
	f.clcrPL = make([]prow, nDist*nDist*nLabel)
	for cl := range uint64(nDist) {
		for cr := range uint64(nDist) {
			for pl := range uint64(nLabel) {
				f.clcrPL[(cl*nDist+cr)*nLabel+pl] = row(tCLPL.f2(cl, pl), tCRPL.f2(cr, pl))
			}
		}
	}
	f.prCuePL = make([]prow, nBkt*nBkt*nLabel)
	for p := range uint64(nBkt) {
		for cb := range uint64(nBkt) {
			for pl := range uint64(nLabel) {
				f.prCuePL[(p*nBkt+cb)*nLabel+pl] = row(tPrPL.f2(p, pl), tCuePL.f2(cb, pl))
			}
		}
	}
	f.mentPL = make([]prow, nMent*nLabel)
	for m := range uint64(nMent) {
		for pl := range uint64(nLabel) {
			f.mentPL[m*nLabel+pl] = row(tMentPL.f2(m, pl))
		}
	}
	f.llPL = make([]prow, nNear*nLabel)
	f.lrPL = make([]prow, nNear*nLabel)
	f.pclPL = make([]prow, nNear*nLabel)
	f.pcrPL = make([]prow, nNear*nLabel)
	for v := range uint64(nNear) {
		for pl := range uint64(nLabel) {
			f.llPL[v*nLabel+pl] = row(tLLPL.f2(v, pl))
			f.lrPL[v*nLabel+pl] = row(tLRPL.f2(v, pl))
			f.pclPL[v*nLabel+pl] = row(tPCLPL.f2(v, pl))
			f.pcrPL[v*nLabel+pl] = row(tPCRPL.f2(v, pl))
		}
	}
	return f
}

// keyRule is the index in folded.rule of a token's rule role r, its
// neighbours' rl and rr, and whether it is in a quotation (q).
func keyRule(r, rl, rr, q uint64) uint64 { return ((r*nRule+rl)*nRule+rr)*nFlag + q }

// keyFlags is the index in folded.flags, less the previous label, of a
// token's rule role and flags: in a quotation, first of its sentence, a
// rule cue word, a quotation mark.
func keyFlags(r, q, first, cue, mark uint64) uint64 {
	return (((r*nFlag+q)*nFlag+first)*nFlag+cue)*nFlag*nLabel + mark*nLabel
}

// dyn is what the dynamic folds need of a token besides the labels before
// it: each fold's index less the previous label; and whether the token
// lies inside a rule direct quote (context.interior), unscored.
type dyn struct {
	flags, clcr, prCue, ment, ll, lr, pcl, pcr uint32
	interior                                   bool
}

// staticDense adds the weights of token i's dense static features (those
// of context.staticDense) to acc, and returns the token's dyn.
func (f *folded) staticDense(c *context, i int, acc *learn.Acc) dyn {
	r := uint64(c.rules[i])
	q := b2u(c.inQuote[i])
	cb := uint64(c.cue[i])
	cl, cr := uint64(c.cueLeft[i]), uint64(c.cueRight[i])
	pr, lL, lR := uint64(c.prior[i]), uint64(c.lcL[i]), uint64(c.lcR[i])
	m := uint64(c.ment[i])
	cL, cR := uint64(c.pcL[i]), uint64(c.pcR[i])
	// the rows' lanes summed in registers: the compiler keeps a prow
	// added to in place in memory
	r0 := &f.rule[keyRule(r&(nRule-1), at(c.rules, i-1)&(nRule-1), at(c.rules, i+1)&(nRule-1), q)]
	r1 := &f.posCue[(uint64(c.sentPos[i])&(nPos-1))*nBkt+cb&(nBkt-1)]
	r2 := &f.clcr[(cl&(nDist-1))*nDist+cr&(nDist-1)]
	r3 := &f.prior[((pr&(nBkt-1))*nBkt+at(c.prior, i-1)&(nBkt-1))*nBkt+at(c.prior, i+1)&(nBkt-1)]
	r4 := &f.near[(lL&(nNear-1))*nNear+lR&(nNear-1)]
	r5 := &f.ment[(m&(nMent-1))*nNear+lR&(nNear-1)]
	r6 := &f.mentNb[(at(c.ment, i-1)&(nMent-1))*nMent+at(c.ment, i+1)&(nMent-1)]
	r7 := &f.pc[(cL&(nNear-1))*nNear+cR&(nNear-1)]
	p := prow{
		r0[0] + r1[0] + r2[0] + r3[0] + r4[0] + r5[0] + r6[0] + r7[0],
		r0[1] + r1[1] + r2[1] + r3[1] + r4[1] + r5[1] + r6[1] + r7[1],
		r0[2] + r1[2] + r2[2] + r3[2] + r4[2] + r5[2] + r6[2] + r7[2],
		r0[3] + r1[3] + r2[3] + r3[3] + r4[3] + r5[3] + r6[3] + r7[3],
	}
	p.addTo(acc)
	first := b2u(i == c.d.Sentences[c.d.Tokens[i].Sentence].First)
	mark := b2u(c.d.Tokens[i].Kind == quotewire.QuoteMark)
	return dyn{
		flags: uint32(keyFlags(r&(nRule-1), q, first, uint64(c.isCue[i]&1), mark)),
		clcr:  uint32((cl&(nDist-1))*nDist+cr&(nDist-1)) * nLabel,
		prCue: uint32((pr&(nBkt-1))*nBkt+cb&(nBkt-1)) * nLabel,
		ment:  uint32(m&(nMent-1)) * nLabel,
		ll:    uint32(lL&(nNear-1)) * nLabel,
		lr:    uint32(lR&(nNear-1)) * nLabel,
		pcl:   uint32(cL&(nNear-1)) * nLabel,
		pcr:   uint32(cR&(nNear-1)) * nLabel,
	}
}

// dynamicDense adds the weights of a token's dense dynamic features (those
// of context.dynamic) to acc, given its dyn and the two labels before it.
func (f *folded) dynamicDense(t *dyn, prev, prev2 Label, acc *learn.Acc) {
	pl := uint32(prev) & (nLabel - 1)
	r0 := &f.pl2[pl*nLabel+uint32(prev2)&(nLabel-1)]
	r1 := &f.flags[t.flags+pl]
	r2 := &f.clcrPL[t.clcr+pl]
	r3 := &f.prCuePL[t.prCue+pl]
	r4 := &f.mentPL[t.ment+pl]
	r5 := &f.llPL[t.ll+pl]
	r6 := &f.lrPL[t.lr+pl]
	r7 := &f.pclPL[t.pcl+pl]
	r8 := &f.pcrPL[t.pcr+pl]
	p := prow{
		r0[0] + r1[0] + r2[0] + r3[0] + r4[0] + r5[0] + r6[0] + r7[0] + r8[0],
		r0[1] + r1[1] + r2[1] + r3[1] + r4[1] + r5[1] + r6[1] + r7[1] + r8[1],
		r0[2] + r1[2] + r2[2] + r3[2] + r4[2] + r5[2] + r6[2] + r7[2] + r8[2],
		r0[3] + r1[3] + r2[3] + r3[3] + r4[3] + r5[3] + r6[3] + r7[3] + r8[3],
	}
	p.addTo(acc)
}
