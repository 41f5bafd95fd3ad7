package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// TestQuotationPages checks that a statement reported more often than a
// page holds is shown ReportsPerPage reports at a time, oldest first,
// with its totals over every report, links between the pages, the first
// report's badge on the first page only, and later pages' reports still
// compared with the first report.
func TestQuotationPages(t *testing.T) {
	const n = 2*ReportsPerPage + 5
	said := "the harbour will reopen in spring after the repairs"
	var recs []quotewire.Record
	for i := range n {
		content := said
		if i == ReportsPerPage+20 {
			content = "the harbour will reopen in spring, after the repairs" // on page 2
		}
		text := fmt.Sprintf("Mayor Ida Kask said %s, report %d.", content, i)
		recs = append(recs, article(fmt.Sprintf("h%d", i), fmt.Sprintf("https://outlet%d.example/h/%d", i%7, i),
			fmt.Sprintf("2019-%02d-%02d", 1+i/28%12, 1+i%28), fmt.Sprintf("outlet%d.example", i%7), text,
			[]entity{{"Ida Kask", quotewire.Person, []string{"Mayor"}}},
			[]quote{{content, "Ida Kask", ""}}))
	}
	s := newStore(t, recs...)
	hits, err := s.Search(context.Background(), quotewire.Query{Text: "harbour spring"})
	if err != nil || len(hits) == 0 || hits[0].QuotationID == 0 {
		t.Fatalf("search: %v %v", hits, err)
	}
	path := fmt.Sprintf("/quotations/%d", hits[0].QuotationID)
	h := New(Config{Store: s, Logger: quiet()}).Handler()
	tests := []struct {
		target string
		status int
		check  pageCheck
	}{
		{path, 200, both(has(fmt.Sprintf("Reported %d times by 7 outlets", n), fmt.Sprintf("Reports 1 to %d of %d", ReportsPerPage, n),
			"First report", `<ol class="reports" start="1">`, fmt.Sprintf(`rel="next" href="%s?page=2"`, path)), lacks(`rel="prev"`))},
		{path + "?page=2", 200, both(has(fmt.Sprintf("Reported %d times by 7 outlets", n), fmt.Sprintf("Reports %d to %d of %d", ReportsPerPage+1, 2*ReportsPerPage, n),
			fmt.Sprintf(`<ol class="reports" start="%d">`, ReportsPerPage+1), "spring<ins>,</ins>",
			fmt.Sprintf(`rel="prev" href="%s"`, path), fmt.Sprintf(`rel="next" href="%s?page=3"`, path)), lacks("First report"))},
		{path + "?page=3", 200, both(has(fmt.Sprintf("Reports %d to %d of %d", 2*ReportsPerPage+1, n, n), fmt.Sprintf(`rel="prev" href="%s?page=2"`, path)),
			lacks(`rel="next"`, "<ins>,</ins>"))},
		{path + "?page=4", 400, has("(400)", "Page &#34;4&#34; does not exist", "pages 1 to 3")},
		{path + "?page=0", 400, has("pages 1 to 3")},
		{path + "?page=two", 400, has("pages 1 to 3")},
		{path + "?page=922337203685477580", 400, has("pages 1 to 3")}, // (page-1)*100 would overflow
		{path + "?page=99999999999999999999", 400, has("pages 1 to 3")},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			tt.check(t, r.body)
			if tt.status == 200 {
				if got := strings.Count(r.body, `<li class="report`); got > ReportsPerPage {
					t.Errorf("%d reports on one page, over %d", got, ReportsPerPage)
				}
			}
		})
	}
}
