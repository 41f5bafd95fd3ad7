-- quotewire store on PostgreSQL, version 4: the quotes of unnamed
-- speakers ("senior official"), by their description (case aside) and
-- date, for the list of unnamed speakers per outlet and the search for one
-- of them (as in store/sqlite/migrations/0004_unnamed.sql). Only those
-- quotes are in the index.
CREATE INDEX quotes_unnamed ON quotes (lower(speaker_name), date) WHERE anonymous;
