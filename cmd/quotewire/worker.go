package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
	"github.com/quotewire/quotewire/fetch"
	"github.com/quotewire/quotewire/follow"
	"github.com/quotewire/quotewire/ingest"
	"github.com/quotewire/quotewire/internal/proc"
	"github.com/quotewire/quotewire/internal/workerhttp"
	"github.com/quotewire/quotewire/queue"
	"github.com/quotewire/quotewire/store/postgres"
)

func (m *Main) workerCommand() *cobra.Command {
	var (
		qf         queueFlags
		db         string
		workers    int
		batch      int
		ackWait    time.Duration
		maxDeliver int
		retryDelay time.Duration
		exitEmpty  bool
		quiet      bool
		metrics    string
		report     string
		contact    string
		delay      time.Duration
		private    bool
		mo         modelOpts
		background bool
	)
	c := &cobra.Command{
		Use:   "worker",
		Short: "Process queued units of work into a store (distributed ingest)",
		Long: `worker pulls units of work that 'quotewire enqueue' queued on a NATS
JetStream server, reads their articles, analyses them as ingest does and
stores them (--db; PostgreSQL for several workers on several machines).
Run as many workers, on as many machines, as you like: each unit goes to
one worker at a time.

A unit is acknowledged only once all of its articles are stored, so a
worker that dies (even killed) loses nothing: once a unit's worker has
been silent for --ack-wait (15s by default) the unit is handed to another
worker, which skips the articles stored already (every article has a
stable key) and does the rest. While a worker holds a unit, a heartbeat
apart from the work tells the server every ack-wait/4 that it is still at
it, so a unit may take any time on a live worker (storing a batch,
analysing one huge article, finishing after SIGTERM) and is never handed
to another meanwhile. The ack wait is the queue's: give all its workers
the same. The last one started sets it, for the units held already too,
and running workers pace their heartbeats on the shortest in force. A
shorter ack wait resumes a dead worker's unit sooner; a longer one lets a
live worker's connection to NATS drop for longer before its unit is
redone elsewhere.

A unit that fails (its file is missing or unreadable, the store refuses a
write) is retried after --retry-delay, doubled at each further attempt; at
its --max-deliver-th delivery it goes to the dead-letter subject
(NAME.dead) with the reason, which 'quotewire status' shows. Bad records
inside a file are not failures: they are reported on standard error and
the rest is stored.

Files are opened at the path enqueue saw: every worker must read them at
the same path (a shared file system, or an object store mounted at the
same place on every machine).

Page units ('quotewire follow --nats' enqueues them, one per new page of a
feed) are fetched as follow fetches them (robots.txt, --contact in the
User-Agent, timeouts, a 10 MB cap), read and stored. The queue's workers,
on every machine, ask one host one thing at a time and pause --delay
between two requests to it: they take turns through a key-value bucket on
the NATS server (NAME_HOSTS; a dead worker's turn expires within 10
seconds). A page that fails in
a way that may pass (a timeout, a 5xx, a host backing off) fails its unit,
which is retried and dead-lettered like any; one that cannot (a 404,
robots.txt, no article on the page) is reported and done. Each page's
outcome is written to the store's feed state, which 'quotewire feeds'
counts.

SIGINT or SIGTERM stops the worker gracefully: the articles analysed so far
are stored, the current units are handed back to the queue, and it exits.

--metrics-addr HOST:PORT serves, while the worker runs, GET /healthz (200
while the process runs), GET /readyz (200 when the NATS connection is up
and the store answers within 2s, else 503 with the reason) and GET
/metrics in the Prometheus text format: this worker's units by result
(quotewire_worker_units_total), articles by result
(quotewire_worker_articles_total), errors and units running, its page
fetches (quotewire_fetch_*: answers by status, bytes, robots.txt refusals,
errors by kind), on
PostgreSQL the time its writes spent holding and waiting for the store's
locks (quotewire_store_seconds_total: a names lock busy most of the time
means more workers will not help; see docs/SCALING.md), and the whole
queue's units by state (quotewire_queue_units, read at each scrape;
quotewire_queue_up is 0 when the queue cannot be read).

--report FILE writes, when the worker stops, what it did as JSON (units,
articles, its CPU time, the store's write times): 'quotewire
bench-workers' reads it.

  quotewire worker --nats nats://queue:4222 --db postgres://qw@db:5432/news
  quotewire worker --queue ru-news --workers 8 --db postgres://qw@db/news
  quotewire worker --exit-when-empty --db news.db     # a batch job
  quotewire worker --metrics-addr :9090 --db postgres://qw@db/news`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := startBackground(background); err != nil {
				return err
			}
			if batch < 1 {
				return usageError{"--batch must be at least 1"}
			}
			if maxDeliver < 1 {
				return usageError{"--max-deliver must be at least 1"}
			}
			if ackWait < queue.MinAckWait {
				return usageError{fmt.Sprintf("--ack-wait must be at least %s (heartbeats go every ack-wait/%d)", queue.MinAckWait, queue.HeartbeatsPerAckWait)}
			}
			if metrics != "" {
				if _, _, err := net.SplitHostPort(metrics); err != nil {
					return usageError{fmt.Sprintf("--metrics-addr %q: %v: give host:port, such as 127.0.0.1:9090 or :9090", metrics, err)}
				}
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
			js, closeNATS, err := qf.connect()
			if err != nil {
				return err
			}
			defer closeNATS()
			ctx := c.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
			defer stop()

			// page units: every worker of the queue shares its hosts' turns
			gate, err := queue.NewHostGate(ctx, js, qf.queue, 0)
			if err != nil {
				return err
			}
			var fetches fetch.Counter
			uw := &unitWorker{pipeline: p, store: s, batch: batch, stderr: m.Stderr,
				fetcher: fetch.New(fetch.Options{Contact: contact, Version: version, MinDelay: delay, Observe: fetches.Observe, Gate: gate,
					AllowPrivate: private, Robots: robotsStore(s)})}
			var logMu sync.Mutex
			warnf := func(format string, args ...any) {
				logMu.Lock()
				fmt.Fprintf(m.Stderr, "quotewire: "+format+"\n", args...)
				logMu.Unlock()
			}
			logf := func(format string, args ...any) {
				if !quiet {
					warnf(format, args...)
				}
			}
			uw.logf = logf
			w := &queue.Worker{JS: js, Queue: qf.queue, Handle: uw.process, Workers: workers,
				AckWait: ackWait, MaxDeliver: maxDeliver, RetryDelay: retryDelay, ExitWhenEmpty: exitEmpty, Logf: logf,
				Counters: &queue.Counters{}}
			if metrics != "" {
				ln, err := net.Listen("tcp", metrics)
				if err != nil {
					return fmt.Errorf("listen on %s: %w (is another process using it? choose another with --metrics-addr)", metrics, err)
				}
				stopHTTP := serveWorkerHTTP(ln, warnf, workerhttp.Config{
					Units:  w.Counters,
					Checks: workerChecks(ctx, js, s),
					Articles: func() workerhttp.Articles {
						return workerhttp.Articles{Stored: uw.added.Load(), Skipped: uw.skipped.Load(), Failed: uw.problems.Load()}
					},
					StoreTimes: storeTimes(s),
					Fetches:    fetches.Counts,
					Status:     func(ctx context.Context) (*queue.Report, error) { return queue.Status(ctx, js, qf.queue, 0) },
					Logf:       logf,
				})
				// stopped when the worker is, before NATS and the store close
				defer stopHTTP()
			}
			n := queue.NamesFor(qf.queue)
			fmt.Fprintf(m.Stderr, "quotewire: worker on queue %s (stream %s) at %s, storing into %s, %d at a time\n", n.Queue, n.Stream, qf.url, storeName(db), max(workers, 1))
			start := time.Now()
			st, err := w.Run(ctx)
			if err != nil {
				return err
			}
			elapsed := time.Since(start)
			fmt.Fprintf(m.Stderr, "quotewire: worker stopped after %s: %d units done, %d retried, %d dead-lettered, %d handed back; %d articles added, %d already stored, %s\n",
				elapsed.Round(time.Millisecond), st.Done, st.Retried, st.Dead, st.Interrupted,
				uw.added.Load(), uw.skipped.Load(), problems(int(uw.problems.Load())))
			if report != "" {
				r := workerReport{Seconds: elapsed.Seconds(), UnitsDone: st.Done, UnitsRetried: st.Retried, UnitsDead: st.Dead,
					UnitsHandedBack: st.Interrupted, Added: uw.added.Load(), AlreadyStored: uw.skipped.Load(), Problems: uw.problems.Load(),
					CPUSeconds: proc.CPU().Seconds()}
				if t, ok := s.(interface{ WriteTimings() postgres.WriteTimings }); ok {
					wt := t.WriteTimings()
					r.Store = &storeReport{Batches: wt.Batches, Articles: wt.Articles, ResolveSeconds: wt.Resolve.Seconds(),
						StoreSeconds: wt.Store.Seconds(), ClusterSeconds: wt.Cluster.Seconds(), LockWaitSeconds: wt.LockWait.Seconds()}
				}
				if err := writeJSONFile(report, r); err != nil {
					return fmt.Errorf("--report: %w", err)
				}
			}
			return nil
		},
	}
	qf.register(c)
	dbFlag(c, &db)
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "units processed at once")
	c.Flags().IntVar(&batch, "batch", 256, "articles stored per transaction")
	backgroundFlag(c, &background)
	c.Flags().DurationVar(&ackWait, "ack-wait", queue.DefaultAckWait, fmt.Sprintf("how long a unit's worker may stay silent before the unit is handed to another worker: the consumer's ack wait, the same for all the queue's workers (the last one started sets it); heartbeats go every ack-wait/%d; at least %s", queue.HeartbeatsPerAckWait, queue.MinAckWait))
	c.Flags().IntVar(&maxDeliver, "max-deliver", queue.DefaultMaxDeliver, "deliveries of a failing unit before it goes to the dead-letter subject")
	c.Flags().DurationVar(&retryDelay, "retry-delay", queue.DefaultRetryDelay, "delay before a failed unit is retried, doubled at each further attempt (at most 10m)")
	c.Flags().BoolVar(&exitEmpty, "exit-when-empty", false, "exit once the queue holds no unit, waiting or running (for batch jobs)")
	c.Flags().BoolVar(&quiet, "quiet", false, "do not report each unit on standard error")
	c.Flags().StringVar(&contact, "contact", "", "for page units: a URL or mailto: where outlets can reach you, sent in the User-Agent (default the project's page)")
	c.Flags().DurationVar(&delay, "delay", fetch.DefaultMinDelay, "for page units: least time between two requests to one host from this worker (a longer robots.txt Crawl-delay wins)")
	c.Flags().BoolVar(&private, "allow-private", false, "for page units: let pages on loopback, private and link-local addresses be fetched (refused by default)")
	c.Flags().StringVar(&metrics, "metrics-addr", "", "serve /healthz, /readyz and Prometheus /metrics on this address (host:port; default: off)")
	c.Flags().StringVar(&report, "report", "", "when the worker stops, write what it did to this file as JSON: units and articles by result, its CPU time, and on PostgreSQL the time its writes spent holding and waiting for the store's locks (bench-workers reads it)")
	mo.register(c)
	return c
}

