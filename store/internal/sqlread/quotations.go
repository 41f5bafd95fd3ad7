package sqlread

import (
	"context"

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
