// Package scan reads query results whose shape both store backends share,
// from database/sql (SQLite) and pgx (PostgreSQL) alike.
package scan

import "github.com/quotewire/quotewire"

// Rows is what a query result of either backend offers.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// SpeakerCounts appends to out the (id, name, count) rows of rows, in
// their order, and returns the first error met.
func SpeakerCounts(rows Rows, out []quotewire.SpeakerCount) ([]quotewire.SpeakerCount, error) {
	for rows.Next() {
		var c quotewire.SpeakerCount
		if err := rows.Scan(&c.ID, &c.Name, &c.Quotes); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UnnamedSpeakers appends the rows (outlet, description, articles,
// quotes) to out.
func UnnamedSpeakers(rows Rows, out []quotewire.UnnamedSpeaker) ([]quotewire.UnnamedSpeaker, error) {
	for rows.Next() {
		var u quotewire.UnnamedSpeaker
		if err := rows.Scan(&u.Outlet, &u.Description, &u.Articles, &u.Quotes); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
