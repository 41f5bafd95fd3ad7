package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/quotewire/quotewire/store/internal/sqlread"
)

// reader is the store's database as the shared reads (package sqlread)
// use it: SQLite takes their ? placeholders as they are.
type reader struct{ db *sql.DB }

var _ sqlread.DB = reader{}

// Query runs a query.
func (r reader) Query(ctx context.Context, query string, args ...any) (sqlread.Rows, error) {
	rows, err := r.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{rows}, nil
}

// QueryRow runs a query of one row.
func (r reader) QueryRow(ctx context.Context, query string, args ...any) sqlread.Row {
	return sqlRow{r.db.QueryRowContext(ctx, query, args...)}
}

// In returns "col IN (?, …)".
func (reader) In(col string, vals []any) (string, []any) {
	return col + " IN (" + sqlread.Placeholders(len(vals)) + ")", vals
}

// Bytewise returns col: SQLite compares text bytewise unless told not to.
func (reader) Bytewise(col string) string { return col }

// sqlRows is a result whose Close the shared reads need not check (Err
// reports what went wrong while reading).
type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { r.Rows.Close() }

// sqlRow reports no row as sqlread.ErrNoRows.
type sqlRow struct{ row *sql.Row }

func (r sqlRow) Scan(dest ...any) error {
	err := r.row.Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return sqlread.ErrNoRows
	}
	return err
}
