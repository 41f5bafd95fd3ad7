package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/fetch"
	"github.com/quotewire/quotewire/follow"
	"github.com/quotewire/quotewire/internal/workerhttp"
	"github.com/quotewire/quotewire/queue"
)

func (m *Main) followCommand() *cobra.Command {
	var (
		db, feedsFile, contact, progress string
		metrics                          string
		once, allowPrivate               bool
		interval, delay, passTime        time.Duration
		workers, parallel, maxItems      int
		mo                               modelOpts
		qf                               queueFlags
	)
	c := &cobra.Command{
		Use:   "follow [FEED_URL...]",
		Short: "Poll news feeds and sitemaps and add their new articles to a store",
		Long: `follow keeps a store up to date with the news as it happens: it polls RSS,
Atom and JSON feeds and news sitemaps (a sitemap index, its sitemaps, their
<url>s with news:publication_date), fetches each new item's page, reads the
article off it (title, date, main text) and adds it to the store as ingest
does: the same keys, so nothing is stored twice.

It is a polite crawler: it obeys each host's robots.txt (and its
Crawl-delay), names itself and --contact in its User-Agent, asks one host
one thing at a time and waits --delay between requests, asks for an
unchanged feed with If-None-Match / If-Modified-Since (one 304), and backs
off when a host answers 429 or 5xx (for as long as Retry-After says). Pages
are capped at 10 MB; requests time out (10 s to connect, 20 s for headers,
60 s in all); only http and https are followed, and hosts on loopback,
private and link-local addresses only with --allow-private (a feed's links
must not make quotewire read this machine's services, or its cloud's
metadata, into the archive).

What it learns is kept in the store: each feed's validators, its last
success and failure, each host's robots.txt (for 12 hours, so runs from
cron do not ask for it each time), and every page it fetched, so a page
is fetched once even when it leaves its feed and comes back or several
feeds list it (links lose their utm_* and other tracking parameters), and
a run killed at any point loses nothing (the next pass finishes its work).
A pass fetches pages for --pass-time at most (by default --interval), and
leaves the rest to the next passes: a host with a long Crawl-delay or a
backlog does not hold back the other feeds' next polls. A feed that
fails is asked less and less often (after 10, 20, 40… minutes, then
every 6 hours); 'quotewire feeds' lists the feeds and their health.

With --nats the follower only polls: each new page becomes a unit on the
queue (--queue) and 'quotewire worker' processes fetch, read and store
them, with the queue's guarantees (a killed worker's unit is redone, a
unit that keeps failing is dead-lettered; 'quotewire status' shows them).
The feed state stays in the store (--db), which the workers share.

With --once it makes one pass and exits (for cron: exit status 1 when a
feed failed); without it, it polls every --interval until SIGINT or SIGTERM,
and then stops after storing what it fetched. --metrics-addr serves
/healthz, /readyz and Prometheus /metrics meanwhile: fetches by status,
bytes, 304s, robots.txt refusals and errors by kind, and pages stored.

  quotewire follow --once https://www.example.org/rss.xml
  quotewire follow --db news.db --feeds feeds.txt --interval 10m --contact mailto:desk@example.org
  quotewire follow --db news.db --feeds subscriptions.opml --once
  quotewire follow --db postgres://qw@db/news --nats nats://queue:4222 --feeds feeds.txt
  quotewire feeds --db news.db`,
		RunE: func(c *cobra.Command, args []string) error {
			urls, err := feedURLs(args, feedsFile)
			if err != nil {
				return err
			}
			if len(urls) == 0 {
				return usageError{"no feeds: give feed URLs or --feeds FILE (an OPML export, or one URL a line)"}
			}
			show, err := m.showProgress(progress)
			if err != nil {
				return err
			}
			// with --nats the workers analyse the pages: the follower needs
			// no models
			var p *quotewire.Pipeline
			if !c.Flags().Changed("nats") {
				if p, err = mo.pipeline(); err != nil {
					return err
				}
			}
			s, state, err := openFeedState(db, false)
			if err != nil {
				return err
			}
			defer s.Close()
			if metrics != "" {
				if _, _, err := net.SplitHostPort(metrics); err != nil {
					return usageError{fmt.Sprintf("--metrics-addr %q: %v: give host:port, such as 127.0.0.1:9091 or :9091", metrics, err)}
				}
			}
			var fetches fetch.Counter
			fo := fetch.Options{Contact: contact, Version: version, MinDelay: delay, Observe: fetches.Observe,
				AllowPrivate: allowPrivate, Robots: robotsStore(s)}
			f := &follow.Follower{
				State:    state,
				Store:    s,
				Pipeline: p,
				Workers:  workers, Parallel: parallel, Interval: interval, PassTime: passTime, MaxItems: maxItems,
			}
			ctx := c.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
			defer stop()
			if c.Flags().Changed("nats") {
				js, closeNATS, err := qf.connect()
				if err != nil {
					return err
				}
				defer closeNATS()
				// the feeds' hosts are often the pages': the follower takes
				// its turns with the workers, one request at a time a host
				if fo.Gate, err = queue.NewHostGate(ctx, js, qf.queue, 0); err != nil {
					return err
				}
				f.Enqueue = func(ctx context.Context, pages []follow.Page) error {
					units := make([]queue.Unit, len(pages))
					for i, p := range pages {
						units[i] = queue.Unit{URL: p.URL, Feed: p.Feed, Title: p.Title, Date: p.Date}
					}
					_, err := queue.Enqueue(ctx, js, qf.queue, units)
					return err
				}
				fmt.Fprintf(m.Stderr, "quotewire: following %s into %s; new pages go to queue %s at %s for workers to fetch\n",
					plural(len(urls), "feed"), storeName(db), queue.NamesFor(qf.queue).Queue, qf.url)
			}
			f.Fetcher = fetch.New(fo)
			fr := &followRun{f: f, urls: urls, once: once, show: show}
			if metrics != "" {
				ln, err := net.Listen("tcp", metrics)
				if err != nil {
					return fmt.Errorf("listen on %s: %w (is another process using it? choose another with --metrics-addr)", metrics, err)
				}
				warnf := func(format string, args ...any) { fmt.Fprintf(m.Stderr, "quotewire: "+format+"\n", args...) }
				stopHTTP := serveWorkerHTTP(ln, warnf, workerhttp.Config{
					Checks: []workerhttp.Check{
						{Name: "follower", Func: func(context.Context) error {
							if ctx.Err() != nil {
								return errors.New("shutting down")
							}
							return nil
						}},
						{Name: "store", Func: func(ctx context.Context) error {
							_, err := s.Has(ctx, []string{readyProbeKey})
							return err
						}},
					},
					Articles: func() workerhttp.Articles {
						return workerhttp.Articles{Stored: fr.stored.Load(), Skipped: fr.known.Load(), Failed: fr.problems.Load()}
					},
					StoreTimes: storeTimes(s),
					Fetches:    fetches.Counts,
				})
				defer stopHTTP()
			}
			return m.runFollow(ctx, fr)
		},
	}
	dbFlag(c, &db)
	c.Flags().StringVar(&feedsFile, "feeds", "", "a file of feeds: a feed reader's OPML export, or one URL a line (# starts a comment)")
	c.Flags().BoolVar(&once, "once", false, "make one pass and exit (for cron)")
	c.Flags().DurationVar(&interval, "interval", follow.DefaultInterval, "time between passes; a failing feed waits longer")
	c.Flags().StringVar(&contact, "contact", "", "a URL or mailto: where outlets can reach you, sent in the User-Agent (default the project's page)")
	c.Flags().DurationVar(&delay, "delay", fetch.DefaultMinDelay, "least time between two requests to one host (a longer robots.txt Crawl-delay wins)")
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	c.Flags().IntVar(&parallel, "parallel", follow.DefaultParallel, "hosts asked at once (one request at a time per host)")
	c.Flags().DurationVar(&passTime, "pass-time", 0, "the longest a pass spends fetching pages; those not fetched by then wait for the next pass (default --interval)")
	c.Flags().IntVar(&maxItems, "max-items", follow.DefaultMaxItems, "new pages fetched from one feed in one pass, at most (the rest on the next passes)")
	progressFlag(c, &progress)
	c.Flags().BoolVar(&allowPrivate, "allow-private", false, "let feeds and pages on loopback, private and link-local addresses be fetched (an intranet's feeds; refused by default, so that a feed's links cannot make quotewire read this machine's or its network's services)")
	c.Flags().StringVar(&metrics, "metrics-addr", "", "serve /healthz, /readyz and Prometheus /metrics (fetches by status, bytes, 304s, robots refusals, errors by kind; articles) on this address (host:port; default: off)")
	qf.register(c)
	mo.register(c)
	return c
}

