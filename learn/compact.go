package learn

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
)

// Model is a trained, read-only linear model over hashed features: an
// open-addressing table from feature to its class weights (int16, eight to
// a slot), holding only the features that mattered in training, so that
// it stays small enough to live in the processor's caches. It is safe for
// concurrent use.
type Model struct {
	Classes int
	stride  int // weights per feature: Classes rounded up to a multiple of 8
	// slots is the hash table: each holds a feature's 32-bit fingerprint
	// (high half, never 0) and 1 + the index of its weights (low half); 0
	// marks an empty slot.
	slots []uint64
	w     []int16 // stride per feature, in feature order
	// inline, for models of at most seven classes, holds each slot's
	// 16-bit fingerprint and weights together in 16 bytes, four to a cache
	// line, so a lookup touches one place.
	inline []slot7
	// dense holds the weights of dense features (see Dense) by id, for
	// inline models; fp is unused there.
	dense []slot7
	// inline2 and dense2 are inline and dense for models of two classes:
	// slots of eight bytes, eight to a cache line (the same fingerprints
	// in the same places, so the same lookups).
	inline2, dense2 []slot2
	scale           float32
	shift           uint8
	n               int
	feats           []uint64 // the features, for saving
}

// slot7 is a slot with its weights inline.
type slot7 struct {
	fp uint16
	w  [7]int16
}

// slot2 is a slot of a two-class model; w[2] is unused.
type slot2 struct {
	fp uint16
	w  [3]int16
}

// fingerprint16 is the part of f an inline slot keeps; it is never 0.
// Features are remixed by a multiplication first: FNV hashes of short
// strings share their high bits.
func fingerprint16(f uint64) uint16 {
	return uint16((f*0xBF58476D1CE4E5B9)>>48) | 1
}

// fingerprint is the part of f a slot keeps; it is never 0.
func fingerprint(f uint64) uint64 { return f>>32 | 1<<31 }

// Len returns the number of features in the model.
func (m *Model) Len() int { return m.n }

func (m *Model) slot(f uint64) int { return int((f * 0x9E3779B97F4A7C15) >> m.shift) }

// MaxClasses is the most classes a Model holds.
const MaxClasses = 64

// Score adds the class scores of the features to scores (length Classes).
func (m *Model) Score(feats []Feature, scores []float32) {
	if m.inline != nil || m.inline2 != nil {
		m.scoreInline(feats, scores)
		return
	}
	var acc [MaxClasses]int32
	mask := len(m.slots) - 1
	st := m.stride
	for _, f := range feats {
		k := uint64(f)
		fp := fingerprint(k)
		for s := m.slot(k); ; s = (s + 1) & mask {
			v := m.slots[s]
			if v>>32 == fp {
				i := int(uint32(v)) - 1
				if st == 8 {
					w := (*[8]int16)(m.w[i*8 : i*8+8])
					for c := range w {
						acc[c] += int32(w[c])
					}
				} else {
					w := m.w[i*st : i*st+st]
					for c, x := range w {
						acc[c] += int32(x)
					}
				}
				break
			}
			if v == 0 {
				break
			}
		}
	}
	for c := 0; c < m.Classes; c++ {
		scores[c] += float32(acc[c]) * m.scale
	}
}

func (m *Model) scoreInline(feats []Feature, scores []float32) {
	var acc Acc
	m.Accumulate(feats, &acc)
	m.AddScores(&acc, scores)
}

// Acc holds the raw integer class scores of a model of at most seven
// classes: sums of its int16 weights, exact and order-free, so that parts
// of a score computed separately (and cached) add up to the whole.
type Acc [7]int32

// Add adds o to a.
func (a *Acc) Add(o *Acc) {
	for c := range a {
		a[c] += o[c]
	}
}

// Accumulate adds the raw weights of the features to acc. It is for
// models of at most seven classes.
func (m *Model) Accumulate(feats []Feature, acc *Acc) {
	if m.inline2 != nil {
		m.accumulate2(feats, acc)
		return
	}
	// the sums stay in acc, in memory: seven sums held in registers beside
	// the table's and the loop's values made the compiler spill them all
	// at every feature
	inline, dense := m.inline, m.dense
	mask := uint64(len(inline) - 1)
	shift := m.shift & 63
	for _, f := range feats {
		var w *[7]int16
		if id, ok := isDense(f); ok {
			if int(id) >= len(dense) {
				continue
			}
			w = &dense[id].w
		} else {
			k := uint64(f)
			fp := fingerprint16(k)
			for s := (k * 0x9E3779B97F4A7C15) >> shift; ; s = (s + 1) & mask {
				sl := &inline[s&mask]
				if sl.fp == fp {
					w = &sl.w
					break
				}
				if sl.fp == 0 {
					break
				}
			}
			if w == nil {
				continue
			}
		}
		acc[0] += int32(w[0])
		acc[1] += int32(w[1])
		acc[2] += int32(w[2])
		acc[3] += int32(w[3])
		acc[4] += int32(w[4])
		acc[5] += int32(w[5])
		acc[6] += int32(w[6])
	}
}

