package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/quotewire/quotewire"
)

// Quotations: one statement across articles, its pages of occurrences.

func testQuotations(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	var qs []*quotewire.Quotation
	err := s.Quotations(context.Background(), nil, func(q *quotewire.Quotation) error {
		qs = append(qs, q)
		return nil
	})

	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 5 {
		t.Fatalf("%d quotations, want 5", len(qs))
	}
	shared := qs[0]
	if len(shared.Occurrences) != 2 || shared.FirstDate != "2017-10-04" || shared.Speaker != "Sergey Lavrov" {
		t.Fatalf("shared quotation = %+v, want two occurrences from 2017-10-04 by Sergey Lavrov", shared)
	}
	if o := shared.Occurrences; o[0].Outlet != "tass.com" || o[1].Outlet != "example.org" || o[0].Date > o[1].Date {
		t.Errorf("occurrences not oldest first with outlets: %+v", o)
	}
	if shared.Reports != 2 || shared.Outlets != 2 {
		t.Errorf("shared quotation: %d reports from %d outlets, want 2 from 2", shared.Reports, shared.Outlets)
	}
	for i := 1; i < len(qs); i++ {
		if qs[i].ID <= qs[i-1].ID {
			t.Errorf("quotations not in id order")
		}
	}
	stop := errors.New("stop")
	n := 0
	err = s.Quotations(context.Background(), nil, func(*quotewire.Quotation) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("an error from fn: got %v after %d calls", err, n)
	}
}

// testQuotationPages reads a statement reported by seven articles (two
// of one outlet, one undated) a page at a time: the pages put together
// are the whole, oldest first and undated last, and every page counts
// all the reports and outlets.
func testQuotationPages(t *testing.T, s quotewire.Store) {
	ctx := context.Background()
	const said = "the talks would go on next week"
	dates := []string{"2019-03-05", "2019-03-01", "", "2019-03-04", "2019-03-02", "2019-03-03", "2019-03-06"}
	var recs []quotewire.Record
	for i, d := range dates {
		outlet := fmt.Sprintf("outlet%d.example", i)
		if i == 6 {
			outlet = "outlet0.example"
		}
		recs = append(recs, Article(fmt.Sprintf("p%d", i), fmt.Sprintf("https://%s/%d", outlet, i), d, outlet,
			fmt.Sprintf("Anna Berg said %s. Report %d.", said, i),
			[]Entity{{"Anna Berg", quotewire.Person, nil}}, []Quote{{said, "Anna Berg"}}))
	}
	put(t, s, recs...)
	hits := search(t, s, quotewire.Query{Text: "talks"})
	if len(hits) == 0 {
		t.Fatal("no hit for talks")
	}
	id := hits[0].QuotationID
	all, err := s.Quotation(ctx, id, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, o := range all.Occurrences {
		order = append(order, o.Date)
	}
	want := "[2019-03-01 2019-03-02 2019-03-03 2019-03-04 2019-03-05 2019-03-06 ]"
	if fmt.Sprint(order) != want || all.Reports != 7 || all.Outlets != 6 {
		t.Fatalf("all: dates %v, %d reports, %d outlets; want %s, 7, 6", order, all.Reports, all.Outlets, want)
	}
	var paged []quotewire.Occurrence
	for off := 0; off < 9; off += 3 {
		p, err := s.Quotation(ctx, id, off, 3)
		if err != nil {
			t.Fatal(err)
		}
		if p.Reports != 7 || p.Outlets != 6 || p.ID != id || p.Text != all.Text || p.FirstDate != "2019-03-01" {
			t.Errorf("page at %d: %+v", off, p)
		}
		if wantLen := min(3, max(0, 7-off)); len(p.Occurrences) != wantLen {
			t.Errorf("page at %d: %d occurrences, want %d", off, len(p.Occurrences), wantLen)
		}
		paged = append(paged, p.Occurrences...)
	}
	if fmt.Sprint(paged) != fmt.Sprint(all.Occurrences) {
		t.Errorf("pages put together:\n%v\nall at once:\n%v", paged, all.Occurrences)
	}
	if p, err := s.Quotation(ctx, id, 6, 0); err != nil || len(p.Occurrences) != 1 || p.Occurrences[0].Date != "" {
		t.Errorf("from the 7th, no limit: %+v, %v", p, err)
	}
	if _, err := s.Quotation(ctx, id, -1, 3); !errors.Is(err, quotewire.ErrBadQuery) {
		t.Errorf("negative offset: %v", err)
	}
}

func testEntitiesAndQuotation(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	ctx := context.Background()
	places, err := s.Entities(ctx, "", quotewire.Place, nil, 10)
	if err != nil || len(places) != 1 || places[0].Name != "Geneva" || places[0].Quotes != 0 {
		t.Errorf("places = %+v, %v", places, err)
	}
	all, err := s.Entities(ctx, "", "", nil, 100)
	if err != nil || len(all) != 5 {
		t.Errorf("all entities = %d, %v; want 5", len(all), err)
	}
	sps, err := s.Speakers(ctx, "lavrov", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatalf("speakers: %v %v", sps, err)
	}
	one, err := s.Speaker(ctx, sps[0].ID, nil)
	if err != nil || one.Name != "Sergey Lavrov" || one.Quotes != 4 || len(one.Aliases) != 3 {
		t.Errorf("Speaker(%d) = %+v, %v", sps[0].ID, one, err)
	}
	if _, err := s.Speaker(ctx, 1<<40, nil); !errors.Is(err, quotewire.ErrNotFound) {
		t.Errorf("unknown speaker: %v", err)
	}
	hits := search(t, s, quotewire.Query{SpeakerID: sps[0].ID})
	if len(hits) != 4 {
		t.Errorf("quotes of speaker %d = %d, want 4", sps[0].ID, len(hits))
	}
	q, err := s.Quotation(ctx, hits[len(hits)-1].QuotationID, 0, 0)
	if err != nil || len(q.Occurrences) == 0 {
		t.Fatalf("Quotation: %+v %v", q, err)
	}
	if _, err := s.Quotation(ctx, 1<<40, 0, 0); !errors.Is(err, quotewire.ErrNotFound) {
		t.Errorf("unknown quotation: %v", err)
	}
}
