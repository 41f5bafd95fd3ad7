package follow_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/fetch"
	"github.com/quotewire/quotewire/follow"
	"github.com/quotewire/quotewire/store/sqlite"
)

// site is a news site on a local server: feeds and pages set by the
// test, every request counted by path.
type site struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   map[string]int
}

func newSite(t *testing.T, robots string) *site {
	s := &site{t: t, routes: map[string]http.HandlerFunc{}, hits: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		h := s.routes[r.URL.Path]
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt" && h == nil:
			fmt.Fprint(w, robots)
		case h == nil:
			http.NotFound(w, r)
		default:
			h(w, r)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	s.routes[path] = h
	s.mu.Unlock()
}

func (s *site) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// article serves a news page whose text quotes a minister.
func (s *site) article(path, title string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(title))
	})
}

func page(title string) string {
	return `<!doctype html><html><head><title>` + title + `</title></head><body><nav>Home | World</nav><article><h1>` + title + `</h1>
<p>The health minister, Anna Berg, said on Monday that the new hospital in the northern district would open next spring.</p>
<p>"We have the money and we have the staff," Berg told reporters at a briefing. "` + title + ` is only the start."</p>
<p>According to the minister, the region will also receive three new ambulance stations before the end of the year.</p>
</article><footer>Copyright</footer></body></html>`
}

// stories serves n articles at prefix0, prefix1… and returns them as feed
// items (absolute link, guid, no date).
func (s *site) stories(prefix string, n int) [][3]string {
	var items [][3]string
	for i := 0; i < n; i++ {
		p := fmt.Sprintf("%s%d", prefix, i)
		s.article(p, "Story "+p)
		items = append(items, [3]string{s.srv.URL + p, p, ""})
	}
	return items
}

