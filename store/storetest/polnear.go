package storetest

import (
	"os"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/dedup"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/eval"
)

// Analysed returns records for up to n articles of a PolNeAR file (the
// shared dev set, for the backends' benchmarks), analysed by the default
// pipeline and signed for near-duplicate detection; it skips the test or
// benchmark when the file is absent.
func Analysed(tb testing.TB, path string, n int) []quotewire.Record {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("skipping: %v (the shared data lives beside the project)", err)
	}
	defer f.Close()
	p, err := engine.New(engine.Options{})
	if err != nil {
		tb.Fatal(err)
	}
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
