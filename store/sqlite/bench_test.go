package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/dedup"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/eval"
)

// analysed returns records for up to n PolNeAR dev articles (skipping the
// benchmark when the shared data is absent).
func analysed(tb testing.TB, n int) []quotewire.Record {
	tb.Helper()
	path := "../../../shared/data/polnear/dev.jsonl"
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("skipping: %v (the shared data lives beside the project)", err)
	}
	defer f.Close()
	p := engine.New()
	var recs []quotewire.Record
	err = eval.ReadGold(f, path, func(g eval.GoldArticle) error {
		if len(recs) >= n {
			return nil
		}
		a, err := p.Extract(quotewire.Article{ID: g.ID, Text: g.Text})
		if err != nil {
			return nil
		}
		recs = append(recs, quotewire.Record{Key: quotewire.ArticleKey("", g.Text), Analysis: a, Signature: dedup.Signature(g.Text)})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return recs
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
