package model

import (
	"sort"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/learn"
)

// SourceModel is the learned resolver that links a quote's cue to its
// source: it scores each candidate span in the cue's sentence (the
// mentions the tagger stage found, and the span the decoder chose) and the
// best one becomes the quote's source. It is trained on PolNeAR's gold
// cue–source pairs, over the quotes the trained tagger and decoder find in
// the training articles.
type SourceModel struct {
	// M holds the weights (two classes: not the source, the source).
	M *learn.Model
}

// srcCand is a candidate source: tokens [a, b], what kind of span it is,
// and whether the decoder or the rules chose it.
type srcCand struct {
	a, b          int
	ment          uint8 // mention code (see context.ment) of its first token, 0 for a plain run
	current, rule bool
}

// maxSourceCands bounds the candidates of one quote (the nearest to the
// cue are kept).
const maxSourceCands = 12

// sourceCandidates lists the candidate sources of quote q: the mentions in
// its cue's sentence outside its content and cue, and its current source.
// rule is the rules' source for the cue, if any.
func (c *context) sourceCandidates(q *quotewire.Quote, rule *quotewire.Span, dst []srcCand) []srcCand {
	d := c.d
	toks := d.Tokens
	ca, cb := d.TokenAt(q.Cue.Start), d.TokenAt(q.Cue.End)-1
	if ca >= len(toks) || cb < ca {
		return dst
	}
	s := d.Sentences[toks[ca].Sentence]
	inContent := func(i int) bool {
		for _, sp := range q.Content {
			if toks[i].Start >= sp.Start && toks[i].Start < sp.End {
				return true
			}
		}
		return false
	}
	spanOf := func(a, b int) quotewire.Span { return quotewire.Span{Start: toks[a].Start, End: toks[b].End} }
	add := func(a, b int) {
		for k := range dst {
			if dst[k].a == a && dst[k].b == b {
				return
			}
		}
		if a <= cb && b >= ca || inContent(a) {
			return
		}
		sp := spanOf(a, b)
		dst = append(dst, srcCand{a: a, b: b, ment: c.ment[a],
			current: q.Source != nil && *q.Source == sp, rule: rule != nil && *rule == sp})
	}
	for _, mi := range c.sentMentions[toks[ca].Sentence] {
		m := &d.Mentions[mi]
		a, b := d.TokenAt(m.Start), d.TokenAt(m.End)-1
		if b >= a && b < s.Last {
			add(a, b)
		}
	}
	if q.Source != nil {
		add(d.TokenAt(q.Source.Start), d.TokenAt(q.Source.End)-1)
	}
	if rule != nil {
		add(d.TokenAt(rule.Start), d.TokenAt(rule.End)-1)
	}
	if len(dst) > maxSourceCands {
		dist := func(x srcCand) int { return min(abs(x.b-ca), abs(x.a-cb)) }
		sort.SliceStable(dst, func(i, j int) bool { return dist(dst[i]) < dist(dst[j]) })
		dst = dst[:maxSourceCands]
	}
	return dst
}

// sourceFeatures appends the features of candidate x for a cue at tokens
// [ca, cb].
func (c *context) sourceFeatures(dst []learn.Feature, x srcCand, ca, cb int) []learn.Feature {
	toks := c.d.Tokens
	side, gap := uint64(0), 0
	if x.b < ca {
		gap = ca - x.b - 1
	} else {
		side, gap = 1, x.a-cb-1
	}
	commas := uint64(0)
	lo, hi := x.b+1, ca
	if side == 1 {
		lo, hi = cb+1, x.a
	}
	for i := lo; i < hi; i++ {
		if toks[i].Kind == quotewire.Punct && toks[i].Text == "," {
			commas = min(commas+1, 2)
		}
	}
	db := uint64(bucket(gap))
	m := uint64(x.ment)
	first := b2u(x.a == c.d.Sentences[toks[x.a].Sentence].First)
	length := uint64(bucket(x.b - x.a))
	cur, rule := b2u(x.current), b2u(x.rule)
	return append(dst,
		learn.Mix(120, 0),
		learn.Mix2(121, side, db),
		learn.Mix2(122, m, side),
		learn.Mix2(123, m, db),
		learn.Mix(124, cur),
		learn.Mix(125, rule),
		learn.Mix2(126, cur, rule),
		learn.Mix2(127, commas, side),
		learn.Mix2(128, first, side),
		learn.Mix(129, length),
		learn.Mix(130, c.hw[x.a]),
		learn.Mix(131, c.hw[x.b]),
		learn.Mix2(132, c.hw[ca], side),
		learn.Mix2(133, c.hw[ca], m),
		learn.Mix2(134, b2u(c.inQuote[x.a]), side),
		learn.Mix2(135, side*8+db, m),
	)
}

