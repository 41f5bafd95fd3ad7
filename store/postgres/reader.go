package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/quotewire/quotewire/store/internal/sqlread"
)

// reader is the store's pool as the shared reads (package sqlread) use
// it: their ? placeholders become $1, $2, …, and every string argument is
// cleaned as stored values are (see clean), so a value is found by the
// value given.
type reader struct{ pool *pgxpool.Pool }

var _ sqlread.DB = reader{}

// cleanArgs returns args with each string cleaned (a copy when one
// changes).
func cleanArgs(args []any) []any {
	copied := false
	for i, a := range args {
		if v, ok := a.(string); ok {
			if c := clean(v); c != v {
				if !copied {
					args, copied = append([]any(nil), args...), true
				}
				args[i] = c
			}
		}
	}
	return args
}

// Query runs a query.
func (r reader) Query(ctx context.Context, query string, args ...any) (sqlread.Rows, error) {
	rows, err := r.pool.Query(ctx, sqlread.Dollars(query), cleanArgs(args)...)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// QueryRow runs a query of one row.
func (r reader) QueryRow(ctx context.Context, query string, args ...any) sqlread.Row {
	return pgRow{r.pool.QueryRow(ctx, sqlread.Dollars(query), cleanArgs(args)...)}
}

// In returns "col = ANY(?)" with the values as one array argument.
func (reader) In(col string, vals []any) (string, []any) {
	if len(vals) > 0 {
		if _, ok := vals[0].(string); ok {
			ss := make([]string, len(vals))
			for i, v := range vals {
				ss[i] = clean(v.(string))
			}
			return col + " = ANY(?)", []any{ss}
		}
	}
	ids := make([]int64, len(vals))
	for i, v := range vals {
		ids[i] = v.(int64)
	}
	return col + " = ANY(?)", []any{ids}
}

// Bytewise returns col in the "C" collation, which sorts bytewise (as
// SQLite does).
func (reader) Bytewise(col string) string { return col + ` COLLATE "C"` }

// pgRow reports no row as sqlread.ErrNoRows.
type pgRow struct{ row pgx.Row }

func (r pgRow) Scan(dest ...any) error {
	err := r.row.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return sqlread.ErrNoRows
	}
	return err
}
