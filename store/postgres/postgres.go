// Package postgres is quotewire's store on PostgreSQL (pgx v5, a
// connection pool): the same quotewire.Store as the embedded SQLite store
// (store/sqlite), with the same answers, for archives that several
// processes write and read at once.
//
// The schema is created and upgraded by migrations embedded in the binary
// (migrations/*.sql), applied in order, each in its own transaction; the
// version is kept in the table quotewire_schema. Concurrent migrators (two
// processes starting on an empty database) wait for each other on a
// transaction-level advisory lock.
//
// Many processes write at once. A Put (see put.go) takes turns with the
// other writers only for what must see everything written before it:
// resolving names to entities and quotations, under a transaction-level
// advisory lock (pg_advisory_xact_lock) on a key fixed for the store's
// schema, so that two processes resolving the same new name cannot both
// create an entity for it; and near-duplicate clustering, under a second
// key. The bulk of the work (articles, quotes and their text index, links,
// counts) is written in parallel, in a transaction of its own, with the
// shared rows it counts locked in one global order. Readers never wait
// for writers. A writer pipelines its statements (a batch costs a few
// round trips however many articles and names it holds; see resolve.go),
// so that a database across a network is not paid for per row.
//
// The tables written in bulk (quotes, article_entities, article_bands,
// entity_aliases, entity_roles) have no foreign keys (migration 2): a
// foreign key check locks the row it refers to, and every quote would lock
// its speaker's row, the hottest rows of the store. The writer keeps them
// consistent instead; the storetest suite and the store's own tests check
// it.
//
// Full-text search is PostgreSQL's own: each quote keeps a tsvector of its
// words in a GIN index, in the text search configuration "quotewire" (the
// 'simple' one, with accents removed when the unaccent extension could be
// installed). The store splits quotes into words itself, as the query
// parser does (runs of letters and digits, lower case), so "U.S." is the
// words "u" and "s" and "tass.com" the words "tass" and "com", as on
// SQLite.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/namecache"
	"github.com/quotewire/quotewire/store/internal/sqlread"
	"github.com/quotewire/quotewire/store/internal/wikirows"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Advisory lock keys. Migrations take one key for the whole database
// (they may install an extension, which is database-wide); writers take
// the pairs (writeLockClass or clusterLockClass, a hash of the store's
// schema), so that stores in different schemas of one database do not
// wait for each other (a hash collision only makes two of them take
// turns).
const (
	migrateLockKey   int64 = 0x71756f7465770001 // "quotew" 1
	writeLockClass   int32 = 0x71770002
	clusterLockClass int32 = 0x71770003
)

// Store is a quotewire.Store in a PostgreSQL database (the tables of the
// connection's current schema). It is safe for concurrent use, by any
// number of processes.
type Store struct {
	pool *pgxpool.Pool
	// Now gives the time recorded as an article's "added"; tests may set it.
	Now func() time.Time
	// lockKey is the writers' advisory lock key for the store's schema.
	lockKey int32
	// wmu serialises this process's writers before they wait for the
	// advisory lock, and guards names.
	wmu sync.Mutex
	// cmu serialises this process's clustering steps the same way.
	cmu sync.Mutex
	// timing is what WriteTimings reports.
	timing timing
	// names remembers, across Puts, how names resolved and which aliases
	// and roles are stored: facts that stay true, since entities, aliases
	// and roles are never deleted, whichever process wrote them (guarded
	// by wmu).
	names     namecache.Cache
	closeOnce sync.Once
	// Linking links each article's entities before Put and Replace
	// store it (SetLinker).
	wikirows.Linking
	// Reads answers the reads both backends share.
	sqlread.Reads
}

var _ quotewire.Store = (*Store)(nil)

// Open connects to the database at url (postgres://user:password@host:port/db?options;
// PostgreSQL's key=value form works too), creating the schema when it
// does not exist and upgrading an older one. A search_path option in the
// URL chooses the schema the store's tables live in.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message shows the address with its password hidden
		return nil, fmt.Errorf("open store: %w", err)
	}
	return OpenConfig(ctx, cfg)
}

