package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
	"github.com/quotewire/quotewire/ingest"
	"github.com/quotewire/quotewire/server"
	"github.com/quotewire/quotewire/server/ui"
	"github.com/quotewire/quotewire/store/postgres"
	"github.com/quotewire/quotewire/store/sqlite"
	"github.com/quotewire/quotewire/wikidata"
)

// shutdownTimeout is how long serve waits for requests in flight when it
// is asked to stop.
const shutdownTimeout = 10 * time.Second

func (m *Main) serveCommand() *cobra.Command {
	var (
		db, addr, token, logFormat string
		maxBody                    int64
		mo                         modelOpts
		ro                         readOpts
	)
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve a store over HTTP: a web UI and a JSON API for search, speakers and articles",
		Long: `serve answers HTTP requests on --addr over a store (--db): a web UI at / (search
quotes; read an article with its quotes highlighted; a speaker's quotes over
time; one statement as every outlet reported it), and a JSON API under /api:
search quotes, read quotations with every outlet that reported them,
speakers and their timelines, entities, analysed articles (with their text
split into segments for highlighting), and statistics. The API is described
by an OpenAPI 3.1 document at /openapi.json; /healthz answers while the
server runs and /metrics serves Prometheus metrics.

Reading needs no credentials. Posting articles (POST /api/articles) needs a
token: give one with --token or, better (a flag shows in the process list),
the QUOTEWIRE_TOKEN environment variable, and send it as
'Authorization: Bearer TOKEN'. Without a token the server is read-only.
Posted articles are analysed like ingest does (--rules-only and --models
choose the extractor) and stored; the same article twice is stored once.

Many readers at once: at most --readers requests read the store at once
(default two per core); the others wait their turn, first come first served.
Each gets --query-timeout (default 5s), its wait included: a query that
would run longer is cancelled and answered 503 with a message that says to
narrow it (a date range, a speaker), so that it does not hold a connection.
The store keeps --db-conns connections (default twice --readers, and one
for the writer; a PostgreSQL URL's pool_max_conns when it gives one).
'quotewire bench-serve' measures it.

The server logs one line per request on standard error, never the token.
On SIGINT or SIGTERM it stops accepting connections and waits up to 10 s
for requests in flight. It speaks plain HTTP: to expose it beyond this
machine, put a TLS proxy in front.

  quotewire serve --db news.db
  curl 'http://127.0.0.1:8080/api/quotes?q=sanctions&speaker=Lavrov&limit=5'
  curl 'http://127.0.0.1:8080/api/speakers?name=clinton'
  curl 'http://127.0.0.1:8080/api/speakers/3/timeline?period=year'
  curl 'http://127.0.0.1:8080/api/quotations/42'
  curl 'http://127.0.0.1:8080/api/top-speakers?q=climate&from=2019'

  QUOTEWIRE_TOKEN=s3cret quotewire serve --db news.db --addr :8080
  curl -H 'Authorization: Bearer s3cret' -H 'Content-Type: application/json' \
       --data-binary '{"url": "https://example.org/1", "date": "2024-05-01",
                       "text": "The minister said talks would resume."}' \
       http://127.0.0.1:8080/api/articles
  curl -H 'Authorization: Bearer s3cret' -H 'Content-Type: application/x-ndjson' \
       --data-binary @articles.jsonl http://127.0.0.1:8080/api/articles`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if token == "" && !c.Flags().Changed("token") {
				token = os.Getenv("QUOTEWIRE_TOKEN")
			}
			var handler slog.Handler
			switch logFormat {
			case "text":
				handler = slog.NewTextHandler(m.Stderr, nil)
			case "json":
				handler = slog.NewJSONHandler(m.Stderr, nil)
			default:
				return usageError{fmt.Sprintf("unknown --log-format %q: use text or json", logFormat)}
			}
			if maxBody < 1 {
				return usageError{"--max-body must be at least 1 byte"}
			}
			cfg := server.Config{Token: token, Logger: slog.New(handler), Version: version, MaxBody: maxBody, ReadUpload: readUpload}
			if err := ro.apply(&cfg); err != nil {
				return err
			}
			s, err := openServeStore(c.Context(), db, false, ro.conns(cfg))
			if err != nil {
				return err
			}
			defer s.Close()
			cfg.Store = s
			if token != "" {
				// the models are loaded only when writes are possible
				p, err := mo.pipeline()
				if err != nil {
					return err
				}
				cfg.Ingester = &storeIngester{pipeline: p, store: s, workers: runtime.GOMAXPROCS(0)}
			} else if mo.rulesOnly || mo.dir != "" {
				fmt.Fprintln(m.Stderr, "quotewire: note: --rules-only and --models matter only with a token (writes are disabled)")
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w (is another server using it? choose another with --addr)", addr, err)
			}
			return m.serve(c.Context(), ln, storeName(db), cfg)
		},
	}
	dbFlag(c, &db)
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "the address to listen on (host:port; \":8080\" listens on every interface)")
	c.Flags().StringVar(&token, "token", "", "the bearer token that allows POST /api/articles (default $QUOTEWIRE_TOKEN; none: read-only)")
	c.Flags().StringVar(&logFormat, "log-format", "text", "request log format on standard error: text or json")
	c.Flags().Int64Var(&maxBody, "max-body", server.DefaultMaxBody, "the largest request body accepted, in bytes")
	mo.register(c)
	ro.register(c)
	return c
}

