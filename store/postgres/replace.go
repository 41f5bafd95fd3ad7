package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/pack"
)

// Replace replaces the analyses of stored articles with new ones, in one
// transaction holding the write lock (see quotewire.Store and Put): the
// old quotes leave their quotations and speakers' counts, the new ones
// join theirs, and quotations left without occurrences are deleted.
func (s *Store) Replace(ctx context.Context, recs []quotewire.Record) (int, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	if err := s.Link(ctx, recs); err != nil {
		return 0, err
	}
	n := 0
	err := retry(ctx, func() error {
		n = 0
		return s.write(ctx, func(w *writer) error {
			var left []int64
			for i := range recs {
				ok, err := w.replace(&recs[i], &left)
				if err != nil {
					return fmt.Errorf("replace %s: %w", recs[i].Key, err)
				}
				if ok {
					n++
				}
			}
			// only the quotations this left empty: one another writer has
			// just created, and not counted yet, stays
			w.later("drop quotations", "DELETE FROM quotations WHERE id = ANY($1) AND occurrences <= 0", left)
			return w.run()
		})
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// replace swaps one article's analysis; false when its key is not stored.
// The quotations its old quotes leave are added to left.
func (w *writer) replace(r *quotewire.Record, left *[]int64) (bool, error) {
	if r.Analysis == nil {
		return false, errors.New("record without analysis")
	}
	// the stored date and text stay the article's: offsets refer to them
	a := r.Analysis
	stored := *a
	var id int64
	found := false
	key := clean(r.Key)
	find := step{what: "find article", sql: "SELECT id, date, text FROM articles WHERE key = $1", args: []any{key},
		row: func(rows pgx.Rows) error {
			found = true
			return rows.Scan(&id, &stored.Date, &stored.Text)
		}}
	js, err := pack.Analysis(a)
	if err != nil {
		return false, err
	}
	// the old analysis leaves (nothing happens when the key is not
	// stored), and then, in the same round trip, the names of the new
	// one are looked up: with the speakers' counts already down, as
	// row by row would see them
	steps := []step{find,
		{what: "drop old analysis", sql: `UPDATE entities e SET quotes = e.quotes - c.n, statements = e.statements - c.s
			FROM (SELECT speaker, COUNT(*) AS n, COUNT(*) FILTER (WHERE act = 'statement') AS s
				FROM quotes WHERE article = (SELECT id FROM articles WHERE key = $1) AND speaker IS NOT NULL
				GROUP BY speaker) c
			WHERE e.id = c.speaker`, args: []any{key}},
		{what: "drop old analysis", sql: `UPDATE quotations qn SET occurrences = qn.occurrences - c.n
			FROM (SELECT quotation, COUNT(*) AS n FROM quotes WHERE article = (SELECT id FROM articles WHERE key = $1) GROUP BY quotation) c
			WHERE qn.id = c.quotation RETURNING qn.id`, args: []any{key}, row: func(rows pgx.Rows) error {
			var q int64
			err := rows.Scan(&q)
			*left = append(*left, q)
			return err
		}},
	}
	for _, q := range []string{
		"DELETE FROM quotes WHERE article = (SELECT id FROM articles WHERE key = $1)",
		"DELETE FROM article_entities WHERE article = (SELECT id FROM articles WHERE key = $1)",
	} {
		steps = append(steps, step{what: "drop old analysis", sql: q, args: []any{key}})
	}
	steps = append(steps, step{what: "update article", sql: "UPDATE articles SET analysis = $1 WHERE key = $2", args: []any{js, key}})
	// (the scan of find fills in the stored date and text; the item
	// needs only the names and quotes)
	it := itemOf(r, &stored, key)
	names, lookups := w.prefetch(it)
	if err := w.run(append(steps, lookups...)...); err != nil {
		return false, err
	}
	if !found {
		return false, nil
	}
	it.id = id
	if err := w.resolve(it, names); err != nil {
		return false, err
	}
	q, err := w.quotations([]*item{it})
	if err != nil {
		return false, err
	}
	var l links
	l.add(it)
	w.link(&l)
	w.addQuotes(it, q.ids)
	// queued writes run in order: the next record, were it this article
	// again, sees these quotes and counts
	w.queueQuotes()
	w.count([]*item{it}, q)
	return true, nil
}
