-- quotewire store, version 3: what each quote does and how it is
-- attributed, so that the archive shows statements unless asked for other
-- acts. Quotes stored before this version were all statements (earlier
-- builds dropped the other acts); `quotewire reanalyze` rewrites them
-- with the current analysis.
ALTER TABLE quotes ADD COLUMN act TEXT NOT NULL DEFAULT 'statement'; -- statement, question, directive, belief, evaluation or other
ALTER TABLE quotes ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0;  -- 1: the speaker is unnamed (speaker_name is the descriptor, speaker NULL)
ALTER TABLE quotes ADD COLUMN continued INTEGER NOT NULL DEFAULT 0;  -- 1: a later part of one quote, with no cue of its own
ALTER TABLE quotes ADD COLUMN via TEXT NOT NULL DEFAULT '';          -- who relayed it ("the newspaper"), '' for none
ALTER TABLE quotes ADD COLUMN via_speaker INTEGER REFERENCES entities(id); -- the relay as a stored entity, when it is one
-- the rarer acts, newest first within each: a search for questions reads
-- them in order. Statements, most quotes, are found along the date index
-- and cost the index nothing to write.
CREATE INDEX quotes_act ON quotes(act, date) WHERE act != 'statement';

-- each entity's statements, beside its quotes of every act: the default
-- speaker lists and counts need not count quotes
ALTER TABLE entities ADD COLUMN statements INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET statements = quotes WHERE quotes != 0;
CREATE INDEX entities_statements ON entities(statements DESC);
