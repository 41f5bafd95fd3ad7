-- quotewire store, version 5: Wikidata items for linking (quotewire
-- wikidata import). Each item's statements are kept as JSON in data; its
-- label and aliases are found through wikidata_names by name key. An
-- import updates items in place and marks them with its id; when it
-- completes, the items it did not see are removed.
CREATE TABLE wikidata_imports (
    id       INTEGER PRIMARY KEY,
    source   TEXT NOT NULL,
    started  TEXT NOT NULL,
    finished TEXT,
    items    INTEGER
);
CREATE TABLE wikidata_items (
    qid         TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    label       TEXT NOT NULL,
    description TEXT NOT NULL,
    data        TEXT NOT NULL,
    import_id   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX wikidata_items_import ON wikidata_items(import_id);
CREATE TABLE wikidata_names (
    name_key TEXT NOT NULL,
    qid      TEXT NOT NULL,
    PRIMARY KEY (name_key, qid)
) WITHOUT ROWID;
CREATE INDEX wikidata_names_qid ON wikidata_names(qid);
