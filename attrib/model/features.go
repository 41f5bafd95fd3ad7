// Package model is quotewire's learned attribution tagger: an averaged
// perceptron (package learn) that labels every token of an article as part
// of a quote's content, source or cue (BIO scheme), trained on PolNeAR.
// It reads the rule-based attributor's output as features, so it learns
// where the rules are right and what they miss, and it replaces
// Document.Quotes with its own decoded quotes. Speaker resolution stays
// with package coref.
package model

import (
	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
)

// Label is a token's tag.
type Label uint8

// Labels: outside, and begin/inside of content, source and cue.
const (
	O Label = iota
	BC
	IC
	BS
	IS
	BQ
	IQ
	NumLabels
)

var labelNames = [...]string{"O", "B-C", "I-C", "B-S", "I-S", "B-Q", "I-Q"}

// String returns the label's name.
func (l Label) String() string { return labelNames[l] }

// role returns the role letter of a label: 0 (none), 'C', 'S' or 'Q'.
func (l Label) role() byte {
	switch l {
	case BC, IC:
		return 'C'
	case BS, IS:
		return 'S'
	case BQ, IQ:
		return 'Q'
	}
	return 0
}

// Rule roles of a token, from the rule-based attributor's quotes.
const (
	ruleNone uint8 = iota
	ruleContent
	ruleSource
	ruleCue
	ruleContentDirect
)

// ruleRoles marks each token with its role in the rule-based quotes.
func ruleRoles(d *quotewire.Document) []uint8 {
	r := make([]uint8, len(d.Tokens))
	mark := func(sp quotewire.Span, v uint8) {
		for i, end := d.TokensIn(sp); i < end; i++ {
			r[i] = v
		}
	}
	for _, q := range d.Quotes {
		v := ruleContent
		if q.Kind == quotewire.Direct {
			v = ruleContentDirect
		}
		for _, c := range q.Content {
			mark(c, v)
		}
		if q.Source != nil {
			mark(*q.Source, ruleSource)
		}
		if q.Cue != nil {
			mark(*q.Cue, ruleCue)
		}
	}
	return r
}

// context is what the feature function needs about a document, computed
// once per document.
type context struct {
	d       *quotewire.Document
	rules   []uint8
	inQuote []bool
	sentPos []uint8 // position bucket of each token in its sentence
	// cueLeft and cueRight are the distances (bucketed) to the nearest
	// reporting verb before and after each token in its sentence.
	cueLeft, cueRight []uint8
	isCue             []uint8 // 1 for a word the rules know as a cue
	// prior is each token's learned cue prior, bucketed (see Priors); lcL and
	// lcR are the bucketed distance to the nearest likely cue (prior >= 2)
	// left and right in the sentence, times 8 plus that cue's prior.
	prior, lcL, lcR []uint8
	// cue is each token's cue classifier margin, bucketed (cueBucket);
	// pcL and pcR are like lcL and lcR for the tokens the classifier
	// calls cues (bucket >= 3).
	cue, pcL, pcR []uint8
	// sentMentions lists, per sentence, the indices in d.Mentions of the
	// mentions that start in it.
	sentMentions [][]int32
	// ment is each token's mention code: 0 outside mentions, else
	// 1 + kind*8 + type*2 + (1 when not the mention's first token).
	ment []uint8
	// hashes of each token's lower-case form, shape, suffix and part of
	// speech (0 when untagged), computed once (see learn.StringHash); the
	// shape and suffix hashes only for the tokens the models read them of
	// (shaped, see shapes)
	hw, hshape, hsuf, hpos []uint64
	shaped                 []bool
}

// shapes computes the shape and suffix hashes of the tokens [a, b) that
// have none yet: at run time only the tokens the cue classifier looks at
// and those of the sentences the tagger tags need them.
func (c *context) shapes(a, b int) {
	for i := a; i < b; i++ {
		if !c.shaped[i] {
			t := &c.d.Tokens[i]
			c.hshape[i] = learn.ShapeHash(t.Text)
			c.hsuf[i] = learn.StringHash(learn.Suffix(t.Lower, 3))
			c.shaped[i] = true
		}
	}
}

