package model

import (
	"errors"

	"github.com/quotewire/quotewire/learn"
)

// The tagger's and the cue classifier's features over few values (labels,
// rule roles, distance buckets, mention codes and pairs of them) are dense
// features (learn.Dense): each template owns a block of ids, one per value
// or pair of values, so that scoring them reads a small array that stays
// in the processor's caches. Words, shapes and suffixes stay hashed.

// block is a template's range of dense ids: a values of a first part times
// b of a second (b is 1 for one-part templates).
type block struct{ base, a, b uint32 }

// layout hands out consecutive blocks.
type layout struct{ next uint32 }

func (l *layout) block(a, b uint32) block {
	bl := block{base: l.next, a: a, b: b}
	l.next += a * b
	if l.next > learn.MaxDense {
		panic("model: dense feature layout too large")
	}
	return bl
}

// f returns the feature of value v of a one-part template.
func (bl block) f(v uint64) learn.Feature { return bl.f2(v, 0) }

// f2 returns the feature of values (x, y) of a two-part template. A value
// out of range is a bug in the feature code, not in the input.
func (bl block) f2(x, y uint64) learn.Feature {
	if x >= uint64(bl.a) || y >= uint64(bl.b) {
		panic(errOutside)
	}
	return learn.Dense(bl.base + uint32(x)*bl.b + uint32(y))
}

// errOutside is the panic of a dense feature value out of its block's
// range: a bug in the feature code, not in the input.
var errOutside = errors.New("model: dense feature value outside its block")

// Value ranges of the dense parts.
const (
	nLabel = 8  // Label, NumLabels < 8
	nRule  = 8  // rule roles
	nFlag  = 2  // booleans
	nPos   = 8  // sentence position bucket
	nDist  = 8  // distance bucket (bucket)
	nBkt   = 8  // prior and cue-classifier buckets
	nNear  = 64 // distance bucket*8 + bucket (context.nearest)
	nMent  = 32 // mention codes
)

// The tagger's dense templates.
var (
	tl       layout
	tBias    = tl.block(1, 1)
	tPL      = tl.block(nLabel, 1)
	tPL2     = tl.block(nLabel, nLabel)
	tRule    = tl.block(nRule, 1)
	tRuleNb  = tl.block(nRule, nRule)
	tRulePL  = tl.block(nRule, nLabel)
	tQ       = tl.block(nFlag, 1)
	tQPL     = tl.block(nFlag, nLabel)
	tSentPos = tl.block(nPos, 1)
	tFirstPL = tl.block(nFlag, nLabel)
	tMarkPL  = tl.block(nFlag, nLabel)
	tCL      = tl.block(nDist, 1)
	tCR      = tl.block(nDist, 1)
	tCLCR    = tl.block(nDist, nDist)
	tCLPL    = tl.block(nDist, nLabel)
	tCRPL    = tl.block(nDist, nLabel)
	tIsCuePL = tl.block(nFlag, nLabel)
	tRuleQ   = tl.block(nRule, nFlag)
	tPr      = tl.block(nBkt, 1)
	tPrPL    = tl.block(nBkt, nLabel)
	tLL      = tl.block(nNear, 1)
	tLR      = tl.block(nNear, 1)
	tLLPL    = tl.block(nNear, nLabel)
	tLRPL    = tl.block(nNear, nLabel)
	tPrNb    = tl.block(nBkt, nBkt)
	tLLLR    = tl.block(nDist, nDist)
	tMent    = tl.block(nMent, 1)
	tMentPL  = tl.block(nMent, nLabel)
	tMentNb  = tl.block(nMent, nMent)
	tMentLR  = tl.block(nMent, nNear)
	tCue     = tl.block(nBkt, 1)
	tCuePL   = tl.block(nBkt, nLabel)
	tPCL     = tl.block(nNear, 1)
	tPCR     = tl.block(nNear, 1)
	tPCLPL   = tl.block(nNear, nLabel)
	tPCRPL   = tl.block(nNear, nLabel)
	tPCLPCR  = tl.block(nDist, nDist)
)

// The cue classifier's dense templates.
var (
	cl         layout
	cBias      = cl.block(1, 1)
	cPr        = cl.block(nBkt, 1)
	cPrevPr    = cl.block(nBkt, nBkt)
	cPrNext    = cl.block(nBkt, nBkt)
	cPrev2Nx2  = cl.block(nBkt, nBkt)
	cMentPr    = cl.block(nMent, nBkt)
	cMent2Pr   = cl.block(nMent, nBkt)
	cMent32    = cl.block(nMent, nMent)
	cPrMentNx  = cl.block(nBkt, nMent)
	cRule      = cl.block(nRule, 1)
	cRulePr    = cl.block(nRule, nBkt)
	cQuotePr   = cl.block(nFlag, nBkt)
	cSentPosPr = cl.block(nPos, nBkt)
	cCueLR     = cl.block(nDist, nDist)
)
