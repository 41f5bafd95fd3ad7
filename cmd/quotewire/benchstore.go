package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/benchstore"
	"github.com/quotewire/quotewire/store/postgres"
	"github.com/quotewire/quotewire/store/sqlite"
)

// defaultStoreBenchSources are the texts the store benchmark replicates.
var defaultStoreBenchSources = []string{"testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt", shippedCorpus, "../shared/data/polnear/dev.jsonl"}

func (m *Main) benchStoreCommand() *cobra.Command {
	var (
		articles, queries, workers, rounds   int
		db                                   string
		keep, asJSON, searchOnly, ingestOnly bool
	)
	c := &cobra.Command{
		Use:   "bench-store [SOURCE...]",
		Short: "Measure ingest speed and search latency on a large store",
		Long: `bench-store measures the store side of quotewire:

 1. extraction alone and ingest (extraction plus storing) of the source
    articles (default: the founding article, the Wikinews articles in
    testdata/wikinews and, when ../shared is beside the project, PolNeAR
    dev), as articles/s and their ratio;
 2. a store of --articles articles (default 100,000), built by replicating
    the analysed sources: each copy gets its own key, URL, outlet (one of
    40) and a date shifted by a week per copy over ten years; copies carry
    no near-duplicate signature, so they are not clustered;
 3. search latency on that store: --queries queries (default 400) mixing
    words, phrases, OR, prefixes, speaker, entity, outlet and date filters,
    drawn from the store's own quotes and speakers; p50, p95, p99 by kind.

Phase 1 starts from the articles in memory on both sides (reading the files
is in neither); each of --rounds rounds times extraction alone, then an
ingest into a new store, and the ratio given is the median of the rounds'.
--ingest-only runs phase 1 alone, in seconds, by default on the corpus
quotewire bench reads (` + defaultBenchCorpus + `, else
the shipped Wikinews): make bench prints it after quotewire bench's table.
With --db postgres://..., --ingest-only ingests into that database instead,
each round into a schema of its own, dropped after.

It takes a few minutes for 100,000 articles; the store is deleted after
unless --keep. The store it builds is an SQLite file at --db, or with
--db postgres://... a PostgreSQL store: with --keep in the database (and
schema) the URL names, which should be empty, else in a schema of its own,
dropped after; it is vacuumed and analysed once built. --search-only times
the queries on a store built before.

  quotewire bench-store
  quotewire bench-store --articles 20000 --format json
  quotewire bench-store --ingest-only                   # phase 1 alone
  quotewire bench-store --ingest-only --db postgres://localhost/test   # into PostgreSQL
  quotewire bench-store --db postgres://localhost/big --keep   # a large PostgreSQL store for bench-serve`,
		RunE: func(c *cobra.Command, args []string) error {
			if searchOnly && ingestOnly {
				return usageError{"--search-only and --ingest-only time different phases: give one"}
			}
			if ingestOnly && db != "" && !isPostgres(db) {
				return usageError{"--ingest-only ingests into temporary SQLite files, or with --db postgres://... into a schema of its own per round in that database; it takes no SQLite --db"}
			}
			if len(args) == 0 && ingestOnly {
				args = m.defaultSources(defaultBenchCorpus)
			} else if len(args) == 0 {
				args = m.defaultSources(defaultStoreBenchSources...)
			}
			ctx := c.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			if searchOnly {
				if db == "" {
					return usageError{"--search-only needs --db, a store built before (bench-store --db FILE --keep)"}
				}
				res, err := runSearchBench(ctx, db, queries)
				if err != nil {
					return err
				}
				return writeStoreBench(m, res, asJSON)
			}
			dir, err := os.MkdirTemp("", "quotewire-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			if ingestOnly {
				res := &benchstore.Result{}
				if db != "" {
					res.IngestInto = "PostgreSQL"
				}
				s, err := m.runIngestBench(ctx, args, dir, db, workers, rounds, res)
				if err != nil {
					return err
				}
				s.Close()
				return writeStoreBench(m, res, asJSON)
			}
			if db == "" {
				db = filepath.Join(dir, "bench.db")
			} else if !keep && !isPostgres(db) {
				defer removeStore(db)
			}
			res, err := m.runStoreBench(ctx, args, db, dir, articles, queries, workers, rounds, keep)
			if err != nil {
				return err
			}
			if keep && strings.HasPrefix(db, dir) {
				fmt.Fprintln(m.Stderr, "quotewire: --keep needs --db outside the temporary folder; the store was deleted")
			}
			return writeStoreBench(m, res, asJSON)
		},
	}
	c.Flags().IntVar(&articles, "articles", 100000, "articles in the store searched")
	c.Flags().IntVar(&queries, "queries", 400, "search queries timed")
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	c.Flags().StringVar(&db, "db", "", "build the store here (default: a temporary file)")
	c.Flags().BoolVar(&keep, "keep", false, "keep the store built at --db")
	formatFlag(c, &asJSON, "json: the results as one object")
	c.Flags().BoolVar(&searchOnly, "search-only", false, "only time the queries, on the store at --db")
	c.Flags().BoolVar(&ingestOnly, "ingest-only", false, "only time extraction alone against ingest into SQLite (or the PostgreSQL database of --db) (phase 1), on the corpus bench reads by default")
	c.Flags().IntVar(&rounds, "rounds", 3, "rounds of phase 1 (extraction alone, then ingest into a new store): medians are given")
	return c
}

