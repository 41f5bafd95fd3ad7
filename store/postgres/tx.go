package postgres

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// retries is how many times a transaction PostgreSQL aborted as a
// deadlock or a serialization failure is tried again.
const retries = 8

// retry runs fn until it succeeds, fails for another reason, or has been
// tried retries times, waiting a little longer (and a random part) before
// each new try.
func retry(ctx context.Context, fn func() error) error {
	wait := 5 * time.Millisecond
	for try := 1; ; try++ {
		err := fn()
		if err == nil || try == retries || !retryable(err) {
			return err
		}
		t := time.NewTimer(wait + time.Duration(rand.Int64N(int64(wait))))
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait *= 2
	}
}

// retryable reports whether err is PostgreSQL aborting a transaction that
// would succeed if tried again: a deadlock (40P01) or a serialization
// failure (40001), or a quotation deleted under the writer.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.Is(err, errQuotationGone) || errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// write runs fn in a transaction holding the write lock, and commits.
func (s *Store) write(ctx context.Context, fn func(*writer) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	memo := s.names.Begin()
	err := s.locked(ctx, writeLockClass, func(w *writer) error {
		w.memo = memo
		return fn(w)
	})
	if err != nil {
		return err
	}
	memo.Commit()
	return nil
}

// clustering runs fn in a transaction holding the cluster lock, and
// commits.
func (s *Store) clustering(ctx context.Context, fn func(*writer) error) error {
	s.cmu.Lock()
	defer s.cmu.Unlock()
	return s.locked(ctx, clusterLockClass, fn)
}

// locked runs fn in a transaction holding the advisory lock (class, the
// store's key), and commits; it counts the time spent waiting for the
// lock and holding it.
func (s *Store) locked(ctx context.Context, class int32, fn func(*writer) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return errf("begin write", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	start := time.Now()
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1, $2), "+noJIT, class, s.lockKey); err != nil {
		return errf("wait for other writers", err)
	}
	got := time.Now()
	held := &s.timing.resolve
	if class == clusterLockClass {
		held = &s.timing.cluster
	}
	defer func() {
		s.timing.wait.Add(int64(got.Sub(start)))
		held.Add(int64(time.Since(got)))
	}()
	w := &writer{ctx: ctx, tx: tx, now: s.Now().UTC()}
	if err := fn(w); err != nil {
		return err
	}
	return errf("commit", tx.Commit(ctx))
}

// noJIT turns off just-in-time compilation for the rest of a write
// transaction (as a column of a SELECT). The planner's cost estimates of
// a batch's look-ups grow with the batch and the store, and past
// jit_above_cost each would be compiled, for tens of milliseconds, to
// run for a few.
const noJIT = "set_config('jit', 'off', true)"

// WriteTimings is where a store's writers spent their time since it was
// opened: what it takes to project how far more writers would go (see
// docs/SCALING.md). Resolve and Cluster are spent holding the store's two
// locks (every writer of the store, in any process, takes its turn for
// them); Store is spent writing in parallel with other writers; LockWait
// is spent waiting for the locks.
type WriteTimings struct {
	Batches, Articles                 int64
	Resolve, Store, Cluster, LockWait time.Duration
}

// WriteTimings returns the time this Store's writers spent in each step of
// Put since it was opened (Replace counts as resolving).
func (s *Store) WriteTimings() WriteTimings {
	t := &s.timing
	return WriteTimings{Batches: t.batches.Load(), Articles: t.articles.Load(),
		Resolve: time.Duration(t.resolve.Load()), Store: time.Duration(t.store.Load()),
		Cluster: time.Duration(t.cluster.Load()), LockWait: time.Duration(t.wait.Load())}
}

// timing is what WriteTimings reports, in nanoseconds.
type timing struct {
	batches, articles, resolve, store, cluster, wait atomic.Int64
}
