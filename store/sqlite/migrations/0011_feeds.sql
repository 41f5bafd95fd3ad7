-- quotewire store, version 11: the feeds quotewire follow polls, and the
-- pages they listed (package follow); a feed's counts of pages and stored
-- articles are counted from feed_items when read. Times are RFC 3339 in UTC, '' for
-- never.
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    kind          TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    added         TEXT NOT NULL,
    last_poll     TEXT NOT NULL DEFAULT '',
    last_success  TEXT NOT NULL DEFAULT '',
    last_error    TEXT NOT NULL DEFAULT '',
    error         TEXT NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    next_poll     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE feed_items (
    url      TEXT PRIMARY KEY,
    feed     TEXT NOT NULL,
    seen     TEXT NOT NULL,
    article  TEXT NOT NULL DEFAULT '',
    error    TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    done     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX feed_items_feed ON feed_items(feed);
