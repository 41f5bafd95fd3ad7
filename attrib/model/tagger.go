package model

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"sort"
	"sync"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
)

// Tagger labels tokens with a linear model trained as an averaged
// perceptron. It is safe for concurrent use once trained or loaded.
type Tagger struct {
	// M holds the trained weights.
	M *learn.Model
	// Cue is the per-token cue classifier whose output the tagger reads.
	Cue *CueModel
	// Source links the cues of decoded quotes to their sources.
	Source *SourceModel
	// Priors is the learned cue-word table the tagger and Cue read.
	Priors Priors

	bits *wordBits // Priors and the rules' cue words, by word hash
	fold *folded   // M's dense weights summed by groups, for inference

	p      *learn.Perceptron // during training
	counts map[learn.Feature]int32
}

// scorer is what tagging needs of a model.
type scorer interface {
	Score(feats []learn.Feature, scores []float32)
}

// fileMagic starts a saved tagger.
const fileMagic = "QWATTR04\n"

// Load reads a tagger saved with Save.
func Load(r io.Reader) (*Tagger, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != fileMagic {
		return nil, fmt.Errorf("load attribution model: not a quotewire attribution model (retrain with quotewire train)")
	}
	pr, err := readPriors(br)
	if err != nil {
		return nil, fmt.Errorf("load attribution model: %w", err)
	}
	cue, err := learn.ReadModel(br)
	if err != nil {
		return nil, fmt.Errorf("load attribution model: cue classifier: %w", err)
	}
	m, err := learn.ReadModel(br)
	if err != nil {
		return nil, fmt.Errorf("load attribution model: %w", err)
	}
	src, err := learn.ReadModel(br)
	if err != nil {
		return nil, fmt.Errorf("load attribution model: source resolver: %w", err)
	}
	if m.Classes != int(NumLabels) || cue.Classes != 2 {
		return nil, fmt.Errorf("load attribution model: %d and %d classes, want %d and 2", m.Classes, cue.Classes, NumLabels)
	}
	return (&Tagger{M: m, Cue: &CueModel{M: cue, fold: newCueFolded(cue)}, Source: &SourceModel{M: src}, Priors: pr}).ready(), nil
}

