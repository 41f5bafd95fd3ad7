-- quotewire store on PostgreSQL, version 1: the tables of the SQLite store
-- (store/sqlite/migrations/0001_init.sql) with a tsvector over each
-- quote's words, in a GIN index, in place of FTS5. Dates are text
-- (YYYY-MM-DD or '') compared bytewise: COLLATE "C".

-- the words of quotes: PostgreSQL's 'simple' configuration (no stemming,
-- no stop words), with accents removed when the unaccent extension can be
-- installed (in schema public, so that dropping one store's schema does
-- not drop it from under another's); without it, "Stamenković" and
-- "Stamenkovic" are different words
CREATE TEXT SEARCH CONFIGURATION quotewire (COPY = pg_catalog.simple);
DO $$
DECLARE
    nsp name;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'quotewire: unaccent is not available (%): words keep their accents', SQLERRM;
    END;
    SELECT n.nspname INTO nsp FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
        WHERE x.extname = 'unaccent';
    IF nsp IS NOT NULL THEN
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION quotewire ALTER MAPPING FOR word, numword, hword, hword_part, numhword, hword_numpart WITH %I.unaccent, simple', nsp);
    END IF;
END
$$;

CREATE TABLE articles (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key       text NOT NULL UNIQUE,                -- quotewire.ArticleKey(url, text)
    source_id text NOT NULL DEFAULT '',            -- the reader's id (file name, record id)
    url       text NOT NULL DEFAULT '',
    title     text NOT NULL DEFAULT '',
    date      text COLLATE "C" NOT NULL DEFAULT '', -- YYYY-MM-DD or ''
    outlet    text NOT NULL DEFAULT '',
    dateline  text NOT NULL DEFAULT '',
    agency    text NOT NULL DEFAULT '',
    text      text NOT NULL,
    file      text NOT NULL DEFAULT '',
    line      bigint NOT NULL DEFAULT 0,
    record    bigint NOT NULL DEFAULT 0,
    cluster   bigint,                              -- id of the first article of its near-duplicate group
    signature bytea,                               -- MinHash signature (little-endian uint32s)
    analysis  bytea NOT NULL,                      -- the analysis as zstd-compressed JSON without its text (store/internal/pack)
    added     timestamptz NOT NULL
);
CREATE INDEX articles_date ON articles (date);
CREATE INDEX articles_outlet ON articles (outlet, date);
CREATE INDEX articles_cluster ON articles (cluster);

-- locality-sensitive hashing bands of the signatures: articles sharing a
-- band are near-duplicate candidates
CREATE TABLE article_bands (
    band    smallint NOT NULL,
    hash    bigint NOT NULL,
    article bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article)
);
CREATE INDEX article_bands_article ON article_bands (article);

CREATE TABLE entities (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name    text NOT NULL,
    key     text NOT NULL,                 -- quotewire.NameKey(name)
    given   text NOT NULL DEFAULT '',
    surname text NOT NULL DEFAULT '',
    type    text NOT NULL DEFAULT '',
    quotes  integer NOT NULL DEFAULT 0     -- quotes attributed to it
);
CREATE INDEX entities_key ON entities (key);
CREATE INDEX entities_surname ON entities (surname, type, quotes DESC, id);
CREATE INDEX entities_quotes ON entities (quotes DESC, id);

CREATE TABLE entity_aliases (
    entity bigint NOT NULL REFERENCES entities (id),
    key    text NOT NULL,
    alias  text NOT NULL,
    PRIMARY KEY (key, entity)
);
CREATE INDEX entity_aliases_entity ON entity_aliases (entity);

CREATE TABLE entity_roles (
    entity bigint NOT NULL REFERENCES entities (id),
    role   text NOT NULL,
    head   text NOT NULL,                  -- the role's head word: "minister"
    PRIMARY KEY (entity, role)
);
CREATE INDEX entity_roles_head ON entity_roles (head);

CREATE TABLE article_entities (
    article bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity  bigint NOT NULL REFERENCES entities (id),
    local   text NOT NULL,                 -- the entity's id in the analysis ("e1")
    PRIMARY KEY (article, local)
);
CREATE INDEX article_entities_entity ON article_entities (entity, article);

CREATE TABLE quotations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key         text NOT NULL UNIQUE,      -- hash of the normalised text (and speaker, for short quotes)
    text        text NOT NULL,
    speaker     bigint REFERENCES entities (id),
    first_date  text COLLATE "C" NOT NULL DEFAULT '',
    occurrences integer NOT NULL DEFAULT 0
);
-- the quotations a Replace left without occurrences, which it deletes
CREATE INDEX quotations_unused ON quotations (id) WHERE occurrences <= 0;

CREATE TABLE quotes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article      bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq          integer NOT NULL,         -- its index in the analysis
    kind         text NOT NULL,
    text         text NOT NULL,
    date         text COLLATE "C" NOT NULL DEFAULT '', -- the article's date, for ordering
    start        integer NOT NULL,
    "end"        integer NOT NULL,
    speaker      bigint REFERENCES entities (id),
    speaker_name text NOT NULL DEFAULT '',
    confidence   double precision NOT NULL,
    quotation    bigint NOT NULL REFERENCES quotations (id),
    -- the quote's words (runs of letters and digits, lower case, as the
    -- query parser splits them), written by the store: to_tsvector('quotewire', words)
    tsv          tsvector NOT NULL,
    UNIQUE (article, seq)
);
CREATE INDEX quotes_speaker ON quotes (speaker, date, id);
CREATE INDEX quotes_date ON quotes (date, id);
CREATE INDEX quotes_quotation ON quotes (quotation);
CREATE INDEX quotes_tsv ON quotes USING gin (tsv);
