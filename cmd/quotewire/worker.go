package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/dedup"
	"github.com/quotewire/quotewire/ingest"
	"github.com/quotewire/quotewire/queue"
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
		mo         modelOpts
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
worker that dies (even killed) loses nothing: after the ack wait its unit
is handed to another worker, which skips the articles stored already
(every article has a stable key) and does the rest. While a unit is
processed the worker tells the server every ack-wait/3 that it is still at
it, so units may take longer than --ack-wait.

A unit that fails (its file is missing or unreadable, the store refuses a
write) is retried after --retry-delay, doubled at each further attempt; at
its --max-deliver-th delivery it goes to the dead-letter subject
(NAME.dead) with the reason, which 'quotewire status' shows. Bad records
inside a file are not failures: they are reported on standard error and
the rest is stored.

Files are opened at the path enqueue saw: every worker must read them at
the same path (a shared file system, or an object store mounted at the
same place on every machine).

SIGINT or SIGTERM stops the worker gracefully: the articles analysed so far
are stored, the current units are handed back to the queue, and it exits.

  quotewire worker --nats nats://queue:4222 --db postgres://qw@db:5432/news
  quotewire worker --queue ru-news --workers 8 --db postgres://qw@db/news
  quotewire worker --exit-when-empty --db news.db     # a batch job`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if batch < 1 {
				return usageError{"--batch must be at least 1"}
			}
			if maxDeliver < 1 {
				return usageError{"--max-deliver must be at least 1"}
			}
			if ackWait < 3*time.Second {
				return usageError{"--ack-wait must be at least 3s"}
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

			uw := &unitWorker{pipeline: p, store: s, batch: batch, stderr: m.Stderr}
			var logMu sync.Mutex
			logf := func(format string, args ...any) {
				if quiet {
					return
				}
				logMu.Lock()
				fmt.Fprintf(m.Stderr, "quotewire: "+format+"\n", args...)
				logMu.Unlock()
			}
			uw.logf = logf
			w := &queue.Worker{JS: js, Queue: qf.queue, Handle: uw.process, Workers: workers,
				AckWait: ackWait, MaxDeliver: maxDeliver, RetryDelay: retryDelay, ExitWhenEmpty: exitEmpty, Logf: logf}
			n := queue.NamesFor(qf.queue)
			fmt.Fprintf(m.Stderr, "quotewire: worker on queue %s (stream %s) at %s, storing into %s, %d at a time\n", n.Queue, n.Stream, qf.url, storeName(db), max(workers, 1))
			start := time.Now()
			st, err := w.Run(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "quotewire: worker stopped after %s: %d units done, %d retried, %d dead-lettered, %d handed back; %d articles added, %d already stored, %d problems\n",
				time.Since(start).Round(time.Millisecond), st.Done, st.Retried, st.Dead, st.Interrupted,
				uw.added.Load(), uw.skipped.Load(), uw.problems.Load())
			return nil
		},
	}
	qf.register(c)
	dbFlag(c, &db)
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "units processed at once")
	c.Flags().IntVar(&batch, "batch", 256, "articles stored per transaction")
	c.Flags().DurationVar(&ackWait, "ack-wait", queue.DefaultAckWait, "how long a unit's worker may stay silent before the unit is handed to another (the consumer's ack wait; the last worker started sets it)")
	c.Flags().IntVar(&maxDeliver, "max-deliver", queue.DefaultMaxDeliver, "deliveries of a failing unit before it goes to the dead-letter subject")
	c.Flags().DurationVar(&retryDelay, "retry-delay", queue.DefaultRetryDelay, "delay before a failed unit is retried, doubled at each further attempt (at most 10m)")
	c.Flags().BoolVar(&exitEmpty, "exit-when-empty", false, "exit once the queue holds no unit, waiting or running (for batch jobs)")
	c.Flags().BoolVar(&quiet, "quiet", false, "do not report each unit on standard error")
	mo.register(c)
	return c
}

// unitWorker processes units: reads their articles, analyses the ones not
// stored yet and stores them in batches.
type unitWorker struct {
	pipeline *quotewire.Pipeline
	store    quotewire.Store
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
	r, cl, err := openUnit(u)
	if err != nil {
		return err
	}
	defer cl.Close()
	lineOffset := 0
	if u.Line > 1 {
		lineOffset = u.Line - 1
	}
	var arts []quotewire.Article
	flush := func() error {
		if len(arts) == 0 {
			return nil
		}
		defer func() { arts = arts[:0] }()
		keys := make([]string, len(arts))
		for i, a := range arts {
			keys[i] = quotewire.ArticleKey(a.URL, a.Text)
		}
		// a batch is finished and stored even while shutting down: what
		// was analysed is kept
		sctx := context.WithoutCancel(ctx)
		has, err := w.store.Has(sctx, keys)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		recs := make([]quotewire.Record, 0, len(arts))
		for i, art := range arts {
			if has[keys[i]] {
				w.skipped.Add(1)
				continue
			}
			a, err := w.pipeline.Extract(art)
			if err != nil {
				w.problems.Add(1)
				w.logf("%s: %v", art.Origin, err)
				continue
			}
			recs = append(recs, quotewire.Record{Key: keys[i], Analysis: a, Origin: art.Origin, Outlet: outletOf(a), Signature: dedup.Signature(a.Text)})
		}
		if len(recs) == 0 {
			return nil
		}
		res, err := w.store.Put(sctx, recs)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		w.added.Add(int64(res.Added))
		w.skipped.Add(int64(res.Skipped))
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			if ferr := flush(); ferr != nil {
				return errors.Join(err, ferr)
			}
			return err
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
			return fmt.Errorf("read %s: %w", u, err)
		}
		if a.Origin.Line > 0 {
			a.Origin.Line += lineOffset
		}
		arts = append(arts, a)
		if len(arts) >= w.batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
