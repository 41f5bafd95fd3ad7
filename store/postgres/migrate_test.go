package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/pack"
	"github.com/quotewire/quotewire/store/internal/rules"
	"github.com/quotewire/quotewire/store/storetest"
)

// schemaAt makes a fresh schema as a build that knew only the first
// version migrations left it, and returns its name and a pool on it (for
// the test to write that build's rows; the test closes it).
func schemaAt(t *testing.T, version int) (string, *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	schema := freshSchema(t)
	cfg, err := pgxpool.ParseConfig(testURL(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = schema
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range migrationNames(t)[:version] {
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if _, err := pool.Exec(ctx, fmt.Sprintf("CREATE TABLE quotewire_schema (version integer NOT NULL); INSERT INTO quotewire_schema VALUES (%d)", version)); err != nil {
		t.Fatal(err)
	}
	return schema, pool
}

// TestUpgradeToActs opens a store made by a build that knew migrations 1
// and 2 (before quotes had acts): the upgrade reads its quotes as
// statements (what that build stored) and its speakers' statements as
// their quotes, and re-analysing an article (reanalyze's Replace) stores
// its new acts.
func TestUpgradeToActs(t *testing.T) {
	ctx := context.Background()
	schema, pool := schemaAt(t, 2)
	// Maria Zakharova's statement, question and belief, as that build
	// stored them: with no act
	rec := storetest.ActsCorpus()[0]
	old := *rec.Analysis
	old.Quotes = append([]quotewire.QuoteOut(nil), rec.Analysis.Quotes...)
	for i := range old.Quotes {
		old.Quotes[i].Act = ""
	}
	js, err := pack.Analysis(&old)
	if err != nil {
		t.Fatal(err)
	}
	var art, sp int64
	if err := pool.QueryRow(ctx, `INSERT INTO articles (key, source_id, url, title, date, outlet, text, analysis, added)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING id`, rec.Key, old.ID, old.URL, old.Title, old.Date, rec.Outlet, old.Text, js).Scan(&art); err != nil {
		t.Fatal(err)
	}
	e := old.Entities[0]
	key := quotewire.NameKey(e.Name)
	given, surname := quotewire.SplitName(key)
	if err := pool.QueryRow(ctx, "INSERT INTO entities (name, key, given, surname, type, quotes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
		e.Name, key, given, surname, string(e.Type), len(old.Quotes)).Scan(&sp); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, "INSERT INTO entity_aliases (entity, key, alias) VALUES ($1, $2, $3)", sp, key, e.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, "INSERT INTO article_entities (article, entity, local) VALUES ($1, $2, $3)", art, sp, e.ID); err != nil {
		t.Fatal(err)
	}
	for i, q := range old.Quotes {
		var qn int64
		if err := pool.QueryRow(ctx, "INSERT INTO quotations (key, text, speaker, first_date, occurrences) VALUES ($1, $2, $3, $4, 1) RETURNING id",
			rules.QuotationKey(q.Content.Text, sp), q.Content.Text, sp, old.Date).Scan(&qn); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `INSERT INTO quotes (article, seq, kind, text, date, start, "end", speaker, speaker_name, confidence, quotation, tsv)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, to_tsvector('quotewire', $12))`, art, i, string(q.Type), q.Content.Text, old.Date,
			q.Content.Start, q.Content.End, sp, q.Speaker.Name, q.Confidence, qn, Words(q.Content.Text)); err != nil {
			t.Fatal(err)
		}
	}
	pool.Close()

	s := openIn(t, schema)
	defer s.Close()
	var version int
	if err := s.Pool().QueryRow(ctx, "SELECT version FROM quotewire_schema").Scan(&version); err != nil || version != len(migrationNames(t)) {
		t.Fatalf("schema version %d, %v; want %d", version, err, len(migrationNames(t)))
	}
	// version 11 indexes a speaker's quotes with their act
	var idx []string
	rows, err := s.Pool().Query(ctx, "SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'quotes_speaker%' ORDER BY indexname", schema)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		rows.Scan(&name)
		idx = append(idx, name)
	}
	rows.Close()
	if strings.Join(idx, ",") != "quotes_speaker_act" {
		t.Errorf("speaker indexes after upgrading: %q, want quotes_speaker_act alone", idx)
	}
	storetest.UpgradedActs(t, s, rec, func() { checkConsistent(t, s) })
}

// TestUpgradeFeedPages opens a store made when a page counted only for
// the feed that listed it first (version 12): the upgrade keeps each
// feed's counts, and a page another feed lists counts for it too.
func TestUpgradeFeedPages(t *testing.T) {
	ctx := context.Background()
	schema, pool := schemaAt(t, 12)
	for _, q := range []string{
		"INSERT INTO feeds (url, added) VALUES ('https://a.example/rss', now()), ('https://b.example/rss', now())",
		`INSERT INTO feed_items (url, feed, seen, article, done) VALUES
			('https://a.example/1', 'https://a.example/rss', now(), 'k1', true),
			('https://a.example/2', 'https://a.example/rss', now(), '', false)`,
	} {
		if _, err := pool.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	pool.Close()

	s := openIn(t, schema)
	defer s.Close()
	if err := s.ListFeedPages(ctx, "https://b.example/rss", []string{"https://a.example/1"}); err != nil {
		t.Fatal(err)
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 || feeds[0].Items != 2 || feeds[0].Stored != 1 || feeds[1].Items != 1 || feeds[1].Stored != 1 {
		t.Errorf("after upgrading: %+v; want 2 pages (1 stored) and 1 (1 stored)", feeds)
	}
}
