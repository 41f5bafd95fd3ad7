package follow

// Fetching the new pages of a pass, reading their articles and storing
// them (Follower.fetchAndStore), and the page a queue unit carries for a
// worker to do the same (Page, ReadPage).

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
	"github.com/quotewire/quotewire/fetch"
	"github.com/quotewire/quotewire/ingest/htmlfile"
)

// Page is a new page a feed listed, to be fetched and stored: what a
// queue unit carries when workers fetch the pages (Follower.Enqueue).
type Page struct {
	// URL is the page's absolute address; Feed the feed that listed it.
	URL, Feed string
	// Title and Date (YYYY-MM-DD) are the feed's, used when the page has
	// none of its own.
	Title, Date string
}

// Page is the page pg is.
func (pg *page) Page() Page {
	return Page{URL: pg.url, Feed: pg.feed.f.URL, Title: pg.title, Date: pg.date}
}

// ReadPage fetches p's page with f and reads its article: the main text,
// title and date through package htmlfile, in UTF-8 whatever the page's
// charset, with the page's URL as ID and URL, and the feed's title and
// date where the page has none. A page that answers without an article
// gives a *quotewire.RecordError naming the URL; a failed fetch gives
// the fetch's error (fetch.Temporary tells whether trying again may
// help).
func ReadPage(ctx context.Context, f Fetcher, p Page) (quotewire.Article, error) {
	resp, err := f.Get(ctx, fetch.Request{URL: p.URL, Accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"})
	if err != nil {
		return quotewire.Article{}, err
	}
	a, err := htmlfile.Parse(p.URL, fetch.UTF8(resp.Body, resp.ContentType), htmlfile.Options{MaxBytes: int64(len(resp.Body)) + 1})
	if err != nil {
		return quotewire.Article{}, err
	}
	a.ID, a.URL = p.URL, p.URL
	a.Origin = quotewire.Origin{File: p.URL}
	if a.Title == "" {
		a.Title = p.Title
	}
	if a.Date == "" {
		a.Date = p.Date
	}
	return a, nil
}

// storeBatch is how many articles one transaction stores: pages come a
// few a second, and a small batch puts them in the archive soon.
const storeBatch = 8

// fetchAndStore fetches the pages, a host at a time each, and ingests
// their articles; keep is the context of the store, which is not
// cancelled when fetching is stopped.
func (f *Follower) fetchAndStore(ctx, keep context.Context, pages []*page, rep *Report) error {
	byURL := make(map[string]*page, len(pages)) // read only from here: ReadPage's articles carry their page's URL
	for _, pg := range pages {
		byURL[pg.url] = pg
	}
	run := archive.Ingester{Pipeline: f.Pipeline, Store: f.Store, Workers: f.Workers, Batch: storeBatch,
		Settled: func(o archive.Outcome) {
			pg := byURL[o.Article.URL]
			pg.key = o.Key
			switch {
			case o.Problem != nil:
				pg.err, pg.final, pg.key = o.Problem.Error(), true, ""
			case o.Stored:
				pg.known, pg.final = true, true
			default:
				pg.stored, pg.final = true, true
			}
		}}.Start(keep)
	articles := make(chan quotewire.Article, f.Parallel)
	var addErr error
	added := make(chan struct{})
	go func() {
		defer close(added)
		for a := range articles {
			if addErr != nil {
				continue
			}
			addErr = run.Add(a)
			if len(articles) == 0 {
				run.Flush() // no page waiting: analyse what came now
			}
		}
	}()
	var done int
	var dmu sync.Mutex
	tell := func() { // Progress is told under the lock: one call at a time, Done rising
		dmu.Lock()
		defer dmu.Unlock()
		done++
		if f.Progress != nil {
			f.Progress(Progress{Pages: len(pages), Done: done})
		}
	}
	// fetching stops when the pass is stopped or out of time; storing
	// what was fetched does not
	fctx, cancel := context.WithTimeout(ctx, f.PassTime)
	defer cancel()
	byHost(f, fctx, pages, func(pg *page) string { return pg.url }, func(pg *page) {
		defer tell()
		a, err := ReadPage(fctx, f.Fetcher, pg.Page())
		var rerr *quotewire.RecordError
		switch {
		case err == nil:
			pg.attempted, pg.fetched = true, true
		case errors.As(err, &rerr): // answered, but no article
			pg.attempted, pg.fetched = true, true
			pg.err, pg.final = err.Error(), true
			return
		case fctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
			return // stopped or out of time: not attempted
		default:
			pg.attempted = true
			pg.err = err.Error()
			pg.final = !fetch.Temporary(err)
			return
		}
		articles <- a
	})
	close(articles)
	<-added
	if _, err := run.Close(); err != nil || addErr != nil {
		return fmt.Errorf("follow: store: %w", errors.Join(err, addErr))
	}
	for _, pg := range pages {
		if pg.fetched {
			rep.Fetched++
		}
		switch {
		case !pg.attempted:
			if ctx.Err() == nil { // out of time, not stopped
				rep.Left++
			}
		case pg.stored:
			rep.Stored++
		case pg.known:
			rep.Known++
		default:
			rep.Problems++
			rep.Errors = append(rep.Errors, fmt.Sprintf("page %s (from %s): %s", pg.url, pg.feed.f.URL, pg.err))
		}
	}
	return nil
}
