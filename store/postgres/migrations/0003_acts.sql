-- quotewire store on PostgreSQL, version 3: what each quote does and how
-- it is attributed (as in store/sqlite/migrations/0003_acts.sql), so that
-- the archive shows statements unless asked for other acts. Quotes stored
-- before this version were all statements; `quotewire reanalyze` rewrites
-- them with the current analysis. Columns with a constant default are
-- added without rewriting the table.
ALTER TABLE quotes
    ADD COLUMN act         text NOT NULL DEFAULT 'statement', -- statement, question, directive, belief, evaluation or other
    ADD COLUMN anonymous   boolean NOT NULL DEFAULT false,    -- the speaker is unnamed (speaker_name is the descriptor, speaker NULL)
    ADD COLUMN continued   boolean NOT NULL DEFAULT false,    -- a later part of one quote, with no cue of its own
    ADD COLUMN via         text NOT NULL DEFAULT '',          -- who relayed it ("the newspaper"), '' for none
    ADD COLUMN via_speaker bigint;                            -- the relay as a stored entity, when it is one (no foreign key: see migration 2)
-- the rarer acts, newest first within each: a search for questions reads
-- them in order. Statements, most quotes, are found along the date index
-- and cost the index nothing to write.
CREATE INDEX quotes_act ON quotes (act, date, id) WHERE act <> 'statement';

-- each entity's statements, beside its quotes of every act: the default
-- speaker lists and counts need not count quotes
ALTER TABLE entities ADD COLUMN statements integer NOT NULL DEFAULT 0;
UPDATE entities SET statements = quotes WHERE quotes <> 0;
CREATE INDEX entities_statements ON entities (statements DESC, id);
