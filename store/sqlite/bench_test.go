package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
	"github.com/quotewire/quotewire/internal/proc"
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

// BenchmarkPutTrain stores the analysed PolNeAR train articles into a new
// store in batches as an ingest does (archive.DefaultBatch), reporting
// articles per second and CPU time (all threads) per article.
func BenchmarkPutTrain(b *testing.B) {
	recs := storetest.Analysed(b, "../../../shared/data/polnear/train.jsonl", 1<<20)
	dir := b.TempDir()
	ctx, cancel := context.WithCancel(context.Background()) // as a command's
	defer cancel()
	var cpu time.Duration
	i := 0
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(dir, fmt.Sprintf("t%d.db", i)))
		i++
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := proc.CPU()
		for j := 0; j < len(recs); j += archive.DefaultBatch {
			if _, err := s.Put(ctx, recs[j:min(j+archive.DefaultBatch, len(recs))]); err != nil {
				b.Fatal(err)
			}
		}
		cpu += proc.CPU() - c0
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	n := float64(len(recs) * b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/article")
}
