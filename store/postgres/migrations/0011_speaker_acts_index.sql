-- quotewire store, version 11: a speaker's quotes are indexed with their
-- act as well (as SQLite's version 10), so that a speaker's timeline and
-- counts filtered by act can be read by an index-only scan.
CREATE INDEX IF NOT EXISTS quotes_speaker_act ON quotes (speaker, date, id) INCLUDE (act);
DROP INDEX IF EXISTS quotes_speaker;
