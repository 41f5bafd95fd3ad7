-- quotewire store, version 4: the quotes of unnamed speakers ("senior
-- official"), by their description and date, for the list of unnamed
-- speakers per outlet and the search for one of them. Only those quotes
-- are in the index.
CREATE INDEX quotes_unnamed ON quotes(speaker_name COLLATE NOCASE, date) WHERE anonymous = 1;
