-- quotewire store, version 12: which feeds listed which pages. A page is
-- fetched once (feed_items, keyed by its URL) but counted for every feed
-- that lists it; the pages already known count for the feed that listed
-- them first.
CREATE TABLE feed_pages (
    feed TEXT NOT NULL,
    url  TEXT NOT NULL,
    PRIMARY KEY (feed, url)
) WITHOUT ROWID;
INSERT INTO feed_pages (feed, url) SELECT feed, url FROM feed_items;
-- a feed's counts are read from feed_pages now
DROP INDEX feed_items_feed;