// rss serves an RSS feed of the items (link, guid, date), with an ETag.
func (s *site) rss(path string, items ...[3]string) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test News</title><link>` + s.srv.URL + `/</link>`)
	for i, it := range items {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>short</description></item>", i, it[0], it[1], it[2])
	}
	b.WriteString("</channel></rss>")
	body := b.String()
	h := fnv.New64a()
	h.Write([]byte(body))
	etag := fmt.Sprintf(`"%x"`, h.Sum64())
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body)
	})
}

// env is a follower over a fresh store.
type env struct {
	store *sqlite.Store
	f     *follow.Follower
	now   time.Time
}

func newEnv(t *testing.T) *env {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{store: st, now: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	fe := fetch.New(fetch.Options{MinDelay: time.Millisecond, Headers: time.Second, Total: 3 * time.Second, MaxWait: time.Second, AllowPrivate: true})
	e.f = &follow.Follower{Fetcher: fe, State: st, Store: st, Pipeline: engine.Rules(), Workers: 2, Now: func() time.Time { return e.now }}
	return e
}

func (e *env) pass(t *testing.T, feeds ...string) follow.Report {
	t.Helper()
	rep, err := e.f.Pass(context.Background(), feeds)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func (e *env) articles(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	err := e.store.Records(context.Background(), func(r *quotewire.Record) error {
		out[r.Analysis.URL]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestNewOldAndReappearingItems(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	for _, p := range []string{"/a", "/b", "/c", "/d"} {
		s.article(p, "Story "+p)
	}
	date := "Mon, 07 Dec 2026 08:00:00 GMT"
	s.rss("/feed", [3]string{u + "/a", "a", date}, [3]string{u + "/b", "b", date})
	e := newEnv(t)
	rep := e.pass(t, u+"/feed")
	if rep.Feeds != 1 || rep.Pages != 2 || rep.Stored != 2 || rep.Problems != 0 {
		t.Fatalf("first pass: %+v", rep)
	}
	// a leaves, c comes
	s.rss("/feed", [3]string{u + "/b", "b", date}, [3]string{u + "/c", "c", date})
	e.now = e.now.Add(10 * time.Minute)
	if rep := e.pass(t, u+"/feed"); rep.Pages != 1 || rep.Stored != 1 {
		t.Errorf("second pass: %+v, want only c", rep)
	}
	// a comes back, with d
	s.rss("/feed", [3]string{u + "/a", "a", date}, [3]string{u + "/c", "c", date}, [3]string{u + "/d", "d", date})
	e.now = e.now.Add(10 * time.Minute)
	if rep := e.pass(t, u+"/feed"); rep.Pages != 1 || rep.Stored != 1 {
		t.Errorf("third pass: %+v, want only d", rep)
	}
	for _, p := range []string{"/a", "/b", "/c", "/d"} {
		if n := s.hit(p); n != 1 {
			t.Errorf("%s fetched %d times, want once", p, n)
		}
	}
	got := e.articles(t)
	if len(got) != 4 {
		t.Errorf("stored %v, want the four pages once each", got)
	}
	feeds, _ := e.store.Feeds(context.Background())
	if len(feeds) != 1 || feeds[0].Items != 4 || feeds[0].Stored != 4 || feeds[0].Kind != "rss" || feeds[0].Title != "Test News" || feeds[0].Health(e.now) != "ok" {
		t.Errorf("feed state %+v", feeds)
	}
}

func TestUnchangedFeedCostsOne304(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	s.article("/a", "Story A")
	s.rss("/feed", [3]string{u + "/a", "a", ""})
	e := newEnv(t)
	e.pass(t, u+"/feed")
	rep := e.pass(t, u+"/feed")
	if rep.NotModified != 1 || rep.Pages != 0 {
		t.Errorf("second pass of an unchanged feed: %+v, want one 304", rep)
	}
	if s.hit("/feed") != 2 || s.hit("/a") != 1 || s.hit("/robots.txt") != 1 {
		t.Errorf("hits: feed %d, page %d, robots %d", s.hit("/feed"), s.hit("/a"), s.hit("/robots.txt"))
	}
}

func TestRobotsRefusalAndBadPages(t *testing.T) {
	s := newSite(t, "User-agent: *\nDisallow: /private/\n")
	u := s.srv.URL
	s.article("/ok", "Fine story")
	s.article("/private/x", "Secret story")
	s.handle("/hang", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	s.handle("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	big := strings.Repeat("<p>word word word word</p>\n", 2<<20) // ~54 MB
	s.handle("/big", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, big) })
	s.handle("/empty", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html><body></body></html>") })
	s.rss("/feed", [3]string{u + "/ok", "1", ""}, [3]string{u + "/private/x", "2", ""}, [3]string{u + "/hang", "3", ""},
		[3]string{u + "/loop", "4", ""}, [3]string{u + "/big", "5", ""}, [3]string{u + "/empty", "6", ""})
	e := newEnv(t)
	rep := e.pass(t, u+"/feed")
	if rep.Stored != 1 || rep.Problems != 5 {
		t.Fatalf("pass: %+v, want 1 stored and 5 problems", rep)
	}
	if s.hit("/private/x") != 0 {
		t.Error("a page robots.txt disallows was fetched")
	}
	text := strings.Join(rep.Errors, "\n")
	for _, want := range []string{"/private/x", "robots.txt", "/hang", "/loop", "redirects", "/big", "larger than the limit", "/empty"} {
		if !strings.Contains(text, want) {
			t.Errorf("errors do not mention %q:\n%s", want, text)
		}
	}
	items, err := e.store.FeedItems(context.Background(), []string{u + "/private/x", u + "/hang", u + "/ok"})
	if err != nil {
		t.Fatal(err)
	}
	if !items[u+"/private/x"].Done || items[u+"/hang"].Done || items[u+"/hang"].Attempts != 1 || items[u+"/ok"].Article == "" {
		t.Errorf("items: refusal done, timeout to retry, stored with its key: %+v", items)
	}
	// the timeout is tried again on the next passes, then given up
	s.rss("/feed", [3]string{u + "/ok", "1", ""}, [3]string{u + "/private/x", "2", ""}, [3]string{u + "/hang", "3", ""},
		[3]string{u + "/loop", "4", ""}, [3]string{u + "/big", "5", ""}, [3]string{u + "/empty", "6", ""}, [3]string{u + "/new", "7", ""})
	for i := 0; i < 3; i++ {
		e.pass(t, u+"/feed")
	}
	if n := s.hit("/hang"); n != follow.MaxAttempts {
		t.Errorf("a page that never answers was asked %d times, want %d", n, follow.MaxAttempts)
	}
	if n := s.hit("/private/x"); n != 0 {
		t.Errorf("disallowed page fetched %d times", n)
	}
}

func TestFailingFeedBacksOff(t *testing.T) {
	// three outlets: a host that answers 429 is left alone as a whole
	busy, html, gone := newSite(t, ""), newSite(t, ""), newSite(t, "")
	busy.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	html.handle("/page.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>news</body></html>`)
	})
	gone.handle("/feed", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	urls := []string{busy.srv.URL + "/feed", html.srv.URL + "/page.html", gone.srv.URL + "/feed"}
	e := newEnv(t)
	rep := e.pass(t, urls...)
	if rep.Failed != 3 {
		t.Fatalf("pass: %+v", rep)
	}
	if !strings.Contains(strings.Join(rep.Errors, "\n"), "follow the feed it links to instead: "+html.srv.URL+"/rss.xml") {
		t.Errorf("an HTML page does not point to its feed: %v", rep.Errors)
	}
	feeds, _ := e.store.Feeds(context.Background())
	if b := feeds[0]; b.Failures != 1 || b.NextPoll.Before(e.now.Add(time.Hour)) || !strings.Contains(b.Error, "429") {
		t.Errorf("429 with Retry-After 3600: %+v", b)
	}
	// ten minutes later: the 429 feed is not asked; the others are
	e.now = e.now.Add(10 * time.Minute)
	rep = e.pass(t, urls...)
	if rep.Skipped != 1 || busy.hit("/feed") != 1 {
		t.Errorf("second pass: %+v, busy asked %d times", rep, busy.hit("/feed"))
	}
	// days of failure: dead, and asked at most every six hours
	for i := 0; i < 30; i++ {
		e.now = e.now.Add(2 * time.Hour)
		e.pass(t, urls[2])
	}
	if rep := e.pass(t, urls[2]); len(rep.Dead) != 1 || rep.Dead[0].URL != urls[2] {
		t.Errorf("a dead feed is not reported by the pass: %+v", rep.Dead)
	}
	feeds, _ = e.store.Feeds(context.Background())
	if h := feeds[2].Health(e.now); h != "dead" || gone.hit("/feed") > 60/6+5 { // 10, 20, 40, 80, 160 min, then every 6 h
		t.Errorf("after 60 hours: %s, asked %d times", h, gone.hit("/feed"))
	}
}