// accumulate2 is Accumulate for a model of two classes.
func (m *Model) accumulate2(feats []Feature, acc *Acc) {
	inline, dense := m.inline2, m.dense2
	mask := uint64(len(inline) - 1)
	shift := m.shift & 63
	a0, a1 := acc[0], acc[1]
	for _, f := range feats {
		var w *[3]int16
		if id, ok := isDense(f); ok {
			if int(id) >= len(dense) {
				continue
			}
			w = &dense[id].w
		} else {
			k := uint64(f)
			fp := fingerprint16(k)
			for s := (k * 0x9E3779B97F4A7C15) >> shift; ; s = (s + 1) & mask {
				sl := &inline[s&mask]
				if sl.fp == fp {
					w = &sl.w
					break
				}
				if sl.fp == 0 {
					break
				}
			}
			if w == nil {
				continue
			}
		}
		a0 += int32(w[0])
		a1 += int32(w[1])
	}
	acc[0], acc[1] = a0, a1
}

// AddScores adds the class scores of raw sums acc to scores.
func (m *Model) AddScores(acc *Acc, scores []float32) {
	if m.Classes == 7 && len(scores) >= 7 {
		// the loop below, unrolled for the attribution tagger
		s, f := scores[:7], m.scale
		s[0] += float32(acc[0]) * f
		s[1] += float32(acc[1]) * f
		s[2] += float32(acc[2]) * f
		s[3] += float32(acc[3]) * f
		s[4] += float32(acc[4]) * f
		s[5] += float32(acc[5]) * f
		s[6] += float32(acc[6]) * f
		return
	}
	for c := 0; c < m.Classes; c++ {
		scores[c] += float32(acc[c]) * m.scale
	}
}

// newModel builds the table from features and their float weights.
func newModel(classes int, feats []uint64, weights [][]float32) *Model {
	var maxAbs float32
	for _, w := range weights {
		for _, x := range w {
			maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
		}
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	// a load of at most one half: most lookups are of features the model
	// does not hold, and linear probing ends those at an empty slot, which
	// at higher loads lies several slots on (docs/ERRORS.md, "Settings
	// chosen by measurement")
	hashed := len(feats)
	if classes <= 7 {
		for _, f := range feats {
			if _, ok := isDense(Feature(f)); ok {
				hashed--
			}
		}
	}
	size := 16
	for size < 2*hashed {
		size *= 2
	}
	bits := uint8(0)
	for 1<<bits < size {
		bits++
	}
	st := (classes + 7) / 8 * 8
	m := &Model{Classes: classes, stride: st, w: make([]int16, len(feats)*st), scale: scale, shift: 64 - bits, n: len(feats), feats: feats}
	for i := range feats {
		for c, x := range weights[i] {
			m.w[i*st+c] = int16(math.Round(float64(x / scale)))
		}
	}
	if classes > 7 {
		m.slots = make([]uint64, size)
		for i, f := range feats {
			s := m.slot(f)
			for m.slots[s] != 0 {
				s = (s + 1) & (size - 1)
			}
			m.slots[s] = fingerprint(f)<<32 | uint64(i+1)
		}
		return m
	}
	if classes <= 2 {
		m.inline2 = make([]slot2, size)
		for i, f := range feats {
			if id, ok := isDense(Feature(f)); ok {
				if int(id) >= len(m.dense2) {
					m.dense2 = append(m.dense2, make([]slot2, int(id)+1-len(m.dense2))...)
				}
				copy(m.dense2[id].w[:], m.w[i*st:i*st+classes])
				continue
			}
			s := m.slot(f)
			for m.inline2[s].fp != 0 {
				s = (s + 1) & (size - 1)
			}
			m.inline2[s].fp = fingerprint16(f)
			copy(m.inline2[s].w[:], m.w[i*st:i*st+classes])
		}
		return m
	}
	m.inline = make([]slot7, size)
	for i, f := range feats {
		if id, ok := isDense(Feature(f)); ok {
			if int(id) >= len(m.dense) {
				m.dense = append(m.dense, make([]slot7, int(id)+1-len(m.dense))...)
			}
			copy(m.dense[id].w[:], m.w[i*st:i*st+classes])
			continue
		}
		s := m.slot(f)
		for m.inline[s].fp != 0 {
			s = (s + 1) & (size - 1)
		}
		m.inline[s].fp = fingerprint16(f)
		copy(m.inline[s].w[:], m.w[i*st:i*st+classes])
	}
	return m
}

const modelMagic = "QWLIN01\n"

// WriteTo saves the model: features in increasing order (delta varints),
// each with its int16 weights. Equal models give identical bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	bw.WriteString(modelMagic)
	binary.Write(bw, binary.LittleEndian, uint32(m.Classes))
	binary.Write(bw, binary.LittleEndian, uint32(len(m.feats)))
	binary.Write(bw, binary.LittleEndian, m.scale)
	buf := make([]byte, binary.MaxVarintLen64)
	var prev uint64
	for i, f := range m.feats {
		n := binary.PutUvarint(buf, f-prev)
		bw.Write(buf[:n])
		prev = f
		binary.Write(bw, binary.LittleEndian, m.w[i*m.stride:i*m.stride+m.Classes])
	}
	return 0, bw.Flush()
}