// writeStoreBench prints res as a table or, with --format json, as one
// indented object.
func writeStoreBench(m *Main, res *benchstore.Result, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return res.Write(m.Stdout)
}

func removeStore(db string) {
	for _, suffix := range []string{"", "-wal", "-shm", ".errors.jsonl"} {
		os.Remove(db + suffix)
	}
}

// runIngestBench reads the sources and times phase 1 on them
// (benchstore.IngestBench), each round ingesting into a new SQLite file in
// dir, or with pg (a postgres:// URL) into a new schema of that database,
// dropped when its store is closed; it returns the last round's store,
// open.
func (m *Main) runIngestBench(ctx context.Context, sources []string, dir, pg string, workers, rounds int, res *benchstore.Result) (benchstore.IngestStore, error) {
	p, err := (&modelOpts{}).pipeline()
	if err != nil {
		return nil, err
	}
	var arts []quotewire.Article
	if err := m.readArticles(sources, func(a quotewire.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		return nil, err
	}
	return benchstore.IngestBench{Pipeline: p, Articles: arts, Workers: workers, Rounds: rounds,
		Open: func(round int) (benchstore.IngestStore, error) {
			if pg != "" {
				return openScratchPostgres(ctx, pg, fmt.Sprintf("qw_ingest_%d_%d", os.Getpid(), round))
			}
			return sqlite.Open(filepath.Join(dir, fmt.Sprintf("ingest-%d.db", round)))
		}}.Run(ctx, res)
}

// scratchPostgres is a PostgreSQL store in a schema of its own, dropped
// when the store is closed.
type scratchPostgres struct {
	*postgres.Store
	db, schema string
}

// openScratchPostgres creates schema in the database db names and opens a
// store there.
func openScratchPostgres(ctx context.Context, db, schema string) (*scratchPostgres, error) {
	url, err := withSearchPath(db, schema)
	if err != nil {
		return nil, err
	}
	if err := execSQL(ctx, db, "CREATE SCHEMA "+schema); err != nil {
		return nil, err
	}
	s, err := postgres.Open(ctx, url)
	if err != nil {
		execSQL(context.WithoutCancel(ctx), db, "DROP SCHEMA "+schema+" CASCADE")
		return nil, err
	}
	return &scratchPostgres{Store: s, db: db, schema: schema}, nil
}

// Close closes the store and drops its schema.
func (s *scratchPostgres) Close() error {
	err := s.Store.Close()
	if derr := execSQL(context.Background(), s.db, "DROP SCHEMA "+s.schema+" CASCADE"); err == nil {
		err = derr
	}
	return err
}

// largeStore is the store bench-store builds and searches.
type largeStore interface {
	quotewire.Store
	Close() error
}

// openLargeStore opens the store bench-store builds at db: an SQLite file,
// or a PostgreSQL database, where without keep the store goes into a
// schema of its own, dropped when it is closed.
func openLargeStore(ctx context.Context, db string, keep bool) (largeStore, error) {
	if !isPostgres(db) {
		return sqlite.Open(db)
	}
	if keep {
		return postgres.Open(ctx, db)
	}
	return openScratchPostgres(ctx, db, fmt.Sprintf("qw_bench_%d", os.Getpid()))
}

// runStoreBench times extraction alone and ingest of the sources, builds
// a store of n articles at db from what the ingest stored, and times nq
// searches on it.
func (m *Main) runStoreBench(ctx context.Context, sources []string, db, dir string, n, nq, workers, rounds int, keep bool) (*benchstore.Result, error) {
	res := &benchstore.Result{}
	// 1. extraction alone, then ingest of the same sources
	is, err := m.runIngestBench(ctx, sources, dir, "", workers, rounds, res)
	if err != nil {
		return nil, err
	}
	defer is.Close()
	templates, err := benchstore.Templates(ctx, is, 0)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(m.Stderr, "quotewire: %d source articles: extraction %.0f/s, ingest %.0f/s; building a store of %d articles...\n",
		res.Sources, res.ExtractPerSec, res.IngestPerSec, n)

	// 2. the large store
	s, err := openLargeStore(ctx, db, keep)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if res.ReplicatePerSec, err = benchstore.Replicate(ctx, s, templates, n); err != nil {
		return nil, err
	}
	if v, ok := s.(interface{ Vacuum(context.Context) error }); ok {
		// PostgreSQL: the statistics and visibility map autovacuum would
		// make only later, or never where it is off
		if err := v.Vacuum(ctx); err != nil {
			return nil, err
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		return nil, err
	}
	res.Articles = st.Articles
	if fi, err := os.Stat(db); err == nil {
		res.DBBytes = fi.Size()
	}
	return res, benchstore.Search(ctx, s, templates, nq, res)
}

// runSearchBench times queries on a store built before.
func runSearchBench(ctx context.Context, db string, nq int) (*benchstore.Result, error) {
	s, err := openStore(db, true)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	res := &benchstore.Result{}
	st, err := s.Stats(ctx)
	if err != nil {
		return nil, err
	}
	res.Articles = st.Articles
	if fi, err := os.Stat(db); err == nil {
		res.DBBytes = fi.Size()
	}
	templates, err := benchstore.Templates(ctx, s, 500)
	if err != nil {
		return nil, err
	}
	return res, benchstore.Search(ctx, s, templates, nq, res)
}
