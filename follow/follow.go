// Package follow keeps an archive up to date with the news as it
// happens: it polls feeds (RSS, Atom, JSON Feed) and news sitemaps,
// fetches each new item's page politely (package fetch), reads the
// article off the page (package htmlfile) and stores it as an ingest
// does (package archive: the same keys, so nothing is stored twice).
//
// What it learns is kept in the store (State): each feed's validators
// for conditional requests, its last success and failure, and every page
// it has fetched, so that a page is fetched once even when it leaves its
// feed and comes back, and a restart picks up where the last run left
// off. A page's state is written only once its article is stored, and a
// feed's validators only once its new pages are settled: a run killed at
// any point loses nothing, and the next pass asks again for what the
// killed one had not finished (stored articles are recognised by key).
package follow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
	"github.com/quotewire/quotewire/fetch"
	"github.com/quotewire/quotewire/ingest/feed"
)

// State is the part of a store that remembers feeds and their pages
// (SQLite and PostgreSQL implement it).
type State interface {
	// AddFeeds starts following the URLs not followed yet, added at now.
	AddFeeds(ctx context.Context, urls []string, now time.Time) error
	// Feeds returns every followed feed, in the order they were added.
	Feeds(ctx context.Context) ([]quotewire.Feed, error)
	// SaveFeed writes a feed's state (by URL).
	SaveFeed(ctx context.Context, f quotewire.Feed) error
	// FeedItems returns the stored state of those of the page URLs that
	// have one.
	FeedItems(ctx context.Context, urls []string) (map[string]quotewire.FeedItem, error)
	// SaveFeedItems writes the state of pages (by URL), each counted for
	// its Feed.
	SaveFeedItems(ctx context.Context, items []quotewire.FeedItem) error
	// ListFeedPages records that the feed lists the pages (by URL), so
	// that a feed's counts hold the pages another feed listed first.
	ListFeedPages(ctx context.Context, feed string, urls []string) error
}

// Fetcher fetches one URL (fetch.Fetcher).
type Fetcher interface {
	Get(ctx context.Context, req fetch.Request) (*fetch.Response, error)
}

// Defaults of Follower's zero fields.
const (
	DefaultInterval    = 10 * time.Minute
	DefaultParallel    = 8
	DefaultMaxItems    = 500
	DefaultMaxSitemaps = 5
	// MaxAttempts is how many passes try a page that failed in a way
	// that may pass (a timeout, a 503) before it is given up.
	MaxAttempts = 3
	// maxBackoff is the longest a failing feed waits between polls.
	maxBackoff = 6 * time.Hour
)

// Follower polls feeds and stores their new articles. Fetcher, State,
// Store and Pipeline are required.
type Follower struct {
	Fetcher  Fetcher
	State    State
	Store    archive.Store
	Pipeline *quotewire.Pipeline
	// Workers analyse the articles (default GOMAXPROCS); Parallel is how
	// many hosts are asked at once (default DefaultParallel; one request
	// at a time per host whatever it is).
	Workers, Parallel int
	// Interval is the time between passes of a healthy feed (default
	// DefaultInterval); a failing feed waits Interval, then twice, four
	// times… as long, up to six hours.
	Interval time.Duration
	// PassTime is the longest a pass spends fetching pages (default
	// Interval): the pages not asked for by then are left for the next
	// passes, so that one slow host (a long Crawl-delay, a backlog of
	// hundreds of pages) does not hold back every other feed's next poll.
	PassTime time.Duration
	// MaxItems caps the new pages fetched from one feed in one pass, in
	// the feed's order (the rest are fetched by the next passes);
	// MaxSitemaps the sitemaps of a sitemap index read in one pass (those
	// modified last).
	MaxItems, MaxSitemaps int
	// Now returns the current time (default time.Now).
	Now func() time.Time
	// Progress, when set, is told of each page settled in a pass.
	Progress func(Progress)
	// Enqueue, when set, is handed each pass's new pages instead of their
	// being fetched and stored here: for followers that only poll, with
	// workers fetching the pages from a queue (quotewire follow --nats).
	// Pipeline and Store are then not used.
	Enqueue func(ctx context.Context, pages []Page) error
}

// Progress is where a pass stands.
type Progress struct {
	Pages, Done int
}

