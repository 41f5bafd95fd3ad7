package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/pack"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// Replace replaces the analyses of stored articles with new ones, in one
// transaction (see quotewire.Store): the old quotes leave their
// quotations and speakers' counts, the new ones join theirs.
func (s *Store) Replace(ctx context.Context, recs []quotewire.Record) (int, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	if err := s.Link(ctx, recs); err != nil {
		return 0, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, errf("begin write", err)
	}
	defer tx.Rollback()
	w, err := s.writer(ctx, tx)
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range recs {
		ok, err := w.replace(&recs[i])
		if err == nil {
			// the next record's old analysis is read from the store
			err = w.flush()
		}
		if err != nil {
			return 0, fmt.Errorf("replace %s: %w", recs[i].Key, err)
		}
		if ok {
			n++
		}
	}
	if err := w.indexQuotes(); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM quotations WHERE occurrences <= 0"); err != nil {
		return 0, errf("drop quotations", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, errf("commit", err)
	}
	w.memo.Commit()
	return n, nil
}

// replace swaps one article's analysis; false when its key is not stored.
func (w *writer) replace(r *quotewire.Record) (bool, error) {
	if r.Analysis == nil {
		return false, errors.New("record without analysis")
	}
	var id int64
	err := w.queryRow("SELECT id FROM articles WHERE key = ?", []any{r.Key}, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, errf("find article", err)
	}
	for _, q := range []string{
		`UPDATE entities SET quotes = quotes - (SELECT COUNT(*) FROM quotes WHERE article = ?1 AND speaker = entities.id),
			statements = statements - (SELECT COUNT(*) FROM quotes WHERE article = ?1 AND speaker = entities.id AND act = 'statement')
			WHERE id IN (SELECT speaker FROM quotes WHERE article = ?1)`,
		`UPDATE quotations SET occurrences = occurrences - (SELECT COUNT(*) FROM quotes WHERE article = ?1 AND quotation = quotations.id)
			WHERE id IN (SELECT quotation FROM quotes WHERE article = ?1)`,
		"DELETE FROM quotes WHERE article = ?1",
		"DELETE FROM article_entities WHERE article = ?1",
	} {
		if _, err := w.exec(q, id); err != nil {
			return false, errf("drop old analysis", err)
		}
	}
	js, err := pack.Analysis(r.Analysis)
	if err != nil {
		return false, err
	}
	if _, err := w.exec("UPDATE articles SET analysis = ? WHERE id = ?", js, id); err != nil {
		return false, errf("update article", err)
	}
	local := map[string]int64{}
	a := r.Analysis
	for i := range a.Entities {
		e := &a.Entities[i]
		gid, err := w.entity(e, a.Date, r.Key)
		if err != nil {
			return false, err
		}
		if gid == 0 {
			continue
		}
		local[e.ID] = gid
		w.staged.mentions = append(w.staged.mentions, mentionRow{article: id, entity: gid, local: e.ID})
	}
	// the stored date and text stay the article's: offsets refer to them
	stored := *a
	var outlet string
	if err := w.queryRow("SELECT date, text, outlet FROM articles WHERE id = ?", []any{id}, &stored.Date, &stored.Text, &outlet); err != nil {
		return false, errf("read article", err)
	}
	qtexts := make([]rules.QuotationText, len(stored.Quotes))
	for i := range stored.Quotes {
		qtexts[i] = rules.QuotationTextOf(stored.Quotes[i].Content.Text)
	}
	w.quotes(id, &stored, local, outlet, qtexts)
	return true, nil
}