// Save writes the tagger: its cue-word table, cue classifier and weights.
func (t *Tagger) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(fileMagic)
	if err := t.Priors.writeTo(bw); err != nil {
		return err
	}
	if _, err := t.Cue.M.WriteTo(bw); err != nil {
		return err
	}
	if _, err := t.M.WriteTo(bw); err != nil {
		return err
	}
	if _, err := t.Source.M.WriteTo(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// teacherForcing makes training condition on gold previous labels instead
// of predicted ones (docs/ERRORS.md, "Settings chosen by measurement").
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
	if gold == nil && t.p == nil {
		return t.infer(c)
	}
	var m scorer = t.p
	out := make([]Label, len(c.d.Tokens))
	scores := make([]float32, NumLabels)
	var feats []learn.Feature
	prev, prev2 := O, O
	for i := range c.d.Tokens {
		feats = c.features(feats[:0], i, prev, prev2)
		clear(scores)
		m.Score(feats, scores)
		best := argmax(prev, scores)
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

// argmax returns the best-scoring label that may follow prev.
func argmax(prev Label, scores []float32) Label {
	best := O
	ok := &follows[prev&7]
	for l := Label(1); l < NumLabels; l++ {
		if ok[l] && scores[l] > scores[best] {
			best = l
		}
	}
	return best
}

// follows tabulates valid: follows[prev][l] is valid(prev, l).
var follows = func() (t [8][NumLabels]bool) {
	for prev := range Label(8) {
		for l := range NumLabels {
			t[prev][l] = valid(prev, l)
		}
	}
	return t
}()

// gateMin is the least cue-classifier bucket (see cueBucket) that makes a
// sentence worth tagging, when nothing else in it (quotation marks, rule
// quotes, a content label running on from the sentence before) does: a
// third of the tagger's time saved for little accuracy (docs/ERRORS.md,
// "Settings chosen by measurement").
const gateMin = 2

// infer labels the tokens of c with the compact model, sentence by
// sentence: sentences that hold nothing that may start an attribution are
// skipped; for the others the features that do not depend on earlier
// labels are scored first for the whole sentence (independent lookups the
// processor can overlap), then the greedy pass adds the label-dependent
// ones. Dense features are read from the tagger's fold (fold.go), which
// give the same integer sums as looking them up one by one. Inside a rule
// direct quote (two tokens from its ends and more), which wins over the
// model's quotes, the label chosen at its start runs on without scoring:
// the same figures on PolNeAR dev, a tenth faster.
func (t *Tagger) infer(c *context) []Label {
	toks := c.d.Tokens
	out := make([]Label, len(toks))
	fo := t.fold
	if fo == nil {
		fo = newFolded(t.M)
	}
	var static []learn.Acc
	var dyns []dyn
	var feats []learn.Feature
	prev, prev2 := O, O
	for i := 0; i < len(toks); {
		end := i + 1
		if s := c.d.Sentences[toks[i].Sentence]; s.First == i && s.Last > i {
			end = s.Last
			if prev == O && !c.active(s, gateMin) {
				// out[i:end] stay O
				prev2, prev = O, O
				i = end
				continue
			}
		}
		static, dyns = static[:0], dyns[:0]
		for k := i; k < end; k++ {
			var acc learn.Acc
			dy := dyn{interior: c.interior(k)}
			if !dy.interior {
				c.shapes(k, k+1)
				feats = c.staticHashed(feats[:0], k)
				t.M.Accumulate(feats, &acc)
				dy = fo.staticDense(c, k, &acc)
			}
			static = append(static, acc)
			dyns = append(dyns, dy)
		}
		for k := i; k < end; k++ {
			if dyns[k-i].interior {
				// inside a rule direct quote, which wins over the model:
				// the label the model chose at its start runs on
				best := O
				if prev == BC || prev == IC {
					best = IC
				}
				out[k] = best
				prev2, prev = prev, best
				continue
			}
			// the static and the dynamic sums are turned into scores
			// apart, as when they were scored apart
			var scores [NumLabels]float32
			t.M.AddScores(&static[k-i], scores[:])
			var acc learn.Acc
			feats = c.dynamicHashed(feats[:0], k, prev)
			t.M.Accumulate(feats, &acc)
			fo.dynamicDense(&dyns[k-i], prev, prev2, &acc)
			t.M.AddScores(&acc, scores[:])
			best := argmax(prev, scores[:])
			out[k] = best
			prev2, prev = prev, best
		}
		i = end
	}
	return out
}

// Labels returns the model's labels for the tokens of d, which must have
// been through segmentation and the rule-based attributor.
func (t *Tagger) Labels(d *quotewire.Document) []Label {
	labels, _, _ := t.labelsCues(d)
	return labels
}

// labelsCues returns the labels and the cue classifier's buckets (see
// cueBucket) of the tokens of d, and the context they came from.
func (t *Tagger) labelsCues(d *quotewire.Document) ([]Label, []uint8, *context) {
	c := newContext(d)
	t.prepare(c)
	return t.tag(c, nil), c.cue, c
}

// prepare sets what the tagger's features read from its cue-word table
// and cue classifier.
func (t *Tagger) prepare(c *context) {
	c.setPriors(t.bits)
	c.setCues(t.Cue.margins(c))
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
		for i, end := d.TokensIn(sp); i < end; i++ {
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
	atts []Attribution
}

// NewExample prepares a training example from a processed document and its
// gold attributions.
func NewExample(d *quotewire.Document, atts []Attribution) Example {
	c := newContext(d)
	c.shapes(0, len(d.Tokens)) // training reads every token
	return Example{c: c, gold: GoldLabels(d, atts), atts: atts}
}

// MinCount is how often a feature must occur in training to be kept in
// the shipped model.
const MinCount = 4

// MaxFeatures is how many features, those with the largest weights, the
// shipped tagger and cue classifier keep at most.
const MaxFeatures = 48000

// folds is how many parts the training data is cut into so that the
// features each training article gets from the cue-word table and the cue
// classifier come from models that never saw it, as they will be at run
// time on new text.
const folds = 4

// cueEpochs is how many passes the cue classifier makes.
const cueEpochs = 5

// Train trains the tagger on the examples: the cue-word table, the cue
// classifier (both out of fold for the training features) and then epochs
// of the tagger itself, in a deterministic order for seed.
func Train(exs []Example, epochs int, seed uint64, progress func(epoch int, acc float64)) *Tagger {
	fold := func(k int) int { return k % folds }
	// cue-word table, out of fold
	total := newPriorCounts()
	parts := make([]priorCounts, folds)
	for f := range parts {
		parts[f] = newPriorCounts()
	}
	for k, ex := range exs {
		total.add(ex, 1)
		parts[fold(k)].add(ex, 1)
	}
	for f := 0; f < folds; f++ {
		rest := newPriorCounts()
		for w, n := range total.all {
			rest.all[w] = n - parts[f].all[w]
		}
		for w, n := range total.cue {
			rest.cue[w] = n - parts[f].cue[w]
		}
		p := newWordBits(rest.priors())
		for k, ex := range exs {
			if fold(k) == f {
				ex.c.setPriors(p)
			}
		}
	}
	// cue classifier, out of fold
	for f := 0; f < folds; f++ {
		var in, out []Example
		for k, ex := range exs {
			if fold(k) == f {
				out = append(out, ex)
			} else {
				in = append(in, ex)
			}
		}
		cm := TrainCue(in, cueEpochs, seed)
		for _, ex := range out {
			ex.c.setCues(cm.margins(ex.c))
		}
	}
	// a bag of taggers, each over the examples in its own order, run two
	// at a time, averaged into one
	n := bagSize
	runs := make([]*Tagger, n)
	var counts map[learn.Feature]int32
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, min(n, runtime.GOMAXPROCS(0))))
	for b := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var pr func(int, float64)
			if b == 0 {
				pr = progress
			}
			var c map[learn.Feature]int32
			runs[b], c = trainRun(exs, epochs, seed+uint64(b)*7919, pr)
			if b == 0 {
				counts = c
			}
		}()
	}
	wg.Wait()
	sum := runs[0].p
	for _, r := range runs[1:] {
		sum.AddScaled(r.p, 1)
		r.p = nil
	}
	t := (&Tagger{M: sum.Compact(counts, MinCount, MaxFeatures), Cue: TrainCue(exs, cueEpochs, seed), Priors: total.priors()}).ready()
	t.Source = trainSource(t, exs, sourceEpochs, seed)
	return t
}

