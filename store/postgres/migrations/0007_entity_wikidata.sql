-- quotewire store on PostgreSQL, version 7: the Wikidata item each entity
-- is linked to ('' when unlinked), with the link's confidence (as in
-- store/sqlite/migrations/0006_entity_wikidata.sql).
ALTER TABLE entities ADD COLUMN wikidata text NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN wikidata_confidence double precision NOT NULL DEFAULT 0;
