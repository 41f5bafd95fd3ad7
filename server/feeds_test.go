package server

import (
	"context"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
)

func TestAPIFeeds(t *testing.T) {
	s := newStore(t)
	h := New(Config{Store: s, Logger: quietLogger()})
	var got struct {
		Feeds []map[string]any `json:"feeds"`
	}
	r := do(t, h, "GET", "/api/feeds", "")
	r.json(t, &got)
	if r.status != 200 || got.Feeds == nil || len(got.Feeds) != 0 {
		t.Fatalf("no feeds: %d %s", r.status, r.body)
	}
	ctx := context.Background()
	added := time.Now().Add(-time.Hour).UTC()
	s.AddFeeds(ctx, []string{"https://a.example/rss", "https://b.example/sitemap.xml"}, added)
	s.SaveFeed(ctx, quotewire.Feed{URL: "https://a.example/rss", Kind: "rss", Added: added, LastPoll: added, LastSuccess: added})
	s.SaveFeedItems(ctx, []quotewire.FeedItem{{URL: "https://a.example/1", Feed: "https://a.example/rss", Seen: added, Article: "a1", Done: true},
		{URL: "https://a.example/2", Feed: "https://a.example/rss", Seen: added, Article: "a2", Done: true},
		{URL: "https://a.example/3", Feed: "https://a.example/rss", Seen: added, Error: "HTTP 404 Not Found", Done: true}})
	r = do(t, h, "GET", "/api/feeds", "")
	r.json(t, &got)
	if len(got.Feeds) != 2 {
		t.Fatalf("feeds %s", r.body)
	}
	a, b := got.Feeds[0], got.Feeds[1]
	if a["url"] != "https://a.example/rss" || a["health"] != "ok" || a["kind"] != "rss" || a["items"] != 3.0 || a["stored"] != 2.0 {
		t.Errorf("first feed %v", a)
	}
	if b["health"] != "new" || b["last_success"] != nil {
		t.Errorf("a feed never polled %v", b)
	}
	if r := do(t, h, "GET", "/api/feeds?x=1", ""); r.status != 400 {
		t.Errorf("unknown parameter: %d", r.status)
	}
}