func TestRelativeLinksBadDatesDuplicateGUIDs(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	s.article("/news/1", "First")
	s.article("/news/2", "Second")
	s.rss("/section/feed", [3]string{"../news/1", "same", "not a date"}, [3]string{"/news/2#comments", "same", "Mon, 07 Dec 2026 08:00:00 GMT"},
		[3]string{"javascript:alert(1)", "x", ""})
	e := newEnv(t)
	rep := e.pass(t, u+"/section/feed")
	if rep.Pages != 2 || rep.Stored != 2 {
		t.Fatalf("pass: %+v", rep)
	}
	got := e.articles(t)
	if got[u+"/news/1"] != 1 || got[u+"/news/2"] != 1 {
		t.Errorf("stored %v", got)
	}
	var dates []string
	e.store.Records(context.Background(), func(r *quotewire.Record) error {
		dates = append(dates, r.Analysis.URL+" "+r.Analysis.Date)
		return nil
	})
	if !strings.Contains(strings.Join(dates, "\n"), u+"/news/2 2026-12-07") {
		t.Errorf("the feed's date is the article's when the page has none: %v", dates)
	}
}

func TestLatin1Page(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	s.handle("/fr", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		body := strings.ReplaceAll(page("Le ministre"), "hospital", "h\xf4pital")
		fmt.Fprint(w, body)
	})
	s.rss("/feed", [3]string{u + "/fr", "fr", ""})
	e := newEnv(t)
	if rep := e.pass(t, u+"/feed"); rep.Stored != 1 {
		t.Fatalf("pass: %+v", rep)
	}
	e.store.Records(context.Background(), func(r *quotewire.Record) error {
		if !strings.Contains(r.Analysis.Text, "hôpital") {
			t.Errorf("text not decoded from ISO-8859-1: %q", r.Analysis.Text)
		}
		return nil
	})
}

