package postgres

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
	last := after
	for {
		f := &filter{}
		// a quotation without occurrences is on its way out (Replace
		// deletes those it empties in its transaction; a store written
		// by an earlier build may hold some)
		f.conds = append(f.conds, "qn.id > "+f.arg(last), "qn.occurrences > 0")
		if upto > 0 {
			f.conds = append(f.conds, "qn.id <= "+f.arg(upto))
		}
		if len(acts) > 0 {
			f.conds = append(f.conds, "EXISTS (SELECT 1 FROM quotes q WHERE q.quotation = qn.id AND q.act = ANY("+f.arg(acts)+"))")
		}
		rows, err := s.pool.Query(ctx, `SELECT qn.id, qn.text, COALESCE(e.name, ''), COALESCE(qn.speaker, 0), COALESCE(e.wikidata, ''), qn.first_date
			FROM quotations qn LEFT JOIN entities e ON e.id = qn.speaker`+f.where()+` ORDER BY qn.id LIMIT `+f.arg(page), f.args...)
		if err != nil {
			return errf("read quotations", err)
		}
		var batch []*quotewire.Quotation
		byID := map[int64]*quotewire.Quotation{}
		for rows.Next() {
			qn := &quotewire.Quotation{Occurrences: []quotewire.Occurrence{}}
			if err := rows.Scan(&qn.ID, &qn.Text, &qn.Speaker, &qn.SpeakerID, &qn.SpeakerWikidata, &qn.FirstDate); err != nil {
				rows.Close()
				return errf("read quotations", err)
			}
			batch = append(batch, qn)
			byID[qn.ID] = qn
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errf("read quotations", err)
		}
		if len(batch) == 0 {
			return nil
		}
		first, lastID := batch[0].ID, batch[len(batch)-1].ID
		of := &filter{}
		of.conds = append(of.conds, "q.quotation BETWEEN "+of.arg(first)+" AND "+of.arg(lastID))
		of.actCond("q.act", acts)
		rows, err = s.pool.Query(ctx, `SELECT q.quotation, q.id, a.key, a.outlet, a.date, a.url, a.title, q.text, q.act
			FROM quotes q JOIN articles a ON a.id = q.article`+of.where()+`
			ORDER BY q.quotation, a.date = '', a.date, q.id`, of.args...)
		if err != nil {
			return errf("read occurrences", err)
		}
		for rows.Next() {
			var qid int64
			var o quotewire.Occurrence
			var act string
			if err := rows.Scan(&qid, &o.QuoteID, &o.ArticleKey, &o.Outlet, &o.Date, &o.URL, &o.Title, &o.Text, &act); err != nil {
				rows.Close()
				return errf("read occurrences", err)
			}
			o.Act = quotewire.Act(act)
			if qn := byID[qid]; qn != nil {
				qn.Occurrences = append(qn.Occurrences, o)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errf("read occurrences", err)
		}
		for _, qn := range batch {
			if len(acts) > 0 {
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
