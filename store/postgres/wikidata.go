package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/wikirows"
)

var _ quotewire.WikidataIndex = (*Store)(nil)

// wikidataImport is one import into a PostgreSQL store.
type wikidataImport struct {
	s  *Store
	id int64
}

// BeginWikidataImport records a new import of the dump source.
func (s *Store) BeginWikidataImport(ctx context.Context, source string) (quotewire.WikidataImport, error) {
	var id int64
	if err := s.pool.QueryRow(ctx, "INSERT INTO wikidata_imports(source, started) VALUES ($1, $2) RETURNING id", source, s.Now()).Scan(&id); err != nil {
		return nil, fmt.Errorf("begin wikidata import: %w", err)
	}
	return &wikidataImport{s: s, id: id}, nil
}

// Add writes a batch in one transaction: the items upserted from arrays,
// their names replaced.
func (w *wikidataImport) Add(ctx context.Context, batch []quotewire.WikidataEntity) error {
	if len(batch) == 0 {
		return nil
	}
	var ids, kinds, labels, descs, datas, keyQIDs, keys []string
	seen := make(map[string]bool, len(batch))
	for i := range batch {
		e := &batch[i]
		if seen[e.ID] {
			continue // one row per item: the upsert cannot take an id twice
		}
		seen[e.ID] = true
		ids, kinds, labels = append(ids, e.ID), append(kinds, string(e.Kind)), append(labels, e.Label)
		descs, datas = append(descs, e.Description), append(datas, string(wikirows.Encode(e)))
		for _, k := range wikirows.Keys(e) {
			keyQIDs, keys = append(keyQIDs, e.ID), append(keys, k)
		}
	}
	err := pgx.BeginFunc(ctx, w.s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO wikidata_items(qid, kind, label, description, data, import_id)
			SELECT q, k, l, d, dt::jsonb, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(q, k, l, d, dt)
			ON CONFLICT (qid) DO UPDATE SET kind = excluded.kind, label = excluded.label, description = excluded.description,
				data = excluded.data, import_id = excluded.import_id`, ids, kinds, labels, descs, datas, w.id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM wikidata_names WHERE qid = ANY($1)", ids); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO wikidata_names(name_key, qid) SELECT k, q FROM unnest($1::text[], $2::text[]) AS t(k, q)
			ON CONFLICT DO NOTHING`, keys, keyQIDs)
		return err
	})
	if err != nil {
		return fmt.Errorf("wikidata import: %w", err)
	}
	return nil
}

// Commit removes the items the import did not see and records it done.
func (w *wikidataImport) Commit(ctx context.Context) (int64, error) {
	var n int64
	err := pgx.BeginFunc(ctx, w.s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM wikidata_names WHERE qid IN (SELECT qid FROM wikidata_items WHERE import_id <> $1)", w.id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM wikidata_items WHERE import_id <> $1", w.id); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM wikidata_items").Scan(&n); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE wikidata_imports SET finished = $1, items = $2 WHERE id = $3", w.s.Now(), n, w.id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("commit wikidata import: %w", err)
	}
	return n, nil
}

// Abort leaves the index as the batches left it.
func (w *wikidataImport) Abort(context.Context) error { return nil }

// WikidataByName returns the items whose label or alias has name's key.
func (s *Store) WikidataByName(ctx context.Context, name string, limit int) ([]quotewire.WikidataEntity, error) {
	k := quotewire.NameKey(name)
	if k == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.pool.Query(ctx, `SELECT i.qid, i.kind, i.label, i.description, i.data::text FROM wikidata_names n
		JOIN wikidata_items i ON i.qid = n.qid WHERE n.name_key = $1 ORDER BY i.qid LIMIT $2`, k, limit)
	if err != nil {
		return nil, fmt.Errorf("wikidata by name: %w", err)
	}
	defer rows.Close()
	return wikirows.ScanAll(rows)
}

// HasWikidata reports whether the Wikidata index holds any item.
func (s *Store) HasWikidata(ctx context.Context) (bool, error) {
	var has bool
	if err := s.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM wikidata_items)").Scan(&has); err != nil {
		return false, fmt.Errorf("read the Wikidata index: %w", err)
	}
	return has, nil
}

// WikidataByID returns the item of that id.
func (s *Store) WikidataByID(ctx context.Context, id string) (quotewire.WikidataEntity, bool, error) {
	e, err := wikirows.Scan(s.pool.QueryRow(ctx, "SELECT qid, kind, label, description, data::text FROM wikidata_items WHERE qid = $1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("read wikidata item %s: %w", id, err)
	}
	return e, true, nil
}

var _ quotewire.WikidataLinker = (*Store)(nil)

// SetWikidata links entity id to item qid ("" unlinks it).
func (s *Store) SetWikidata(ctx context.Context, id int64, qid string, confidence float64) error {
	tag, err := s.pool.Exec(ctx, "UPDATE entities SET wikidata = $1, wikidata_confidence = $2 WHERE id = $3", qid, confidence, id)
	if err != nil {
		return fmt.Errorf("link entity %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("link entity %d: %w", id, quotewire.ErrNotFound)
	}
	return nil
}
