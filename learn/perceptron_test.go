package learn

import (
	"bytes"
	"strconv"
	"testing"
)

// TestLearnsAndRoundTrips trains on a separable toy task (the class is
// the word's last letter) and checks accuracy and the saved form.
func TestLearnsAndRoundTrips(t *testing.T) {
	words := []string{"alpha", "bravo", "delta", "tango", "golf", "hotel", "kilo", "lima", "echo", "oscar"}
	class := func(w string) int {
		switch w[len(w)-1] {
		case 'a':
			return 0
		case 'o':
			return 1
		}
		return 2
	}
	p := NewPerceptron(3, 12)
	scores := make([]float32, 3)
	for e := 0; e < 20; e++ {
		for _, i := range Shuffle(len(words), 7, e) {
			w := words[i]
			f := []Feature{Hash(1, w[len(w)-1:]), Hash(2, w)}
			p.Update(f, class(w), p.Predict(f, scores))
		}
	}
	p.Average()
	counts := map[Feature]int32{}
	for _, w := range words {
		for _, f := range []Feature{Hash(1, w[len(w)-1:]), Hash(2, w)} {
			counts[f]++
		}
	}
	right := 0
	for _, w := range words {
		if p.Predict([]Feature{Hash(1, w[len(w)-1:]), Hash(2, w)}, scores) == class(w) {
			right++
		}
	}
	if right != len(words) {
		t.Errorf("%d of %d right after training", right, len(words))
	}
	m := p.Compact(counts, 1, 0)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	saved := buf.Bytes()
	q, err := ReadModel(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		f := []Feature{Hash(1, w[len(w)-1:]), Hash(2, w)}
		qs := make([]float32, 3)
		q.Score(f, qs)
		best := 0
		for c := range qs {
			if qs[c] > qs[best] {
				best = c
			}
		}
		if p.Predict(f, scores) != best {
			ps := make([]float32, 3)
			p.Score(f, ps)
			t.Errorf("loaded model disagrees on %q: %v vs %v", w, ps, qs)
		}
	}
	var again bytes.Buffer
	q.WriteTo(&again)
	if !bytes.Equal(saved, again.Bytes()) {
		t.Error("saving a loaded model changed its bytes")
	}
	if _, err := ReadModel(bytes.NewReader([]byte("garbage"))); err == nil {
		t.Error("garbage loaded as a model")
	}
	if _, err := ReadModel(bytes.NewReader(saved[:len(saved)-3])); err == nil {
		t.Error("truncated model loaded")
	}
}

func BenchmarkScore(b *testing.B) {
	for _, bits := range []uint8{16, 18, 20} {
		b.Run(strconv.Itoa(int(bits)), func(b *testing.B) {
			p := NewPerceptron(7, bits)
			for i := range p.w {
				p.w[i] = float32(i%13) - 6
			}
			feats := make([]Feature, 30000)
			counts := map[Feature]int32{}
			for i := range feats {
				feats[i] = Hash(1, strconv.Itoa(i))
				counts[feats[i]] = 1
			}
			m := p.Compact(counts, 1, 0)
			scores := make([]float32, 7)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m.Score(feats, scores)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(feats)), "ns/feature")
		})
	}
}

// TestModelManyClasses checks the layout for more than eight classes.
func TestModelManyClasses(t *testing.T) {
	p := NewPerceptron(20, 10)
	f := []Feature{Hash(1, "a"), Hash(1, "b")}
	for i := 0; i < 30; i++ {
		p.Update(f[:1], 17, p.Predict(f[:1], make([]float32, 20)))
		p.Update(f[1:], 3, p.Predict(f[1:], make([]float32, 20)))
	}
	p.Average()
	m := p.Compact(map[Feature]int32{f[0]: 5, f[1]: 5}, 1, 0)
	var buf bytes.Buffer
	m.WriteTo(&buf)
	q, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []int{17, 3} {
		s := make([]float32, 20)
		q.Score(f[k:k+1], s)
		best := 0
		for c := range s {
			if s[c] > s[best] {
				best = c
			}
		}
		if best != want || q.Len() != 2 {
			t.Errorf("feature %d: class %d, want %d (len %d)", k, best, want, q.Len())
		}
	}
}