// nearest fills left and right with, for each token, the bucketed
// distance to the nearest token of its sentence before (left) and after
// (right) it whose class is at least min — times 8 plus that token's class
// when withClass is set — or the bucket for none (7, or 7*8).
func (c *context) nearest(class, left, right []uint8, min uint8, withClass bool) {
	none := uint8(7)
	if withClass {
		none = 7 * 8
	}
	// val is the value for the nearest such token, dist away, of class k
	val := func(dist int, k uint8) uint8 {
		if withClass {
			return bucket(dist)*8 + k
		}
		return bucket(dist)
	}
	for _, s := range c.d.Sentences {
		cl, l, r := class[s.First:s.Last], left[s.First:s.Last], right[s.First:s.Last]
		l, r = l[:len(cl)], r[:len(cl)]
		last := -1
		for i, k := range cl {
			l[i] = none
			if last >= 0 {
				l[i] = val(i-last, cl[last])
			}
			if k >= min {
				last = i
			}
		}
		next := -1
		for i := len(cl) - 1; i >= 0; i-- {
			r[i] = none
			if next >= 0 {
				r[i] = val(next-i, cl[next])
			}
			if cl[i] >= min {
				next = i
			}
		}
	}
}

// setPriors sets each token's learned cue prior and whether the rules
// know it as a cue, and the distances to the nearest ones.
func (c *context) setPriors(wb *wordBits) {
	for i := range c.d.Tokens {
		v := wb.get(c.hw[i])
		c.prior[i] = v &^ isCueBit
		c.isCue[i] = uint8(b2u(v&isCueBit != 0))
	}
	c.nearest(c.prior, c.lcL, c.lcR, 2, true)
	c.nearest(c.isCue, c.cueLeft, c.cueRight, 1, false)
}

// setCues sets the cue classifier's margins.
func (c *context) setCues(margins []float32) {
	for i, m := range margins {
		c.cue[i] = cueBucket(m)
	}
	c.nearest(c.cue, c.pcL, c.pcR, 3, true)
}

// bucket maps a token distance to a small class; 7 means none.
func bucket(d int) uint8 {
	switch {
	case d < 0:
		return 7
	case d <= 2:
		return uint8(d)
	case d <= 5:
		return 3
	case d <= 10:
		return 4
	case d <= 20:
		return 5
	}
	return 6
}

func newContext(d *quotewire.Document) *context {
	n := len(d.Tokens)
	// one allocation for each element type
	bytes := make([]uint8, 12*n)
	next := func() []uint8 {
		b := bytes[:n:n]
		bytes = bytes[n:]
		return b
	}
	// part-of-speech hashes only where a tagger ran (d.POS): 8 bytes a
	// token, 34 MB of a 20 MB article, otherwise all zero
	nh := 3 * n
	if d.POS != nil {
		nh = 4 * n
	}
	hashes := make([]uint64, nh)
	flags := make([]bool, 2*n)
	c := &context{d: d, rules: ruleRoles(d), inQuote: flags[:n:n], shaped: flags[n:], isCue: next(),
		sentPos: next(), ment: next(), prior: next(), lcL: next(), lcR: next(), cue: next(), pcL: next(), pcR: next(),
		cueLeft: next(), cueRight: next(),
		hw: hashes[:n:n], hshape: hashes[n : 2*n : 2*n], hsuf: hashes[2*n : 3*n : 3*n]}
	if d.POS != nil {
		c.hpos = hashes[3*n:]
	}
	for i := range d.Tokens {
		t := &d.Tokens[i]
		c.hw[i] = learn.StringHash(t.Lower)
		if c.hpos != nil && i < len(d.POS) && d.POS[i] != "" {
			c.hpos[i] = learn.StringHash(d.POS[i])
		}
	}
	c.sentMentions = make([][]int32, len(d.Sentences))
	for mi, m := range d.Mentions {
		first, end := d.TokensIn(m.Span)
		if first < n {
			si := d.Tokens[first].Sentence
			c.sentMentions[si] = append(c.sentMentions[si], int32(mi))
		}
		ty := uint8(0)
		switch m.Type {
		case quotewire.Person:
			ty = 1
		case quotewire.Organization:
			ty = 2
		case quotewire.Place:
			ty = 3
		}
		code := 1 + uint8(m.Kind)*8 + ty*2
		for i := first; i < end; i++ {
			c.ment[i] = code
			if i > first {
				c.ment[i] = code + 1
			}
		}
	}
	for _, q := range d.QuoteSpans {
		for i, end := d.TokensIn(q); i < end; i++ {
			c.inQuote[i] = true
		}
	}
	for _, s := range d.Sentences {
		n := s.Last - s.First
		for i := s.First; i < s.Last; i++ {
			k := i - s.First
			switch {
			case k == 0:
				c.sentPos[i] = 0
			case i == s.Last-1:
				c.sentPos[i] = 1
			case k < 3:
				c.sentPos[i] = 2
			case s.Last-1-i < 3:
				c.sentPos[i] = 3
			case k*2 < n:
				c.sentPos[i] = 4
			default:
				c.sentPos[i] = 5
			}
		}
	}
	return c
}

