// Package pos is quotewire's part-of-speech tagger: a greedy averaged
// perceptron (package learn) over quotewire's own tokens, trained on the
// silver Penn Treebank tags that Stanford CoreNLP gave PolNeAR's training
// articles (train.corenlp.jsonl.gz). It sets Document.POS.
package pos

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
)

// Tagger tags tokens with parts of speech. It is safe for concurrent use
// once trained or loaded.
type Tagger struct {
	// Tags are the class names, in class order.
	Tags []string
	// M holds the trained weights.
	M *learn.Model

	p      *learn.Perceptron
	counts map[learn.Feature]int32 // during the last training epoch
}

var _ quotewire.Stage = (*Tagger)(nil)

// Process sets d.POS: the part of speech of every token of d.
func (t *Tagger) Process(d *quotewire.Document) error {
	tags := t.tag(d.Tokens, nil)
	d.POS = make([]string, len(d.Tokens))
	for i := range d.Tokens {
		d.POS[i] = t.Tags[tags[i]]
	}
	return nil
}

type scorer interface {
	Score(feats []learn.Feature, scores []float32)
}

func word(toks []quotewire.Token, i int) string {
	if i < 0 {
		return "<s>"
	}
	if i >= len(toks) {
		return "</s>"
	}
	return toks[i].Lower
}

func prefix(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

// features appends token i's features given the two previous tags.
func (t *Tagger) features(dst []learn.Feature, toks []quotewire.Token, i int, p1, p2 string) []learn.Feature {
	tk := &toks[i]
	w := tk.Lower
	return append(dst,
		learn.Hash(0, ""),
		learn.Hash(1, w),
		learn.Hash(2, learn.Suffix(w, 3)),
		learn.Hash(3, prefix(w)),
		learn.Hash(4, learn.Shape(tk.Text)),
		learn.Hash(5, p1),
		learn.Hash2(6, p1, p2),
		learn.Hash2(7, p1, w),
		learn.Hash(8, word(toks, i-1)),
		learn.Hash(9, learn.Suffix(word(toks, i-1), 3)),
		learn.Hash(10, word(toks, i+1)),
		learn.Hash(11, learn.Suffix(word(toks, i+1), 3)),
		learn.Hash(12, word(toks, i-2)),
		learn.Hash(13, word(toks, i+2)),
		learn.Hash(14, learn.Suffix(w, 2)),
	)
}

// tag returns class indices for the tokens; with gold (class indices, -1
// for unknown) it also trains, on predicted history.
func (t *Tagger) tag(toks []quotewire.Token, gold []int) []int {
	var m scorer = t.M
	if t.p != nil {
		m = t.p
	}
	out := make([]int, len(toks))
	scores := make([]float32, len(t.Tags))
	var feats []learn.Feature
	p1, p2 := "<s>", "<s>"
	sent := -1
	for i := range toks {
		if toks[i].Sentence != sent {
			sent = toks[i].Sentence
			p1, p2 = "<s>", "<s>"
		}
		feats = t.features(feats[:0], toks, i, p1, p2)
		for k := range scores {
			scores[k] = 0
		}
		m.Score(feats, scores)
		best := 0
		for c := 1; c < len(scores); c++ {
			if scores[c] > scores[best] {
				best = c
			}
		}
		if gold != nil && gold[i] >= 0 {
			t.p.Update(feats, gold[i], best)
		}
		if t.counts != nil {
			for _, f := range feats {
				t.counts[f]++
			}
		}
		out[i] = best
		p2, p1 = p1, t.Tags[best]
	}
	return out
}

// Save writes the tagger: its tag list, then its weights.
func (t *Tagger) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "QWPOS1 %s\n", strings.Join(t.Tags, " "))
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := t.M.WriteTo(w)
	return err
}

// Load reads a tagger written by Save.
func Load(r io.Reader) (*Tagger, error) {
	br := bufio.NewReader(r)
	line, err := br.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "QWPOS1 ") {
		return nil, fmt.Errorf("load part-of-speech model: %w", learn.ErrBadModel)
	}
	tags := strings.Fields(strings.TrimPrefix(line, "QWPOS1 "))
	m, err := learn.ReadModel(br)
	if err != nil {
		return nil, fmt.Errorf("load part-of-speech model: %w", err)
	}
	if m.Classes != len(tags) {
		return nil, fmt.Errorf("load part-of-speech model: %d classes for %d tags", m.Classes, len(tags))
	}
	return &Tagger{Tags: tags, M: m}, nil
}