// TestDenseFeatures checks that dense features score in a compact model
// as they did in training, beside hashed ones, and survive saving.
func TestDenseFeatures(t *testing.T) {
	p := NewPerceptron(3, 12)
	scores := make([]float32, 3)
	feats := func(k int) []Feature {
		return []Feature{Dense(uint32(k % 5)), Dense(100 + uint32(k%3)), Mix(1, uint64(k%7))}
	}
	counts := map[Feature]int32{}
	for e := 0; e < 10; e++ {
		for k := 0; k < 60; k++ {
			f := feats(k)
			p.Update(f, k%3, p.Predict(f, scores))
			if e == 0 {
				for _, x := range f {
					counts[x]++
				}
			}
		}
	}
	p.Average()
	m := p.Compact(counts, 1, 0)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 60; k++ {
		want := make([]float32, 3)
		p.Score(feats(k), want)
		for _, mm := range []*Model{m, back} {
			got := make([]float32, 3)
			mm.Score(feats(k), got)
			for c := range got {
				if d := got[c] - want[c]; d > 0.01*(1+abs32(want[c])) || -d > 0.01*(1+abs32(want[c])) {
					t.Fatalf("example %d class %d: model %.4f, perceptron %.4f", k, c, got[c], want[c])
				}
			}
		}
	}
	if _, ok := isDense(Mix(1, 3)); ok {
		t.Error("a hashed feature looks dense")
	}
	if id, ok := isDense(Dense(7)); !ok || id != 7 {
		t.Errorf("isDense(Dense(7)) = %d, %v", id, ok)
	}
	if len(m.dense) == 0 {
		t.Error("no dense weights in the compact model")
	}
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// TestCompactMaxFeatures checks that a feature limit keeps the features
// with the largest weights.
func TestCompactMaxFeatures(t *testing.T) {
	p := NewPerceptron(2, 12)
	scores := make([]float32, 2)
	counts := map[Feature]int32{}
	// feature k is pushed toward class 1 in rounds 0..k-1: larger k,
	// larger weight
	for r := 0; r < 6; r++ {
		for k := 1; k <= 6; k++ {
			f := []Feature{Mix(9, uint64(k))}
			counts[f[0]] = 8
			if k > r {
				p.Update(f, 1, 0)
			}
		}
	}
	_ = scores
	// no averaging: feature k weighs k
	m := p.Compact(counts, 1, 2)
	if m.Len() != 2 {
		t.Fatalf("kept %d features, want 2", m.Len())
	}
	for k := 1; k <= 6; k++ {
		sc := make([]float32, 2)
		m.Score([]Feature{Mix(9, uint64(k))}, sc)
		if kept := sc[1] != 0; kept != (k >= 5) {
			t.Errorf("feature %d kept=%v, want kept only the two largest (5, 6)", k, kept)
		}
	}
}

func TestBagMean(t *testing.T) {
	// two runs that learned opposite weights for a feature average to zero;
	// a feature both learned keeps its weight
	f, g := Hash(1, "a"), Hash(1, "b")
	run := func(fTruth int) *Perceptron {
		p := NewPerceptron(2, 10)
		p.Update([]Feature{g}, 1, 0)
		p.Update([]Feature{f}, fTruth, 1-fTruth)
		p.Update([]Feature{g}, 1, 1) // a right guess: no change, one more step
		p.Average()
		return p
	}
	sum := run(1)
	sum.AddScaled(run(0), 1)
	sum.Scale(0.5)
	scores := make([]float32, 2)
	sum.Score([]Feature{f}, scores)
	if scores[0] != 0 || scores[1] != 0 {
		t.Errorf("feature learned both ways scores %v, want 0 0", scores)
	}
	one := run(1)
	want := make([]float32, 2)
	one.Score([]Feature{g}, want)
	scores[0], scores[1] = 0, 0
	sum.Score([]Feature{g}, scores)
	if scores[1] <= 0 || scores[1] > want[1]+1e-6 {
		t.Errorf("feature both runs learned scores %v in the mean, %v in one run", scores, want)
	}
}