// Hashes of the pseudo-words before the first and after the last token.
var (
	hashBOS = learn.StringHash("<s>")
	hashEOS = learn.StringHash("</s>")
)

// word returns the hash of token i's lower-case form, or of a boundary
// pseudo-word outside the document.
func (c *context) word(i int) uint64 { return hashAt(c.hw, i) }

// pos returns the hash of token i's part of speech, or of a boundary
// pseudo-tag outside the document.
func (c *context) pos(i int) uint64 { return hashAt(c.hpos, i) }

// posHash returns the hash of token i's part of speech, 0 when it has none
// (no tagger ran: hpos is nil).
func (c *context) posHash(i int) uint64 {
	if i < len(c.hpos) {
		return c.hpos[i]
	}
	return 0
}

// hashAt returns hs[i], or the boundary pseudo-word's hash outside hs.
func hashAt(hs []uint64, i int) uint64 {
	switch {
	case i < 0:
		return hashBOS
	case i >= len(hs):
		return hashEOS
	}
	return hs[i]
}

// at returns xs[i] as a feature value, or 0 outside xs.
func at(xs []uint8, i int) uint64 {
	if i < 0 || i >= len(xs) {
		return 0
	}
	return uint64(xs[i])
}

// b2u turns a flag into a feature value.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// features appends the features of token i given the two previous labels:
// its static ones, which do not depend on them, and its dynamic ones.
func (c *context) features(dst []learn.Feature, i int, prev, prev2 Label) []learn.Feature {
	return c.dynamic(c.static(dst, i), i, prev, prev2)
}

// static appends the features of token i that do not depend on the labels
// before it. Values are hashes or small integers mixed with a template id
// (learn.Mix), or dense ids (dense.go), so building them costs no
// allocation and no string hashing.
func (c *context) static(dst []learn.Feature, i int) []learn.Feature {
	return c.staticDense(c.staticHashed(dst, i), i)
}

// staticHashed appends the hashed ones of token i's static features:
// words, shapes and suffixes (and parts of speech).
func (c *context) staticHashed(dst []learn.Feature, i int) []learn.Feature {
	w := c.hw[i]
	cb := uint64(c.cue[i])
	dst = append(dst,
		learn.Mix(1, w),
		learn.Mix(2, c.word(i-1)),
		learn.Mix(3, c.word(i+1)),
		learn.Mix(4, c.word(i-2)),
		learn.Mix(5, c.word(i+2)),
		learn.Mix(6, c.hshape[i]),
		learn.Mix(7, c.hsuf[i]),
		learn.Mix2(97, cb, w),
	)
	if p := c.posHash(i); p != 0 {
		r := uint64(c.rules[i])
		dst = append(dst,
			learn.Mix(30, p),
			learn.Mix2(32, c.pos(i-1), p),
			learn.Mix2(33, p, c.pos(i+1)),
			learn.Mix2(34, p, r),
		)
	}
	return dst
}

