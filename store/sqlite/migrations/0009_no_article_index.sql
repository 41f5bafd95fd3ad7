-- quotewire store, version 9: no full-text index of whole articles. It was
-- written at every Put (the largest part of storing an article: every word
-- of its text) and read by nothing: search is over quotes (quotes_fts).
DROP TRIGGER IF EXISTS articles_ad;
DROP TABLE IF EXISTS articles_fts;
