package model

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"sort"

	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/learn"
)

// Priors maps a lower-case word to how often it is part of an attribution
// cue in the training data, bucketed from 1 (rarely) to 6 (almost always);
// words never or only once seen in a cue are absent (0). It lets the
// tagger generalise over the long tail of cues ("slams", "mulling",
// "accused") that no hand-made list holds.
type Priors map[string]uint8

// priorCounts counts, per word, its occurrences and its occurrences inside
// a gold cue.
type priorCounts struct {
	cue, all map[string]int
}

func newPriorCounts() priorCounts {
	return priorCounts{cue: map[string]int{}, all: map[string]int{}}
}

// add counts the tokens of one example.
func (pc priorCounts) add(ex Example, sign int) {
	for i, t := range ex.c.d.Tokens {
		pc.all[t.Lower] += sign
		if ex.gold[i] == BQ || ex.gold[i] == IQ {
			pc.cue[t.Lower] += sign
		}
	}
}

// priors turns counts into a table: the share of a word's occurrences
// inside a cue, smoothed by two unseen occurrences, in six buckets.
func (pc priorCounts) priors() Priors {
	p := Priors{}
	for w, c := range pc.cue {
		if c < 2 || len(w) > 255 {
			continue
		}
		if b := priorBucket(float64(c) / float64(pc.all[w]+2)); b > 0 {
			p[w] = b
		}
	}
	return p
}

func priorBucket(p float64) uint8 {
	switch {
	case p >= 0.8:
		return 6
	case p >= 0.5:
		return 5
	case p >= 0.25:
		return 4
	case p >= 0.1:
		return 3
	case p >= 0.03:
		return 2
	case p > 0:
		return 1
	}
	return 0
}

// writeTo saves the table, words sorted, so equal tables give equal bytes.
func (p Priors) writeTo(w *bufio.Writer) error {
	words := make([]string, 0, len(p))
	for k := range p {
		words = append(words, k)
	}
	sort.Strings(words)
	var buf [binary.MaxVarintLen64]byte
	w.Write(buf[:binary.PutUvarint(buf[:], uint64(len(words)))])
	for _, k := range words {
		w.WriteByte(byte(len(k)))
		w.WriteString(k)
		w.WriteByte(p[k])
	}
	return nil
}

// readPriors loads a table saved by writeTo.
func readPriors(r *bufio.Reader) (Priors, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil || n > 1<<22 {
		return nil, fmt.Errorf("read cue priors: bad size")
	}
	p := make(Priors, n)
	for i := uint64(0); i < n; i++ {
		l, err := r.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("read cue priors: %w", err)
		}
		word := make([]byte, l)
		if _, err := io.ReadFull(r, word); err != nil {
			return nil, fmt.Errorf("read cue priors: %w", err)
		}
		b, err := r.ReadByte()
		if err != nil || b > 6 {
			return nil, fmt.Errorf("read cue priors: bad bucket for %q", word)
		}
		p[string(word)] = b
	}
	return p, nil
}

// wordBits maps a word's hash (learn.StringHash of its lower-case form)
// to its bucket in a Priors table (low bits) and whether the rules know it
// as a cue (isCueBit): one lookup per token, on a hash computed anyway.
type wordBits struct {
	keys []uint64
	vals []uint8
}

const isCueBit = 0x80

func newWordBits(p Priors) *wordBits {
	words := map[string]uint8{}
	for w, b := range p {
		words[w] = b
	}
	for _, w := range attrib.CueWords() {
		words[w] |= isCueBit
	}
	size := 16
	for size < 2*len(words) {
		size *= 2
	}
	t := &wordBits{keys: make([]uint64, size), vals: make([]uint8, size)}
	for w, v := range words {
		h := learn.StringHash(w) | 1 // never 0
		s := int(h & uint64(size-1))
		for t.keys[s] != 0 {
			s = (s + 1) & (size - 1)
		}
		t.keys[s], t.vals[s] = h, v
	}
	return t
}

// get returns the bits of the word with hash h (0 for unknown words).
func (t *wordBits) get(h uint64) uint8 {
	h |= 1
	mask := len(t.keys) - 1
	for s := int(h) & mask; ; s = (s + 1) & mask {
		switch t.keys[s] {
		case h:
			return t.vals[s]
		case 0:
			return 0
		}
	}
}
