// Package sqlread holds the read queries both store backends run alike,
// written once: SQL with ? placeholders that SQLite and PostgreSQL both
// accept, run through each backend's DB, which speaks its dialect (its
// placeholders, its way of matching a list, its bytewise collation).
// What the two backends do differently on purpose — full-text search
// (FTS5 against tsvector), the filters built on it, what a quote is about
// (FTS5 tags against arrays) — stays in each backend.
package sqlread

import (
	"context"
	"errors"
	"fmt"
)

// DB is what the shared reads need of a backend.
type DB interface {
	// Query runs a query written with ? placeholders.
	Query(ctx context.Context, query string, args ...any) (Rows, error)
	// QueryRow runs a query of one row; its Scan returns ErrNoRows when
	// there is none.
	QueryRow(ctx context.Context, query string, args ...any) Row
	// In returns the condition that col is one of vals (all int64 or all
	// string, at least one) and the arguments it takes, in the backend's
	// form: "col IN (?, ?)" or "col = ANY(?)".
	In(col string, vals []any) (string, []any)
	// Bytewise returns col as an ORDER BY term that sorts it bytewise.
	Bytewise(col string) string
}

// Rows is a query's result.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Row is a one-row query's result.
type Row interface {
	Scan(dest ...any) error
}

// ErrNoRows is what a Row's Scan returns when the query found nothing.
var ErrNoRows = errors.New("no rows")

// Errf wraps a database error with what was being done; cancellation and
// a passed deadline pass through as they are.
func Errf(what string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}

// Placeholders returns "?, ?, ..." with n marks.
func Placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	b := make([]byte, 0, 3*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '?')
	}
	return string(b)
}

// Dollars rewrites the ? placeholders of query as PostgreSQL's $1, $2, …
// in order, leaving what is inside single-quoted literals, double-quoted
// identifiers and comments as it is.
func Dollars(query string) string {
	out := make([]byte, 0, len(query)+16)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(query) && query[j] != c {
				j++
			}
			if j >= len(query) {
				j = len(query) - 1
			}
			out = append(out, query[i:j+1]...)
			i = j
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			j := i
			for j < len(query) && query[j] != '\n' {
				j++
			}
			out = append(out, query[i:j]...)
			i = j - 1
		case c == '?':
			n++
			out = append(out, '$')
			out = fmt.Appendf(out, "%d", n)
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