// readOpts are the flags that size how a server reads its store: the
// time limit of a request, how many read at once, the store's pool.
type readOpts struct {
	timeout time.Duration
	readers int
	dbConns int
}

func (o *readOpts) register(c *cobra.Command) {
	c.Flags().DurationVar(&o.timeout, "query-timeout", server.DefaultQueryTimeout, "the time limit of a request that reads the store, its wait for a turn included; past it the query is cancelled and the answer is 503 (0: no limit)")
	c.Flags().IntVar(&o.readers, "readers", 0, fmt.Sprintf("requests that read the store at once; the others wait their turn (0: two per core, %d here; -1: no limit)", server.DefaultReaders()))
	c.Flags().IntVar(&o.dbConns, "db-conns", 0, "connections the store keeps (0: twice --readers and one for the writer, or a PostgreSQL URL's pool_max_conns)")
}

// apply checks the flags and sets them in cfg.
func (o *readOpts) apply(cfg *server.Config) error {
	switch {
	case o.timeout < 0:
		return usageError{"--query-timeout must be 0 (no limit) or more, e.g. 5s"}
	case o.readers < -1:
		return usageError{"--readers must be 1 or more (0: the default; -1: no limit)"}
	case o.dbConns < 0:
		return usageError{"--db-conns must be 1 or more (0: the default)"}
	}
	cfg.QueryTimeout = o.timeout
	if o.timeout == 0 {
		cfg.QueryTimeout = -1
	}
	cfg.Readers = o.readers
	return nil
}

// conns returns the connections the store keeps for the server cfg
// configures: --db-conns, else twice the readers and one for the writer;
// 0 leaves the store's own default (no reader limit, or a PostgreSQL URL
// that sizes its pool itself).
func (o *readOpts) conns(cfg server.Config) poolSize {
	if o.dbConns > 0 {
		return poolSize{n: o.dbConns, explicit: true}
	}
	switch {
	case cfg.Readers < 0:
		return poolSize{}
	case cfg.Readers == 0:
		return poolSize{n: 2*server.DefaultReaders() + 1}
	}
	return poolSize{n: 2*cfg.Readers + 1}
}

// poolSize is how many connections a store keeps: n (0: the store's
// default), and whether the command line said so (which wins over a
// PostgreSQL URL's pool_max_conns).
type poolSize struct {
	n        int
	explicit bool
}

