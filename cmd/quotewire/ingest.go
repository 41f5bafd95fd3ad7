package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
	"github.com/quotewire/quotewire/ingest"
	"github.com/quotewire/quotewire/store/postgres"
	"github.com/quotewire/quotewire/store/sqlite"
	"github.com/quotewire/quotewire/wikidata"
)

// defaultDB is the store used when neither --db nor QUOTEWIRE_DB says.
const defaultDB = "quotewire.db"

// dbFlag registers --db on c, defaulting to $QUOTEWIRE_DB or defaultDB.
func dbFlag(c *cobra.Command, db *string) {
	def := os.Getenv("QUOTEWIRE_DB")
	if def == "" {
		def = defaultDB
	}
	c.Flags().StringVar(db, "db", def, "the store: an SQLite file, created when missing, or a PostgreSQL database as a postgres:// URL "+
		"(postgres://user:password@host:5432/dbname; its tables are created when missing); $QUOTEWIRE_DB sets the default")
}

// isPostgres reports whether a --db value names a PostgreSQL database.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// storeName is a --db value for messages: a PostgreSQL URL without its
// password.
func storeName(db string) string {
	if isPostgres(db) {
		return postgres.Redact(db)
	}
	return db
}

// errLogFor is where problems are logged by default: beside an SQLite
// store, in the current folder for a PostgreSQL one.
func errLogFor(db string) string {
	if isPostgres(db) {
		return "quotewire.errors.jsonl"
	}
	return db + ".errors.jsonl"
}

// openStore opens the store --db names: PostgreSQL for a postgres:// or
// postgresql:// URL, else the SQLite file at path. mustExist refuses to
// create an SQLite file (for commands that only read); a PostgreSQL
// database must exist already, and its tables are created when missing.
//
// The store links the entities of every article it stores to Wikidata
// items once its Wikidata index is filled ('quotewire wikidata import').
func openStore(path string, mustExist bool) (quotewire.Store, error) {
	if isPostgres(path) {
		s, err := postgres.Open(context.Background(), path)
		if err != nil {
			return nil, err // not a nil *postgres.Store in a non-nil interface
		}
		s.SetLinker(wikidata.NewLinker(s))
		return s, nil
	}
	if mustExist {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: create one with 'quotewire ingest --db %s FILES...'", path, path)
		}
	}
	s, err := sqlite.Open(path)
	if err != nil {
		return nil, err
	}
	s.SetLinker(wikidata.NewLinker(s))
	return s, nil
}

func (m *Main) ingestCommand() *cobra.Command {
	var (
		db         string
		workers    int
		batch      int
		errLog     string
		progress   string
		cpuProf    string
		mo         modelOpts
		background bool
	)
	c := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Analyse articles and add them to a store for search",
		Long: `ingest reads articles from files and folders, finds their quotes, speakers
and entities, and adds them to a store (an SQLite file, or a PostgreSQL
database given as a postgres:// URL, --db) that search, export, stats and
serve read.

Inputs: plain text, HTML, JSON Lines, CSV with a header (url, date, title,
text...), WARC and WARC.gz (HTTP responses with HTML), RSS and Atom feeds, and
gzip or zstd versions of each; folders are read recursively. The format comes
from the extension, else from the first bytes.

Every article gets a stable key from its URL and text: running ingest again
on the same files adds nothing twice, and a run that was interrupted (even
killed) resumes where it stopped — what was reported stored is kept, the
rest is redone. Speakers are resolved across articles ("Sergey Lavrov",
"Sergei Lavrov" and "Lavrov, the foreign minister" are one person), the
same quote in several articles becomes one quotation, and near-duplicate
articles (syndicated copies) are clustered.

A bad file or record does not stop the run: each problem is named (file and
line or record) in the summary at the end and in a JSON Lines error log
(--error-log, default DB.errors.jsonl), and the exit status is 1.

  quotewire ingest testdata/seed testdata/wikinews
  quotewire ingest --db news.db crawl/*.warc.gz
  quotewire search --db news.db --speaker Lavrov sanctions`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := startBackground(background); err != nil {
				return err
			}
			if batch < 1 {
				return usageError{"--batch must be at least 1"}
			}
			show, err := m.showProgress(progress)
			if err != nil {
				return err
			}
			stop, err := startCPUProfile(cpuProf)
			if err != nil {
				return err
			}
			defer stop()
			p, err := mo.pipeline()
			if err != nil {
				return err
			}
			s, err := openStore(db, false)
			if err != nil {
				return err
			}
			defer s.Close()
			if errLog == "" {
				errLog = errLogFor(db)
			}
			return m.runIngest(c.Context(), ingestRun{pipeline: p, store: s, paths: args, workers: workers, batch: batch, errLog: errLog, progress: show})
		},
	}
	dbFlag(c, &db)
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	c.Flags().IntVar(&batch, "batch", 256, "articles stored per transaction")
	backgroundFlag(c, &background)
	c.Flags().StringVar(&errLog, "error-log", "", "where to write the problems as JSON Lines (default DB.errors.jsonl, or quotewire.errors.jsonl for PostgreSQL; written only when there are problems)")
	progressFlag(c, &progress)
	c.Flags().StringVar(&cpuProf, "cpuprofile", "", "write a CPU profile to this file (inspect with go tool pprof)")
	mo.register(c)
	return c
}

// ingestRun is one ingest's settings.
type ingestRun struct {
	pipeline *quotewire.Pipeline
	store    quotewire.Store
	paths    []string
	workers  int
	batch    int
	errLog   string
	progress bool
}

