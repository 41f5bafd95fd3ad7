package main

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
)

func (m *Main) reanalyzeCommand() *cobra.Command {
	var (
		db      string
		workers int
		batch   int
		mo      modelOpts
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
	mo.register(c)
	return c
}

// reanalyzed is one article analysed again.
type reanalyzed struct {
	rec quotewire.Record
	err error
}

func (m *Main) runReanalyze(ctx context.Context, p *quotewire.Pipeline, s quotewire.Store, workers, batch int) error {
	if ctx == nil {
		ctx = context.Background()
	}
	start := time.Now()
	var pending []quotewire.Record
	replaced, failed := 0, 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		n, err := s.Replace(context.WithoutCancel(ctx), pending)
		replaced += n
		pending = pending[:0]
		return err
	}
	// Records reads a page, closes it, then calls back: writing from the
	// callback is safe, and memory holds one batch
	var chunk []*quotewire.Record
	process := func() error {
		err := ordered(workers, func(emit func(func() reanalyzed)) error {
			for _, r := range chunk {
				if err := ctx.Err(); err != nil {
					return err
				}
				emit(func() reanalyzed {
					a := r.Analysis
					out, err := p.Extract(quotewire.Article{ID: a.ID, Title: a.Title, Date: a.Date, URL: a.URL, Text: a.Text, Origin: r.Origin})
					if err != nil {
						return reanalyzed{rec: *r, err: err}
					}
					return reanalyzed{rec: quotewire.Record{Key: r.Key, Analysis: out, Origin: r.Origin, Outlet: r.Outlet}}
				})
			}
			return nil
		}, func(x reanalyzed) error {
			if x.err != nil {
				failed++
				fmt.Fprintf(m.Stderr, "quotewire: %s: %v (kept as it was)\n", x.rec.Key, x.err)
				return nil
			}
			pending = append(pending, x.rec)
			return nil
		})
		chunk = chunk[:0]
		if ferr := flush(); ferr != nil {
			return fmt.Errorf("%w (batches before were replaced; run reanalyze again to finish)", ferr)
		}
		return err
	}
	err := s.Records(ctx, func(r *quotewire.Record) error {
		chunk = append(chunk, r)
		if len(chunk) >= batch {
			return process()
		}
		return nil
	})
	if err == nil {
		err = process()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "quotewire: reanalysed %d articles in %s, %d failed\n", replaced, time.Since(start).Round(time.Millisecond), failed)
	if failed > 0 {
		return fmt.Errorf("%w: %d articles could not be analysed", errPartial, failed)
	}
	return nil
}
