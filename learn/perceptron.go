// Package learn holds quotewire's own machine learning: an averaged
// perceptron over hashed sparse features, trained deterministically and
// saved in a compact binary form that the binary embeds. It imports only
// the standard library.
package learn

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// Feature is a hashed feature id. Build them with Hash.
type Feature uint64

// Hash returns the feature for a template id and its string value, with
// FNV-1a: stable across runs and machines, so trained weights stay valid.
func Hash(template uint8, value string) Feature {
	h := uint64(14695981039346656037)
	h ^= uint64(template)
	h *= 1099511628211
	for i := 0; i < len(value); i++ {
		h ^= uint64(value[i])
		h *= 1099511628211
	}
	return Feature(h)
}

// Hash2 returns the feature for a template and two values.
func Hash2(template uint8, a, b string) Feature {
	h := uint64(Hash(template, a))
	h ^= 0xff
	h *= 1099511628211
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= 1099511628211
	}
	return Feature(h)
}

// Perceptron is a multiclass averaged perceptron over hashed features:
// each feature hashes to one of 2^Bits buckets, and each bucket holds one
// weight per class in a flat array, so scoring a feature is one memory
// access. A trained Perceptron is read-only and safe for concurrent use.
type Perceptron struct {
	Classes int
	Bits    uint8
	w       []float32

	// q holds the trained weights as int16, eight to a bucket (classes
	// padded), so that a bucket is 16 aligned bytes; a weight is
	// q[i] * qscale. Scoring uses q once the model is averaged or loaded.
	q      []int16
	qscale float32

	// training state: running totals and last-update stamps for averaging
	totals  []float64
	stamps  []int32
	updates int32
}

// DefaultBits is the default table size: 2^20 buckets.
const DefaultBits = 20

// NewPerceptron returns an untrained perceptron over n classes with 2^bits
// feature buckets.
func NewPerceptron(n int, bits uint8) *Perceptron {
	size := (1 << bits) * n
	return &Perceptron{Classes: n, Bits: bits, w: make([]float32, size), totals: make([]float64, size), stamps: make([]int32, size)}
}

// bucket returns the offset of feature f's weights.
func (p *Perceptron) bucket(f Feature) int {
	return int((uint64(f)*0x9E3779B97F4A7C15)>>(64-p.Bits)) * p.Classes
}

// Score adds the class scores of the features to scores (length Classes).
func (p *Perceptron) Score(feats []Feature, scores []float32) {
	n := p.Classes
	if p.q != nil && n <= 8 {
		var acc [8]int32
		for _, f := range feats {
			b := int((uint64(f)*0x9E3779B97F4A7C15)>>(64-p.Bits)) * 8
			w := (*[8]int16)(p.q[b : b+8])
			for c := range acc {
				acc[c] += int32(w[c])
			}
		}
		for c := 0; c < n; c++ {
			scores[c] += float32(acc[c]) * p.qscale
		}
		return
	}
	for _, f := range feats {
		w := p.w[p.bucket(f):][:n]
		for c, x := range w {
			scores[c] += x
		}
	}
}

// Predict returns the best class for the features; scores is scratch space
// of length Classes.
func (p *Perceptron) Predict(feats []Feature, scores []float32) int {
	for i := range scores {
		scores[i] = 0
	}
	p.Score(feats, scores)
	best := 0
	for c := 1; c < len(scores); c++ {
		if scores[c] > scores[best] {
			best = c
		}
	}
	return best
}

// Update counts one training example and, when guess is wrong, moves the
// weights of its features toward truth and away from guess.
func (p *Perceptron) Update(feats []Feature, truth, guess int) {
	p.updates++
	if truth == guess {
		return
	}
	for _, f := range feats {
		b := p.bucket(f)
		for _, c := range [2]int{truth, guess} {
			i := b + c
			p.totals[i] += float64(p.updates-p.stamps[i]) * float64(p.w[i])
			p.stamps[i] = p.updates
		}
		p.w[b+truth]++
		p.w[b+guess]--
	}
}

