package benchstore

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
)

// IngestStore is a store an ingest fills: its records are the templates
// the large store replicates; it is closed once measured.
type IngestStore interface {
	archive.Store
	Recorder
	Close() error
}

// IngestBench is bench-store's first phase, which `make bench` also runs
// on its own (bench-store --ingest-only): extraction alone of the same
// articles against ingest of them into an empty store, as articles/s and
// their ratio. Both start from the articles in memory, so reading the
// files is in neither.
type IngestBench struct {
	Pipeline *quotewire.Pipeline
	Articles []quotewire.Article
	// Workers is how many articles are analysed at once, on both sides
	// (default GOMAXPROCS); Batch how many records one transaction
	// stores (default archive.DefaultBatch).
	Workers, Batch int
	// Rounds is how many times both are timed (default 1): each round
	// times extraction alone, then an ingest into a new store, so a
	// busy machine slowing one round slows both sides of its ratio.
	Rounds int
	// Open returns the empty store of a round's ingest (from 0).
	Open func(round int) (IngestStore, error)
}

// Run times b's rounds and records in res the median rates, each round's
// ingest/extraction ratio and their median. It returns the last round's
// store, still open, holding every article analysed (for the caller to
// replicate or close); the stores of earlier rounds are closed.
func (b IngestBench) Run(ctx context.Context, res *Result) (IngestStore, error) {
	if b.Pipeline == nil || b.Open == nil {
		return nil, errors.New("ingest bench: a pipeline and a store to open are needed")
	}
	if len(b.Articles) == 0 {
		return nil, errors.New("ingest bench: no articles")
	}
	workers := b.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	rounds := max(b.Rounds, 1)
	n := float64(len(b.Articles))
	var extract, ingest, ratios, busy []float64
	var last IngestStore
	for r := 0; r < rounds; r++ {
		if last != nil {
			if err := last.Close(); err != nil {
				return nil, err
			}
			last = nil
		}
		d := extractAll(b.Pipeline, b.Articles, workers)
		s, err := b.Open(r)
		if err != nil {
			return nil, fmt.Errorf("open the store of round %d: %w", r+1, err)
		}
		last = s
		start := time.Now()
		run := archive.Ingester{Pipeline: b.Pipeline, Store: s, Workers: workers, Batch: b.Batch, FirstBatch: archive.DefaultFirstBatch}.Start(ctx)
		for _, a := range b.Articles {
			if err := run.Add(a); err != nil {
				break // Close says why
			}
		}
		tot, err := run.Close()
		di := time.Since(start)
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("ingest: %w", err)
		}
		if tot.Read != int64(len(b.Articles)) {
			s.Close()
			return nil, fmt.Errorf("ingest settled %d of %d articles", tot.Read, len(b.Articles))
		}
		e, i := n/max(d.Seconds(), 1e-9), n/max(di.Seconds(), 1e-9)
		extract, ingest, ratios = append(extract, e), append(ingest, i), append(ratios, i/e)
		busy = append(busy, tot.Storing.Seconds()/max(di.Seconds(), 1e-9))
	}
	res.Sources = len(b.Articles)
	res.Workers = workers
	res.Rounds = rounds
	res.ExtractPerSec = median(extract)
	res.IngestPerSec = median(ingest)
	res.IngestRatios = ratios
	res.IngestRatio = median(ratios)
	res.WriterBusy = median(busy)
	return last, nil
}

// extractAll analyses arts on workers goroutines and returns how long it
// took. Articles the pipeline rejects cost what rejecting them costs, as
// in an ingest.
func extractAll(p *quotewire.Pipeline, arts []quotewire.Article, workers int) time.Duration {
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(arts) {
					return
				}
				_, _ = p.Extract(arts[i]) // timed, not kept
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// median is the middle of v (the mean of the two middle values when v
// has an even length); v is not changed.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
