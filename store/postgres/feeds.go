package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/quotewire/quotewire"
)

// The state of followed feeds and their pages (package follow), as the
// SQLite store keeps it; a zero time is NULL.

// AddFeeds starts following the URLs not followed yet.
func (s *Store) AddFeeds(ctx context.Context, urls []string, now time.Time) error {
	if len(urls) == 0 {
		return nil
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO feeds (url, added) SELECT u, $2 FROM unnest($1::text[]) WITH ORDINALITY AS t(u, n)
		ORDER BY n ON CONFLICT (url) DO NOTHING`, urls, now)
	if err != nil {
		return fmt.Errorf("add feeds: %w", err)
	}
	return nil
}

// Feeds returns every followed feed, in the order they were added.
func (s *Store) Feeds(ctx context.Context) ([]quotewire.Feed, error) {
	rows, err := s.pool.Query(ctx, `SELECT url, kind, title, etag, last_modified, added, last_poll, last_success, last_error,
		error, failures, COALESCE(c.items, 0)::int, COALESCE(c.stored, 0)::int, next_poll FROM feeds
		LEFT JOIN (SELECT l.feed, count(*) AS items, count(*) FILTER (WHERE i.article != '') AS stored
			FROM feed_pages AS l LEFT JOIN feed_items AS i ON i.url = l.url GROUP BY l.feed) AS c
		ON c.feed = feeds.url ORDER BY feeds.id`)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (quotewire.Feed, error) {
		var f quotewire.Feed
		var poll, success, failed, next *time.Time
		err := row.Scan(&f.URL, &f.Kind, &f.Title, &f.ETag, &f.LastModified, &f.Added, &poll, &success, &failed,
			&f.Error, &f.Failures, &f.Items, &f.Stored, &next)
		f.LastPoll, f.LastSuccess, f.LastError, f.NextPoll = deref(poll), deref(success), deref(failed), deref(next)
		f.Added = f.Added.UTC()
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return out, nil
}

// SaveFeed writes a feed's state (by URL; one not followed yet is added);
// its Items and Stored are not written, but counted from its pages.
func (s *Store) SaveFeed(ctx context.Context, f quotewire.Feed) error {
	added := f.Added
	if added.IsZero() {
		added = s.Now()
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO feeds (url, kind, title, etag, last_modified, added, last_poll, last_success, last_error,
		error, failures, next_poll) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, title = excluded.title, etag = excluded.etag,
		last_modified = excluded.last_modified, last_poll = excluded.last_poll, last_success = excluded.last_success,
		last_error = excluded.last_error, error = excluded.error, failures = excluded.failures, next_poll = excluded.next_poll`,
		f.URL, f.Kind, f.Title, f.ETag, f.LastModified, added, nullTime(f.LastPoll), nullTime(f.LastSuccess),
		nullTime(f.LastError), f.Error, f.Failures, nullTime(f.NextPoll))
	if err != nil {
		return fmt.Errorf("save feed %s: %w", f.URL, err)
	}
	return nil
}