func TestSitemapIndexAtomAndJSONFeed(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	for _, p := range []string{"/s/1", "/s/2", "/old/1", "/atom/1", "/json/1"} {
		s.article(p, "Story "+p)
	}
	s.handle("/sitemap_index.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%[1]s/news.xml</loc><lastmod>2026-12-07T08:00:00Z</lastmod></sitemap>
<sitemap><loc>/archive.xml</loc><lastmod>2019-01-01</lastmod></sitemap></sitemapindex>`, u)
	})
	s.handle("/news.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>/s/1</loc><news:news><news:publication><news:name>T</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-12-06T10:00:00+01:00</news:publication_date><news:title>One</news:title></news:news></url>
<url><loc>/s/2</loc><lastmod>2026-12-05</lastmod></url><url><news:news></news:news></url></urlset>`)
	})
	s.handle("/archive.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/old/1</loc></url></urlset>`)
	})
	s.handle("/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>x</id>
<entry><title>A1</title><id>tag:a1</id><link href="/atom/1"/><updated>2026-12-07T07:00:00Z</updated></entry></feed>`)
	})
	s.handle("/feed.json", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"version":"https://jsonfeed.org/version/1.1","title":"JSON News","items":[{"id":"j1","url":"/json/1","title":"J1","date_published":"2026-12-07T06:00:00Z"}]}`)
	})
	e := newEnv(t)
	e.f.MaxSitemaps = 1
	rep := e.pass(t, u+"/sitemap_index.xml", u+"/atom.xml", u+"/feed.json")
	if rep.Feeds != 3 || rep.Failed != 0 || rep.Stored != 4 {
		t.Fatalf("pass: %+v %v", rep, rep.Errors)
	}
	got := e.articles(t)
	for _, p := range []string{"/s/1", "/s/2", "/atom/1", "/json/1"} {
		if got[u+p] != 1 {
			t.Errorf("%s not stored once: %v", p, got)
		}
	}
	if s.hit("/archive.xml") != 0 {
		t.Error("MaxSitemaps 1 read the older sitemap too")
	}
	feeds, _ := e.store.Feeds(context.Background())
	kinds := []string{feeds[0].Kind, feeds[1].Kind, feeds[2].Kind}
	if strings.Join(kinds, " ") != "sitemap atom json" {
		t.Errorf("kinds %v", kinds)
	}
}

func TestStoppedPassLosesNothing(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	items := s.stories("/p", 6)
	s.rss("/feed", items...)
	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	e.f.Progress = func(p follow.Progress) {
		if p.Done == 2 {
			cancel()
		}
	}
	rep, err := e.f.Pass(ctx, []string{u + "/feed"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Stored < 2 || rep.Stored == 6 {
		t.Fatalf("stopped pass: %+v", rep)
	}
	feeds, _ := e.store.Feeds(context.Background())
	if feeds[0].ETag != "" {
		t.Error("a feed whose pages were not all asked for keeps its old validators")
	}
	e.f.Progress = nil
	rep2 := e.pass(t, u+"/feed")
	if rep.Stored+rep2.Stored != 6 || len(e.articles(t)) != 6 {
		t.Errorf("after a clean pass: %d + %d stored, store holds %d", rep.Stored, rep2.Stored, len(e.articles(t)))
	}
	for _, it := range items {
		if n := s.hit(strings.TrimPrefix(it[0], u)); n != 1 {
			t.Errorf("%s fetched %d times", it[0], n)
		}
	}
}

// TestEnqueueInsteadOfFetching: with Enqueue set, a pass hands the new
// pages to it and fetches none; the next pass hands over only pages new
// since, and a page a worker has stored keeps its state.
func TestEnqueueInsteadOfFetching(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	s.rss("/feed", [3]string{"/a", "a", "Mon, 07 Dec 2026 08:00:00 GMT"}, [3]string{"/b", "b", ""})
	e := newEnv(t)
	var queued []follow.Page
	e.f.Enqueue = func(ctx context.Context, pages []follow.Page) error {
		queued = append(queued, pages...)
		return nil
	}
	rep := e.pass(t, u+"/feed")
	if rep.Queued != 2 || rep.Fetched != 0 || s.hit("/a") != 0 || len(queued) != 2 {
		t.Fatalf("pass: %+v, queued %v", rep, queued)
	}
	if q := queued[0]; q.URL != u+"/a" || q.Feed != u+"/feed" || q.Date != "2026-12-07" || q.Title != "Item 0" {
		t.Errorf("page %+v", q)
	}
	// a worker stores /a
	ctx := context.Background()
	if err := e.store.SaveFeedItems(ctx, []quotewire.FeedItem{{URL: u + "/a", Feed: u + "/feed", Seen: e.now, Article: "a1", Attempts: 1, Done: true}}); err != nil {
		t.Fatal(err)
	}
	s.rss("/feed", [3]string{"/a", "a", ""}, [3]string{"/b", "b", ""}, [3]string{"/c", "c", ""})
	if rep := e.pass(t, u+"/feed"); rep.Queued != 1 || queued[2].URL != u+"/c" {
		t.Errorf("second pass: %+v, queued %v", rep, queued)
	}
	items, _ := e.store.FeedItems(ctx, []string{u + "/a", u + "/c"})
	if items[u+"/a"].Article != "a1" || !items[u+"/c"].Done {
		t.Errorf("items %+v", items)
	}
	// a queue that refuses: nothing remembered, the next pass tries again
	s.rss("/feed", [3]string{"/d", "d", ""})
	e.f.Enqueue = func(context.Context, []follow.Page) error { return fmt.Errorf("no NATS") }
	if _, err := e.f.Pass(ctx, []string{u + "/feed"}); err == nil || !strings.Contains(err.Error(), "no NATS") {
		t.Errorf("refused enqueue: %v", err)
	}
	e.f.Enqueue = func(ctx context.Context, pages []follow.Page) error {
		queued = append(queued, pages...)
		return nil
	}
	if rep := e.pass(t, u+"/feed"); rep.Queued != 1 || queued[len(queued)-1].URL != u+"/d" {
		t.Errorf("after a refused enqueue: %+v", rep)
	}
}

// TestLatin1FeedByHeader: a feed without an XML declaration whose HTTP
// header says ISO-8859-1 is read in that charset; one whose declaration
// names its charset is read by the declaration.
func TestLatin1FeedByHeader(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	s.article("/a", "Story")
	s.handle("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=ISO-8859-1")
		fmt.Fprint(w, "<rss version=\"2.0\"><channel><title>Caf\xe9 News</title><item><title>Cr\xe8me</title><link>/a</link></item></channel></rss>")
	})
	s.handle("/declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml; charset=ISO-8859-1")
		fmt.Fprint(w, "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>\x93Quoted\x94</title><item><link>/a</link></item></channel></rss>")
	})
	e := newEnv(t)
	e.pass(t, u+"/plain", u+"/declared")
	feeds, _ := e.store.Feeds(context.Background())
	if feeds[0].Title != "Café News" || feeds[1].Title != "“Quoted”" {
		t.Errorf("titles %q, %q", feeds[0].Title, feeds[1].Title)
	}
}

