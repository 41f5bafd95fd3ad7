-- quotewire store on PostgreSQL, version 2: writers store articles,
-- quotes, links and bands in parallel (see put.go). A foreign key check
-- locks the row it refers to (FOR KEY SHARE), so every quote locked its
-- speaker's and its quotation's row, and every link, alias and role its
-- entity's: the hottest rows of the store, locked by every writer at
-- once, and by the writer holding the write lock while it waits. The
-- writer keeps these references right itself (an article's rows are
-- written in the transaction that writes the article; an alias or role
-- with its entity, or after it; entities are never deleted; Replace
-- deletes only quotations it left without occurrences, and a writer that
-- finds one of its quotations gone stores its batch again).
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
        WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
          AND conrelid::regclass::text IN ('quotes', 'article_entities', 'article_bands', 'entity_aliases', 'entity_roles')
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.tbl, c.conname);
    END LOOP;
END
$$;

-- Replace now deletes the quotations it emptied by id, so the partial
-- index of empty quotations is not needed; without it, counting a
-- quotation's occurrences changes no indexed column, and PostgreSQL can
-- update the row in place (a HOT update: no new index entries), with room
-- left in each page for that.
DROP INDEX IF EXISTS quotations_unused;
ALTER TABLE quotations SET (fillfactor = 85);