// OpenConfig is Open with a pool configuration, for settings a URL does
// not carry (cfg.ConnConfig.RuntimeParams["search_path"] chooses the
// schema).
func OpenConfig(ctx context.Context, cfg *pgxpool.Config) (*Store, error) {
	where := fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	cfg = sessionDefaults(cfg)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", where, err)
	}
	s := &Store{pool: pool, Now: time.Now, Reads: sqlread.Reads{DB: reader{pool}}}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: %w", where, err)
	}
	var schema string
	if err := pool.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: %w", where, err)
	}
	h := fnv.New32a()
	h.Write([]byte(schema))
	s.lockKey = int32(h.Sum32())
	return s, nil
}

// sessionDefaults returns cfg with connections that change three of the
// server's built-in defaults, each only where neither the URL (the
// connection's options) nor the server's or the database's configuration
// chooses it (pg_settings.source is still "default"):
//
//   - default_toast_compression lz4, where the server has it (PostgreSQL
//     14 and later, built with lz4): the long values written (an
//     article's text) compress several times quicker, and read back
//     quicker, than with PostgreSQL's own pglz, for a little more room.
//     The values read are the same either way.
//   - max_parallel_workers_per_gather 0: no parallel workers for the
//     store's queries. Its queries are short, and many run at once under
//     a server's readers: each parallel worker is a new process that
//     starts cold (it maps every shared buffer it touches anew; with a
//     shared_buffers that holds the store, 100-200 ms for a search that
//     takes 10-25 ms on a warm connection) and takes a core from the
//     other readers. Without them, serve on a 100,000-article store on
//     two cores answered 50 clients 1.5x as fast (docs/PERFORMANCE.md).
//     A URL option (max_parallel_workers_per_gather=2) turns them back
//     on.
//   - random_page_cost 1.1 instead of 4, the usual setting where the
//     data is on solid-state disks or in memory (a disk that seeks costs
//     4): with 4, a search for a word in 10,000 of 1.3 million quotes
//     read the newest quotes one by one until 2,000 matched (300,000
//     rows, 150-200 ms) rather than the 10,000 matches from the words'
//     index (40-60 ms). The same answers; searches a fifth cheaper on
//     average over the benchmark's (docs/PERFORMANCE.md). A URL option
//     (random_page_cost=4) or the server's configuration keeps another.
func sessionDefaults(cfg *pgxpool.Config) *pgxpool.Config {
	cfg = cfg.Copy()
	after := cfg.AfterConnect
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		if after != nil {
			if err := after(ctx, c); err != nil {
				return err
			}
		}
		_, err := c.Exec(ctx, `SELECT set_config(s.name, d.value, false)
			FROM (VALUES ('default_toast_compression', 'lz4'), ('max_parallel_workers_per_gather', '0'), ('random_page_cost', '1.1')) AS d(name, value)
			JOIN pg_settings s ON s.name = d.name
			WHERE s.source = 'default' AND (s.enumvals IS NULL OR d.value = ANY(s.enumvals))`)
		return errf("set session defaults", err)
	}
	return cfg
}

// Close closes the pool, waiting for connections in use to be returned.
// Closing twice is harmless.
func (s *Store) Close() error {
	s.closeOnce.Do(s.pool.Close)
	return nil
}

// Pool returns the connection pool, for tests and maintenance.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Analyze updates the planner's statistics of the store's tables
// (ANALYZE), as autovacuum does in its own time: after a bulk load, the
// plans of the first queries otherwise read whole indexes (a speaker's
// newest quotes took 440 ms instead of 5 on a 100,000-article store).
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, "ANALYZE "+storeTables)
	return errf("analyze", err)
}

// storeTables are the tables Analyze and Vacuum go through.
const storeTables = "quotes, articles, article_entities, article_bands, entities, entity_aliases, entity_roles, quotations"

// Vacuum vacuums and analyzes the store's tables (VACUUM (ANALYZE)), as
// autovacuum does in its own time, where it runs: besides the planner's
// statistics, it marks the pages of a table just loaded all-visible, so
// that queries answered from an index alone (a speaker's timeline) need
// not visit the table. It takes seconds on a large store.
func (s *Store) Vacuum(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, "VACUUM (ANALYZE) "+storeTables)
	return errf("vacuum", err)
}

