package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire/ingest"
	"github.com/quotewire/quotewire/queue"
)

// defaultWorkerBenchCorpus is what bench-workers stores by default.
var defaultWorkerBenchCorpus = []string{"../shared/data/polnear/train.jsonl", "../shared/data/polnear/dev.jsonl"}

// workerBench is one bench-workers run: n worker processes.
type workerBench struct {
	Workers  int     `json:"workers"`
	Articles int64   `json:"articles"`
	Seconds  float64 `json:"seconds"`
	PerSec   float64 `json:"articles_per_s"`
	// Speedup is PerSec relative to the first run's.
	Speedup     float64 `json:"speedup"`
	WorkerCPUms float64 `json:"worker_cpu_ms_per_article"`
	// OtherCPUms is the machine's other busy time per article: the
	// database and NATS (Linux only; -1 elsewhere).
	OtherCPUms float64 `json:"other_cpu_ms_per_article"`
	// NamesLockMs and ClusterLockMs are the time per article spent
	// holding the store's write lock (names) and cluster lock: each is
	// taken by one writer at a time, so the larger bounds one store.
	NamesLockMs   float64 `json:"names_lock_ms_per_article"`
	ClusterLockMs float64 `json:"cluster_lock_ms_per_article"`
	ParallelMs    float64 `json:"parallel_store_ms_per_article"`
	LockWaitMs    float64 `json:"lock_wait_ms_per_article"`
	UnitsRetried  int     `json:"units_retried"`
}

