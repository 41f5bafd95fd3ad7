package pos

import (
	"sort"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
)

// Silver is one token of a reference tagging, in byte offsets, with its
// part of speech and named-entity class.
type Silver struct {
	Start, End int
	POS, NER   string
}

// Align gives each token of d the POS of the silver token that starts
// where it starts ("" when none does: tokenisations differ at the edges).
// silver must be sorted by Start.
func Align(d *quotewire.Document, silver []Silver) []string {
	return AlignBy(d, silver, func(s Silver) string { return s.POS })
}

// AlignBy is Align for the tag field picks.
func AlignBy(d *quotewire.Document, silver []Silver, field func(Silver) string) []string {
	out := make([]string, len(d.Tokens))
	j := 0
	for i, t := range d.Tokens {
		for j < len(silver) && silver[j].Start < t.Start {
			j++
		}
		if j < len(silver) && silver[j].Start == t.Start {
			out[i] = field(silver[j])
		}
	}
	return out
}

// Example is one article's tokens with their silver tags ("" unknown).
type Example struct {
	Tokens []quotewire.Token
	Tags   []string
}

// Train learns a tagger from examples over epochs, in a deterministic
// order for seed, keeping features seen at least minCount times.
func Train(exs []Example, epochs int, seed uint64, minCount int32, progress func(epoch int, acc float64)) *Tagger {
	set := map[string]bool{}
	for _, ex := range exs {
		for _, tg := range ex.Tags {
			if tg != "" {
				set[tg] = true
			}
		}
	}
	tags := make([]string, 0, len(set))
	for tg := range set {
		tags = append(tags, tg)
	}
	sort.Strings(tags)
	index := map[string]int{}
	for i, tg := range tags {
		index[tg] = i
	}
	t := &Tagger{Tags: tags, p: learn.NewPerceptron(len(tags), learn.DefaultBits)}
	golds := make([][]int, len(exs))
	for k, ex := range exs {
		g := make([]int, len(ex.Tags))
		for i, tg := range ex.Tags {
			g[i] = -1
			if tg != "" {
				g[i] = index[tg]
			}
		}
		golds[k] = g
	}
	counts := map[learn.Feature]int32{}
	for e := 0; e < epochs; e++ {
		right, total := 0, 0
		if e == epochs-1 {
			t.counts = counts // keep the features the final weights see
		}
		for _, k := range learn.Shuffle(len(exs), seed, e) {
			pred := t.tag(exs[k].Tokens, golds[k])
			for i, g := range golds[k] {
				if g >= 0 {
					total++
					if pred[i] == g {
						right++
					}
				}
			}
		}
		if progress != nil && total > 0 {
			progress(e+1, float64(right)/float64(total))
		}
	}
	t.p.Average()
	return &Tagger{Tags: tags, M: t.p.Compact(counts, minCount, 0)}
}

// Tag returns the tags t gives the tokens.
func (t *Tagger) Tag(toks []quotewire.Token) []string {
	idx := t.tag(toks, nil)
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = t.Tags[k]
	}
	return out
}

// Accuracy returns the share of tokens with a known silver tag that t tags
// the same way.
func (t *Tagger) Accuracy(exs []Example) float64 {
	right, total := 0, 0
	for _, ex := range exs {
		pred := t.tag(ex.Tokens, nil)
		for i, g := range ex.Tags {
			if g != "" {
				total++
				if t.Tags[pred[i]] == g {
					right++
				}
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(right) / float64(total)
}
