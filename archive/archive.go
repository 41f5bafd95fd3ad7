// Package archive is quotewire's one ingest use case: articles in, records
// stored. An Ingester skips what the store holds already, analyses the
// rest on several workers, and stores the records in batches in the order
// the articles came, with problems — an article that cannot be analysed,
// a panic in the pipeline — handled in one place. The ingest command, the
// server's POST and the queue workers all store through it; they read
// their inputs and report, and nothing else in cmd/ both extracts and
// stores.
package archive

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/dedup"
)

// DefaultBatch is how many records a batch stores in one transaction
// unless Ingester.Batch says otherwise.
const DefaultBatch = 256

// Store is what an ingest needs of a store.
type Store interface {
	Has(ctx context.Context, keys []string) (map[string]bool, error)
	Put(ctx context.Context, recs []quotewire.Record) (quotewire.PutResult, error)
	Replace(ctx context.Context, recs []quotewire.Record) (int, error)
}

// Outcome is what became of one article, in input order.
type Outcome struct {
	// Index is the article's position among those added, from 0.
	Index int
	// Article is the article as it was added.
	Article quotewire.Article
	// Key is its key in the store (quotewire.ArticleKey).
	Key string
	// Stored is true when the store held it already: it was not analysed.
	Stored bool
	// Problem is why it could not be analysed (nil when it was, or was
	// stored already); Located names the article as well.
	Problem error
}

// Located is the problem with where the article came from: its origin
// ("feed.jsonl line 3"), else its id.
func (o Outcome) Located() error {
	if o.Problem == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", where(o.Article), o.Problem)
}

// Totals count a run's articles.
type Totals struct {
	// Read counts the articles settled; Added those stored by this run;
	// Skipped those stored already (before the run, or by another writer
	// meanwhile); Problems those that could not be analysed; Quotes the
	// quotes of the records stored.
	Read, Added, Skipped, Problems, Quotes int64
	// Storing is how long the run's writer has spent in the store's Put
	// or Replace. The writer is one goroutine: a run whose Storing is
	// close to its wall time waits on its store, not on the analysis.
	Storing time.Duration
}

// Ingester stores articles. Its zero value is not usable: Pipeline and
// Store are required.
type Ingester struct {
	Pipeline *quotewire.Pipeline
	Store    Store
	// Workers is how many articles are analysed at once (default
	// GOMAXPROCS); Batch how many records one transaction stores
	// (default DefaultBatch).
	Workers, Batch int
	// FirstBatch, when positive, is the most records the run's first
	// transaction stores (see DefaultFirstBatch); zero makes it a batch
	// like the others (a caller that promises one transaction for what it
	// adds, as serve's POST does, leaves it so).
	FirstBatch int
	// Settled, when set, is called for every article in the order they
	// were added, from one goroutine, once its outcome is known (before
	// its record is stored).
	Settled func(Outcome)
	// Replace analyses stored articles again (reanalyze): added with
	// their stored keys (Run.AddStored), they are not looked up, and
	// their records replace the stored ones (Store.Replace; Totals.Added
	// counts the replaced).
	Replace bool
}

// Run is one ingest under way (Ingester.Start).
type Run struct {
	in      Ingester
	ctx     context.Context
	queue   chan chan Outcome
	sem     chan struct{}
	batches chan []quotewire.Record
	records sync.Map // index → record, from the worker to the sink
	sinkWG  sync.WaitGroup
	writeWG sync.WaitGroup
	next    int
	werr    atomic.Pointer[error]
	// waiting are the articles added and not yet looked up: the store
	// is asked which are stored lookupBatch at a time, one round trip
	waiting []waiting

	read, added, skipped, problems, quotes atomic.Int64
	storing                                atomic.Int64 // nanoseconds
}

// Start begins an ingest: Add the articles, then Close.
func (in Ingester) Start(ctx context.Context) *Run {
	if in.Workers < 1 {
		in.Workers = runtime.GOMAXPROCS(0)
	}
	if in.Batch < 1 {
		in.Batch = DefaultBatch
	}
	r := &Run{in: in, ctx: ctx, queue: make(chan chan Outcome, 2*in.Workers), sem: make(chan struct{}, in.Workers),
		batches: make(chan []quotewire.Record, 2)}
	r.writeWG.Add(1)
	go r.write()
	r.sinkWG.Add(1)
	go r.sink()
	return r
}

// Add queues an article (from one goroutine: Add is not safe for
// concurrent use): the store is asked whether it holds it together with
// the articles added around it (lookupBatch at a time, one round trip),
// then it is analysed on a worker and stored with its batch. It blocks
// while Workers articles are being analysed and as many wait to be
// stored, so memory stays bounded however many are added. It returns an
// error, and queues nothing, once the context is done or a batch could
// not be stored.
func (r *Run) Add(a quotewire.Article) error {
	return r.add(quotewire.ArticleKey(a.URL, a.Text), a)
}

// AddStored queues a stored article under its stored key, for an
// Ingester that replaces (Replace).
func (r *Run) AddStored(key string, a quotewire.Article) error {
	return r.add(key, a)
}

func (r *Run) add(key string, a quotewire.Article) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if p := r.werr.Load(); p != nil {
		return *p
	}
	r.waiting = append(r.waiting, waiting{i: r.next, key: key, a: a})
	r.next++
	if len(r.waiting) >= lookupBatch {
		r.dispatch()
	}
	return nil
}

// Flush hands the articles added and not yet looked up to the workers
// now, instead of when lookupBatch of them have gathered: for a caller
// whose articles trickle in (quotewire follow fetching pages), so that
// they are analysed and stored while it waits for the next. Like Add, it
// is not safe for concurrent use with Add.
func (r *Run) Flush() {
	if r.ctx.Err() == nil && r.werr.Load() == nil {
		r.dispatch()
	}
}

