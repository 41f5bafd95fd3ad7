-- quotewire store, version 12: the feeds quotewire follow polls, and the
-- pages they listed (package follow); a feed's counts of pages and stored
-- articles are counted from feed_items when read, as SQLite's version 11. NULL times
-- are never.
CREATE TABLE IF NOT EXISTS feeds (
    id            BIGSERIAL UNIQUE,
    url           TEXT PRIMARY KEY,
    kind          TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    added         TIMESTAMPTZ NOT NULL,
    last_poll     TIMESTAMPTZ,
    last_success  TIMESTAMPTZ,
    last_error    TIMESTAMPTZ,
    error         TEXT NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    next_poll     TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS feed_items (
    url      TEXT PRIMARY KEY,
    feed     TEXT NOT NULL,
    seen     TIMESTAMPTZ NOT NULL,
    article  TEXT NOT NULL DEFAULT '',
    error    TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    done     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX IF NOT EXISTS feed_items_feed ON feed_items (feed);
