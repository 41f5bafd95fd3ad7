package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/wikirows"
)

var _ quotewire.WikidataIndex = (*Store)(nil)

// wikidataImport is one import into a SQLite store.
type wikidataImport struct {
	s  *Store
	id int64
}

// BeginWikidataImport records a new import of the dump source.
func (s *Store) BeginWikidataImport(ctx context.Context, source string) (quotewire.WikidataImport, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	res, err := s.db.ExecContext(ctx, "INSERT INTO wikidata_imports(source, started) VALUES (?, ?)", source, s.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("begin wikidata import: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, fmt.Errorf("begin wikidata import: %w", err)
	}
	return &wikidataImport{s: s, id: id}, nil
}

// Add writes a batch in one transaction: each item replaced, its names
// written again.
func (w *wikidataImport) Add(ctx context.Context, batch []quotewire.WikidataEntity) error {
	s := w.s
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("wikidata import: %w", err)
	}
	defer tx.Rollback()
	item, err := tx.PrepareContext(ctx, `INSERT INTO wikidata_items(qid, kind, label, description, data, import_id) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(qid) DO UPDATE SET kind = excluded.kind, label = excluded.label, description = excluded.description, data = excluded.data, import_id = excluded.import_id`)
	if err != nil {
		return fmt.Errorf("wikidata import: %w", err)
	}
	defer item.Close()
	del, err := tx.PrepareContext(ctx, "DELETE FROM wikidata_names WHERE qid = ?")
	if err != nil {
		return fmt.Errorf("wikidata import: %w", err)
	}
	defer del.Close()
	name, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO wikidata_names(name_key, qid) VALUES (?, ?)")
	if err != nil {
		return fmt.Errorf("wikidata import: %w", err)
	}
	defer name.Close()
	for i := range batch {
		e := &batch[i]
		if _, err := item.ExecContext(ctx, e.ID, string(e.Kind), e.Label, e.Description, string(wikirows.Encode(e)), w.id); err != nil {
			return fmt.Errorf("wikidata import %s: %w", e.ID, err)
		}
		if _, err := del.ExecContext(ctx, e.ID); err != nil {
			return fmt.Errorf("wikidata import %s: %w", e.ID, err)
		}
		for _, k := range wikirows.Keys(e) {
			if _, err := name.ExecContext(ctx, k, e.ID); err != nil {
				return fmt.Errorf("wikidata import %s: %w", e.ID, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("wikidata import: %w", err)
	}
	return nil
}

// Commit removes the items the import did not see and records it done.
func (w *wikidataImport) Commit(ctx context.Context) (int64, error) {
	s := w.s
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("commit wikidata import: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM wikidata_names WHERE qid IN (SELECT qid FROM wikidata_items WHERE import_id <> ?)", w.id); err != nil {
		return 0, fmt.Errorf("commit wikidata import: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM wikidata_items WHERE import_id <> ?", w.id); err != nil {
		return 0, fmt.Errorf("commit wikidata import: %w", err)
	}
	var n int64
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM wikidata_items").Scan(&n); err != nil {
		return 0, fmt.Errorf("commit wikidata import: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE wikidata_imports SET finished = ?, items = ? WHERE id = ?", s.Now().UTC().Format(time.RFC3339), n, w.id); err != nil {
		return 0, fmt.Errorf("commit wikidata import: %w", err)
	}
	return n, tx.Commit()
}

// Abort leaves the index as the batches left it: the items of the
// previous import that were not replaced stay.
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
	rows, err := s.db.QueryContext(ctx, `SELECT i.qid, i.kind, i.label, i.description, i.data FROM wikidata_names n
		JOIN wikidata_items i ON i.qid = n.qid WHERE n.name_key = ? ORDER BY i.qid LIMIT ?`, k, limit)
	if err != nil {
		return nil, fmt.Errorf("wikidata by name: %w", err)
	}
	defer rows.Close()
	return wikirows.ScanAll(rows)
}

// HasWikidata reports whether the Wikidata index holds any item.
func (s *Store) HasWikidata(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM wikidata_items LIMIT 1)").Scan(&n); err != nil {
		return false, fmt.Errorf("read the Wikidata index: %w", err)
	}
	return n > 0, nil
}

// WikidataByID returns the item of that id.
func (s *Store) WikidataByID(ctx context.Context, id string) (quotewire.WikidataEntity, bool, error) {
	row := s.db.QueryRowContext(ctx, "SELECT qid, kind, label, description, data FROM wikidata_items WHERE qid = ?", id)
	e, err := wikirows.Scan(row)
	if err == sql.ErrNoRows {
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
	s.wmu.Lock()
	defer s.wmu.Unlock()
	res, err := s.db.ExecContext(ctx, "UPDATE entities SET wikidata = ?, wikidata_confidence = ? WHERE id = ?", qid, confidence, id)
	if err != nil {
		return fmt.Errorf("link entity %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("link entity %d: %w", id, quotewire.ErrNotFound)
	}
	return nil
}
