package model

import (
	"fmt"
	"io"
	"sort"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
)

// Tagger labels tokens with a linear model trained as an averaged
// perceptron. It is safe for concurrent use once trained or loaded.
type Tagger struct {
	// M holds the trained weights.
	M *learn.Model

	p      *learn.Perceptron // during training
	counts map[learn.Feature]int32
}

// scorer is what tagging needs of a model.
type scorer interface {
	Score(feats []learn.Feature, scores []float32)
}

// Load reads a tagger saved with Save.
func Load(r io.Reader) (*Tagger, error) {
	m, err := learn.ReadModel(r)
	if err != nil {
		return nil, fmt.Errorf("load attribution model: %w", err)
	}
	if m.Classes != int(NumLabels) {
		return nil, fmt.Errorf("load attribution model: %d classes, want %d", m.Classes, NumLabels)
	}
	return &Tagger{M: m}, nil
}

// Save writes the tagger's weights.
func (t *Tagger) Save(w io.Writer) error {
	_, err := t.M.WriteTo(w)
	return err
}

// teacherForcing makes training condition on gold previous labels instead
// of predicted ones (measured on PolNeAR dev: far better for this greedy
// tagger).
const teacherForcing = true

// valid reports whether label l may follow prev (I-X needs B-X or I-X).
func valid(prev, l Label) bool {
	switch l {
	case IC:
		return prev == BC || prev == IC
	case IS:
		return prev == BS || prev == IS
	case IQ:
		return prev == BQ || prev == IQ
	}
	return true
}

// tag labels every token of the document greedily, left to right. When
// train is set, it updates the weights toward gold after each token.
func (t *Tagger) tag(c *context, gold []Label) []Label {
	var m scorer = t.M
	if t.p != nil {
		m = t.p
	}
	out := make([]Label, len(c.d.Tokens))
	scores := make([]float32, NumLabels)
	var feats []learn.Feature
	prev, prev2 := O, O
	for i := range c.d.Tokens {
		feats = c.features(feats[:0], i, prev, prev2)
		for k := range scores {
			scores[k] = 0
		}
		m.Score(feats, scores)
		best := O
		for l := Label(1); l < NumLabels; l++ {
			if valid(prev, l) && scores[l] > scores[best] {
				best = l
			}
		}
		if gold != nil {
			if t.counts != nil {
				for _, f := range feats {
					t.counts[f]++
				}
			}
			t.p.Update(feats, int(gold[i]), int(best))
			if teacherForcing {
				best = gold[i]
			}
		}
		out[i] = best
		prev2, prev = prev, best
	}
	return out
}

// Labels returns the model's labels for the tokens of d, which must have
// been through segmentation and the rule-based attributor.
func (t *Tagger) Labels(d *quotewire.Document) []Label {
	return t.tag(newContext(d), nil)
}

// Attribution is a gold attribution in byte spans (PolNeAR's form).
type Attribution struct {
	Content, Cue, Source []quotewire.Span
}

// GoldLabels turns gold attributions into token labels. Where attributions
// nest, the inner one's spans win; cue and source win over content.
func GoldLabels(d *quotewire.Document, atts []Attribution) []Label {
	labels := make([]Label, len(d.Tokens))
	mark := func(sp quotewire.Span, b, in Label) {
		first := true
		for i := d.TokenAt(sp.Start); i < len(d.Tokens) && d.Tokens[i].Start < sp.End; i++ {
			if first {
				labels[i] = b
				first = false
			} else {
				labels[i] = in
			}
		}
	}
	order := make([]int, len(atts))
	for i := range order {
		order[i] = i
	}
	size := func(a Attribution) int {
		n := 0
		for _, c := range a.Content {
			n += c.Len()
		}
		return n
	}
	sort.SliceStable(order, func(i, j int) bool { return size(atts[order[i]]) > size(atts[order[j]]) })
	for _, k := range order {
		for _, c := range atts[k].Content {
			mark(c, BC, IC)
		}
	}
	for _, k := range order {
		for _, s := range atts[k].Source {
			mark(s, BS, IS)
		}
		for _, q := range atts[k].Cue {
			mark(q, BQ, IQ)
		}
	}
	return labels
}

// Example is one training document: tokens after the rule stages, and
// gold labels.
type Example struct {
	c    *context
	gold []Label
}

// NewExample prepares a training example from a processed document and its
// gold attributions.
func NewExample(d *quotewire.Document, atts []Attribution) Example {
	return Example{c: newContext(d), gold: GoldLabels(d, atts)}
}

// MinCount is how often a feature must occur in training to be kept in
// the shipped model.
const MinCount = 2

// Train runs epochs of perceptron training over the examples in a
// deterministic order for seed, and returns the averaged tagger.
func Train(exs []Example, epochs int, seed uint64, progress func(epoch int, acc float64)) *Tagger {
	t := &Tagger{p: learn.NewPerceptron(int(NumLabels), learn.DefaultBits)}
	var counts map[learn.Feature]int32
	for e := 0; e < epochs; e++ {
		right, total := 0, 0
		if e == 0 {
			t.counts = map[learn.Feature]int32{}
		}
		for _, k := range learn.Shuffle(len(exs), seed, e) {
			ex := exs[k]
			// measure with a prediction pass, then learn
			pred := t.tag(ex.c, nil)
			for i := range pred {
				if pred[i] == ex.gold[i] {
					right++
				}
			}
			total += len(pred)
			t.tag(ex.c, ex.gold)
		}
		if e == 0 {
			counts, t.counts = t.counts, nil // features are the same every epoch
		}
		if progress != nil && total > 0 {
			progress(e+1, float64(right)/float64(total))
		}
	}
	t.p.Average()
	return &Tagger{M: t.p.Compact(counts, MinCount)}
}
