package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/storetest"
)

// analysed returns records for up to n PolNeAR dev articles (skipping the
// benchmark when the shared data is absent).
func analysed(tb testing.TB, n int) []quotewire.Record {
	return storetest.Analysed(tb, "../../../shared/data/polnear/dev.jsonl", n)
}

// BenchmarkPut stores analysed PolNeAR dev articles in batches of 100,
// reporting articles per second.
func BenchmarkPut(b *testing.B) {
	recs := analysed(b, 100)
	dir := b.TempDir()
	i := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(dir, fmt.Sprintf("b%d.db", i)))
		i++
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Put(context.Background(), recs); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
