// Package sqlite is quotewire's embedded store: one SQLite file (pure Go,
// modernc.org/sqlite, so the binary stays static) holding articles, their
// quotes, the speakers and entities resolved across articles, quotations
// grouping the same statement reported by several outlets, near-duplicate
// clusters and a full-text index (FTS5) over quotes.
//
// The schema is created and upgraded by migrations embedded in the binary
// (migrations/*.sql, applied in order, the version kept in
// PRAGMA user_version). The database runs in WAL mode: a Put that returned
// is durable even if the process is killed the next instant, and readers
// never wait for the writer.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/namecache"
	"github.com/quotewire/quotewire/store/internal/sqlread"
	"github.com/quotewire/quotewire/store/internal/wikirows"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a quotewire.Store in one SQLite file. It is safe for
// concurrent use; writes are serialised.
type Store struct {
	db   *sql.DB
	path string
	// Now gives the time recorded as an article's "added"; tests may set it.
	Now func() time.Time
	// wmu serialises Put: SQLite has one writer at a time, and the
	// cross-article resolution reads what earlier batches wrote.
	wmu sync.Mutex
	// names remembers, across Puts, how names resolved and which aliases
	// and roles are stored (guarded by wmu).
	names namecache.Cache
	// prepared holds the writers' statements prepared once for the store
	// (guarded by wmu): each transaction takes them (sql.Tx.StmtContext)
	// instead of parsing its SQL again.
	prepared map[string]*sql.Stmt
	// Linking links each article's entities before Put and Replace
	// store it (SetLinker).
	wikirows.Linking
	// Reads answers the reads both backends share.
	sqlread.Reads
}

var _ quotewire.Store = (*Store)(nil)

// The connection pool. Every connection has a page cache of its own
// (cache_size, up to 64 MiB) that starts cold: a connection opened for one
// query and closed after it reads every page it needs from the file
// again, and allocates its cache page by page under SQLite's global
// allocator lock. So the store keeps its connections: up to MaxConns open
// (DefaultMaxConns unless SetMaxConns says otherwise), all of them kept
// while in use, and closed only after connIdleTime unused. Reads map the
// file into memory (mmap_size, up to mmapSize): a page is then read
// where the kernel's page cache holds it, shared by every connection,
// rather than copied into each connection's cache.
const (
	// connIdleTime is how long an unused connection, and its cache, is
	// kept.
	connIdleTime = 10 * time.Minute
	// mmapSize caps the bytes of the file read through memory mapping
	// (SQLite caps it at 2 GiB less 64 KiB; the rest of a larger file is
	// read as before).
	mmapSize = 1 << 31
)

// DefaultMaxConns returns how many connections a store keeps at most
// unless told otherwise: four per core the Go scheduler runs on, at least
// eight. Queries are CPU-bound once the pages are in memory, so more
// connections than that only make each query wait for a core instead of
// for a connection; readers beyond it queue for a free one. The writer
// (one at a time) takes one of them.
func DefaultMaxConns() int { return max(8, 4*runtime.GOMAXPROCS(0)) }

// Open opens the store at path, creating the file and its schema when
// they do not exist and upgrading an older schema. The special path
// ":memory:" opens a private in-memory store (for tests). The store keeps
// up to DefaultMaxConns connections (SetMaxConns changes it).
func Open(path string) (*Store, error) {
	dsn := path
	pragmas := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)&_txlock=immediate"
	if path == ":memory:" {
		dsn = "file::memory:?" + pragmas
	} else {
		pragmas += "&_pragma=mmap_size(" + strconv.Itoa(mmapSize) + ")"
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if path == ":memory:" {
		db.SetMaxOpenConns(1) // each connection would be its own database
	} else {
		setPool(db, DefaultMaxConns())
	}
	s := &Store{db: db, path: path, Now: time.Now, Reads: sqlread.Reads{DB: reader{db}}}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// stores made by development builds before the schema settled lack
	// these columns; say so instead of failing on the first query
	if _, err := db.Exec("SELECT date, tags FROM quotes LIMIT 0"); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: it was made by an earlier development build of quotewire with another schema: ingest again into a new file", path)
	}
	return s, nil
}

// setPool sizes db's pool: at most n connections, all kept while the
// store is busy, each closed after connIdleTime unused, none closed for
// its age.
func setPool(db *sql.DB, n int) {
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxIdleTime(connIdleTime)
	db.SetConnMaxLifetime(0)
}

// SetMaxConns sets how many connections the store keeps at most (n < 1
// means DefaultMaxConns). A server sizes it to the requests it lets read
// at once: twice as many (a request may hold two, reading rows while it
// asks for more), and one for the writer. An in-memory store keeps its
// one connection.
func (s *Store) SetMaxConns(n int) {
	if s.path == ":memory:" {
		return
	}
	if n < 1 {
		n = DefaultMaxConns()
	}
	setPool(s.db, n)
}

// Close closes the database.
func (s *Store) Close() error {
	s.wmu.Lock()
	for _, st := range s.prepared {
		st.Close()
	}
	s.prepared = nil
	s.wmu.Unlock()
	return s.db.Close()
}

// DB returns the underlying database, for tests and maintenance.
func (s *Store) DB() *sql.DB { return s.db }

// busy reports whether err is SQLite's "database is locked".
func busy(err error) bool {
	return strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked")
}

// migrate applies the embedded migrations the database has not seen.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var version int
	// a new file's first connections switch it to WAL, which other
	// processes opening it at that moment see as SQLITE_BUSY before the
	// busy timeout applies: try again for a while
	err = errors.New("not read")
	for try := 0; err != nil && try < 100; try++ {
		if err = s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil && !busy(err) {
			break
		}
		if err != nil {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if err != nil {
		return fmt.Errorf("read schema version (is this a quotewire store?): %w", err)
	}
	if version > len(names) {
		return fmt.Errorf("schema version %d is newer than this quotewire knows (%d): upgrade quotewire", version, len(names))
	}
	for i := version; i < len(names); i++ {
		body, err := migrations.ReadFile(names[i])
		if err != nil {
			return err
		}
		// the transaction takes the write lock at once (_txlock=immediate):
		// another process migrating the same new file waits, then finds the
		// version moved on and skips what it already did
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var now int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&now); err != nil {
			tx.Rollback()
			return err
		}
		if now > i {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", path.Base(names[i]), err)
		}
		if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", path.Base(names[i]), err)
		}
	}
	return nil
}

// Has reports which keys are stored.
func (s *Store) Has(ctx context.Context, keys []string) (map[string]bool, error) {
	out := make(map[string]bool, len(keys))
	for len(keys) > 0 {
		n := min(len(keys), 500)
		args := make([]any, n)
		for i, k := range keys[:n] {
			args[i] = k
		}
		rows, err := s.db.QueryContext(ctx, "SELECT key FROM articles WHERE key IN ("+sqlread.Placeholders(n)+")", args...)
		if err != nil {
			return nil, fmt.Errorf("look up articles: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			out[k] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		keys = keys[n:]
	}
	return out, nil
}

// errf wraps a database error with what was being done (sqlread.Errf).
func errf(what string, err error) error { return sqlread.Errf(what, err) }