func (m *Main) runIngest(ctx context.Context, r ingestRun) error {
	if ctx == nil {
		ctx = context.Background()
	}
	start := time.Now()
	var problems []problem
	var pmu sync.Mutex
	addProblem := func(p problem) {
		pmu.Lock()
		problems = append(problems, p)
		pmu.Unlock()
	}
	// the one ingest use case: skip what is stored, analyse on workers,
	// store in batches in order; this command reads files and reports
	run := archive.Ingester{Pipeline: r.pipeline, Store: r.store, Workers: r.workers, Batch: r.batch, FirstBatch: archive.DefaultFirstBatch,
		Settled: func(o archive.Outcome) {
			if o.Problem != nil {
				or := o.Article.Origin
				addProblem(problem{File: or.File, Line: or.Line, Record: or.Record, Message: o.Located().Error()})
			}
		}}.Start(ctx)
	total := totalSize(r.paths)
	var bar *mpb.Bar
	var prog *mpb.Progress
	if r.progress {
		prog = newProgress(m.Stderr)
		bar = prog.AddBar(total, mpb.BarWidth(progressBarWidth),
			mpb.PrependDecorators(
				decor.Any(func(decor.Statistics) string {
					t := run.Totals()
					return fmt.Sprintf("%d articles (%d new)", t.Read, t.Added)
				}, decor.WCSyncSpaceR),
				decor.CountersKibiByte("% .1f / % .1f", decor.WCSyncSpace),
			),
			mpb.AppendDecorators(
				decor.Any(func(decor.Statistics) string {
					el := time.Since(start).Seconds()
					if el <= 0 {
						return ""
					}
					return fmt.Sprintf("%.0f art/s", float64(run.Totals().Read)/el)
				}, decor.WCSyncSpace),
				decor.AverageETA(decor.ET_STYLE_GO, decor.WCSyncSpace),
			),
		)
	}

	var bytesDone int64
	var lastFile string
	var cur *ingest.Reader // the input being read, for the bytes read of it
	err := m.walkArticles(r.paths, func(rd *ingest.Reader) {
		if lastFile != "" {
			if fi, err := os.Stat(lastFile); err == nil {
				bytesDone += fi.Size()
			}
		}
		lastFile, cur = rd.Name(), rd
		if bar != nil {
			bar.SetCurrent(bytesDone)
		}
	}, func(art quotewire.Article) error {
		if bar != nil && cur != nil {
			// through one big file as across many
			bar.SetCurrent(min(bytesDone+cur.BytesRead(), total))
		}
		return run.Add(art)
	}, addProblem)
	tot, werr := run.Close()
	if bar != nil {
		if werr == nil && err == nil {
			bar.SetCurrent(total)
			bar.SetTotal(-1, true)
		} else {
			bar.Abort(false)
		}
		prog.Wait()
	}
	if werr != nil {
		return fmt.Errorf("%w (what was reported stored before is kept; run ingest again to resume)", werr)
	}
	el := time.Since(start)
	fmt.Fprintf(m.Stderr, "quotewire: ingested %s in %s (%.0f/s): %d added, %d already stored, %s, %s\n",
		plural(tot.Read, "article"), el.Round(time.Millisecond), float64(tot.Read)/max(el.Seconds(), 1e-9),
		tot.Added, tot.Skipped, plural(tot.Quotes, "quote"), plural(len(problems), "problem"))
	m.vacuumGrown(ctx, r.store, tot.Added)
	if len(problems) > 0 {
		if lerr := writeProblems(r.errLog, problems); lerr != nil {
			fmt.Fprintf(m.Stderr, "quotewire: %v\n", lerr)
		}
		const show = 20
		for i, p := range problems {
			if i == show {
				fmt.Fprintf(m.Stderr, "  ... and %d more\n", len(problems)-show)
				break
			}
			fmt.Fprintf(m.Stderr, "  %s\n", p.Message)
		}
		fmt.Fprintf(m.Stderr, "quotewire: every problem is listed in %s\n", r.errLog)
	} else {
		os.Remove(r.errLog) // a log from an earlier run would mislead
	}
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", errPartial, plural(len(problems), "problem"))
	}
	return nil
}

// writeProblems writes the problems to path as JSON Lines.
func writeProblems(path string, ps []problem) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("error log: %w", err)
	}
	enc := json.NewEncoder(f)
	for i := range ps {
		if err := enc.Encode(&ps[i]); err != nil {
			f.Close()
			return fmt.Errorf("error log %s: %w", path, err)
		}
	}
	return f.Close()
}

// totalSize adds up the sizes of the files paths name or hold, for the
// progress bar.
func totalSize(paths []string) int64 {
	var n int64
	ingest.Walk(paths, func(path string, err error) error {
		if err == nil {
			if fi, err := os.Stat(path); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// vacuumer is a store whose database needs a vacuum after a bulk load
// (the PostgreSQL store).
type vacuumer interface {
	VacuumIfGrown(ctx context.Context, added int64) (bool, error)
}

// vacuumGrown vacuums store and updates the planner's statistics when an
// ingest added a hundredth of the articles they know of or more:
// PostgreSQL's autovacuum does it in its own time, and until it does
// reads of the new rows cost more and a store much grown plans its
// queries from the statistics of a smaller one. A failure is reported,
// not fatal: autovacuum will come.
func (m *Main) vacuumGrown(ctx context.Context, store quotewire.Store, added int64) {
	v, ok := store.(vacuumer)
	if !ok {
		return
	}
	start := time.Now()
	did, err := v.VacuumIfGrown(ctx, added)
	if err != nil {
		fmt.Fprintf(m.Stderr, "quotewire: vacuuming the database after the ingest: %v (autovacuum will do it in time)\n", err)
		return
	}
	if did {
		fmt.Fprintf(m.Stderr, "quotewire: vacuumed and analysed the database's tables after the ingest (%s)\n", time.Since(start).Round(time.Millisecond))
	}
}