// robotsStore is the store s as the keeper of hosts' robots.txt, nil
// when it keeps none.
func robotsStore(s quotewire.Store) fetch.RobotsStore {
	if rs, ok := s.(fetch.RobotsStore); ok {
		return rs
	}
	return nil
}

// openFeedState opens the store --db names (see openStore) with its feed
// state.
func openFeedState(db string, mustExist bool) (quotewire.Store, follow.State, error) {
	s, err := openStore(db, mustExist)
	if err != nil {
		return nil, nil, err
	}
	state, ok := s.(follow.State)
	if !ok {
		s.Close()
		return nil, nil, fmt.Errorf("the store at %s keeps no feed state", storeName(db))
	}
	return s, state, nil
}

// followRun is one follow command's passes and their running totals (for
// /metrics).
type followRun struct {
	f                       *follow.Follower
	urls                    []string
	once, show              bool
	stored, known, problems atomic.Int64
}

// feedURLs are the feeds of the arguments and of the file (an OPML
// export or one URL a line: follow.ReadFeedList), each once, checked to
// be http(s) URLs.
func feedURLs(args []string, file string) ([]string, error) {
	for _, u := range args {
		if !follow.IsFeedURL(u) {
			return nil, usageError{fmt.Sprintf("%q is not an http or https URL", u)}
		}
	}
	urls := append([]string(nil), args...)
	if file != "" {
		fh, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("read --feeds: %w", err)
		}
		defer fh.Close()
		listed, err := follow.ReadFeedList(fh, file)
		if err != nil {
			return nil, err
		}
		urls = append(urls, listed...)
	}
	return follow.Unique(urls), nil
}