// Report is what one pass did.
type Report struct {
	// Feeds counts the feeds polled; NotModified those that answered
	// 304; Failed those that failed; Skipped those not polled because
	// they are backing off after failures.
	Feeds, NotModified, Failed, Skipped int
	// Pages counts the new pages of the feeds; Queued those handed to
	// Enqueue (all of them, when it is set); Fetched those fetched;
	// Stored the articles stored; Known those the store held already;
	// Problems the pages that could not be fetched or read; Left those
	// not asked for when the pass ran out of PassTime (the next passes
	// fetch them).
	Pages, Queued, Fetched, Stored, Known, Problems, Left int
	// Errors are the feeds' and pages' problems, one line each, naming
	// the URL.
	Errors []string
	// Dead are the feeds of the pass failing for a day or more (polled
	// or not), with their last error: to be checked or no longer
	// followed.
	Dead []quotewire.Feed
	// Moved are the feeds that answered from another address through
	// permanent redirects (301, 308): to be followed there instead.
	Moved []Move
}

// Move is a feed that moved permanently: From the address followed, To
// the one that answered.
type Move struct {
	From, To string
}

func (f *Follower) defaults() {
	if f.Parallel <= 0 {
		f.Parallel = DefaultParallel
	}
	if f.Interval <= 0 {
		f.Interval = DefaultInterval
	}
	if f.PassTime <= 0 {
		f.PassTime = f.Interval
	}
	if f.MaxItems <= 0 {
		f.MaxItems = DefaultMaxItems
	}
	if f.MaxSitemaps <= 0 {
		f.MaxSitemaps = DefaultMaxSitemaps
	}
	if f.Now == nil {
		f.Now = time.Now
	}
}

// page is a new page a feed listed.
type page struct {
	url, title, date string
	feed             *polled
	prior            quotewire.FeedItem // its state from earlier passes
	// outcome
	queued    bool // asked for in this pass (new, or failed before and tried again)
	attempted bool // asked for, and not stopped
	fetched   bool // answered
	key, err  string
	final     bool // never asked for again
	stored    bool // its article stored by this pass
	known     bool // its article stored before
}

// polled is one feed of a pass.
type polled struct {
	// capped is true when the feed had more new pages than MaxItems: its
	// validators are then kept, for the next pass to read it whole again
	capped bool
	// done is true once the feed was asked and answered or failed (not
	// when the pass was stopped first)
	done  bool
	f     quotewire.Feed
	resp  *fetch.Response // the 200 answer whose validators are saved once its pages are settled
	pages []*page
	err   error
}

