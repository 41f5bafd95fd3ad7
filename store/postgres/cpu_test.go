package postgres

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// backendPIDs opens every connection of the store's pool and returns the
// process ids of their PostgreSQL backends.
func backendPIDs(tb testing.TB, s *Store) []int {
	tb.Helper()
	ctx := context.Background()
	var pids []int
	for range s.pool.Config().MaxConns {
		c, err := s.pool.Acquire(ctx)
		if err != nil {
			tb.Fatal(err)
		}
		defer c.Release()
		pids = append(pids, int(c.Conn().PgConn().PID()))
	}
	return pids
}

// backendCPU is the CPU time (user and system) the processes pids have
// used, read from /proc: 0 where it cannot be read (a database on
// another machine).
func backendCPU(pids []int) time.Duration {
	var ticks int64
	for _, pid := range pids {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			continue
		}
		// the fields after the command name (which may hold spaces):
		// utime and stime are the 14th and 15th of the line
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		k, _ := strconv.ParseInt(f[12], 10, 64)
		ticks += u + k
	}
	return time.Duration(ticks) * (time.Second / 100) // USER_HZ
}