// TestMaxItemsLeavesTheRestForLater: a feed with more new pages than
// MaxItems gets MaxItems a pass, its validators kept until all are
// fetched, then one 304.
func TestMaxItemsLeavesTheRestForLater(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	s.rss("/feed", s.stories("/n", 5)...)
	e := newEnv(t)
	e.f.MaxItems = 2
	var stored []int
	for i := 0; i < 4; i++ {
		rep := e.pass(t, u+"/feed")
		stored = append(stored, rep.Stored)
	}
	if fmt.Sprint(stored) != "[2 2 1 0]" {
		t.Errorf("stored per pass %v, want [2 2 1 0]", stored)
	}
	if n := s.hit("/feed"); n != 4 {
		t.Errorf("feed asked %d times", n)
	}
	feeds, _ := e.store.Feeds(context.Background())
	if feeds[0].ETag == "" || feeds[0].Items != 5 || feeds[0].LastSuccess.IsZero() {
		t.Errorf("feed %+v", feeds[0])
	}
}

// TestStoppedBeforePollingIsNoFailure: a pass stopped while a feed is
// being asked leaves the feed as it was, not failing.
func TestStoppedBeforePollingIsNoFailure(t *testing.T) {
	s := newSite(t, "")
	u := s.srv.URL
	ctx, cancel := context.WithCancel(context.Background())
	s.handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		cancel()
		<-r.Context().Done()
	})
	e := newEnv(t)
	rep, err := e.f.Pass(ctx, []string{u + "/slow"})
	if err != nil {
		t.Fatal(err)
	}
	feeds, _ := e.store.Feeds(context.Background())
	if rep.Failed != 0 || rep.Feeds != 0 || feeds[0].Failures != 0 || feeds[0].Health(e.now) != "new" {
		t.Errorf("stopped pass: %+v, feed %+v", rep, feeds[0])
	}
}