// ReadModel loads a model saved by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != modelMagic {
		return nil, ErrBadModel
	}
	var classes, n uint32
	var scale float32
	for _, v := range []any{&classes, &n, &scale} {
		if err := binary.Read(br, binary.LittleEndian, v); err != nil {
			return nil, fmt.Errorf("read model header: %w", err)
		}
	}
	if classes == 0 || classes > MaxClasses || n > 1<<24 || !(scale > 0) {
		return nil, fmt.Errorf("%w: %d classes, %d features", ErrBadModel, classes, n)
	}
	feats := make([]uint64, n)
	weights := make([][]float32, n)
	raw := make([]int16, classes)
	flat := make([]float32, int(n)*int(classes))
	var prev uint64
	for i := range feats {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("read model feature %d: %w", i, err)
		}
		prev += d
		if prev == 0 || i > 0 && d == 0 {
			return nil, fmt.Errorf("%w: feature %d repeated or zero", ErrBadModel, i)
		}
		feats[i] = prev
		if err := binary.Read(br, binary.LittleEndian, raw); err != nil {
			return nil, fmt.Errorf("read model weights %d: %w", i, err)
		}
		w := flat[i*int(classes) : (i+1)*int(classes)]
		for c, x := range raw {
			w[c] = float32(x) * scale
		}
		weights[i] = w
	}
	return newModel(int(classes), feats, weights), nil
}

// Compact turns a trained perceptron into a Model holding the features of
// counts seen at least minCount times in training whose weights are not
// all zero; when maxFeatures is positive, only that many are kept, those
// with the largest weights, which prunes noise as well as size.
func (p *Perceptron) Compact(counts map[Feature]int32, minCount int32, maxFeatures int) *Model {
	var feats []uint64
	for f, n := range counts {
		if n >= minCount && f != 0 {
			feats = append(feats, uint64(f))
		}
	}
	sort.Slice(feats, func(i, j int) bool { return feats[i] < feats[j] })
	kept := feats[:0]
	var weights [][]float32
	for _, f := range feats {
		b := p.bucket(Feature(f))
		w := p.w[b : b+p.Classes]
		nz := false
		for _, x := range w {
			nz = nz || x != 0
		}
		if nz {
			kept = append(kept, f)
			weights = append(weights, append([]float32(nil), w...))
		}
	}
	if k := maxFeatures; k > 0 && len(kept) > k {
		type fw struct {
			f uint64
			w []float32
			m float32
		}
		all := make([]fw, len(kept))
		for i := range kept {
			var m float32
			for _, x := range weights[i] {
				m = max(m, float32(math.Abs(float64(x))))
			}
			all[i] = fw{kept[i], weights[i], m}
		}
		sort.Slice(all, func(i, j int) bool { return all[i].m > all[j].m })
		all = all[:k]
		sort.Slice(all, func(i, j int) bool { return all[i].f < all[j].f })
		kept, weights = kept[:0], weights[:0]
		for _, x := range all {
			kept = append(kept, x.f)
			weights = append(weights, x.w)
		}
	}
	return newModel(p.Classes, kept, weights)
}
