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
