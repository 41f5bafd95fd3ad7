-- quotewire store, version 1: articles, entities resolved across articles,
-- quotes grouped into quotations, full-text indexes.

CREATE TABLE articles (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,       -- quotewire.ArticleKey(url, text)
    source_id TEXT NOT NULL DEFAULT '',   -- the reader's id (file name, record id)
    url       TEXT NOT NULL DEFAULT '',
    title     TEXT NOT NULL DEFAULT '',
    date      TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD or ''
    outlet    TEXT NOT NULL DEFAULT '',
    dateline  TEXT NOT NULL DEFAULT '',
    agency    TEXT NOT NULL DEFAULT '',
    text      TEXT NOT NULL,
    file      TEXT NOT NULL DEFAULT '',
    line      INTEGER NOT NULL DEFAULT 0,
    record    INTEGER NOT NULL DEFAULT 0,
    cluster   INTEGER,                    -- id of the first article of its near-duplicate group
    signature BLOB,                       -- MinHash signature (little-endian uint32s)
    analysis  BLOB NOT NULL,              -- the quotewire.Analysis as zstd-compressed JSON, without its text (compact.go)
    added     TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet, date);
CREATE INDEX articles_cluster ON articles(cluster);

-- locality-sensitive hashing bands of the signatures: articles sharing a
-- band are near-duplicate candidates
CREATE TABLE article_bands (
    band    INTEGER NOT NULL,
    hash    INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article)
) WITHOUT ROWID;

CREATE TABLE entities (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    key     TEXT NOT NULL,               -- quotewire.NameKey(name)
    given   TEXT NOT NULL DEFAULT '',
    surname TEXT NOT NULL DEFAULT '',
    type    TEXT NOT NULL DEFAULT '',
    quotes  INTEGER NOT NULL DEFAULT 0    -- quotes attributed to it
);
CREATE INDEX entities_key ON entities(key);
CREATE INDEX entities_surname ON entities(surname, type);
CREATE INDEX entities_quotes ON entities(quotes DESC);

CREATE TABLE entity_aliases (
    entity INTEGER NOT NULL REFERENCES entities(id),
    key    TEXT NOT NULL,
    alias  TEXT NOT NULL,
    PRIMARY KEY (key, entity)
) WITHOUT ROWID;

CREATE TABLE entity_roles (
    entity INTEGER NOT NULL REFERENCES entities(id),
    role   TEXT NOT NULL,
    head   TEXT NOT NULL,                -- the role's head word: "minister"
    PRIMARY KEY (entity, role)
) WITHOUT ROWID;
CREATE INDEX entity_roles_head ON entity_roles(head);

CREATE TABLE article_entities (
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity  INTEGER NOT NULL REFERENCES entities(id),
    local   TEXT NOT NULL,               -- the entity's id in the analysis ("e1")
    PRIMARY KEY (article, local)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity, article);

CREATE TABLE quotations (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,    -- normalised text (and speaker, for short quotes)
    text        TEXT NOT NULL,
    speaker     INTEGER REFERENCES entities(id),
    first_date  TEXT NOT NULL DEFAULT '',
    occurrences INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE quotes (
    id          INTEGER PRIMARY KEY,
    article     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,        -- its index in the analysis
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    date        TEXT NOT NULL DEFAULT '', -- the article's date, for ordering
    tags        TEXT NOT NULL DEFAULT '', -- filter tokens for the full-text index (see tags.go)
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    speaker     INTEGER REFERENCES entities(id),
    speaker_name TEXT NOT NULL DEFAULT '',
    confidence  REAL NOT NULL,
    quotation   INTEGER NOT NULL REFERENCES quotations(id),
    UNIQUE (article, seq)
);
CREATE INDEX quotes_speaker ON quotes(speaker, date);
CREATE INDEX quotes_date ON quotes(date);
CREATE INDEX quotes_quotation ON quotes(quotation);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, tags, content='quotes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
-- rows are added to the full-text indexes once per batch by the store (a
-- per-row trigger makes FTS5 flush its buffer at every statement)
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name, tags) VALUES ('delete', old.id, old.text, old.speaker_name, old.tags);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