// VacuumIfGrown runs Vacuum when added articles are a hundredth or more
// of the articles the planner's statistics know of (pg_class.reltuples,
// read without counting the table; -1 or 0 before the first ANALYZE or
// VACUUM), and reports whether it did. Reads of rows just written cost
// more until a vacuum has marked their pages all-visible and emptied the
// GIN indexes' lists of pending entries, and a store grown by a tenth
// plans from the statistics of a smaller one (a speaker's newest quotes
// took 440 ms instead of 5): after 5,040 articles added to a store of
// 100,000, serve answered 222-230 requests/s before the vacuum and
// 267-294 after (docs/PERFORMANCE.md). Autovacuum's insert threshold (a
// fifth of the table) comes late on a large store, where it runs at all.
func (s *Store) VacuumIfGrown(ctx context.Context, added int64) (bool, error) {
	if added <= 0 {
		return false, nil
	}
	var known float64
	if err := s.pool.QueryRow(ctx, "SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass").Scan(&known); err != nil {
		return false, errf("vacuum", err)
	}
	if float64(added)*100 < known {
		return false, nil
	}
	return true, s.Vacuum(ctx)
}

// migrate applies the embedded migrations the database has not seen, one
// transaction each, under the migration lock.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for {
		done, err := s.migrateOne(ctx, names)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the first migration the database lacks, reporting
// true when there was none.
func (s *Store) migrateOne(ctx context.Context, names []string) (bool, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLockKey); err != nil {
		return false, fmt.Errorf("wait for other migrations: %w", err)
	}
	var schema *string
	var searchPath string
	if err := tx.QueryRow(ctx, "SELECT current_schema(), current_setting('search_path')").Scan(&schema, &searchPath); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	if schema == nil {
		return false, fmt.Errorf("no schema to keep the store in: search_path %q names none that exists (create it with CREATE SCHEMA, or choose another with the URL's search_path option)", searchPath)
	}
	if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS quotewire_schema (version integer NOT NULL)"); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	var version int
	err = tx.QueryRow(ctx, "SELECT version FROM quotewire_schema").Scan(&version)
	if errors.Is(err, pgx.ErrNoRows) {
		_, err = tx.Exec(ctx, "INSERT INTO quotewire_schema (version) VALUES (0)")
	}
	if err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	if version > len(names) {
		return false, fmt.Errorf("schema version %d is newer than this quotewire knows (%d): upgrade quotewire", version, len(names))
	}
	if version == len(names) {
		return true, tx.Commit(ctx)
	}
	body, err := migrations.ReadFile(names[version])
	if err != nil {
		return false, err
	}
	// the simple protocol runs a script of several statements
	if _, err := tx.Exec(ctx, string(body), pgx.QueryExecModeSimpleProtocol); err != nil {
		return false, fmt.Errorf("migration %s: %w", path.Base(names[version]), err)
	}
	if _, err := tx.Exec(ctx, "UPDATE quotewire_schema SET version = $1", version+1); err != nil {
		return false, err
	}
	if err := tx.Commit(ctx); err != nil {
		return false, fmt.Errorf("migration %s: %w", path.Base(names[version]), err)
	}
	return false, nil
}

// Has reports which keys are stored.
func (s *Store) Has(ctx context.Context, keys []string) (map[string]bool, error) {
	out := make(map[string]bool, len(keys))
	asked := map[string][]string{} // by the key as stored
	for _, k := range keys {
		asked[clean(k)] = append(asked[clean(k)], k)
	}
	keys = make([]string, 0, len(asked))
	for k := range asked {
		keys = append(keys, k)
	}
	for len(keys) > 0 {
		n := min(len(keys), 1000)
		rows, err := s.pool.Query(ctx, "SELECT key FROM articles WHERE key = ANY($1)", keys[:n])
		if err != nil {
			return nil, errf("look up articles", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, errf("look up articles", err)
			}
			for _, a := range asked[k] {
				out[a] = true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, errf("look up articles", err)
		}
		keys = keys[n:]
	}
	return out, nil
}

// clean makes s storable in a text column, which holds neither NUL nor
// invalid UTF-8 (SQLite holds both): each becomes U+FFFD. It is applied
// to an article's key and metadata (a file name may be any bytes) and to
// the keys and outlet looked up, so that a stored value is found by the
// value given; texts are not cleaned (the pipeline refuses such texts,
// and the offsets into them must stay).
func clean(s string) string {
	if utf8.ValidString(s) && !strings.Contains(s, "\x00") {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// errf wraps a database error with what was being done (sqlread.Errf).
func errf(what string, err error) error { return sqlread.Errf(what, err) }

// Redact returns a postgres:// URL with its password replaced by "xxxxx",
// for messages; a string that is not a URL is replaced whole.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return "(a PostgreSQL connection string)"
	}
	return u.Redacted()
}
