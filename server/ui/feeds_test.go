package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
)

// TestFeedsPage: the feeds the store follows, with their health, counts
// and last error; a feed's title and error are text, never markup, and
// only http(s) URLs become links.
func TestFeedsPage(t *testing.T) {
	s := newStore(t)
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	if err := s.AddFeeds(ctx, []string{"https://ok.example/rss", "https://bad.example/feed", "javascript:alert(1)"}, now.Add(-72*time.Hour)); err != nil {
		t.Fatal(err)
	}
	feeds := []quotewire.Feed{
		{URL: "https://ok.example/rss", Kind: "rss", Title: `<script>alert("t")</script>News`, Added: now.Add(-72 * time.Hour),
			LastPoll: now.Add(-5 * time.Minute), LastSuccess: now.Add(-5 * time.Minute)},
		{URL: "https://bad.example/feed", Added: now.Add(-72 * time.Hour), LastPoll: now.Add(-time.Hour), LastError: now.Add(-time.Hour),
			Error: `HTTP 503 <b>down</b>`, Failures: 9},
	}
	for _, f := range feeds {
		if err := s.SaveFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	var items []quotewire.FeedItem
	for i := 0; i < 1234; i++ {
		it := quotewire.FeedItem{URL: fmt.Sprintf("https://ok.example/%d", i), Feed: "https://ok.example/rss", Seen: now, Done: true}
		if i < 1200 {
			it.Article = fmt.Sprintf("a%d", i)
		}
		items = append(items, it)
	}
	if err := s.SaveFeedItems(ctx, items); err != nil {
		t.Fatal(err)
	}
	u := New(Config{Store: s, Logger: quiet(), Now: func() time.Time { return now }, OverviewTTL: -1})
	r := get(t, u.Handler(), "/feeds")
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	for _, want := range []string{
		"3 feeds followed", "1 ok", "1 failing for a day or more", "1 not polled yet",
		`&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;News`, `href="https://ok.example/rss"`, "1,234", "1,200", "5 min ago",
		"HTTP 503 &lt;b&gt;down&lt;/b&gt;", "(9 in a row)", "health-dead", "javascript:alert(1)",
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("feeds page lacks %q", want)
		}
	}
	if strings.Contains(r.body, `href="javascript:`) || strings.Contains(r.body, "<script>alert") {
		t.Error("article data became markup or a script link")
	}

	empty := New(Config{Store: newStore(t), Logger: quiet(), OverviewTTL: -1})
	if r := get(t, empty.Handler(), "/feeds"); r.status != 200 || !strings.Contains(r.body, "No feeds are followed yet") {
		t.Errorf("empty store: %d %s", r.status, r.body)
	}
}
