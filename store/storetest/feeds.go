package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/fetch"
	"github.com/quotewire/quotewire/follow"
)

// FeedState is what quotewire follow keeps in a store (follow.State),
// and what 'quotewire feeds --remove' asks of it; every backend
// implements it.
type FeedState interface {
	follow.State
	RemoveFeeds(ctx context.Context, urls []string) (int, error)
}

// testRobots: a host's robots.txt is kept whole (bytes that are not
// UTF-8 too) and replaced by a later save; a host never saved has none.
func testRobots(t *testing.T, s quotewire.Store) {
	rs, ok := s.(fetch.RobotsStore)
	if !ok {
		t.Fatalf("%T does not keep robots.txt", s)
	}
	ctx := context.Background()
	t0 := time.Date(2026, 12, 7, 9, 30, 0, 250000000, time.UTC)
	if r, err := rs.Robots(ctx, "https://none.example"); err != nil || !r.Fetched.IsZero() || r.Host != "https://none.example" {
		t.Errorf("a host never saved: %+v, %v", r, err)
	}
	saved := quotewire.Robots{Host: "https://a.example:8443", Status: 200, Body: []byte("User-agent: *\nDisallow: /private\n\xff"), Fetched: t0}
	if err := rs.SaveRobots(ctx, saved); err != nil {
		t.Fatal(err)
	}
	if err := rs.SaveRobots(ctx, quotewire.Robots{Host: "http://b.example", Status: 404, Fetched: t0}); err != nil {
		t.Fatal(err)
	}
	if r, err := rs.Robots(ctx, saved.Host); err != nil || !reflect.DeepEqual(r, saved) {
		t.Errorf("read back %+v, %v; want %+v", r, err, saved)
	}
	if r, err := rs.Robots(ctx, "http://b.example"); err != nil || r.Status != 404 || len(r.Body) != 0 || !r.Fetched.Equal(t0) {
		t.Errorf("a 404 read back as %+v, %v", r, err)
	}
	later := quotewire.Robots{Host: saved.Host, Status: 200, Body: []byte("User-agent: *\nDisallow:\n"), Fetched: t0.Add(13 * time.Hour)}
	if err := rs.SaveRobots(ctx, later); err != nil {
		t.Fatal(err)
	}
	if r, err := rs.Robots(ctx, saved.Host); err != nil || !reflect.DeepEqual(r, later) {
		t.Errorf("after a second save %+v, %v; want %+v", r, err, later)
	}
}