// TestPageInTwoFeeds: a page two feeds list is fetched and stored once,
// and counts for both feeds, whether they list it in one pass or the
// second feed is followed later.
func TestPageInTwoFeeds(t *testing.T) {
	s := newSite(t, "")
	items := s.stories("/s", 3)
	s.rss("/world", items[0], items[1])
	s.rss("/europe", items[1])
	e := newEnv(t)
	if rep := e.pass(t, s.srv.URL+"/world", s.srv.URL+"/europe"); rep.Pages != 2 || rep.Stored != 2 {
		t.Fatalf("first pass: %+v, want two pages", rep)
	}
	s.rss("/politics", items[0], items[2])
	e.now = e.now.Add(10 * time.Minute)
	if rep := e.pass(t, s.srv.URL+"/politics"); rep.Pages != 1 || rep.Stored != 1 {
		t.Fatalf("a later feed: %+v, want its one new page", rep)
	}
	for i := range 3 {
		if n := s.hit(fmt.Sprintf("/s%d", i)); n != 1 {
			t.Errorf("/s%d fetched %d times, want once", i, n)
		}
	}
	feeds, err := e.store.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]int{}
	for _, f := range feeds {
		got[strings.TrimPrefix(f.URL, s.srv.URL)] = [2]int{f.Items, f.Stored}
	}
	if want := map[string][2]int{"/world": {2, 2}, "/europe": {1, 1}, "/politics": {2, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("feeds count (pages, stored) %v, want %v", got, want)
	}
}

// TestPassTimeLeavesTheRestForLater: a pass that runs out of PassTime on
// a slow host stores what it fetched and leaves the other pages to the
// next passes, which fetch each once.
func TestPassTimeLeavesTheRestForLater(t *testing.T) {
	s := newSite(t, "")
	s.rss("/feed", s.stories("/s", 6)...)
	e := newEnv(t)
	e.f.Fetcher = fetch.New(fetch.Options{MinDelay: 100 * time.Millisecond, Headers: time.Second, Total: 3 * time.Second, MaxWait: time.Second, AllowPrivate: true})
	e.f.PassTime = 350 * time.Millisecond
	rep := e.pass(t, s.srv.URL+"/feed")
	if rep.Pages != 6 || rep.Left == 0 || rep.Stored == 0 || rep.Stored+rep.Left != 6 || rep.Problems != 0 {
		t.Fatalf("first pass: %+v; want some stored and the rest left", rep)
	}
	total := rep.Stored
	for i := 0; i < 5 && total < 6; i++ {
		e.now = e.now.Add(10 * time.Minute)
		rep = e.pass(t, s.srv.URL+"/feed")
		if rep.Problems != 0 || rep.NotModified != 0 {
			t.Fatalf("pass %d: %+v; want the feed read whole and no problem", i+2, rep)
		}
		total += rep.Stored
	}
	if total != 6 {
		t.Errorf("stored %d in all, want 6", total)
	}
	for i := range 6 {
		if n := s.hit(fmt.Sprintf("/s%d", i)); n != 1 {
			t.Errorf("/s%d fetched %d times, want once", i, n)
		}
	}
	// all settled: the feed's validators are kept, the next poll is a 304
	e.now = e.now.Add(10 * time.Minute)
	if rep := e.pass(t, s.srv.URL+"/feed"); rep.NotModified != 1 {
		t.Errorf("after all were stored: %+v, want one 304", rep)
	}
}

// TestMovedFeedIsReported: a feed answering through a permanent redirect
// is read, and reported as moved; a temporary one is not.
func TestMovedFeedIsReported(t *testing.T) {
	s := newSite(t, "")
	s.rss("/feed", s.stories("/s", 1)...)
	s.handle("/old-feed", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
	})
	s.handle("/today", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/feed", http.StatusFound) })
	e := newEnv(t)
	rep := e.pass(t, s.srv.URL+"/old-feed", s.srv.URL+"/today")
	want := []follow.Move{{From: s.srv.URL + "/old-feed", To: s.srv.URL + "/feed"}}
	if !reflect.DeepEqual(rep.Moved, want) || rep.Stored != 1 || rep.Failed != 0 {
		t.Errorf("report %+v; want the page stored and moved %+v", rep, want)
	}
}

// TestRobotsDownIsNotFinal: a page refused because robots.txt answered
// 503 is tried again on the next pass, and stored once robots.txt is back.
func TestRobotsDownIsNotFinal(t *testing.T) {
	s, pages := newSite(t, ""), newSite(t, "")
	s.rss("/feed", pages.stories("/s", 1)...)
	var down atomic.Bool
	down.Store(true)
	pages.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
	})
	e := newEnv(t)
	if rep := e.pass(t, s.srv.URL+"/feed"); rep.Problems != 1 || rep.Stored != 0 {
		t.Fatalf("robots.txt down: %+v, want the page refused for now", rep)
	}
	down.Store(false)
	e.now = e.now.Add(10 * time.Minute)
	if rep := e.pass(t, s.srv.URL+"/feed"); rep.Stored != 1 {
		t.Errorf("robots.txt back: %+v, want the page stored", rep)
	}
}