// sourceEpochs is how many passes the source resolver makes.
const sourceEpochs = 5

// ready builds the lookup tables tagging needs besides the weights.
func (t *Tagger) ready() *Tagger {
	t.bits = newWordBits(t.Priors)
	if t.M != nil {
		t.fold = newFolded(t.M)
	}
	return t
}

// bagSize is how many models, each trained over the examples in its own
// order, are averaged into each shipped one: the tagger, the cue
// classifier whose margins the tagger reads and the source resolver.
// Averaging makes a retrained model's scores depend less on the order of
// training (docs/ERRORS.md, "Settings chosen by measurement").
const bagSize = 6

// trainRun trains one tagger for epochs over the examples in an order
// fixed by seed, and returns its averaged perceptron and the features
// seen in the first epoch with their counts.
func trainRun(exs []Example, epochs int, seed uint64, progress func(epoch int, acc float64)) (*Tagger, map[learn.Feature]int32) {
	t := &Tagger{p: learn.NewPerceptron(int(NumLabels), learn.DefaultBits)}
	var counts map[learn.Feature]int32
	for e := 0; e < epochs; e++ {
		right, total := 0, 0
		if e == 0 {
			t.counts = map[learn.Feature]int32{}
		}
		for _, k := range learn.Shuffle(len(exs), seed, e) {
			ex := exs[k]
			if progress != nil {
				// measure with a prediction pass, then learn
				pred := t.tag(ex.c, nil)
				for i := range pred {
					if pred[i] == ex.gold[i] {
						right++
					}
				}
				total += len(pred)
			}
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
	return t, counts
}