// Average replaces the weights by their average over training and ends
// training.
func (p *Perceptron) Average() {
	if p.totals == nil {
		return
	}
	n := float64(max(p.updates, 1))
	for i, x := range p.w {
		total := p.totals[i] + float64(p.updates-p.stamps[i])*float64(x)
		avg := float32(total / n)
		if math.Abs(float64(avg)) < 1e-4 {
			avg = 0
		}
		p.w[i] = avg
	}
	p.totals, p.stamps = nil, nil
	p.quantize()
}

// quantize builds the int16 table Score uses from the float weights.
func (p *Perceptron) quantize() {
	if p.Classes > 8 {
		return
	}
	var maxAbs float32
	for _, x := range p.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	p.qscale = maxAbs / 32767
	if p.qscale == 0 {
		p.qscale = 1
	}
	p.q = make([]int16, (1<<p.Bits)*8)
	for k := 0; k < 1<<p.Bits; k++ {
		for c := 0; c < p.Classes; c++ {
			p.q[k*8+c] = int16(math.Round(float64(p.w[k*p.Classes+c] / p.qscale)))
		}
	}
}

// Len returns the number of buckets with a non-zero weight.
func (p *Perceptron) Len() int {
	k := 0
	for b := 0; b < len(p.w); b += p.Classes {
		for _, x := range p.w[b : b+p.Classes] {
			if x != 0 {
				k++
				break
			}
		}
	}
	return k
}

// Shuffle returns a deterministic permutation of 0..n-1 for an epoch.
func Shuffle(n int, seed uint64, epoch int) []int {
	r := rand.New(rand.NewPCG(seed, uint64(epoch)))
	return r.Perm(n)
}

const magic = "QWPERC2\n"

// WriteTo saves the weights: the non-zero buckets in order, each weight as
// an int16 scaled by a common factor, so files are small and
// byte-identical for identical models.
func (p *Perceptron) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var maxAbs float32
	for _, x := range p.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	bw.WriteString(magic)
	binary.Write(bw, binary.LittleEndian, uint32(p.Classes))
	binary.Write(bw, binary.LittleEndian, uint32(p.Bits))
	binary.Write(bw, binary.LittleEndian, uint32(p.Len()))
	binary.Write(bw, binary.LittleEndian, scale)
	buf := make([]byte, binary.MaxVarintLen64)
	prev := 0
	raw := make([]int16, p.Classes)
	for b := 0; b < len(p.w); b += p.Classes {
		nz := false
		for c, x := range p.w[b : b+p.Classes] {
			raw[c] = int16(math.Round(float64(x / scale)))
			nz = nz || x != 0
		}
		if !nz {
			continue
		}
		k := b / p.Classes
		n := binary.PutUvarint(buf, uint64(k-prev))
		bw.Write(buf[:n])
		prev = k
		binary.Write(bw, binary.LittleEndian, raw)
	}
	return 0, bw.Flush()
}

// ErrBadModel is returned for a model file that is not a perceptron.
var ErrBadModel = errors.New("not a quotewire perceptron model")

// ReadPerceptron loads weights saved by WriteTo.
func ReadPerceptron(r io.Reader) (*Perceptron, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, ErrBadModel
	}
	var classes, bits, n uint32
	var scale float32
	for _, v := range []any{&classes, &bits, &n, &scale} {
		if err := binary.Read(br, binary.LittleEndian, v); err != nil {
			return nil, fmt.Errorf("read model header: %w", err)
		}
	}
	if classes == 0 || classes > 64 || bits < 4 || bits > 24 || n > 1<<bits {
		return nil, fmt.Errorf("%w: %d classes, %d bits, %d buckets", ErrBadModel, classes, bits, n)
	}
	p := &Perceptron{Classes: int(classes), Bits: uint8(bits), w: make([]float32, (1<<bits)*int(classes))}
	raw := make([]int16, classes)
	k := 0
	for i := 0; i < int(n); i++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("read model bucket %d: %w", i, err)
		}
		k += int(d)
		if k >= 1<<bits {
			return nil, fmt.Errorf("%w: bucket %d out of range", ErrBadModel, k)
		}
		if err := binary.Read(br, binary.LittleEndian, raw); err != nil {
			return nil, fmt.Errorf("read model weights %d: %w", i, err)
		}
		w := p.w[k*int(classes):][:classes]
		for c, x := range raw {
			w[c] = float32(x) * scale
		}
	}
	p.quantize()
	return p, nil
}
