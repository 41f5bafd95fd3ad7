package ui

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/quotewire/quotewire"
)

// occurrenceView is one report of a quotation.
type occurrenceView struct {
	quotewire.Occurrence
	// First marks the first report, the one the others are compared with.
	First bool
	// Link is the article's address when it is an http(s) URL, else "".
	Link string
	// Diff is the report's wording against the first report's (nil when
	// the two texts are the same to the byte: the page shows Text); Same
	// is true when they do not differ.
	Diff []wordOp
	Same bool
}

// ReportsPerPage is how many reports of a statement its quotation page
// shows at once: a statement syndicated to hundreds of outlets would
// otherwise make a page of hundreds of reports, each compared word by
// word with the first, in one request.
const ReportsPerPage = 100

// quotationView is the data of the quotation page.
type quotationView struct {
	head
	Q *quotewire.Quotation
	// Occurrences are the reports on this page; Reports counts them all.
	Occurrences []occurrenceView
	Reports     int
	Outlets     int
	// Page is the page shown (from 1), From and To the numbers of its
	// first and last reports; Prev and Next link the pages around it.
	Page, From, To int
	Prev, Next     string
}

// quotation serves one statement with every article that reported it,
// the first report marked and the others' wording compared with it.
func (u *UI) quotation(w http.ResponseWriter, r *http.Request) error {
	id, ok := pathID(r)
	if !ok {
		return notFound("There is no quotation %q: quotation pages are numbered.", r.PathValue("id"))
	}
	// a page that is not one is reported with the pages there are,
	// counted with the first page's reports
	asked, page, bad := r.URL.Query().Get("page"), 1, false
	if asked != "" {
		n, err := strconv.Atoi(asked)
		// past math.MaxInt32 reports no store holds: (n-1)*ReportsPerPage
		// must not overflow
		bad = err != nil || n < 1 || n > math.MaxInt32/ReportsPerPage
		if !bad {
			page = n
		}
	}
	from := (page - 1) * ReportsPerPage
	qn, err := u.store.Quotation(r.Context(), id, from, ReportsPerPage)
	if errors.Is(err, quotewire.ErrNotFound) {
		return notFound("There is no quotation with the id %d.", id)
	}
	if err != nil {
		return err
	}
	v := quotationView{Q: qn, Page: page, Reports: qn.Reports, Outlets: qn.Outlets}
	v.Title = "Quotation"
	if qn.Speaker != "" {
		v.Title = qn.Speaker + " · quotation"
	}
	pages := max(1, (v.Reports+ReportsPerPage-1)/ReportsPerPage)
	if bad || page > pages {
		return badRequest("Page %q does not exist: this statement's reports fill pages 1 to %d.", asked, pages)
	}
	// the first report, which the others are compared with
	first := qn.Occurrences
	if from > 0 {
		q1, err := u.store.Quotation(r.Context(), id, 0, 1)
		if err != nil {
			return err
		}
		first = q1.Occurrences
	}
	to := from + len(qn.Occurrences)
	for i, o := range qn.Occurrences {
		ov := occurrenceView{Occurrence: o, First: from+i == 0, Link: webURL(o.URL), Same: true}
		// a statement syndicated word for word is most reports of it:
		// those need no diff, and their words no template work each
		if from+i > 0 && len(first) > 0 && o.Text != first[0].Text {
			ov.Diff = diffWords(first[0].Text, o.Text)
			for _, d := range ov.Diff {
				ov.Same = ov.Same && d.Op == opEqual
			}
		}
		v.Occurrences = append(v.Occurrences, ov)
	}
	v.From, v.To = from+1, to
	here := "/quotations/" + strconv.FormatInt(id, 10)
	if v.Page > 1 {
		v.Prev = pageURL(here, v.Page-1)
	}
	if v.Page < pages {
		v.Next = pageURL(here, v.Page+1)
	}
	return u.render(w, http.StatusOK, "quotation", v)
}

// pageURL returns path at page (from 1): path itself for the first.
func pageURL(path string, page int) string {
	if page <= 1 {
		return path
	}
	return path + "?page=" + strconv.Itoa(page)
}