// openServeStore opens the store a server reads, with a pool of
// size.n connections (a PostgreSQL URL's pool_max_conns wins unless the
// size was given on the command line).
func openServeStore(ctx context.Context, db string, mustExist bool, size poolSize) (quotewire.Store, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if isPostgres(db) {
		cfg, err := pgxpool.ParseConfig(db)
		if err != nil {
			return nil, fmt.Errorf("open store: %w", err) // pgx's message hides the password
		}
		if size.n > 0 && (size.explicit || !strings.Contains(db, "pool_max_conns")) {
			cfg.MaxConns = int32(min(size.n, 1<<15))
		}
		s, err := postgres.OpenConfig(ctx, cfg)
		if err != nil {
			return nil, err
		}
		s.SetLinker(wikidata.NewLinker(s))
		return s, nil
	}
	s, err := openStore(db, mustExist)
	if err != nil {
		return nil, err
	}
	if ss, ok := s.(*sqlite.Store); ok && size.n > 0 {
		ss.SetMaxConns(size.n)
	}
	return s, nil
}

// serve runs the HTTP server on ln until ctx is cancelled or a signal
// asks it to stop, then shuts it down gracefully.
func (m *Main) serve(ctx context.Context, ln net.Listener, db string, cfg server.Config) error {
	if ctx == nil {
		ctx = context.Background()
	}
	// main cancels on SIGINT only; a service manager stops with SIGTERM
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	hs := &http.Server{
		Handler:           server.New(cfg),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // a large POST on a slow link
		WriteTimeout:      5 * time.Minute, // analysing a large POST
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
	if cfg.Token != "" {
		if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				fmt.Fprintln(m.Stderr, "quotewire: warning: the token travels in clear text over plain HTTP: put a TLS proxy in front")
			}
		}
	}
	fmt.Fprintf(m.Stderr, "quotewire: serving %s on http://%s (the web UI at /, the API at /api, OpenAPI at /openapi.json)\n", db, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintf(m.Stderr, "quotewire: shutting down (waiting up to %s for requests in flight)\n", shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := hs.Shutdown(sctx)
	if err != nil {
		hs.Close()
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	fmt.Fprintln(m.Stderr, "quotewire: stopped")
	return nil
}

// storeIngester analyses posted articles with a pipeline and stores them
// through the one ingest use case (package archive): an article already
// stored (by key) is skipped without analysis, one that cannot be
// analysed becomes a problem, and the rest are stored in one transaction.
type storeIngester struct {
	pipeline *quotewire.Pipeline
	store    quotewire.Store
	workers  int
}

var _ server.Ingester = (*storeIngester)(nil)

// Ingest analyses the articles (in parallel) and stores them.
func (in *storeIngester) Ingest(ctx context.Context, arts []quotewire.Article) (server.IngestResult, error) {
	res := server.IngestResult{Keys: make([]string, len(arts)), Problems: []string{}}
	run := archive.Ingester{Pipeline: in.pipeline, Store: in.store, Workers: in.workers, Batch: max(1, len(arts)),
		Settled: func(o archive.Outcome) {
			if o.Problem != nil {
				where := fmt.Sprintf("record %d", o.Index+1)
				if id := o.Article.ID; id != "" {
					where += fmt.Sprintf(" (id %q)", id)
				}
				res.Problems = append(res.Problems, fmt.Sprintf("%s: %v", where, o.Problem))
				return
			}
			res.Keys[o.Index] = o.Key
		}}.Start(ctx)
	for i, a := range arts {
		a.Origin = quotewire.Origin{File: "http", Record: i + 1}
		if err := run.Add(a); err != nil {
			break
		}
	}
	tot, err := run.Close()
	res.Added, res.Skipped = int(tot.Added), int(tot.Skipped)
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// readUpload reads a file uploaded on the web UI's ingest page as ingest
// reads files: format by name or content, gzip and zstd undone. A bad
// record fails the file, naming the record.
func readUpload(name string, r io.Reader) ([]quotewire.Article, error) {
	rd, err := ingest.NewReader(r, filepath.Base(name), ingest.Options{})
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	var arts []quotewire.Article
	for len(arts) <= ui.MaxUploadArticles {
		a, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return arts, nil
		}
		if err != nil {
			return arts, err
		}
		arts = append(arts, a)
	}
	return arts, nil
}