func (m *Main) benchWorkersCommand() *cobra.Command {
	var (
		qf        queueFlags
		db        string
		counts    []int
		editions  int
		splitMB   float64
		keep      bool
		asJSON    bool
		ackWait   time.Duration
		workerArg []string
	)
	c := &cobra.Command{
		Use:   "bench-workers [CORPUS...]",
		Short: "Measure distributed ingest with 1, 2, 4... worker processes into PostgreSQL",
		Long: `bench-workers measures how distributed ingest scales: for each count in
--workers it creates a fresh schema in the PostgreSQL database --db names
and a fresh queue on the NATS server, enqueues the corpus (files or
folders in any format ingest reads; default: PolNeAR train and dev from
../shared), starts that many 'quotewire worker' processes (one unit at a
time each) and times them until the queue is empty. Then it drops the
schema and the queue (--keep keeps them).

Each article is stored --editions times, under other URLs and with an
edition line, so the store sees syndicated copies: near-duplicates, the
same quotations, the same speakers.

For each count it reports the wall time, articles per second, the
speed-up over the first count, and the costs per article that project the
scaling to a bigger cluster (docs/SCALING.md does): the workers' CPU, the
rest of the machine's busy time (the database and NATS, on Linux), the
time writes spent holding each of the store's two locks (names, and
near-duplicate clusters: what no number of workers can share) and writing
in parallel, and the time they waited for the locks.

  quotewire bench-workers --db postgres://postgres@127.0.0.1:5432/test --nats nats://127.0.0.1:4222
  quotewire bench-workers --workers 1,2,4,8 --editions 2 --db postgres://qw@db/bench corpus.jsonl archive/
  quotewire bench-workers --format json --db postgres://... > scaling.json`,
		RunE: func(c *cobra.Command, args []string) error {
			if !isPostgres(db) {
				return usageError{"--db must name a PostgreSQL database (postgres://...): workers share one store there; a schema of its own is made for each run"}
			}
			if len(counts) == 0 {
				return usageError{"--workers needs at least one count"}
			}
			for _, n := range counts {
				if n < 1 {
					return usageError{fmt.Sprintf("--workers: %d: counts must be at least 1", n)}
				}
			}
			if len(args) == 0 {
				for _, p := range defaultWorkerBenchCorpus {
					if _, err := os.Stat(p); err != nil {
						return fmt.Errorf("the default corpus %s is not here (%v): name JSON Lines files of articles", p, err)
					}
				}
				args = defaultWorkerBenchCorpus
			}
			ctx := c.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			exe, err := os.Executable()
			if err != nil {
				return err
			}
			js, closeNATS, err := qf.connect()
			if err != nil {
				return err
			}
			defer closeNATS()
			dir, err := os.MkdirTemp("", "quotewire-bench-workers-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			corpus := filepath.Join(dir, "corpus.jsonl")
			n, err := writeEditions(corpus, args, editions)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "quotewire: %d articles (%d editions of %s)\n", n, editions, strings.Join(args, ", "))
			var rows []workerBench
			for _, w := range counts {
				name := fmt.Sprintf("qw_bench_%d_%d", os.Getpid(), w)
				storeURL, err := withSearchPath(db, name)
				if err != nil {
					return err
				}
				if err := execSQL(ctx, db, "CREATE SCHEMA "+name); err != nil {
					return err
				}
				row, err := func() (workerBench, error) {
					defer func() {
						if keep {
							fmt.Fprintf(m.Stderr, "quotewire: kept schema %s and queue %s\n", name, name)
							return
						}
						if err := execSQL(context.WithoutCancel(ctx), db, "DROP SCHEMA "+name+" CASCADE"); err != nil {
							fmt.Fprintf(m.Stderr, "quotewire: drop schema %s: %v\n", name, err)
						}
						if err := queue.Delete(context.WithoutCancel(ctx), js, name); err != nil {
							fmt.Fprintf(m.Stderr, "quotewire: delete queue %s: %v\n", name, err)
						}
					}()
					s, err := openStore(storeURL, false) // creates the tables before the workers race to
					if err != nil {
						return workerBench{}, err
					}
					s.Close()
					units, _, _, err := queueUnits([]string{corpus}, int64(splitMB*(1<<20)), nil, func(p problem) {})
					if err != nil {
						return workerBench{}, err
					}
					if _, err := queue.Enqueue(ctx, js, name, units); err != nil {
						return workerBench{}, err
					}
					fmt.Fprintf(m.Stderr, "quotewire: %d workers, %d units...\n", w, len(units))
					return runWorkers(ctx, exe, w, storeURL, qf.url, name, dir, ackWait, workerArg)
				}()
				if err != nil {
					return fmt.Errorf("%d workers: %w", w, err)
				}
				if row.Articles != int64(n) {
					return fmt.Errorf("%d workers stored %d articles, want %d: see the workers' messages above", w, row.Articles, n)
				}
				row.Speedup = 1
				if len(rows) > 0 && rows[0].PerSec > 0 {
					row.Speedup = row.PerSec / rows[0].PerSec
				}
				rows = append(rows, row)
			}
			if asJSON {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			}
			tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "workers\tarticles\tseconds\tarticles/s\tspeed-up\tworker CPU ms/art\tdb+NATS CPU ms/art\tnames lock ms/art\tcluster lock ms/art\tparallel writes ms/art\tlock wait ms/art\t")
			for _, r := range rows {
				other := "-"
				if r.OtherCPUms >= 0 {
					other = fmt.Sprintf("%.2f", r.OtherCPUms)
				}
				fmt.Fprintf(tw, "%d\t%d\t%.1f\t%.0f\t%.2f\t%.2f\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t\n", r.Workers, r.Articles, r.Seconds, r.PerSec, r.Speedup,
					r.WorkerCPUms, other, r.NamesLockMs, r.ClusterLockMs, r.ParallelMs, r.LockWaitMs)
			}
			tw.Flush()
			for _, r := range rows {
				if r.UnitsRetried > 0 {
					fmt.Fprintf(m.Stdout, "note: %d units were retried in the %d-worker run (their time counts; the workers' messages say why)\n", r.UnitsRetried, r.Workers)
				}
			}
			r := rows[0]
			if lock := max(r.NamesLockMs, r.ClusterLockMs); lock > 0 {
				fmt.Fprintf(m.Stdout, "\nWith %d worker(s), one store's busier lock is held %.2f ms per article: at most ~%.0f articles/s into one schema,\n"+
					"whatever the workers; a worker core does ~%.0f articles/s (%.2f ms of worker CPU each). docs/SCALING.md projects from these.\n",
					r.Workers, lock, 1000/lock, 1000/r.WorkerCPUms, r.WorkerCPUms)
			}
			return nil
		},
	}
	qf.register(c)
	c.Flags().Lookup("queue").Hidden = true
	dbFlag(c, &db)
	c.Flags().IntSliceVar(&counts, "workers", []int{1, 2, 4}, "worker process counts to measure, one run each")
	c.Flags().IntVar(&editions, "editions", 4, "store each article this many times, under other URLs (syndicated copies)")
	c.Flags().Float64Var(&splitMB, "split-mb", 1, "size of the units the corpus is cut into (MiB of JSON Lines)")
	c.Flags().BoolVar(&keep, "keep", false, "keep each run's schema and queue")
	formatFlag(c, &asJSON, "json: the results as one object")
	c.Flags().DurationVar(&ackWait, "ack-wait", queue.DefaultAckWait, "the workers' --ack-wait")
	c.Flags().StringSliceVar(&workerArg, "worker-arg", nil, "extra arguments for each worker (repeatable), e.g. --worker-arg=--batch=128")
	return c
}

