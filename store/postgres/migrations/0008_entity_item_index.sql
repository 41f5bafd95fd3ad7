-- quotewire store on PostgreSQL, version 8: entities found by the Wikidata
-- item they are linked to (as store/sqlite/migrations/0007).
CREATE INDEX entities_wikidata ON entities(wikidata) WHERE wikidata <> '';
