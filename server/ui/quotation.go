package ui

import (
	"errors"
	"net/http"

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

// quotationView is the data of the quotation page.
type quotationView struct {
	head
	Q           *quotewire.Quotation
	Occurrences []occurrenceView
	Outlets     int
}

// quotation serves one statement with every article that reported it,
// the first report marked and the others' wording compared with it.
func (u *UI) quotation(w http.ResponseWriter, r *http.Request) error {
	id, ok := pathID(r)
	if !ok {
		return notFound("There is no quotation %q: quotation pages are numbered.", r.PathValue("id"))
	}
	qn, err := u.store.Quotation(r.Context(), id)
	if errors.Is(err, quotewire.ErrNotFound) {
		return notFound("There is no quotation with the id %d.", id)
	}
	if err != nil {
		return err
	}
	v := quotationView{Q: qn}
	v.Title = "Quotation"
	if qn.Speaker != "" {
		v.Title = qn.Speaker + " · quotation"
	}
	outlets := map[string]bool{}
	for i, o := range qn.Occurrences {
		ov := occurrenceView{Occurrence: o, First: i == 0, Link: webURL(o.URL), Same: true}
		// a statement syndicated word for word is most reports of it:
		// those need no diff, and their words no template work each
		if i > 0 && o.Text != qn.Occurrences[0].Text {
			ov.Diff = diffWords(qn.Occurrences[0].Text, o.Text)
			for _, d := range ov.Diff {
				ov.Same = ov.Same && d.Op == opEqual
			}
		}
		v.Occurrences = append(v.Occurrences, ov)
		outlets[o.Outlet] = true
	}
	v.Outlets = len(outlets)
	return u.render(w, http.StatusOK, "quotation", v)
}
