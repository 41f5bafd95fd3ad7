-- quotewire store, version 13: each host's robots.txt as last fetched
-- (package fetch), so that processes that start often do not ask every
-- host for it again. host is scheme://host[:port], lower case; fetched is
-- RFC 3339 in UTC.
CREATE TABLE robots (
    host    TEXT PRIMARY KEY,
    status  INTEGER NOT NULL,
    body    BLOB NOT NULL,
    fetched TEXT NOT NULL
) WITHOUT ROWID;
