package ui

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/testpipe"
)

// BenchmarkPages renders each page, end to end through the handler
// (routing, store reads, templates), on the demo corpus: the founding
// article and the Wikinews articles, analysed by the real pipeline.
func BenchmarkPages(b *testing.B) {
	if testing.Short() {
		b.Skip("analysing the demo corpus takes seconds")
	}
	recs := readCorpus(b, testpipe.Default(b), seedFile, "../../testdata/wikinews/wikinews_2019.csv", "../../testdata/wikinews/wikinews_2020.csv")
	st := newStore(b, recs...)
	ctx := context.Background()
	top, err := st.TopSpeakers(ctx, quotewire.Query{Limit: 1})
	if err != nil || len(top) == 0 {
		b.Fatalf("top speakers: %v %v", top, err)
	}
	// the article with the most quotes, and a quotation reported twice
	busiest := recs[0]
	for _, r := range recs {
		if len(r.Analysis.Quotes) > len(busiest.Analysis.Quotes) {
			busiest = r
		}
	}
	var quotation int64
	err = st.Quotations(ctx, nil, func(q *quotewire.Quotation) error {
		if len(q.Occurrences) > 1 && quotation == 0 {
			quotation = q.ID
		}
		return nil
	})

	if err != nil || quotation == 0 {
		b.Fatalf("no quotation reported twice: %v", err)
	}
	h := New(Config{Store: st, Logger: quiet(), OverviewTTL: -1}).Handler()
	b.Logf("%d articles; the busiest has %d quotes", len(recs), len(busiest.Analysis.Quotes))
	for _, page := range []struct{ name, target string }{
		{"overview", "/"},
		{"search", "/?q=" + url.QueryEscape("president OR election")},
		{"search filtered", "/?q=said&from=2020&to=2020-12&page=2"},
		{"article", "/articles/" + busiest.Key},
		{"seed article", "/articles/" + recs[0].Key},
		{"speaker", fmt.Sprintf("/speakers/%d", top[0].ID)},
		{"speaker topic by week", fmt.Sprintf("/speakers/%d?q=election&period=week", top[0].ID)},
		{"quotation", fmt.Sprintf("/quotations/%d", quotation)},
	} {
		b.Run(page.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", page.target, nil))
				if rec.Code != 200 {
					b.Fatalf("GET %s: status %d", page.target, rec.Code)
				}
			}
		})
	}
}
