// Package latency sums up measured response times as the benchmarks
// report them: count, nearest-rank percentiles and maximum, in
// milliseconds.
package latency

import (
	"slices"
	"time"
)

// Summary sums up response times, in milliseconds.
type Summary struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

// Of sums up ds (sorted in place); the zero Summary when there are none.
// A percentile p is the nearest rank: the smallest time at least p of the
// times are no greater than.
func Of(ds []time.Duration) Summary {
	if len(ds) == 0 {
		return Summary{}
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	at := func(p float64) float64 {
		i := int(p*float64(len(ds))+0.5) - 1
		return ms(ds[min(max(i, 0), len(ds)-1)])
	}
	return Summary{N: len(ds), P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: ms(ds[len(ds)-1])}
}