// DefaultFirstBatch is the Ingester.FirstBatch of the ingest and
// reanalyze commands: storing starts as soon as a few articles are
// analysed instead of after the first 256. The store's writer is what an
// ingest waits for on two cores, and it idled while the first batch
// filled (about 0.1 s of a 1 s ingest of PolNeAR train). The sizes stay
// the same from run to run, and so do the stores they make.
const DefaultFirstBatch = 16

// lookupBatch is how many added articles one Store.Has asks about.
const lookupBatch = 64

// waiting is an added article not yet looked up.
type waiting struct {
	i   int
	key string
	a   quotewire.Article
}

// dispatch asks the store which of the waiting articles it holds (not
// when replacing: those are analysed again whatever it holds) and hands
// them to the workers, in order.
func (r *Run) dispatch() {
	var stored map[string]bool
	if !r.in.Replace && len(r.waiting) > 0 {
		keys := make([]string, len(r.waiting))
		for j, w := range r.waiting {
			keys[j] = w.key
		}
		// a failed lookup only costs analysing again what Put will skip
		stored, _ = r.in.Store.Has(r.ctx, keys)
	}
	for _, w := range r.waiting {
		ch := make(chan Outcome, 1)
		r.sem <- struct{}{}
		r.queue <- ch
		go func(w waiting, stored bool) {
			defer func() { <-r.sem }()
			ch <- r.analyse(w.i, w.key, w.a, stored)
		}(w, stored[w.key])
	}
	r.waiting = r.waiting[:0]
}

// analyse settles one article: stored already, a record, or a problem.
func (r *Run) analyse(i int, key string, a quotewire.Article, stored bool) (o Outcome) {
	o = Outcome{Index: i, Article: a, Key: key, Stored: stored}
	if stored {
		return o
	}
	defer func() {
		if p := recover(); p != nil {
			o.Problem = fmt.Errorf("internal error analysing the article (please report it): %v", p)
		}
	}()
	an, err := r.in.Pipeline.Extract(a)
	if err != nil {
		o.Problem = err
		return o
	}
	r.records.Store(i, NewRecord(o.Key, an, a.Origin))
	return o
}

// sink takes the outcomes in order, tells Settled, and batches records.
func (r *Run) sink() {
	defer r.sinkWG.Done()
	var pending []quotewire.Record
	limit := r.in.Batch
	if r.in.FirstBatch > 0 {
		limit = min(r.in.FirstBatch, r.in.Batch)
	}
	for ch := range r.queue {
		o := <-ch
		r.read.Add(1)
		switch {
		case o.Problem != nil:
			r.problems.Add(1)
		case o.Stored:
			r.skipped.Add(1)
		}
		if r.in.Settled != nil {
			r.in.Settled(o)
		}
		if v, ok := r.records.LoadAndDelete(o.Index); ok {
			pending = append(pending, v.(quotewire.Record))
			if len(pending) >= limit {
				r.batches <- pending
				pending = nil
				limit = r.in.Batch
			}
		}
	}
	if len(pending) > 0 {
		r.batches <- pending
	}
	close(r.batches)
}

// write stores the batches in order, one transaction each. A batch is
// stored even when the run is being cancelled: what was analysed is kept.
func (r *Run) write() {
	defer r.writeWG.Done()
	for b := range r.batches {
		if r.werr.Load() != nil {
			continue
		}
		var res quotewire.PutResult
		var err error
		start := time.Now()
		if r.in.Replace {
			res.Added, err = r.in.Store.Replace(context.WithoutCancel(r.ctx), b)
		} else {
			res, err = r.in.Store.Put(context.WithoutCancel(r.ctx), b)
		}
		r.storing.Add(int64(time.Since(start)))
		if err != nil {
			err = fmt.Errorf("store: %w", err)
			r.werr.Store(&err)
			continue
		}
		r.added.Add(int64(res.Added))
		r.skipped.Add(int64(res.Skipped))
		for _, rec := range b {
			r.quotes.Add(int64(len(rec.Analysis.Quotes)))
		}
	}
}

// Totals counts the run so far (for progress: safe while it runs).
func (r *Run) Totals() Totals {
	return Totals{Read: r.read.Load(), Added: r.added.Load(), Skipped: r.skipped.Load(), Problems: r.problems.Load(), Quotes: r.quotes.Load(),
		Storing: time.Duration(r.storing.Load())}
}

// Close waits for the articles added to be settled and their records
// stored, and returns the totals, with the error that stopped a batch
// from being stored (the batches before it are stored).
func (r *Run) Close() (Totals, error) {
	if r.werr.Load() == nil {
		r.dispatch()
	}
	close(r.queue)
	r.sinkWG.Wait()
	r.writeWG.Wait()
	var err error
	if p := r.werr.Load(); p != nil {
		err = *p
	}
	return r.Totals(), err
}

// where names an article for a message: its origin, else its id.
func where(a quotewire.Article) string {
	if w := a.Origin.String(); w != "" {
		return w
	}
	if a.ID != "" {
		return a.ID
	}
	return "an article"
}

// NewRecord is what is stored of an analysed article: its key, analysis,
// origin, outlet and near-duplicate signature.
func NewRecord(key string, a *quotewire.Analysis, origin quotewire.Origin) quotewire.Record {
	return quotewire.Record{Key: key, Analysis: a, Origin: origin, Outlet: Outlet(a), Signature: dedup.Signature(a.Text)}
}

// Outlet names an article's publisher, in lower case as search filters
// compare it: the host of its URL without "www.", else the news agency of
// its dateline ("tass").
func Outlet(a *quotewire.Analysis) string {
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return strings.ToLower(a.Agency)
}