// storeTimes returns the function that reads a store's write times for
// the worker's metrics, or nil for a store that does not keep them.
func storeTimes(s quotewire.Store) func() workerhttp.StoreTimes {
	t, ok := s.(interface{ WriteTimings() postgres.WriteTimings })
	if !ok {
		return nil
	}
	return func() workerhttp.StoreTimes {
		wt := t.WriteTimings()
		return workerhttp.StoreTimes{NamesLock: wt.Resolve.Seconds(), ClusterLock: wt.Cluster.Seconds(),
			Parallel: wt.Store.Seconds(), LockWait: wt.LockWait.Seconds()}
	}
}

// workerReport is what worker --report writes.
type workerReport struct {
	Seconds         float64      `json:"seconds"`
	UnitsDone       int          `json:"units_done"`
	UnitsRetried    int          `json:"units_retried"`
	UnitsDead       int          `json:"units_dead"`
	UnitsHandedBack int          `json:"units_handed_back"`
	Added           int64        `json:"articles_added"`
	AlreadyStored   int64        `json:"articles_already_stored"`
	Problems        int64        `json:"problems"`
	CPUSeconds      float64      `json:"cpu_seconds"`
	Store           *storeReport `json:"store,omitempty"`
}

// storeReport is postgres.WriteTimings in a workerReport.
type storeReport struct {
	Batches         int64   `json:"batches"`
	Articles        int64   `json:"articles"`
	ResolveSeconds  float64 `json:"resolve_seconds"`
	StoreSeconds    float64 `json:"store_seconds"`
	ClusterSeconds  float64 `json:"cluster_seconds"`
	LockWaitSeconds float64 `json:"lock_wait_seconds"`
}

