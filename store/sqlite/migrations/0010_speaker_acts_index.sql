-- quotewire store, version 10: a speaker's quotes are indexed by (speaker,
-- date, act), not (speaker, date): a speaker's timeline and counts filtered
-- by act (statements, by default) are read from the index alone, without
-- visiting the quotes (the most quoted speaker's month timeline on a
-- 100,000-article store: 106-120 ms before, 38-56 ms after).
CREATE INDEX IF NOT EXISTS quotes_speaker_act ON quotes(speaker, date, act);
DROP INDEX IF EXISTS quotes_speaker;