// RemoveFeeds stops following the URLs, and returns how many were
// followed. Their pages' state stays, so that following one again does
// not fetch its pages again.
func (s *Store) RemoveFeeds(ctx context.Context, urls []string) (int, error) {
	tag, err := s.pool.Exec(ctx, "DELETE FROM feeds WHERE url = ANY($1)", urls)
	if err != nil {
		return 0, fmt.Errorf("remove feeds: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// FeedItems returns the stored state of those of the page URLs that
// have one.
func (s *Store) FeedItems(ctx context.Context, urls []string) (map[string]quotewire.FeedItem, error) {
	out := map[string]quotewire.FeedItem{}
	if len(urls) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, "SELECT url, feed, seen, article, error, attempts, done FROM feed_items WHERE url = ANY($1)", urls)
	if err != nil {
		return nil, fmt.Errorf("feed items: %w", err)
	}
	items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (quotewire.FeedItem, error) {
		var it quotewire.FeedItem
		err := row.Scan(&it.URL, &it.Feed, &it.Seen, &it.Article, &it.Error, &it.Attempts, &it.Done)
		it.Seen = it.Seen.UTC()
		return it, err
	})
	if err != nil {
		return nil, fmt.Errorf("feed items: %w", err)
	}
	for _, it := range items {
		out[it.URL] = it
	}
	return out, nil
}

// SaveFeedItems writes the state of pages (by URL), in one statement, and
// counts each for its Feed (as ListFeedPages); a page settled already (with an article or an error) keeps its state
// against a bare mark (neither), as in the SQLite store.
func (s *Store) SaveFeedItems(ctx context.Context, items []quotewire.FeedItem) error {
	if len(items) == 0 {
		return nil
	}
	var urls, feeds, articles, errs []string
	var seen []time.Time
	var attempts []int32
	var done []bool
	last := map[string]int{}
	var linkFeeds, linkURLs []string
	for _, it := range items {
		linkFeeds, linkURLs = append(linkFeeds, it.Feed), append(linkURLs, it.URL)
		if i, ok := last[it.URL]; ok { // one row per URL: the upsert cannot take one twice
			seen[i], articles[i], errs[i], attempts[i], done[i] = it.Seen, it.Article, it.Error, int32(it.Attempts), it.Done
			continue
		}
		last[it.URL] = len(urls)
		urls, feeds, articles, errs = append(urls, it.URL), append(feeds, it.Feed), append(articles, it.Article), append(errs, it.Error)
		seen, attempts, done = append(seen, it.Seen), append(attempts, int32(it.Attempts)), append(done, it.Done)
	}
	_, err := s.pool.Exec(ctx, `WITH links AS (INSERT INTO feed_pages (feed, url) SELECT * FROM unnest($8::text[], $9::text[]) ON CONFLICT DO NOTHING)
		INSERT INTO feed_items (url, feed, seen, article, error, attempts, done)
		SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::int[], $7::bool[])
		ON CONFLICT (url) DO UPDATE SET seen = excluded.seen, article = excluded.article, error = excluded.error,
		attempts = excluded.attempts, done = excluded.done
		WHERE NOT ((feed_items.article != '' OR feed_items.error != '') AND excluded.article = '' AND excluded.error = '')`,
		urls, feeds, seen, articles, errs, attempts, done, linkFeeds, linkURLs)
	if err != nil {
		return fmt.Errorf("save feed items: %w", err)
	}
	return nil
}

// ListFeedPages records that the feed lists the pages (by URL), so that
// they count for it as well as for the feed that listed them first.
func (s *Store) ListFeedPages(ctx context.Context, feed string, urls []string) error {
	if len(urls) == 0 {
		return nil
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO feed_pages (feed, url) SELECT $1, u FROM unnest($2::text[]) AS t(u) ON CONFLICT DO NOTHING`, feed, urls)
	if err != nil {
		return fmt.Errorf("list feed pages of %s: %w", feed, err)
	}
	return nil
}

// nullTime is t as a parameter: NULL for the zero time.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// deref is the time *t in UTC, the zero time for nil.
func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// Robots returns host's robots.txt as last saved, with a zero Fetched
// when there is none.
func (s *Store) Robots(ctx context.Context, host string) (quotewire.Robots, error) {
	r := quotewire.Robots{Host: host}
	err := s.pool.QueryRow(ctx, "SELECT status, body, fetched FROM robots WHERE host = $1", host).Scan(&r.Status, &r.Body, &r.Fetched)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return r, nil
	case err != nil:
		return r, fmt.Errorf("robots.txt of %s: %w", host, err)
	}
	r.Fetched = r.Fetched.UTC()
	return r, nil
}

// SaveRobots keeps a host's robots.txt, replacing what was kept.
func (s *Store) SaveRobots(ctx context.Context, r quotewire.Robots) error {
	body := r.Body
	if body == nil {
		body = []byte{}
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO robots (host, status, body, fetched) VALUES ($1, $2, $3, $4)
		ON CONFLICT (host) DO UPDATE SET status = excluded.status, body = excluded.body, fetched = excluded.fetched`,
		r.Host, r.Status, body, r.Fetched)
	if err != nil {
		return fmt.Errorf("save robots.txt of %s: %w", r.Host, err)
	}
	return nil
}