// writeJSONFile writes v to path as indented JSON.
func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// readyProbeKey is the article key the readiness check looks up: no
// article has it (keys are "a" and hex), and looking it up is one index
// probe, on any backend.
const readyProbeKey = "readyz-probe"

// workerChecks are the worker's readiness checks: it is not shutting down
// (ctx is live), its NATS connection is up, and the store answers.
func workerChecks(ctx context.Context, js jetstream.JetStream, s quotewire.Store) []workerhttp.Check {
	return []workerhttp.Check{
		{Name: "worker", Func: func(context.Context) error {
			if ctx.Err() != nil {
				return errors.New("shutting down")
			}
			return nil
		}},
		{Name: "nats", Func: func(context.Context) error {
			if nc := js.Conn(); !nc.IsConnected() {
				// not the URL: it may hold a password
				return fmt.Errorf("not connected (%s)", nc.Status())
			}
			return nil
		}},
		{Name: "store", Func: func(ctx context.Context) error {
			_, err := s.Has(ctx, []string{readyProbeKey})
			return err
		}},
	}
}

// serveWorkerHTTP serves the worker's health, readiness and metrics on ln
// until the returned function is called, which shuts the server down
// (waiting a few seconds for scrapes in flight).
// Problems are told to warnf.
func serveWorkerHTTP(ln net.Listener, warnf func(format string, args ...any), cfg workerhttp.Config) (stop func()) {
	hs := &http.Server{
		Handler:           workerhttp.New(cfg),
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	warnf("metrics at http://%s/metrics, health at /healthz and /readyz", ln.Addr())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			warnf("metrics server: %v", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(ctx); err != nil {
			hs.Close()
		}
		<-done
	}
}

// unitWorker processes units: reads their articles, analyses the ones not
// stored yet and stores them in batches.
type unitWorker struct {
	pipeline *quotewire.Pipeline
	store    quotewire.Store
	fetcher  *fetch.Fetcher
	batch    int
	stderr   io.Writer
	logf     func(format string, args ...any)

	added, skipped, problems atomic.Int64
}

// open returns a reader of the unit's articles: the whole file, or its
// byte range read as JSON Lines, with line numbers counted from the
// range's first line.
func openUnit(u queue.Unit) (*ingest.Reader, io.Closer, error) {
	if !u.Ranged() {
		r, err := ingest.Open(u.Path, ingest.Options{})
		return r, r, err
	}
	f, err := os.Open(u.Path)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if fi.Size() < u.End {
		f.Close()
		return nil, nil, fmt.Errorf("%s is %d bytes, shorter than the unit's range [%d:%d): it changed since it was enqueued", u.Path, fi.Size(), u.Start, u.End)
	}
	r, err := ingest.NewReader(io.NewSectionReader(f, u.Start, u.End-u.Start), u.Path, ingest.Options{Format: ingest.JSONL})
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return r, closers{r, f}, nil
}

type closers []io.Closer

func (cs closers) Close() error {
	var errs []error
	for _, c := range cs {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// process is the queue.Handler: it returns nil once every article of the
// unit is stored (or was already), so that the unit can be acknowledged.
func (w *unitWorker) process(ctx context.Context, u queue.Unit) error {
	if u.Page() {
		return w.processPage(ctx, u)
	}
	r, cl, err := openUnit(u)
	if err != nil {
		return err
	}
	defer cl.Close()
	lineOffset := 0
	if u.Line > 1 {
		lineOffset = u.Line - 1
	}
	// the one ingest use case (package archive), one article at a time:
	// the queue runs units in parallel
	run := archive.Ingester{Pipeline: w.pipeline, Store: w.store, Workers: 1, Batch: w.batch,
		Settled: func(o archive.Outcome) {
			if o.Problem != nil {
				w.problems.Add(1)
				w.logf("%v", o.Located())
			}
		}}.Start(ctx)
	var rerr error
	for {
		if err := ctx.Err(); err != nil {
			rerr = err
			break
		}
		a, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *quotewire.RecordError
		if errors.As(err, &re) {
			re.Origin.Line += lineOffset
			w.problems.Add(1)
			w.logf("%v", err)
			continue
		}
		if err != nil {
			rerr = fmt.Errorf("read %s: %w", u, err)
			break
		}
		if a.Origin.Line > 0 {
			a.Origin.Line += lineOffset
		}
		if err := run.Add(a); err != nil {
			rerr = err
			break
		}
	}
	// what was analysed is stored even while shutting down
	tot, werr := run.Close()
	w.added.Add(tot.Added)
	w.skipped.Add(tot.Skipped)
	return errors.Join(rerr, werr)
}

// processPage fetches a page unit's page, reads its article and stores
// it. A failure that may pass fails the unit (it is retried, then
// dead-lettered); one that cannot is reported and the unit is done. The
// outcome is written to the store's feed state when the store keeps one.
func (w *unitWorker) processPage(ctx context.Context, u queue.Unit) error {
	item := quotewire.FeedItem{URL: u.URL, Feed: u.Feed, Seen: time.Now(), Attempts: 1, Done: true}
	a, err := follow.ReadPage(ctx, w.fetcher, follow.Page{URL: u.URL, Feed: u.Feed, Title: u.Title, Date: u.Date})
	var rerr *quotewire.RecordError
	switch {
	case err == nil:
	case errors.As(err, &rerr) || !fetch.Temporary(err):
		w.problems.Add(1)
		w.logf("%v", err)
		item.Error = err.Error()
		return w.saveItem(ctx, item)
	default:
		return err
	}
	var problem error
	run := archive.Ingester{Pipeline: w.pipeline, Store: w.store, Workers: 1, Batch: 1,
		Settled: func(o archive.Outcome) {
			item.Article = o.Key
			if o.Problem != nil {
				problem, item.Article = o.Located(), ""
			}
		}}.Start(context.WithoutCancel(ctx))
	if err := run.Add(a); err != nil {
		return err
	}
	tot, err := run.Close()
	if err != nil {
		return err
	}
	w.added.Add(tot.Added)
	w.skipped.Add(tot.Skipped)
	if problem != nil {
		w.problems.Add(1)
		w.logf("%v", problem)
		item.Error = problem.Error()
	}
	return w.saveItem(ctx, item)
}

// saveItem writes a page's outcome to the store's feed state (nothing
// for a store that keeps none).
func (w *unitWorker) saveItem(ctx context.Context, it quotewire.FeedItem) error {
	st, ok := w.store.(follow.State)
	if !ok {
		return nil
	}
	if err := st.SaveFeedItems(context.WithoutCancel(ctx), []quotewire.FeedItem{it}); err != nil {
		return fmt.Errorf("page %s: %w", it.URL, err)
	}
	return nil
}
