package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// Search: words, filters, bad queries, query text as data, paging.

func texts(hits []quotewire.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Text)
	}
	return out
}

func testSearchText(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	tests := []struct {
		q    string
		want int
	}{
		{"sanctions", 1},
		{"Sanctions", 1},
		{"peace process", 2},
		{`"process peace"`, 0},
		{`"peace process"`, 2},
		{"negotiat*", 1},
		{"sanctions OR debate", 2},
		{"syria -sanctions", 2},
		{"syria NOT peace", 0},
		{"(debate OR campaign) strong", 1},
		{"nowhere geneva", 1},
		{"Lavrov", 0}, // speaker names are not quote words
	}
	for _, tt := range tests {
		hits := search(t, s, quotewire.Query{Text: tt.q})
		if len(hits) != tt.want {
			t.Errorf("search %q: %d hits %q, want %d", tt.q, len(hits), texts(hits), tt.want)
		}
		for _, h := range hits {
			if h.ArticleKey == "" || h.Date == "" || h.URL == "" || h.Outlet == "" || h.QuotationID == 0 {
				t.Errorf("search %q: hit lacks article details: %+v", tt.q, h)
			}
		}
	}
}

func testSearchFilters(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	tests := []struct {
		name string
		q    quotewire.Query
		want int
	}{
		{"speaker surname", quotewire.Query{Speaker: "Lavrov"}, 4},
		{"speaker variant spelling", quotewire.Query{Speaker: "Sergei Lavrov"}, 4},
		{"speaker full name", quotewire.Query{Speaker: "sergey lavrov"}, 4},
		{"speaker and text", quotewire.Query{Speaker: "Lavrov", Text: "sanctions"}, 1},
		{"unknown speaker", quotewire.Query{Speaker: "Nobody Atall"}, 0},
		{"hillary", quotewire.Query{Speaker: "Hillary Clinton"}, 1},
		{"outlet", quotewire.Query{Outlet: "example.org"}, 3},
		{"outlet with www", quotewire.Query{Outlet: "www.tass.com"}, 1},
		{"outlet and text", quotewire.Query{Outlet: "example.org", Text: "peace OR negotiations"}, 2},
		{"outlet and text elsewhere", quotewire.Query{Outlet: "tass.com", Text: "negotiations"}, 0},
		{"unknown outlet and text", quotewire.Query{Outlet: "nowhere.example", Text: "peace"}, 0},
		{"date range", quotewire.Query{From: "2017-10-05", To: "2017-10-31"}, 2},
		{"year", quotewire.Query{From: "2016", To: "2016"}, 2},
		{"month", quotewire.Query{To: "2017-10"}, 5},
		{"entity", quotewire.Query{Entity: "Geneva"}, 1},
		{"entity UN", quotewire.Query{Entity: "UN"}, 1},
		{"entity by its canonical name", quotewire.Query{Entity: "United Nations"}, 1}, // stored as "UN" by an older build
		{"entity U.N.", quotewire.Query{Entity: "U.N."}, 1},
		{"about", quotewire.Query{About: "UN"}, 1},
		{"about, by another form", quotewire.Query{About: "United Nations"}, 1},
		{"about a place", quotewire.Query{About: "Geneva"}, 1},
		{"about and speaker", quotewire.Query{About: "UN", Speaker: "Lavrov"}, 1},
		{"about and another speaker", quotewire.Query{About: "UN", Speaker: "Hillary Clinton"}, 0},
		{"about and text", quotewire.Query{About: "UN", Text: "peace"}, 1},
		{"about and text elsewhere", quotewire.Query{About: "UN", Text: "sanctions"}, 0},
		{"about oneself is not about", quotewire.Query{About: "Sergey Lavrov", Speaker: "Sergey Lavrov"}, 0},
		{"about nobody stored", quotewire.Query{About: "Nobody Atall"}, 0},
		{"limit", quotewire.Query{Limit: 2}, 2},
		{"offset", quotewire.Query{Limit: 10, Offset: 5}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := search(t, s, tt.q)
			if len(hits) != tt.want {
				t.Errorf("%+v: %d hits %q, want %d", tt.q, len(hits), texts(hits), tt.want)
			}
		})
	}
	// without text, newest first
	hits := search(t, s, quotewire.Query{})
	for i := 1; i < len(hits); i++ {
		if hits[i-1].Date < hits[i].Date {
			t.Errorf("hits not newest first: %s before %s", hits[i-1].Date, hits[i].Date)
		}
	}
}