// Pass polls the feeds of urls (following those not followed yet),
// fetches their new pages and stores their articles. Cancelling ctx stops
// fetching; what was fetched is still stored and remembered before Pass
// returns. The error is about the store; a feed's or a page's problem is
// in the Report.
func (f *Follower) Pass(ctx context.Context, urls []string) (Report, error) {
	f.defaults()
	var rep Report
	keep := context.WithoutCancel(ctx)
	if err := f.State.AddFeeds(keep, urls, f.Now()); err != nil {
		return rep, fmt.Errorf("follow: %w", err)
	}
	all, err := f.State.Feeds(keep)
	if err != nil {
		return rep, fmt.Errorf("follow: %w", err)
	}
	want := map[string]bool{}
	for _, u := range urls {
		want[u] = true
	}
	var feeds []*polled
	now := f.Now()
	for _, fd := range all {
		if !want[fd.URL] {
			continue
		}
		if fd.Failures > 0 && fd.NextPoll.After(now) {
			rep.Skipped++
			if fd.Health(now) == "dead" {
				rep.Dead = append(rep.Dead, fd)
			}
			continue
		}
		feeds = append(feeds, &polled{f: fd})
	}

	// poll the feeds, a host at a time each
	byHost(f, ctx, feeds, func(p *polled) string { return p.f.URL }, func(p *polled) { f.poll(ctx, p) })
	var pages []*page
	seen := map[string]bool{}
	for _, p := range feeds {
		if !p.done {
			continue // stopped before it was polled: as it was
		}
		rep.Feeds++
		if p.f.Health(f.Now()) == "dead" {
			rep.Dead = append(rep.Dead, p.f)
		}
		switch {
		case p.err != nil:
			rep.Failed++
			rep.Errors = append(rep.Errors, fmt.Sprintf("feed %s: %v", p.f.URL, p.err))
		case p.resp != nil && p.resp.NotModified:
			rep.NotModified++
		}
		if p.err == nil && p.resp != nil && p.resp.Moved && p.resp.URL != p.f.URL {
			rep.Moved = append(rep.Moved, Move{From: p.f.URL, To: p.resp.URL})
		}
		if p.err != nil || p.resp == nil || p.resp.NotModified {
			if err := f.State.SaveFeed(keep, p.f); err != nil {
				return rep, fmt.Errorf("follow: %w", err)
			}
			continue
		}
		listed := make([]string, len(p.pages))
		for i, pg := range p.pages {
			listed[i] = pg.url
			if !seen[pg.url] {
				seen[pg.url] = true
				pages = append(pages, pg)
			}
		}
		if err := f.State.ListFeedPages(keep, p.f.URL, listed); err != nil {
			return rep, fmt.Errorf("follow: %w", err)
		}
	}

	// leave out what earlier passes settled
	urlsOf := make([]string, len(pages))
	for i, pg := range pages {
		urlsOf[i] = pg.url
	}
	prior, err := f.State.FeedItems(keep, urlsOf)
	if err != nil {
		return rep, fmt.Errorf("follow: %w", err)
	}
	fresh := pages[:0]
	perFeed := map[*polled]int{}
	for _, pg := range pages {
		if it, ok := prior[pg.url]; ok {
			if it.Done || it.Attempts >= MaxAttempts {
				continue
			}
			pg.prior = it
		}
		if perFeed[pg.feed] >= f.MaxItems {
			pg.feed.capped = true // the rest next pass: the feed is read whole again
			continue
		}
		perFeed[pg.feed]++
		pg.queued = true
		fresh = append(fresh, pg)
	}
	pages = fresh
	rep.Pages = len(pages)

	if f.Enqueue != nil {
		return rep, f.enqueue(keep, feeds, pages, &rep)
	}
	if err := f.fetchAndStore(ctx, keep, pages, &rep); err != nil {
		return rep, err
	}

	// remember the pages, then the feeds' validators and counts
	var items []quotewire.FeedItem
	for _, pg := range pages {
		if !pg.attempted {
			continue // not asked for (stopped): the next pass will
		}
		it := quotewire.FeedItem{URL: pg.url, Feed: pg.feed.f.URL, Seen: f.Now(), Article: pg.key, Error: pg.err,
			Attempts: pg.prior.Attempts + 1, Done: pg.final}
		if it.Attempts >= MaxAttempts {
			it.Done = true
		}
		items = append(items, it)
	}
	if err := f.State.SaveFeedItems(keep, items); err != nil {
		return rep, fmt.Errorf("follow: %w", err)
	}
	for _, p := range feeds {
		if !p.done || p.err != nil || p.resp == nil || p.resp.NotModified {
			continue
		}
		if p.settled() { // else its old validators stay, for the next pass to read it whole
			p.f.ETag, p.f.LastModified = p.resp.ETag, p.resp.LastModified
		}
		if err := f.State.SaveFeed(keep, p.f); err != nil {
			return rep, fmt.Errorf("follow: %w", err)
		}
	}
	return rep, nil
}

// enqueue hands the new pages to Enqueue, then remembers them as queued
// (a bare mark, which a worker's result is never undone by) and saves the
// feeds' validators: from here the queue sees to the pages. When Enqueue
// fails nothing is remembered, and the next pass lists the pages again
// (the queue drops the units it holds already within its duplicate
// window, and the store those it holds by key).
func (f *Follower) enqueue(ctx context.Context, feeds []*polled, pages []*page, rep *Report) error {
	if len(pages) > 0 {
		list := make([]Page, len(pages))
		for i, pg := range pages {
			list[i] = pg.Page()
		}
		if err := f.Enqueue(ctx, list); err != nil {
			return fmt.Errorf("follow: enqueue pages: %w", err)
		}
		items := make([]quotewire.FeedItem, len(pages))
		for i, pg := range pages {
			items[i] = quotewire.FeedItem{URL: pg.url, Feed: pg.feed.f.URL, Seen: f.Now(), Attempts: pg.prior.Attempts, Done: true}
		}
		if err := f.State.SaveFeedItems(ctx, items); err != nil {
			return fmt.Errorf("follow: %w", err)
		}
		rep.Queued = len(pages)
	}
	for _, p := range feeds {
		if !p.done || p.err != nil || p.resp == nil || p.resp.NotModified {
			continue
		}
		if !p.capped {
			p.f.ETag, p.f.LastModified = p.resp.ETag, p.resp.LastModified
		}
		if err := f.State.SaveFeed(ctx, p.f); err != nil {
			return fmt.Errorf("follow: %w", err)
		}
	}
	return nil
}