// runWorkers starts n worker processes on queue name and waits for them,
// returning what they did and what it cost.
func runWorkers(ctx context.Context, exe string, n int, storeURL, natsURL, name, dir string, ackWait time.Duration, extra []string) (workerBench, error) {
	row := workerBench{Workers: n}
	busy0, okBusy := machineBusy()
	start := time.Now()
	cmds := make([]*exec.Cmd, n)
	logs := make([]*bytes.Buffer, n)
	reports := make([]string, n)
	for i := range cmds {
		reports[i] = filepath.Join(dir, fmt.Sprintf("report-%d-%d.json", n, i))
		args := append([]string{"worker", "--db", storeURL, "--nats", natsURL, "--queue", name, "--workers", "1",
			"--exit-when-empty", "--quiet", "--ack-wait", ackWait.String(), "--report", reports[i]}, extra...)
		cmd := exec.CommandContext(ctx, exe, args...)
		logs[i] = &bytes.Buffer{}
		cmd.Stdout, cmd.Stderr = io.Discard, logs[i]
		if err := cmd.Start(); err != nil {
			return row, err
		}
		cmds[i] = cmd
	}
	var failed []string
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			failed = append(failed, fmt.Sprintf("worker %d: %v: %s", i+1, err, strings.TrimSpace(logs[i].String())))
		}
	}
	row.Seconds = time.Since(start).Seconds()
	busy1, _ := machineBusy()
	if len(failed) > 0 {
		return row, fmt.Errorf("%s", strings.Join(failed, "\n"))
	}
	var cpu, resolve, store, cluster, wait float64
	for _, p := range reports {
		b, err := os.ReadFile(p)
		if err != nil {
			return row, fmt.Errorf("worker report: %w", err)
		}
		var r workerReport
		if err := json.Unmarshal(b, &r); err != nil {
			return row, fmt.Errorf("worker report %s: %w", p, err)
		}
		row.Articles += r.Added
		row.UnitsRetried += r.UnitsRetried
		cpu += r.CPUSeconds
		if r.Store != nil {
			resolve += r.Store.ResolveSeconds
			store += r.Store.StoreSeconds
			cluster += r.Store.ClusterSeconds
			wait += r.Store.LockWaitSeconds
		}
	}
	if row.Articles == 0 {
		return row, nil
	}
	per := func(s float64) float64 { return 1000 * s / float64(row.Articles) }
	row.PerSec = float64(row.Articles) / row.Seconds
	row.WorkerCPUms = per(cpu)
	row.OtherCPUms = -1
	if okBusy {
		row.OtherCPUms = max(0, per(busy1.Seconds()-busy0.Seconds()-cpu))
	}
	row.NamesLockMs, row.ClusterLockMs, row.ParallelMs, row.LockWaitMs = per(resolve), per(cluster), per(store), per(wait)
	return row, nil
}

// machineBusy returns the CPU time all cores of the machine have been busy
// since boot (Linux: /proc/stat); false where it cannot be read.
func machineBusy() (time.Duration, bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 8 || f[0] != "cpu" {
		return 0, false
	}
	var busy int64
	for i, v := range f[1:] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		if i >= 7 { // guest time is counted in user already
			break
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, false
		}
		busy += n
	}
	return time.Duration(busy) * time.Second / 100, true // USER_HZ is 100 on Linux
}

// edition is one copy of an article in the benchmark's corpus.
type edition struct {
	ID    string `json:"id"`
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	Date  string `json:"date,omitempty"`
	Text  string `json:"text"`
}

// writeEditions reads the articles of the sources (files or folders in
// any format ingest reads) and writes editions copies of each to path as
// JSON Lines, each copy under its own URL and with an edition line; it
// returns how many it wrote. A record that cannot be read stops it, with
// the file and record named: the benchmark counts on every article being
// stored.
func writeEditions(path string, sources []string, editions int) (int, error) {
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer out.Close()
	bw := bufio.NewWriter(out)
	enc := json.NewEncoder(bw)
	n := 0
	for e := range editions {
		err := ingest.Walk(sources, func(p string, err error) error {
			if err != nil {
				return err
			}
			r, err := ingest.Open(p, ingest.Options{})
			if err != nil {
				return err
			}
			defer r.Close()
			for i := 1; ; i++ {
				a, err := r.Next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				base := filepath.Base(p)
				if err := enc.Encode(edition{ID: fmt.Sprintf("e%d-%s-%d", e, base, i), URL: fmt.Sprintf("https://edition%d.example/%s/%d", e, base, i),
					Title: a.Title, Date: a.Date, Text: a.Text + fmt.Sprintf("\n\nEdition %d.", e)}); err != nil {
					return err
				}
				n++
			}
		})
		if err != nil {
			return n, err
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("no articles in %s", strings.Join(sources, " "))
	}
	if err := bw.Flush(); err != nil {
		return n, err
	}
	return n, out.Close()
}

// withSearchPath returns the postgres:// URL with its search_path set to
// schema.
func withSearchPath(db, schema string) (string, error) {
	u, err := url.Parse(db)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", usageError{"--db: give a postgres://user@host:port/database URL"}
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// execSQL runs one statement on the database at db.
func execSQL(ctx context.Context, db, sql string) error {
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", storeName(db), err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", sql, err)
	}
	return nil
}
