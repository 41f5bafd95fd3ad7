package sqlite

import (
	"context"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/scan"
)

var _ quotewire.EntityExplainer = (*Store)(nil)

// namesOrder puts the name that made an entity first, then the others by
// the date of the article they first came from.
const namesOrder = `ORDER BY CASE a.rule WHEN 'new entity' THEN 0 ELSE 1 END, COALESCE(ar.date, ''), a.alias`

// EntityNames returns the names entity id has and why each joined it.
func (s *Store) EntityNames(ctx context.Context, id int64) ([]quotewire.EntityName, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.alias, a.rule, a.detail, a.article, COALESCE(ar.title, ''), COALESCE(ar.date, ''), COALESCE(ar.url, '')
		FROM entity_aliases a LEFT JOIN articles ar ON ar.key = a.article AND a.article != ''
		WHERE a.entity = ? `+namesOrder, id)
	if err != nil {
		return nil, errf("read entity names", err)
	}
	defer rows.Close()
	out, err := scan.EntityNames(rows, []quotewire.EntityName{})
	return out, errf("read entity names", err)
}

// EntityArticles returns the newest articles that have entity id.
func (s *Store) EntityArticles(ctx context.Context, id int64, limit int) ([]quotewire.EntityArticle, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ar.key, ae.local FROM article_entities ae JOIN articles ar ON ar.id = ae.article
		WHERE ae.entity = ? ORDER BY ar.date DESC, ar.id DESC LIMIT ?`, id, max(limit, 0))
	if err != nil {
		return nil, errf("read entity articles", err)
	}
	defer rows.Close()
	out, err := scan.EntityArticles(rows, []quotewire.EntityArticle{})
	return out, errf("read entity articles", err)
}
