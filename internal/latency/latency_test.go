package latency

import (
	"testing"
	"time"
)

func TestOf(t *testing.T) {
	tests := []struct {
		name string
		ms   []int
		want Summary
	}{
		{"none", nil, Summary{}},
		{"one", []int{7}, Summary{N: 1, P50: 7, P95: 7, P99: 7, Max: 7}},
		{"1 to 100 shuffled", shuffled(100), Summary{N: 100, P50: 50, P95: 95, P99: 99, Max: 100}},
		{"ten", []int{5, 1, 4, 2, 3, 10, 9, 8, 7, 6}, Summary{N: 10, P50: 5, P95: 10, P99: 10, Max: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := make([]time.Duration, len(tt.ms))
			for i, m := range tt.ms {
				ds[i] = time.Duration(m) * time.Millisecond
			}
			if got := Of(ds); got != tt.want {
				t.Errorf("Of(%v) = %+v, want %+v", tt.ms, got, tt.want)
			}
		})
	}
}

// shuffled is 1…n in a scrambled order.
func shuffled(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = (i*37)%n + 1
	}
	return out
}
