package sqlite

import (
	"database/sql"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/pack"
	"github.com/quotewire/quotewire/store/internal/rules"
	"github.com/quotewire/quotewire/store/storetest"
)

// oldStore writes a store as a build that knew only migrations 1 and 2
// made it (before acts), holding rec's article, speaker and quotes, and
// returns its path.
func oldStore(t *testing.T, rec quotewire.Record) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec := func(q string, args ...any) sql.Result {
		t.Helper()
		res, err := db.Exec(q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res
	}
	for _, name := range []string{"migrations/0001_init.sql", "migrations/0002_role_dates.sql"} {
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		exec(string(body))
	}
	exec("PRAGMA user_version = 2")
	a := rec.Analysis
	js, err := pack.Analysis(a)
	if err != nil {
		t.Fatal(err)
	}
	art, _ := exec(`INSERT INTO articles (key, source_id, url, title, date, outlet, text, analysis, added)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2021-01-01T00:00:00Z')`, rec.Key, a.ID, a.URL, a.Title, a.Date, rec.Outlet, a.Text, js).LastInsertId()
	e := a.Entities[0]
	key := quotewire.NameKey(e.Name)
	given, surname := quotewire.SplitName(key)
	sp, _ := exec("INSERT INTO entities (name, key, given, surname, type, quotes) VALUES (?, ?, ?, ?, ?, ?)",
		e.Name, key, given, surname, string(e.Type), len(a.Quotes)).LastInsertId()
	exec("INSERT INTO entity_aliases (entity, key, alias) VALUES (?, ?, ?)", sp, key, e.Name)
	exec("INSERT INTO article_entities (article, entity, local) VALUES (?, ?, ?)", art, sp, e.ID)
	for i, q := range a.Quotes {
		qn, _ := exec("INSERT INTO quotations (key, text, speaker, first_date, occurrences) VALUES (?, ?, ?, ?, 1)",
			rules.QuotationKey(q.Content.Text, sp), q.Content.Text, sp, a.Date).LastInsertId()
		exec(`INSERT INTO quotes (article, seq, kind, text, date, tags, start, end, speaker, speaker_name, confidence, quotation)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, art, i, string(q.Type), q.Content.Text, a.Date, quoteTags(sp, rec.Outlet, a.Date),
			q.Content.Start, q.Content.End, sp, q.Speaker.Name, q.Confidence, qn)
	}
	exec("INSERT INTO quotes_fts (rowid, text, speaker_name, tags) SELECT id, text, speaker_name, tags FROM quotes")
	exec("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles")
	return path
}

// TestUpgradeToActs opens a store made before quotes had acts: the
// upgrade reads its quotes as statements (what that build stored) and
// its speakers' statements as their quotes, and re-analysing an article
// (reanalyze's Replace) stores its new acts.
func TestUpgradeToActs(t *testing.T) {
	rec := storetest.ActsCorpus()[0] // Maria Zakharova: a statement, a question, a belief
	old := *rec.Analysis
	old.Quotes = append([]quotewire.QuoteOut(nil), rec.Analysis.Quotes...)
	for i := range old.Quotes {
		old.Quotes[i].Act = "" // the old build's analysis had none
	}
	path := oldStore(t, quotewire.Record{Key: rec.Key, Analysis: &old, Outlet: rec.Outlet})

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	latest, _ := fs.Glob(migrations, "migrations/*.sql")
	if err := s.DB().QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != len(latest) {
		t.Fatalf("schema version %d, %v; want %d", version, err, len(latest))
	}
	// version 9 dropped the full-text index of whole articles, which
	// nothing read
	var n int
	if err := s.DB().QueryRow("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('articles_fts', 'articles_ad')").Scan(&n); err != nil || n != 0 {
		t.Errorf("after upgrading: %d of articles_fts and its trigger left, %v", n, err)
	}
	// version 10 indexes a speaker's quotes with their act
	var idx []string
	rows, err := s.DB().Query("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'quotes_speaker%' ORDER BY name")
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
	storetest.UpgradedActs(t, s, rec, nil)
}

// TestUpgradeFeedPages opens a store made when a page counted only for
// the feed that listed it first (version 11): the upgrade keeps each
// feed's counts, and a page another feed lists counts for it too.
func TestUpgradeFeedPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v11.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	for _, name := range names[:11] {
		body, err := migrations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, q := range []string{
		"PRAGMA user_version = 11",
		"INSERT INTO feeds (url, added) VALUES ('https://a.example/rss', '2026-12-01T00:00:00Z'), ('https://b.example/rss', '2026-12-01T00:00:00Z')",
		`INSERT INTO feed_items (url, feed, seen, article, done) VALUES
			('https://a.example/1', 'https://a.example/rss', '2026-12-01T00:00:00Z', 'k1', 1),
			('https://a.example/2', 'https://a.example/rss', '2026-12-01T00:00:00Z', '', 0)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
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
