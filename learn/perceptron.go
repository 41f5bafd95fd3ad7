// Package learn holds quotewire's own machine learning: an averaged
// perceptron over hashed sparse features, trained deterministically, and
// the compact read-only Model it becomes, saved in a small binary form.
// It imports only the standard library.
package learn

import (
	"errors"
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

// StringHash is FNV-1a of s: hash a token's string once, then build its
// features with Mix and Mix2, which cost a few multiplications each.
func StringHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Mix returns the feature for a template id and a hashed value (from
// StringHash, or any small integer for a categorical value).
func Mix(template uint8, v uint64) Feature {
	h := v ^ uint64(template)<<56 ^ 0x5851F42D4C957F2D
	h *= 0x9E3779B97F4A7C15
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	return Feature(h)
}

// Mix2 returns the feature for a template id and two hashed values; the
// order of the values matters.
func Mix2(template uint8, a, b uint64) Feature {
	return Mix(template, a*0xD6E8FEB86659FD93^b)
}

// Dense returns the feature for a small integer id (below MaxDense): a
// feature from a template of few values (a label, a distance bucket, a
// pair of them), which a Model keeps in a directly indexed array instead
// of its hash table, so that scoring it is one load from a small, hot
// block of memory. Callers lay out their templates' ids side by side.
func Dense(id uint32) Feature { return Feature(denseBit | uint64(id)) }

// denseBit marks dense features; hashed ones never have it (see isDense).
const denseBit = 1 << 63

// MaxDense bounds dense feature ids.
const MaxDense = 1 << 20

// isDense reports whether f was built by Dense, and its id.
func isDense(f Feature) (uint32, bool) {
	if uint64(f)&^(MaxDense-1) == denseBit {
		return uint32(f), true
	}
	return 0, false
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
}

// AddScaled adds q's weights, times f, to p's: averaging perceptrons
// trained on the same data in different orders (a bag) gives a steadier
// model than any one of them. Both must have the same classes and size,
// and be averaged already.
func (p *Perceptron) AddScaled(q *Perceptron, f float32) {
	if q.Classes != p.Classes || len(q.w) != len(p.w) {
		panic("learn: AddScaled of perceptrons of different shapes")
	}
	for i, x := range q.w {
		p.w[i] += x * f
	}
}

// Scale multiplies p's weights by f: a bag summed with AddScaled, scaled
// by one over its size, is the bag's mean.
func (p *Perceptron) Scale(f float32) {
	for i := range p.w {
		p.w[i] *= f
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

// ErrBadModel is returned for a model file that is not one of ours.
var ErrBadModel = errors.New("not a quotewire perceptron model")
