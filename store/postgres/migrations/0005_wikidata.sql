-- quotewire store on PostgreSQL, version 5: Wikidata items for linking
-- (as in store/sqlite/migrations/0005_wikidata.sql). An import updates
-- items in place and marks them with its id; when it completes, the items
-- it did not see are removed.
CREATE TABLE wikidata_imports (
    id       bigserial PRIMARY KEY,
    source   text NOT NULL,
    started  timestamptz NOT NULL,
    finished timestamptz,
    items    bigint
);
CREATE TABLE wikidata_items (
    qid         text PRIMARY KEY,
    kind        text NOT NULL,
    label       text NOT NULL,
    description text NOT NULL,
    data        jsonb NOT NULL,
    import_id   bigint NOT NULL
);
CREATE INDEX wikidata_items_import ON wikidata_items (import_id);
CREATE TABLE wikidata_names (
    name_key text NOT NULL,
    qid      text NOT NULL,
    PRIMARY KEY (name_key, qid)
);
CREATE INDEX wikidata_names_qid ON wikidata_names (qid);
