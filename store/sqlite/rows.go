package sqlite

import (
	"database/sql"
	"strings"

	"github.com/quotewire/quotewire/store/internal/sqlread"
)

// A batch's rows are written and its names looked up with multi-row
// statements: one call per row costs more than the row. Each statement
// takes a number of rows that is a power of two up to a maximum, so that
// the few statements a table needs are prepared once for the store.

// chunks returns the row counts of the statements that write n rows, at
// most most (a power of two) each: as many of most as fit, then the powers
// of two of the rest, largest first.
func chunks(n, most int) []int {
	var out []int
	for ; n >= most; n -= most {
		out = append(out, most)
	}
	for c := most / 2; c > 0; c /= 2 {
		if n >= c {
			out = append(out, c)
			n -= c
		}
	}
	return out
}

// valueRows returns n rows of width placeholders each: "(?, ?), (?, ?)".
func valueRows(n, width int) string {
	return repeatRow("("+sqlread.Placeholders(width)+")", n)
}

// repeatRow returns n times row, comma-separated.
func repeatRow(row string, n int) string {
	var b strings.Builder
	b.Grow(n * (len(row) + 2))
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// Most rows a multi-row statement writes, and most values a look-up
// lists; SQLite allows 32,766 parameters a statement.
const (
	maxRows = 128
	maxIn   = 256
)

// insertRows writes rows of width values each (args, row after row) with
// head + " VALUES (…), (…)" + tail, in order.
func (w *writer) insertRows(what, head, tail string, width int, args []any) error {
	return w.insertRowsOf(what, head, "("+sqlread.Placeholders(width)+")", tail, args)
}

// insertRowsOf is insertRows with rows written as row, whose placeholders
// take a row's values.
func (w *writer) insertRowsOf(what, head, row, tail string, args []any) error {
	width := strings.Count(row, "?")
	for _, n := range chunks(len(args)/width, maxRows) {
		if _, err := w.exec(head+" VALUES "+repeatRow(row, n)+tail, args[:n*width]...); err != nil {
			return errf(what, err)
		}
		args = args[n*width:]
	}
	return nil
}

// selectIn runs query, whose "IN (%)" is completed with the values of
// in, a chunk of them at a time, and passes each row to scan.
func (w *writer) selectIn(what, query string, in []any, scan func(*sql.Rows) error) error {
	before, after, _ := strings.Cut(query, "%")
	for _, n := range chunks(len(in), maxIn) {
		rows, err := w.query(before+sqlread.Placeholders(n)+after, in[:n]...)
		if err != nil {
			return errf(what, err)
		}
		if err := scanAll(rows, scan); err != nil {
			return errf(what, err)
		}
		in = in[n:]
	}
	return nil
}

// scanAll passes each of rows to scan and closes them.
func scanAll(rows *sql.Rows, scan func(*sql.Rows) error) error {
	for rows.Next() {
		if err := scan(rows); err != nil {
			rows.Close()
			return err
		}
	}
	return rows.Close()
}
