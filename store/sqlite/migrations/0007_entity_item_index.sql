-- quotewire store, version 7: entities found by the Wikidata item they are
-- linked to, as ingest resolves a linked name (only linked entities are
-- indexed).
CREATE INDEX entities_wikidata ON entities(wikidata) WHERE wikidata != '';
