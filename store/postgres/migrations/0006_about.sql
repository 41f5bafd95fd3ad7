-- quotewire store on PostgreSQL, version 6: the entities each quote's
-- content names (QuoteOut.About), as store ids, for "what X said about
-- Y". Stores made before hold none until 'quotewire reanalyze'.
ALTER TABLE quotes ADD COLUMN about bigint[] NOT NULL DEFAULT '{}';
CREATE INDEX quotes_about ON quotes USING gin (about);
