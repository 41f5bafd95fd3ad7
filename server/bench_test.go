package server

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/quotewire/quotewire"
)

// BenchmarkSearchAPI measures GET /api/quotes end to end through the
// handler (routing, parameters, SQLite full-text search, JSON) on a store
// of 400 articles.
func BenchmarkSearchAPI(b *testing.B) {
	topics := []string{"sanctions", "elections", "the harvest", "the budget", "peace talks"}
	var recs []quotewire.Record
	for i := range 400 {
		topic := topics[i%len(topics)]
		speaker := fmt.Sprintf("Speaker%d Person%d", i%37, i%37)
		text := fmt.Sprintf("%s said that %s would change everything in region %d. Officials said %s mattered in year %d.",
			speaker, topic, i, topic, 2000+i%20)
		recs = append(recs, article(fmt.Sprintf("b%d", i), fmt.Sprintf("https://example.org/%d", i),
			fmt.Sprintf("%d-%02d-%02d", 2000+i%20, 1+i%12, 1+i%28), "example.org", text,
			[]entity{{speaker, quotewire.Person, nil}},
			[]quote{{fmt.Sprintf("%s would change everything in region %d", topic, i), speaker}, {fmt.Sprintf("%s mattered in year %d", topic, 2000+i%20), ""}}))
	}
	h := New(Config{Store: newStore(b, recs...), Logger: quietLogger()})
	for _, target := range []string{
		"/api/quotes?q=sanctions&limit=20",
		"/api/quotes?q=%22peace+talks%22+OR+budget&from=2005&to=2015&limit=50",
		"/api/quotes?speaker=Person3",
	} {
		b.Run(target, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
				if rec.Code != 200 {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
