package learn

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// benchModel builds a seven-class model like the attribution tagger's:
// 48,000 hashed features and 7,000 dense ones.
func benchModel(b *testing.B) (*Model, []Feature) {
	r := rand.New(rand.NewPCG(1, 2))
	var feats []uint64
	var weights [][]float32
	for i := 0; i < 48000; i++ {
		feats = append(feats, uint64(Mix(uint8(i%20), r.Uint64())))
	}
	for i := 0; i < 7000; i++ {
		feats = append(feats, uint64(Dense(uint32(i))))
	}
	sortU64(feats)
	for range feats {
		w := make([]float32, 7)
		for c := range w {
			w[c] = float32(r.NormFloat64())
		}
		weights = append(weights, w)
	}
	m := newModel(7, feats, weights)
	// a stream: half dense, a quarter present hashed, a quarter absent
	var stream []Feature
	for i := 0; i < 50*1000; i++ {
		switch i % 4 {
		case 0, 1:
			stream = append(stream, Dense(uint32(r.IntN(7000))))
		case 2:
			stream = append(stream, Feature(feats[r.IntN(len(feats))]))
		default:
			stream = append(stream, Mix(99, r.Uint64()))
		}
	}
	return m, stream
}

func sortU64(a []uint64) { slices.Sort(a) }

// BenchmarkAccumulate scores 1,000 tokens of 50 features each.
func BenchmarkAccumulate(b *testing.B) {
	m, stream := benchModel(b)
	b.ResetTimer()
	for b.Loop() {
		for t := 0; t < len(stream); t += 50 {
			var acc Acc
			m.Accumulate(stream[t:t+50], &acc)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(stream)), "ns/feature")
}

// TestTwoClassSlots checks that a two-class model, kept in slots of eight
// bytes, sums the same weights as the same model kept in seven-class
// slots, for present, absent and dense features alike.
func TestTwoClassSlots(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var feats []uint64
	for i := 0; i < 3000; i++ {
		feats = append(feats, uint64(Mix(uint8(i%20), r.Uint64())))
	}
	for i := 0; i < 300; i++ {
		feats = append(feats, uint64(Dense(uint32(i*3))))
	}
	sortU64(feats)
	var w2, w7 [][]float32
	for range feats {
		a, b := float32(r.NormFloat64()), float32(r.NormFloat64())
		w2 = append(w2, []float32{a, b})
		w7 = append(w7, []float32{a, b, 0, 0, 0, 0, 0})
	}
	m2, m7 := newModel(2, feats, w2), newModel(7, feats, w7)
	if m2.inline2 == nil || m7.inline == nil {
		t.Fatal("models not in the slots under test")
	}
	var stream []Feature
	for i := 0; i < 20000; i++ {
		switch i % 3 {
		case 0:
			stream = append(stream, Feature(feats[r.IntN(len(feats))]))
		case 1:
			stream = append(stream, Mix(99, r.Uint64()))
		default:
			stream = append(stream, Dense(uint32(r.IntN(1000))))
		}
	}
	for k := 0; k+5 <= len(stream); k += 5 {
		var a2, a7 Acc
		m2.Accumulate(stream[k:k+5], &a2)
		m7.Accumulate(stream[k:k+5], &a7)
		if a2[0] != a7[0] || a2[1] != a7[1] || a2[2] != 0 {
			t.Fatalf("features %v: two-class sums %v, seven-class %v", stream[k:k+5], a2, a7)
		}
		s2, s7 := make([]float32, 2), make([]float32, 7)
		m2.Score(stream[k:k+5], s2)
		m7.Score(stream[k:k+5], s7)
		if s2[0] != s7[0] || s2[1] != s7[1] {
			t.Fatalf("features %v: two-class scores %v, seven-class %v", stream[k:k+5], s2, s7)
		}
	}
}