// staticDense appends the dense ones of token i's static features (see
// dense.go; fold.go sums them by groups for inference).
func (c *context) staticDense(dst []learn.Feature, i int) []learn.Feature {
	r := uint64(c.rules[i])
	q := b2u(c.inQuote[i])
	cb := uint64(c.cue[i])
	cl, cr := uint64(c.cueLeft[i]), uint64(c.cueRight[i])
	pr, lL, lR := uint64(c.prior[i]), uint64(c.lcL[i]), uint64(c.lcR[i])
	m := uint64(c.ment[i])
	cL, cR := uint64(c.pcL[i]), uint64(c.pcR[i])
	return append(dst,
		tBias.f(0),
		tRule.f(r),
		tRuleNb.f2(at(c.rules, i-1), at(c.rules, i+1)),
		tQ.f(q),
		tSentPos.f(uint64(c.sentPos[i])),
		tCL.f(cl),
		tCR.f(cr),
		tCLCR.f2(cl, cr),
		tRuleQ.f2(r, q),
		tPr.f(pr),
		tLL.f(lL),
		tLR.f(lR),
		tPrNb.f2(at(c.prior, i-1), at(c.prior, i+1)),
		tLLLR.f2(lL>>3, lR>>3),
		tMent.f(m),
		tMentNb.f2(at(c.ment, i-1), at(c.ment, i+1)),
		tMentLR.f2(m, lR),
		tCue.f(cb),
		tPCL.f(cL),
		tPCR.f(cR),
		tPCLPCR.f2(cL>>3, cR>>3),
	)
}

// dynamic appends the features of token i that depend on the labels of
// the two tokens before it.
//
// The order of the features is that of the training that made the shipped
// model (a perceptron adds float weights in feature order); fold.go scores
// the same features by groups.
func (c *context) dynamic(dst []learn.Feature, i int, prev, prev2 Label) []learn.Feature {
	t := &c.d.Tokens[i]
	r := uint64(c.rules[i])
	q := b2u(c.inQuote[i])
	first := b2u(i == c.d.Sentences[t.Sentence].First)
	pl, p2 := uint64(prev), uint64(prev2)
	dst = append(dst,
		learn.Mix2(10, pl, c.hw[i]),
		learn.Mix2(28, c.hshape[i], pl),
		tPL.f(pl),
		tPL2.f2(pl, p2),
		tRulePL.f2(r, pl),
		tQPL.f2(q, pl),
		tFirstPL.f2(first, pl),
		tCLPL.f2(uint64(c.cueLeft[i]), pl),
		tCRPL.f2(uint64(c.cueRight[i]), pl),
		tIsCuePL.f2(uint64(c.isCue[i]), pl),
		tPrPL.f2(uint64(c.prior[i]), pl),
		tLLPL.f2(uint64(c.lcL[i]), pl),
		tLRPL.f2(uint64(c.lcR[i]), pl),
		tMentPL.f2(uint64(c.ment[i]), pl),
		tCuePL.f2(uint64(c.cue[i]), pl),
		tPCLPL.f2(uint64(c.pcL[i]), pl),
		tPCRPL.f2(uint64(c.pcR[i]), pl),
	)
	if p := c.posHash(i); p != 0 {
		dst = append(dst, learn.Mix2(31, p, pl))
	}
	if t.Kind == quotewire.QuoteMark {
		dst = append(dst, tMarkPL.f2(q, pl))
	}
	return dst
}

// dynamicHashed appends the hashed ones of token i's dynamic features.
func (c *context) dynamicHashed(dst []learn.Feature, i int, prev Label) []learn.Feature {
	pl := uint64(prev)
	dst = append(dst,
		learn.Mix2(10, pl, c.hw[i]),
		learn.Mix2(28, c.hshape[i], pl),
	)
	if p := c.posHash(i); p != 0 {
		dst = append(dst, learn.Mix2(31, p, pl))
	}
	return dst
}

// active reports whether sentence s may hold part of an attribution: a
// token the cue classifier scores at least min, a quotation mark or a
// rule quote.
func (c *context) active(s quotewire.Sentence, min uint8) bool {
	for i := s.First; i < s.Last; i++ {
		if c.cue[i] >= min || c.inQuote[i] || c.rules[i] != ruleNone || c.d.Tokens[i].Kind == quotewire.QuoteMark {
			return true
		}
	}
	return false
}

// interior reports whether token k lies inside a rule direct quote, at
// least two tokens from either end of it.
func (c *context) interior(k int) bool {
	for d := -2; d <= 2; d++ {
		if k+d < 0 || k+d >= len(c.rules) || c.rules[k+d] != ruleContentDirect {
			return false
		}
	}
	return true
}
