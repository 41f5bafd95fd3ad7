package main

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
)

func (m *Main) reanalyzeCommand() *cobra.Command {
	var (
		db         string
		workers    int
		batch      int
		mo         modelOpts
		background bool
	)
	c := &cobra.Command{
		Use:   "reanalyze",
		Short: "Analyse the stored articles again, with the current models",
		Long: `reanalyze runs extraction again over every article a store holds, from the
text kept in the store (the original files are not needed), and replaces
each article's quotes, speakers and entities with the new results. Use it
after upgrading quotewire or training new models (--models DIR).

Articles keep their keys, dates and texts; quotations and speakers are
recounted. A store made by an earlier quotewire holds statements only (its
quotes read as statements); reanalyze stores every act, unnamed speakers,
continued quotes and who relayed them. Each batch is one transaction: an
interrupted run leaves every article either as it was or fully
re-analysed, and can simply be run again.

  quotewire reanalyze --db news.db
  quotewire reanalyze --db news.db --models /tmp/mine`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := startBackground(background); err != nil {
				return err
			}
			if batch < 1 {
				return usageError{"--batch must be at least 1"}
			}
			p, err := mo.pipeline()
			if err != nil {
				return err
			}
			s, err := openStore(db, true)
			if err != nil {
				return err
			}
			defer s.Close()
			return m.runReanalyze(c.Context(), p, s, workers, batch)
		},
	}
	dbFlag(c, &db)
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	c.Flags().IntVar(&batch, "batch", 256, "articles replaced per transaction")
	backgroundFlag(c, &background)
	mo.register(c)
	return c
}

func (m *Main) runReanalyze(ctx context.Context, p *quotewire.Pipeline, s quotewire.Store, workers, batch int) error {
	if ctx == nil {
		ctx = context.Background()
	}
	start := time.Now()
	// the one ingest use case (package archive), replacing: a stored
	// article is analysed again under its key and its record replaces the
	// stored one; one that fails is kept as it was
	run := archive.Ingester{Pipeline: p, Store: s, Workers: workers, Batch: batch, FirstBatch: archive.DefaultFirstBatch, Replace: true,
		Settled: func(o archive.Outcome) {
			if o.Problem != nil {
				fmt.Fprintf(m.Stderr, "quotewire: %s: %v (kept as it was)\n", o.Key, o.Problem)
			}
		}}.Start(ctx)
	// Records reads a page, closes it, then calls back: what the run
	// writes meanwhile is safe, and memory holds a few batches
	err := s.Records(ctx, func(r *quotewire.Record) error {
		a := r.Analysis
		return run.AddStored(r.Key, quotewire.Article{ID: a.ID, Title: a.Title, Date: a.Date, URL: a.URL, Text: a.Text, Origin: r.Origin})
	})
	tot, werr := run.Close()
	if werr != nil {
		return fmt.Errorf("%w (batches before were replaced; run reanalyze again to finish)", werr)
	}
	if err != nil {
		return err
	}
	replaced, failed := tot.Added, tot.Problems
	fmt.Fprintf(m.Stderr, "quotewire: reanalysed %s in %s, %d failed\n", plural(replaced, "article"), time.Since(start).Round(time.Millisecond), failed)
	if failed > 0 {
		return fmt.Errorf("%w: %d articles could not be analysed", errPartial, failed)
	}
	return nil
}