func testBadQueries(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	for _, q := range []quotewire.Query{
		{Text: `"unclosed`}, {Text: "(syria"}, {Text: "-syria"}, {Text: "syria OR"},
		{From: "04/10/2017"}, {To: "2017-1"}, {Limit: 1 << 30}, {Offset: -1},
	} {
		_, err := s.Search(context.Background(), q)
		if !errors.Is(err, quotewire.ErrBadQuery) {
			t.Errorf("Search(%+v) error = %v, want ErrBadQuery", q, err)
			continue
		}
		if msg := strings.ToLower(err.Error()); strings.Contains(msg, "sql") || strings.Contains(msg, "fts5") {
			t.Errorf("Search(%+v) error leaks the database: %v", q, err)
		}
	}
}

func testQueryTextIsData(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	for _, q := range []quotewire.Query{
		{Text: `'; DROP TABLE quotes; --`},
		{Text: `syria" OR 1=1 --`},
		{Speaker: `x' OR '1'='1`},
		{Outlet: `' OR 1=1 --`},
		{Entity: `%`},
		{Text: "NEAR(syria peace)"},
		{Text: "text:syria"},
	} {
		hits, err := s.Search(context.Background(), q)
		if err != nil && !errors.Is(err, quotewire.ErrBadQuery) {
			t.Errorf("Search(%+v): %v", q, err)
		}
		if len(hits) > 2 {
			t.Errorf("Search(%+v) = %d hits: query text acted as syntax", q, len(hits))
		}
	}
	if st := stats(t, s); st.Quotes != 6 {
		t.Errorf("quotes after hostile queries = %d, want 6", st.Quotes)
	}
}

// testSearchPagesThroughTies searches words that six reports of one
// statement share (equal in rank) and one other quote: page after page of
// two, the hits are those of one page of ten, the ties newest first.
func testSearchPagesThroughTies(t *testing.T, s quotewire.Store) {
	const said = "the harbour will reopen in spring"
	var recs []quotewire.Record
	for i, d := range []string{"2018-05-03", "2018-05-01", "2018-05-06", "2018-05-02", "2018-05-05", "2018-05-04"} {
		recs = append(recs, Article(fmt.Sprintf("t%d", i), fmt.Sprintf("https://ties%d.example/%d", i, i), d, fmt.Sprintf("ties%d.example", i),
			fmt.Sprintf("Karl Vos said %s. Report %d.", said, i),
			[]Entity{{"Karl Vos", quotewire.Person, nil}}, []Quote{{said, "Karl Vos"}}))
	}
	recs = append(recs, Article("t9", "https://ties9.example/9", "2018-04-01", "ties9.example",
		"Karl Vos said the harbour was closed for the winter and would reopen once the ice had gone from the bay.",
		[]Entity{{"Karl Vos", quotewire.Person, nil}}, []Quote{{"the harbour was closed for the winter and would reopen once the ice had gone from the bay", "Karl Vos"}}))
	put(t, s, recs...)
	all := search(t, s, quotewire.Query{Text: "harbour reopen", Limit: 10})
	var dates []string
	for _, h := range all {
		dates = append(dates, h.Date)
	}
	if len(all) != 7 || fmt.Sprint(dates[:6]) != "[2018-05-06 2018-05-05 2018-05-04 2018-05-03 2018-05-02 2018-05-01]" {
		t.Fatalf("harbour reopen: %d hits, dates %v; want the six equal reports newest first, then the longer quote", len(all), dates)
	}
	var paged []quotewire.Hit
	for off := 0; off < 8; off += 2 {
		paged = append(paged, search(t, s, quotewire.Query{Text: "harbour reopen", Limit: 2, Offset: off})...)
	}
	if len(paged) != len(all) {
		t.Fatalf("pages of two: %d hits, one page of ten: %d", len(paged), len(all))
	}
	for i := range all {
		if paged[i].ID != all[i].ID || paged[i].Score != all[i].Score {
			t.Errorf("hit %d: pages of two give %d (%s, %.4f), one page %d (%s, %.4f)", i, paged[i].ID, paged[i].Date, paged[i].Score, all[i].ID, all[i].Date, all[i].Score)
		}
	}
}
