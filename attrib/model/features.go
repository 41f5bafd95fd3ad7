// Package model is quotewire's learned attribution tagger: an averaged
// perceptron (package learn) that labels every token of an article as part
// of a quote's content, source or cue (BIO scheme), trained on PolNeAR.
// It reads the rule-based attributor's output as features, so it learns
// where the rules are right and what they miss, and it replaces
// Document.Quotes with its own decoded quotes. Speaker resolution stays
// with package coref.
package model

import (
	"strconv"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
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
		for i := d.TokenAt(sp.Start); i < len(d.Tokens) && d.Tokens[i].Start < sp.End; i++ {
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
	c := &context{d: d, rules: ruleRoles(d), inQuote: make([]bool, len(d.Tokens)), sentPos: make([]uint8, len(d.Tokens))}
	for _, q := range d.QuoteSpans {
		for i := d.TokenAt(q.Start); i < len(d.Tokens) && d.Tokens[i].Start < q.End; i++ {
			c.inQuote[i] = true
		}
	}
	c.cueLeft = make([]uint8, len(d.Tokens))
	c.cueRight = make([]uint8, len(d.Tokens))
	for _, s := range d.Sentences {
		last := -1
		for i := s.First; i < s.Last; i++ {
			if last >= 0 {
				c.cueLeft[i] = bucket(i - last)
			} else {
				c.cueLeft[i] = 7
			}
			if attrib.IsCue(d.Tokens[i].Lower) {
				last = i
			}
		}
		next := -1
		for i := s.Last - 1; i >= s.First; i-- {
			if next >= 0 {
				c.cueRight[i] = bucket(next - i)
			} else {
				c.cueRight[i] = 7
			}
			if attrib.IsCue(d.Tokens[i].Lower) {
				next = i
			}
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

func (c *context) word(i int) string {
	if i < 0 {
		return "<s>"
	}
	if i >= len(c.d.Tokens) {
		return "</s>"
	}
	return c.d.Tokens[i].Lower
}

var ruleNames = [...]string{"-", "c", "s", "q", "d"}

// features appends the features of token i given the two previous labels.
func (c *context) features(dst []learn.Feature, i int, prev, prev2 Label) []learn.Feature {
	t := &c.d.Tokens[i]
	w := t.Lower
	r := c.rules[i]
	rp, rn := uint8(0), uint8(0)
	if i > 0 {
		rp = c.rules[i-1]
	}
	if i+1 < len(c.rules) {
		rn = c.rules[i+1]
	}
	q := "0"
	if c.inQuote[i] {
		q = "1"
	}
	sent := c.d.Sentences[t.Sentence]
	first := i == sent.First
	pl, p2 := prev.String(), prev2.String()
	dst = append(dst,
		learn.Hash(0, ""),
		learn.Hash(1, w),
		learn.Hash(2, c.word(i-1)),
		learn.Hash(3, c.word(i+1)),
		learn.Hash(4, c.word(i-2)),
		learn.Hash(5, c.word(i+2)),
		learn.Hash(6, learn.Shape(t.Text)),
		learn.Hash(7, learn.Suffix(w, 3)),
		learn.Hash(8, pl),
		learn.Hash2(9, pl, p2),
		learn.Hash2(10, pl, w),
		learn.Hash(11, ruleNames[r]),
		learn.Hash2(12, ruleNames[rp], ruleNames[rn]),
		learn.Hash2(13, ruleNames[r], pl),
		learn.Hash(14, q),
		learn.Hash2(15, q, pl),
		learn.Hash(16, strconv.Itoa(int(c.sentPos[i]))),
		learn.Hash2(17, c.word(i-1), w),
		learn.Hash2(18, w, c.word(i+1)),
		learn.Hash2(19, ruleNames[r], w),
		learn.Hash2(20, strconv.FormatBool(first), pl),
	)
	if t.Kind == quotewire.QuoteMark {
		dst = append(dst, learn.Hash2(21, q, pl))
	}
	if t.POS != "" {
		pp, pn := "<s>", "</s>"
		if i > 0 {
			pp = c.d.Tokens[i-1].POS
		}
		if i+1 < len(c.d.Tokens) {
			pn = c.d.Tokens[i+1].POS
		}
		dst = append(dst,
			learn.Hash(30, t.POS),
			learn.Hash2(31, t.POS, pl),
			learn.Hash2(32, pp, t.POS),
			learn.Hash2(33, t.POS, pn),
			learn.Hash2(34, t.POS, ruleNames[r]),
		)
	}
	cl, cr := strconv.Itoa(int(c.cueLeft[i])), strconv.Itoa(int(c.cueRight[i]))
	isCue := strconv.FormatBool(attrib.IsCue(w))
	dst = append(dst,
		learn.Hash(22, cl),
		learn.Hash(23, cr),
		learn.Hash2(24, cl, cr),
		learn.Hash2(25, cl, pl),
		learn.Hash2(26, cr, pl),
		learn.Hash2(27, isCue, pl),
		learn.Hash2(28, learn.Shape(t.Text), pl),
		learn.Hash2(29, ruleNames[r], q),
	)
	return dst
}
