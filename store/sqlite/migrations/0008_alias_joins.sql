-- quotewire store, version 8: why each name of an entity joined it (the
-- rule of store/internal/rules and what it matched) and the article it
-- first came from, for 'quotewire explain-entity'. Names stored before
-- have rule ''.
ALTER TABLE entity_aliases ADD COLUMN rule TEXT NOT NULL DEFAULT '';
ALTER TABLE entity_aliases ADD COLUMN detail TEXT NOT NULL DEFAULT '';
ALTER TABLE entity_aliases ADD COLUMN article TEXT NOT NULL DEFAULT '';
-- an entity's names by entity (its page and explanation read them)
CREATE INDEX entity_aliases_entity ON entity_aliases(entity);
