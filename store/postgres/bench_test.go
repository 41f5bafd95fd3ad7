package postgres

import (
	"context"
	"sync"
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

// BenchmarkPut stores analysed PolNeAR dev articles into a fresh schema
// with 1 and with 4 writers (stores with pools of their own, as worker
// processes have; each writer stores all of them under its own URLs, in
// batches of 100), reporting articles per second and the milliseconds per
// article spent holding the store's locks (what no number of writers
// shares; see docs/SCALING.md).
func BenchmarkPut(b *testing.B) {
	recs := analysed(b, 100)
	for _, writers := range []int{1, 4} {
		b.Run(map[int]string{1: "writers=1", 4: "writers=4"}[writers], func(b *testing.B) {
			var held float64
			n := 0
			for b.Loop() {
				b.StopTimer()
				schema := freshSchema(b)
				stores := make([]*Store, writers)
				for k := range stores {
					stores[k] = openIn(b, schema)
				}
				b.StartTimer()
				var wg sync.WaitGroup
				for k, s := range stores {
					wg.Add(1)
					go func() {
						defer wg.Done()
						mine := make([]quotewire.Record, len(recs))
						for i, r := range recs {
							a := *r.Analysis
							a.URL = "https://writer" + string(rune('a'+k)) + ".example/" + r.Key
							mine[i] = quotewire.Record{Key: quotewire.ArticleKey(a.URL, a.Text), Analysis: &a, Signature: r.Signature}
						}
						for len(mine) > 0 {
							m := min(100, len(mine))
							if _, err := s.Put(context.Background(), mine[:m]); err != nil {
								b.Error(err)
								return
							}
							mine = mine[m:]
						}
					}()
				}
				wg.Wait()
				b.StopTimer()
				for _, s := range stores {
					t := s.WriteTimings()
					held += (t.Resolve + t.Cluster).Seconds()
					s.Close()
				}
				n += writers * len(recs)
				b.StartTimer()
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(1000*held/float64(n), "locked-ms/article")
		})
	}
}

// BenchmarkPutTrain stores the analysed PolNeAR train articles into a
// fresh schema in batches as an ingest does (archive.DefaultBatch),
// reporting articles per second, the CPU time per article of this
// process and of the store's PostgreSQL backends (the pool's
// connections, read from /proc when the database runs on this machine),
// and the round trips per batch.
func BenchmarkPutTrain(b *testing.B) {
	recs := storetest.Analysed(b, "../../../shared/data/polnear/train.jsonl", 1<<20)
	ctx, cancel := context.WithCancel(context.Background()) // as a command's
	defer cancel()
	var cpu, dbCPU time.Duration
	for b.Loop() {
		b.StopTimer()
		s := openIn(b, freshSchema(b))
		pids := backendPIDs(b, s)
		b.StartTimer()
		c0, d0 := proc.CPU(), backendCPU(pids)
		for j := 0; j < len(recs); j += archive.DefaultBatch {
			if _, err := s.Put(ctx, recs[j:min(j+archive.DefaultBatch, len(recs))]); err != nil {
				b.Fatal(err)
			}
		}
		cpu += proc.CPU() - c0
		dbCPU += backendCPU(pids) - d0
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	n := float64(len(recs) * b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/article")
	b.ReportMetric(float64(dbCPU.Microseconds())/n, "db-cpu-µs/article")
}
