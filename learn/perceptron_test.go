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
	right := 0
	for _, w := range words {
		if p.Predict([]Feature{Hash(1, w[len(w)-1:]), Hash(2, w)}, scores) == class(w) {
			right++
		}
	}
	if right != len(words) {
		t.Errorf("%d of %d right after training", right, len(words))
	}
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	saved := buf.Bytes()
	q, err := ReadPerceptron(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		f := []Feature{Hash(1, w[len(w)-1:]), Hash(2, w)}
		if p.Predict(f, scores) != q.Predict(f, make([]float32, 3)) {
			t.Errorf("loaded model disagrees on %q", w)
		}
	}
	var again bytes.Buffer
	q.WriteTo(&again)
	if !bytes.Equal(saved, again.Bytes()) {
		t.Error("saving a loaded model changed its bytes")
	}
	if _, err := ReadPerceptron(bytes.NewReader([]byte("garbage"))); err == nil {
		t.Error("garbage loaded as a model")
	}
	if _, err := ReadPerceptron(bytes.NewReader(saved[:len(saved)-3])); err == nil {
		t.Error("truncated model loaded")
	}
}

func BenchmarkScore(b *testing.B) {
	for _, bits := range []uint8{16, 18, 20} {
		b.Run(strconv.Itoa(int(bits)), func(b *testing.B) {
			p := NewPerceptron(7, bits)
			for i := range p.w {
				p.w[i] = float32(i % 13)
			}
			p.quantize()
			feats := make([]Feature, 30000)
			for i := range feats {
				feats[i] = Hash(1, strconv.Itoa(i))
			}
			scores := make([]float32, 7)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p.Score(feats, scores)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(feats)), "ns/feature")
		})
	}
}
