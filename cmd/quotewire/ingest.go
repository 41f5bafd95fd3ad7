package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/dedup"
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
		db       string
		workers  int
		batch    int
		errLog   string
		progress string
		cpuProf  string
		mo       modelOpts
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
			if batch < 1 {
				return usageError{"--batch must be at least 1"}
			}
			switch progress {
			case "auto", "on", "off":
			default:
				return usageError{fmt.Sprintf("unknown --progress %q: use auto, on or off", progress)}
			}
			if cpuProf != "" {
				f, err := os.Create(cpuProf)
				if err != nil {
					return fmt.Errorf("create --cpuprofile file: %w", err)
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
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
			show := progress == "on" || progress == "auto" && m.StderrIsTerminal
			return m.runIngest(c.Context(), ingestRun{pipeline: p, store: s, paths: args, workers: workers, batch: batch, errLog: errLog, progress: show})
		},
	}
	dbFlag(c, &db)
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	c.Flags().IntVar(&batch, "batch", 256, "articles stored per transaction")
	c.Flags().StringVar(&errLog, "error-log", "", "where to write the problems as JSON Lines (default DB.errors.jsonl, or quotewire.errors.jsonl for PostgreSQL; written only when there are problems)")
	c.Flags().StringVar(&progress, "progress", "auto", "progress bar on standard error: auto (when it is a terminal), on or off")
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

// ingested is what a worker made of one article.
type ingested struct {
	rec     quotewire.Record
	stored  bool // already in the store: not analysed again
	problem *problem
}

// ingestStats counts an ingest's progress; the writer goroutine updates
// them while the progress bar reads them.
type ingestStats struct {
	read, added, skipped, quotes atomic.Int64
	bytesDone                    atomic.Int64
}

// newRecord is what every command that stores an analysed article
// stores: its key, analysis, origin, outlet and near-duplicate signature.
func newRecord(key string, a *quotewire.Analysis, origin quotewire.Origin) quotewire.Record {
	return quotewire.Record{Key: key, Analysis: a, Origin: origin, Outlet: outletOf(a), Signature: dedup.Signature(a.Text)}
}

// outletOf names an article's publisher, in lower case as search
// filters compare it: the host of its URL without "www.", else the news
// agency of its dateline ("tass").
func outletOf(a *quotewire.Analysis) string {
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return strings.ToLower(a.Agency)
}

func (m *Main) runIngest(ctx context.Context, r ingestRun) error {
	if ctx == nil {
		ctx = context.Background()
	}
	start := time.Now()
	var st ingestStats
	var problems []problem
	var pmu sync.Mutex
	addProblem := func(p problem) {
		pmu.Lock()
		problems = append(problems, p)
		pmu.Unlock()
	}
	total := totalSize(r.paths)
	var bar *mpb.Bar
	var prog *mpb.Progress
	if r.progress {
		prog = newProgress(m.Stderr)
		bar = prog.AddBar(total, mpb.BarWidth(progressBarWidth),
			mpb.PrependDecorators(
				decor.Any(func(decor.Statistics) string {
					return fmt.Sprintf("%d articles (%d new)", st.read.Load(), st.added.Load())
				}, decor.WCSyncSpaceR),
				decor.CountersKibiByte("% .1f / % .1f", decor.WCSyncSpace),
			),
			mpb.AppendDecorators(
				decor.Any(func(decor.Statistics) string {
					el := time.Since(start).Seconds()
					if el <= 0 {
						return ""
					}
					return fmt.Sprintf("%.0f art/s", float64(st.read.Load())/el)
				}, decor.WCSyncSpace),
				decor.AverageETA(decor.ET_STYLE_GO, decor.WCSyncSpace),
			),
		)
	}

	// the writer: stores batches in order, one transaction each
	batches := make(chan []quotewire.Record, 2)
	var werr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for b := range batches {
			if werr != nil {
				continue
			}
			// a batch is stored even when the run is being cancelled: what
			// was analysed is kept
			res, err := r.store.Put(context.WithoutCancel(ctx), b)
			if err != nil {
				werr = err
				continue
			}
			st.added.Add(int64(res.Added))
			st.skipped.Add(int64(res.Skipped))
			for _, rec := range b {
				st.quotes.Add(int64(len(rec.Analysis.Quotes)))
			}
		}
	}()

	var pending []quotewire.Record
	var lastFile string
	var cur *ingest.Reader // the input being read, for the bytes read of it
	err := ordered(r.workers, func(emit func(func() ingested)) error {
		return m.walkArticles(r.paths, func(rd *ingest.Reader) {
			if lastFile != "" {
				if fi, err := os.Stat(lastFile); err == nil {
					st.bytesDone.Add(fi.Size())
				}
			}
			lastFile, cur = rd.Name(), rd
			if bar != nil {
				bar.SetCurrent(st.bytesDone.Load())
			}
		}, func(art quotewire.Article) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if bar != nil && cur != nil {
				// through one big file as across many
				bar.SetCurrent(min(st.bytesDone.Load()+cur.BytesRead(), total))
			}
			emit(func() ingested {
				key := quotewire.ArticleKey(art.URL, art.Text)
				if has, err := r.store.Has(ctx, []string{key}); err == nil && has[key] {
					return ingested{stored: true}
				}
				a, err := r.pipeline.Extract(art)
				if err != nil {
					where := art.Origin.String()
					if where == "" {
						where = art.ID
					}
					return ingested{problem: &problem{File: art.Origin.File, Line: art.Origin.Line, Record: art.Origin.Record,
						Message: fmt.Sprintf("%s: %v", where, err)}}
				}
				return ingested{rec: newRecord(key, a, art.Origin)}
			})
			return nil
		}, addProblem)
	}, func(x ingested) error {
		st.read.Add(1)
		switch {
		case x.problem != nil:
			addProblem(*x.problem)
		case x.stored:
			st.skipped.Add(1)
		default:
			pending = append(pending, x.rec)
			if len(pending) >= r.batch {
				batches <- pending
				pending = nil
			}
		}
		return nil
	})
	if len(pending) > 0 {
		batches <- pending
	}
	close(batches)
	wg.Wait()
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
		plural(st.read.Load(), "article"), el.Round(time.Millisecond), float64(st.read.Load())/max(el.Seconds(), 1e-9),
		st.added.Load(), st.skipped.Load(), plural(st.quotes.Load(), "quote"), plural(len(problems), "problem"))
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
