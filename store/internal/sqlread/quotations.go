package sqlread

import (
	"context"
	"errors"
	"fmt"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// Quotations calls fn for the quotations with ids after after (and up to
// upto when it is positive) that have occurrences (of the acts, when acts
// is not empty), page at a time, each with those occurrences oldest first
// (undated last); it is the rules.QuotationReader of both backends. A
// quotation without occurrences is on its way out (Replace deletes those
// it empties; a store written by an earlier build may hold some) and is
// not listed.
func Quotations(ctx context.Context, db DB, after, upto int64, page int, acts []string, fn func(*quotewire.Quotation) error) error {
	actCond := ""
	var actArgs []any
	if len(acts) > 0 {
		var c string
		c, actArgs = db.In("q.act", strs(acts))
		actCond = " AND " + c
	}
	last := after
	for {
		cond := "qn.id > ? AND qn.occurrences > 0"
		args := []any{last}
		if upto > 0 {
			cond += " AND qn.id <= ?"
			args = append(args, upto)
		}
		if actCond != "" {
			cond += " AND EXISTS (SELECT 1 FROM quotes q WHERE q.quotation = qn.id" + actCond + ")"
			args = append(args, actArgs...)
		}
		rows, err := db.Query(ctx, `SELECT qn.id, qn.text, COALESCE(e.name, ''), COALESCE(qn.speaker, 0), COALESCE(e.wikidata, ''), qn.first_date
			FROM quotations qn LEFT JOIN entities e ON e.id = qn.speaker WHERE `+cond+` ORDER BY qn.id LIMIT ?`, append(args, page)...)
		if err != nil {
			return Errf("read quotations", err)
		}
		var batch []*quotewire.Quotation
		byID := map[int64]*quotewire.Quotation{}
		for rows.Next() {
			qn := &quotewire.Quotation{Occurrences: []quotewire.Occurrence{}}
			if err := rows.Scan(&qn.ID, &qn.Text, &qn.Speaker, &qn.SpeakerID, &qn.SpeakerWikidata, &qn.FirstDate); err != nil {
				rows.Close()
				return Errf("read quotations", err)
			}
			batch = append(batch, qn)
			byID[qn.ID] = qn
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return Errf("read quotations", err)
		}
		if len(batch) == 0 {
			return nil
		}
		first, lastID := batch[0].ID, batch[len(batch)-1].ID
		rows, err = db.Query(ctx, `SELECT q.quotation, q.id, a.key, a.outlet, a.date, a.url, a.title, q.text, q.act
			FROM quotes q JOIN articles a ON a.id = q.article WHERE q.quotation BETWEEN ? AND ?`+actCond+`
			ORDER BY q.quotation, a.date = '', a.date, q.id`, append([]any{first, lastID}, actArgs...)...)
		if err != nil {
			return Errf("read occurrences", err)
		}
		for rows.Next() {
			var qid int64
			var o quotewire.Occurrence
			var act string
			if err := rows.Scan(&qid, &o.QuoteID, &o.ArticleKey, &o.Outlet, &o.Date, &o.URL, &o.Title, &o.Text, &act); err != nil {
				rows.Close()
				return Errf("read occurrences", err)
			}
			o.Act = quotewire.Act(act)
			if qn := byID[qid]; qn != nil {
				qn.Occurrences = append(qn.Occurrences, o)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return Errf("read occurrences", err)
		}
		for _, qn := range batch {
			if actCond != "" {
				qn.FirstDate = rules.FirstDate(qn.Occurrences)
			}
			qn.Reports, qn.Outlets = len(qn.Occurrences), outlets(qn.Occurrences)
			if err := fn(qn); err != nil {
				return err
			}
		}
		last = lastID
		if upto > 0 && last >= upto {
			return nil
		}
	}
}

// outlets counts the outlets among occurrences.
func outlets(occ []quotewire.Occurrence) int {
	seen := make(map[string]bool, len(occ))
	for _, o := range occ {
		seen[o.Outlet] = true
	}
	return len(seen)
}

// QuotationPage returns quotation id with its occurrences (of every act)
// oldest first (undated last), from the offset-th, at most limit of them
// (all from offset when limit is 0), and its counts of occurrences and
// outlets; quotewire.ErrNotFound when there is no such quotation or it
// has no occurrence (see Quotations). It is the Quotation of both
// backends: only the page is read into memory, whatever the count.
func QuotationPage(ctx context.Context, db DB, id int64, offset, limit int) (*quotewire.Quotation, error) {
	if offset < 0 || limit < 0 {
		return nil, fmt.Errorf("%w: negative offset or limit", quotewire.ErrBadQuery)
	}
	qn := &quotewire.Quotation{Occurrences: []quotewire.Occurrence{}}
	err := db.QueryRow(ctx, `SELECT qn.id, qn.text, COALESCE(e.name, ''), COALESCE(qn.speaker, 0), COALESCE(e.wikidata, ''), qn.first_date,
			(SELECT COUNT(*) FROM quotes q WHERE q.quotation = qn.id),
			(SELECT COUNT(DISTINCT a.outlet) FROM quotes q JOIN articles a ON a.id = q.article WHERE q.quotation = qn.id)
		FROM quotations qn LEFT JOIN entities e ON e.id = qn.speaker WHERE qn.id = ?`, id).
		Scan(&qn.ID, &qn.Text, &qn.Speaker, &qn.SpeakerID, &qn.SpeakerWikidata, &qn.FirstDate, &qn.Reports, &qn.Outlets)
	if errors.Is(err, ErrNoRows) || (err == nil && qn.Reports == 0) {
		return nil, fmt.Errorf("quotation %d: %w", id, quotewire.ErrNotFound)
	}
	if err != nil {
		return nil, Errf("read quotation", err)
	}
	if offset >= qn.Reports {
		return qn, nil
	}
	page := qn.Reports - offset
	if limit > 0 {
		page = min(page, limit)
	}
	rows, err := db.Query(ctx, `SELECT q.id, a.key, a.outlet, a.date, a.url, a.title, q.text, q.act
		FROM quotes q JOIN articles a ON a.id = q.article WHERE q.quotation = ?
		ORDER BY a.date = '', a.date, q.id LIMIT ? OFFSET ?`, id, page, offset)
	if err != nil {
		return nil, Errf("read occurrences", err)
	}
	defer rows.Close()
	for rows.Next() {
		var o quotewire.Occurrence
		var act string
		if err := rows.Scan(&o.QuoteID, &o.ArticleKey, &o.Outlet, &o.Date, &o.URL, &o.Title, &o.Text, &act); err != nil {
			return nil, Errf("read occurrences", err)
		}
		o.Act = quotewire.Act(act)
		qn.Occurrences = append(qn.Occurrences, o)
	}
	return qn, Errf("read occurrences", rows.Err())
}
