package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/benchserve"
	"github.com/quotewire/quotewire/internal/proc"
	"github.com/quotewire/quotewire/server"
)

func (m *Main) benchServeCommand() *cobra.Command {
	var (
		db, target, cpuProf, blockProf string
		ingestPath                     string
		ingestForeground               bool
		clients                        []int
		duration, warmup               time.Duration
		urls                           int
		seed                           uint64
		asJSON, listURLs               bool
		ro                             readOpts
	)
	c := &cobra.Command{
		Use:   "bench-serve",
		Short: "Measure the HTTP server under many concurrent readers",
		Long: `bench-serve measures how many readers at once the server (quotewire serve)
answers, and how fast:

 1. it starts the server in this process on a free port of 127.0.0.1, over
    the store at --db, with serve's --readers, --query-timeout and --db-conns
    (or, with --url, measures a server already running);
 2. it makes --urls distinct URLs (default 780) from the store's own
    content, read through the server's API: searches of the API and the web
    UI with and without filters (words, phrases, OR, prefixes; speakers,
    years, months, outlets, unnamed speakers), article pages, speaker pages
    and timelines, quotations and the front page — distinct, so that no
    cache of one reply stands in for the store (--list-urls prints them);
 3. for each count of --clients in turn, that many clients request the URLs
    for --duration, each in its own shuffled order, one request at a time,
    and it prints requests/s, latency p50/p95/p99/max, the requests not
    answered 200 by status, and, when the server runs in this process, its
    CPU time per request and its peak resident memory (read from /proc: all
    of it, and the private part without the store's file mapped into
    memory), then the latency by kind of URL at the largest client count.

With --ingest FILE, 'quotewire ingest --background' (a process of its own,
one worker, the lowest CPU priority) analyses FILE's articles and stores
them into the same store during each run, again and again under new keys:
readers beside a writer, as an ingest beside a server is meant to run
(--ingest-foreground: at normal priority). It adds articles: measure a
copy of the store.

The clients run in the same process as the server, on the same cores: on a
2-core machine they take part of the CPU the server would have (run them
from another process with --url to tell the two apart). Numbers vary with
what else the machine runs: repeat a run and read ranges; CPU per request
varies least.

A store to measure: 'quotewire demo' or 'quotewire ingest' fill a small
one; 'quotewire bench-store --articles 100000 --db /tmp/big.db --keep'
builds the 100,000-article store the README's figures come from (a few
minutes).

  quotewire ingest --db news.db testdata/wikinews/wikinews_2019.csv
  quotewire bench-serve --db news.db --clients 1,4 --duration 5s
  quotewire bench-serve --db /tmp/big.db                      # 1, 4, 20, 50 clients, 20 s each
  quotewire bench-serve --db /tmp/big.db --clients 50 --cpuprofile cpu.pprof
  cp news.db copy.db && quotewire bench-serve --db copy.db --ingest testdata/wikinews/wikinews_2019.csv
  quotewire bench-serve --url http://127.0.0.1:8080 --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			if len(clients) == 0 {
				return usageError{"--clients needs at least one count, e.g. --clients 1,4,20,50"}
			}
			maxClients := 0
			for _, n := range clients {
				if n < 1 || n > 10000 {
					return usageError{fmt.Sprintf("--clients %d: give counts from 1 to 10000", n)}
				}
				maxClients = max(maxClients, n)
			}
			if duration <= 0 {
				return usageError{"--duration must be positive, e.g. 20s"}
			}
			cfg := benchserve.Config{Clients: clients, Duration: duration, Seed: seed, Client: benchserve.NewClient(maxClients, 2*time.Minute)}
			cfg.Progress = func(r benchserve.RunResult) {
				fmt.Fprintf(m.Stderr, "quotewire: %d clients: %.1f requests/s, p99 %.0f ms, %d not 200\n", r.Clients, r.PerSec, r.P99, sumErrors(r.Errors))
			}
			if target == "" {
				// the request log would cost more than some requests: only
				// the server's errors reach standard error
				log := slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
				scfg := server.Config{Logger: log, Version: version}
				if err := ro.apply(&scfg); err != nil {
					return err
				}
				s, err := openServeStore(ctx, db, true, ro.conns(scfg))
				if err != nil {
					return err
				}
				defer s.Close()
				scfg.Store = s
				if ingestPath != "" {
					if cfg.Background, err = m.benchIngest(s, db, ingestPath, ingestForeground); err != nil {
						return err
					}
				}
				base, stop, err := benchserve.Serve(server.New(scfg))
				if err != nil {
					return err
				}
				defer stop()
				cfg.Base = base
				cfg.Memory, cfg.ResetPeak, cfg.CPU = benchserve.ProcessMemory, benchserve.ResetPeakRSS, proc.CPU
				fmt.Fprintf(m.Stderr, "quotewire: serving %s on %s for the benchmark\n", storeName(db), base)
			} else {
				if ingestPath != "" {
					return usageError{"--ingest writes into the store of the server bench-serve starts: give --db, not --url (or run 'quotewire ingest' beside the server you measure)"}
				}
				cfg.Base = trimSlash(target)
			}
			var err error
			if cfg.Targets, err = benchserve.BuildTargets(ctx, cfg.Client, cfg.Base, urls, seed); err != nil {
				return err
			}
			if listURLs {
				for _, t := range cfg.Targets {
					fmt.Fprintf(m.Stdout, "%s\t%s\n", t.Kind, t.Path)
				}
				return nil
			}
			fmt.Fprintf(m.Stderr, "quotewire: %d distinct URLs; %d client counts of %s each\n", len(cfg.Targets), len(clients), duration)
			if warmup > 0 {
				w := cfg
				w.Clients, w.Duration, w.Progress, w.Background = []int{min(4, maxClients)}, warmup, nil, nil
				if _, err := benchserve.Run(ctx, w); err != nil {
					return err
				}
			}
			stop, err := startCPUProfile(cpuProf)
			if err != nil {
				return err
			}
			defer stop()
			if blockProf != "" {
				runtime.SetBlockProfileRate(int(time.Millisecond))
				runtime.SetMutexProfileFraction(10)
				defer func() {
					if err := writeProfile("block", blockProf); err != nil {
						fmt.Fprintln(m.Stderr, "quotewire:", err)
					}
					if err := writeProfile("mutex", blockProf+".mutex"); err != nil {
						fmt.Fprintln(m.Stderr, "quotewire:", err)
					}
				}()
			}
			res, err := benchserve.Run(ctx, cfg)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			return res.Write(m.Stdout)
		},
	}
	dbFlag(c, &db)
	c.Flags().StringVar(&target, "url", "", "measure the server already running at this address (http://host:port) instead of starting one over --db")
	c.Flags().IntSliceVar(&clients, "clients", []int{1, 4, 20, 50}, "the numbers of concurrent clients to measure, one run each")
	c.Flags().DurationVar(&duration, "duration", 20*time.Second, "how long each client count sends requests")
	c.Flags().DurationVar(&warmup, "warmup", 0, "request the URLs with 4 clients this long before measuring (default none: the first run meets a cold server)")
	c.Flags().IntVar(&urls, "urls", 780, "distinct URLs to make from the store's content")
	c.Flags().Uint64Var(&seed, "seed", 1, "chooses the URLs and the clients' orders (the same seed, the same URLs on the same store)")
	c.Flags().StringVar(&cpuProf, "cpuprofile", "", "write a CPU profile of the runs to this file (go tool pprof)")
	c.Flags().StringVar(&blockProf, "blockprofile", "", "write where goroutines waited (channels, locks, the connection pool) to this file, and lock contention to FILE.mutex")
	c.Flags().StringVar(&ingestPath, "ingest", "", "during each run, analyse the articles of this file (or folder) and store them into the same store with 'quotewire ingest --background' in a process of its own, one worker, again and again under new keys: readers beside a writer (it adds articles: measure a copy of the store)")
	c.Flags().BoolVar(&ingestForeground, "ingest-foreground", false, "run --ingest's process at normal priority, without --background")
	c.Flags().BoolVar(&listURLs, "list-urls", false, "print the URLs (kind and path, tab-separated) and measure nothing")
	formatFlag(c, &asJSON, "json: the results as one object")
	ro.register(c)
	return c
}

// benchIngest returns the background task of bench-serve --ingest: round
// after round until its context ends, it writes the articles at path under
// new keys (a fragment on their URL) to a file and runs 'quotewire ingest'
// on it into the store at db, one worker, in a process of its own — with
// --background unless foreground is set, as an ingest beside a server is
// meant to run — and it reports the articles the store gained. The
// process is interrupted (SIGINT: it stores what it has analysed) when the
// context ends.
func (m *Main) benchIngest(store quotewire.Store, db, path string, foreground bool) (func(context.Context) (int, error), error) {
	var arts []quotewire.Article
	if err := m.readArticles([]string{path}, func(a quotewire.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("--ingest: %w", err)
	}
	if len(arts) == 0 {
		return nil, usageError{fmt.Sprintf("--ingest %s: no articles there", path)}
	}
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("--ingest: find quotewire's own program to run the ingest: %w", err)
	}
	nonce := time.Now().UnixNano()
	round := 0
	return func(ctx context.Context) (int, error) {
		before, err := store.Stats(ctx)
		if err != nil {
			return 0, err
		}
		dir, err := os.MkdirTemp("", "quotewire-bench-ingest-")
		if err != nil {
			return 0, err
		}
		defer os.RemoveAll(dir)
		for ctx.Err() == nil {
			round++
			file := filepath.Join(dir, fmt.Sprintf("round-%d.jsonl", round))
			if err := writeRound(file, arts, fmt.Sprintf("#bench-serve-%d-%d", nonce, round)); err != nil {
				return 0, err
			}
			args := []string{"ingest", "--db", db, "--workers", "1", "--progress", "off", "--error-log", filepath.Join(dir, "errors.jsonl")}
			if !foreground {
				args = append(args, "--background")
			}
			cmd := exec.CommandContext(ctx, self, append(args, file)...)
			cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
			cmd.WaitDelay = 30 * time.Second
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil && ctx.Err() == nil {
				return 0, fmt.Errorf("--ingest: quotewire %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(out.String()))
			}
			os.Remove(file)
		}
		after, err := store.Stats(context.WithoutCancel(ctx))
		if err != nil {
			return 0, err
		}
		return after.Articles - before.Articles, nil
	}, nil
}

// writeRound writes arts as JSON Lines to file, each URL (or a made-up
// one) followed by suffix, so that every round's articles get new keys.
func writeRound(file string, arts []quotewire.Article, suffix string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	for i, a := range arts {
		url := a.URL
		if url == "" {
			url = fmt.Sprintf("https://bench-serve.invalid/%d", i)
		}
		if err := enc.Encode(edition{ID: fmt.Sprintf("%s-%d", suffix, i), URL: url + suffix, Title: a.Title, Date: a.Date, Text: a.Text}); err != nil {
			f.Close()
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sumErrors counts the requests of an error map.
func sumErrors(errs map[string]int) int {
	n := 0
	for _, v := range errs {
		n += v
	}
	return n
}

// trimSlash drops a trailing slash from a base URL.
func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}

// writeProfile writes the named runtime profile to path.
func writeProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s profile: %w", name, err)
	}
	defer f.Close()
	return pprof.Lookup(name).WriteTo(f, 0)
}
