package main

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire/server"
)

// demoCorpus is the example corpus shipped in the repository: the
// founding article and 295 Wikinews articles (CC BY 2.5).
var demoCorpus = []string{"testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt", "testdata/wikinews/wikinews_2019.csv", "testdata/wikinews/wikinews_2020.csv"}

func (m *Main) demoCommand() *cobra.Command {
	var db, addr string
	var mo modelOpts
	c := &cobra.Command{
		Use:   "demo",
		Short: "Ingest the shipped example corpus and serve it (run in the repository)",
		Long: `demo is quotewire end to end on the example corpus that comes with the
repository: the founding TASS article (testdata/seed) and 295 Wikinews
articles (testdata/wikinews, CC BY 2.5, see its README). It ingests them
into an SQLite store (--db, default quotewire-demo.db; a second run finds
them stored and skips straight to serving), then serves the JSON API on
--addr until Ctrl-C, exactly as 'quotewire serve' does.

Run it from the repository's root folder:

  go run ./cmd/quotewire demo
  curl 'http://127.0.0.1:8080/api/quotes?q=climate&limit=5'
  curl 'http://127.0.0.1:8080/api/speakers?limit=10'
  curl 'http://127.0.0.1:8080/api/stats'`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			for _, p := range demoCorpus {
				if _, err := os.Stat(p); err != nil {
					return fmt.Errorf("the example corpus is not here (%v): run demo from the repository's root folder", err)
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
			err = m.runIngest(c.Context(), ingestRun{pipeline: p, store: s, paths: demoCorpus, workers: runtime.GOMAXPROCS(0),
				batch: 256, errLog: errLogFor(db), progress: m.StderrIsTerminal})
			if err != nil {
				return err
			}
			token := os.Getenv("QUOTEWIRE_TOKEN")
			cfg := server.Config{Store: s, Token: token, Logger: slog.New(slog.NewTextHandler(m.Stderr, nil)), Version: version, ReadUpload: readUpload}
			if token != "" {
				cfg.Ingester = &storeIngester{pipeline: p, store: s, workers: runtime.GOMAXPROCS(0)}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w (is another server using it? choose another with --addr)", addr, err)
			}
			return m.serve(c.Context(), ln, storeName(db), cfg)
		},
	}
	c.Flags().StringVar(&db, "db", "quotewire-demo.db", "the store to build and serve (an SQLite file or a postgres:// URL)")
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "the address to listen on")
	mo.register(c)
	return c
}
