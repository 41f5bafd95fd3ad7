package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestPool checks the connection pool Open sets up: its size, that it
// keeps the connections a burst of readers opened (each with its page
// cache) instead of closing all but two, and that the file is read
// through memory mapping.
func TestPool(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "pool.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db := s.DB()
	if got, want := db.Stats().MaxOpenConnections, DefaultMaxConns(); got != want || want < 8 {
		t.Errorf("MaxOpenConnections = %d, want DefaultMaxConns() = %d (at least 8)", got, want)
	}
	var mmap int64
	if err := db.QueryRow("PRAGMA mmap_size").Scan(&mmap); err != nil || mmap <= 0 {
		t.Errorf("mmap_size = %d (%v), want the file mapped", mmap, err)
	}

	// six readers at once, each holding a connection, then all done
	ctx := context.Background()
	conns := make([]interface{ Close() error }, 6)
	for i := range conns {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ExecContext(ctx, "SELECT 1"); err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	for _, c := range conns {
		c.Close()
	}
	if st := db.Stats(); st.Idle != 6 || st.MaxIdleClosed != 0 {
		t.Errorf("after 6 readers: %d idle connections kept, %d closed as surplus; want 6 and 0", st.Idle, st.MaxIdleClosed)
	}

	s.SetMaxConns(3)
	if got := db.Stats().MaxOpenConnections; got != 3 {
		t.Errorf("SetMaxConns(3): MaxOpenConnections = %d", got)
	}
	s.SetMaxConns(0)
	if got := db.Stats().MaxOpenConnections; got != DefaultMaxConns() {
		t.Errorf("SetMaxConns(0): MaxOpenConnections = %d, want the default %d", got, DefaultMaxConns())
	}

	mem, err := Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	mem.SetMaxConns(8)
	if got := mem.DB().Stats().MaxOpenConnections; got != 1 {
		t.Errorf("in-memory store: MaxOpenConnections = %d, want its one connection", got)
	}
}

// TestQueryCancelledAtDeadline checks that a query running past its
// context's deadline is interrupted (the driver calls sqlite3_interrupt)
// rather than run to its end, that the error says the deadline passed,
// and that its connection serves the next query.
func TestQueryCancelledAtDeadline(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "cancel.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SetMaxConns(1) // the next query must reuse the interrupted connection
	// counting to ten billion takes minutes: all of it before the one
	// row of the count, or row by row
	const cte = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) "
	for _, streamed := range []bool{false, true} {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		start := time.Now()
		var err error
		if streamed {
			rows, qerr := s.DB().QueryContext(ctx, cte+"SELECT x FROM c")
			err = qerr
			if qerr == nil {
				for rows.Next() {
				}
				err = rows.Err()
				rows.Close()
			}
		} else {
			var n int64
			err = s.DB().QueryRowContext(ctx, cte+"SELECT COUNT(*) FROM c").Scan(&n)
		}
		cancel()
		took := time.Since(start)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("streamed %v: err = %v, want context.DeadlineExceeded", streamed, err)
		}
		if took > 3*time.Second {
			t.Errorf("streamed %v: the query ran %s past a 50ms deadline", streamed, took)
		}
		var one int
		if err := s.DB().QueryRowContext(context.Background(), "SELECT 1").Scan(&one); err != nil || one != 1 {
			t.Errorf("the connection after the interrupted query: %d, %v", one, err)
		}
	}
}
