package quotewire

import "time"

// Feed is a news feed or sitemap the archive follows (quotewire follow),
// with what the last polls of it found: enough to ask the outlet again
// politely (conditional requests) and to tell a reader whether it is
// healthy.
type Feed struct {
	// URL is the feed's address as it was added (not the one redirects
	// lead to).
	URL string `json:"url"`
	// Kind is rss, atom, json or sitemap once a poll has read it, "" before.
	Kind string `json:"kind,omitempty"`
	// Title is the feed's own title, "" when it has none.
	Title string `json:"title,omitempty"`
	// ETag and LastModified are the validators of the last full answer,
	// sent back as If-None-Match and If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Added is when the feed was first followed; LastPoll when it was last
	// asked for; LastSuccess when it last answered (a 304 counts); LastError
	// when it last failed, and Error why.
	Added       time.Time `json:"added"`
	LastPoll    time.Time `json:"last_poll,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastError   time.Time `json:"last_error,omitzero"`
	Error       string    `json:"error,omitempty"`
	// Failures counts the polls that failed since the last success.
	Failures int `json:"failures"`
	// Items counts the distinct pages the feed has listed (a page listed by
	// several feeds counts for each, and is fetched once); Stored the
	// articles stored from them (a store counts them when read).
	Items  int `json:"items"`
	Stored int `json:"stored"`
	// NextPoll is the earliest time the feed is asked again: a failing
	// feed is asked less and less often (see FeedHealth).
	NextPoll time.Time `json:"next_poll,omitzero"`
}

// FeedItem is a page a feed listed, as the archive remembers it, so that
// it is fetched once even when it leaves the feed and comes back.
type FeedItem struct {
	// URL is the page's absolute address (its fragment dropped); Feed the
	// feed that listed it first.
	URL  string `json:"url"`
	Feed string `json:"feed"`
	// Seen is when it was last fetched or tried.
	Seen time.Time `json:"seen"`
	// Article is the key of the stored article (ArticleKey), "" when none
	// was stored.
	Article string `json:"article,omitempty"`
	// Error is why it was not stored, "" when it was; Attempts counts the
	// tries; Done is true when it is never tried again (stored, or failed
	// for good: a 404, a page without text, too many tries).
	Error    string `json:"error,omitempty"`
	Attempts int    `json:"attempts"`
	Done     bool   `json:"done"`
}

// Health says how a feed is doing: "new" (never polled), "ok" (its last
// poll succeeded), "failing" (its last polls failed, for less than a
// day) or "dead" (failing for a day or more: reported, and asked only a
// few times a day).
func (f Feed) Health(now time.Time) string {
	switch {
	case f.LastPoll.IsZero():
		return "new"
	case f.Failures == 0:
		return "ok"
	case now.Sub(f.FailingSince()) >= 24*time.Hour:
		return "dead"
	default:
		return "failing"
	}
}

// FeedHealth is a feed with its health at some time, as the feeds are
// listed (quotewire feeds --format jsonl, GET /api/feeds).
type FeedHealth struct {
	Feed
	Health string `json:"health"`
}

// WithHealth is f with its health at now.
func (f Feed) WithHealth(now time.Time) FeedHealth {
	return FeedHealth{Feed: f, Health: f.Health(now)}
}

// FailingSince is since when the feed has failed: its last success, or
// when it was added if it never answered.
func (f Feed) FailingSince() time.Time {
	if f.LastSuccess.IsZero() {
		return f.Added
	}
	return f.LastSuccess
}

// Robots is a host's robots.txt as a crawler last fetched it, kept in the
// store so that processes that start often (follow --once from cron,
// queue workers) do not ask every host for it at every start.
type Robots struct {
	// Host is the scheme and host (with its port, if any), lower case:
	// "https://www.example.org".
	Host string
	// Status is the HTTP status of the answer (a 4xx allows everything);
	// Body its body, at most MaxRobotsBytes.
	Status int
	Body   []byte
	// Fetched is when it was fetched; the zero time for none.
	Fetched time.Time
}

// MaxRobotsBytes is the most of a robots.txt read and kept: 500 KiB, the
// least parsing limit RFC 9309 allows.
const MaxRobotsBytes = 500 << 10
