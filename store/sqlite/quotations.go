package sqlite

import (
	"context"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// Quotation returns one quotation with its occurrences (of every act),
// oldest first.
func (s *Store) Quotation(ctx context.Context, id int64) (*quotewire.Quotation, error) {
	return rules.Quotation(ctx, id, s.quotations)
}

// Quotations calls fn for every quotation with an occurrence of the acts
// (every quotation when acts is empty), in id order, with those
// occurrences oldest first, a page at a time (see rules.Quotations); fn
// runs between pages, so it may use the store.
func (s *Store) Quotations(ctx context.Context, acts []quotewire.Act, fn func(*quotewire.Quotation) error) error {
	return rules.Quotations(ctx, acts, s.quotations, fn)
}

// quotations calls fn for the quotations with ids after after (and up to
// upto when it is positive) that have occurrences of the acts (any act
// when acts is nil), page at a time.
func (s *Store) quotations(ctx context.Context, after, upto int64, page int, acts []string, fn func(*quotewire.Quotation) error) error {
	actCond := ""
	var actArgs []any
	if len(acts) > 0 {
		actCond = " AND q.act IN (" + placeholders(len(acts)) + ")"
		for _, a := range acts {
			actArgs = append(actArgs, a)
		}
	}
	last := after
	for {
		cond := "qn.id > ?"
		args := []any{last}
		if upto > 0 {
			cond += " AND qn.id <= ?"
			args = append(args, upto)
		}
		if actCond != "" {
			cond += " AND EXISTS (SELECT 1 FROM quotes q WHERE q.quotation = qn.id" + actCond + ")"
			args = append(args, actArgs...)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT qn.id, qn.text, COALESCE(e.name, ''), COALESCE(qn.speaker, 0), COALESCE(e.wikidata, ''), qn.first_date
			FROM quotations qn LEFT JOIN entities e ON e.id = qn.speaker WHERE `+cond+` ORDER BY qn.id LIMIT ?`, append(args, page)...)
		if err != nil {
			return errf("read quotations", err)
		}
		var batch []*quotewire.Quotation
		byID := map[int64]*quotewire.Quotation{}
		for rows.Next() {
			qn := &quotewire.Quotation{Occurrences: []quotewire.Occurrence{}}
			if err := rows.Scan(&qn.ID, &qn.Text, &qn.Speaker, &qn.SpeakerID, &qn.SpeakerWikidata, &qn.FirstDate); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, qn)
			byID[qn.ID] = qn
		}
		if err := rows.Close(); err != nil {
			return errf("read quotations", err)
		}
		if len(batch) == 0 {
			return nil
		}
		first, lastID := batch[0].ID, batch[len(batch)-1].ID
		rows, err = s.db.QueryContext(ctx, `SELECT q.quotation, q.id, a.key, a.outlet, a.date, a.url, a.title, q.text, q.act
			FROM quotes q JOIN articles a ON a.id = q.article WHERE q.quotation BETWEEN ? AND ?`+actCond+`
			ORDER BY q.quotation, a.date = '', a.date, q.id`, append([]any{first, lastID}, actArgs...)...)
		if err != nil {
			return errf("read occurrences", err)
		}
		for rows.Next() {
			var qid int64
			var o quotewire.Occurrence
			var act string
			if err := rows.Scan(&qid, &o.QuoteID, &o.ArticleKey, &o.Outlet, &o.Date, &o.URL, &o.Title, &o.Text, &act); err != nil {
				rows.Close()
				return err
			}
			o.Act = quotewire.Act(act)
			if qn := byID[qid]; qn != nil {
				qn.Occurrences = append(qn.Occurrences, o)
			}
		}
		if err := rows.Close(); err != nil {
			return errf("read occurrences", err)
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
