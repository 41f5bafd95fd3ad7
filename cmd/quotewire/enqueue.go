package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire/ingest"
	"github.com/quotewire/quotewire/queue"
)

// queueFlags are the flags that name a NATS server and a queue on it.
type queueFlags struct {
	url   string
	queue string
}

func (q *queueFlags) register(c *cobra.Command) {
	def := os.Getenv("QUOTEWIRE_NATS")
	if def == "" {
		def = nats.DefaultURL
	}
	c.Flags().StringVar(&q.url, "nats", def, "the NATS server, with JetStream enabled (default from $QUOTEWIRE_NATS, else "+nats.DefaultURL+")")
	c.Flags().StringVar(&q.queue, "queue", queue.DefaultQueue, "the queue: names the stream (upper case) and its subjects NAME.work and NAME.dead, so several pipelines can share one server")
}

// connect connects to the NATS server and returns its JetStream context;
// close closes the connection.
func (q *queueFlags) connect() (js jetstream.JetStream, close func(), err error) {
	nc, err := nats.Connect(q.url, nats.Name("quotewire"), nats.MaxReconnects(-1))
	if err != nil {
		return nil, nil, fmt.Errorf("connect to NATS at %s: %w", q.url, err)
	}
	js, err = jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return js, func() { nc.Drain() }, nil
}

// splittable reports whether a file can be cut into byte ranges of lines:
// uncompressed JSON Lines.
func splittable(path string) bool {
	if ingest.FormatOf(path) != ingest.JSONL {
		return false
	}
	lower := strings.ToLower(path)
	for _, s := range ingest.CompressionSuffixes() {
		if strings.HasSuffix(lower, s) {
			return false
		}
	}
	return true
}

// queueUnits walks paths and returns their units: one per file, or byte
// ranges of about split bytes for larger JSON Lines files. Paths are made
// absolute. Unreadable paths are reported to onProblem.
func queueUnits(paths []string, split int64, onSkip func(path, why string), onProblem func(problem)) (units []queue.Unit, files, splitFiles int, err error) {
	err = ingest.WalkSkipping(paths, onSkip, func(path string, err error) error {
		if err != nil {
			onProblem(problem{File: path, Message: err.Error()})
			return nil
		}
		if path == "-" {
			onProblem(problem{File: path, Message: "standard input cannot be enqueued: workers read files"})
			return nil
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			onProblem(problem{File: path, Message: err.Error()})
			return nil
		}
		files++
		if !splittable(abs) {
			units = append(units, queue.Unit{V: queue.FileVersion, Path: abs})
			return nil
		}
		us, err := queue.SplitFile(abs, split)
		if err != nil {
			onProblem(problem{File: path, Message: err.Error()})
			return nil
		}
		if len(us) > 1 {
			splitFiles++
		}
		units = append(units, us...)
		return nil
	})
	return units, files, splitFiles, err
}

func (m *Main) enqueueCommand() *cobra.Command {
	var (
		qf      queueFlags
		splitMB float64
	)
	c := &cobra.Command{
		Use:   "enqueue PATH...",
		Short: "Queue files for distributed ingest by workers (NATS JetStream)",
		Long: `enqueue walks files and folders as ingest does and publishes units of work
to a NATS JetStream work-queue stream, for 'quotewire worker' processes on
any number of machines to analyse into one store.

A unit is a file, or — for an uncompressed JSON Lines file larger than
--split-mb — a byte range of whole lines of it, so that one large file is
shared out too. The stream is created when missing: stream NAME (upper
case), subjects NAME.work for units and NAME.dead for dead letters, where
NAME is --queue (letters, digits, _ and -; other characters become _).

Workers open the files at the paths enqueue saw, made absolute: every
worker must be able to read them at the same path — a shared file system
(NFS, a cluster volume) or an object store mounted at the same place on
every machine. Enqueuing the same units again within two minutes adds
nothing (the stream drops duplicates); later, workers skip the articles
already stored.

  quotewire enqueue --nats nats://queue:4222 /data/crawl/
  quotewire enqueue --queue ru-news --split-mb 16 /data/big.jsonl
  quotewire worker --nats nats://queue:4222 --db postgres://qw@db/news
  quotewire status --nats nats://queue:4222`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if splitMB < 0 {
				return usageError{"--split-mb must be 0 (no splitting) or more"}
			}
			var problems []problem
			units, files, split, err := queueUnits(args, int64(splitMB*(1<<20)), m.noteSkip, func(p problem) {
				problems = append(problems, p)
				fmt.Fprintf(m.Stderr, "quotewire: %s\n", p.Message)
			})
			if err != nil {
				return err
			}
			if len(units) == 0 {
				return fmt.Errorf("nothing to enqueue in %s", strings.Join(args, " "))
			}
			js, closeNATS, err := qf.connect()
			if err != nil {
				return err
			}
			defer closeNATS()
			ctx := c.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			res, err := queue.Enqueue(ctx, js, qf.queue, units)
			n := queue.NamesFor(qf.queue)
			fmt.Fprintf(m.Stderr, "quotewire: enqueued %d units from %d files (%d split into ranges) to queue %s (stream %s, subject %s)",
				res.Published, files, split, n.Queue, n.Stream, n.Work)
			if res.Duplicates > 0 {
				fmt.Fprintf(m.Stderr, "; %d were queued already", res.Duplicates)
			}
			fmt.Fprintln(m.Stderr)
			if err != nil {
				if errors.Is(err, context.Canceled) {
					return err
				}
				return fmt.Errorf("%w (the units before it are queued; enqueue again to add the rest)", err)
			}
			if len(problems) > 0 {
				return fmt.Errorf("%w: %d paths not enqueued", errPartial, len(problems))
			}
			return nil
		},
	}
	qf.register(c)
	c.Flags().Float64Var(&splitMB, "split-mb", 64, "cut uncompressed JSON Lines files larger than this many MiB into ranges of whole lines of about this size (0: never)")
	return c
}
