package ui

import (
	"context"
	"net/http"
	"time"

	"github.com/quotewire/quotewire"
)

// FeedLister lists the feeds a store follows (quotewire follow); the
// SQLite and PostgreSQL stores implement it.
type FeedLister interface {
	Feeds(ctx context.Context) ([]quotewire.Feed, error)
}

// feedView is one feed on the feeds page.
type feedView struct {
	quotewire.Feed
	Health string
	// Link is the feed's URL when it is http(s) (always, as follow adds
	// only those), for a link; Ago when it last answered.
	Link, Ago string
}

// feedsView is the feeds page.
type feedsView struct {
	head
	Followed bool
	Feeds    []feedView
	Counts   map[string]int
}

// feeds shows the feeds the store follows and their health.
func (u *UI) feeds(w http.ResponseWriter, r *http.Request) error {
	v := feedsView{head: head{Title: "Feeds"}, Counts: map[string]int{}}
	if u.feedList != nil {
		v.Followed = true
		fs, err := u.feedList.Feeds(r.Context())
		if err != nil {
			return err
		}
		now := u.now()
		for _, f := range fs {
			fv := feedView{Feed: f, Health: f.Health(now), Link: webURL(f.URL), Ago: ago(now, f.LastSuccess)}
			v.Counts[fv.Health]++
			v.Feeds = append(v.Feeds, fv)
		}
	}
	return u.render(w, http.StatusOK, "feeds", v)
}

// ago says how long before now t was, roughly ("3 min ago"), or "never".
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return formatInt(int(d/time.Minute)) + " min ago"
	case d < 48*time.Hour:
		return formatInt(int(d/time.Hour)) + " h ago"
	default:
		return formatInt(int(d/(24*time.Hour))) + " days ago"
	}
}
