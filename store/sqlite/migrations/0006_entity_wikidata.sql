-- quotewire store, version 6: the Wikidata item each entity is linked to
-- ("" when unlinked), with the link's confidence (quotewire wikidata link).
ALTER TABLE entities ADD COLUMN wikidata TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN wikidata_confidence REAL NOT NULL DEFAULT 0;