// pick returns the index of the best-scoring candidate, or -1.
func (sm *SourceModel) pick(c *context, cands []srcCand, ca, cb int, feats []learn.Feature) int {
	best, bestS := -1, float32(0)
	for k, x := range cands {
		feats = c.sourceFeatures(feats[:0], x, ca, cb)
		var sc [2]float32
		sm.M.Score(feats, sc[:])
		if s := sc[1] - sc[0]; best < 0 || s > bestS {
			best, bestS = k, s
		}
	}
	return best
}

// resolve sets the source of each quote with a cue to the best candidate.
func (sm *SourceModel) resolve(c *context, quotes []quotewire.Quote, rules map[quotewire.Span]quotewire.Span) {
	var cands []srcCand
	var feats []learn.Feature
	toks := c.d.Tokens
	for qi := range quotes {
		q := &quotes[qi]
		if q.Cue == nil {
			continue
		}
		var rule *quotewire.Span
		if r, ok := rules[*q.Cue]; ok {
			rule = &r
		}
		cands = c.sourceCandidates(q, rule, cands[:0])
		ca, cb := c.d.TokenAt(q.Cue.Start), c.d.TokenAt(q.Cue.End)-1
		if hearerCues[toks[cb].Lower] {
			// after "told" stands the hearer, never the source
			kept := cands[:0]
			for _, x := range cands {
				if x.a < ca {
					kept = append(kept, x)
				}
			}
			cands = kept
		}
		if k := sm.pick(c, cands, ca, cb, feats); k >= 0 {
			x := cands[k]
			q.Source = &quotewire.Span{Start: toks[x.a].Start, End: toks[x.b].End}
		}
	}
}

// trainSource trains the source model on the quotes found in the examples
// (by the tagger and decoder of t), labelled with the gold sources of the
// gold attributions sharing their cue.
func trainSource(t *Tagger, exs []Example, epochs int, seed uint64) *SourceModel {
	type inst struct {
		c      *context
		cands  []srcCand
		ca, cb int
		gold   []bool
	}
	var data []inst
	for _, ex := range exs {
		c := ex.c
		d := c.d
		labels := t.infer(c)
		rules := attrib.SourcesOf(d)
		quotes := complementClauses(d, finalClauses(d, Decode(d, labels, modelConfidence, rules), c.cue), c.cue)
		for qi := range quotes {
			q := &quotes[qi]
			if q.Cue == nil {
				continue
			}
			var g *Attribution
			for k := range ex.atts {
				for _, gc := range ex.atts[k].Cue {
					if gc.Overlaps(*q.Cue) {
						g = &ex.atts[k]
					}
				}
			}
			if g == nil {
				continue
			}
			var rule *quotewire.Span
			if r, ok := rules[*q.Cue]; ok {
				rule = &r
			}
			cands := c.sourceCandidates(q, rule, nil)
			in := inst{c: c, cands: cands, ca: d.TokenAt(q.Cue.Start), cb: d.TokenAt(q.Cue.End) - 1}
			anyGold := false
			for _, x := range cands {
				sp := quotewire.Span{Start: d.Tokens[x.a].Start, End: d.Tokens[x.b].End}
				isGold := false
				for _, gs := range g.Source {
					isGold = isGold || gs.Overlaps(sp)
				}
				in.gold = append(in.gold, isGold)
				anyGold = anyGold || isGold
			}
			if anyGold {
				data = append(data, in)
			}
		}
	}
	// a bag of runs in different orders, averaged, as for the tagger
	var sum *learn.Perceptron
	counts := map[learn.Feature]int32{}
	var feats []learn.Feature
	sc := make([]float32, 2)
	for b := 0; b < bagSize; b++ {
		p := learn.NewPerceptron(2, 18)
		runSeed := seed + uint64(b)*7919
		for e := 0; e < epochs; e++ {
			for _, k := range learn.Shuffle(len(data), runSeed, e) {
				in := data[k]
				for j, x := range in.cands {
					feats = in.c.sourceFeatures(feats[:0], x, in.ca, in.cb)
					if e == 0 && b == 0 {
						for _, f := range feats {
							counts[f]++
						}
					}
					truth := 0
					if in.gold[j] {
						truth = 1
					}
					p.Update(feats, truth, p.Predict(feats, sc))
				}
			}
		}
		p.Average()
		if sum == nil {
			sum = p
		} else {
			sum.AddScaled(p, 1)
		}
	}
	sum.Scale(1 / float32(bagSize))
	return &SourceModel{M: sum.Compact(counts, 2, 0)}
}
