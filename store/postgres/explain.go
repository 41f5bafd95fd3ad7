package postgres

import (
	"context"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/scan"
)

var _ quotewire.EntityExplainer = (*Store)(nil)

// EntityNames returns the names entity id has and why each joined it (in
// the order of store/sqlite: the name that made it, then by the date of
// the article each first came from).
func (s *Store) EntityNames(ctx context.Context, id int64) ([]quotewire.EntityName, error) {
	rows, err := s.pool.Query(ctx, `SELECT a.alias, a.rule, a.detail, a.article, COALESCE(ar.title, ''), COALESCE(ar.date, ''), COALESCE(ar.url, '')
		FROM entity_aliases a LEFT JOIN articles ar ON ar.key = a.article AND a.article <> ''
		WHERE a.entity = $1
		ORDER BY CASE a.rule WHEN 'new entity' THEN 0 ELSE 1 END, COALESCE(ar.date, ''), a.alias COLLATE "C"`, id)
	if err != nil {
		return nil, errf("read entity names", err)
	}
	defer rows.Close()
	out, err := scan.EntityNames(rows, []quotewire.EntityName{})
	return out, errf("read entity names", err)
}

// EntityArticles returns the newest articles that have entity id.
func (s *Store) EntityArticles(ctx context.Context, id int64, limit int) ([]quotewire.EntityArticle, error) {
	rows, err := s.pool.Query(ctx, `SELECT ar.key, ae.local FROM article_entities ae JOIN articles ar ON ar.id = ae.article
		WHERE ae.entity = $1 ORDER BY ar.date DESC, ar.id DESC LIMIT $2`, id, max(limit, 0))
	if err != nil {
		return nil, errf("read entity articles", err)
	}
	defer rows.Close()
	out, err := scan.EntityArticles(rows, []quotewire.EntityArticle{})
	return out, errf("read entity articles", err)
}