// testFeeds: feeds are added once, listed in the order they were added,
// and their state saved and read back whole (zero times stay zero); a
// page's state is found by URL and replaced by a later save; a page counts
// for every feed that lists it.
func testFeeds(t *testing.T, s quotewire.Store) {
	st, ok := s.(FeedState)
	if !ok {
		t.Fatalf("%T does not keep feed state", s)
	}
	ctx := context.Background()
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 123456000, time.UTC)
	if err := st.AddFeeds(ctx, []string{"https://b.example/rss", "https://a.example/atom"}, t0); err != nil {
		t.Fatal(err)
	}
	if err := st.AddFeeds(ctx, []string{"https://a.example/atom", "https://c.example/sitemap.xml"}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, f := range feeds {
		urls = append(urls, f.URL)
	}
	if want := []string{"https://b.example/rss", "https://a.example/atom", "https://c.example/sitemap.xml"}; !reflect.DeepEqual(urls, want) {
		t.Fatalf("feeds %v, want %v in the order added", urls, want)
	}
	if !feeds[1].Added.Equal(t0) || !feeds[1].LastPoll.IsZero() || feeds[1].Health(t0) != "new" {
		t.Errorf("a feed added again keeps its first state: %+v", feeds[1])
	}

	saved := quotewire.Feed{URL: "https://a.example/atom", Kind: "atom", Title: "A <News>", ETag: `W/"x1"`, LastModified: "Tue, 01 Dec 2026 09:00:00 GMT",
		Added: t0, LastPoll: t0.Add(2 * time.Hour), LastError: t0.Add(2 * time.Hour), Error: "HTTP 503 Service Unavailable",
		Failures: 2, NextPoll: t0.Add(3 * time.Hour)}
	if err := st.SaveFeed(ctx, saved); err != nil {
		t.Fatal(err)
	}
	feeds, err = st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(feeds[1], saved) {
		t.Errorf("saved feed read back as\n%+v\nwant\n%+v", feeds[1], saved)
	}
	if h := feeds[1].Health(t0.Add(3 * time.Hour)); h != "failing" {
		t.Errorf("health %q, want failing", h)
	}
	if h := feeds[1].Health(t0.Add(30 * time.Hour)); h != "dead" {
		t.Errorf("health a day later %q, want dead", h)
	}

	items := []quotewire.FeedItem{
		{URL: "https://a.example/1", Feed: "https://a.example/atom", Seen: t0, Article: "a0123", Attempts: 1, Done: true},
		{URL: "https://a.example/2", Feed: "https://a.example/atom", Seen: t0, Error: "HTTP 503 Service Unavailable", Attempts: 1},
	}
	if err := st.SaveFeedItems(ctx, items); err != nil {
		t.Fatal(err)
	}
	items[1].Attempts, items[1].Error, items[1].Article, items[1].Done = 2, "", "a0456", true
	if err := st.SaveFeedItems(ctx, items[1:]); err != nil {
		t.Fatal(err)
	}
	// a bare mark (a follower's "queued") does not undo a settled page
	if err := st.SaveFeedItems(ctx, []quotewire.FeedItem{{URL: items[1].URL, Feed: items[1].Feed, Seen: t0.Add(time.Hour), Done: true},
		{URL: "https://a.example/3", Feed: "https://a.example/atom", Seen: t0, Done: true}}); err != nil {
		t.Fatal(err)
	}
	got, err := st.FeedItems(ctx, []string{"https://a.example/1", "https://a.example/2", "https://a.example/4"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]quotewire.FeedItem{items[0].URL: items[0], items[1].URL: items[1]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("feed items\n%+v\nwant\n%+v", got, want)
	}
	// a feed's counts are its pages', stored or not
	feeds, err = st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if f := feeds[1]; f.Items != 3 || f.Stored != 2 {
		t.Errorf("atom feed counts %d pages, %d stored; want 3 and 2", f.Items, f.Stored)
	}
	if f := feeds[0]; f.Items != 0 || f.Stored != 0 {
		t.Errorf("a feed with no pages counts %d, %d", f.Items, f.Stored)
	}
	// a page another feed listed first counts for both, once each however
	// often listed; the page's state is one
	for range 2 {
		if err := st.ListFeedPages(ctx, "https://b.example/rss", []string{"https://a.example/1", "https://a.example/3", "https://a.example/1"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.ListFeedPages(ctx, "https://b.example/rss", nil); err != nil {
		t.Fatal(err)
	}
	feeds, _ = st.Feeds(ctx)
	if f := feeds[0]; f.Items != 2 || f.Stored != 1 {
		t.Errorf("rss feed listing two known pages counts %d pages, %d stored; want 2 and 1", f.Items, f.Stored)
	}
	if f := feeds[1]; f.Items != 3 || f.Stored != 2 {
		t.Errorf("atom feed after another listed its pages counts %d pages, %d stored; want 3 and 2", f.Items, f.Stored)
	}
	if got, _ := st.FeedItems(ctx, []string{"https://a.example/1"}); got["https://a.example/1"].Feed != "https://a.example/atom" {
		t.Errorf("a page's first feed changed to %q", got["https://a.example/1"].Feed)
	}

	// removed: no longer listed, its pages remembered; added again, counted again
	n, err := st.RemoveFeeds(ctx, []string{"https://a.example/atom", "https://never.example/rss"})
	if err != nil || n != 1 {
		t.Fatalf("remove: %d, %v", n, err)
	}
	feeds, _ = st.Feeds(ctx)
	if len(feeds) != 2 || feeds[0].URL != "https://b.example/rss" || feeds[0].Items != 2 || feeds[1].URL != "https://c.example/sitemap.xml" {
		t.Errorf("after removal: %+v", feeds)
	}
	if got, _ := st.FeedItems(ctx, []string{"https://a.example/1"}); !got["https://a.example/1"].Done {
		t.Error("a removed feed's pages were forgotten")
	}
	st.AddFeeds(ctx, []string{"https://a.example/atom"}, t0.Add(5*time.Hour))
	feeds, _ = st.Feeds(ctx)
	if f := feeds[2]; f.URL != "https://a.example/atom" || f.Items != 3 || !f.Added.Equal(t0.Add(5*time.Hour)) || f.ETag != "" {
		t.Errorf("added again: %+v", f)
	}
}