// runFollow makes passes until ctx is done (one with once), printing a
// line for each.
func (m *Main) runFollow(ctx context.Context, fr *followRun) error {
	f, urls, once, show := fr.f, fr.urls, fr.once, fr.show
	for n := 1; ; n++ {
		start := time.Now()
		var prog *mpb.Progress
		var bar *mpb.Bar
		if show {
			prog = newProgress(m.Stderr)
			f.Progress = func(p follow.Progress) {
				if bar == nil {
					bar = prog.AddBar(int64(p.Pages), mpb.BarWidth(progressBarWidth),
						mpb.PrependDecorators(decor.Name("pages "), decor.CountersNoUnit("%d/%d")),
						mpb.AppendDecorators(decor.Elapsed(decor.ET_STYLE_GO)))
				}
				bar.SetCurrent(int64(p.Done))
			}
		}
		rep, err := f.Pass(ctx, urls)
		if prog != nil {
			if bar != nil {
				bar.Abort(false)
			}
			prog.Wait()
			f.Progress = nil
		}
		fr.stored.Add(int64(rep.Stored))
		fr.known.Add(int64(rep.Known))
		fr.problems.Add(int64(rep.Problems))
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "pass %d (%s, %s): %s\n", n, start.Format("15:04:05"), time.Since(start).Round(100*time.Millisecond), passLine(rep))
		for _, e := range rep.Errors {
			fmt.Fprintf(m.Stderr, "  %s\n", e)
		}
		for _, mv := range rep.Moved {
			fmt.Fprintf(m.Stderr, "  moved: %s answers from %s (moved permanently); follow that instead: put it in place of the old one in your list, and 'quotewire feeds --remove %s'\n",
				mv.From, mv.To, mv.From)
		}
		for _, d := range rep.Dead {
			fmt.Fprintf(m.Stderr, "  dead: %s has failed since %s (%s); check it, or stop following it with 'quotewire feeds --remove %s'\n",
				d.URL, d.FailingSince().Local().Format("2006-01-02 15:04"), oneLine(d.Error, 80), d.URL)
		}
		if once {
			if rep.Failed > 0 {
				return fmt.Errorf("%w: %s of %d failed (see above; 'quotewire feeds' lists every feed's health)", errPartial, plural(rep.Failed, "feed"), rep.Feeds)
			}
			return nil
		}
		if ctx.Err() != nil {
			fmt.Fprintln(m.Stderr, "stopped: what was fetched is stored")
			return nil
		}
		wait := time.Until(start.Add(f.Interval))
		select {
		case <-ctx.Done():
			fmt.Fprintln(m.Stderr, "stopped")
			return nil
		case <-time.After(max(wait, 0)):
		}
	}
}

