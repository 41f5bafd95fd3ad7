-- quotewire store on PostgreSQL, version 9: why each name of an entity
-- joined it, and the article it first came from (as
-- store/sqlite/migrations/0008_alias_joins.sql).
ALTER TABLE entity_aliases ADD COLUMN rule text NOT NULL DEFAULT '';
ALTER TABLE entity_aliases ADD COLUMN detail text NOT NULL DEFAULT '';
ALTER TABLE entity_aliases ADD COLUMN article text NOT NULL DEFAULT '';