// settled reports whether every page of the feed this pass asked for is
// settled for good: stored, or failed in a way that asking again would
// not mend, or failed too often. Until then the feed's old validators are
// kept, so that the next pass reads the feed whole and tries its
// unsettled pages again.
func (p *polled) settled() bool {
	if p.capped {
		return false
	}
	for _, pg := range p.pages {
		if pg.queued && (!pg.attempted || !pg.final && pg.prior.Attempts+1 < MaxAttempts) {
			return false
		}
	}
	return true
}

// poll asks for one feed and lists its pages; p.f is updated with the
// outcome (not saved).
func (f *Follower) poll(ctx context.Context, p *polled) {
	now := f.Now()
	before := p.f
	p.f.LastPoll = now
	resp, err := f.Fetcher.Get(ctx, fetch.Request{URL: p.f.URL, ETag: p.f.ETag, LastModified: p.f.LastModified,
		Accept: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"})
	if err == nil && !resp.NotModified {
		err = f.list(ctx, p, resp)
	}
	if err != nil && errors.Is(err, context.Canceled) && ctx.Err() != nil {
		p.f = before // stopped: not a failure of the feed's
		return
	}
	p.done = true
	if err != nil {
		p.err = err
		p.f.Failures++
		p.f.LastError = now
		p.f.Error = err.Error()
		wait := backoff(f.Interval, p.f.Failures)
		var se *fetch.StatusError
		if errors.As(err, &se) && se.RetryAfter > wait {
			wait = min(se.RetryAfter, 7*24*time.Hour)
		}
		p.f.NextPoll = now.Add(wait)
		return
	}
	p.resp = resp
	p.f.LastSuccess = now
	p.f.Failures = 0
	p.f.Error = ""
	p.f.NextPoll = now.Add(f.Interval)
}

// list reads the pages of a feed's answer, following a sitemap index to
// its newest sitemaps.
func (f *Follower) list(ctx context.Context, p *polled, resp *fetch.Response) error {
	rv := resolverOf(resp.URL)
	var entries []feed.Entry
	switch {
	case isSitemap(resp.Body):
		sm, err := parseSitemap(resp.Body, p.f.URL, f.Now())
		if err != nil {
			return err
		}
		p.f.Kind = "sitemap"
		entries = sm.entries
		if sm.index {
			entries = nil
			subs := sm.entries
			slices.SortStableFunc(subs, func(a, b feed.Entry) int { return strings.Compare(b.Date, a.Date) })
			for _, sub := range subs[:min(len(subs), f.MaxSitemaps)] {
				u, ok := rv.resolve(sub.Link)
				if !ok {
					continue
				}
				r, err := f.Fetcher.Get(ctx, fetch.Request{URL: u, Accept: "application/xml, text/xml;q=0.9, */*;q=0.5"})
				if err != nil {
					return fmt.Errorf("sitemap %s: %w", u, err)
				}
				child, err := parseSitemap(r.Body, u, f.Now())
				if err != nil {
					return err
				}
				crv := resolverOf(r.URL)
				for i := range child.entries {
					if c, ok := crv.resolve(child.entries[i].Link); ok {
						child.entries[i].Link = c
						entries = append(entries, child.entries[i])
					}
				}
			}
		}
	default:
		if root, _ := rootElement(resp.Body); root == "html" {
			return notFeed(resp)
		}
		l, err := feed.List(resp.Body, p.f.URL, feed.Options{Now: f.Now, ContentType: resp.ContentType})
		if err != nil {
			return err
		}
		p.f.Kind, p.f.Title = l.Kind, l.Title
		entries = l.Entries
	}
	for _, e := range entries {
		u, ok := rv.resolve(e.Link)
		if !ok {
			continue
		}
		p.pages = append(p.pages, &page{url: u, title: e.Title, date: e.Date, feed: p})
	}
	return nil
}

// backoff is how long a feed that failed failures times in a row waits:
// interval, then twice, four times… as long, up to maxBackoff (doubled
// step by step, so that a long interval cannot overflow).
func backoff(interval time.Duration, failures int) time.Duration {
	wait := min(interval, maxBackoff)
	for i := 1; i < failures && wait < maxBackoff; i++ {
		wait = min(2*wait, maxBackoff)
	}
	return wait
}

// notFeed is the error for a feed URL that answers with a web page: it
// names the feeds the page links to, when it links to any.
func notFeed(resp *fetch.Response) error {
	var found []string
	z := html.NewTokenizer(bytes.NewReader(resp.Body))
	for len(found) < 3 {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		t := z.Token()
		if t.Data != "link" {
			continue
		}
		var rel, typ, href string
		for _, a := range t.Attr {
			switch a.Key {
			case "rel":
				rel = strings.ToLower(a.Val)
			case "type":
				typ = strings.ToLower(a.Val)
			case "href":
				href = a.Val
			}
		}
		if rel == "alternate" && (strings.Contains(typ, "rss") || strings.Contains(typ, "atom") || strings.Contains(typ, "feed+json")) {
			if u, ok := resolve(resp.URL, href); ok {
				found = append(found, u)
			}
		}
	}
	if len(found) > 0 {
		return fmt.Errorf("an HTML page, not a feed: follow the feed it links to instead: %s", strings.Join(found, " "))
	}
	return errors.New("an HTML page, not a feed (RSS, Atom, JSON Feed or sitemap)")
}

// resolve makes link absolute against base, drops its fragment and its
// tracking parameters (see tracking), and keeps it only when it is http
// or https.
func resolve(base, link string) (string, bool) {
	return resolverOf(base).resolve(link)
}

// resolver resolves a document's links against its address, parsed once
// for all of them (nil when it does not parse).
type resolver struct{ base *url.URL }

func resolverOf(base string) resolver {
	b, _ := url.Parse(base)
	return resolver{b}
}

// resolve is resolve(base, link) with the parsed base.
func (r resolver) resolve(link string) (string, bool) {
	link = strings.TrimSpace(link)
	if link == "" || r.base == nil {
		return "", false
	}
	u, err := r.base.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	u.Fragment = ""
	u.RawFragment = ""
	u.RawQuery, u.ForceQuery = dropTracking(u.RawQuery), false
	return u.String(), true
}

// tracking are the query parameters that say where a reader came from
// (a feed, a newsletter, an advertisement), not which page: a page listed
// with "?utm_source=rss" in one feed and without it in another is one
// page, fetched and stored once. Every parameter beginning "utm_" is one
// too.
var tracking = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true, "msclkid": true, "yclid": true,
	"igshid": true, "mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
	"at_medium": true, "at_campaign": true, // BBC's feeds
}

// dropTracking returns the raw query without its tracking parameters,
// the others kept as they were written, in their order.
func dropTracking(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		name, _, _ := strings.Cut(p, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		name = strings.ToLower(name)
		if p == "" || tracking[name] || strings.HasPrefix(name, "utm_") {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

// byHost runs do for each of xs, the xs of one host one after another
// and up to Parallel hosts at once.
func byHost[T any](f *Follower, ctx context.Context, xs []T, urlOf func(T) string, do func(T)) {
	groups := map[string][]T{}
	var order []string
	for _, x := range xs {
		h := hostOf(urlOf(x))
		if _, ok := groups[h]; !ok {
			order = append(order, h)
		}
		groups[h] = append(groups[h], x)
	}
	work := make(chan []T)
	var wg sync.WaitGroup
	for range min(f.Parallel, len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range work {
				for _, x := range g {
					if ctx.Err() != nil {
						break
					}
					do(x)
				}
			}
		}()
	}
	for _, h := range order {
		work <- groups[h]
	}
	close(work)
	wg.Wait()
}

// hostOf is the host u is paced by (fetch.HostKey), u itself when it does
// not parse.
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return fetch.HostKey(p)
}

// charsetReader decodes an XML document in the charset its declaration
// names.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	return charset.NewReaderLabel(label, r)
}
