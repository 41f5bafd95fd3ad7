package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/sqlread"
)

// The state of followed feeds and their pages (package follow). Times
// are kept as RFC 3339 text in UTC, "" for the zero time.

// AddFeeds starts following the URLs not followed yet.
func (s *Store) AddFeeds(ctx context.Context, urls []string, now time.Time) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("add feeds: %w", err)
	}
	defer tx.Rollback()
	for _, u := range urls {
		if _, err := tx.ExecContext(ctx, "INSERT INTO feeds (url, added) VALUES (?, ?) ON CONFLICT (url) DO NOTHING", u, timeText(now)); err != nil {
			return fmt.Errorf("add feed %s: %w", u, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("add feeds: %w", err)
	}
	return nil
}

// Feeds returns every followed feed, in the order they were added.
func (s *Store) Feeds(ctx context.Context) ([]quotewire.Feed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT url, kind, title, etag, last_modified, added, last_poll, last_success, last_error,
		error, failures, COALESCE(c.items, 0), COALESCE(c.stored, 0), next_poll FROM feeds
		LEFT JOIN (SELECT l.feed, count(*) AS items, count(*) FILTER (WHERE i.article != '') AS stored
			FROM feed_pages AS l LEFT JOIN feed_items AS i ON i.url = l.url GROUP BY l.feed) AS c
		ON c.feed = feeds.url ORDER BY feeds.rowid`)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	var out []quotewire.Feed
	err = scanAll(rows, func(rows *sql.Rows) error {
		var f quotewire.Feed
		var added, poll, success, failed, next string
		if err := rows.Scan(&f.URL, &f.Kind, &f.Title, &f.ETag, &f.LastModified, &added, &poll, &success, &failed,
			&f.Error, &f.Failures, &f.Items, &f.Stored, &next); err != nil {
			return err
		}
		f.Added, f.LastPoll, f.LastSuccess, f.LastError, f.NextPoll = textTime(added), textTime(poll), textTime(success), textTime(failed), textTime(next)
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return out, nil
}

// SaveFeed writes a feed's state (by URL; one not followed yet is added);
// its Items and Stored are not written, but counted from its pages.
func (s *Store) SaveFeed(ctx context.Context, f quotewire.Feed) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := s.db.ExecContext(ctx, `INSERT INTO feeds (url, kind, title, etag, last_modified, added, last_poll, last_success, last_error,
		error, failures, next_poll) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, title = excluded.title, etag = excluded.etag,
		last_modified = excluded.last_modified, last_poll = excluded.last_poll, last_success = excluded.last_success,
		last_error = excluded.last_error, error = excluded.error, failures = excluded.failures, next_poll = excluded.next_poll`,
		f.URL, f.Kind, f.Title, f.ETag, f.LastModified, timeText(f.Added), timeText(f.LastPoll), timeText(f.LastSuccess),
		timeText(f.LastError), f.Error, f.Failures, timeText(f.NextPoll))
	if err != nil {
		return fmt.Errorf("save feed %s: %w", f.URL, err)
	}
	return nil
}

// RemoveFeeds stops following the URLs, and returns how many were
// followed. Their pages' state stays, so that following one again does
// not fetch its pages again.
func (s *Store) RemoveFeeds(ctx context.Context, urls []string) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	n := 0
	for _, u := range urls {
		res, err := s.db.ExecContext(ctx, "DELETE FROM feeds WHERE url = ?", u)
		if err != nil {
			return n, fmt.Errorf("remove feed %s: %w", u, err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	return n, nil
}

// FeedItems returns the stored state of those of the page URLs that
// have one.
func (s *Store) FeedItems(ctx context.Context, urls []string) (map[string]quotewire.FeedItem, error) {
	out := map[string]quotewire.FeedItem{}
	for start := 0; start < len(urls); start += maxIn {
		chunk := urls[start:min(start+maxIn, len(urls))]
		args := make([]any, len(chunk))
		for i, u := range chunk {
			args[i] = u
		}
		rows, err := s.db.QueryContext(ctx, "SELECT url, feed, seen, article, error, attempts, done FROM feed_items WHERE url IN ("+
			sqlread.Placeholders(len(chunk))+")", args...)
		if err != nil {
			return nil, fmt.Errorf("feed items: %w", err)
		}
		err = scanAll(rows, func(rows *sql.Rows) error {
			var it quotewire.FeedItem
			var seen string
			if err := rows.Scan(&it.URL, &it.Feed, &seen, &it.Article, &it.Error, &it.Attempts, &it.Done); err != nil {
				return err
			}
			it.Seen = textTime(seen)
			out[it.URL] = it
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("feed items: %w", err)
		}
	}
	return out, nil
}

// SaveFeedItems writes the state of pages (by URL), in one transaction,
// and counts each for its Feed (as ListFeedPages);
// a page settled already (with an article or an error) keeps its state
// against a bare mark (neither), such as a follower's "queued" written
// after a worker stored the page.
func (s *Store) SaveFeedItems(ctx context.Context, items []quotewire.FeedItem) error {
	if len(items) == 0 {
		return nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save feed items: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO feed_items (url, feed, seen, article, error, attempts, done) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET seen = excluded.seen, article = excluded.article, error = excluded.error,
		attempts = excluded.attempts, done = excluded.done
		WHERE NOT ((feed_items.article != '' OR feed_items.error != '') AND excluded.article = '' AND excluded.error = '')`)
	if err != nil {
		return fmt.Errorf("save feed items: %w", err)
	}
	defer st.Close()
	link, err := tx.PrepareContext(ctx, "INSERT INTO feed_pages (feed, url) VALUES (?, ?) ON CONFLICT DO NOTHING")
	if err != nil {
		return fmt.Errorf("save feed items: %w", err)
	}
	defer link.Close()
	for _, it := range items {
		if _, err := st.ExecContext(ctx, it.URL, it.Feed, timeText(it.Seen), it.Article, it.Error, it.Attempts, it.Done); err != nil {
			return fmt.Errorf("save feed item %s: %w", it.URL, err)
		}
		if _, err := link.ExecContext(ctx, it.Feed, it.URL); err != nil {
			return fmt.Errorf("save feed item %s: %w", it.URL, err)
		}
	}
	if err := tx.Commit(); err != nil {
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
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("list feed pages of %s: %w", feed, err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, "INSERT INTO feed_pages (feed, url) VALUES (?, ?) ON CONFLICT DO NOTHING")
	if err != nil {
		return fmt.Errorf("list feed pages of %s: %w", feed, err)
	}
	defer st.Close()
	for _, u := range urls {
		if _, err := st.ExecContext(ctx, feed, u); err != nil {
			return fmt.Errorf("list feed page %s of %s: %w", u, feed, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("list feed pages of %s: %w", feed, err)
	}
	return nil
}

// timeText is t as stored: RFC 3339 in UTC, "" for the zero time.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano) // PostgreSQL keeps microseconds: the backends agree
}

// textTime reads a time stored by timeText.
func textTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Robots returns host's robots.txt as last saved, with a zero Fetched
// when there is none.
func (s *Store) Robots(ctx context.Context, host string) (quotewire.Robots, error) {
	r := quotewire.Robots{Host: host}
	var fetched string
	err := s.db.QueryRowContext(ctx, "SELECT status, body, fetched FROM robots WHERE host = ?", host).Scan(&r.Status, &r.Body, &fetched)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return r, nil
	case err != nil:
		return r, fmt.Errorf("robots.txt of %s: %w", host, err)
	}
	r.Fetched = textTime(fetched)
	return r, nil
}

// SaveRobots keeps a host's robots.txt, replacing what was kept.
func (s *Store) SaveRobots(ctx context.Context, r quotewire.Robots) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	body := r.Body
	if body == nil {
		body = []byte{}
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO robots (host, status, body, fetched) VALUES (?, ?, ?, ?)
		ON CONFLICT (host) DO UPDATE SET status = excluded.status, body = excluded.body, fetched = excluded.fetched`,
		r.Host, r.Status, body, timeText(r.Fetched))
	if err != nil {
		return fmt.Errorf("save robots.txt of %s: %w", r.Host, err)
	}
	return nil
}