// passLine sums up a pass in a line.
func passLine(r follow.Report) string {
	s := plural(r.Feeds, "feed") + " polled"
	var notes []string
	if r.NotModified > 0 {
		notes = append(notes, fmt.Sprintf("%d unchanged", r.NotModified))
	}
	if r.Failed > 0 {
		notes = append(notes, fmt.Sprintf("%d failed", r.Failed))
	}
	if r.Skipped > 0 {
		notes = append(notes, fmt.Sprintf("%d backing off, not asked", r.Skipped))
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	if r.Queued > 0 {
		return s + "; " + plural(r.Queued, "new page") + " queued for workers"
	}
	s += fmt.Sprintf("; %s: %d stored", plural(r.Pages, "new page"), r.Stored)
	if r.Known > 0 {
		s += fmt.Sprintf(", %d stored already", r.Known)
	}
	if r.Problems > 0 {
		s += ", " + plural(r.Problems, "problem")
	}
	if r.Left > 0 {
		s += fmt.Sprintf(", %d left for the next pass (out of --pass-time)", r.Left)
	}
	return s
}

func (m *Main) feedsCommand() *cobra.Command {
	var db, format string
	var remove bool
	c := &cobra.Command{
		Use:   "feeds [--remove FEED_URL...]",
		Short: "List the feeds 'quotewire follow' polls, with their health; or stop following some",
		Long: `feeds lists the feeds and sitemaps quotewire follow polls into a store, in
the order they were added, with their health: new (never polled), ok (the
last poll succeeded), failing (the last polls failed, for less than a day)
or dead (failing for a day or more: asked only every 6 hours; check the
URL, or the outlet's robots.txt), and for each the pages it listed and the
articles stored from them, when it last answered, and its last error.

--remove stops following the feeds given: they leave the list (and the
web UI's feeds page). Their pages stay remembered, so following one again
later fetches only what is new. Take them out of your --feeds file too, or
the next 'quotewire follow' adds them again.

  quotewire feeds --db news.db
  quotewire feeds --db news.db --format jsonl | jq 'select(.health != "ok")'
  quotewire feeds --db news.db --remove https://old.example.org/rss.xml`,
		RunE: func(c *cobra.Command, args []string) error {
			switch format {
			case formatTable, formatJSONL, formatCSV:
			default:
				return usageError{fmt.Sprintf("unknown --format %q: use table, jsonl or csv", format)}
			}
			switch {
			case remove && len(args) == 0:
				return usageError{"--remove needs the URLs of the feeds to stop following"}
			case !remove && len(args) > 0:
				return usageError{fmt.Sprintf("feeds takes no arguments unless --remove (got %q)", args[0])}
			}
			s, state, err := openFeedState(db, true)
			if err != nil {
				return err
			}
			defer s.Close()
			if remove {
				r, ok := s.(interface {
					RemoveFeeds(ctx context.Context, urls []string) (int, error)
				})
				if !ok {
					return fmt.Errorf("the store at %s cannot remove feeds", storeName(db))
				}
				n, err := r.RemoveFeeds(c.Context(), args)
				if err != nil {
					return err
				}
				fmt.Fprintf(m.Stderr, "stopped following %s of the %d given\n", plural(n, "feed"), len(args))
				if n < len(args) {
					return fmt.Errorf("%w: %d of the URLs given were not followed (see 'quotewire feeds' for the exact URLs)", errPartial, len(args)-n)
				}
				return nil
			}
			feeds, err := state.Feeds(c.Context())
			if err != nil {
				return err
			}
			return writeFeeds(m.Stdout, feeds, format, time.Now())
		},
	}
	dbFlag(c, &db)
	c.Flags().StringVarP(&format, "format", "f", formatTable, "output format: table, jsonl or csv")
	c.Flags().BoolVar(&remove, "remove", false, "stop following the feeds given as arguments (their pages stay remembered)")
	return c
}

// writeFeeds prints the feeds in the format.
func writeFeeds(w io.Writer, feeds []quotewire.Feed, format string, now time.Time) error {
	when := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.Local().Format("2006-01-02 15:04")
	}
	switch format {
	case formatJSONL:
		enc := json.NewEncoder(w)
		for _, f := range feeds {
			if err := enc.Encode(f.WithHealth(now)); err != nil {
				return err
			}
		}
		return nil
	case formatCSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"url", "kind", "health", "items", "stored", "last_success", "failures", "error"})
		for _, f := range feeds {
			succ := ""
			if !f.LastSuccess.IsZero() {
				succ = f.LastSuccess.UTC().Format(time.RFC3339)
			}
			cw.Write([]string{f.URL, f.Kind, f.Health(now), strconv.Itoa(f.Items), strconv.Itoa(f.Stored), succ, strconv.Itoa(f.Failures), f.Error})
		}
		cw.Flush()
		return cw.Error()
	}
	if len(feeds) == 0 {
		fmt.Fprintln(w, "no feeds followed yet: add some with 'quotewire follow --once FEED_URL...'")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tKIND\tHEALTH\tPAGES\tSTORED\tLAST ANSWER\tLAST ERROR")
	for _, f := range feeds {
		errText := ""
		if f.Failures > 0 {
			errText = fmt.Sprintf("%s (%d in a row)", oneLine(f.Error, 60), f.Failures)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", oneLine(f.URL, 70), f.Kind, f.Health(now), f.Items, f.Stored, when(f.LastSuccess), errText)
	}
	return tw.Flush()
}
