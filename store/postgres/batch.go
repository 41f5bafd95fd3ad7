package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/quotewire/quotewire/store/internal/namecache"
)

// writer holds one write transaction. It sends its statements in as few
// round trips as it can: writes whose results it does not need wait
// (later) and travel, pipelined and in order, with the next query (run).
type writer struct {
	ctx context.Context
	tx  pgx.Tx
	now time.Time
	// memo is the store's memory of resolved names and stored aliases
	// and roles, with this transaction's additions (kept when it
	// commits); nil outside the write lock.
	memo *namecache.Tx
	// pending are the writes waiting for run.
	pending []step
	// quotes are the rows waiting for queueQuotes.
	quotes quoteRows
	// ids are entity ids taken from the sequence and not used yet.
	ids []int64
	// names are the new entities, aliases and roles waiting for run.
	names nameRows
	// toCount and counted are how many quotations count asked to count
	// and how many it found.
	toCount, counted int
}

// step is one statement of a round trip; row is called for each row it
// returns (nil for a write, whose rows are ignored). what names it in
// errors.
type step struct {
	what string
	sql  string
	args []any
	row  func(pgx.Rows) error
}

// later queues a write whose result is not needed now.
func (w *writer) later(what, sql string, args ...any) {
	w.pending = append(w.pending, step{what: what, sql: sql, args: args})
}

// run sends the queued writes and then steps in one round trip, and
// reads their results in order: each step sees what the steps before it
// wrote.
func (w *writer) run(steps ...step) error {
	w.flushNames()
	all := append(w.pending, steps...)
	w.pending = nil
	if len(all) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, s := range all {
		b.Queue(s.sql, s.args...)
	}
	br := w.tx.SendBatch(w.ctx, b)
	for _, s := range all {
		if err := s.read(br); err != nil {
			br.Close()
			return err
		}
	}
	return errf("write", br.Close())
}

// read reads the step's result from br.
func (s step) read(br pgx.BatchResults) error {
	if s.row == nil {
		_, err := br.Exec()
		return errf(s.what, err)
	}
	rows, err := br.Query()
	if err != nil {
		return errf(s.what, err)
	}
	for rows.Next() {
		if err := s.row(rows); err != nil {
			rows.Close()
			return errf(s.what, err)
		}
	}
	rows.Close()
	return errf(s.what, rows.Err())
}
