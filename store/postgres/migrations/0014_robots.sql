-- quotewire store, version 14: each host's robots.txt as last fetched
-- (package fetch), as SQLite's version 13.
CREATE TABLE IF NOT EXISTS robots (
    host    TEXT PRIMARY KEY,
    status  INTEGER NOT NULL,
    body    BYTEA NOT NULL,
    fetched TIMESTAMPTZ NOT NULL
);
